"""Readable by everyone: colours that keep their contrast on a light or a dark
terminal, and plain text that reads well aloud."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Runner
from pallnav.document import (
    Body,
    Bullets,
    Checklist,
    Document,
    Gap,
    Grid,
    Heading,
    Notes,
    Para,
    Status,
    Title,
)
from pallnav.render import to_plain

EVERY_BLOCK = Document(
    [
        Title("Your guide"),
        Heading("Who you can reach", 2),
        Heading("Getting started", 3),
        Para("Plain words."),
        *(Para(f"A {style} line.", style) for style in ("muted", "strong", "warn", "aside")),
        Status("Helpline", True, "Open now", ("Call 1-800-227-2345",)),
        Status("Chat", False, "Closed now", ("Opens Monday",)),
        Body(
            "### A heading\n\nText with **bold**, *emphasis*, `code` and a "
            "[link](https://example.org).\n\n- one\n- two\n\n1. first\n2. second\n\n"
            "> a quote\n\n---\n\n#### Smaller\n\n###### Smallest\n"
        ),
        Checklist(("A question?",), 2),
        Notes("Notes", 1),
        Bullets(("A point",)),
        Grid("Chat", "0  6  12  18", (("Mon 30", (1.0, 0.5, 0.0)),), ("open", "part", "closed")),
        Gap(),
    ]
)


def _luminance(red: int, green: int, blue: int) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def _contrast(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _rich_output(environ: dict[str, str]) -> str:
    """Every block as Rich writes it for a terminal with ``environ``, in a fresh
    interpreter: Rich keeps each style's escape codes from the first terminal it
    was drawn for, process-wide, so an earlier test's 256-colour terminal would
    colour this one."""
    program = (
        "import io, sys\n"
        "from test_accessibility import EVERY_BLOCK\n"
        "from pallnav.render import make_console, write_rich\n"
        "stream = io.StringIO()\n"
        f"write_rich(EVERY_BLOCK, make_console(stream, {environ!r}))\n"
        "sys.stdout.write(stream.getvalue())\n"
    )
    tests = str(Path(__file__).resolve().parent)
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": tests, "PYTHONIOENCODING": "utf-8"},
    )
    return result.stdout


def _sgr(output: str) -> list[tuple[str, tuple[int, ...]]]:
    """Each SGR attribute in ``output``: ("rgb", (r, g, b)), ("256", (n,)) or ("code", (n,))."""
    found: list[tuple[str, tuple[int, ...]]] = []
    for sequence in re.findall(r"\x1b\[([0-9;]*)m", output):
        params = [int(p) for p in sequence.split(";") if p]
        index = 0
        while index < len(params):
            param = params[index]
            if param in (38, 48) and params[index + 1] == 2:
                found.append(("rgb" if param == 38 else "bg", tuple(params[index + 2 : index + 5])))
                index += 5
            elif param in (38, 48) and params[index + 1] == 5:
                found.append(("256", (params[index + 2],)))
                index += 3
            else:
                found.append(("code", (param,)))
                index += 1
    return found


TRUECOLOR = {"COLORTERM": "truecolor", "TERM": "xterm-256color"}


def test_every_text_colour_reads_on_a_white_and_on_a_black_terminal() -> None:
    colours = {value for kind, value in _sgr(_rich_output(TRUECOLOR)) if kind == "rgb"}
    assert len(colours) >= 3  # green, amber, blue and grey are in use
    for colour in colours:
        luminance = _luminance(*colour)
        assert _contrast(luminance, 1.0) >= 4.5, f"{colour} on white"
        assert _contrast(luminance, 0.0) >= 4.5, f"{colour} on black"


def test_no_colour_whose_shade_depends_on_the_terminal_theme() -> None:
    for kind, value in _sgr(_rich_output(TRUECOLOR)):
        assert kind in ("rgb", "code"), (kind, value)  # no background, no 256-colour index
        if kind == "code":
            (code,) = value
            # 2: dim; 30-37, 90-97: the theme's own text colours; 40-47, 100-107: backgrounds.
            assert code != 2 and not 30 <= code <= 49 and not 90 <= code <= 107, code


@pytest.mark.parametrize("width", [40, 80])
def test_plain_headings_stand_alone_with_no_rules_under_them(width: int) -> None:
    lines = to_plain(EVERY_BLOCK, width).splitlines()
    assert not [line for line in lines if re.fullmatch(r"[=\-]{3,}", line)]
    for heading in ("Your guide", "Who you can reach", "Getting started"):
        at = lines.index(heading)
        assert lines[at + 1] == "", heading
        assert at == 0 or lines[at - 1] == "", heading


def test_the_week_in_words_comes_before_the_chart_in_plain_text(run: Runner) -> None:
    result = run("hours", "--week", "--tz", "America/Chicago", "--at", "2026-11-30T09:00")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    first_chart_row = next(
        i for i, line in enumerate(lines) if re.match(r"\w+ +\d+ [#+.]{24}", line)
    )
    first_words = next(i for i, line in enumerate(lines) if "7:00 AM" in line and "6:30 PM" in line)
    assert first_words < first_chart_row
