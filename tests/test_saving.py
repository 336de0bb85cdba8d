"""Saving that cannot go wrong: in the guide's menu with the keys a person presses,
and `pallnav export` agreeing with it."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from conftest import Runner
from ptys import CTRL_C, DOWN, ENTER, UP, Session, words_of

#: Answers that call for no care team number (no blank, no offer to add it).
CLINIC = (
    *("--role", "patient", "--stage", "new", "--age", "adult"),
    *("--setting", "clinic", "--insurance", "private", "--concern", "pain"),
)
#: Care at home: the answers call for the team's number.
AT_HOME = (
    *("--role", "caregiver", "--stage", "advanced", "--age", "older-adult"),
    *("--setting", "home", "--insurance", "medicare", "--concern", "pain"),
)

WORDS = {
    "en": {
        "first": "Press Enter to open the menu.",
        "menu": "What would you like to do?",
        "file": "File name",
        "saved": "Your whole guide was saved in",
        "sheet": "Your one-page sheet for the next visit was saved in",
        "stopped": "Stopped. Saved before you stopped:",
        "nothing": "Nothing was saved",
    },
    "es": {
        "first": "Pulse Enter para abrir el menú.",
        "menu": "¿Qué quiere hacer?",
        "file": "Nombre del archivo",
        "saved": "Su guía completa se guardó en",
        "sheet": "Su hoja de una página para la próxima cita se guardó en",
        "stopped": "Se detuvo. Se guardó antes de detenerse:",
        "nothing": "No se guardó nada.",
    },
}


def menu(home: Path, *flags: str, language: str = "en") -> Session:
    session = Session(home, "guide", *flags, env={"PALLNAV_LANG": language})
    session.wait_for(WORDS[language]["first"])
    session.keys(ENTER)
    session.wait_for(WORDS[language]["menu"])
    return session


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_typed_name_replaces_the_suggested_one_and_gets_the_extension(
    home: Path, language: str
) -> None:
    session = menu(home, *CLINIC, language=language)
    session.keys(*[DOWN] * 5, ENTER)  # Save the whole guide to print
    session.child.expect_exact(WORDS[language]["file"])
    session.keys(*"guia", ENTER)  # typing replaces the suggestion; no extension
    session.wait_for(WORDS[language]["menu"])
    said = words_of(session.screen[-1])
    # The message gives the full path, to find it from anywhere.
    assert f"{WORDS[language]['saved']} {home / 'guia.html'}." in said
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130
    assert sorted(p.name for p in home.iterdir()) == ["guia.html"]
    assert (home / "guia.html").read_text().startswith("<!DOCTYPE html>")
    assert stat.S_IMODE((home / "guia.html").stat().st_mode) == 0o600


def test_a_file_that_is_there_is_replaced_only_after_a_yes(home: Path) -> None:
    (home / "visit.html").write_text("kept")
    session = menu(home, *CLINIC)
    session.keys(DOWN, DOWN, DOWN, DOWN, ENTER)  # Save a page for your next visit
    session.child.expect_exact("File name")
    session.keys(*"visit", ENTER)
    session.wait_for("There is already a file at", on="Choose another name")
    # At 80 columns the path is broken where it must be, and every letter is shown.
    assert f"{home / 'visit.html'}." in "".join(words_of(session.child.before).split())
    session.keys(ENTER)
    session.child.expect_exact("File name")
    session.child.expect_exact("visit-2.html")  # the next free name, suggested
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    assert (home / "visit.html").read_text() == "kept"
    assert (home / "visit-2.html").read_text().startswith("<!DOCTYPE html>")
    session.keys(ENTER)  # Save a page again (the menu stays where it was)
    session.child.expect_exact("File name")
    session.keys(*"visit.html", ENTER)
    session.wait_for("There is already a file")
    session.keys(DOWN, ENTER)  # Replace it
    session.wait_for("What would you like to do?")
    assert (home / "visit.html").read_text().startswith("<!DOCTYPE html>")
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130


@pytest.mark.parametrize("language", ["en", "es"])
def test_ctrl_c_after_a_save_says_what_was_saved(home: Path, language: str) -> None:
    session = menu(home, *CLINIC, language=language)
    session.keys(DOWN, DOWN, DOWN, DOWN, ENTER)  # the sheet
    session.child.expect_exact(WORDS[language]["file"])
    session.keys(ENTER)  # the suggested name
    session.wait_for(WORDS[language]["menu"])
    session.keys(CTRL_C)
    code, screen = session.finish()
    assert code == 130
    [sheet] = home.glob("pallnav-visit-*.html")
    said = words_of(screen)
    assert f"{WORDS[language]['stopped']} {sheet}." in said
    assert WORDS[language]["nothing"] not in said.replace(WORDS[language]["stopped"], "")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_team_is_offered_before_the_first_save_and_its_number_is_on_the_sheet(
    home: Path, language: str
) -> None:
    session = menu(home, *AT_HOME, language=language)
    session.keys(DOWN, DOWN, DOWN, DOWN, ENTER)  # the sheet
    session.wait_for({"en": "Add it now?", "es": "¿Quiere agregarlo ahora?"}[language])
    session.keys(UP, ENTER)  # Yes
    session.child.expect_exact({"en": "Name of the team", "es": "Nombre del equipo"}[language])
    session.keys(*"Hospice", ENTER)
    session.child.expect_exact({"en": "phone number", "es": "número de teléfono"}[language])
    session.keys(*"555 123 4567", ENTER)
    session.wait_for({"en": "What kind of team", "es": "Qué tipo de equipo"}[language])
    session.keys(ENTER)  # hospice
    session.child.expect_exact("24/7")
    session.keys(ENTER)  # the suggested hours
    session.child.expect_exact({"en": "A note", "es": "Una nota"}[language])
    session.keys(ENTER)
    session.child.expect_exact(WORDS[language]["file"])
    session.keys(ENTER)
    session.wait_for(WORDS[language]["menu"])
    [sheet] = home.glob("pallnav-visit-*.html")
    page = sheet.read_text()
    assert "555 123 4567" in page  # its number,
    assert '<span class="blank"></span>' not in page  # not a blank to write on
    session.keys(DOWN, ENTER)  # the whole guide: not offered again
    session.child.expect_exact(WORDS[language]["file"])
    session.keys(ENTER)
    session.wait_for(WORDS[language]["menu"])
    session.keys(DOWN, DOWN, ENTER)  # Done: nothing left to offer, nothing was asked
    code, screen = session.finish()
    assert code == 0, screen
    assert "Add your care team" not in screen and "Agregar el teléfono" not in screen


def test_saying_no_to_the_team_leaves_a_blank_and_saves_the_sheet(home: Path) -> None:
    session = menu(home, *AT_HOME)
    session.keys(DOWN, DOWN, DOWN, DOWN, ENTER)  # the sheet
    session.wait_for("Add it now?")
    session.keys(ENTER)  # No (the default)
    session.child.expect_exact("File name")
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130
    [sheet] = home.glob("pallnav-visit-*.html")
    assert '<span class="blank"></span>' in sheet.read_text()  # a line to write it on
    assert not (home / "data").exists()  # no team was saved


def test_export_with_no_name_takes_the_next_free_one_in_html_as_the_menu_does(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = run("export", *CLINIC)
    second = run("export", *CLINIC)
    assert (first.code, second.code) == (0, 0), second.err
    names = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".html")
    assert names == ["pallnav-summary-2026-11-27-2.html", "pallnav-summary-2026-11-27.html"]
    assert f"{tmp_path / 'pallnav-summary-2026-11-27-2.html'}" in second.err  # the full path
    assert (tmp_path / names[0]).read_text().startswith("<!DOCTYPE html>")
    # A name without an extension pallnav knows is written as HTML too; one named
    # is never replaced without --force, as the menu never does without a yes.
    assert run("export", "notes", *CLINIC).code == 0
    assert (tmp_path / "notes").read_text().startswith("<!DOCTYPE html>")
    refused = run("export", "notes", *CLINIC)
    assert refused.code == 2 and "--force" in refused.err
    # To standard output the summary stays Markdown, as before.
    assert run("export", "-", *CLINIC).out.startswith("# ")


@pytest.mark.parametrize("command", ["export", "guide"])
def test_the_help_examples_show_the_visit_sheet(run: Runner, command: str) -> None:
    result = run(command, "--help")
    examples = result.out.rstrip().rsplit("\n\n", 1)[-1]
    assert f"pallnav {command} --visit" in examples


def read_profile(home: Path) -> dict[str, object]:
    return tomllib.loads((home / "data" / "pallnav" / "profile.toml").read_text())


def test_the_language_is_saved_with_the_answers_and_used_next_time(run: Runner, home: Path) -> None:
    assert run("guide", *CLINIC, "--lang", "es", "--save").code == 0
    assert read_profile(home)["language"] == "es"
    later = run("export", "-")  # no flag, an English system: the answers' language
    assert later.code == 0, later.err
    assert "Su guía de cuidados paliativos" in later.out
    assert "Your palliative care guide" in run("export", "-", "--lang", "en").out
    assert "Your palliative care guide" in run("export", "-", "--no-profile", *CLINIC).out


def test_a_saved_language_that_is_not_a_code_is_one_line_and_the_answers_are_kept_aside(
    run: Runner, home: Path
) -> None:
    folder = home / "data" / "pallnav"
    folder.mkdir(parents=True)
    (folder / "profile.toml").write_text('role = "patient"\nlanguage = ["es"]\n')
    result = run("export", "-", *CLINIC)
    assert result.code == 0
    assert "language" in result.err and "Traceback" not in result.err
    assert list(folder.glob("profile.toml.broken-*"))
