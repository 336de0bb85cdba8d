"""A time ("6:30 a. m.", "8:00 AM") is never split across two lines, in any writer,
and copies as it reads: plain spaces on a terminal and in HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Runner
from ptys import Session

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: Times in the Spanish section on whom to reach (the chat's hours).
SPANISH_TIMES = ("7:00 a. m.", "6:30 p. m.")


def lines_of(screen: str) -> list[str]:
    return [line.rstrip() for line in ESCAPES.sub("", screen).replace("\r", "").split("\n")]


def whole(times: tuple[str, ...], lines: list[str]) -> None:
    for time in times:
        assert any(time in line for line in lines), (time, "\n".join(lines))


@pytest.mark.parametrize("columns", [40, 46])
def test_a_spanish_time_stays_on_one_line_on_a_narrow_terminal(
    tmp_path: Path, columns: int
) -> None:
    session = Session(tmp_path, "show", "reach-someone", "--lang", "es", dimensions=(60, columns))
    code, screen = session.finish()
    assert code == 0, screen
    lines = lines_of(screen)
    # Every line fits, but one holding a web address longer than the screen, which
    # is never broken in two: the terminal carries it on to the next row.
    assert max(len(line) for line in lines if "https://" not in line) <= columns
    whole(SPANISH_TIMES, lines)
    assert "\u00a0" not in screen and "\ue000" not in screen  # copies as plain spaces


@pytest.mark.parametrize("columns", range(36, 48))
def test_plain_text_keeps_each_time_whole_at_every_narrow_width(run: Runner, columns: int) -> None:
    result = run("show", "reach-someone", "--lang", "es", env={"COLUMNS": str(columns)})
    assert result.code == 0
    whole(SPANISH_TIMES, result.out.splitlines())
    assert "\u00a0" not in result.out


def test_the_week_in_words_keeps_each_time_whole_in_both_languages(run: Runner) -> None:
    for language, times in (("en", ("7:00 AM", "6:30 PM")), ("es", SPANISH_TIMES)):
        for columns in range(36, 48):
            result = run(
                "hours", "--week", "--tz", "America/Chicago", "--lang", language,
                env={"COLUMNS": str(columns)},
            )  # fmt: skip
            whole(times, result.out.splitlines())


def test_html_holds_a_time_together_with_plain_spaces(run: Runner) -> None:
    html = run("show", "reach-someone", "--lang", "es", "--format", "markdown").out
    assert "7:00\u00a0a.\u00a0m." in html  # Markdown: the no-break space itself
    page = run(
        "export", "-", "--format", "html", "--lang", "es", "--role", "caregiver",
        "--stage", "advanced", "--age", "older-adult", "--setting", "home",
        "--insurance", "medicare", "--concern", "pain",
    ).out  # fmt: skip
    assert '<span class="nowrap">7:00 a. m.</span>' in page
    assert "\u00a0" not in page
    assert ".tel,.nowrap{white-space:nowrap}" in page


def test_one_check_line_has_plain_spaces_for_a_script(run: Runner) -> None:
    result = run("hours", "--check", "chat", "--lang", "es", "--tz", "America/New_York")
    assert "7:30 p. m." in result.out
    assert "\u00a0" not in result.out
