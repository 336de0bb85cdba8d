"""The person's own care team first: in `hours`, `hours --json`, `--check`, the
guide in every format and the summary; a blank to write it in when none is saved."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import Runner

GUIDE = (
    "guide", "--no-profile", "--role", "caregiver", "--stage", "advanced",
    "--age", "older-adult", "--setting", "home", "--insurance", "medicare",
)  # fmt: skip
CLINIC = (
    "guide", "--no-profile", "--role", "patient", "--stage", "new",
    "--age", "adult", "--setting", "clinic", "--insurance", "private",
)  # fmt: skip


@pytest.fixture
def hospice(run: Runner) -> None:
    result = run(
        "team", "add", "--name", "Hospice nurse line", "--phone", "(555) 123-4567",
        "--note", "Ask for the nurse on call.",
    )  # fmt: skip
    assert result.code == 0, result.err


@pytest.fixture
def oncology(run: Runner) -> None:
    result = run(
        "team", "add", "--name", "Dr. Ruiz", "--phone", "555 987 6543", "--kind", "oncology",
        "--hours", "Mon-Fri 8:00-17:00", "--tz", "America/Chicago",
    )  # fmt: skip
    assert result.code == 0, result.err


@pytest.mark.usefixtures("hospice")
def test_hours_shows_the_team_first_with_the_packs_words_for_its_kind(run: Runner) -> None:
    result = run("hours")
    assert result.code == 0
    assert result.out.index("Hospice nurse line: Open now") < result.out.index("Emergency (911)")
    assert "Call (555) 123-4567" in result.out
    words = " ".join(result.out.split())  # wrapped to the width
    assert "Call them first, day or night, for any change or worry." in words
    assert "Ask for the nurse on call." in words


@pytest.mark.usefixtures("hospice")
def test_hours_in_spanish_uses_the_spanish_words_for_the_kind(run: Runner) -> None:
    result = run("hours", "--lang", "es")
    assert "Llame al (555) 123-4567" in result.out
    words = " ".join(result.out.split())
    assert "Llámelos primero, de día o de noche, ante cualquier cambio o preocupación." in words


@pytest.mark.usefixtures("hospice", "oncology")
def test_hours_json_puts_team_entries_first_with_source_you_and_kind(run: Runner) -> None:
    data = json.loads(run("hours", "--json", "--at", "2026-11-28T12:00").out)
    channels = data["channels"]
    assert [(c["id"], c["source"], c["kind"]) for c in channels[:3]] == [
        ("hospice-nurse-line", "you", "hospice"),
        ("dr-ruiz", "you", "oncology"),
        ("emergency", "pack", "emergency"),
    ]
    assert all(c["source"] == "pack" for c in channels[2:])
    ruiz = channels[1]
    assert {k: ruiz[k] for k in ("open", "opens_at", "phone", "zone")} == {
        "open": False,
        "opens_at": "2026-11-30T09:00:00-05:00",
        "phone": "555 987 6543",
        "zone": "America/Chicago",
    }


@pytest.mark.usefixtures("oncology")
def test_hours_shows_a_teams_hours_in_the_viewers_zone_and_its_own(run: Runner) -> None:
    result = run("hours", "--tz", "America/New_York", "--at", "2026-11-27T15:00")
    assert "Dr. Ruiz: Open now" in result.out
    assert "Closes today at 6:00 PM your time (5:00 PM CT), in 3 h." in result.out
    week = run("hours", "--week", "--tz", "America/New_York")
    assert "Dr. Ruiz, your time" in week.out


@pytest.mark.usefixtures("oncology")
@pytest.mark.parametrize(
    ("at", "code", "line"),
    [
        # Europe/London left summer time on Oct 25, Chicago on Nov 1: that week
        # 13:30 in London is 8:30 in Chicago (open), the week after 7:30 (closed).
        ("2026-10-26T13:30", 0, "Dr. Ruiz: open now. Call 555 987 6543. Closes today at 10:00 PM"),
        ("2026-11-02T13:30", 1, "Dr. Ruiz: closed now. Opens today at 2:00 PM your time"),
    ],
)  # fmt: skip
def test_check_on_a_team_entry_is_right_across_a_dst_change(
    run: Runner, at: str, code: int, line: str
) -> None:
    result = run("hours", "--check", "dr-ruiz", "--tz", "Europe/London", "--at", at)
    assert result.code == code
    assert result.out.startswith(line)
    assert "(5:00 PM CT)" in result.out if code == 0 else "(8:00 AM CT)" in result.out
    assert result.out.count("\n") == 1


@pytest.mark.usefixtures("hospice")
def test_an_unknown_check_lists_team_ids_with_the_packs(run: Runner) -> None:
    result = run("hours", "--check", "nurse")
    assert result.code == 2
    assert "hospice-nurse-line, emergency, crisis" in result.err


@pytest.mark.usefixtures("hospice")
@pytest.mark.parametrize("fmt", ["plain", "markdown"])
def test_the_guide_and_summary_put_the_team_first(run: Runner, fmt: str) -> None:
    result = run(*GUIDE, "--format", fmt)
    assert result.code == 0, result.err
    reach = " ".join(result.out[result.out.index("Who you can reach") :].split())
    assert reach.index("Hospice nurse line") < reach.index("Emergency (911)")
    assert "Call them first, day or night, for any change or worry." in reach
    assert "Name: " not in reach  # no blank: the number is saved
    assert "pallnav team add" not in result.out


@pytest.mark.usefixtures("hospice")
def test_the_guide_json_puts_the_team_first(run: Runner) -> None:
    data = json.loads(run(*GUIDE, "--format", "json").out)
    first = data["contacts"]["channels"][0]
    assert (first["id"], first["source"], first["kind"]) == ("hospice-nurse-line", "you", "hospice")
    assert data["team_blank"] is False


def test_exported_summary_puts_the_team_first(run: Runner, home: object, hospice: None) -> None:
    result = run("export", "-", *GUIDE[2:])
    reach = result.out[result.out.index("## Who you can reach") :]
    assert reach.startswith("## Who you can reach\n\n### Hospice nurse line")


def test_with_nothing_saved_the_summary_leaves_a_line_to_write_the_number(run: Runner) -> None:
    result = run(*GUIDE, "--format", "markdown")
    reach = result.out[result.out.index("## Who you can reach") :]
    assert reach.startswith(
        "## Who you can reach\n\n### Hospice or care team — number for day and night\n\n"
        "- Name: \\_\\_\\_"
    )
    assert "- Phone: \\_\\_\\_" in reach


def test_with_nothing_saved_the_screen_says_how_to_add_it(run: Runner) -> None:
    result = run(*GUIDE, "--format", "plain")
    reach = " ".join(result.out[result.out.index("Who you can reach") :].split())
    assert "To show it first, with its hours: pallnav team add" in reach
    assert reach.index("pallnav team add") < reach.index("Emergency (911)")
    assert json.loads(run(*GUIDE, "--format", "json").out)["team_blank"] is True


def test_spanish_readers_get_the_blank_in_spanish(run: Runner) -> None:
    result = run(*GUIDE, "--format", "markdown", "--lang", "es")
    heading = "### Equipo de cuidados de hospicio o de atención — número de día y de noche"
    assert f"{heading}\n\n- Nombre: \\_\\_\\_" in result.out


def test_no_blank_when_the_answers_do_not_call_for_it(run: Runner) -> None:
    for fmt in ("plain", "markdown"):
        result = run(*CLINIC, "--format", fmt)
        assert result.code == 0, result.err
        assert "pallnav team add" not in result.out
        assert "Name: " not in result.out


def test_hours_reads_no_team_file_when_there_is_none(run: Runner, home: object) -> None:
    result = run("hours", "--json", at=datetime(2026, 11, 27, 20, 0, tzinfo=UTC))
    assert [c["source"] for c in json.loads(result.out)["channels"]] == ["pack"] * 4
    assert result.err == ""


def test_the_teams_number_is_a_tel_link_in_html_and_markdown_shown_as_typed(
    run: Runner, home: Path
) -> None:
    run("team", "add", "--name", "Hospice", "--phone", "+1 (555) 123-4567 ext. 9")
    html = run(*GUIDE, "--format", "html").out
    assert '<a href="tel:+15551234567;ext=9">Call +1 (555) 123-4567 ext. 9</a>' in html
    markdown = run(*GUIDE, "--format", "markdown").out
    assert "- [Call +1 (555) 123-4567 ext. 9](tel:+15551234567;ext=9)" in markdown
    sheet = run(*GUIDE, "--format", "html", "--visit").out
    assert 'href="tel:+15551234567;ext=9"' in sheet
    run("export", str(home / "guide.txt"), *GUIDE[2:])
    paper = (home / "guide.txt").read_text()
    assert "Call +1 (555) 123-4567 ext. 9" in " ".join(paper.split())
    assert "tel:" not in paper + run(*GUIDE, "--format", "plain").out
