"""The navigator's first screen and its contacts screen, in a real pseudo-terminal:
the number beside "Open now", 911 always in sight, where the rest are, and who can
be reached worked out again each time it is shown."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from ptys import CTRL_C, DOWN, ENTER, Session, pty_environment, spawned

FLAGS = (
    *("--role", "caregiver", "--stage", "advanced", "--age", "older-adult"),
    *("--setting", "home", "--insurance", "medicare", "--concern", "pain"),
)
WORDS = {
    "en": {
        "menu_hint": "Press Enter to open the menu.",
        "menu": "What would you like to do?",
        "back": "Press Enter to go back to the menu.",
        "hospice": "Hospice nurse line Open now, call (555) 123-4567",
        "emergency": "Emergency (911) Open now, call 911",
        "more": 'more: see "Who can be reached now" in the menu',
        "sections": 'more: see "Read a section" in the menu',
        "chat_open": "Live chat (American Cancer Society) Open now",
        "chat_closed": "Live chat (American Cancer Society) Closed now",
    },
    "es": {
        "menu_hint": "Pulse Enter para abrir el menú.",
        "menu": "¿Qué quiere hacer?",
        "back": "Pulse Enter para volver al menú.",
        "hospice": "Hospice nurse line Disponible ahora, llame al (555) 123-4567",
        "emergency": "Emergencias (911) Disponible ahora, llame al 911",
        "more": 'más: vea "Con quién puede hablar ahora" en el menú',
        "sections": 'más: vea "Leer una sección" en el menú',
        "chat_open": "Chat en vivo (American Cancer Society) Disponible ahora",
        "chat_closed": "Chat en vivo (American Cancer Society) No disponible ahora",
    },
}


def words(screen: str) -> str:
    """What a screen says: escape codes dropped, lines joined."""
    return " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", screen).split())


def save_team(home: Path) -> None:
    """Three entries of the person's own team: a hospice line (always open) first."""
    path = home / "data" / "pallnav" / "team.toml"
    path.parent.mkdir(parents=True, mode=0o700)
    entries = [
        ("hospice-nurse-line", "Hospice nurse line", "(555) 123-4567", "hospice", "24/7"),
        ("dr-ruiz", "Dr. Ruiz", "555-987-6543", "oncology", "Mon-Fri 8:00-17:00"),
        ("palliative-clinic", "Palliative clinic", "555-222-3333", "palliative", "Mon-Fri 9-16"),
    ]
    path.write_text(
        "".join(
            f'[[contact]]\nid = "{i}"\nname = "{n}"\nphone = "{p}"\nkind = "{k}"\n'
            f'hours = "{h}"\nzone = "America/Chicago"\n'
            for i, n, p, k, h in entries
        )
    )
    path.chmod(0o600)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(24, 80), (20, 40)])
def test_with_three_team_entries_911_stays_on_the_first_screen_with_numbers_beside(
    tmp_path: Path, language: str, size: tuple[int, int]
) -> None:
    save_team(tmp_path)
    said = WORDS[language]
    session = Session(tmp_path, "guide", *FLAGS, env={"PALLNAV_LANG": language}, dimensions=size)
    session.wait_for(said["menu_hint"])
    first = words(session.screen[-1].rsplit("\x1b[H\x1b[2J", 1)[1])
    assert said["hospice"] in first
    assert said["emergency"] in first
    assert first.index(said["hospice"]) < first.index(said["emergency"])  # the reach order
    assert said["more"] in first  # the rest, and where they are
    if size == (20, 40):
        assert said["sections"] in first
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130


class ClockedSession(Session):
    """A navigator whose clock the test moves: ``tests/clocked.py`` reads the time
    from a file each time pallnav looks at the clock."""

    def __init__(self, home: Path, clock: Path, *args: str, env: dict[str, str]) -> None:
        self.home = home
        script = Path(__file__).with_name("clocked.py")
        self.child = spawned(
            sys.executable,
            [str(script), str(clock), *args],
            cwd=str(home),
            env=pty_environment(home, PALLNAV_PAGER="", **env),
            encoding="utf-8",
            dimensions=(100, 80),  # tall enough for the contacts on one page
            timeout=20,
        )
        self.screen = []


