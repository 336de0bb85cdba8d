"""Since the last visit (issue 19, item 3): the last week's symptom scores and the
medicine list on the visit sheet, in the summary and in ``guide --json``; a blank
grid to fill in by hand when nothing is recorded; nothing of the record loaded by
the commands that do not show it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Runner
from markdown_rules import problems

CAREGIVER = (
    "--no-profile", "--role", "caregiver", "--stage", "end-of-life", "--age", "older-adult",
    "--setting", "home", "--insurance", "medicare", "--concern", "pain",
)  # fmt: skip
#: The fixed clock's Friday (conftest): the week shown runs Saturday 21 to Friday 27.
WEEK = [f"2026-11-{day}" for day in range(21, 28)]


def keep_a_week(run: Runner) -> None:
    """Pain climbing to 8 (call now), worry up by 3, tiredness steady; two medicines."""
    for index, day in enumerate(WEEK):
        scores = ("--pain", str(2 + index), "--tiredness", "4", "--worry", str(1 + index // 2))
        saved = run("log", "--at", day, *scores)
        assert saved.code == 0, saved.err
    for name, dose, when, what in (
        ("Morphine", "5 mg", "every 4 hours when needed", "pain"),
        ("Senna", "2 tablets", "at bedtime", "constipation"),
    ):
        added = run("meds", "add", "--name", name, "--dose", dose, "--when", when, "--for", what)
        assert added.code == 0, added.err


def test_the_sheet_shows_the_week_marked_ones_first_and_the_medicines(run: Runner) -> None:
    keep_a_week(run)
    text = run("export", "--visit", "-", "--format", "plain", *CAREGIVER).out
    since = text[text.index("Since the last visit") : text.index("Questions to")]
    rows = [r for r in since.splitlines() if re.match(r"^\w.*\d$", r) and "Fri 27" not in r]
    assert rows[0].split()[:2] == ["Pain", "*"]  # call now, first
    assert rows[0].split()[-7:] == ["2", "3", "4", "5", "6", "7", "8"]
    assert rows[1].startswith("Worry or nerves *") or rows[1].startswith("Worry *")
    assert "Tiredness" in rows[2]
    assert "* Tell your care team." in since
    assert "Pain: Call your care team now, day or night. In an emergency, call 911." in (
        " ".join(since.split())
    )
    assert "Sat 21" in since and "Fri 27" in since
    assert re.search(r"Morphine\s+5 mg\s+every 4 hours when needed\s+pain", since)
    assert "Senna" in since


def test_with_nothing_recorded_the_sheet_has_a_blank_grid_to_fill_in(run: Runner) -> None:
    text = run("export", "--visit", "-", "--format", "plain", *CAREGIVER).out
    since = text[text.index("Since the last visit") : text.index("Questions to")]
    assert "Each day, write a score for each symptom." in since
    # From the day it is made on: Friday 27 to Thursday 3.
    assert re.search(r"Symptom\s+Fri 27\s+Sat 28 .* Thu 3", since)
    assert re.search(r"^Pain\s+(______\s+){6}______$", since, re.MULTILINE)
    assert "Write each medicine the person takes" in since
    assert not list(Path(os.environ["XDG_DATA_HOME"]).rglob("record.sqlite3"))  # made nothing


def test_the_html_sheet_draws_a_chart_per_symptom_with_the_numbers_as_text(
    run: Runner,
) -> None:
    keep_a_week(run)
    html = run("export", "--visit", "-", "--format", "html", *CAREGIVER).out
    table = html[html.index('<table class="scores">') :]
    table = table[: table.index("</table>")]
    assert table.count("<svg") == 3  # pain, worry, tiredness
    assert table.count('aria-hidden="true"') == 3  # a screen reader reads the numbers
    assert "<td>8</td>" in table and '<th scope="row"><strong>Pain</strong> *</th>' in table
    assert "http" not in table.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    blank = run("export", "--visit", "-", "--format", "html", *CAREGIVER, "--lang", "es").out
    assert '<table class="grid">' in blank or "<svg" in blank


def test_the_summary_and_guide_json_include_the_record(run: Runner) -> None:
    keep_a_week(run)
    summary = run("export", "-", *CAREGIVER).out
    assert "## Since the last visit" in summary
    assert "| Pain \\* |" in summary or "| **Pain** \\* |" in summary
    assert problems(summary) == []
    data = json.loads(run("guide", *CAREGIVER, "--format", "json").out)
    record = data["record"]
    assert (record["days"], record["from"], record["to"]) == (7, "2026-11-21", "2026-11-27")
    assert record["summary"][0]["symptom"] == "pain" and record["summary"][0]["call_now"]
    assert [e["date"] for e in record["entries"]] == WEEK[::-1]
    assert [m["name"] for m in record["medicines"]] == ["Morphine", "Senna"]
    assert {"answers", "sections", "questions", "contacts", "team_blank", "pack"} <= set(data)


def test_with_no_record_guide_json_says_so_with_empty_lists(run: Runner) -> None:
    record = json.loads(run("guide", *CAREGIVER, "--format", "json").out)["record"]
    assert record["entries"] == [] and record["summary"] == [] and record["medicines"] == []


@pytest.mark.parametrize(
    "argv",
    [
        ["hours"],
        ["guide", *CAREGIVER, "--format", "plain"],
        ["show", "what-it-is"],
    ],
)
def test_hours_guide_and_show_open_no_database(argv: list[str], home: Path) -> None:
    # The pack's own words for the symptom check (record.toml), the database, and
    # what reads and shows them load only where the record is shown.
    code = (
        "import sys\n"
        "from pallnav.cli import main\n"
        f"main({argv!r})\n"
        "loaded = [m for m in sys.modules if m in ('sqlite3', 'pallnav.record_store', "
        "'pallnav.record_sheet', 'pallnav.record_views')]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
        env={**os.environ, "TZ": "America/New_York", "LANG": "en_US.UTF-8"},
    )  # fmt: skip
    assert "LOADED []" in done.stderr, done.stderr[-2000:]


def test_the_sheet_looks_for_the_record_by_the_stores_own_file_name() -> None:
    from pallnav import record_store
    from pallnav.commands import own_record

    assert own_record.RECORD_NAME == record_store.RECORD_FILE


def test_content_check_still_checks_record_toml_that_everyday_loads_skip(tmp_path: Path) -> None:
    import shutil

    from pallnav.in_use import bundled_content_dir, words_of
    from pallnav.pack_loader import check_pack, load_pack

    folder = tmp_path / "en"
    shutil.copytree(bundled_content_dir("en"), folder)
    path = folder / "record.toml"
    path.write_text("oops = 1\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    _, found = check_pack(folder)
    assert any(str(p.file).endswith("record.toml") and "oops" in p.reason for p in found)
    pack = load_pack(folder, record=False)  # what show, topics and the guide load
    assert pack.record is None
    path.write_text(path.read_text(encoding="utf-8").replace("oops = 1\n", ""), encoding="utf-8")
    assert words_of(pack).items["pain"].label == "Pain"  # read where it is used
