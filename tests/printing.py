"""What the print tests share: the bundled packs and catalogues, the answers that
make the longest visit sheet in each language, and a strict HTML parser."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo

from bundled import pack, tailored
from pallnav.answers import OPTIONS, Answers
from pallnav.contacts import Contacts, contacts_at
from pallnav.context import package_dir
from pallnav.i18n import Messages, load_messages
from pallnav.pack import Channel
from pallnav.render import to_plain
from pallnav.views import visit_document

AT = datetime(2026, 11, 27, 20, tzinfo=UTC)


@cache
def messages(language: str) -> Messages:
    return load_messages(package_dir() / "locales" / f"{language}.toml", language)


@cache
def contacts(channels: tuple[Channel, ...]) -> Contacts:
    """Each channel's state at the tests' fixed time (worked out once per pack)."""
    return contacts_at(channels, AT, ZoneInfo("America/New_York"), "America/New_York")


def answer_flags(answers: Answers) -> list[str]:
    flags = [
        part
        for question in ("role", "stage", "age", "setting", "insurance")
        for part in (f"--{question}", getattr(answers, question))
    ]
    return flags + [p for c in answers.concerns or () for p in ("--concern", c)]


@cache
def longest_sheet_answers(language: str) -> Answers:
    """Every worry ticked (the longest answers line, and 988), and the other answers
    that make the visit sheet tallest: the most wrapped lines at a printed width."""
    chosen = pack(language)
    words = messages(language)
    reach = contacts(chosen.channels)
    every_worry = tuple(OPTIONS["concerns"])
    best, best_lines = None, -1
    questions = ("role", "stage", "age", "setting", "insurance")
    for values in itertools.product(*(OPTIONS[q] for q in questions)):
        answers = Answers(**dict(zip(questions, values, strict=True)), concerns=every_worry)
        document = visit_document(tailored(chosen, answers), chosen, reach, words)
        lines = to_plain(document, 84).count("\n")
        if lines > best_lines:
            best, best_lines = answers, lines
    assert best is not None
    return best


def html_errors(text: str) -> list[str]:
    """What a WHATWG parser (html5lib) finds wrong with ``text``: nothing, we hope."""
    import html5lib

    parser = html5lib.HTMLParser(strict=False)
    parser.parse(text)
    return [f"{position}: {code} {data}" for position, code, data in parser.errors]
