"""Who a person can reach, and when: each channel's state at one instant, in
words for the reader and as the JSON of ``pallnav hours --json``.

Pure: the instant and the viewer's zone are passed in; words come from the
message catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from pallnav.i18n import Messages, sentence
from pallnav.pack import Channel, reach_order
from pallnav.schedule import Status, day_view, status

#: A phone number as a person types it: digits, spaces, - . ( ), a leading +, and
#: an extension (x123, ext. 123).
PHONE = re.compile(
    r"(?P<number>\+?[0-9 ().\-]*[0-9][0-9 ().\-]*?)"
    r"(?:\s*(?:x|ext\.?|extension|extensión)\s*(?P<ext>[0-9]{1,8}))?",
    re.IGNORECASE,
)


def tel_uri(phone: str) -> str | None:
    """A ``tel:`` link for a phone number as typed (RFC 3966: ``tel:+15551234567;ext=12``),
    or None if it is not a phone number. For HTML output."""
    match = PHONE.fullmatch(" ".join(phone.split()))
    if match is None:
        return None
    number = match.group("number").strip()
    digits = re.sub(r"[^0-9]", "", number)
    link = f"tel:{'+' if number.startswith('+') else ''}{digits}"
    if match.group("ext"):
        link += f";ext={match.group('ext')}"
    return link


class Contact(NamedTuple):
    """A channel and its state at the instant of its ``Contacts``."""

    channel: Channel
    status: Status


class Contacts(NamedTuple):
    """Every channel's state at one instant, for one viewer."""

    at: datetime  # in the viewer's zone
    viewer: tzinfo
    zone_name: str
    items: tuple[Contact, ...]

    def find(self, channel_id: str) -> Contact | None:
        return next((c for c in self.items if c.channel.id == channel_id), None)

    def matching(self, asked: str) -> tuple[Contact, ...]:
        """The contacts ``asked`` names (``hours --check``): the one with that id;
        else those of that kind ("hospice"); else those whose id starts with it
        ("dr" for dr-ruiz). More than one means ``asked`` is not enough to tell."""
        asked = asked.strip().lower()
        if not asked:
            return ()
        exact = self.find(asked)
        if exact is not None:
            return (exact,)
        for found in (
            tuple(c for c in self.items if c.channel.kind == asked),
            tuple(c for c in self.items if c.channel.id.startswith(asked)),
        ):
            if found:
                return found
        return ()


def contacts_at(
    channels: Sequence[Channel], at: datetime, viewer: tzinfo, zone_name: str
) -> Contacts:
    """Each channel's state at ``at``, in reach order (``pack.reach_order``)."""
    items = tuple(Contact(c, status(c.hours, at, viewer)) for c in reach_order(channels))
    return Contacts(at.astimezone(viewer), viewer, zone_name, items)


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def contacts_json(contacts: Contacts) -> dict[str, Any]:
    """The ``pallnav hours --json`` shape (README): more keys may come, none go."""
    return {
        "at": iso(contacts.at),
        "timezone": contacts.zone_name,
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
                "kind": c.channel.kind,
                "source": c.channel.source,
            }
            for c in contacts.items
        ],
    }


def week_json(contacts: Contacts) -> list[dict[str, Any]]:
    """Each channel's next seven days in the viewer's zone (``hours --week --json``):
    ``[{"id": ..., "week": [{"date": "2026-11-27", "open": [{"opens": iso,
    "closes": iso}]}]}]``, in the order of ``contacts_json``'s channels."""
    start = contacts.at.date()
    out: list[dict[str, Any]] = []
    for contact in contacts.items:
        days = []
        for offset in range(7):
            day = start + timedelta(days=offset)
            _, spans = day_view(contact.channel.hours, day, contacts.viewer)
            days.append(
                {
                    "date": day.isoformat(),
                    "open": [{"opens": iso(a), "closes": iso(b)} for a, b in spans],
                }
            )
        out.append({"id": contact.channel.id, "week": days})
    return out


def zone_label(zone: str, moment: datetime, messages: Messages) -> str:
    """A short name for a zone: "CT" from the catalogue, else the zone's own abbreviation."""
    label = messages.table.get(f"zones.{zone}")
    if label:
        return label
    return moment.tzname() or zone


def state_words(contact: Contact, messages: Messages) -> str:
    return messages("hours.open_now" if contact.status.open else "hours.closed_now")


