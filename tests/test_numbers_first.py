"""Numbers first, and current: the number beside "Open now", a team found by its
kind or the start of its id, and JSON given (or refused) the same way everywhere."""

from __future__ import annotations

import json
import re

import pytest

from conftest import Runner

#: Friday 3:00 PM in New York (the clock of `run`): Dr. Ruiz (8-5 Chicago) is open.
OPEN_TIME = ("--tz", "America/New_York")


@pytest.fixture
def team(run: Runner) -> None:
    for args in (
        ("--name", "Hospice nurse line", "--phone", "(555) 123-4567"),
        ("--name", "Dr. Ruiz", "--phone", "555-987-6543 ext. 12", "--kind", "oncology",
         "--hours", "Mon-Fri 8:00-17:00", "--tz", "America/Chicago"),
    ):  # fmt: skip
        result = run("team", "add", *args)
        assert result.code == 0, result.err


@pytest.mark.usefixtures("team")
@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Dr. Ruiz: open now. Call 555-987-6543 ext. 12. Closes today at 6:00 PM"),
        ("es", "Dr. Ruiz: disponible ahora. Llame al 555-987-6543 ext. 12. "
               "Cierra hoy a las 6:00 p. m."),
    ],
)  # fmt: skip
def test_check_gives_the_number_beside_open_now(run: Runner, language: str, line: str) -> None:
    result = run("hours", "--check", "dr-ruiz", "--lang", language, *OPEN_TIME)
    assert result.code == 0
    assert result.out.startswith(line), result.out
    assert result.out.count("\n") == 1


@pytest.mark.usefixtures("team")
@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Hospice nurse line: open now, 24 hours a day, every day. Call (555) 123-4567.\n"),
        ("es", "Hospice nurse line: disponible ahora, las 24 horas, todos los días. "
               "Llame al (555) 123-4567.\n"),
        ("en", "Emergency (911): open now, 24 hours a day, every day. Call 911.\n"),
    ],
)  # fmt: skip
def test_a_line_open_all_day_gives_its_number_too(run: Runner, language: str, line: str) -> None:
    asked = "emergency" if "911" in line else "hospice-nurse-line"
    result = run("hours", "--check", asked, "--lang", language)
    assert (result.code, result.out) == (0, line)


def test_a_closed_line_says_when_it_opens_not_how_to_reach_it(run: Runner) -> None:
    result = run("hours", "--check", "chat", "--at", "2026-11-28T12:00")
    assert result.code == 1
    assert "Live Chat button" not in result.out


@pytest.mark.usefixtures("team")
@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("hospice", "Hospice nurse line: open now"),  # a kind of team
        ("oncology", "Dr. Ruiz: open now"),
        ("dr", "Dr. Ruiz: open now"),  # the start of an id
        ("Hosp", "Hospice nurse line: open now"),  # any case
        ("emerg", "Emergency (911): open now"),
        ("hel", "Cancer information and support line"),
    ],
)
def test_check_finds_a_channel_by_its_kind_or_the_start_of_its_id(
    run: Runner, asked: str, found: str
) -> None:
    result = run("hours", "--check", asked, *OPEN_TIME)
    assert result.code == 0, result.err
    assert result.out.startswith(found)


@pytest.mark.usefixtures("team")
@pytest.mark.parametrize(
    ("language", "asked", "said"),
    [
        ("en", "h", 'pallnav: --check: "h" could be any of: hospice-nurse-line, helpline. '
                    "Give more of the id.\n"),
        ("es", "h", 'pallnav: --check: "h" puede ser cualquiera de estos: hospice-nurse-line, '
                    "helpline. Escriba más del ID.\n"),
        ("en", "information", 'pallnav: --check: "information" could be any of: helpline, '
                              "chat. Give more of the id.\n"),
    ],
)  # fmt: skip
def test_a_check_that_could_name_several_names_them_in_one_line_and_exits_2(
    run: Runner, language: str, asked: str, said: str
) -> None:
    result = run("hours", "--check", asked, "--lang", language)
    assert (result.code, result.out, result.err) == (2, "", said)


def test_two_hospice_entries_make_the_kind_ambiguous(run: Runner) -> None:
    for name in ("Hospice day line", "Hospice night line"):
        assert run("team", "add", "--name", name, "--phone", "555-123-4567").code == 0
    result = run("hours", "--check", "hospice")
    assert result.code == 2
    assert "hospice-day-line, hospice-night-line" in result.err


# --- --json, honoured the same way everywhere ---------------------------------------


@pytest.mark.usefixtures("team")
def test_check_with_json_gives_that_channel_in_the_hours_shape_and_its_exit_code(
    run: Runner,
) -> None:
    result = run("hours", "--check", "dr", "--json", "--at", "2026-11-28T12:00")
    assert result.code == 1  # closed on Saturday, as --check says
    data = json.loads(result.out)
    assert data["timezone"] == "America/New_York"
    (channel,) = data["channels"]
    assert (channel["id"], channel["open"], channel["phone"]) == (
        "dr-ruiz",
        False,
        "555-987-6543 ext. 12",
    )
    assert channel["opens_at"] == "2026-11-30T09:00:00-05:00"
    assert run("hours", "--check", "helpline", "--json").code == 0


