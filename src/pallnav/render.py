"""Showing things: a small document model, written as plain text or with Rich.

Views (``views.py``) build a list of blocks from the core's results; this module
writes them. Plain text is the default for pipes, files, NO_COLOR, TERM=dumb and
``--plain``: no escape codes, no box drawing, wrapped to the width, readable by a
screen reader. Rich is imported only when the output is a capable terminal.

Text from packs and people is never interpreted as Rich markup: blocks hold
plain strings and are turned into ``rich.text.Text`` objects.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class Title(NamedTuple):
    text: str


class Heading(NamedTuple):
    text: str


class Para(NamedTuple):
    """A paragraph. ``style`` is one of: "", "muted", "strong", "warn"."""

    text: str
    style: str = ""


class Status(NamedTuple):
    """A channel's state: a label, open or not, the state in words, and details."""

    label: str
    is_open: bool
    state: str
    details: tuple[str, ...] = ()


class Body(NamedTuple):
    """A section body in the pack's Markdown subset."""

    markdown: str


class Checklist(NamedTuple):
    items: tuple[str, ...]


class Bullets(NamedTuple):
    items: tuple[str, ...]


class Grid(NamedTuple):
    """A week chart: one row a day, one cell an hour, each 0 (closed) to 1 (open)."""

    title: str
    scale: str
    rows: tuple[tuple[str, tuple[float, ...]], ...]
    #: The words for a whole open hour, part of an hour open, and closed.
    legend: tuple[str, str, str]
    words: tuple[str, ...] = ()


class Gap(NamedTuple):
    pass


Block = Title | Heading | Para | Status | Body | Checklist | Bullets | Grid | Gap


class Document:
    """Blocks to show, in order."""

    def __init__(self, blocks: Iterable[Block] = ()) -> None:
        self.blocks: list[Block] = list(blocks)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self


# --- plain text ------------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_EMPHASIS = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-+*]|\d+[.)])\s+")
_HEADING = re.compile(r"^#{1,6}\s+")


def plain_inline(text: str) -> str:
    """Markdown inline marks removed; a link keeps its address visible."""
    text = _LINK.sub(
        lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text
    )
    text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    text = _EMPHASIS.sub(r"\1", text)
    return text.replace("`", "")


def markdown_to_plain(markdown: str, width: int) -> list[str]:
    """The pack's Markdown subset as wrapped plain lines."""
    lines: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            lines.extend(_wrap(" ".join(paragraph), width))
            paragraph.clear()

    for raw in markdown.splitlines():
        stripped = raw.strip()
        if not stripped:
            flush()
            if lines and lines[-1]:
                lines.append("")
            continue
        if _HEADING.match(stripped):
            flush()
            if lines and lines[-1]:
                lines.append("")
            lines.extend(_wrap(plain_inline(_HEADING.sub("", stripped)), width))
            continue
        item = _LIST_ITEM.match(raw)
        if item:
            flush()
            depth = len(item.group(1).expandtabs()) // 2
            text = plain_inline(raw[item.end() :].strip())
            lines.extend(_wrap(text, width, "  " * depth + "- ", "  " * depth + "  "))
            continue
        if lines and lines[-1].lstrip().startswith("- ") and raw.startswith("  ") and not paragraph:
            # A list item's continuation line.
            last = lines.pop()
            lines.extend(_wrap(last.strip()[2:] + " " + plain_inline(stripped), width, "- ", "  "))
            continue
        paragraph.append(plain_inline(stripped))
    flush()
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width=max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def plain_cell(fraction: float) -> str:
    if fraction <= 0:
        return "."
    return "#" if fraction >= 1 else "+"


def _legend(marks: str, words: tuple[str, str, str]) -> str:
    return "   ".join(f"{mark} {word}" for mark, word in zip(marks, words, strict=True))


