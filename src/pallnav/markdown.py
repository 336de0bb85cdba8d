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

from pallnav.i18n import Messages
from pallnav.pack import Pack, Section, Source

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
    title = escape(source.title)
    text = f"[{title}]({source.url})" if source.url else title
    text += f", {escape(source.publisher)}"
    if source.date:
        text += f" ({escape(source.date)})"
    return text


def escape(text: str) -> str:
    """Inline text that must not be read as Markdown (titles, names)."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


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
