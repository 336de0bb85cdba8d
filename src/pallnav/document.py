"""One document model behind every output: plain text and Rich (``render``),
Markdown (``markdown``) and HTML (``htmldoc``) all write the same blocks.

Views (``views.py``) build a :class:`Document` from the core's results; each
writer decides only how a block looks in its medium, never what is in it, so the
formats cannot drift apart. Pure: values only.

Text in blocks is plain text, never markup: a writer escapes it for its medium.
Where a line holds more than words (a link, a bold label, a blank to write on) it
is a tuple of spans (:data:`Inline`).
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles every
# string annotation into a ForwardRef as the module loads, which cost about a
# millisecond of each start-up for this module alone (bench/startup.py).

import re
from collections.abc import Iterable
from typing import Any, NamedTuple


class Link(NamedTuple):
    """Words that point to an address; every writer prints the address too."""

    text: str
    url: str


class Strong(NamedTuple):
    text: str


class Blank(NamedTuple):
    """A line to write on by hand (a phone number, a name)."""


Span = str | Link | Strong | Blank
#: A line of text: plain words, or spans.
Inline = str | tuple[Span, ...]

#: Where a value goes in a catalogue message turned into spans (see :func:`fill`).
SLOT = "\ufffc"


def spans(text: Inline) -> tuple[Span, ...]:
    return (text,) if isinstance(text, str) else text


def fill(message: str, value: Iterable[Span]) -> tuple[Span, ...]:
    """``message`` (made with ``SLOT`` for one placeholder) with ``value`` in its place."""
    before, _, after = message.partition(SLOT)
    return tuple(s for s in (before, *value, after) if s != "")


def joined(items: Iterable[Inline], separator: str) -> tuple[Span, ...]:
    out: list[Span] = []
    for index, item in enumerate(items):
        if index:
            out.append(separator)
        out.extend(spans(item))
    return tuple(out)


#: A no-break space: it joins words no line may split. Every writer keeps a time
#: ("6:30 a. m.", "8:00 AM") on one line (:func:`held_together`), each in its own
#: way, and writes a plain space where its medium allows, so the text copies and
#: pastes as it reads (Markdown keeps the no-break space itself).
NBSP = "\u00a0"

#: A time on the 12-hour clock, in either language: 8 AM, 8:00 PM, 6:30 a. m., 9 p.m.
_TIME = re.compile(r"(?<![\w:.])\d{1,2}(?::\d{2})?[ ]+(?:[AaPp]\.[ ]?[Mm]\.|[AaPp][Mm](?!\w))")


#: What every time above has, found quickly: most text has none, and a symptom
#: record lists thousands of lines (a superset of _TIME's AM/PM part).
_TIME_HINT = re.compile(r"[AaPp]\.?[ ]?[Mm]")


def hold_together(text: str) -> str:
    """``text`` with the spaces inside each time made no-break ones."""
    if " " not in text or not _TIME_HINT.search(text):
        return text
    return _TIME.sub(lambda m: m.group().replace(" ", NBSP), text)


def held_together(value: Any) -> Any:
    """``value`` (blocks, and everything in them) with :func:`hold_together` applied
    to every string: a writer calls it before it wraps a line."""
    if isinstance(value, str):
        return hold_together(value)
    if isinstance(value, tuple):
        items = [held_together(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [held_together(item) for item in value]
    return value


#: How a blank to write on looks in plain text.
PLAIN_BLANK = "_" * 24


def names_address(words: str, url: str) -> bool:
    """True when a link's words already are its address ("cancer.gov/contact" for
    https://www.cancer.gov/contact), so it need not be printed twice. A ``tel:``
    link's words always show its number ("Call (555) 123-4567")."""
    if url.startswith("tel:"):
        return True

    def bare(text: str) -> str:
        text = text.strip().lower().removeprefix("https://").removeprefix("http://")
        return text.removeprefix("www.").rstrip("/")

    return not url or bare(words) == bare(url)


def plain_text(text: Inline) -> str:
    """The words of ``text``; a link keeps its address visible after it."""
    if isinstance(text, str):  # most are (a table's every score)
        return text
    out: list[str] = []
    for span in spans(text):
        match span:
            case Link(words, url):
                out.append(words if names_address(words, url) else f"{words} ({url})")
            case Strong(words):
                out.append(words)
            case Blank():
                out.append(PLAIN_BLANK)
            case str():
                out.append(span)
    return "".join(out)


class Title(NamedTuple):
    text: str


class Heading(NamedTuple):
    """A heading under the title: level 2, or 3 under a level-2 heading.

    ``context`` tells two headings with the same words apart where a format needs
    every heading to be unique (Markdown): "Pain (questions)".
    """

    text: str
    level: int = 2
    context: str = ""


class Para(NamedTuple):
    """A paragraph. ``style``: "", "muted", "strong", "warn", or "aside" (the disclaimer)."""

    text: Inline
    style: str = ""


class Status(NamedTuple):
    """A channel's state: a label, open or not, the state in words, and details."""

    label: str
    is_open: bool
    state: str
    details: tuple[str, ...] = ()


class Body(NamedTuple):
    """A section body in the pack's Markdown subset; its headings sit under the
    heading before it. ``context`` tells its headings apart from others'."""

    markdown: str
    context: str = ""


class Checklist(NamedTuple):
    """Things to tick off; with ``note_lines``, room to write under each one."""

    items: tuple[Inline, ...]
    note_lines: int = 0


class Notes(NamedTuple):
    """A label and ruled lines to write notes on, on paper. ``fill``: on a printed
    one-page sheet, as many lines as the rest of the page holds (at least ``lines``
    where there is room)."""

    label: str
    lines: int = 2
    fill: bool = False


class Table(NamedTuple):
    """Rows under column headers (the visit sheet's week of scores, the medicine list).

    ``chart``: the columns after the first hold scores from 0 to 10, and HTML draws
    a small chart of each row after them, headed ``chart_title`` (the numbers stay
    as text). ``blank``: a grid to fill in by hand, with room to write in each cell.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    chart: bool = False
    blank: bool = False
    chart_title: str = ""


class Bullets(NamedTuple):
    items: tuple[Inline, ...]


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


Block = Title | Heading | Para | Status | Body | Checklist | Notes | Bullets | Grid | Table | Gap


class Document:
    """Blocks to show, in order. ``one_page``: made to fit one printed page, so
    writers for paper keep it compact."""

    def __init__(self, blocks: Iterable[Block] = (), *, one_page: bool = False) -> None:
        self.blocks: list[Block] = list(blocks)
        self.one_page = one_page

    def add(self, *blocks: Block) -> "Document":
        self.blocks.extend(blocks)
        return self

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if isinstance(b, Title)), "")
