"""The wording every format shares: a person's answers, why a section was chosen,
how to reach a channel, which content is in use and when it was reviewed.

Pure. Plain text, Rich, Markdown and JSON all say these the same way.
"""

from __future__ import annotations

from datetime import datetime

from pallnav.answers import MULTIPLE, QUESTIONS, Answers
from pallnav.contacts import (
    Contact,
    Contacts,
    always_open,
    tel_uri,
    weekly_hours,
)
from pallnav.document import Inline, Link
from pallnav.i18n import Messages
from pallnav.pack import Channel, Pack, PackHeader, review_is_stale


def answer_lines(answers: Answers, pack: Pack, messages: Messages) -> list[tuple[str, str]]:
    """(question title, the person's answer in the pack's words), in asking order."""
    lines: list[tuple[str, str]] = []
    for question in QUESTIONS:
        field = pack.fields[question]
        chosen = answers.chosen(question)
        if question in MULTIPLE:
            value = messages("format.list_separator").join(field.label(c) for c in chosen)
            lines.append((field.title, value or messages("guide.no_concerns")))
        elif chosen:
            lines.append((field.title, field.label(chosen[0])))
    return lines


def shown_because(reasons: tuple[str, ...], messages: Messages) -> str:
    return messages("guide.shown_because", reasons=messages("guide.reason_separator").join(reasons))


def how_to_reach(channel: Channel) -> Inline:
    """How to reach a channel; for the person's own team, a ``tel:`` link on paper
    and in HTML (the words show the number as they typed it)."""
    link = tel_uri(channel.phone) if channel.source == "you" and channel.phone else None
    return (Link(channel.how, link),) if link else channel.how


def contact_lines(contact: Contact, contacts: Contacts, messages: Messages) -> list[Inline]:
    """How to reach a channel and its hours in the viewer's zone: for paper, read
    later, so never whether it is open at the moment it was printed."""
    channel = contact.channel
    lines: list[Inline] = [how_to_reach(channel)]
    if always_open(channel):
        lines.append(messages("hours.always"))
    else:
        hours = weekly_hours(channel, contacts.at.date(), contacts.viewer, messages)
        lines.append(
            messages(
                "markdown.hours_in_zone",
                zone=contacts.zone_name,
                hours=messages("markdown.hours_separator").join(hours),
            )
        )
    if channel.note:
        lines.append(channel.note)
    return lines


def pack_line(pack: PackHeader, origin: str, messages: Messages) -> str:
    """Which content is in use: "Content: pallnav-en 2026.11.24 (built in), reviewed ..."."""
    return messages(
        "show.pack_line",
        id=pack.id,
        version=pack.version,
        origin=messages(f"show.origin_{origin}"),
        reviewed=messages.full_date(pack.reviewed),
    )


def stale_note(pack: PackHeader, now: datetime, messages: Messages) -> str | None:
    """A gentle note when the pack was last reviewed more than a year before ``now``."""
    if not review_is_stale(pack.reviewed, now.date()):
        return None
    return messages("guide.stale", date=messages.full_date(pack.reviewed))
