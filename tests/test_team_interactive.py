"""`pallnav team` in a real pseudo-terminal, driven with the keys a person presses."""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path

import pytest

from ptys import DOWN, ENTER, UP, Session
from test_interactive import answer_all_questions

BACKSPACE = "\x7f"
CLEAR_LINE = "\x15"  # Ctrl-U: erase what is typed (a default, say)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


def team_file(home: Path) -> Path:
    return home / "data" / "pallnav" / "team.toml"


def saved(home: Path) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = tomllib.loads(team_file(home).read_text())["contact"]
    return entries


def save_one(home: Path) -> None:
    path = team_file(home)
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_text(
        '[[contact]]\nid = "hospice-nurse-line"\nname = "Hospice nurse line"\n'
        'phone = "(555) 123-4567"\nkind = "hospice"\nhours = "24/7"\n'
        'zone = "America/New_York"\n'
    )
    path.chmod(0o600)


def words(screen: str) -> str:
    """What a screen says: escape codes dropped, lines joined."""
    return " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", screen).split())


def ask(session: Session, question: str) -> None:
    """Wait for a question that takes typed text (no menu pointer)."""
    session.child.expect_exact(question)
    session.screen.append((session.child.before or "") + question)


def test_add_by_keys_asks_again_after_a_bad_phone_and_saves_privately(home: Path) -> None:
    session = Session(home, "team", "add")
    ask(session, "Name of the team or line")
    session.keys("Hospice nurse line", ENTER)
    ask(session, "Their phone number:")
    session.keys("call me", ENTER)
    ask(session, "is not a phone number")
    session.keys(*[BACKSPACE] * len("call me"), "(555) 123-4567 x12", ENTER)
    session.wait_for("What kind of team is it?")
    session.keys(ENTER)  # Hospice team, the first
    ask(session, "When do they answer?")
    session.keys(ENTER)  # the suggested 24/7
    ask(session, "A note to show with it")
    session.keys("Ask for the nurse on call", ENTER)
    code, screen = session.finish()
    assert code == 0, screen
    assert "Saved Hospice nurse line as hospice-nurse-line." in screen
    assert stat.S_IMODE(team_file(home).stat().st_mode) == 0o600
    assert stat.S_IMODE(team_file(home).parent.stat().st_mode) == 0o700
    assert saved(home) == [
        {
            "id": "hospice-nurse-line",
            "name": "Hospice nurse line",
            "phone": "(555) 123-4567 x12",
            "kind": "hospice",
            "hours": "24/7",
            "zone": "America/New_York",
            "note": "Ask for the nurse on call",
        }
    ]


def test_add_asks_only_what_the_flags_did_not_give_and_explains_bad_hours(home: Path) -> None:
    session = Session(home, "team", "add", "--name", "Dr. Ruiz", "--kind", "oncology")
    ask(session, "Their phone number:")
    session.keys("555 987 6543", ENTER)
    ask(session, "When do they answer?")
    session.keys("mon-fri 9-5", ENTER)
    ask(session, "could be morning or evening")
    session.keys(CLEAR_LINE, "lun-vie 9am-5pm", ENTER)
    ask(session, "A note to show with it")
    session.keys(ENTER)
    code, screen = session.finish()
    assert code == 0, screen
    assert "Name of the team" not in screen
    assert "What kind of team" not in screen
    (entry,) = saved(home)
    assert (entry["id"], entry["kind"], entry["hours"]) == (
        "dr-ruiz",
        "oncology",
        "mon-fri 09:00-17:00",
    )
    assert "note" not in entry


def test_edit_by_keys_shows_each_current_value_to_keep_or_change(home: Path) -> None:
    save_one(home)
    session = Session(home, "team", "edit", "hospice-nurse-line")
    ask(session, "Name of the team or line")
    session.keys(ENTER)  # keep
    ask(session, "Their phone number:")
    session.keys(CLEAR_LINE, "555 222 3333", ENTER)
    session.wait_for("What kind of team is it?")
    session.keys(DOWN, ENTER)  # Palliative care team
    ask(session, "When do they answer?")
    session.keys(CLEAR_LINE, "Mon-Fri 8:00-17:00, Sat 9-12", ENTER)
    ask(session, "A note to show with it")
    session.keys(ENTER)
    code, screen = session.finish()
    assert code == 0, screen
    (entry,) = saved(home)
    assert entry == {
        "id": "hospice-nurse-line",
        "name": "Hospice nurse line",
        "phone": "555 222 3333",
        "kind": "palliative",
        "hours": "mon-fri 08:00-17:00, sat 09:00-12:00",
        "zone": "America/New_York",
    }


