"""Since the last visit: the symptom record and the medicine list as blocks, for
the visit sheet, the summary and the navigator, and as JSON for ``guide --json``.

Pure: the entries and medicines are read by the shell (``commands/own_record``)
and passed in with the day the sheet is made; the words come from the pack's
``record.toml`` and the catalogue. With nothing recorded, the blocks are a blank
grid and a blank medicine list to fill in by hand, so a printed sheet is useful
either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from pallnav.document import Block, Document, Heading, Inline, Para, Span, Strong, Table, Title
from pallnav.i18n import Messages
from pallnav.pack import RecordWords
from pallnav.record import (
    DEFAULT_DAYS,
    ITEMS,
    Entry,
    Medicine,
    Summary,
    entry_json,
    in_window,
    medicine_json,
    summarize,
    summary_json,
    window,
)

#: The medicines a sheet lists before "...and N more" (it stays one page).
SHEET_MEDICINES = 12
#: Empty rows of the medicine list to write in by hand.
BLANK_MEDICINES = 3


class RecordShown(NamedTuple):
    """The record as it stands on ``today``: the entries of the ``days`` days up to
    it, the whole medicine list, and the pack's words for the symptoms."""

    entries: tuple[Entry, ...]
    medicines: tuple[Medicine, ...]
    today: date
    words: RecordWords
    days: int = DEFAULT_DAYS

    @property
    def empty(self) -> bool:
        return not any(e.scores for e in in_window(self.entries, self.today, self.days))


def record_blocks(
    record: RecordShown, messages: Messages, medicines: int = SHEET_MEDICINES
) -> list[Block]:
    """ "Since the last visit": the scores of the days shown, one row a symptom (the
    marked ones first), what the marks ask, then the first ``medicines`` medicines
    (a line says how many more). Blank grids when there is nothing recorded."""
    return [
        Heading(messages("visit.record_title")),
        *symptom_blocks(record, messages),
        *medicine_blocks(record.medicines, messages, medicines),
    ]


def _day_label(day: date, messages: Messages) -> str:
    return f"{messages.lists['format.weekdays_short'][day.weekday()]} {day.day}"


def symptom_blocks(record: RecordShown, messages: Messages) -> list[Block]:
    words = record.words
    first, last = window(record.today, record.days)
    summaries = summarize(record.entries, record.today, record.days)
    if not summaries:
        # From today on: printed now, filled in each day, brought to the visit.
        days = [record.today + timedelta(days=n) for n in range(record.days)]
        header = (messages("visit.record_symptom"), *(_day_label(d, messages) for d in days))
        rows = tuple((words.label(item), *("" for _ in days)) for item in ITEMS)
        return [
            Para(messages("visit.record_blank", scale=messages("log.scale"))),
            Table(header, rows, blank=True),
        ]
    days = [first + timedelta(days=n) for n in range(record.days)]
    blocks: list[Block] = [
        Para(
            messages(
                "visit.record_scores",
                first=messages.full_date(first),
                last=messages.full_date(last),
                scale=messages("log.scale"),
            )
        ),
        score_table(summaries, days, words, messages),
    ]
    marks = marks_para(summaries, words, messages)
    if marks is not None:
        blocks.append(marks)
    return blocks


def score_table(
    summaries: Sequence[Summary], days: Sequence[date], words: RecordWords, messages: Messages
) -> Table:
    """The symptoms-by-day table: one row a symptom (in ``summaries``' order, a marked
    one with " *"), one column a day of ``days``, its score or empty. The visit
    sheet, the navigator and ``pallnav log list`` (a table a week) all show it."""
    header = (messages("visit.record_symptom"), *(_day_label(d, messages) for d in days))
    scored: list[tuple[Inline, ...]] = []
    for summary in summaries:
        scores = dict(summary.days)
        label = words.label(summary.item, summary.other)
        name: Inline = (Strong(label), " *") if summary.tell_team else label
        scored.append((name, *(str(scores[d]) if d in scores else "" for d in days)))
    return Table(header, tuple(scored), chart=True, chart_title=messages("visit.record_chart"))


def marks_para(summaries: Sequence[Summary], words: RecordWords, messages: Messages) -> Para | None:
    """What the marks ask: "* Tell your care team." and, for pain or breathing at
    7 or more, the call-now line."""
    marks: list[Span] = []
    if any(s.tell_team for s in summaries):
        marks.append(f"* {words.tell_team}")
    urgent = [words.label(s.item, s.other) for s in summaries if s.call_now]
    if urgent:
        names = messages("guide.reason_separator").join(urgent)
        marks += [" " if marks else "", Strong(f"{names}: {words.call_now}")]
    return Para(tuple(m for m in marks if m)) if marks else None


def medicine_blocks(
    medicines: tuple[Medicine, ...], messages: Messages, limit: int = SHEET_MEDICINES
) -> list[Block]:
    header = (
        messages("visit.medicine_name"),
        messages("visit.medicine_dose"),
        messages("visit.medicine_when"),
        messages("visit.medicine_for"),
    )
    blocks: list[Block] = [Heading(messages("visit.medicines_title"), 3)]
    if not medicines:
        blank = tuple(("", "", "", "") for _ in range(BLANK_MEDICINES))
        return [*blocks, Para(messages("visit.medicines_blank")), Table(header, blank, blank=True)]
    shown = medicines[: min(limit, SHEET_MEDICINES)]
    rows = tuple((m.name, m.dose or "", m.when or "", m.purpose or "") for m in shown)
    blocks.append(Table(header, rows))
    if len(medicines) > len(shown):
        more = len(medicines) - len(shown)
        blocks.append(Para(messages("visit.medicines_more", count=more), "muted"))
    return blocks


def record_json(record: RecordShown) -> dict[str, Any]:
    """The record in ``guide --json`` (README): the same keys as ``log list --json``
    and the medicine list as ``meds list --json`` gives it; more keys may come."""
    first, last = window(record.today, record.days)
    entries = in_window(record.entries, record.today, record.days)
    return {
        "days": record.days,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "entries": [entry_json(e) for e in reversed(entries)],
        "summary": [summary_json(s) for s in summarize(entries, record.today, record.days)],
        "medicines": [medicine_json(m) for m in record.medicines],
    }


def record_document(record: RecordShown, messages: Messages) -> Document:
    """The navigator's "Symptoms and medicines since the last visit": the same
    blocks as the sheet, as a screen of their own."""
    blocks = record_blocks(record, messages)
    return Document([Title(messages("visit.record_title")), *blocks[1:]])
