"""The record's SQLite file: private, versioned, checked on open, moved aside
when damaged, and safe with two pallnavs writing at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pallnav import record_store
from pallnav.errors import PallnavError
from pallnav.record import make_entry, make_medicine
from pallnav.record_store import SCHEMA_VERSION, open_record, read_record

NOW = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
DAY = date(2026, 11, 27)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "pallnav" / "record.sqlite3"


def test_reading_when_there_is_no_record_creates_nothing(path: Path) -> None:
    assert read_record(path) == record_store.RecordRead()
    assert not path.parent.exists()


def test_the_file_is_private_in_a_private_folder(path: Path) -> None:
    with open_record(path, create=True).database as database:  # type: ignore[union-attr]
        database.save_entry(make_entry(DAY, {"pain": 3}), replace=False)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["record.sqlite3"]


def test_a_looser_file_is_tightened_on_open(path: Path) -> None:
    open_record(path, create=True).database.close()  # type: ignore[union-attr]
    path.chmod(0o644)
    open_record(path, create=False).database.close()  # type: ignore[union-attr]
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_schema_has_a_version_and_pallnav_s_mark(path: Path) -> None:
    open_record(path, create=True).database.close()  # type: ignore[union-attr]
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x706E6176
    connection.close()


def test_entries_and_medicines_round_trip(path: Path) -> None:
    entry = make_entry(
        DAY, {"pain": 6, "other": 4}, other="Itching", note="bad night", by="caregiver"
    )
    with open_record(path, create=True).database as database:  # type: ignore[union-attr]
        assert database.save_entry(entry._replace(saved=NOW), replace=False) is None
        database.add_medicine(make_medicine("Morphine", dose="15 mg"), limit=100)
        database.add_medicine(make_medicine("Morphine", when="at night"), limit=100)
    found = read_record(path)
    assert found.entries == (entry._replace(saved=NOW),)
    assert [(m.id, m.dose, m.when) for m in found.medicines] == [
        ("morphine", "15 mg", None),
        ("morphine-2", None, "at night"),
    ]


def test_the_same_day_is_kept_unless_replaced(path: Path) -> None:
    first = make_entry(DAY, {"pain": 6})
    with open_record(path, create=True).database as database:  # type: ignore[union-attr]
        database.save_entry(first, replace=False)
        kept = database.save_entry(make_entry(DAY, {"pain": 2}), replace=False)
        assert kept is not None and kept.scores == (("pain", 6),)
        assert database.entry(DAY).scores == (("pain", 6),)  # type: ignore[union-attr]
        database.save_entry(make_entry(DAY, {"nausea": 1}), replace=True)
        assert database.entry(DAY).scores == (("nausea", 1),)  # type: ignore[union-attr]


def test_a_score_outside_0_to_10_cannot_reach_the_file(path: Path) -> None:
    with open_record(path, create=True).database as database:  # type: ignore[union-attr]
        bad = make_entry(DAY, {"pain": 3})._replace(scores=(("pain", 11),))
        with pytest.raises(PallnavError):
            database.save_entry(bad, replace=False)
        assert database.entries() == ()


def test_a_file_that_is_not_a_database_is_moved_aside_not_emptied(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all, but someone's bytes" * 100)
    opened = open_record(path, create=True, now=NOW)
    assert opened.moved_to == path.with_name("record.sqlite3.broken-20261127-200000")
    assert opened.moved_to.read_bytes().startswith(b"not a database")
    assert opened.problem is not None and opened.problem.key == "errors.bad_file"
    assert opened.database is not None and opened.database.entries() == ()
    opened.database.close()


def test_a_damaged_page_is_found_by_the_integrity_check(path: Path) -> None:
    with open_record(path, create=True).database as database:  # type: ignore[union-attr]
        for number in range(1, 400):
            entry = make_entry(date(2000, 1, 1).fromordinal(730_000 + number), {"pain": 1})
            database.save_entry(entry._replace(note="x" * 200), replace=False)
    data = bytearray(path.read_bytes())
    page = 4096 * 2
    data[page : page + 12] = b"\xff" * 12  # garble the header of a page of entries
    path.write_bytes(bytes(data))
    found = read_record(path, now=NOW)
    assert found.problem is not None and found.moved_to is not None
    assert not path.exists() and found.moved_to.exists()


def test_a_record_from_a_newer_pallnav_is_left_alone(path: Path) -> None:
    open_record(path, create=True).database.close()  # type: ignore[union-attr]
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(PallnavError) as error:
        open_record(path, create=True)
    assert error.value.key == "record.errors.newer"
    assert path.read_bytes() == before


def test_another_program_s_database_is_not_taken_over(path: Path) -> None:
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    opened = open_record(path, create=False, now=NOW)
    assert opened.database is None and opened.moved_to is not None


def test_forgetting_overwrites_and_the_file_goes(path: Path) -> None:
    with open_record(path, create=True).database as database:  # type: ignore[union-attr]
        database.save_entry(make_entry(DAY, {"pain": 3}, note="SECRET-NOTE"), replace=False)
        assert database.forget_entries() == 1
        assert database.empty
    assert b"SECRET-NOTE" not in path.read_bytes()
    assert record_store.forget_file(path)
    assert not path.exists()


WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import date, timedelta
    from pathlib import Path
    from pallnav.record import make_entry, make_medicine
    from pallnav.record_store import open_record

    path, first, start = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    while time.time() < start:
        time.sleep(0.001)
    for number in range(first, first + 40):
        opened = open_record(path, create=True)
        with opened.database as database:
            day = date(2026, 1, 1) + timedelta(days=number)
            database.save_entry(make_entry(day, {"pain": number % 11}), replace=False)
            database.add_medicine(make_medicine("Morphine"), limit=1000)
    """
)


def test_two_processes_writing_at_once_lose_nothing(path: Path) -> None:
    """Both start on the same instant, on a record that does not exist yet: both
    create it, migrate it and write 40 days and 40 medicines each."""
    import time

    start = str(time.time() + 1.0)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(first), start])
        for first in (0, 40)
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    found = read_record(path)
    assert len(found.entries) == 80
    assert len({m.id for m in found.medicines}) == 80


def test_a_score_written_around_the_checks_is_damage_found_on_open(path: Path) -> None:
    """A score of 6.5 or 11 put in by another program breaks the table's checks:
    integrity_check finds it, and the file is moved aside, never half-read."""
    with open_record(path, create=True).database as database:  # type: ignore[union-attr]
        database.save_entry(make_entry(DAY, {"pain": 3}), replace=False)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("INSERT INTO entry (day, pain, saved) VALUES ('2026-11-26', 6.5, 'x')")
    connection.close()
    found = read_record(path, now=NOW)
    assert found.problem is not None and found.moved_to is not None
    assert found.entries == ()
