"""The person's symptom record and medicine list, opened for a command, with the
one line a damaged file needs; and the record's problems as one line each."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pallnav.context import Context
from pallnav.errors import PallnavError
from pallnav.i18n import Messages
from pallnav.record import ITEMS, MAX_FIELD, MAX_NAME, MAX_NOTE, RecordProblem
from pallnav.safetext import shown

if TYPE_CHECKING:
    from pallnav.record_store import RecordDatabase


def open_database(context: Context, messages: Messages, *, create: bool) -> RecordDatabase | None:
    """The record, checked; None when there is none and ``create`` is False. A
    damaged file is moved aside with one line (and, to write, a new one made)."""
    from pallnav import record_store

    opened = record_store.open_record(create=create, now=context.now())
    if opened.problem is not None and opened.moved_to is not None:
        problem = messages.explain(opened.problem)
        context.say(messages("record.broken", problem=problem, path=opened.moved_to))
    return opened.database


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
