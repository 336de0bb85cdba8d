"""The symptom record and the medicine list as documents (``pallnav log list``,
``pallnav meds list``), and the words for one symptom's summary, which the visit
sheet uses too, so both say the same thing the same way."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pallnav.document import (
    Block,
    Bullets,
    Document,
    Gap,
    Heading,
    Para,
    Span,
    Strong,
    Table,
    Title,
)
from pallnav.i18n import Messages, sentence
from pallnav.pack import RecordWords
from pallnav.record import Entry, Medicine, Summary, summarize


def day_name(messages: Messages, day: date, *, year: bool = True) -> str:
    """``Fri, November 27, 2026`` / ``vie, 27 de noviembre de 2026``; without the
    year, ``Friday, November 27`` / ``viernes, 27 de noviembre``."""
    if not year:
        weekday = messages.lists["format.weekdays"][day.weekday()]
        return messages(
            "format.date", weekday=weekday, month=messages.month(day), day=day.day, year=day.year
        )
    weekday = messages.lists["format.weekdays_short"][day.weekday()]
    return messages("log.day", weekday=weekday, date=messages.full_date(day))


def scores_text(entry: Entry, words: RecordWords, messages: Messages) -> str:
    """``Pain 8, Tiredness 4, Itching 5`` (the other problem by its own name)."""
    return _ScoreWords(words, messages).text(entry)


class _ScoreWords:
    """Each symptom's "Pain {score}" made once, for a list of thousands of days."""

    def __init__(self, words: RecordWords, messages: Messages) -> None:
        self.messages = messages
        self.words = words
        self.separator = messages("format.list_separator")
        self.other = messages("log.score", label="\x00n", score="\x00s")
        self.texts = {
            item: [messages("log.score", label=symptom.label, score=n) for n in range(11)]
            for item, symptom in words.items.items()
        }

    def text(self, entry: Entry) -> str:
        texts = self.texts
        parts = [texts[item][score] for item, score in entry.scores]
        if entry.other and entry.scores[-1][0] == "other":  # by its own name
            parts[-1] = self.other.replace("\x00n", entry.other, 1).replace(
                "\x00s", str(entry.scores[-1][1]), 1
            )
        return self.separator.join(parts)


def summary_spans(
    summary: Summary, words: RecordWords, messages: Messages, *, year: bool = False
) -> tuple[Span, ...]:
    """One symptom over the days shown, then its marks, in words: "Pain: 8 on
    Friday, November 27 (between 2 and 8, going up). 7 or more. Tell your care
    team. Call your care team now, ..." (``year``: with the year in the date)."""
    label = words.label(summary.item, summary.other)
    day = day_name(messages, summary.latest_day, year=year)
    text = messages(
        "log.summary",
        latest=summary.latest,
        day=day,
        low=summary.low,
        high=summary.high,
        direction=messages(f"log.direction.{summary.direction}"),
    )
    if summary.direction == "once" or summary.low == summary.high:
        key = "log.summary_once" if summary.direction == "once" else "log.summary_steady"
        text = messages(
            key,
            latest=summary.latest,
            day=day,
        )
    out: list[Span] = [Strong(label), f": {text}"]
    if summary.tell_team:
        why = messages("log.reason.and").join(
            messages(f"log.reason.{reason}", rise=summary.rise) for reason in summary.reasons
        )
        out += [" ", Strong(messages("log.marked", why=sentence(why), mark=words.tell_team))]
    if summary.call_now:
        out += [" ", Strong(words.call_now)]
    return tuple(out)