def to_plain(document: Document, width: int) -> str:
    out: list[str] = []
    for block in document.blocks:
        match block:
            case Title(text):
                out.extend(_wrap(text, width))
                out.append("=" * min(len(out[-1]), width))
            case Heading(text):
                if out and out[-1]:
                    out.append("")
                out.extend(_wrap(text, width))
                out.append("-" * min(len(out[-1]), width))
            case Para(text, _):
                out.extend(_wrap(text, width))
            case Status(label, _, state, details):
                out.extend(_wrap(f"{label}: {state}", width, "", "  "))
                for detail in details:
                    out.extend(_wrap(detail, width, "  ", "  "))
            case Body(markdown):
                out.extend(markdown_to_plain(markdown, width))
            case Checklist(items):
                for item in items:
                    out.extend(_wrap(item, width, "[ ] ", "    "))
            case Bullets(items):
                for item in items:
                    out.extend(_wrap(item, width, "- ", "  "))
            case Grid(title, scale, rows, legend, words):
                out.extend(_wrap(title, width))
                label_width = max(len(label) for label, _ in rows)
                out.append(" " * (label_width + 1) + scale)
                for label, cells in rows:
                    out.append(f"{label:<{label_width}} " + "".join(plain_cell(c) for c in cells))
                out.extend(_wrap(_legend("#+.", legend), width))
                for line in words:
                    out.extend(_wrap(line, width, "", "  "))
            case Gap():
                if out and out[-1]:
                    out.append("")
    return "\n".join(out) + "\n"


def show(
    document: Document,
    stream: TextIO,
    *,
    plain: bool,
    width: int,
    environ: Mapping[str, str],
) -> None:
    """Write ``document`` as plain text or, on a capable terminal, with Rich."""
    if plain:
        stream.write(to_plain(document, width))
    else:
        write_rich(document, make_console(stream, environ))


# --- Rich, for a capable terminal ------------------------------------------------

_STYLES = {
    "": "",
    "muted": "dim",
    "strong": "bold",
    "warn": "bold yellow",
}


def make_console(stream: TextIO, environ: Mapping[str, str]) -> Console:
    """A Console for a stream we already know is a capable terminal.

    Built here, never at import time, so its choices are fresh; it reads the
    same environment as the rest of pallnav (``Context.environ``).
    """
    from rich.console import Console

    return Console(
        file=stream,
        force_terminal=True,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        _environ=dict(environ),
    )


def write_rich(document: Document, console: Console) -> None:
    for renderable in _rich_blocks(document.blocks):
        console.print(renderable)


def _rich_blocks(blocks: Sequence[Block]) -> Iterable[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    for block in blocks:
        match block:
            case Title(text):
                yield Text(text, style="bold underline")
            case Heading(text):
                yield Text("")
                yield Text(text, style="bold cyan")
            case Para(text, style):
                yield Text(text, style=_STYLES[style])
            case Status(label, is_open, state, details):
                line = Text()
                line.append("● " if is_open else "○ ", style="green" if is_open else "yellow")
                line.append(label, style="bold")
                line.append("  ")
                line.append(state, style="bold green" if is_open else "bold yellow")
                yield line
                for detail in details:
                    yield Padding(Text(detail), (0, 0, 0, 2), expand=False)
            case Body(markdown):
                from rich.markdown import Markdown

                yield Markdown(markdown, hyperlinks=False)
            case Checklist(items):
                yield _hanging("☐", items)
            case Bullets(items):
                yield _hanging("•", items)
            case Grid(title, scale, rows, legend, words):
                yield Text(title, style="bold")
                label_width = max(len(label) for label, _ in rows)
                yield Text(" " * (label_width + 1) + scale, style="dim")
                for label, cells in rows:
                    row = Text(f"{label:<{label_width}} ")
                    for cell in cells:
                        if cell >= 1:
                            row.append("█", style="green")
                        elif cell > 0:
                            row.append("▌", style="green")
                        else:
                            row.append("·", style="dim")
                    yield row
                yield Text(_legend("█▌·", legend), style="dim")
                for sentence in words:
                    yield Text(sentence)
            case Gap():
                yield Text("")


def _hanging(mark: str, items: Sequence[str]) -> RenderableType:
    """A list whose wrapped lines stay under their item, with no borders."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        # Fold a long word (a web address) onto the next line; never cut it short.
        grid.add_row(mark, Text(item, overflow="fold"))
    return grid
