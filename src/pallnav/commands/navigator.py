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

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from pallnav.commands.paging import rendered
from pallnav.context import Context
from pallnav.document import Document, Para, Title
from pallnav.errors import PallnavError
from pallnav.i18n import Messages
from pallnav.pack import Pack
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


class Navigator(NamedTuple):
    context: Context
    messages: Messages
    terminal: Terminal
    guide: Guide
    pack: Pack
    origin: str
    #: Who can be reached now, as a document (the contacts in the reach order).
    reach: Document
    #: The overview's choices, from the fullest to the shortest.
    overviews: list[Document]
    sheet: Save
    whole: Save

    def run(self) -> None:
        """The first screen, then menu, screen, menu ... until the person is done."""
        m = self.messages
        hint = choose_height(self.terminal.columns, m("nav.first_hint"), [m("nav.open_menu")], m)
        self.draw(self.fitting(self.overviews, self.terminal.rows - hint - 1))
        choose(m("nav.first_hint"), [(m("nav.open_menu"), "")], m, self.terminal)
        note: str | None = None
        while True:
            picked = self.menu(note)
            note = None
            if picked == "read":
                self.read_sections()
            elif picked == "questions":
                self.page_through(questions_document(self.guide, self.messages))
            elif picked == "reach":
                self.page_through(self.reach)
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
        overviews = [Document([*above, *o.blocks]) for o in self.overviews[:3]]
        overviews.append(Document([*above, Title(m("guide.title"))]))
        self.draw(self.fitting(overviews, room))
        return choose(m("nav.menu"), choices, m, self.terminal)

    def read_sections(self) -> None:
        m = self.messages
        # The way back first: a long list scrolls, and it must be in sight.
        choices = [(m("nav.back"), "")]
        choices += [(c.section.title, c.section.id) for c in self.guide.sections]
        self.draw([])
        picked = choose(m("nav.pick_section"), choices, m, self.terminal)
        section = self.pack.section(picked) if picked else None
        if section is not None:
            self.page_through(section_document(section, self.pack, self.origin, m))

    def page_through(self, document: Document) -> None:
        """One screen, or pages of one; each ends with the way back to the menu."""
        m = self.messages
        lines = self.lines(document)
        width, rows = self.terminal.columns, self.terminal.rows
        if len(lines) <= rows - choose_height(width, m("nav.back_hint"), [m("nav.back")], m) - 1:
            self.draw(lines)
            choose(m("nav.back_hint"), [(m("nav.back"), "")], m, self.terminal)
            return
        labels = [m("nav.next_page"), m("nav.previous_page"), m("nav.back")]
        longest = m("nav.page", page=len(lines), pages=len(lines))
        room = max(rows - choose_height(width, longest, labels, m) - 1, 3)
        pages: list[list[str]] = []
        while lines:
            while lines and not lines[0].strip():
                lines = lines[1:]  # a page starts with words, not a blank line
            if lines:
                pages.append(lines[:room])
            lines = lines[room:]
        page = 0
        while True:
            self.draw(pages[page])
            choices = []
            if page + 1 < len(pages):
                choices.append((m("nav.next_page"), "next"))
            if page:
                choices.append((m("nav.previous_page"), "previous"))
            choices.append((m("nav.back"), ""))
            title = m("nav.page", page=page + 1, pages=len(pages))
            picked = choose(title, choices, m, self.terminal)
            if not picked:
                return
            page += 1 if picked == "next" else -1

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
            if len(lines) <= room:
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
