"""What each command shows, as documents and JSON, in the reader's language.

Pure: takes the core's results and a message catalogue, returns blocks
(``render``) or plain data for JSON. No terminal, no clock, no files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from pallnav.i18n import Messages
from pallnav.pack import Channel, Pack, Section
from pallnav.render import Body, Bullets, Document, Gap, Grid, Heading, Para, Status, Title
from pallnav.schedule import Status as ChannelStatus
from pallnav.schedule import day_view


@dataclass(frozen=True)
class Contact:
    """A channel and its state at one instant, for one viewer."""

    channel: Channel
    status: ChannelStatus


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def contacts_json(contacts: Sequence[Contact], at: datetime, zone_name: str) -> dict[str, Any]:
    """The ``pallnav hours --json`` shape (README): more keys may come, none go."""
    return {
        "at": iso(at),
        "timezone": zone_name,
        "channels": [
            {
                "id": c.channel.id,
                "name": c.channel.name,
                "how": c.channel.how,
                "open": c.status.open,
                "always_open": c.status.always_open,
                "opens_at": iso(c.status.opens_at),
                "closes_at": iso(c.status.closes_at),
                "phone": c.channel.phone,
                "url": c.channel.url,
                "note": c.channel.note,
                "zone": c.channel.hours.zone,
            }
            for c in contacts
        ],
    }


def zone_label(zone: str, moment: datetime, messages: Messages) -> str:
    """A short name for a zone: "CT" from the catalogue, else the zone's own abbreviation."""
    label = messages.table.get(f"zones.{zone}")
    if label:
        return label
    return moment.tzname() or zone


def change_detail(contact: Contact, at: datetime, viewer: tzinfo, messages: Messages) -> str | None:
    """ "Closes today at 7:30 PM your time (6:30 PM CT), in 2 h 5 min." or None."""
    status = contact.status
    moment = status.next_change
    if moment is None:
        if status.open and status.always_open:
            return messages("hours.always")
        return None if status.open else messages("hours.never_opens")
    local = moment.astimezone(viewer)
    own_zone = contact.channel.hours.tz
    own = moment.astimezone(own_zone)
    own_text = ""
    if own.utcoffset() != local.utcoffset():
        own_text = messages(
            "hours.own_time",
            time=messages.time(own),
            zone=zone_label(contact.channel.hours.zone, own, messages),
        )
    return messages(
        "hours.closes" if status.open else "hours.opens",
        when=messages.day_and_time(local, at.astimezone(viewer)),
        own=own_text,
        duration=messages.duration(moment.astimezone(UTC) - at.astimezone(UTC)),
    )


def status_block(contact: Contact, at: datetime, viewer: tzinfo, messages: Messages) -> Status:
    channel = contact.channel
    details = [channel.how]
    detail = change_detail(contact, at, viewer, messages)
    if detail:
        details.insert(0, detail)
    if channel.note:
        details.append(channel.note)
    state = messages("hours.open_now" if contact.status.open else "hours.closed_now")
    return Status(channel.name, contact.status.open, state, tuple(details))


def check_line(contact: Contact, at: datetime, viewer: tzinfo, messages: Messages) -> str:
    """The one line of ``pallnav hours --check``."""
    name = contact.channel.name
    if contact.status.open and contact.status.next_change is None:
        return messages("hours.check_open_always", name=name)
    detail = change_detail(contact, at, viewer, messages) or ""
    key = "hours.check_open" if contact.status.open else "hours.check_closed"
    return messages(key, name=name, detail=detail).strip()


def zone_line(zone_name: str, fallback: bool, messages: Messages) -> Para:
    if fallback:
        return Para(messages("hours.zone_fallback"), "warn")
    return Para(messages("hours.zone", zone=zone_name), "muted")


