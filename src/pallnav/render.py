"""Showing things: a small document model, written as plain text or with Rich.

Views (``views.py``) build a list of blocks from the core's results; this module
writes them. Plain text is the default for pipes, files, TERM=dumb and ``--plain``:
no escape codes, no box drawing, wrapped to the width, readable by a screen
reader. Rich is imported only when the output is a capable terminal; with
NO_COLOR set it writes no colour there (bold and the layout stay).

Text from packs and people is never interpreted as Rich markup: blocks hold
plain strings and are turned into ``rich.text.Text`` objects.
"""

from __future__ import annotations

import re
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
    Table,
    Title,
    held_together,
    plain_text,
    spans,
)
from pallnav.safetext import clean_all

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from pallnav.wrapping import Line


# --- plain text ------------------------------------------------------------------


def markdown_to_plain(markdown: str, width: int) -> list[str]:
    """A section body (the pack's Markdown) as wrapped plain lines, read by markdown-it."""
    from pallnav.wrapping import line_text, markdown_lines  # not for pallnav hours (start-up)

    return [line_text(line) for line in markdown_lines(markdown, width)]


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    if text and _SIMPLE_TEXT.fullmatch(text) and (text.isascii() or _no_blank_word(text)):
        return _wrap_words(text, max(width, 20), first, rest)
    return textwrap.wrap(
        text,
        width=max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


#: Words with one space between them: what most lines are, and what
#: :func:`_wrap_words` breaks exactly as textwrap would, several times faster.
#: (Python counts \x1c-\x1f as space too: such a word textwrap would drop.)
_SIMPLE_TEXT = re.compile(r"[^\t\n\x0b\x0c\r\x1c-\x1f ]+(?: [^\t\n\x0b\x0c\r\x1c-\x1f ]+)*")


def _no_blank_word(text: str) -> bool:
    """No word is all Unicode space (a no-break space alone, say): textwrap drops
    such a word at a line's end, and the quick path would keep it."""
    return not any(word.isspace() for word in text.split(" "))


def _wrap_words(text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy wrapping at single spaces, never breaking a word (as textwrap with
    break_long_words and break_on_hyphens off), by string search: a long record
    lists thousands of lines."""
    lines: list[str] = []
    indent = first
    while len(text) > width - len(indent):
        cut = text.rfind(" ", 0, width - len(indent) + 1)
        if cut <= 0:  # a word longer than the line: it stands alone
            cut = text.find(" ")
            if cut < 0:
                break
        lines.append(indent + text[:cut])
        text, indent = text[cut + 1 :], rest
    lines.append(indent + text)
    return lines


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
            case Notes(label, lines, _):
                out.append(label)
                out.extend(_rule(width) for _ in range(lines))
            case Table():
                if out and out[-1]:
                    out.append("")
                out.extend(table_lines(block, width))
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


def table_lines(table: Table, width: int) -> list[str]:
    """A table as plain lines. Columns after the first keep their width (numbers to
    the right); the first takes what is left and wraps. A blank grid has a line to
    write on in each cell. Where the columns cannot fit ``width``, one line a row,
    each value after its header: "Pain: Sat 21 2; Sun 22 3"."""
    headers = list(table.headers)
    cells = [[plain_text(cell) for cell in row] for row in table.rows]
    count = len(headers)
    widths = [
        max(len(headers[i]), *(len(row[i]) for row in cells), 6 if table.blank else 1)
        for i in range(1, count)
    ]
    numeric = [all(row[i].isdigit() or not row[i] for row in cells) for i in range(1, count)]
    room = width - sum(widths) - 2 * (count - 1)
    first = min(max(len(headers[0]), *(len(row[0]) for row in cells)), room)
    if table.blank and not any(row[0] for row in cells):
        first = min(max(first, 22), room)  # room to write a medicine's name by hand
    if first < min(12, max(len(row[0]) for row in cells) or 12) or room < 8:
        return _table_rows_as_lines(headers, cells, table.blank, width)

    def line(first_cell: str, rest: list[str]) -> str:
        parts = [f"{first_cell:<{first}}"]
        for value, size, number in zip(rest, widths, numeric, strict=True):
            parts.append(f"{value:>{size}}" if number else f"{value:<{size}}")
        return "  ".join(parts).rstrip()

    out = [line(headers[0], headers[1:])]
    for row in cells:
        label = _wrap(row[0], first) if row[0] else ["_" * first if table.blank else ""]
        rest = ["_" * size for size in widths] if table.blank else row[1:]
        out.append(line(label[0], rest))
        out.extend(line(more, [""] * len(widths)) for more in label[1:])
    return out


def _table_rows_as_lines(
    headers: list[str], cells: list[list[str]], blank: bool, width: int
) -> list[str]:
    out = []
    for row in cells:
        values = ["_" * 6 if blank else value for value in row[1:]]
        pairs = "; ".join(f"{h} {v}" for h, v in zip(headers[1:], values, strict=True) if v)
        out.extend(_wrap(f"{row[0] or '_' * 12}: {pairs}", width, "", "  "))
    return out


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
        write_rich(document, make_console(stream, environ), links=supports_links(environ))


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


def supports_links(environ: Mapping[str, str]) -> bool:
    """True for a terminal known to follow links written with OSC 8 (a web
    address then opens with a click); never for one that is not known to.

    The list of ``supports-hyperlinks`` (zkat/supports-hyperlinks), less tmux and
    screen, which may pass the outer terminal's variables on but not the links.
    ``FORCE_HYPERLINK`` (1 or 0) decides, as in the tools that share that list.
    """
    forced = environ.get("FORCE_HYPERLINK")
    if forced is not None:
        return forced.strip() != "0"
    term = environ.get("TERM", "")
    if term == "dumb" or environ.get("TMUX") or environ.get("STY"):
        return False
    if term.startswith(("screen", "tmux")):
        return False
    vte = environ.get("VTE_VERSION", "")
    return (
        "DOMTERM" in environ
        or (vte.isdigit() and int(vte) >= 5000)
        or environ.get("TERM_PROGRAM") in ("Hyper", "iTerm.app", "terminology", "WezTerm", "vscode")
        or term in ("xterm-kitty", "alacritty", "alacritty-direct")
        or environ.get("COLORTERM") == "xfce4-terminal"
        or "WT_SESSION" in environ
        or "KONSOLE_VERSION" in environ
    )


def write_rich(document: Document, console: Console, *, links: bool = False) -> None:
    """``document`` on a terminal; with ``links``, each web address is a link too."""
    blocks = _held(held_together(clean_all(document.blocks)))
    for renderable in _rich_blocks(blocks, console.width, links):
        # A line already broken between words (``_screen_lines``) is written
        # whole: one holding a web address longer than the width goes on to the
        # next row as the terminal carries it, never cut or folded.
        console.print(renderable, soft_wrap=getattr(renderable, "no_wrap", None) is True)


def _rich_blocks(blocks: Sequence[Block], width: int, links: bool) -> Iterable[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    from pallnav.wrapping import inline_runs, markdown_lines, wrap_runs

    for block in blocks:
        match block:
            case Title(text):
                yield Text(text, style="bold underline")
            case Heading(text, level, _):
                yield Text("")
                yield Text(text, style=f"bold {PALETTE['heading']}" if level <= 2 else "bold")
            case Para(text, style):
                lines = wrap_runs(inline_runs(text), width)
                yield from _screen_lines(lines, links, _STYLES[style])
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
                yield from _screen_lines(markdown_lines(markdown, width, "• "), links)
            case Checklist(items, note_lines):
                yield _hanging("☐", items, note_lines)
            case Table():
                for table_row in table_lines(block, width):
                    yield Text(table_row)
            case Notes(label, lines, _):
                yield Text(label)
                for _ in range(lines):
                    yield Text("_" * 40, style=PALETTE["muted"])
            case Bullets(items):
                for item in items:
                    yield from _screen_lines(wrap_runs(inline_runs(item), width, "• ", "  "), links)
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


#: How each kind of run looks on a terminal (``wrapping.Run``).
_RUN_STYLES = {
    "": "",
    "strong": "bold",
    "em": "italic",
    "code": f"bold {PALETTE['heading']}",
    "mark": PALETTE["heading"],
    "url": f"underline {PALETTE['heading']}",
    "heading1": "bold underline",
    "heading2": "bold underline",
    "heading3": f"bold {PALETTE['heading']}",
    "heading4": "bold italic",
    "heading5": "bold",
    "heading6": "italic",
}


def _screen_lines(lines: Sequence[Line], links: bool, style: str = "") -> Iterable[Any]:
    """Lines already broken between words, each as a ``rich.text.Text`` left
    whole; with ``links``, a run with an address is a link (OSC 8)."""
    from rich.style import Style
    from rich.text import Text

    for line in lines:
        out = Text(style=style, no_wrap=True, overflow="ignore")
        for run in line:
            look = Style.parse(_RUN_STYLES.get(run.style, ""))
            if links and run.url:
                look += Style(link=run.url)
            out.append(run.text, style=look)
        yield out


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