def change_detail(contact: Contact, contacts: Contacts, messages: Messages) -> str | None:
    """ "Closes today at 7:30 PM your time (6:30 PM CT), in 2 h 5 min." or None."""
    current = contact.status
    moment = current.next_change
    if moment is None:
        if current.open and current.always_open:
            return messages("hours.always")
        return None if current.open else messages("hours.never_opens")
    local = moment.astimezone(contacts.viewer)
    own = moment.astimezone(contact.channel.hours.tz)
    own_text = ""
    if own.utcoffset() != local.utcoffset():
        own_text = messages(
            "hours.own_time",
            time=messages.time(own),
            zone=zone_label(contact.channel.hours.zone, own, messages),
        )
    return messages(
        "hours.closes" if current.open else "hours.opens",
        when=messages.day_and_time(local, contacts.at),
        own=own_text,
        duration=messages.duration(
            moment.astimezone(UTC) - contacts.at.astimezone(UTC),
            days=(local.date() - contacts.at.astimezone(contacts.viewer).date()).days,
        ),
    )


def check_line(contact: Contact, contacts: Contacts, messages: Messages) -> str:
    """The one line of ``pallnav hours --check``: open or not and, while open, how
    to reach it (the number) beside it, then when that changes."""
    name = contact.channel.name
    how = _full_stop(contact.channel.how)
    if contact.status.open and contact.status.next_change is None:
        return messages("hours.check_open_always", name=name, how=how)
    detail = change_detail(contact, contacts, messages) or ""
    if contact.status.open:
        return messages("hours.check_open", name=name, how=how, detail=detail).strip()
    return messages("hours.check_closed", name=name, detail=detail).strip()


def _full_stop(text: str) -> str:
    """``text`` ending as a sentence does ("Call 911." for "Call 911")."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def always_open(channel: Channel) -> bool:
    """Open every hour of every day, with no closed dates."""
    return channel.hours.always_open and not channel.hours.closed


class Day(NamedTuple):
    """One of the viewer's days: how much of each hour is open, and in words."""

    day: date
    cells: tuple[float, ...]
    words: str


def week(channel: Channel, start: date, viewer: tzinfo, messages: Messages) -> list[Day]:
    """Seven of the viewer's days from ``start``, each with its open hours."""
    days: list[Day] = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        cells, spans = day_view(channel.hours, day, viewer)
        days.append(Day(day, cells, _day_hours(cells, spans, messages)))
    return days


def day_words(day: Day, messages: Messages) -> str:
    """ "Monday, November 30: 8:00 AM to 7:30 PM"."""
    return sentence(messages("hours.week_day", day=messages.date(_noon(day.day)), spans=day.words))


def weekly_hours(channel: Channel, start: date, viewer: tzinfo, messages: Messages) -> list[str]:
    """A channel's week in the viewer's zone, runs of days with the same hours
    written once: "Monday to Friday: 8:00 AM to 7:30 PM"."""
    days = week(channel, start, viewer, messages)
    days.sort(key=lambda d: d.day.weekday())
    lines: list[str] = []
    run: list[Day] = []
    for day in [*days, None]:
        if run and (day is None or day.words != run[0].words):
            first = messages.weekday(_noon(run[0].day))
            last = messages.weekday(_noon(run[-1].day))
            if len(run) == 1:
                days_text = first
            else:
                key = "hours.day_pair" if len(run) == 2 else "hours.day_range"
                days_text = messages(key, first=first, last=last)
            lines.append(sentence(messages("hours.week_day", day=days_text, spans=run[0].words)))
            run = []
        if day is not None:
            run.append(day)
    return lines


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12)


def _day_hours(
    cells: tuple[float, ...], spans: list[tuple[datetime, datetime]], messages: Messages
) -> str:
    if not spans:
        return messages("hours.closed_all_day")
    if all(c >= 1 for c in cells):
        return messages("hours.open_all_day")
    parts = [
        messages("hours.week_span", start=messages.time(a), end=_end_time(a, b, messages))
        for a, b in spans
    ]
    return messages("format.list_separator").join(parts)


def _end_time(start: datetime, end: datetime, messages: Messages) -> str:
    if end.date() != start.date() and end.hour == 0 and end.minute == 0:
        return messages("format.midnight")
    return messages.time(end)
