"""The guide on a terminal: a first screen at a glance, then a menu.

``pallnav guide`` comes here on a terminal where it can ask (not in a pipe, not
``--format``, ``--plain`` or TERM=dumb, not ``--all``; NO_COLOR only takes the
colour away): the first screen shows who can be reached now, the sections chosen
and why, and how many questions there are, above a menu. Each thing read is one
screen, or pages of one, and every screen ends with the way back. Ctrl-C or
Ctrl-D anywhere: KeyboardInterrupt, exit 130 (``cli``), and nothing more is
written (the goodbye names what was saved before).

Screens are drawn on stdout with Rich and the menus on stderr by questionary:
both are the same terminal here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from pallnav.answers import Answers
from pallnav.commands.paging import rendered
from pallnav.commands.saving import Save, save_as
from pallnav.contacts import Contacts
from pallnav.context import Context
from pallnav.document import Document, Para, Title
from pallnav.errors import PallnavError
from pallnav.i18n import Messages
from pallnav.pack import Channel, Pack
from pallnav.prompts import Terminal, change_answers, choose, choose_height, yes_no
from pallnav.screens import questions_document
from pallnav.tailor import Guide
from pallnav.views import section_document

#: Clear the screen and go to its top (the scrollback keeps what was there).
CLEAR = "\x1b[H\x1b[2J"


class Shown(NamedTuple):
    """What the navigator shows for one set of answers and the care team as saved:
    made again when the person changes an answer or adds their team."""

    guide: Guide
    #: The contacts as they were when this was made (``reach`` works them out again).
    contacts: Contacts
    #: Who can be reached now, as a document (the contacts in the reach order),
    #: worked out afresh each time it is shown: the guide may stay open for hours.
    reach: Callable[[], Document]
    #: The overview's choices, from the fullest to the shortest, as of now.
    overviews: Callable[[], list[Document]]
    sheet: Save
    whole: Save
    #: No care team number is saved and the answers call for one.
    team_blank: bool = False
    #: The person's own team: a section that says to call it shows their numbers.
    team: Sequence[Channel] = ()
    #: Since the last visit (symptom scores and medicines), read when asked for.
    record: Callable[[], Document] | None = None


class Outcome(NamedTuple):
    """How the person left the navigator: the answers (changed or not), what was
    shown for them last, and whether they were already offered to add their team."""

    answers: Answers
    shown: Shown
    changed: bool
    team_offered: bool


class Navigator:
    """The guide on a terminal, a screen at a time, and where the person is in it.

    ``show`` makes what is shown for a set of answers (it reads the care team
    each time); ``add_team`` asks the questions of ``pallnav team add`` and saves.
    """

    def __init__(
        self,
        context: Context,
        messages: Messages,
        terminal: Terminal,
        pack: Pack,
        origin: str,
        answers: Answers,
        show: Callable[[Answers], Shown],
        *,
        add_team: Callable[[], None],
        from_profile: bool = False,
    ) -> None:
        self.context = context
        self.messages = messages
        self.terminal = terminal
        self.pack = pack
        self.origin = origin
        self.answers = answers
        self.show = show
        self.shown = show(answers)
        self.add_team = add_team
        #: Some answers came from the saved ones (until the person changes them).
        self.from_profile = from_profile
        self.changed = False
        self.team_offered = False
        #: Where the person was: the menu item and the section last opened, so
        #: going back lands there.
        self.at_menu = "read"
        self.at_section = ""

    @property
    def guide(self) -> Guide:
        return self.shown.guide

    def run(self) -> Outcome:
        """The first screen, then menu, screen, menu ... until the person is done."""
        m = self.messages
        hint = choose_height(self.terminal.columns, m("nav.first_hint"), [m("nav.open_menu")], m)
        self.draw(self.fitting(self.shown.overviews(), self.terminal.rows - hint - 1))
        choose(m("nav.first_hint"), [(m("nav.open_menu"), "")], m, self.terminal)
        note: str | None = None
        while True:
            items = self.menu_items()
            picked = self.at_menu = self.menu(note, items)
            action = dict((key, act) for key, _, act in items)[picked]
            if action is None:
                return Outcome(self.answers, self.shown, self.changed, self.team_offered)
            note = action()

    # -- screens --

    def menu_items(self) -> list[tuple[str, str, Callable[[], str | None] | None]]:
        """The menu, in order: (key, words, what choosing it does: it returns a line
        to show above the menu, or None). Done has no action. To add an item, add
        a line here (and its words to both catalogues)."""
        m = self.messages
        return [
            ("read", m("nav.read"), self.read_sections),
            ("questions", m("nav.questions"), self.read_questions),
            ("reach", m("nav.reach"), self.read_reach),
            *(
                [("record", m("nav.record"), self.read_record)]
                if self.shown.record is not None
                else []
            ),
            ("sheet", m("nav.save_sheet"), lambda: self.save("sheet")),
            ("whole", m("nav.save_guide"), lambda: self.save("whole")),
            ("answers", m("nav.change"), self.change),
            ("done", m("nav.done"), None),
        ]

    def menu(self, note: str | None, items: Sequence[tuple[str, str, object]]) -> str:
        m = self.messages
        choices = [(label, key) for key, label, _ in items]
        width, rows = self.terminal.columns, self.terminal.rows
        room = rows - choose_height(width, m("nav.menu"), [c[0] for c in choices], m) - 1
        # The overview above the menu where it fits with every section chosen,
        # else the title alone; a note (what was just saved) and, while the saved
        # answers are in use, a line that says so, first.
        above = [Para(note, "strong")] if note else []
        if self.from_profile and not self.changed:
            above.append(Para(m("nav.saved_answers"), "muted"))
        overviews = [Document([*above, *o.blocks]) for o in self.shown.overviews()[:3]]
        overviews.append(Document([*above, Title(m("guide.title"))]))
        self.draw(self.fitting(overviews, room))
        return choose(m("nav.menu"), choices, m, self.terminal, default=self.at_menu)

    def read_questions(self) -> None:
        self.page_through(questions_document(self.guide, self.messages))

    def read_reach(self) -> None:
        self.page_through(self.shown.reach())

    def read_record(self) -> None:
        if self.shown.record is not None:
            self.page_through(self.shown.record())

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
                    here.section,
                    self.pack,
                    self.origin,
                    m,
                    reasons=here.reasons,
                    team=self.shown.team,
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

    def save(self, which: str) -> str | None:
        """Keep the sheet or the whole guide as a file; a line to show, or None.
        Before the first, when the answers call for a care team number and none
        is saved, offer to add it, so the paper has it instead of a blank."""
        m = self.messages
        self.draw([])
        if self.shown.team_blank and not self.team_offered:
            self.team_offered = True
            if yes_no(m("nav.team_first"), m, self.terminal, default=False):
                try:
                    self.add_team()
                except PallnavError as error:  # it could not be saved: the sheet still can
                    self.context.say(m.explain(error))
                self.shown = self.show(self.answers)
        what = self.shown.sheet if which == "sheet" else self.shown.whole
        return save_as(self.context, m, self.terminal, what, m("nav.file_name"))

    def change(self) -> str | None:
        """ "Is this right?" with every answer, each one changeable; the guide is
        made again for the new ones."""
        self.draw([])
        answers = change_answers(self.pack, self.messages, self.answers, self.terminal)
        if answers == self.answers:
            return None
        self.answers, self.changed = answers, True
        self.shown = self.show(answers)
        self.at_section = ""
        return self.messages("nav.changed")

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
