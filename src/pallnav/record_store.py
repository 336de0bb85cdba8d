"""The symptom record and the medicine list on disk: one SQLite database,
``record.sqlite3``, beside the saved answers in the user data folder.

A time series that two shells may write at once, so a real database (Python's
own ``sqlite3``, imported only here and only when the record is used):

* mode 0600 in a 0700 folder, like every file holding a person's health
  information; deleted rows are overwritten (``secure_delete``);
* a schema version (``PRAGMA user_version``) and :data:`MIGRATIONS`, applied in
  one transaction by whichever process opens it first;
* every write in one ``BEGIN IMMEDIATE`` transaction, waiting up to
  :data:`BUSY_SECONDS` for another pallnav to finish: two at once lose nothing;
* ``PRAGMA integrity_check`` on every open: a damaged database is moved aside
  (``record.sqlite3.broken-YYYYmmdd-HHMMSS``) and reported in one line, never
  silently emptied.

``pallnav profile forget`` leaves it alone; ``log forget`` and ``meds forget``
empty their own table, and the file goes once both are empty.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pallnav import store
from pallnav.errors import PallnavError, Phrase, WriteError
from pallnav.record import HIGHEST, ITEMS, LOWEST, Entry, Medicine, slug
from pallnav.safetext import clean

if TYPE_CHECKING:
    import sqlite3

RECORD_FILE = "record.sqlite3"
#: How long a write waits for another pallnav that is writing (a busy timeout).
BUSY_SECONDS = 10.0
#: Marks the file as pallnav's record (``PRAGMA application_id``): "pnav".
APPLICATION_ID = 0x706E6176

_SCORE_COLUMNS = ", ".join(
    f"{item} INTEGER CHECK ({item} IS NULL OR "
    f"(typeof({item}) = 'integer' AND {item} BETWEEN {LOWEST} AND {HIGHEST}))"
    for item in ITEMS
)
#: Each migration: the statements that take the schema from version N to N + 1.
#: Never edit one that has shipped; add the next.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        f"""CREATE TABLE entry (
            day TEXT PRIMARY KEY NOT NULL
                CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            {_SCORE_COLUMNS},
            other_name TEXT,
            note TEXT,
            recorded_by TEXT,
            saved TEXT NOT NULL
        )""",
        """CREATE TABLE medicine (
            id TEXT PRIMARY KEY NOT NULL,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            dose TEXT,
            taken_when TEXT,
            purpose TEXT,
            saved TEXT NOT NULL
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
#: SQLite's result codes for a file that is not a database, or a damaged one.
_DAMAGED = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
_ENTRY_COLUMNS = ("day", *ITEMS, "other_name", "note", "recorded_by", "saved")
_MEDICINE_COLUMNS = ("id", "name", "dose", "taken_when", "purpose")
# Built from the constants above only (no value from outside ever goes into SQL text).
_SELECT_ENTRIES = f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entry"  # noqa: S608
_INSERT_ENTRY = (
    f"INSERT OR REPLACE INTO entry ({', '.join(_ENTRY_COLUMNS)}) "  # noqa: S608
    f"VALUES ({', '.join('?' for _ in _ENTRY_COLUMNS)})"
)
_SELECT_MEDICINES = f"SELECT {', '.join(_MEDICINE_COLUMNS)} FROM medicine ORDER BY position, id"  # noqa: S608


def record_path() -> Path:
    return store.data_dir() / RECORD_FILE


class Damaged(Exception):
    """The file is not a database pallnav can use: ``reason`` says why (for the message)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Opened(NamedTuple):
    """What opening the record found: the database (None when there is none and
    none was to be made), and where a damaged one was moved."""

    database: RecordDatabase | None
    moved_to: Path | None = None
    problem: PallnavError | None = None


def open_record(path: Path | None = None, *, create: bool, now: datetime | None = None) -> Opened:
    """Open the record at ``path`` (the user's by default), checked and up to date.

    Without a file, ``create`` makes one (0600, folder 0700); otherwise nothing is
    written and the database is None. A damaged file is moved aside and reported
    in ``problem``; with ``create`` a new, empty database takes its place.
    """
    path = path or record_path()
    if not os.path.lexists(path):
        if not create:
            return Opened(None)
        _create_private(path)
    try:
        return Opened(_open(path))
    except Damaged:
        moved_to = _move_aside(path, now)
        problem = PallnavError(
            "errors.bad_file",
            path=str(path),
            reason=Phrase("record.damaged"),  # SQLite's own words are English only
        )
        if moved_to is None:
            raise problem from None  # it could not be moved: leave it, and say so
        if not create:
            return Opened(None, moved_to, problem)
        _create_private(path)
        return Opened(_open(path), moved_to, problem)


def _create_private(path: Path) -> None:
    """An empty file with mode 0600 in a 0700 folder (SQLite would follow the umask)."""
    try:
        store.ensure_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, store.PRIVATE_FILE)
    except FileExistsError:
        return  # another pallnav made it first
    except OSError as error:
        raise _write_error(path, error) from error
    os.close(fd)


def _open(path: Path) -> RecordDatabase:
    import sqlite3
    import stat

    try:
        kind = path.stat().st_mode
    except OSError as error:
        raise _write_error(path, error) from error
    if not stat.S_ISREG(kind):
        reason = Phrase("reasons.is_folder" if stat.S_ISDIR(kind) else "reasons.not_regular")
        raise PallnavError("errors.bad_file", path=str(path), reason=reason)
    if kind & 0o077:
        with contextlib.suppress(OSError):
            path.chmod(store.PRIVATE_FILE)
    try:
        connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except sqlite3.Error as error:
        raise _sqlite_error(path, error) from error
    try:
        database = RecordDatabase(connection, path)
        database.check()
        return database
    except BaseException:
        connection.close()
        raise


def _move_aside(path: Path, now: datetime | None) -> Path | None:
    """Move the damaged file (and any journal of it) aside, never deleting it."""
    moved = store.move_aside(path, now)
    if moved is not None:
        for suffix in ("-journal", "-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                with contextlib.suppress(OSError):
                    companion.rename(moved.with_name(moved.name + suffix))
    return moved


def _write_error(path: Path, error: OSError) -> PallnavError:
    from pallnav.errors import os_reason

    return WriteError("errors.cannot_write", path=str(path), reason=os_reason(error))


def _sqlite_error(path: Path, error: sqlite3.Error, *, writing: bool = True) -> Exception:
    """A damaged file becomes Damaged; anything else (busy, a full disk, a
    read-only folder) is a file that could not be written, or read (``writing``
    False: a read), exit 73 either way."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGED:
        return Damaged(str(error))
    key = "errors.cannot_write" if writing else "errors.cannot_read"
    reason = _REASONS.get((code or 0) & 0xFF)
    return WriteError(key, path=str(path), reason=Phrase(reason) if reason else str(error))


#: SQLite's result codes said in the reader's language: busy and locked (another
#: pallnav is writing), read-only, no room, no permission.
_REASONS = {5: "reasons.busy", 6: "reasons.busy", 8: "reasons.read_only",
            13: "reasons.disk_full", 23: "reasons.permission"}  # fmt: skip


class RecordDatabase:
    """An open, checked record: reads, and writes each in its own transaction."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    # -- opening --

    def check(self) -> None:
        """Integrity, ownership and schema version; migrate an older schema."""
        with self._errors():
            self.connection.execute("PRAGMA secure_delete = ON")
            found = [row[0] for row in self.connection.execute("PRAGMA integrity_check")]
            if found != ["ok"]:
                raise Damaged("; ".join(str(line) for line in found[:3]))
            application = self._pragma("application_id")
            version = self._pragma("user_version")
        if application not in (0, APPLICATION_ID):
            raise Damaged("not a pallnav record")
        if version > SCHEMA_VERSION:
            raise PallnavError("record.errors.newer", path=str(self.path))
        if version < SCHEMA_VERSION:
            self._migrate()

    def _pragma(self, name: str) -> int:
        value = self.connection.execute(f"PRAGMA {name}").fetchone()[0]
        return int(value)

    def _migrate(self) -> None:
        with self.transaction():
            version = self._pragma("user_version")  # another pallnav may have done it
            if version == 0 and self._has_tables():
                raise Damaged("not a pallnav record")
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self.connection.execute(statement)
            self.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _has_tables(self) -> bool:
        row = self.connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return bool(row[0])

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> RecordDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _errors(self, *, writing: bool = False) -> Iterator[None]:
        import sqlite3

        try:
            yield
        except sqlite3.Error as error:
            raise _sqlite_error(self.path, error, writing=writing) from error

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: BEGIN IMMEDIATE (waiting for another writer), COMMIT, or
        ROLLBACK on any error, Ctrl-C included: nothing half-written."""
        with self._errors(writing=True):
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")

    # -- the symptom record --

    def entries(self, first: date | None = None, last: date | None = None) -> tuple[Entry, ...]:
        """The entries from ``first`` to ``last`` (each optional), oldest first."""
        query = _SELECT_ENTRIES
        where, values = [], []
        if first is not None:
            where.append("day >= ?")
            values.append(first.isoformat())
        if last is not None:
            where.append("day <= ?")
            values.append(last.isoformat())
        if where:
            query += " WHERE " + " AND ".join(where)
        with self._errors():
            rows = self.connection.execute(query + " ORDER BY day", values).fetchall()
        return tuple(entry for entry in map(_entry, rows) if entry is not None)

    def entry(self, day: date) -> Entry | None:
        found = self.entries(day, day)
        return found[0] if found else None

    def save_entry(self, entry: Entry, *, replace: bool) -> Entry | None:
        """Save ``entry``; if its day has one already and not ``replace``, keep
        that one and return it (the caller asks, then saves with ``replace``)."""
        saved = (entry.saved or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        scores = dict(entry.scores)
        values = (
            entry.day.isoformat(),
            *(scores.get(item) for item in ITEMS),
            entry.other,
            entry.note,
            entry.by,
            saved,
        )
        with self.transaction() as connection:
            row = connection.execute(_SELECT_ENTRIES + " WHERE day = ?", (values[0],)).fetchone()
            if row is not None and not replace:
                return _entry(row)
            connection.execute(_INSERT_ENTRY, values)
        return None

    def remove_entry(self, day: date) -> bool:
        with self.transaction() as connection:
            cursor = connection.execute("DELETE FROM entry WHERE day = ?", (day.isoformat(),))
        return cursor.rowcount > 0

    def forget_entries(self) -> int:
        """Delete every entry (overwritten on disk); how many there were."""
        with self.transaction() as connection:
            cursor = connection.execute("DELETE FROM entry")
        return cursor.rowcount

    def count_entries(self) -> int:
        with self._errors():
            return int(self.connection.execute("SELECT count(*) FROM entry").fetchone()[0])

    # -- the medicine list --

    def medicines(self) -> tuple[Medicine, ...]:
        """The list, in the order the medicines were added."""
        with self._errors():
            rows = self.connection.execute(_SELECT_MEDICINES).fetchall()
        return tuple(_medicine(row) for row in rows)

    def add_medicine(self, medicine: Medicine, *, limit: int) -> Medicine:
        """Add ``medicine`` at the end of the list, its id made unique in the same
        transaction (two pallnavs adding "Morphine" get morphine and morphine-2)."""
        with self.transaction() as connection:
            taken = [row[0] for row in connection.execute("SELECT id FROM medicine")]
            if len(taken) >= limit:
                raise PallnavError("meds.errors.full", limit=limit)
            if medicine.id in taken:
                medicine = medicine._replace(id=slug(medicine.name, taken))
            position = connection.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM medicine"
            ).fetchone()[0]
            _, *fields = _medicine_values(medicine)
            connection.execute(
                "INSERT INTO medicine (id, position, name, dose, taken_when, purpose, saved) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (medicine.id, position, *fields, _now_text()),
            )
        return medicine

    def update_medicine(self, medicine: Medicine) -> bool:
        """Change the medicine with ``medicine.id``; False if it is gone."""
        medicine_id, *fields = _medicine_values(medicine)
        with self.transaction() as connection:
            cursor = connection.execute(
                "UPDATE medicine SET name = ?, dose = ?, taken_when = ?, purpose = ?, saved = ? "
                "WHERE id = ?",
                (*fields, _now_text(), medicine_id),
            )
        return cursor.rowcount > 0

    def remove_medicine(self, medicine_id: str) -> bool:
        with self.transaction() as connection:
            cursor = connection.execute("DELETE FROM medicine WHERE id = ?", (medicine_id,))
        return cursor.rowcount > 0

    def forget_medicines(self) -> int:
        with self.transaction() as connection:
            cursor = connection.execute("DELETE FROM medicine")
        return cursor.rowcount

    @property
    def empty(self) -> bool:
        with self._errors():
            row = self.connection.execute(
                "SELECT (SELECT count(*) FROM entry) + (SELECT count(*) FROM medicine)"
            ).fetchone()
        return not row[0]


def _now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _medicine_values(medicine: Medicine) -> tuple[str | None, ...]:
    return (medicine.id, medicine.name, medicine.dose, medicine.when, medicine.purpose)


def _text(value: object) -> str | None:
    """A text column as written by pallnav; made inert again (the file is outside
    pallnav's hands between runs), and None if it is not text."""
    return clean(value) if isinstance(value, str) and value else None


def _entry(row: Sequence[Any]) -> Entry | None:
    """An Entry from a row; None for a row that holds no day pallnav could write.
    (Ten years are 3,650 rows: this is written for speed.)"""
    try:
        day = date.fromisoformat(row[0])
    except (TypeError, ValueError):
        return None
    # Each score is NULL or a whole number 0-10: the table's CHECK constraints say
    # so, and integrity_check (on every open) holds a file to them.
    scores = tuple(
        [pair for pair in zip(ITEMS, row[1:_SCORES_END], strict=True) if pair[1] is not None]
    )
    other, note, by, saved_text = row[_SCORES_END:]
    try:
        saved = datetime.fromisoformat(saved_text)
    except (TypeError, ValueError):
        saved = None
    other_name = _text(other) if scores and scores[-1][0] == "other" else None  # last in ITEMS
    return Entry(day, scores, other_name, _text(note) if note else None, _text(by), saved)


_SCORES_END = 1 + len(ITEMS)


def _medicine(row: Sequence[object]) -> Medicine:
    medicine_id, name, dose, when, purpose = (_text(value) for value in row)
    return Medicine(medicine_id or "", name or "", dose, when, purpose)


def forget_file(path: Path | None = None) -> bool:
    """Delete the record's file (and any journal); True if there was one."""
    path = path or record_path()
    removed = False
    for target in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise _write_error(target, error) from error
        removed = True
    return removed


class RecordRead(NamedTuple):
    """Everything the visit sheet needs from the record, read in one go."""

    entries: tuple[Entry, ...] = ()
    medicines: tuple[Medicine, ...] = ()
    moved_to: Path | None = None
    problem: PallnavError | None = None


def read_record(
    path: Path | None = None,
    *,
    first: date | None = None,
    last: date | None = None,
    now: datetime | None = None,
) -> RecordRead:
    """The entries from ``first`` to ``last`` and the medicine list, without
    creating anything: none when there is no record. A damaged file is moved aside
    and reported in ``problem`` (with ``moved_to``), never raised."""
    try:
        opened = open_record(path, create=False, now=now)
    except PallnavError as error:
        return RecordRead(problem=error)
    if opened.database is None:
        return RecordRead(moved_to=opened.moved_to, problem=opened.problem)
    with opened.database as database:
        try:
            return RecordRead(database.entries(first, last), database.medicines())
        except PallnavError as error:
            return RecordRead(problem=error)


def ids_for_completion(what: str, path: Path | None = None) -> list[str]:
    """The medicine ids (``what`` "medicines") or the days with scores, newest first
    ("days"), for a shell completing a command line: read only, never checked,
    migrated or moved aside (that is for the command itself), nothing on any error."""
    import sqlite3

    path = path or record_path()
    if not path.is_file():
        return []
    query = {
        "medicines": "SELECT id FROM medicine ORDER BY position, id",
        "days": "SELECT day FROM entry ORDER BY day DESC LIMIT 400",
    }[what]
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return []
    try:
        return [str(row[0]) for row in connection.execute(query)]
    except sqlite3.Error:
        return []
    finally:
        connection.close()
