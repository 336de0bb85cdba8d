"""`pallnav log` and `pallnav meds add` in a real pseudo-terminal, driven with the
keys a person presses: one symptom at a time, in the reader's voice."""

from __future__ import annotations

from pathlib import Path

import pytest

from pallnav.record_store import read_record
from ptys import CTRL_C, DOWN, ENTER, Session
from test_team_interactive import ask, words

SKIP = ENTER  # the pointer starts on "Skip this one"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


def record_file(home: Path) -> Path:
    return home / "data" / "pallnav" / "record.sqlite3"


def skip_the_rest(session: Session, questions: list[str]) -> None:
    for question in questions:
        session.wait_for(question)
        session.keys(SKIP)


CAREGIVER_QUESTIONS = [
    "How drowsy or sleepy are they right now?",
    "How bad is their nausea right now?",
    "How poor is their appetite right now?",
    "How short of breath are they right now?",
    "How sad or down do they seem right now?",
    "How worried or nervous do they seem right now?",
    "Overall, how unwell do they seem right now?",
]


def test_a_caregiver_is_asked_about_them_one_symptom_at_a_time(home: Path) -> None:
    session = Session(home, "log", "--role", "caregiver")
    session.wait_for("How bad is their pain right now?")
    session.keys("7", ENTER)  # typing a number goes to it
    session.wait_for("How tired are they right now?")
    session.keys(DOWN, DOWN, DOWN, DOWN, ENTER)  # skip, 0, 1, 2, 3
    skip_the_rest(session, CAREGIVER_QUESTIONS)
    ask(session, "Is there one other problem they have that you want to note")
    session.keys("Itching", ENTER)
    session.wait_for("How bad is that problem for them right now?")
    session.keys("10", ENTER)
    ask(session, "A short note for the day")
    session.keys("bad night", ENTER)
    code, output = session.finish()
    assert code == 0, output
    text = words(output)
    assert "Saved the scores and the note for" in text
    assert "Call your care team now, day or night. In an emergency, call 911." in text
    (entry,) = read_record(record_file(home)).entries
    assert dict(entry.scores) == {"pain": 7, "tiredness": 3, "other": 10}
    assert (entry.other, entry.note, entry.by) == ("Itching", "bad night", "caregiver")


def test_ctrl_c_stops_with_130_and_writes_nothing(home: Path) -> None:
    session = Session(home, "log", "--role", "patient")
    session.wait_for("How bad is your pain right now?")
    session.keys("5", ENTER)
    session.wait_for("How tired are you right now?")
    session.keys(CTRL_C)
    code, output = session.finish()
    assert code == 130
    assert "Nothing was saved" in words(output)
    assert not record_file(home).exists()  # not even an empty one


def test_with_no_role_known_it_asks_who_is_filling_it_in(home: Path) -> None:
    session = Session(home, "log")
    session.wait_for("Who is filling this in?")
    session.keys(DOWN, DOWN, ENTER)  # I work in health care
    session.wait_for("How bad is the patient's pain right now?")
    session.keys(CTRL_C)
    assert session.finish()[0] == 130


def test_the_same_day_again_asks_first_and_no_keeps_it(home: Path) -> None:
    first = Session(home, "log", "--pain", "4")
    assert first.finish()[0] == 0
    session = Session(home, "log", "--pain", "9")
    session.wait_for("already has scores (Pain 4). Replace them?")
    session.keys("n")
    code, output = session.finish()
    assert code == 0
    assert "Nothing was changed." in words(output)
    (entry,) = read_record(record_file(home)).entries
    assert entry.scores == (("pain", 4),)


def test_spanish_at_40_columns(home: Path) -> None:
    session = Session(home, "log", "--role", "caregiver", "--lang", "es", dimensions=(20, 40))
    session.wait_for("¿Cuánto dolor tiene su ser querido")
    session.keys(CTRL_C)
    code, output = session.finish()
    assert code == 130
    assert "Omitir este" in output
    assert "0 · Sin dolor" in output


def test_meds_add_by_keys(home: Path) -> None:
    session = Session(home, "meds", "add")
    ask(session, "The medicine's name, as on the label:")
    session.keys("Morphine ER", ENTER)
    ask(session, "How much")
    session.keys("15 mg", ENTER)
    ask(session, "When is it taken")
    session.keys(ENTER)
    ask(session, "What is it for")
    session.keys("pain", ENTER)
    code, output = session.finish()
    assert code == 0, output
    (medicine,) = read_record(record_file(home)).medicines
    assert medicine == ("morphine-er", "Morphine ER", "15 mg", None, "pain")
