"""The person's symptom record and medicine list, opened for a command, with the
one line a damaged file needs; and the record's problems as one line each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from pallnav.context import Context
from pallnav.errors import ExitCode, PackError, PallnavError
from pallnav.i18n import Messages
from pallnav.record import ITEMS, MAX_FIELD, MAX_NAME, MAX_NOTE, RecordProblem
from pallnav.safetext import shown

if TYPE_CHECKING:
    from pallnav.pack import Pack, RecordWords
    from pallnav.record_sheet import RecordShown
    from pallnav.record_store import RecordDatabase


def open_database(context: Context, messages: Messages, *, create: bool) -> RecordDatabase | None:
    """The record, checked; None when there is none and ``create`` is False. A
    damaged file is moved aside with one line (and, to write, a new one made)."""
    from pallnav import record_store

    opened = record_store.open_record(create=create, now=context.now())
    if opened.problem is not None and opened.moved_to is not None:
        context.say(messages("record.broken", path=opened.moved_to))
    return opened.database


def singular(count: int) -> str:
    """``"_one"`` for a count of 1, else ``""``: the catalogue keeps a message for
    one thing under its key with ``_one`` ("1 day", "1 día"), as for times at one
    o'clock (``i18n.Messages.day_and_time``)."""
    return "_one" if count == 1 else ""


#: The record's file name (``record_store.RECORD_FILE``), looked for without
#: loading the store: with no record, nothing of it (sqlite3) loads (start-up).
RECORD_NAME = "record.sqlite3"


def shown_record(context: Context, messages: Messages, pack: Pack, day: date) -> RecordShown | None:
    """Since the last visit, as of ``day`` (the sheet's date): the last week's
    scores and the medicine list, for the visit sheet, the summary and ``guide
    --json``; empty (blank grids) when there is no record. Read only: nothing is
    made, and a damaged file is moved aside with one line, the sheet made without
    it. None only for a pack with no words for the symptoms (and no built-in
    pack's to borrow)."""
    from pallnav import store
    from pallnav.record_sheet import RecordShown

    words = _record_words(pack)
    if words is None:
        return None
    if not (store.data_dir() / RECORD_NAME).exists():
        return RecordShown((), (), day, words)
    from pallnav import record_store
    from pallnav.record import DEFAULT_DAYS, window

    first, last = window(day, DEFAULT_DAYS)
    read = record_store.read_record(first=first, last=last, now=context.now())
    if read.problem is not None:
        problem = messages.explain(read.problem)
        if read.moved_to is not None:
            context.say(messages("record.broken", path=read.moved_to))
        else:
            context.say(problem)
    return RecordShown(read.entries, read.medicines, day, words)


def _record_words(pack: Pack) -> RecordWords | None:
    """The pack's words for the symptoms, else the built-in pack's in its language
    (also when an updated pack's record.toml cannot be used)."""
    from pallnav.in_use import bundled_content_dir, words_of
    from pallnav.pack_record import load_record_words

    try:
        return words_of(pack)
    except PackError:
        pass
    try:
        return load_record_words(bundled_content_dir(pack.language))
    except PackError:
        return None


def today(context: Context) -> date:
    """Today where the person is (their zone: --tz is not asked for here)."""
    return context.now().astimezone(context.zone().tz).date()


_LIMITS = {"note": MAX_NOTE, "other": MAX_NAME, "name": MAX_NAME}


def record_error(problem: RecordProblem, flag: str | None = None) -> PallnavError:
    """A RecordProblem as the one line for its flag (``--pain``, ``--at``, ``--note``)."""
    where = flag or f"--{problem.field}"
    value = shown(problem.value)
    if problem.field in ITEMS and problem.reason in ("range", "not_number"):
        return PallnavError("log.errors.score", where=where, value=value)
    if problem.field == "symptom":
        return PallnavError("log.errors.symptom", value=value, choices=", ".join(ITEMS))
    if problem.field == "at":
        return PallnavError(f"log.errors.day_{problem.reason}", where=where, value=value)
    if problem.field == "days":
        return PallnavError("log.errors.days", value=value)
    if problem.reason == "too_long":
        limit = _LIMITS.get(problem.field, MAX_FIELD)
        return PallnavError("log.errors.too_long", where=where, value=value, limit=limit)
    if problem.reason == "missing":
        return PallnavError("log.errors.missing", where=where)
    return PallnavError("log.errors.bad_text", where=where, value=value)


class Part(NamedTuple):
    """One part of the record a person can forget on its own: the days (``log``) or
    the medicine list (``meds``), with the catalogue keys that speak of it."""

    keys: str  # "log" or "meds": log.nothing_to_forget, log.ask.forget, ...
    needs_yes: str  # the error without --yes and without a terminal
    count: Callable[[RecordDatabase], int]
    forget: Callable[[RecordDatabase], object]


def forget_part(context: Context, lang: str | None, yes: bool, part: Part) -> int:
    """Delete one part of the record (asks first; --yes without a terminal); the
    file itself goes once nothing is left in it."""
    messages = context.messages_for(lang)
    database = open_database(context, messages, create=False)
    if database is None:
        context.say(messages(f"{part.keys}.nothing_to_forget"))
        return ExitCode.OK
    with database:
        count = part.count(database)
        if not count:
            context.say(messages(f"{part.keys}.nothing_to_forget"))
            return ExitCode.OK
        if not yes:
            if not context.can_ask:
                raise PallnavError(part.needs_yes)
            from pallnav.commands.terminal import asking_terminal
            from pallnav.prompts import yes_no

            question = messages(f"{part.keys}.ask.forget{singular(count)}", count=count)
            if not yes_no(question, messages, asking_terminal(context), default=False):
                context.say(messages(f"{part.keys}.kept"))
                return ExitCode.OK
        part.forget(database)
        empty = database.empty
    if empty:
        from pallnav import record_store

        record_store.forget_file()
    context.say(messages(f"{part.keys}.forgotten{singular(count)}", count=count))
    return ExitCode.OK