def test_remove_asks_first_and_no_keeps_it(home: Path) -> None:
    save_one(home)
    session = Session(home, "team", "remove", "hospice-nurse-line")
    session.wait_for("Remove Hospice nurse line (hospice-nurse-line) from this computer?")
    session.keys(ENTER)  # No, the default
    code, screen = session.finish()
    assert code == 0
    assert "Nothing was removed." in screen
    assert team_file(home).exists()


def test_remove_by_keys_deletes_the_file_with_the_last_entry(home: Path) -> None:
    save_one(home)
    session = Session(home, "team", "remove", "hospice-nurse-line")
    session.wait_for("Remove Hospice nurse line (hospice-nurse-line) from this computer?")
    session.keys(UP, ENTER)  # Yes
    code, screen = session.finish()
    assert code == 0
    assert "Removed Hospice nurse line (hospice-nurse-line)." in screen
    assert not team_file(home).exists()


def guide_up_to_the_team_offer(home: Path) -> Session:
    """A guide for care at home, read and closed, saying No to keeping the answers."""
    session = Session(home, "guide")
    answer_all_questions(session)  # advanced, at home
    session.wait_for("Is this right?")
    session.keys(ENTER)
    session.wait_for("Press Enter to open the menu.")
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    session.keys(DOWN, DOWN, ENTER)  # Who can be reached now
    session.wait_for_screen()
    assert "To show it first, with its hours: pallnav team add" in words(session.screen[-1])
    session.keys(UP, ENTER)  # back to the menu
    session.wait_for("What would you like to do?", on="Who can be reached now")
    session.keys(UP, UP, UP, ENTER)  # Done (up from the first wraps to the last)
    session.wait_for("Keep your answers on this computer")
    session.keys(ENTER)  # No
    session.wait_for("Add your care team's phone number so it shows first?")
    return session


def test_the_guide_offers_to_add_the_team_at_the_end_for_care_at_home(home: Path) -> None:
    session = guide_up_to_the_team_offer(home)
    session.keys(UP, ENTER)  # Yes
    ask(session, "Name of the team or line")
    session.keys("Hospice", ENTER)
    ask(session, "Their phone number:")
    session.keys("555 123 4567", ENTER)
    session.wait_for("What kind of team is it?")
    session.keys(ENTER)
    ask(session, "When do they answer?")
    session.keys(ENTER)
    ask(session, "A note to show with it")
    session.keys(ENTER)
    code, screen = session.finish()
    assert code == 0, screen
    assert [e["id"] for e in saved(home)] == ["hospice"]


def test_the_offer_defaults_to_no_and_saves_nothing(home: Path) -> None:
    session = guide_up_to_the_team_offer(home)
    session.keys(ENTER)
    code, _ = session.finish()
    assert code == 0
    assert not (home / "data").exists()


def test_a_spanish_reader_is_asked_in_spanish(home: Path) -> None:
    session = Session(home, "team", "add", "--lang", "es")
    ask(session, "Nombre del equipo o de la línea")
    session.keys("Hospicio", ENTER)
    ask(session, "Su número de teléfono:")
    session.keys("llámeme", ENTER)
    ask(session, "no es un número de teléfono")
    session.keys(CLEAR_LINE, "555 123 4567", ENTER)
    session.wait_for("¿Qué tipo de equipo es?")
    session.keys(ENTER)
    ask(session, "¿Cuándo contestan?")
    session.keys(ENTER)
    ask(session, "Una nota para mostrar")
    session.keys(ENTER)
    code, screen = session.finish()
    assert code == 0, screen
    assert "Se guardó Hospicio como hospicio." in screen
