"""What each command shows, as documents and JSON, in the reader's language.

Pure: takes the core's results and a message catalogue, returns blocks
(``render``) or plain data for JSON. No terminal, no clock, no files.
"""

from __future__ import annotations

from pallnav.contacts import (
    Contact,
    Contacts,
    always_open,
    change_detail,
    day_words,
    state_words,
    week,
)
from pallnav.i18n import Messages
from pallnav.pack import Channel, Pack, Section
from pallnav.render import (
    Block,
    Body,
    Bullets,
    Document,
    Gap,
    Grid,
    Heading,
    Para,
    Status,
    Title,
)


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


def contact_blocks(contacts: Contacts, messages: Messages, *, week: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for contact in contacts.items:
        blocks += [status_block(contact, contacts, messages), Gap()]
        if week and not always_open(contact.channel):
            blocks += [week_grid(contact.channel, contacts, messages), Gap()]
    return blocks


def hours_document(
    contacts: Contacts,
    *,
    asked_at: bool,
    fallback_zone: bool,
    week: bool,
    messages: Messages,
) -> Document:
    local = contacts.at
    when = messages("format.date_at", date=messages.date(local), time=messages.time(local))
    return Document().add(
        Title(messages("hours.title")),
        Para(messages("hours.at" if asked_at else "hours.now", when=when)),
        zone_line(contacts, fallback_zone, messages),
        Gap(),
        *contact_blocks(contacts, messages, week=week),
        Para(messages("hours.emergency"), "strong"),
    )


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
