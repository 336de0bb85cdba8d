"""Showing things: a small document model, written as plain text or with Rich.

Views (``views.py``) build a list of blocks from the core's results; this module
writes them. Plain text is the default for pipes, files, NO_COLOR, TERM=dumb and
``--plain``: no escape codes, no box drawing, wrapped to the width, readable by a
screen reader. Rich is imported only when the output is a capable terminal.

Text from packs and people is never interpreted as Rich markup: blocks hold
plain strings and are turned into ``rich.text.Text`` objects.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from pallnav.document import (
    NBSP,
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
    Status,
    Strong,
    Title,
    held_together,
    plain_text,
    spans,
)
from pallnav.safetext import clean_all

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


# --- plain text ------------------------------------------------------------------


def markdown_to_plain(markdown: str, width: int) -> list[str]:
    """A section body (the pack's Markdown) as wrapped plain lines, read by markdown-it."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).parse(markdown)
    lines: list[str] = []
    lists: list[list[int]] = []  # for each open list: [next number] or [] when bulleted
    first_in_item = False

    def blank() -> None:
        if lines and lines[-1]:
            lines.append("")

    for token in tokens:
        match token.type:
            case "bullet_list_open" | "ordered_list_open":
                if not lists:
                    blank()
                numbered = token.type == "ordered_list_open"
                lists.append([int(token.attrGet("start") or 1)] if numbered else [])
            case "bullet_list_close" | "ordered_list_close":
                lists.pop()
                if not lists:
                    blank()
            case "list_item_open":
                first_in_item = True
            case "heading_open":
                blank()
            case "heading_close":
                lines.append("")
            case "paragraph_open" if not lists:
                blank()
            case "inline":
                text = _inline_plain(token.children or [])
                if not lists:
                    lines.extend(_wrap(text, width))
                    continue
                indent = "  " * (len(lists) - 1)
                if first_in_item:
                    counter = lists[-1]
                    mark = "- "
                    if counter:
                        mark = f"{counter[0]}. "
                        counter[0] += 1
                    lines.extend(_wrap(text, width, indent + mark, indent + " " * len(mark)))
                    first_in_item = False
                else:
                    lines.extend(_wrap(text, width, indent + "  ", indent + "  "))
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _inline_plain(children: Sequence[Any]) -> str:
    """Inline Markdown as words; a link keeps its address visible after it."""
    out: list[str] = []
    href: list[str] = []
    for child in children:
        match child.type:
            case "text" | "code_inline":
                out.append(child.content)
            case "softbreak" | "hardbreak":
                out.append(" ")
            case "image":
                out.append(child.content)
            case "link_open":
                href.append(str(child.attrGet("href") or ""))
                out.append("\x00")
            case "link_close":
                url = href.pop()
                start = len(out) - 1 - out[::-1].index("\x00")
                words = "".join(out[start + 1 :])
                out[start:] = [plain_text((Link(words, url),))]
    return "".join(out)


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
    # clean_all: a second wall behind the pack checks. textwrap breaks lines only at
    # ASCII spaces, so the no-break ones keep a time or a number on one line.
    for block in held_together(clean_all(document.blocks)):
        match block:
            # Headings stand alone between blank lines, with no ===== or ----- under
            # them: a screen reader reads a heading once, not a run of dashes.
            case Title(text):
                out.extend(_wrap(text, width))
                out.append("")
            case Heading(text, _, _):
                if out and out[-1]:
                    out.append("")
                out.extend(_wrap(text, width))
                out.append("")
            case Para(text, _):
                out.extend(_wrap(plain_text(text), width))
            case Status(label, _, state, details):
                out.extend(_wrap(f"{label}: {state}", width, "", "  "))
                for detail in details:
                    out.extend(_wrap(detail, width, "  ", "  "))
            case Body(markdown, _):
                out.extend(markdown_to_plain(markdown, width))
            case Checklist(items, note_lines):
                for item in items:
                    out.extend(_wrap(plain_text(item), width, "[ ] ", "    "))
                    out.extend("    " + _rule(width - 4) for _ in range(note_lines))
            case Notes(label, lines):
                out.append(label)
                out.extend(_rule(width) for _ in range(lines))
            case Bullets(items):
                for item in items:
                    out.extend(_wrap(plain_text(item), width, "- ", "  "))
            case Grid(title, scale, rows, legend, words):
                # The words first, for a listener; then the chart, for the eye.
                out.extend(_wrap(title, width))
                for line in words:
                    out.extend(_wrap(line, width, "", "  "))
                label_width = max(len(label) for label, _ in rows)
                out.append(" " * (label_width + 1) + scale)
                for label, cells in rows:
                    out.append(f"{label:<{label_width}} " + "".join(plain_cell(c) for c in cells))
                out.extend(_wrap(_legend("#+.", legend), width))
            case Gap():
                if out and out[-1]:
                    out.append("")
    return "\n".join(out).replace(NBSP, " ") + "\n"


def _rule(width: int) -> str:
    """A line to write on."""
    return "_" * max(min(width, 72), 10)


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

#: Text colours that read at WCAG AA (contrast 4.5:1 or more) on a white AND on a
#: black background, since we cannot know the terminal's: only mid-tones do. Named
#: ANSI colours and "dim" are left out on purpose: their shade is the theme's.
#: Meaning is never in colour alone (open/closed also have a mark and words).
PALETTE = {
    "open": "#1b881b",  # green: 4.58 on white, 4.58 on black
    "closed": "#ac6400",  # amber: 4.59 / 4.58
    "heading": "#0078ce",  # blue: 4.59 / 4.58
    "muted": "#767676",  # grey: 4.54 / 4.62
}

_STYLES = {
    "": "",
    "muted": PALETTE["muted"],
    "strong": "bold",
    "warn": f"bold {PALETTE['closed']}",
    "aside": PALETTE["muted"],
}

#: Rich's Markdown styles that carry a colour, in the same palette.
_MARKDOWN_THEME = {
    "markdown.code": f"bold {PALETTE['heading']}",
    "markdown.code_block": PALETTE["heading"],
    "markdown.block_quote": PALETTE["muted"],
    "markdown.list": PALETTE["heading"],
    "markdown.item.number": PALETTE["heading"],
    "markdown.hr": PALETTE["muted"],
    "markdown.h2": "bold underline",
    "markdown.h3": f"bold {PALETTE['heading']}",
    "markdown.h4": "bold italic",
    "markdown.h6": "italic",
    "markdown.h7": "italic",
    "markdown.link": f"underline {PALETTE['heading']}",
    "markdown.link_url": f"underline {PALETTE['heading']}",
    "markdown.table.border": PALETTE["muted"],
    "markdown.table.header": "bold",
    "markdown.kbd": "bold",
}


def make_console(stream: TextIO, environ: Mapping[str, str]) -> Console:
    """A Console for a stream we already know is a capable terminal.

    Built here, never at import time, so its choices are fresh; it reads the
    same environment as the rest of pallnav (``Context.environ``).
    """
    from rich.console import Console
    from rich.theme import Theme

    return Console(
        file=cast("TextIO", _Spaced(stream)),
        theme=Theme(_MARKDOWN_THEME),
        force_terminal=True,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        _environ=dict(environ),
    )


#: Rich breaks a line at any space, a no-break one too. In what it is given, a
#: no-break space becomes this character (never a space to Rich, one column wide),
#: and the stream it writes to turns it into a plain space (:class:`_Spaced`).
_HELD = "\ue000"


class _Spaced:
    """The stream a Console writes to: each held space is written as a plain one."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.replace(_HELD, " "))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _held(value: Any) -> Any:
    """``value`` (blocks, and everything in them) with each no-break space held."""
    if isinstance(value, str):
        return value.replace(NBSP, _HELD)
    if isinstance(value, tuple):
        items = [_held(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [_held(item) for item in value]
    return value


def write_rich(document: Document, console: Console) -> None:
    for renderable in _rich_blocks(_held(held_together(clean_all(document.blocks)))):
        console.print(renderable)


def _rich_blocks(blocks: Sequence[Block]) -> Iterable[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    for block in blocks:
        match block:
            case Title(text):
                yield Text(text, style="bold underline")
            case Heading(text, level, _):
                yield Text("")
                yield Text(text, style=f"bold {PALETTE['heading']}" if level <= 2 else "bold")
            case Para(text, style):
                yield _rich_text(text, _STYLES[style])
            case Status(label, is_open, state, details):
                colour = PALETTE["open" if is_open else "closed"]
                line = Text()
                line.append("● " if is_open else "○ ", style=colour)
                line.append(label, style="bold")
                line.append("  ")
                line.append(state, style=f"bold {colour}")
                yield line
                for detail in details:
                    yield Padding(Text(detail), (0, 0, 0, 2), expand=False)
            case Body(markdown, _):
                from rich.markdown import Markdown

                yield Markdown(markdown, hyperlinks=False)
            case Checklist(items, note_lines):
                yield _hanging("☐", items, note_lines)
            case Notes(label, lines):
                yield Text(label)
                for _ in range(lines):
                    yield Text("_" * 40, style=PALETTE["muted"])
            case Bullets(items):
                yield _hanging("•", items)
            case Grid(title, scale, rows, legend, words):
                yield Text(title, style="bold")
                label_width = max(len(label) for label, _ in rows)
                yield Text(" " * (label_width + 1) + scale, style=PALETTE["muted"])
                for label, cells in rows:
                    row = Text(f"{label:<{label_width}} ")
                    for cell in cells:
                        if cell >= 1:
                            row.append("█", style=PALETTE["open"])
                        elif cell > 0:
                            row.append("▌", style=PALETTE["open"])
                        else:
                            row.append("·", style=PALETTE["muted"])
                    yield row
                yield Text(_legend("█▌·", legend), style=PALETTE["muted"])
                for sentence in words:
                    yield Text(sentence)
            case Gap():
                yield Text("")


def _hanging(mark: str, items: Sequence[Inline], note_lines: int = 0) -> RenderableType:
    """A list whose wrapped lines stay under their item, with no borders."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        # Fold a long word (a web address) onto the next line; never cut it short.
        text = _rich_text(item, "")
        text.overflow = "fold"
        grid.add_row(mark, text)
        for _ in range(note_lines):
            grid.add_row("", Text("_" * 36, style=PALETTE["muted"]))
    return grid


def _rich_text(text: Inline, style: str) -> Any:
    """A ``rich.text.Text`` of ``text``: bold labels bold, a link's address after it."""
    from rich.text import Text

    out = Text(style=style)
    for span in spans(text):
        match span:
            case Strong(words):
                out.append(words, style="bold")
            case Link() | Blank():
                out.append(plain_text((span,)))
            case str():
                out.append(span)
    return out
