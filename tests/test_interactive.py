"""`pallnav guide` in a real pseudo-terminal, driven with the keys a person presses."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ptys import CTRL_C, DOWN, ENTER, SPACE, UP
from ptys import Session as Session  # moved to ptys; still importable from here


def answer_all_questions(session: Session) -> None:
    session.wait_for("Who is using this guide?")
    session.keys(DOWN, ENTER)  # I care for someone with cancer
    session.wait_for("Where are things with the cancer right now?")
    session.keys(DOWN, DOWN, ENTER)  # Advanced, or it has spread
    session.wait_for("How old is the person with cancer?")
    session.keys(UP, ENTER)  # wraps to: An older adult (65 or older)
    session.wait_for("Where does most of the care happen right now?")
    session.keys(DOWN, DOWN, ENTER)  # At home
    session.wait_for("What health coverage does the person with cancer have?")
    session.keys(DOWN, ENTER)  # Medicare
    session.wait_for("What worries you most right now?")
    session.keys(SPACE, ENTER)  # Pain


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


def test_a_person_answers_goes_back_to_change_an_answer_and_gets_their_whole_guide(
    home: Path,
) -> None:
    session = Session(home, "guide", "--all")
    answer_all_questions(session)
    session.wait_for("Is this right?")
    session.keys(DOWN, DOWN, DOWN, ENTER)  # Change: Age
    session.wait_for("How old is the person with cancer?")
    session.keys(UP, UP, UP, UP, ENTER)  # from older adult up to: A child (0–12)
    session.wait_for("Is this right?")
    session.keys(ENTER)  # Yes, show my guide
    session.wait_for("Save a summary to print or bring to your next visit?")
    session.keys(ENTER)  # No (the default)
    session.wait_for("Keep your answers on this computer")
    session.keys(ENTER)  # No (the default)
    session.wait_for("Add your care team's phone number so it shows first?")  # care at home
    session.keys(ENTER)  # No (the default)
    code, screen = session.finish()
    assert code == 0
    assert "When a child has cancer" in screen
    assert "Help for you as a caregiver" in screen
    assert "Help with pain" in screen
    assert "Medicare has a hospice benefit" in screen
    assert "Cancer information and support line (American Cancer Society)" in screen
    assert "Open now" in screen
    assert not (home / "data").exists()
    assert not list(home.glob("pallnav-summary-*.md"))


def test_ctrl_c_midway_says_goodbye_exits_130_and_writes_nothing(home: Path) -> None:
    session = Session(home, "guide")
    session.wait_for("Who is using this guide?")
    session.keys(DOWN, ENTER)
    session.wait_for("Where are things with the cancer right now?")
    session.keys(CTRL_C)
    code, screen = session.finish()
    assert code == 130
    assert "Stopped. Nothing was saved." in screen
    assert "Traceback" not in screen
    assert sorted(p.name for p in home.iterdir()) == []


def test_saying_yes_keeps_a_private_summary_and_the_answers(home: Path) -> None:
    session = Session(home, "guide", "--all", "--stage", "new")
    session.wait_for("Who is using this guide?")  # --stage was given: not asked
    session.keys(ENTER)  # I have cancer
    session.wait_for("How old is the person with cancer?")
    session.keys(DOWN, DOWN, DOWN, ENTER)  # An adult (40–64)
    session.wait_for("Where does most of the care happen right now?")
    session.keys(DOWN, ENTER)  # At a clinic or cancer center
    session.wait_for("What health coverage does the person with cancer have?")
    session.keys(ENTER)  # Private insurance
    session.wait_for("What worries you most right now?")
    session.keys(ENTER)  # nothing ticked: it asks what was meant
    session.wait_for("Nothing is ticked. What did you mean?")
    session.keys(DOWN, ENTER)  # None of these for now
    session.wait_for("Is this right?")
    session.keys(ENTER)
    session.wait_for("Save a summary to print or bring to your next visit?")
    session.keys(UP, ENTER)  # Yes
    session.child.expect_exact("File name for the summary:")
    session.keys(ENTER)  # the suggested name
    session.wait_for("Keep your answers on this computer")
    session.keys(UP, ENTER)  # Yes
    code, screen = session.finish()
    assert code == 0, screen
    summaries = list(home.glob("pallnav-summary-*.html"))  # to print, as the menu saves it
    assert len(summaries) == 1
    assert stat.S_IMODE(summaries[0].stat().st_mode) == 0o600
    assert "What could palliative care do for me now?" in summaries[0].read_text()
    profile = home / "data" / "pallnav" / "profile.toml"
    assert stat.S_IMODE(profile.stat().st_mode) == 0o600
    assert 'stage = "new"' in profile.read_text()


def test_with_no_language_set_and_a_french_system_the_guide_asks_for_one_first(
    home: Path,
) -> None:
    session = Session(home, "guide", env={"LANG": "fr_FR.UTF-8"})
    session.wait_for("¿Qué idioma quiere usar?")
    session.keys(DOWN, ENTER)  # Español
    session.wait_for("¿Quién usa esta guía?")
    session.keys(CTRL_C)
    code, screen = session.finish()
    assert code == 130
    assert "Se detuvo. No se guardó nada." in screen


def test_a_spanish_reader_is_asked_in_spanish_from_start_to_finish(home: Path) -> None:
    session = Session(
        home, "guide", "--all", "--stage", "new", "--age", "adult", "--setting", "clinic",
        env={"PALLNAV_LANG": "es"},
    )  # fmt: skip
    session.wait_for("¿Quién usa esta guía?")
    session.keys(ENTER)
    session.wait_for("¿Qué cobertura médica tiene la persona con cáncer?")
    session.keys(ENTER)
    session.wait_for("¿Qué es lo que más le preocupa en este momento?")
    session.keys(ENTER)
    session.wait_for("No marcó nada. ¿Qué quiso decir?")
    session.keys(DOWN, ENTER)  # Ninguna de estas por ahora
    session.wait_for("¿Está todo bien?")
    session.keys(ENTER)
    session.wait_for("¿Quiere guardar un resumen")
    session.keys(ENTER)
    session.wait_for("¿Quiere guardar sus respuestas")
    session.keys(ENTER)
    code, screen = session.finish()
    assert code == 0
    assert "Su guía de cuidados paliativos" in screen
    assert "Disponible ahora" in screen
    assert "Ninguna" in screen  # the worries answer, in Spanish
    assert "done" not in screen and "selection" not in screen


# --- the navigator: the guide on a terminal, a screen at a time ----------------------

FLAGS = (
    *("--role", "caregiver", "--stage", "advanced", "--age", "older-adult"),
    *("--setting", "home", "--insurance", "medicare"),
)


def answer_worries_and_confirm(session: Session) -> None:
    session.wait_for("What worries you most right now?")
    session.keys(SPACE, ENTER)  # Pain
    session.wait_for("Is this right?")
    session.keys(ENTER)  # Yes, show my guide


def test_the_guide_opens_on_a_first_screen_then_a_menu_to_read_a_section_and_go_back(
    home: Path,
) -> None:
    session = Session(home, "guide", *FLAGS)
    answer_worries_and_confirm(session)
    session.wait_for("Press Enter to open the menu.")
    first = session.screen[-1]
    assert "Who can be reached now" in first
    # Care at home with no team saved: its number comes first, as a thing to add.
    missing = first.index("Your care team: not saved yet (pallnav team add)")
    assert missing < first.index("Emergency (911)") < first.index("988")  # the reach order
    assert "Help with pain" in first and "because you are worried about pain" in first
    assert "Questions to ask your care team: " in first
    assert "It goes along with cancer treatment" not in first  # not the whole guide
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys(ENTER)  # Read a section
    session.wait_for("Which section would you like to read?")
    session.child.expect_exact("Back to the menu")  # in sight, first
    session.keys(DOWN, ENTER)  # the first section, under "Back to the menu"
    session.wait_for_screen()
    assert "What palliative care is" in session.screen[-1]
    session.keys(UP, ENTER)  # the way back is the last choice: up from the first wraps to it
    session.wait_for("Which section would you like to read?", on="What palliative care is")
    session.keys(UP, ENTER)  # Back to the menu
    session.wait_for("What would you like to do?", on="Read a section")
    session.keys(DOWN, ENTER)  # The questions for your care team
    session.wait_for_screen()
    assert "☐" in session.screen[-1]
    session.keys(UP, ENTER)
    session.wait_for("What would you like to do?", on="The questions for your care team")
    session.keys(UP, UP, ENTER)  # Done (up from the first wraps to the last)
    session.wait_for("Keep your answers on this computer")
    session.keys(ENTER)  # No
    session.wait_for("Add your care team's phone number so it shows first?")
    session.keys(ENTER)  # No
    code, _ = session.finish()
    assert code == 0
    assert sorted(p.name for p in home.iterdir()) == []


def test_saving_the_sheet_from_the_menu_writes_a_private_file_and_comes_back(
    home: Path,
) -> None:
    session = Session(home, "guide", *FLAGS, "--concern", "pain")  # nothing to ask
    session.wait_for("Press Enter to open the menu.")
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys(DOWN, DOWN, DOWN, DOWN, ENTER)  # Save a page for your next visit
    session.wait_for("Add it now?")  # care at home, and no team number saved
    session.keys("n")
    session.child.expect_exact("File name")
    session.keys(ENTER)  # the suggested name
    session.wait_for("What would you like to do?")
    assert "was saved in" in session.screen[-1]
    session.keys(DOWN, DOWN, DOWN, ENTER)  # Done
    code, _ = session.finish()
    assert code == 0
    saved = list(home.glob("pallnav-visit-*.html"))  # the one-page sheet, to print
    assert len(saved) == 1
    assert stat.S_IMODE(saved[0].stat().st_mode) == 0o600
    assert "<html" in saved[0].read_text()


def test_ctrl_c_in_the_navigator_exits_130_and_writes_nothing(home: Path) -> None:
    session = Session(home, "guide", *FLAGS, "--concern", "pain", "--save")
    session.wait_for("Press Enter to open the menu.")
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys(DOWN, DOWN, DOWN, DOWN, ENTER)  # Save a page for your next visit
    session.wait_for("Add it now?")
    session.keys("n")
    session.child.expect_exact("File name")
    session.keys(CTRL_C)
    code, screen = session.finish()
    assert code == 130
    assert "Stopped. Nothing was saved." in screen
    assert "Traceback" not in screen
    assert sorted(p.name for p in home.iterdir()) == []  # not the sheet, not --save


def test_a_long_section_is_paged_and_every_page_leads_back(home: Path) -> None:
    session = Session(home, "guide", *FLAGS, "--concern", "pain", dimensions=(20, 40))
    session.wait_for("Press Enter to open the menu.")
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys(DOWN, DOWN, ENTER)  # Who can be reached now
    session.wait_for("Page 1 of ")
    session.child.expect_exact("Back to the menu")
    session.keys(ENTER)  # Next page
    session.wait_for("Page 2 of ")
    session.keys(UP, ENTER)  # Back to the menu (the last choice)
    session.wait_for("What would you like to do?")
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Who can be reached now",
                "Your care team: not saved yet",
                "Chosen for you",
                "Press Enter to open the menu.",
            ],
        ),
        (
            "es",
            [
                "Con quién puede hablar ahora",
                "Su equipo de atención: aún no",
                "Elegidas para usted",
                "Pulse Enter para",
            ],
        ),
    ],
)
def test_the_first_screen_fits_40_by_20_in_each_language(
    home: Path, language: str, words: list[str]
) -> None:
    session = Session(
        home, "guide", *FLAGS, "--concern", "pain", env={"PALLNAV_LANG": language},
        dimensions=(20, 40),
    )  # fmt: skip
    session.wait_for(words[-1])
    for text in words:
        assert text in session.screen[-1]
    # What pallnav drew after clearing the screen, before the prompt (3 rows) begins.
    drawn = session.screen[-1].rsplit("\x1b[H\x1b[2J", 1)[1].split("\x1b[?", 1)[0]
    assert drawn.count("\n") + 3 <= 20, drawn
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130


def test_all_and_plain_print_the_guide_at_once_without_a_menu(home: Path) -> None:
    for extra in (["--all"], ["--plain"]):
        session = Session(home, "guide", *FLAGS, "--concern", "pain", *extra)
        code, screen = session.finish()
        assert code == 0
        assert "It goes along with cancer treatment" in screen  # the whole guide
        assert "What would you like to do?" not in screen


def test_ctrl_d_stops_like_ctrl_c_in_a_question_and_in_the_menu(home: Path) -> None:
    session = Session(home, "guide")
    session.wait_for("Who is using this guide?")
    session.keys("\x04")
    code, screen = session.finish()
    assert code == 130, screen
    assert "Stopped. Nothing was saved." in screen
    session = Session(home, "guide", *FLAGS, "--concern", "pain")
    session.wait_for("Press Enter to open the menu.")
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys("\x04")
    code, screen = session.finish()
    assert code == 130, screen
    assert sorted(p.name for p in home.iterdir()) == []


def test_ctrl_d_at_a_team_question_stops_like_ctrl_c(home: Path) -> None:
    session = Session(home, "team", "add")
    session.child.expect_exact("Name of the team or line")
    session.keys("\x04")
    code, screen = session.finish()
    assert code == 130, screen
    assert "Traceback" not in screen and "went wrong" not in screen


@pytest.mark.parametrize(("language", "yes"), [("en", "y"), ("es", "s"), ("es", "y")])
def test_a_yes_or_no_question_is_answered_by_one_key(home: Path, language: str, yes: str) -> None:
    session = Session(
        home, "guide", "--all", "--lang", language, "--stage", "new", "--age", "adult",
        "--setting", "clinic", "--insurance", "private", "--concern", "pain",
    )  # fmt: skip
    session.wait_for({"en": "Who is using this guide?", "es": "¿Quién usa esta guía?"}[language])
    session.keys(ENTER)
    session.wait_for({"en": "Is this right?", "es": "¿Está todo bien?"}[language])
    session.keys(ENTER)
    session.wait_for({"en": "Save a summary", "es": "¿Quiere guardar un resumen"}[language])
    session.keys("n")  # no Enter needed
    session.wait_for({"en": "Keep your answers", "es": "¿Quiere guardar sus respuestas"}[language])
    session.keys(yes)
    code, screen = session.finish()
    assert code == 0, screen
    assert list(home.glob("pallnav-summary-*")) == []
    assert (home / "data" / "pallnav" / "profile.toml").exists()


def test_with_every_answer_as_flags_a_system_naming_no_language_gets_english_unasked(
    home: Path,
) -> None:
    session = Session(
        home, "guide", "--all", "--role", "patient", "--stage", "new", "--age", "adult",
        "--setting", "clinic", "--insurance", "private", "--concern", "pain",
        env={"LANG": "C.UTF-8"},
    )  # fmt: skip
    code, screen = session.finish()
    assert code == 0, screen
    assert "Which language" not in screen
    assert screen.count("--lang es") == 1  # said once, how to choose
    assert "Your palliative care guide" in screen


def test_a_file_name_with_an_unknown_user_is_asked_again_at_the_end(home: Path) -> None:
    session = Session(home, "guide", "--all", "--stage", "new", "--age", "adult", "--setting",
                      "clinic", "--insurance", "private", "--concern", "pain")  # fmt: skip
    session.wait_for("Who is using this guide?")
    session.keys(ENTER)  # I have cancer
    session.wait_for("Is this right?")
    session.keys(ENTER)
    session.wait_for("Save a summary to print or bring to your next visit?")
    session.keys(UP, ENTER)  # Yes
    session.child.expect_exact("File name for the summary:")
    session.keys("\x15", "~nosuchuser/summary.md", ENTER)  # Ctrl-U clears the suggestion
    session.child.expect_exact("there is no such user on this computer")
    session.child.expect_exact("File name for the summary:")
    session.keys("\x15", "summary.md", ENTER)
    session.wait_for("Keep your answers on this computer")
    session.keys(ENTER)  # No
    code, screen = session.finish()
    assert code == 0, screen
    assert (home / "summary.md").exists()


def test_the_menu_shows_the_symptoms_and_medicines_since_the_last_visit(home: Path) -> None:
    session = Session(home, "guide", *FLAGS, "--concern", "pain")
    session.wait_for("Press Enter to open the menu.")
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys(DOWN, DOWN, DOWN, ENTER)  # Symptoms and medicines since the last visit
    session.wait_for("Press Enter to go back to the menu.")
    screen = "\n".join(session.screen)
    assert "Since the last visit" in screen
    assert "Each day, write a score for each symptom." in screen  # nothing recorded yet
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys(UP, UP, UP, UP, ENTER)  # Done (up from here wraps to the last)
    code, _ = session.finish()
    assert code == 0


@pytest.mark.parametrize(
    ("flag", "said"),
    [
        (("--tz", "Mars/Olympus"), "Mars/Olympus"),
        (("--at", "2026-99"), "2026-99"),
        (("--answers", "/no/such/answers.toml"), "answers.toml"),
    ],
)
def test_a_wrong_zone_time_or_answers_file_is_found_before_the_language_is_asked(
    home: Path, flag: tuple[str, str], said: str
) -> None:
    session = Session(home, "guide", "--no-profile", *flag, env={"LANG": "fr_FR.UTF-8"})
    code, screen = session.finish()
    assert code == 2, screen
    assert said in screen
    assert "idioma" not in screen and "language" not in screen.lower()
