"""The guide on a terminal: a first screen at a glance, then a menu.

``pallnav guide`` comes here on a capable terminal where it can ask (not in a
pipe, not ``--format``, ``--plain``, NO_COLOR or TERM=dumb, not ``--all``): the
first screen shows who can be reached now, the sections chosen and why, and how
many questions there are, above a menu. Each thing read is one screen, or pages
of one, and every screen ends with the way back to the menu. Ctrl-C or Ctrl-D
anywhere: KeyboardInterrupt, exit 130 (``cli``), and nothing is written.

Screens are drawn on stdout with Rich and the menus on stderr by questionary:
both are the same terminal here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from pallnav.commands.paging import rendered
from pallnav.context import Context
from pallnav.document import Document, Para, Title
from pallnav.errors import PallnavError
from pallnav.i18n import Messages
from pallnav.pack import Channel, Pack
from pallnav.prompts import Terminal, ask_text, choose, choose_height
from pallnav.screens import questions_document
from pallnav.tailor import Guide
from pallnav.views import section_document

#: Clear the screen and go to its top (the scrollback keeps what was there).
CLEAR = "\x1b[H\x1b[2J"


class Save(NamedTuple):
    """Something to keep as a file: the name to suggest, how to write it (it
    returns where it went, and never replaces a file), and what to say then."""

    name: str
    write: Callable[[Path], Path]
    said: str  # a catalogue key, with {path}


class Navigator:
    """The guide on a terminal, a screen at a time, and where the person is in it."""

    def __init__(
        self,
        context: Context,
        messages: Messages,
        terminal: Terminal,
        guide: Guide,
        pack: Pack,
        origin: str,
        *,
        reach: Callable[[], Document],
        overviews: Callable[[], list[Document]],
        sheet: Save,
        whole: Save,
        team: Sequence[Channel] = (),
    ) -> None:
        self.context = context
        self.messages = messages
        self.terminal = terminal
        self.guide = guide
        self.pack = pack
        self.origin = origin
        #: Who can be reached now, as a document (the contacts in the reach order),
        #: worked out afresh each time it is shown: the guide may stay open for hours.
        self.reach = reach
        #: The overview's choices, from the fullest to the shortest, as of now.
        self.overviews = overviews
        self.sheet = sheet
        self.whole = whole
        #: The person's own team: a section that says to call it shows their numbers.
        self.team = team
        #: Where the person was: the menu item and the section last opened, so
        #: going back lands there.
        self.at_menu = "read"
        self.at_section = ""

    def run(self) -> None:
        """The first screen, then menu, screen, menu ... until the person is done."""
        m = self.messages
        hint = choose_height(self.terminal.columns, m("nav.first_hint"), [m("nav.open_menu")], m)
        self.draw(self.fitting(self.overviews(), self.terminal.rows - hint - 1))
        choose(m("nav.first_hint"), [(m("nav.open_menu"), "")], m, self.terminal)
        note: str | None = None
        while True:
            picked = self.at_menu = self.menu(note)
            note = None
            if picked == "read":
                self.read_sections()
            elif picked == "questions":
                self.page_through(questions_document(self.guide, self.messages))
            elif picked == "reach":
                self.page_through(self.reach())
            elif picked in ("sheet", "whole"):
                note = self.save(self.sheet if picked == "sheet" else self.whole)
            else:
                return

    # -- screens --

    def menu(self, note: str | None) -> str:
        m = self.messages
        choices = [
            (m("nav.read"), "read"),
            (m("nav.questions"), "questions"),
            (m("nav.reach"), "reach"),
            (m("nav.save_sheet"), "sheet"),
            (m("nav.save_guide"), "whole"),
            (m("nav.done"), "done"),
        ]
        width, rows = self.terminal.columns, self.terminal.rows
        room = rows - choose_height(width, m("nav.menu"), [c[0] for c in choices], m) - 1
        # The overview above the menu where it fits with every section chosen,
        # else the title alone.
        above = [Para(note, "strong")] if note else []
        overviews = [Document([*above, *o.blocks]) for o in self.overviews()[:3]]
        overviews.append(Document([*above, Title(m("guide.title"))]))
        self.draw(self.fitting(overviews, room))
        return choose(m("nav.menu"), choices, m, self.terminal, default=self.at_menu)

    def read_sections(self) -> None:
        """The list of sections (type to search it), a section, the next one ...;
        back from a section lands on it in the list, and Esc goes back to the menu."""
        m = self.messages
        chosen = self.guide.sections
        # The way back first: a long list scrolls, and it must be in sight.
        choices = [(m("nav.back"), "")]
        choices += [(c.section.title, c.section.id) for c in chosen]
        while True:
            self.draw([])
            picked = choose(
                m("nav.pick_section"),
                choices,
                m,
                self.terminal,
                default=self.at_section,
                keys={"escape": ""},
                search=True,
            )
            if not picked:
                return
            index = next(i for i, c in enumerate(chosen) if c.section.id == picked)
            while True:
                here = chosen[index]
                self.at_section = here.section.id
                following = chosen[index + 1].section.title if index + 1 < len(chosen) else None
                document = section_document(
                    here.section, self.pack, self.origin, m, reasons=here.reasons, team=self.team
                )
                if self.page_through(document, m("nav.back_list"), following) != "next":
                    break
                index += 1

    def page_through(
        self, document: Document, back: str | None = None, following: str | None = None
    ) -> str:
        """One screen, or pages of one, as a pager: Space or PgDn for the next page,
        PgUp for the one before, q or Esc to go ``back`` (the menu unless told).
        With ``following`` (the next section's title), the last page offers it,
        and Enter there goes on to it; "next", or "" for back."""
        m = self.messages
        width, rows = self.terminal.columns, self.terminal.rows
        ahead = [(m("nav.next_section", title=following), "next")] if following else []
        hint = m("nav.instruction_pages")
        keys = {"q": "", "escape": ""}
        lines = self.lines(document)
        labels = [label for label, _ in ahead] + [back or m("nav.back")]
        title = m("nav.next_hint" if ahead else "nav.back_list_hint" if back else "nav.back_hint")
        if _rows(lines, width) <= rows - choose_height(width, title, labels, m) - 1:
            self.draw(lines)
            return choose(title, [*ahead, (labels[-1], "")], m, self.terminal, keys=keys)
        back = labels[-1]
        longest = m("nav.page_more", page=99, pages=99)
        middle = [m("nav.next_page"), m("nav.previous_page"), back]
        end = [*(label for label, _ in ahead), m("nav.previous_page"), back]
        footer = max(choose_height(width, longest, c, m, hint) for c in (middle, end))
        room = max(rows - footer - 1, 3)
        pages = _pages(lines, room, width)
        page = 0
        while True:
            self.draw(pages[page])
            last = page + 1 == len(pages)
            choices = [] if last else [(m("nav.next_page"), "page")]
            choices += ahead if last else []
            if page:
                choices.append((m("nav.previous_page"), "previous"))
            choices.append((back, ""))
            turn = {"pageup": "previous"} if page else {}
            if not last:
                turn.update({" ": "page", "pagedown": "page"})
            title = m("nav.page" if last else "nav.page_more", page=page + 1, pages=len(pages))
            picked = choose(
                title,
                choices,
                m,
                self.terminal,
                # On the last page Enter goes on (or back to the list), never a page back.
                default=choices[0][1] if not last or ahead else "",
                keys={**keys, **turn},
                hint=m("nav.instruction_last") if last else hint,
            )
            if picked in ("", "next"):
                return picked
            page += 1 if picked == "page" else -1

    def save(self, what: Save) -> str | None:
        """Ask for a file name and keep ``what`` there; a line to show, or None."""
        self.draw([])
        return save_as(
            self.context, self.messages, self.terminal, what, self.messages("nav.file_name")
        )

    # -- drawing --

    def fitting(self, documents: list[Document], room: int) -> list[str]:
        """The lines of the first document that fits in ``room`` rows (else the last)."""
        lines: list[str] = []
        for document in documents:
            lines = self.lines(document)
            if _rows(lines, self.terminal.columns) <= room:
                break
        return lines

    def lines(self, document: Document) -> list[str]:
        text = rendered(
            document,
            plain=False,
            width=max(self.terminal.columns - 1, 20),
            environ=self.context.environ,
        )
        return text.rstrip("\n").split("\n")

    def draw(self, lines: list[str]) -> None:
        stdout = self.context.stdout
        stdout.write(CLEAR + "".join(line + "\n" for line in lines))
        stdout.flush()


#: Escape sequences that take no room on the screen: colours (CSI) and links (OSC 8).
_INVISIBLE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def _rows(lines: list[str], columns: int) -> int:
    """The screen rows ``lines`` take: a line wider than the screen (a long web
    address, never broken) goes on over more than one."""
    from rich.cells import cell_len

    return sum(max(1, -(-cell_len(_INVISIBLE.sub("", line)) // columns)) for line in lines)


def _pages(lines: list[str], room: int, columns: int) -> list[list[str]]:
    """``lines`` in pages of at most ``room`` screen rows; a line is never split
    between two pages, and a page starts with words, not a blank line."""
    pages: list[list[str]] = []
    page: list[str] = []
    used = 0
    for line in lines:
        if not page and not _INVISIBLE.sub("", line).strip():
            continue
        height = _rows([line], columns)
        if page and used + height > room:
            pages.append(page)
            page, used = [], 0
            if not _INVISIBLE.sub("", line).strip():
                continue
        page.append(line)
        used += height
    if page or not pages:
        pages.append(page)
    return pages


def save_as(
    context: Context, messages: Messages, terminal: Terminal, what: Save, prompt: str
) -> str | None:
    """Ask for a name (suggesting a free one) and write ``what`` there, never over
    a file that is there; the line saying where it went, or None if nothing was."""
    name = _free_name(Path(what.name))
    while True:
        name = ask_text(prompt, name, terminal)
        if not name:
            return None
        try:
            path = what.write(Path(name))
        except PallnavError as error:
            context.say(messages.explain(error))
            if error.key in ("errors.file_exists", "errors.no_folder", "errors.no_home"):
                continue  # another name may do
            return None  # a full or read-only disk: asking again will not help
        return messages(what.said, path=path)


def _free_name(path: Path) -> str:
    """``path``, or the first of path-2, path-3 ... that does not exist yet."""
    candidate, number = path, 2
    while candidate.expanduser().exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return str(candidate)
