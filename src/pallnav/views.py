"""What each command shows, as documents and JSON, in the reader's language.

Pure: takes the core's results and a message catalogue, returns a
:class:`~pallnav.document.Document` (written as plain text or Rich by ``render``,
as Markdown by ``markdown``, as HTML by ``htmldoc``) or plain data for JSON. No
terminal, no clock, no files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pallnav.answers import Answers
from pallnav.contacts import (
    Contact,
    Contacts,
    always_open,
    change_detail,
    contacts_json,
    day_words,
    state_words,
    tel_uri,
    week,
)
from pallnav.document import (
    SLOT,
    Blank,
    Block,
    Body,
    Bullets,
    Checklist,
    Document,
    Gap,
    Grid,
    Heading,
    Inline,
    Link,
    Notes,
    Para,
    Span,
    Status,
    Strong,
    Table,
    Title,
    fill,
    plain_text,
    spans,
)
from pallnav.i18n import Messages
from pallnav.pack import Channel, Pack, Question, Section, When, review_is_stale
from pallnav.wording import (
    answer_lines,
    contact_lines,
    how_to_reach,
    pack_line,
    shown_because,
    stale_note,
)

if TYPE_CHECKING:  # only named here: hours loads neither (start-up)
    from datetime import date

    from pallnav.record_sheet import RecordShown
    from pallnav.tailor import Guide
    from pallnav.team import Member


def status_block(contact: Contact, contacts: Contacts, messages: Messages) -> Status:
    channel = contact.channel
    details = [channel.how]
    detail = change_detail(contact, contacts, messages)
    if detail:
        details.insert(0, detail)
    if channel.note:
        details.append(channel.note)
    return Status(channel.name, contact.status.open, state_words(contact, messages), tuple(details))


def zone_line(contacts: Contacts, fallback: bool, messages: Messages) -> Para:
    if fallback:
        return Para(messages("hours.zone_fallback"), "warn")
    return Para(messages("hours.zone", zone=contacts.zone_name), "muted")


def contact_blocks(
    contacts: Contacts, messages: Messages, *, with_week: bool = False
) -> list[Block]:
    blocks: list[Block] = []
    for contact in contacts.items:
        blocks += [status_block(contact, contacts, messages), Gap()]
        if with_week and not always_open(contact.channel):
            blocks += [week_grid(contact.channel, contacts, messages), Gap()]
    return blocks


def now_line(contacts: Contacts, *, asked_at: bool, messages: Messages) -> Para:
    """ "Now: Friday, November 27, 3:00 PM" (or "At: ..." for --at)."""
    local = contacts.at
    when = messages("format.date_at", date=messages.date(local), time=messages.time(local))
    return Para(messages("hours.at" if asked_at else "hours.now", when=when))


def hours_document(
    contacts: Contacts,
    *,
    asked_at: bool,
    fallback_zone: bool,
    with_week: bool,
    messages: Messages,
    team_hint: bool = False,
) -> Document:
    """Who can be reached now; with ``team_hint``, first how to add the person's own
    team (the guide's answers call for it and none is saved)."""
    return Document().add(
        Title(messages("hours.title")),
        now_line(contacts, asked_at=asked_at, messages=messages),
        zone_line(contacts, fallback_zone, messages),
        Gap(),
        *(team_hint_blocks(messages) if team_hint else []),
        *_without_trailing_gap(
            [
                *contact_blocks(contacts, messages, with_week=with_week),
                *emergency_line(contacts, messages),
            ]
        ),
    )


def _without_trailing_gap(blocks: list[Block]) -> list[Block]:
    while blocks and isinstance(blocks[-1], Gap):
        blocks = blocks[:-1]
    return blocks


def emergency_line(contacts: Contacts, messages: Messages) -> list[Block]:
    """ "In an emergency, call 911." — only for a pack with no emergency channel of its
    own (the bundled packs list 911 first, with what calling it sets in motion)."""
    if any(c.channel.kind == "emergency" for c in contacts.items):
        return []
    return [Para(messages("hours.emergency"), "strong")]


def week_grid(channel: Channel, contacts: Contacts, messages: Messages) -> Grid:
    """Seven days from today, in the viewer's zone, an hour a cell."""
    days = week(channel, contacts.at.date(), contacts.viewer, messages)
    short = messages.lists["format.weekdays_short"]
    return Grid(
        title=messages("hours.week_title", name=channel.name),
        scale=messages("hours.week_scale"),
        rows=tuple((f"{short[d.day.weekday()]} {d.day.day:>2}", d.cells) for d in days),
        legend=(
            messages("hours.week_legend_open"),
            messages("hours.week_legend_part"),
            messages("hours.week_legend_closed"),
        ),
        words=tuple(day_words(d, messages) for d in days),
    )


def source_item(pack: Pack, source_id: str) -> tuple[Span, ...]:
    """A source: its title (a link to it, if it has an address), publisher and date."""
    source = pack.sources[source_id]
    rest = f", {source.publisher}"
    if source.date:
        rest += f" ({source.date})"
    title: Span = Link(source.title, source.url) if source.url else source.title
    return (title, rest)


def section_document(
    section: Section,
    pack: Pack,
    origin: str,
    messages: Messages,
    reasons: tuple[str, ...] = (),
    team: Sequence[Channel] = (),
) -> Document:
    """``pallnav show ID``: one section, its sources, the review date and the
    disclaimer; with ``reasons`` (the guide's navigator), first why it was chosen;
    with ``team`` (the person's own, as channels), the numbers it tells them to call."""
    because: list[Block] = (
        [Para(shown_because(reasons, messages), "muted"), Gap()] if reasons else []
    )
    return Document().add(
        Title(section.title),
        *because,
        *team_numbers(section, team, messages),
        Body(section.body),
        Heading(messages("show.sources")),
        Bullets(tuple(source_item(pack, s) for s in section.sources)),
        Gap(),
        Para(pack_line(pack.header, origin, messages), "muted"),
        Para(pack.disclaimer.strip(), "muted"),
    )


def team_numbers(section: Section, team: Sequence[Channel], messages: Messages) -> list[Block]:
    """Where a section tells people to call their own team ("Call the hospice. Use
    the number they gave you"), the numbers they saved for it, above its text
    (``team`` in the section's front matter names the kinds of team)."""
    saved: list[Inline] = []
    for channel in team:
        if channel.source != "you" or channel.kind not in section.team or not channel.phone:
            continue
        link = tel_uri(channel.phone)
        phone: Span = Link(channel.phone, link) if link else channel.phone
        saved.append((f"{channel.name}, ", phone))
    if not saved:
        return []
    if len(saved) == 1:
        return [Para((Strong(messages("guide.team_number")), " ", *spans(saved[0]))), Gap()]
    return [Para((Strong(messages("guide.team_numbers")),)), Bullets(tuple(saved)), Gap()]


def topics_document(pack: Pack, messages: Messages) -> Document:
    width = max(len(s.id) for s in pack.sections)
    return Document().add(
        Title(messages("topics.title")),
        *(Para(f"{s.id:<{width}}  {s.title}") for s in pack.sections),
        Gap(),
        Para(messages("topics.hint"), "muted"),
    )


def guide_document(
    guide: Guide,
    pack: Pack,
    contacts: Contacts,
    messages: Messages,
    *,
    origin: str,
    paper: bool = False,
    asked_at: bool = False,
    fallback_zone: bool = False,
    record: RecordShown | None = None,
) -> Document:
    """The whole tailored guide, what is needed at a visit (who to call, the
    questions) before the long sections.

    ``paper``: for a file to keep and print (Markdown, HTML, a text file): when
    each contact is open across the week instead of right now, and lines for notes.
    ``record``: since the last visit (the summary's symptom scores and medicines).
    """
    doc = Document().add(Title(messages("guide.title")))
    if paper:
        doc.add(Para(made_line(contacts, messages)))
    note = stale_note(pack.header, contacts.at, messages)
    doc.add(
        Para(pack.disclaimer.strip(), "aside"),
        *([Para(note, "warn")] if note else []),
        Heading(messages("guide.answers")),
        Bullets(
            tuple(
                (Strong(f"{title}:"), f" {value}")
                for title, value in answer_lines(guide.answers, pack, messages)
            )
        ),
        Heading(messages("guide.contacts")),
    )
    blank = team_blank(guide, pack, contacts)
    if paper:
        if blank:
            doc.add(
                Heading(
                    pack.team.blank_label(guide.answers) or messages("team.blank_title"),
                    3,
                    messages("markdown.contacts_context"),
                ),
                Bullets(tuple(_blank_line(messages(key, blank=SLOT)) for key in _BLANK_LINES)),
            )
        for contact in contacts.items:
            doc.add(
                Heading(contact.channel.name, 3, messages("markdown.contacts_context")),
                Bullets(tuple(contact_lines(contact, contacts, messages))),
            )
    else:
        doc.add(
            now_line(contacts, asked_at=asked_at, messages=messages),
            zone_line(contacts, fallback_zone, messages),
            Gap(),
            *(team_hint_blocks(messages) if blank else []),
            *contact_blocks(contacts, messages),
        )
    if record is not None:
        doc.add(*_record_blocks(record, messages))
    hint = "markdown.questions_hint" if paper else "guide.questions_hint"
    doc.add(
        Heading(for_reader("guide.questions", guide.answers, messages)),
        Para(for_reader(hint, guide.answers, messages)),
    )
    for topic in guide.topics:
        doc.add(
            Heading(topic.title, 3, messages("markdown.questions_context")),
            Checklist(tuple(q.text for q in topic.questions)),
        )
        if paper:
            doc.add(Notes(messages("markdown.notes")))
    doc.add(Heading(messages("guide.sections")))
    team = [c.channel for c in contacts.items]
    for chosen in guide.sections:
        section = chosen.section
        doc.add(Heading(section.title, 3))
        if chosen.reasons:
            doc.add(Para(shown_because(chosen.reasons, messages), "muted"), Gap())
        doc.add(*team_numbers(section, team, messages))
        doc.add(
            Body(section.body, section.title),
            Gap(),
            Para(
                messages(
                    "guide.section_sources",
                    sources="; ".join(pack.sources[s].title for s in section.sources),
                ),
                "muted",
            ),
        )
    doc.add(
        Heading(messages("show.sources")),
        Bullets(tuple(source_item(pack, s) for s in guide.source_ids)),
        Gap(),
        Para(pack_line(pack.header, origin, messages), "muted"),
    )
    return doc


def team_hint_blocks(messages: Messages) -> list[Block]:
    """On screen, where the person's own team would come first: how to add it."""
    return [Para(messages("team.blank_hint"), "strong"), Gap()]


_BLANK_LINES = ("team.blank_name", "team.blank_phone")


def _blank_line(message: str) -> tuple[Span, ...]:
    return fill(message, (Blank(),))


def team_blank(guide: Guide, pack: Pack, contacts: Contacts) -> bool:
    """True when no care team number is saved and the answers call for one
    (the pack's ``[team] blank_when``): the guide leaves room to write it in."""
    saved = any(c.channel.source == "you" for c in contacts.items)
    return not saved and pack.team.wants_blank(guide.answers)


def for_reader(key: str, answers: Answers, messages: Messages) -> str:
    """The catalogue's wording of ``key`` for this reader: a professional has their own."""
    return messages(f"{key}_professional" if answers.role == "professional" else key)


#: At most this many questions on the visit sheet (issue 12).
VISIT_QUESTIONS = 10


def visit_questions(guide: Guide, pack: Pack, limit: int = VISIT_QUESTIONS) -> tuple[Question, ...]:
    """The questions the person's stage needs first (the pack's ``[sheet]``): the
    ids listed for their stage, then those for every reader; then one question for
    each worry they ticked, then a second for each, and so on; then the rest, the
    ones written for more of their answers first; the pack's ``last`` ones (choosing
    and comparing hospices) after all. Ties keep the pack's order."""
    order = pack.sheet
    leading = order.leading(guide.answers.stage)
    position = {q.id: index for index, q in enumerate(pack.questions)}
    seen: dict[When, int] = {}
    rounds: dict[str, int] = {}
    for question in sorted(guide.questions, key=lambda q: position.get(q.id, len(position))):
        rounds[question.id] = seen.get(question.when, 0)  # its place among its kind
        seen[question.when] = rounds[question.id] + 1

    def rank(question: Question) -> tuple[int, int, int, int]:
        if question.id in leading:
            return (0, leading.index(question.id), 0, 0)
        if question.id in order.last:
            return (3, order.last.index(question.id), 0, 0)
        worry = any(name == "concerns" for name, _ in question.when.rules)
        tier, specific = (1, 0) if worry else (2, -question.when.specificity)
        return (tier, rounds[question.id], specific, position.get(question.id, 0))

    return tuple(sorted(guide.questions, key=rank)[:limit])


def visit_contacts(
    guide: Guide, pack: Pack, contacts: Contacts, messages: Messages
) -> list[Inline]:
    """Who to call, in reach order, always: the person's own team (or a blank to
    write its number on, labelled for their stage), 911, 988, then the pack's
    information lines (``contacts`` is already in reach order, ``pack.reach_order``),
    each with the pack's one line for the sheet (911's POLST note, 988's Spanish)."""
    lines: list[Inline] = []
    team = [c.channel for c in contacts.items if c.channel.source == "you"]
    # The blank stays when no saved number answers day and night and the stage calls
    # for one (an oncology office's weekday number is not enough at 3 a.m.).
    blank = not team or (
        not any(always_open(channel) for channel in team) and pack.team.wants_blank(guide.answers)
    )
    label = pack.team.blank_label(guide.answers) or messages("visit.team").rstrip(":")
    for contact in contacts.items:
        channel = contact.channel
        if channel.source != "you" and blank:
            lines.append((Strong(f"{label}:"), " ", Blank()))
            blank = False
        if channel.source == "you" and team.index(channel) >= VISIT_TEAM_LINES:
            continue
        lines.append(
            (Strong(f"{channel.name}:"), " ", *spans(how_to_reach(channel)), *_sheet_note(channel))
        )
        if channel.source == "you" and team.index(channel) == VISIT_TEAM_LINES - 1 < len(team) - 1:
            lines.append(messages("visit.more_team", count=len(team) - VISIT_TEAM_LINES))
    return lines


def _sheet_note(channel: Channel) -> tuple[str, ...]:
    """A channel's one line for the sheet, after how to reach it ("Call 911. Paramedics...")."""
    if not channel.sheet_note:
        return ()
    stop = "" if channel.how.rstrip().endswith((".", "!", "?")) else "."
    return (f"{stop} {channel.sheet_note}",)


#: The sheet keeps to one page: the first team numbers saved, then how many more.
VISIT_TEAM_LINES = 3


def visit_document(
    guide: Guide,
    pack: Pack,
    contacts: Contacts,
    messages: Messages,
    record: RecordShown | None = None,
) -> Document:
    """One page for the next visit (``export --visit``, ``guide --visit``, the
    navigator's "save a one-page sheet"): the answers in a line or two, who to call,
    since the last visit (the ``record``: a week of symptom scores and the medicine
    list, or blank grids to fill in), the questions the stage needs first with a
    box and room for a note each, lines for notes, and the date with the disclaimer
    in one line."""
    worries = pack.fields["concerns"].title
    answers = messages("guide.reason_separator").join(
        f"{title}: {value}" if title == worries else value
        for title, value in answer_lines(guide.answers, pack, messages)
    )
    footer = messages(
        "visit.footer",
        date=messages.full_date(contacts.at.date()),
        disclaimer=first_sentence(pack.disclaimer),
    )

    notes = Notes(messages("visit.notes"), 2, fill=True)
    tail: list[Block] = [Gap(), Para(footer, "muted")]
    who = [
        Title(messages("visit.title")),
        Para(messages("visit.about", answers=answers)),
        Heading(messages("visit.call")),
        Bullets(tuple(visit_contacts(guide, pack, contacts, messages))),
        *emergency_line(contacts, messages),
    ]
    heads: dict[int, tuple[list[Block], float]] = {}

    def head(medicines: int) -> tuple[list[Block], float]:
        """Everything above the questions, with ``medicines`` of the medicines, and
        the lines it and the footer take (worked out once for each count)."""
        if medicines not in heads:
            blocks = [
                *who,
                *(_record_blocks(record, messages, medicines) if record is not None else []),
                Heading(for_reader("guide.questions", guide.answers, messages)),
            ]
            heads[medicines] = (blocks, printed_lines([*blocks, *tail]))
        return heads[medicines]

    # Questions before notes: the room left after them, if any, is for notes. When
    # the record is long, the least needed questions go first, then the line for a
    # note under each, then the last medicines (a line says how many more there are):
    # who to call and the questions the stage needs first always stay.
    medicines = len(record.medicines) if record is not None else 0
    questions = list(visit_questions(guide, pack))
    note_lines = 1

    def fits(shown: int) -> bool:
        checklist = Checklist(tuple(q.text for q in questions[:shown]), note_lines)
        return head(medicines)[1] + printed_lines([checklist]) <= SHEET_LINES

    shown = len(questions)
    while shown > VISIT_QUESTIONS_AT_LEAST and not fits(shown):
        shown -= 1  # the least needed first: they are in order of need
    if not fits(shown):
        note_lines = 0
    while medicines > SHEET_MEDICINES_AT_LEAST and not fits(shown):
        medicines -= 1
    blocks = head(medicines)[0]
    checklist = Checklist(tuple(q.text for q in questions[:shown]), note_lines)
    if printed_lines([*blocks, checklist, notes, *tail]) <= SHEET_LINES:
        tail = [notes, *tail]
    return Document([*blocks, checklist, *tail], one_page=True)


#: Lines of 12-point print one sheet holds on Letter (the shorter page: 263 mm at
#: 1.2 lines to the em is 51 lines), less room for error.
SHEET_LINES = 55
#: Characters on a printed line across the page, and in one of the two columns
#: the sheet's questions are printed in (12-point Arial or Liberation Sans; A4 is
#: the narrower page).
PRINT_LINE, HALF_LINE = 94, 42
#: However full the page, the sheet keeps the questions the stage needs first.
VISIT_QUESTIONS_AT_LEAST = 2
#: However long the record, the sheet lists at least this many medicines.
SHEET_MEDICINES_AT_LEAST = 4


#: Characters across the page in the sheet's 11-point tables, less each cell's
#: padding: what the columns share.
TABLE_LINE = 96
#: A table cell's padding, in characters.
CELL_PADDING = 1.5


def _words(text: Inline) -> list[str]:
    return plain_text(text).split()


def _wrap(text: Inline, width: float) -> int:
    """Lines ``text`` takes in a column ``width`` characters wide, wrapped between
    words as the browser does (a word longer than the column is broken)."""
    lines, used = 1, 0.0
    for word in _words(text):
        size = len(word)
        if used and used + 1 + size > width:
            lines, used = lines + 1, 0.0
        if size > width:
            lines += -(-size // max(1, int(width))) - 1
            used = size % max(1, int(width))
        else:
            used += (1 if used else 0) + size
    return lines


def column_widths(rows: Sequence[Sequence[Inline]], across: float) -> list[float]:
    """The width in characters a browser's automatic table layout gives each
    column of ``rows`` across ``across`` characters: each column at least its
    longest word, then the room left shared in proportion to how much more each
    column's longest cell needs (CSS 2.1, 17.5.2.2)."""
    count = max((len(row) for row in rows), default=0)
    least = [0.0] * count
    most = [0.0] * count
    for row in rows:
        for index, cell in enumerate(row):
            words = _words(cell)
            least[index] = max(least[index], max((len(w) for w in words), default=0))
            most[index] = max(most[index], len(" ".join(words)))
    room = across - CELL_PADDING * count
    if sum(most) <= room:
        return most
    spare, wanted = room - sum(least), sum(most) - sum(least)
    if spare <= 0 or wanted <= 0:
        return least
    return [low + (high - low) * spare / wanted for low, high in zip(least, most, strict=True)]


def printed_lines(blocks: Sequence[Block]) -> float:
    """About how many lines of print ``blocks`` take on the printed sheet (HTML,
    12 pt): how the sheet keeps to one page when the record and the team are long.
    The print tests hold it to the page in a real browser."""

    def wrapped(text: Inline, width: int) -> int:
        return max(1, -(-len(plain_text(text)) // width))

    total = 0.0
    for block in blocks:
        match block:
            case Title():
                total += 1.7
            case Heading(_, level, _):
                total += 1.7 if level <= 2 else 1.3
            case Para(text, _):
                total += wrapped(text, PRINT_LINE) + 0.15
            case Bullets(items):
                total += sum(wrapped(i, PRINT_LINE - 4) for i in items) + 0.15
            case Table(headers, rows, _, True):
                total += (len(rows) + 1) * 1.25 + 0.3
            case Table(headers, rows, chart):
                # A row is as tall as its most wrapped cell, at the widths the
                # browser gives the columns (a row's chart is as wide as a score).
                widths = column_widths([headers, *rows], TABLE_LINE - (10 if chart else 0))
                total += sum(
                    0.85 + 0.8 * (max(_wrap(c, w) for c, w in zip(row, widths, strict=False)) - 1)
                    for row in [headers, *rows]
                )
                total += 0.3
            case Checklist(items, note_lines):
                per = [wrapped(i, HALF_LINE) + note_lines * 1.1 + 0.25 for i in items]
                total += (sum(per) + max(per, default=0)) / 2
            case Notes():
                total += 2.8
            case _:
                total += 0.2
    return total


def _record_blocks(record: RecordShown, messages: Messages, medicines: int = 99) -> list[Block]:
    from pallnav.record_sheet import record_blocks  # only with a record (start-up)

    return record_blocks(record, messages, medicines)


def _record_json(record: RecordShown) -> dict[str, Any]:
    from pallnav.record_sheet import record_json

    return record_json(record)


def first_sentence(text: str) -> str:
    """ "This guide gives information, not medical advice." of a longer disclaimer."""
    words = " ".join(text.split())
    found = re.match(r".+?[.!?](?=\s|$)", words)
    return found.group(0) if found else words


def made_line(contacts: Contacts, messages: Messages) -> str:
    """ "Made on November 27, 2026 at 3:00 PM (America/New_York)." """
    return messages(
        "markdown.made",
        date=messages.full_date(contacts.at.date()),
        time=messages.time(contacts.at),
        zone=contacts.zone_name,
    )


def guide_json(
    guide: Guide,
    pack: Pack,
    contacts: Contacts,
    messages: Messages,
    *,
    origin: str,
    record: RecordShown | None = None,
) -> dict[str, Any]:
    """``pallnav guide --format json`` (README): more keys may come, none go."""
    return {
        "answers": guide.answers.to_dict(),
        "sections": [
            {
                "id": c.section.id,
                "title": c.section.title,
                "reason": shown_because(c.reasons, messages) if c.reasons else None,
                "reasons": list(c.reasons),
                **section_json(c.section, pack),
            }
            for c in guide.sections
        ],
        "questions": [{"id": q.id, "topic": q.topic, "text": q.text} for q in guide.questions],
        "contacts": contacts_json(contacts),
        "team_blank": team_blank(guide, pack, contacts),
        "pack": pack_json(pack, origin, contacts.at.date()),
        **({"record": _record_json(record)} if record is not None else {}),
    }


def section_json(section: Section, pack: Pack) -> dict[str, Any]:
    """One section for scripts: ``sources`` stays a list of ids (a published
    contract); ``source_details`` gives each as ``{id, title, url}``."""
    return {
        "sources": list(section.sources),
        "source_details": [
            {"id": ident, "title": pack.sources[ident].title, "url": pack.sources[ident].url}
            for ident in section.sources
            if ident in pack.sources
        ],
        "markdown": section.body,
    }


def pack_json(pack: Pack, origin: str, today: date) -> dict[str, Any]:
    """Which content a JSON answer came from."""
    return {
        "id": pack.id,
        "language": pack.language,
        "version": pack.version,
        "reviewed": pack.reviewed.isoformat(),
        "origin": origin,
        "stale": review_is_stale(pack.reviewed, today),
    }


def team_document(members: Sequence[Member], messages: Messages, path: str) -> Document:
    """``pallnav team list``: each saved entry with its id, number, kind and hours."""
    day_names = messages.lists["format.weekdays_short"]
    doc = Document().add(Title(messages("team.title")))
    for member in members:
        lines = [
            messages("team.list_phone", phone=member.phone),
            messages("team.list_kind", kind=messages(f"team.kinds.{member.kind}")),
            messages("team.list_hours", hours=member.spec(day_names), zone=member.hours.zone),
        ]
        if member.note:
            lines.append(messages("team.list_note", note=member.note))
        doc.add(Heading(f"{member.id}: {member.name}"), Bullets(tuple(lines)))
    return doc.add(Gap(), Para(messages("team.saved_in", path=path), "muted"))