def hours_document(
    contacts: Sequence[Contact],
    at: datetime,
    viewer: tzinfo,
    zone_name: str,
    *,
    asked_at: bool,
    fallback_zone: bool,
    week: bool,
    messages: Messages,
) -> Document:
    local = at.astimezone(viewer)
    when = messages("format.date_at", date=messages.date(local), time=messages.time(local))
    doc = Document()
    doc.add(
        Title(messages("hours.title")),
        Para(messages("hours.at" if asked_at else "hours.now", when=when)),
        zone_line(zone_name, fallback_zone, messages),
        Gap(),
    )
    for contact in contacts:
        doc.add(status_block(contact, at, viewer, messages), Gap())
        if week and not (contact.channel.hours.always_open and not contact.channel.hours.closed):
            doc.add(week_grid(contact.channel, local, viewer, messages), Gap())
    doc.add(Para(messages("hours.emergency"), "strong"))
    return doc


def week_grid(channel: Channel, start: datetime, viewer: tzinfo, messages: Messages) -> Grid:
    """Seven days from ``start``'s date, in the viewer's zone, an hour a cell."""
    rows: list[tuple[str, tuple[float, ...]]] = []
    words: list[str] = []
    first = start.date()
    for offset in range(7):
        day = first + timedelta(days=offset)
        cells, spans = day_view(channel.hours, day, viewer)
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=viewer)
        label = f"{messages.lists['format.weekdays_short'][day.weekday()]} {day.day:>2}"
        rows.append((label, cells))
        day_name = messages.date(noon)
        if not spans:
            words.append(messages("hours.week_closed_day", day=day_name))
        elif all(c >= 1 for c in cells):
            words.append(messages("hours.week_all_day", day=day_name))
        else:
            parts = [
                messages("hours.week_span", start=messages.time(a), end=_end_time(a, b, messages))
                for a, b in spans
            ]
            words.append(
                messages(
                    "hours.week_day",
                    day=day_name,
                    spans=messages("format.list_separator").join(parts),
                )
            )
    return Grid(
        title=messages("hours.week_title", name=channel.name),
        scale=messages("hours.week_scale"),
        rows=tuple(rows),
        legend=(
            messages("hours.week_legend_open"),
            messages("hours.week_legend_part"),
            messages("hours.week_legend_closed"),
        ),
        words=tuple(words),
    )


def _end_time(start: datetime, end: datetime, messages: Messages) -> str:
    if end.date() != start.date() and end.hour == 0 and end.minute == 0:
        return messages("format.midnight")
    return messages.time(end)


def source_text(pack: Pack, source_id: str) -> str:
    """A source as plain words: "Title, Publisher (2025-08-15): https://..."."""
    source = pack.sources[source_id]
    text = f"{source.title}, {source.publisher}"
    if source.date:
        text += f" ({source.date})"
    if source.url:
        text += f": {source.url}"
    return text


def pack_line(pack: Pack, origin: str, messages: Messages) -> str:
    """Which content is in use: "Content: pallnav-en 2026.11.24 (bundled), reviewed ..."."""
    return messages(
        "show.pack_line",
        id=pack.id,
        version=pack.version,
        origin=messages(f"show.origin_{origin}"),
        reviewed=messages.full_date(pack.reviewed),
    )


def section_document(section: Section, pack: Pack, origin: str, messages: Messages) -> Document:
    """``pallnav show ID``: one section, its sources, the review date and the disclaimer."""
    return Document().add(
        Title(section.title),
        Body(section.body),
        Heading(messages("show.sources")),
        Bullets(tuple(source_text(pack, s) for s in section.sources)),
        Gap(),
        Para(pack_line(pack, origin, messages), "muted"),
        Para(pack.disclaimer.strip(), "muted"),
    )


def topics_document(pack: Pack, messages: Messages) -> Document:
    width = max(len(s.id) for s in pack.sections)
    return Document().add(
        Title(messages("topics.title")),
        *(Para(f"{s.id:<{width}}  {s.title}") for s in pack.sections),
        Gap(),
        Para(messages("topics.hint"), "muted"),
    )