def record_document(
    entries: Sequence[Entry],
    summaries: Sequence[Summary],
    words: RecordWords,
    messages: Messages,
    *,
    first: date,
    last: date,
    path: str,
) -> Document:
    """``pallnav log list``: how each symptom went (the marked ones first), then a
    table by day, a week at a time, newest week first (the visit sheet's table:
    on a narrow screen each symptom becomes a line of its own), with the notes."""
    year = first.year != last.year
    doc = Document().add(
        Title(
            messages("log.title", first=messages.full_date(first), last=messages.full_date(last))
        ),
        Para(messages("log.scale"), "muted"),
    )
    if summaries:  # not when only notes were kept
        doc.add(
            Heading(messages("log.summary_heading")),
            Bullets(tuple(summary_spans(s, words, messages, year=year) for s in summaries)),
        )
    doc.add(Heading(messages("log.days_heading")))
    weeks = _week_blocks(entries, words, messages, first=first, last=last)
    doc.add(*weeks)
    if any(isinstance(b, Table) and _starred(b) for b in weeks):
        # The star's meaning; the call-now line is in the summary above.
        doc.add(Para(f"* {words.tell_team}"))
    return doc.add(
        Gap(),
        Para(messages("log.not_diagnosis"), "muted"),
        Para(messages("log.saved_in", path=path), "muted"),
    )


#: Days in each table of ``pallnav log list``.
WEEK = 7
#: The most weeks ``log list`` draws a table for, newest first: the summary above
#: covers every day asked for, and ``log export`` gives every day back.
MOST_WEEKS = 8


def _week_blocks(
    entries: Sequence[Entry],
    words: RecordWords,
    messages: Messages,
    *,
    first: date,
    last: date,
) -> list[Block]:
    """A table a week (from ``last`` back to ``first``, newest first), each headed
    by its days when there is more than one, then that week's notes. Weeks with
    nothing recorded are left out; after :data:`MOST_WEEKS` tables, a line says
    where every day is (ten years would be 522 tables)."""
    from pallnav.record_sheet import score_table

    several = (last - first).days >= WEEK
    by_day = sorted(entries, key=lambda e: e.day, reverse=True)
    blocks: list[Block] = []
    index = 0
    end = last
    tables = 0
    while end >= first and index < len(by_day):
        if tables == MOST_WEEKS:
            if any(first <= e.day <= end for e in by_day[index:]):
                blocks.append(Para(messages("log.older_weeks", weeks=MOST_WEEKS)))
            break
        start = max(first, end - timedelta(days=WEEK - 1))
        week: list[Entry] = []
        while index < len(by_day) and by_day[index].day >= start:
            if by_day[index].day <= end:
                week.append(by_day[index])
            index += 1
        if week:
            tables += 1
            week.reverse()  # oldest first
            length = (end - start).days + 1
            days = [start + timedelta(days=n) for n in range(length)]
            if several:
                blocks.append(
                    Heading(
                        messages(
                            "log.week",
                            first=messages.full_date(start),
                            last=messages.full_date(end),
                        ),
                        3,
                    )
                )
            rows = summarize(week, end, length)
            if rows:
                blocks.append(score_table(rows, days, words, messages))
            notes = tuple(
                messages("log.day_note", day=day_name(messages, e.day, year=False), note=e.note)
                for e in reversed(week)
                if e.note
            )
            if notes:
                blocks.append(Bullets(notes))
        end = start - timedelta(days=1)
    return blocks


def _starred(table: Table) -> bool:
    return any(isinstance(row[0], tuple) and " *" in row[0] for row in table.rows)


def medicine_lines(medicine: Medicine, messages: Messages) -> tuple[str, ...]:
    """The dose, when and what for, each on a line when given."""
    lines = []
    for key, value in (("dose", medicine.dose), ("when", medicine.when), ("for", medicine.purpose)):
        if value:
            lines.append(messages(f"meds.list_{key}", value=value))
    return tuple(lines)


def medicines_document(medicines: Sequence[Medicine], messages: Messages, path: str) -> Document:
    """``pallnav meds list``: each medicine with its id, dose, when and what for."""
    doc = Document().add(Title(messages("meds.title")))
    for medicine in medicines:
        doc.add(Heading(f"{medicine.id}: {medicine.name}"))
        lines = medicine_lines(medicine, messages)
        if lines:
            doc.add(Bullets(lines))
    return doc.add(
        Gap(),
        Para(messages("meds.not_advice"), "muted"),
        Para(messages("meds.saved_in", path=path), "muted"),
    )
