"""Markdown a person can keep: one section (``pallnav show --format markdown``) or
the whole personal summary (``to_markdown``).

Pure. Valid CommonMark/GFM, clean under markdownlint's default rules (line
length aside): one top-level heading, headings step down one level at a time,
blank lines around headings and lists, ``-`` for every list, no trailing
spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from pallnav.answers import MULTIPLE, QUESTIONS, Answers
from pallnav.contacts import (
    Contact,
    Contacts,
    always_open,
    change_detail,
    state_words,
    weekly_hours,
)
from pallnav.i18n import Messages
from pallnav.pack import Pack, PackHeader, Section, Source, review_is_stale
from pallnav.tailor import Guide

_HEADING = re.compile(r"^(#{1,6})(\s+)")


def shift_headings(body: str, levels: int) -> str:
    """Move the headings of a section body down by ``levels`` (### → #### ...)."""

    def deeper(match: re.Match[str]) -> str:
        return "#" * min(6, len(match.group(1)) + levels) + match.group(2)

    return "\n".join(_HEADING.sub(deeper, line) for line in body.splitlines())


def nest_under(body: str, level: int) -> str:
    """Re-level a section body's headings so the highest sits at ``level``."""
    found = [len(m.group(1)) for line in body.splitlines() if (m := _HEADING.match(line))]
    if not found:
        return body.strip()
    return shift_headings(body, level - min(found)).strip()


def source_line(source: Source) -> str:
    """``[Title](url), Publisher (2025-08-15)`` or without the link when there is none."""
    text = f"{_source_link(source)}, {escape(source.publisher)}"
    if source.date:
        text += f" ({escape(source.date)})"
    return text


_SPECIAL = re.compile(
    r"[\\`*\[\]<>]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|^#|^(?=[-+]\s)|^(?=\d+[.)]\s)"
)


def escape(text: str) -> str:
    """Inline text that must not be read as Markdown (titles, names, questions).

    Marks that start emphasis, code, links or HTML are escaped; an underscore
    inside a word (America/New_York) cannot start emphasis and is left alone.
    """
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def section_markdown(section: Section, pack: Pack, messages: Messages) -> str:
    """One section as a small document of its own."""
    parts = [
        f"# {escape(section.title)}",
        nest_under(section.body, 2),
        f"## {messages('show.sources')}",
        bullet_list(source_line(pack.sources[s]) for s in section.sources),
        messages("show.reviewed", date=messages.full_date(pack.reviewed)),
        f"*{pack.disclaimer.strip()}*",
    ]
    return "\n\n".join(parts) + "\n"


class _Headings:
    """Headings are unique in a summary (markdownlint MD024): a repeat gets its context."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, level: int, text: str, context: str = "") -> str:
        unique = text
        if unique.casefold() in self.used and context:
            unique = f"{text} ({context})"
        number = 2
        while unique.casefold() in self.used:
            unique = f"{text} ({number})"
            number += 1
        self.used.add(unique.casefold())
        return f"{'#' * level} {escape(unique)}"


def _body(body: str, level: int, headings: _Headings, context: str) -> str:
    """A section body re-levelled under ``level`` with its headings made unique."""
    lines = []
    for line in nest_under(body, level).splitlines():
        match = _HEADING.match(line)
        if match:
            line = headings(len(match.group(1)), line[match.end() :].strip(), context)
        lines.append(line)
    return "\n".join(lines)


def to_markdown(
    guide: Guide,
    pack: Pack,
    contacts: Contacts,
    messages: Messages,
    *,
    origin: str,
) -> str:
    """The personal summary: answers, sections, questions with room for notes,
    contacts with hours in the person's zone, sources, review date, disclaimer."""
    headings = _Headings()
    made = contacts.at
    parts: list[str] = [
        headings(1, messages("guide.title")),
        messages(
            "markdown.made",
            date=messages.full_date(made.date()),
            time=messages.time(made),
            zone=contacts.zone_name,
        ),
        "> " + pack.disclaimer.strip().replace("\n", "\n> "),
        stale_note(pack.header, contacts.at, messages) or "",
        headings(2, messages("guide.answers")),
        bullet_list(
            f"**{escape(title)}:** {escape(value)}"
            for title, value in answer_lines(guide.answers, pack, messages)
        ),
        headings(2, messages("guide.sections")),
    ]
    for chosen in guide.sections:
        section = chosen.section
        parts.append(headings(3, section.title))
        if chosen.reasons:
            parts.append(f"*{escape(shown_because(chosen.reasons, messages))}*")
        parts.append(_body(section.body, 4, headings, section.title))
        parts.append(
            messages(
                "markdown.section_sources",
                sources="; ".join(_source_link(pack.sources[s]) for s in section.sources),
            )
        )
    parts += [
        headings(2, messages("guide.questions")),
        messages("markdown.questions_hint"),
    ]
    for topic in guide.topics:
        parts.append(headings(3, topic.title, messages("markdown.questions_context")))
        parts.append("\n".join(f"- [ ] {escape(q.text)}" for q in topic.questions))
        parts.append(messages("markdown.notes"))
        parts.append("___\n\n___")
    parts.append(headings(2, messages("guide.contacts")))
    for contact in contacts.items:
        parts.append(headings(3, contact.channel.name, messages("markdown.contacts_context")))
        parts.append(
            bullet_list(escape(line) for line in contact_lines(contact, contacts, messages))
        )
    parts += [
        headings(2, messages("show.sources")),
        bullet_list(source_line(pack.sources[s]) for s in guide.source_ids),
        pack_line(pack.header, origin, messages),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


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


def contact_lines(contact: Contact, contacts: Contacts, messages: Messages) -> list[str]:
    """How to reach a channel, its hours in the viewer's zone, and its state right now."""
    channel = contact.channel
    lines = [channel.how]
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
        state_line = messages(
            "markdown.state_at",
            time=messages.time(contacts.at),
            state=state_words(contact, messages),
            detail=change_detail(contact, contacts, messages) or "",
        )
        lines.append(state_line.strip())
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


def _source_link(source: Source) -> str:
    title = escape(source.title)
    return f"[{title}]({source.url})" if source.url else title


def stale_note(pack: PackHeader, now: datetime, messages: Messages) -> str | None:
    """A gentle note when the pack was last reviewed more than a year before ``now``."""
    if not review_is_stale(pack.reviewed, now.date()):
        return None
    return messages("guide.stale", date=messages.full_date(pack.reviewed))
