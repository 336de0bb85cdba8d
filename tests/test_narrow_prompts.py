"""The six questions in a real 40-column terminal: every word of every question,
help line, instruction and choice is drawn, broken only between words.

questionary never wraps a line above the last one, nor a choice: before the
prompts were wrapped, "What health coverage does the person w" was all that was
drawn, and the rest of the line was never sent to the terminal at all.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect
import pytest

from pallnav.context import package_dir
from pallnav.i18n import load_messages
from pallnav.in_use import bundled_content_dir
from pallnav.pack_loader import load_pack
from ptys import ended, pty_environment, spawned

ENTER = "\r"
CTRL_C = "\x03"
#: Escape sequences (cursor moves, colours): each stands for "something between".
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]")


def drawn(raw: str) -> str:
    """What reached the screen as words: escapes and line breaks as single spaces."""
    return " ".join(_ESCAPE.sub(" ", raw).split())


def _between_words(text: str) -> str:
    """A pattern for ``text`` as drawn: its words, with spaces or escapes between them."""
    between = r"(?:\s|" + _ESCAPE.pattern + r")+"
    return between.join(re.escape(w) for w in text.split())


def words(text: str) -> str:
    return " ".join(text.split())


def spawn(home: Path, language: str) -> pexpect.spawn:
    environ = pty_environment(home, PALLNAV_LANG=language)
    return spawned(
        sys.executable,
        ["-m", "pallnav", "guide", "--age", "adult", "--setting", "home"],
        cwd=str(home),
        env=environ,
        encoding="utf-8",
        dimensions=(20, 40),
        timeout=20,
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_at_40_columns_every_question_help_and_choice_is_whole(
    tmp_path: Path, language: str
) -> None:
    pack = load_pack(bundled_content_dir(language))
    messages = load_messages(package_dir() / "locales" / f"{language}.toml", language)
    child = spawn(tmp_path, language)

    def whole(last: str, *texts: str) -> None:
        child.expect(_between_words(last))  # the last choice, whole: the menu is drawn
        screen = drawn((child.before or "") + (child.after or ""))
        for text in (*texts, last):
            assert words(text) in screen, f"cut at 40 columns: {text!r}"

    for question in ("role", "stage", "insurance", "concerns"):
        field = pack.fields[question]
        checkbox = question == "concerns"
        whole(
            field.options[-1].label,
            field.prompt,
            field.help,
            messages("ask.instruction_checkbox" if checkbox else "ask.instruction_select"),
            *(o.label for o in field.options),
        )
        child.send(ENTER)
    # Enter with no worry ticked asks what was meant: every word of that too.
    first = pack.fields["concerns"].options[0].label
    whole(
        messages("ask.back_to_list"),
        messages("ask.nothing_ticked"),
        messages("ask.tick_it", label=first),
        messages("ask.tick_none"),
    )
    child.send("\x1b[B" + ENTER)  # none of these
    worries = messages(
        "ask.review_change",
        title=pack.fields["concerns"].title,
        value=messages("guide.no_concerns"),
    )
    whole(worries, messages("ask.review"), messages("ask.instruction_choice"))
    child.send(CTRL_C)
    assert ended(child) == 130


def test_a_long_line_wraps_between_words_under_its_own_start() -> None:
    from pallnav.prompts import choice_title, question

    title = choice_title(40, "Private insurance (from work or bought yourself)")
    assert title.split("\n") == ["Private insurance (from work or", "   bought yourself)"]
    asked = question(40, "What health coverage does the person with cancer have?", "Pick one.")
    assert asked.split("\n") == [
        "What health coverage does the person",
        "  with cancer have?",
        "  Pick one.",
        "",
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_at_40_columns_every_team_question_and_kind_is_whole(tmp_path: Path, language: str) -> None:
    """`pallnav team add` (and the guide's offer, which asks the same): before,
    "Cancer doctor's office (on" was all that was drawn of a kind of team."""
    messages = load_messages(package_dir() / "locales" / f"{language}.toml", language)
    child = spawned(
        sys.executable,
        ["-m", "pallnav", "team", "add"],
        cwd=str(tmp_path),
        env=pty_environment(tmp_path, PALLNAV_LANG=language),
        encoding="utf-8",
        dimensions=(20, 40),
        timeout=20,
    )
    kinds = [messages(f"team.kinds.{kind}") for kind in ("hospice", "palliative", "oncology")]
    kinds += [messages("team.kinds.primary"), messages("team.kinds.other")]
    child.expect(_between_words(messages("team.ask.name")))
    child.send("Hospice" + ENTER)
    child.expect(_between_words(messages("team.ask.phone")))
    child.send("555 123 4567" + ENTER)
    child.expect(_between_words(kinds[-1]))  # the last kind, whole: the menu is drawn
    screen = drawn((child.before or "") + (child.after or ""))
    for text in (messages("team.ask.kind"), messages("ask.instruction_choice"), *kinds):
        assert words(text) in screen, f"cut at 40 columns: {text!r}"
    child.send(CTRL_C)
    assert ended(child) == 130
