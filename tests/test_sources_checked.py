"""Every source carries the date a person last confirmed it says what the pack
cites; `content check` warns, without failing, about sources not checked for a year."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import Runner
from packs import PACK_TOML, write_pack
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Source, sources_to_check
from pallnav.pack_loader import check_pack, load_pack

TODAY = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_bundled_source_has_a_checked_date_within_the_year(language: str) -> None:
    pack = load_pack(bundled_content_dir(language))
    assert [s.id for s in pack.sources.values() if s.checked is None] == []
    assert all(
        s.checked is not None and s.checked <= date(2026, 12, 5) for s in pack.sources.values()
    )
    assert sources_to_check(pack.sources.values(), date(2026, 11, 29)) == []


def test_a_source_is_due_a_year_and_a_day_after_it_was_checked() -> None:
    checked = Source("a", "A", "P", checked=date(2025, 11, 24))
    never = Source("b", "B", "P")
    assert sources_to_check([checked, never], date(2026, 11, 24)) == [never]
    assert sources_to_check([checked, never], date(2026, 11, 25)) == [checked, never]


def test_checked_must_be_a_toml_date(tmp_path: Path) -> None:
    text = PACK_TOML + 'checked = "last week"\n'
    _, problems = check_pack(write_pack(tmp_path, pack_toml=text))
    assert [p.field for p in problems] == ["sources.acs.checked"]
    assert "must be a date like 2026-11-29" in problems[0].reason


def test_content_check_warns_about_old_and_missing_checks_but_passes(
    run: Runner, tmp_path: Path
) -> None:
    text = PACK_TOML + (
        "checked = 2025-06-01\n\n"
        '[sources.nci]\ntitle = "Palliative Care in Cancer"\npublisher = "NCI"\n'
    )
    section = (
        '+++\nid = "what"\ntitle = "What it is"\norder = 10\nsources = ["acs", "nci"]\n+++\n'
        "Palliative care is extra help. It is for people who are very ill.\n"
    )
    pack = write_pack(tmp_path, pack_toml=text, **{"sections__010-what_md": section})
    result = run("content", "check", str(pack), at=TODAY)
    assert result.code == 0, result.out
    assert "warning: source acs was last checked on June 1, 2025, more than a year ago" in " ".join(
        result.out.split()
    )
    assert "warning: source nci has no checked date" in result.out
    assert "No problems" in result.out


def test_content_check_says_nothing_of_sources_checked_this_year(
    run: Runner, tmp_path: Path
) -> None:
    pack = write_pack(tmp_path, pack_toml=PACK_TOML + "checked = 2026-06-01\n")
    result = run("content", "check", str(pack), at=TODAY)
    assert result.code == 0
    assert "warning" not in result.out


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_pack_is_reviewed_on_the_day_its_newest_source_was_checked(language: str) -> None:
    """The rule (docs/pack-format.md): `reviewed` is the day the newest `checked` date was
    set, so the guide's "reviewed on" is never older than a fact it shows, and every source
    was checked within the year before it."""
    pack = load_pack(bundled_content_dir(language))
    checked = [s.checked for s in pack.sources.values() if s.checked is not None]
    assert max(checked) == pack.reviewed
    assert sources_to_check(pack.sources.values(), pack.reviewed) == []
