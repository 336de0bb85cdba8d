"""Moving around the guide's navigator with the keys a person presses, in a real
pseudo-terminal: sections read as a pager, one after the other, and the way
back lands where the person was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ptys import CTRL_C, DOWN, ENTER, ESC, PAGE_DOWN, SPACE, UP, Session, words_of

FLAGS = (
    *("--role", "caregiver", "--stage", "advanced", "--age", "older-adult"),
    *("--setting", "home", "--insurance", "medicare", "--concern", "pain"),
)

WORDS = {
    "en": {
        "first": "Press Enter to open the menu.",
        "menu": "What would you like to do?",
        "read": "Read a section",
        "list": "Which section would you like to read?",
        "search": "pain",
        "pain": "Help with pain",
        "because": "Shown because you are worried about pain.",
        "next": "Help for you as a caregiver",
        "last": "Next section: Help for you as a",
        "back": "Back to the list",
        "page": "Page 1 of",
        "more": "more below",
    },
    "es": {
        "first": "Pulse Enter para abrir el menú.",
        "menu": "¿Qué quiere hacer?",
        "read": "Leer una sección",
        "list": "¿Qué sección quiere leer?",
        "search": "dolor",
        "pain": "Ayuda con el dolor",
        "because": "Se muestra porque",
        "next": "Ayuda para usted, que cuida a otra persona",
        "last": "Sección siguiente: Ayuda para",
        "back": "Volver a la lista",
        "page": "Página 1 de",
        "more": "hay más abajo",
    },
}

#: A web address longer than 40 columns, in the sources of the pain section.
LONG_ADDRESS = (
    "https://www.cancer.org/cancer/managing-cancer/palliative-care/what-is-palliative-care.html"
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


def open_menu(session: Session, words: dict[str, str]) -> None:
    session.wait_for(words["first"])
    session.keys(ENTER)
    session.wait_for(words["menu"])


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_section_is_read_as_a_pager_then_the_next_and_back_lands_where_you_were(
    home: Path, language: str
) -> None:
    words = WORDS[language]
    session = Session(home, "guide", *FLAGS, env={"PALLNAV_LANG": language}, dimensions=(20, 40))
    open_menu(session, words)
    session.keys(ENTER)  # Read a section
    session.wait_for(words["list"])
    session.keys(*words["search"], ENTER)  # type to search the list
    session.wait_for(words["more"])  # the first page says there is more
    page = words_of(session.screen[-1])
    assert words["pain"] in page and words["because"] in page  # why it was chosen
    pages = int(re.findall(words["page"].replace("1", r"\d+") + r" (\d+)", page)[-1])
    for number in range(2, pages + 1):
        session.keys(SPACE if number == 2 else PAGE_DOWN)  # as in less
        title = words["page"].replace("1", str(number)) + f" {pages}"
        # On the last page the pointer is on the next section: Enter goes on.
        session.wait_for(title, on=words["last"] if number == pages else None)
    session.keys(ENTER)
    session.wait_for(words["page"])
    assert words["next"] in words_of(session.screen[-1])
    session.keys("q")  # back: to the list, on the section being read
    session.wait_for(words["list"], on=words["next"])
    session.keys(ESC)  # back to the menu, on the item chosen before
    session.wait_for(words["menu"], on=words["read"])
    session.keys(UP, ENTER)  # Done
    code, _ = session.finish()
    assert code == 0


def test_enter_on_the_last_page_goes_back_to_the_menu_not_a_page_back(home: Path) -> None:
    session = Session(home, "guide", *FLAGS, dimensions=(20, 40))
    open_menu(session, WORDS["en"])
    session.keys(DOWN, DOWN, ENTER)  # Who can be reached now
    session.child.expect(r"Page 1 of (\d+)")
    pages = int(session.child.match.group(1))
    session.child.expect_exact("»")
    for page in range(2, pages):
        session.keys(SPACE)
        session.wait_for(f"Page {page} of {pages}")
    session.keys(SPACE)
    session.wait_for(f"Page {pages} of {pages}", on="Back to the menu")
    session.keys(SPACE)  # nothing after the last page
    session.keys(ENTER)
    session.wait_for("What would you like to do?")
    assert "Page" not in session.screen[-1].rsplit("\x1b[H\x1b[2J", 1)[-1]
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130


def read_pain_sources(session: Session) -> str:
    """The pain section, page by page to its end: what was drawn."""
    open_menu(session, WORDS["en"])
    session.keys(ENTER)
    session.wait_for("Which section would you like to read?")
    session.keys(*"pain", ENTER)
    session.child.expect(r"Page 1 of (\d+)")
    pages = int(session.child.match.group(1))
    session.child.expect_exact("»")
    for page in range(2, pages + 1):
        session.keys(PAGE_DOWN)
        session.wait_for(f"Page {page} of {pages}")
    return "".join(session.screen)


def test_a_long_web_address_is_never_split_and_is_no_link_on_a_plain_xterm(home: Path) -> None:
    session = Session(home, "guide", *FLAGS, dimensions=(20, 40))
    drawn = read_pain_sources(session)
    # Written whole (the terminal carries it on to the next row), never folded in two.
    assert LONG_ADDRESS in drawn
    assert "\x1b]8;" not in drawn  # xterm shows OSC 8 as junk: never sent to it


def test_a_web_address_is_a_link_where_the_terminal_follows_links(home: Path) -> None:
    session = Session(home, "guide", *FLAGS, env={"TERM_PROGRAM": "WezTerm"}, dimensions=(20, 40))
    drawn = read_pain_sources(session)
    assert f";{LONG_ADDRESS}\x1b\\" in drawn  # an OSC 8 link to it
    assert LONG_ADDRESS in drawn.replace(f";{LONG_ADDRESS}\x1b\\", "")  # and shown


SAVED = {
    "en": {
        "note": "These are the answers you saved before.",
        "review": "Is this right?",
        "stage": "Where are things with the cancer right now?",
        "changed": "Your answers were changed.",
        "keep": "Keep these new answers",
        "team": "Add your care team's phone number",
    },
    "es": {
        "note": "Estas son las respuestas que guardó antes.",
        "review": "¿Está todo bien?",
        "stage": "¿Cómo están las cosas con el cáncer en este momento?",
        "changed": "Sus respuestas cambiaron.",
        "keep": "guardar estas respuestas nuevas",
        "team": "¿Agregar el teléfono de su equipo",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_menu_says_saved_answers_are_used_and_changes_them_then_offers_to_keep_them(
    home: Path, language: str
) -> None:
    folder = home / "data" / "pallnav"
    folder.mkdir(parents=True)
    (folder / "profile.toml").write_text(
        'role = "patient"\nstage = "new"\nage = "adult"\nsetting = "clinic"\n'
        f'insurance = "private"\nconcerns = ["pain"]\nlanguage = "{language}"\n'
    )
    words, saved = WORDS[language], SAVED[language]
    session = Session(home, "guide")  # the saved answers' language, with no flag
    open_menu(session, words)
    assert saved["note"] in words_of(session.screen[-1])
    session.keys(*[DOWN] * 6, ENTER)  # Change your answers
    session.wait_for(saved["review"])
    session.keys(DOWN, DOWN, ENTER)  # Change: Stage
    session.wait_for(saved["stage"])
    session.keys(DOWN, DOWN, ENTER)  # from "new" down to "advanced"
    session.wait_for(saved["review"])
    session.keys(ENTER)  # Yes
    session.wait_for(words["menu"])
    shown = words_of(session.screen[-1])
    assert saved["changed"] in shown and saved["note"] not in shown
    session.keys(DOWN, ENTER)  # Done
    session.wait_for(saved["keep"])
    session.keys("y")
    session.wait_for(saved["team"])  # an advanced stage calls for the team's number
    session.keys("n")
    code, screen = session.finish()
    assert code == 0, screen
    profile = (folder / "profile.toml").read_text()
    assert 'stage = "advanced"' in profile and f'language = "{language}"' in profile


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("columns", [40, 57])
def test_a_message_is_broken_between_words_to_fit_the_terminal(
    home: Path, language: str, columns: int
) -> None:
    session = Session(
        home, "team", "add", "--name", "Hospice nurse line", "--phone", "555 123 4567",
        "--kind", "hospice", "--hours", "24/7", "--note", "Ask for the nurse", "--lang", language,
        dimensions=(20, columns),
    )  # fmt: skip
    code, screen = session.finish()
    assert code == 0, screen
    lines = [words_of(line) for line in screen.split("\r\n") if line.strip()]
    said = {"en": "It now shows first", "es": "Ahora aparece primero"}[language]
    assert said in " ".join(lines)
    # Each line fits, so the terminal never cuts a word at its edge ("fir" / "st").
    assert all(len(line) < columns for line in lines), lines


TICKS = {
    "en": {
        "worries": "What worries you most right now?",
        "nothing": "Nothing is ticked. What did you mean?",
        "review": "Is this right?",
        "pain": "Worries — Pain",
        "none": "Worries — None chosen",
    },
    "es": {
        "worries": "¿Qué es lo que más le preocupa en este momento?",
        "nothing": "No marcó nada. ¿Qué quiso decir?",
        "review": "¿Está todo bien?",
        "pain": "Preocupaciones — El dolor",
        "none": "Preocupaciones — Ninguna",
    },
}
ALL_BUT_WORRIES = FLAGS[: FLAGS.index("--concern")]


@pytest.mark.parametrize("language", ["en", "es"])
def test_enter_on_the_worries_with_nothing_ticked_asks_what_was_meant(
    home: Path, language: str
) -> None:
    words = TICKS[language]
    session = Session(home, "guide", *ALL_BUT_WORRIES, env={"PALLNAV_LANG": language})
    session.wait_for(words["worries"])
    session.keys(ENTER)  # nothing ticked, the arrow on the first: Pain
    session.wait_for(words["nothing"])
    session.keys(ENTER)  # the one the arrow was on
    session.wait_for(words["review"])
    session.child.expect_exact(words["pain"])  # the answer: the one the arrow was on
    session.keys(*[DOWN] * 6, ENTER)  # Change: Worries
    session.wait_for(words["worries"])
    session.keys(SPACE, DOWN, ENTER)  # untick Pain; Enter with nothing ticked, on the second
    session.wait_for(words["nothing"])
    session.keys(UP, ENTER)  # back to the list
    session.wait_for(words["worries"])
    session.keys(ENTER)
    session.wait_for(words["nothing"])
    session.keys(DOWN, ENTER)  # none of these
    session.wait_for(words["review"])
    session.child.expect_exact(words["none"])
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130


#: An escape that sets a colour (SGR 30-49, 90-107, or a 38;/48; colour).
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_color_keeps_the_menu_and_takes_only_the_colour_away(home: Path, language: str) -> None:
    words = WORDS[language]
    session = Session(
        home, "guide", *FLAGS, env={"PALLNAV_LANG": language, "NO_COLOR": "1"},
        dimensions=(20, 40),
    )  # fmt: skip
    open_menu(session, words)  # the first screen and the menu, not the whole guide at once
    session.keys(ENTER)  # Read a section
    session.wait_for(words["list"])
    session.keys(*words["search"], ENTER)
    session.wait_for(words["more"])  # paged, as without NO_COLOR
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130
    drawn = "".join(session.screen)
    assert "\x1b[1" in drawn  # bold stays
    assert not COLOUR.search(drawn), COLOUR.findall(drawn)[:5]
