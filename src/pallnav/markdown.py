"""Markdown a person can keep: a :class:`~pallnav.document.Document` (one section
for ``pallnav show --format markdown``, the whole personal summary for ``guide
--format markdown`` and ``export``) written as Markdown by ``to_markdown``.
The wording every writer shares (answers, reasons, the pack line) is in ``wording``.

Pure. Valid CommonMark/GFM, clean under markdownlint's default rules (line
length aside): one top-level heading, headings step down one level at a time,
blank lines around headings and lists, ``-`` for every list, no trailing
spaces.
"""

from __future__ import annotations

import re

from pallnav.document import (
    Blank,
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
    Status,
    Strong,
    Table,
    Title,
    held_together,
    spans,
)
from pallnav.safetext import clean_all

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


_SPECIAL = re.compile(
    r"[\\`*\[\]<>]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|^#|^(?=[-+]\s)|^(?=\d+[.)]\s)"
)


def escape(text: str) -> str:
    """Inline text that must not be read as Markdown (titles, names, questions).

    Marks that start emphasis, code, links or HTML are escaped; an underscore
    inside a word (America/New_York) cannot start emphasis and is left alone.
    """
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


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


def inline_markdown(text: Inline) -> str:
    """A line of spans as Markdown: text escaped, labels bold, links as links."""
    out: list[str] = []
    for span in spans(text):
        match span:
            case Link(words, url):
                out.append(f"[{escape(words)}]({url})" if url else escape(words))
            case Strong(words):
                out.append(f"**{escape(words)}**")
            case Blank():
                out.append("\\_" * 16)
            case str():
                out.append(escape(span))
    return "".join(out)


def to_markdown(document: Document) -> str:
    """``document`` as Markdown: one top-level heading, levels that step down one at
    a time, every heading unique, ``-`` lists, GFM task lists for checklists."""
    headings = _Headings()
    parts: list[str] = []
    level = 1
    # clean_all: a second wall behind the pack checks; a time or a phone number is
    # held together by no-break spaces, so no viewer splits it across two lines.
    for block in held_together(clean_all(document.blocks)):
        match block:
            case Title(text):
                parts.append(headings(1, text))
                level = 1
            case Heading(text, heading_level, context):
                parts.append(headings(heading_level, text, context))
                level = heading_level
            case Para(text, style):
                parts.append(_styled(inline_markdown(text), style))
            case Body(markdown, context):
                parts.append(_body(markdown, level + 1, headings, context))
            case Checklist(items, note_lines):
                rule = "\n\n  ___" * note_lines
                parts.append("\n".join(f"- [ ] {inline_markdown(i)}{rule}" for i in items))
            case Notes(label, lines, _):
                parts.append(escape(label))
                parts.append("\n\n".join(["___"] * lines))
            case Table():
                parts.append(table_markdown(block))
            case Bullets(items):
                parts.append("\n".join(f"- {inline_markdown(i)}" for i in items))
            case Status(label, _, state, details):
                parts.append(
                    "\n".join(f"- {escape(line)}" for line in (f"{label}: {state}", *details))
                )
            case Grid(title, _, _, _, words):
                parts.append(escape(title))
                parts.append("\n".join(f"- {escape(line)}" for line in words))
            case Gap():
                pass
    return "\n\n".join(part for part in parts if part) + "\n"


#: What ends a sentence for markdownlint's MD036 (its default ``punctuation``, which
#: also has the full-width forms of these marks).
_SENTENCE_END = tuple(".,;:!?")


def _number_or_empty(cell: Inline) -> bool:
    return isinstance(cell, str) and (cell.isdigit() or not cell)


def table_markdown(table: Table) -> str:
    """A GFM table: numbers to the right; a blank grid's cells left empty to fill in."""

    def row(cells: tuple[Inline, ...]) -> str:
        texts = (inline_markdown(c).replace("|", "\\|") for c in cells)
        return "|" + "|".join(f" {text} " if text else " " for text in texts) + "|"

    numeric = [
        i > 0 and all(_number_or_empty(r[i]) for r in table.rows) for i in range(len(table.headers))
    ]
    rule = "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"
    lines = [row(table.headers), rule, *(row(r) for r in table.rows)]
    return "\n".join(lines)


def _styled(text: str, style: str) -> str:
    if style == "aside":
        return "> " + text.strip().replace("\n", "\n> ")
    mark = {"muted": "*", "strong": "**", "warn": "**"}.get(style, "")
    if not mark:
        return text
    if text.rstrip().endswith(_SENTENCE_END):
        return f"{mark}{text}{mark}"
    # A line all in emphasis that does not end like a sentence reads as a heading
    # in disguise (markdownlint MD036): only its label is emphasised ("*Sources:*
    # ..."), or, with no label, nothing.
    label, colon, rest = text.partition(": ")
    return f"{mark}{label}:{mark} {rest}" if colon and label else text