def test_week_with_json_adds_each_channels_seven_days(run: Runner) -> None:
    result = run(
        "hours", "--week", "--json", "--tz", "America/New_York", "--at", "2026-11-27T12:00"
    )
    assert result.code == 0
    data = json.loads(result.out)
    chat = next(c for c in data["channels"] if c["id"] == "chat")
    assert [d["date"] for d in chat["week"]] == [f"2026-11-{d}" for d in range(27, 31)] + [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
    ]
    friday, saturday = chat["week"][:2]
    assert friday["open"] == [
        {"opens": "2026-11-27T08:00:00-05:00", "closes": "2026-11-27T19:30:00-05:00"}
    ]
    assert saturday["open"] == []
    emergency = next(c for c in data["channels"] if c["id"] == "emergency")
    assert emergency["week"][0]["open"] == [
        {"opens": "2026-11-27T00:00:00-05:00", "closes": "2026-11-28T00:00:00-05:00"}
    ]
    assert "week" not in json.loads(run("hours", "--json").out)["channels"][0]


def test_profile_show_json_gives_the_saved_answers_and_where_they_are(run: Runner) -> None:
    empty = run("profile", "show", "--json")
    assert empty.code == 0
    assert json.loads(empty.out)["answers"] is None
    run("guide", "--role", "patient", "--stage", "new", "--age", "adult", "--setting",
        "clinic", "--insurance", "private", "--save", "--format", "json")  # fmt: skip
    data = json.loads(run("profile", "show", "--json").out)
    assert data["answers"] == {
        "role": "patient",
        "stage": "new",
        "age": "adult",
        "setting": "clinic",
        "insurance": "private",
        "concerns": [],
    }
    assert data["path"].endswith("profile.toml")


# --- paper is read later: hours, never "open now" --------------------------------------

CAREGIVER = (
    "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
    "--setting", "home", "--insurance", "medicare", "--concern", "pain",
)  # fmt: skip


@pytest.mark.usefixtures("team")
@pytest.mark.parametrize(
    ("language", "hours", "live"),
    [
        ("en", "Monday to Friday: 8:00 AM to 7:30 PM",
         ("At 12:00 PM", "Open now", "Closed now", "in 2 days")),
        ("es", "De lunes a viernes: de 8:00 a. m. a 7:30 p. m.",
         ("A las 12:00 p. m.", "Disponible ahora", "No disponible ahora", "dentro de 2 días")),
    ],
)  # fmt: skip
@pytest.mark.parametrize("fmt", ["markdown", "html", "plain"])
def test_a_kept_guide_gives_hours_not_whether_it_was_open_when_printed(
    run: Runner, language: str, hours: str, live: tuple[str, ...], fmt: str
) -> None:
    # Saturday noon: the chat and Dr. Ruiz are closed, and open again on Monday.
    result = run(
        "export", "-", "--format", fmt, "--lang", language, *CAREGIVER,
        "--tz", "America/New_York", "--at", "2026-11-28T12:00",
    )  # fmt: skip
    assert result.code == 0, result.err
    words = " ".join(re.sub("<[^>]+>", "", result.out).replace("\u00a0", " ").split())
    assert hours in words
    for said in live:
        assert said not in words, said


# --- a section that says "call the hospice" shows the number saved for it -------------


@pytest.mark.usefixtures("team")
@pytest.mark.parametrize(
    ("language", "saved", "text"),
    [
        ("en", "Your saved number: Hospice nurse line, (555) 123-4567",
         "Use the number they gave you"),
        ("es", "Su número guardado: Hospice nurse line, (555) 123-4567",
         "Use el número que le dieron"),
    ],
)  # fmt: skip
def test_use_the_number_they_gave_you_comes_with_the_number_saved(
    run: Runner, language: str, saved: str, text: str
) -> None:
    result = run("show", "death-at-home", "--lang", language)
    assert result.code == 0
    words = " ".join(result.out.split())
    assert saved in words
    assert words.index(saved) < words.index(text)  # above the words that ask for it
    assert "Dr. Ruiz" not in words  # an oncology office is not the hospice


@pytest.mark.usefixtures("team")
def test_the_saved_numbers_are_in_the_guide_and_on_paper_as_links(run: Runner) -> None:
    screen = run("guide", *CAREGIVER, "--plain").out
    section = screen[screen.index("Hospice at home: who to call") :]
    assert "Your saved number: Hospice nurse line, (555) 123-4567" in " ".join(section.split())
    markdown = run("export", "-", "--format", "markdown", *CAREGIVER).out
    assert "**Your saved number:** Hospice nurse line, [(555) 123-4567](tel:5551234567)" in (
        markdown
    )
    everyone = run("show", "reach-someone", "--format", "markdown").out
    assert "**Your saved numbers:**\n\n- Hospice nurse line, [(555) 123-4567]" in everyone
    assert "- Dr. Ruiz, [555-987-6543 ext. 12](tel:5559876543;ext=12)" in everyone


def test_with_no_team_saved_the_section_is_as_written(run: Runner) -> None:
    result = run("show", "death-at-home")
    assert "saved number" not in result.out
    assert result.out.startswith("If death happens at home\n\nIt helps to plan now")
