"""``pallnav export`` Markdown passes markdownlint itself (markdownlint-cli2, every
default rule but line length): the summary and the visit sheet, in both languages,
across answer combinations that cover every option of every question.

Without markdownlint-cli2 these skip and say how to install it, except in CI
(CI=true), where ``.ci/run`` installs it and a skip would hide a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from bundled import pack
from pallnav.answers import OPTIONS, Answers
from pallnav.in_use import words_of
from pallnav.markdown import to_markdown
from pallnav.pack import Pack
from pallnav.record import ITEMS, Entry, Medicine
from pallnav.record_sheet import RecordShown
from pallnav.tailor import tailor
from pallnav.views import guide_document, visit_document
from printing import contacts, messages

SINGLE = ("role", "stage", "age", "setting", "insurance")


def markdownlint() -> str:
    found = shutil.which("markdownlint-cli2")
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail("CI=true but markdownlint-cli2 is missing; .ci/run installs it")
    pytest.skip("markdownlint-cli2 is not installed; npm install -g markdownlint-cli2")


def combinations() -> list[Answers]:
    """Every option of every question at least once, with every stage for every
    role, and no worry, one worry or every worry in turn."""
    worries = [(), ("pain",), tuple(OPTIONS["concerns"]), ("mood", "family", "cost")]
    others = [itertools.cycle(OPTIONS[q]) for q in SINGLE[2:]]
    out = []
    for index, (role, stage) in enumerate(itertools.product(OPTIONS["role"], OPTIONS["stage"])):
        rest = {q: next(values) for q, values in zip(SINGLE[2:], others, strict=True)}
        out.append(Answers(role=role, stage=stage, **rest, concerns=worries[index % len(worries)]))
    return out


def records(chosen: Pack) -> list[RecordShown | None]:
    """A week of scores with a named other problem and medicines; nothing recorded
    (blank grids); and no record section at all."""
    today = reach_day = contacts(chosen.channels).at.date()
    week = tuple(
        Entry(
            today - timedelta(days=n),
            tuple((item, (n * 3 + i) % 11) for i, item in enumerate(ITEMS)),
            other="itching | *stars*",
        )
        for n in range(7)
    )
    medicines = (Medicine("m", "Morphine_liquid", "5 mg", "every 4 hours | as needed", "pain"),)
    words = words_of(chosen)
    return [
        RecordShown(week, medicines, reach_day, words),
        RecordShown((), (), reach_day, words),
        None,
    ]


def lint(folder: Path) -> list[str]:
    config = folder / "config.markdownlint-cli2.jsonc"
    config.write_text(json.dumps({"config": {"default": True, "MD013": False}}))
    result = subprocess.run(
        [markdownlint(), "--config", str(config), "*.md"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    found = [line for line in (result.stdout + result.stderr).splitlines() if " MD" in line]
    assert result.returncode == 0 or found, result.stdout + result.stderr
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_summary_and_the_visit_sheet_pass_markdownlint(language: str, tmp_path: Path) -> None:
    chosen, words = pack(language), messages(language)
    reach = contacts(chosen.channels)
    for number, answers in enumerate(combinations()):
        guide = tailor(chosen, answers)
        record = records(chosen)[number % 3]
        summary = guide_document(
            guide, chosen, reach, words, origin="bundled", paper=True, record=record
        )
        (tmp_path / f"summary-{number}.md").write_text(to_markdown(summary), encoding="utf-8")
        sheet = visit_document(guide, chosen, reach, words, record)
        (tmp_path / f"visit-{number}.md").write_text(to_markdown(sheet), encoding="utf-8")
    assert lint(tmp_path) == []


def test_markdownlint_finds_what_it_is_asked_to_find(tmp_path: Path) -> None:
    # The check itself can fail: an emphasised line standing in for a heading.
    (tmp_path / "bad.md").write_text("# Title\n\n*Sources: a book*\n", encoding="utf-8")
    assert any("MD036" in line for line in lint(tmp_path))
