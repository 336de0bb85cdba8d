"""Small things a person notices: a mistyped section id, a name saved twice, the
age question's hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner
from ptys import CTRL_C, DOWN, ENTER, UP, Session, words_of
from test_team_interactive import save_one, saved


@pytest.mark.parametrize(
    ("language", "asked", "said"),
    [
        ("en", "pian", 'No section "pian". Did you mean: pain, paying?'),
        ("es", "pian", 'No hay ninguna sección "pian". ¿Quiso decir: pain, paying?'),
        ("en", "pain-help", "Did you mean: pain,"),  # the id it is made of, first
        ("en", "caregiver", "Did you mean: for-caregivers, caregiver-paperwork?"),
        ("es", "dolor", "¿Quiso decir: "),  # a word of a Spanish title: below
        ("en", "xyz", 'No section "xyz". To see every section and its id: pallnav topics\n'),
        ("es", "xyz", "Para ver cada sección y su ID: pallnav topics\n"),
    ],
)
def test_a_mistyped_section_id_names_the_ones_meant_and_only_those(
    run: Runner, language: str, asked: str, said: str
) -> None:
    result = run("show", asked, "--lang", language)
    assert result.code == 2
    assert result.out == ""
    assert said in result.err
    assert result.err.count("\n") == 1
    assert "what-it-is, who-and-when" not in result.err  # no list of unrelated ids
    if asked == "dolor":
        meant = result.err.split(": ")[-1].split("?")[0].split(", ")
        assert "pain" in meant  # "Ayuda con el dolor"


@pytest.mark.parametrize(
    ("asked", "title"),
    [("Pain", "Help with pain"), (" advanced-eight ", "Advanced cancer: is it")],
)
def test_an_id_in_capitals_or_cut_short_but_unmistakable_shows_the_section(
    run: Runner, asked: str, title: str
) -> None:
    result = run("show", asked)
    assert result.code == 0
    assert result.out.startswith(title)


# --- a name saved twice ------------------------------------------------------------

DUPLICATE = {
    "en": ("Hospice nurse line is already saved (hospice-nurse-line, (555) 123-4567). "
           "What would you like to do?",
           "Put the new details in place of hospice-nurse-line",
           "Keep both (the new one as hospice-nurse-line-2)", "Save nothing",
           "Nothing was saved."),
    "es": ("Hospice nurse line ya está guardado (hospice-nurse-line, (555) 123-4567). "
           "¿Qué quiere hacer?",
           "Poner los datos nuevos en lugar de hospice-nurse-line",
           "Guardar los dos (el nuevo como hospice-nurse-line-2)", "No guardar nada",
           "No se guardó nada."),
}  # fmt: skip


def add_again(home: Path, language: str) -> Session:
    """``team add`` of a name already saved ("hospice NURSE line"), by keys."""
    save_one(home)
    session = Session(
        home, "team", "add", "--name", "hospice NURSE line", "--phone", "555-000-1111",
        "--kind", "hospice", "--hours", "24/7", "--lang", language, dimensions=(24, 40),
    )  # fmt: skip
    session.child.expect_exact({"en": "A note to show", "es": "Una nota"}[language])
    session.keys(ENTER)  # no note
    return session


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_name_saved_already_asks_and_enter_alone_keeps_both(
    tmp_path: Path, language: str
) -> None:
    question, replace, both, nothing, _ = DUPLICATE[language]
    session = add_again(tmp_path, language)
    session.wait_for(question.split()[-1], on=both)  # the pointer starts on keeping both
    assert question in words_of(session.screen[-1])
    assert replace in words_of(session.child.before or "")  # the choice above it
    session.child.expect_exact(nothing.split()[-1])  # and the one below
    session.keys(ENTER)
    code, _ = session.finish()
    assert code == 0
    assert [e["id"] for e in saved(tmp_path)] == ["hospice-nurse-line", "hospice-nurse-line-2"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_name_saved_already_can_be_replaced_or_left_alone(tmp_path: Path, language: str) -> None:
    question, _, _, _, said = DUPLICATE[language]
    session = add_again(tmp_path, language)
    session.wait_for(question.split()[-1])
    session.keys(UP, ENTER)  # Put the new details in place of the saved one
    code, _ = session.finish()
    assert code == 0
    (entry,) = saved(tmp_path)
    assert (entry["id"], entry["name"], entry["phone"]) == (
        "hospice-nurse-line",
        "hospice NURSE line",
        "555-000-1111",
    )
    session = add_again(tmp_path / "again", language)
    session.wait_for(question.split()[-1])
    session.keys(DOWN, ENTER)  # Save nothing
    code, screen = session.finish()
    assert code == 0
    assert said in screen
    assert [e["phone"] for e in saved(tmp_path / "again")] == ["(555) 123-4567"]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", 'pallnav: "Hospice nurse line" is already saved as hospice-nurse-line. To change '
               "it: pallnav team edit hospice-nurse-line. To keep both, give the new one "
               "another --name.\n"),
        ("es", 'pallnav: "Hospice nurse line" ya está guardado como hospice-nurse-line. Para '
               "cambiarlo: pallnav team edit hospice-nurse-line. Para guardar los dos, dé otro "
               "--name al nuevo.\n"),
    ],
)  # fmt: skip
def test_without_a_terminal_a_name_saved_already_is_refused_and_nothing_changes(
    run: Runner, home: Path, language: str, said: str
) -> None:
    assert run("team", "add", "--name", "Hospice nurse line", "--phone", "555-123-4567").code == 0
    before = (home / "data" / "pallnav" / "team.toml").read_text()
    result = run("team", "add", "--name", "hospice nurse line", "--phone", "555-999-0000",
                 "--lang", language)  # fmt: skip
    assert (result.code, result.err) == (2, said)
    assert (home / "data" / "pallnav" / "team.toml").read_text() == before
    again = run("team", "add", "--name", "Hospice nurse line", "--phone", "555-123-4567")
    assert again.code == 0  # the very same entry: nothing to do
    assert "already saved as hospice-nurse-line, just like this. Nothing changed." in again.err
    assert (home / "data" / "pallnav" / "team.toml").read_text() == before


# --- the age question's hint fits who is using the guide ------------------------------


@pytest.mark.parametrize(
    ("language", "role", "hint"),
    [
        ("en", "patient", "Pick your own age."),
        ("en", "caregiver", "Pick the age of the person you care for."),
        ("en", "professional", "Pick your patient's age."),
        ("es", "patient", "Elija su propia edad."),
        ("es", "caregiver", "Elija la edad de la persona que usted cuida."),
        ("es", "professional", "Elija la edad de su paciente."),
    ],
)
def test_the_age_question_says_whose_age_in_words_for_the_role(
    tmp_path: Path, language: str, role: str, hint: str
) -> None:
    session = Session(tmp_path, "guide", "--role", role, "--stage", "new", "--lang", language)
    session.wait_for({"en": "How old is the person with cancer?",
                      "es": "¿Qué edad tiene la persona con cáncer?"}[language])  # fmt: skip
    screen = words_of(session.screen[-1] + (session.child.before or ""))  # up to the pointer
    assert hint in screen
    assert "If the person with cancer is you" not in screen
    assert "Si la persona con cáncer es usted" not in screen
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130