@pytest.mark.parametrize("language", ["en", "es"])
def test_who_can_be_reached_is_worked_out_again_each_time_it_opens(
    tmp_path: Path, language: str
) -> None:
    said = WORDS[language]
    clock = tmp_path / "clock"
    clock.write_text("2026-11-27T18:00:00-06:00")  # Friday: the chat closes at 18:30 CT
    session = ClockedSession(tmp_path, clock, "guide", *FLAGS, env={"PALLNAV_LANG": language})
    session.wait_for(said["menu_hint"])
    assert said["chat_open"] in words(session.screen[-1])
    session.keys(ENTER)
    session.wait_for(said["menu"])
    session.keys(DOWN, DOWN, ENTER)  # Who can be reached now
    session.wait_for(said["back"])
    assert said["chat_open"] in words(session.screen[-1])
    clock.write_text("2026-11-27T18:45:00-06:00")  # the guide stays open; the chat closes
    session.keys(ENTER)
    session.wait_for(said["menu"])
    assert said["chat_closed"] in words(session.screen[-1])  # the overview above the menu
    session.keys(ENTER)  # the menu stays where the person was: Who can be reached now
    session.wait_for(said["back"])
    screen = words(session.screen[-1])
    assert said["chat_closed"] in screen and said["chat_open"] not in screen
    session.keys(ENTER)
    session.wait_for(said["menu"])
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130


@pytest.mark.parametrize(
    ("language", "search", "saved"),
    [
        ("en", "Hospice at home", "Your saved number: Hospice nurse line, (555) 123-4567"),
        (
            "es",
            "Cuidados de hospicio en casa",
            "Su número guardado: Hospice nurse line, (555) 123-4567",
        ),
    ],
)
def test_a_section_that_says_call_the_hospice_shows_the_number_saved_for_it(
    tmp_path: Path, language: str, search: str, saved: str
) -> None:
    save_team(tmp_path)
    said = WORDS[language]
    session = Session(tmp_path, "guide", *FLAGS, env={"PALLNAV_LANG": language})
    session.wait_for(said["menu_hint"])
    session.keys(ENTER)
    session.wait_for(said["menu"])
    session.keys(ENTER)  # Read a section
    session.child.expect_exact("»")
    session.keys(*search)  # type to search the list
    session.child.expect_exact(search)
    session.keys(ENTER)
    session.child.expect_exact("\x1b[H\x1b[2J")  # the section's screen
    session.child.expect_exact("»")
    page = words(session.child.before or "")
    assert saved in page
    assert page.index(saved) < page.index(
        {"en": "your first call", "es": "primera llamada"}[language]
    )
    session.keys(CTRL_C)
    code, _ = session.finish()
    assert code == 130


def readme_first_screen() -> list[str]:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("The first screen, at 80\u00d724:\n\n```text\n", 1)[1].split("```", 1)[0]
    return block.splitlines()


def test_the_readmes_first_screen_is_what_pallnav_draws(tmp_path: Path) -> None:
    """Who can be reached, the sections chosen and the counts, word for word."""
    path = tmp_path / "data" / "pallnav" / "team.toml"
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_text(
        '[[contact]]\nid = "hospice-nurse-line"\nname = "Hospice nurse line"\n'
        'phone = "(555) 123-4567"\nkind = "hospice"\nhours = "24/7"\nzone = "America/New_York"\n'
    )
    path.chmod(0o600)
    session = Session(tmp_path, "guide", *FLAGS, dimensions=(24, 80))
    session.wait_for(WORDS["en"]["menu_hint"])
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", session.screen[-1].rsplit("\x1b[H\x1b[2J", 1)[1])
    lines = [line.rstrip() for line in drawn.replace("\r", "").split("\n")]
    session.keys(CTRL_C)
    session.finish()
    readme = readme_first_screen()
    end = len(readme) - 3  # the prompt, drawn by questionary
    # Word for word, counts and sections too: a change of content shows here first.
    assert lines[:end] == readme[:end], "\n".join(lines[:end])
