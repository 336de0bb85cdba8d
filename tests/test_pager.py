"""Long output on a terminal goes through a pager (PALLNAV_PAGER, then PAGER,
then less with LESS=FRX), only when it is taller than the screen, never with
--no-pager, --plain or in a pipe. A fake pager records what it was given."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ptys import ended, pty_environment, spawned


def fake_pager(folder: Path, name: str = "pager") -> Path:
    """A pager that keeps its input and the LESS it saw, and shows nothing."""
    script = folder / name
    script.write_text('#!/bin/sh\nprintf "%s" "$LESS" > "$0.less"\ncat > "$0.got"\n')
    script.chmod(0o755)
    return script


def run_on_terminal(home: Path, *args: str, rows: int = 20, **extra: str) -> tuple[int, str]:
    child = spawned(
        sys.executable,
        ["-m", "pallnav", *args],
        cwd=str(home),
        env=pty_environment(home, **extra),
        encoding="utf-8",
        dimensions=(rows, 80),
        timeout=20,
    )
    code = ended(child)
    return code, child.before or ""


@pytest.mark.parametrize(
    "args",
    [
        ("show", "what-it-is"),
        ("topics",),
        ("hours", "--week"),
        ("guide", "--all", "--role", "caregiver", "--stage", "advanced", "--age", "adult",
         "--setting", "home", "--insurance", "medicare", "--concern", "pain"),
    ],
)  # fmt: skip
def test_long_output_on_a_terminal_goes_through_the_pager_with_less_frx(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    pager = fake_pager(tmp_path)
    code, screen = run_on_terminal(tmp_path, *args, PALLNAV_PAGER=str(pager))
    assert code == 0
    got = Path(f"{pager}.got").read_text()
    assert got.count("\n") > 20
    assert Path(f"{pager}.less").read_text() == "FRX"
    assert got.splitlines()[-1].strip() not in screen  # the pager showed it, not pallnav


def test_pallnav_pager_wins_over_pager_and_a_set_less_is_kept(tmp_path: Path) -> None:
    ours, theirs = fake_pager(tmp_path, "ours"), fake_pager(tmp_path, "theirs")
    run_on_terminal(tmp_path, "topics", PALLNAV_PAGER=str(ours), PAGER=str(theirs), LESS="R")
    assert Path(f"{ours}.got").exists() and not Path(f"{theirs}.got").exists()
    assert Path(f"{ours}.less").read_text() == "R"
    run_on_terminal(tmp_path, "show", "what-it-is", PAGER=f"{theirs} --some-option")
    assert "What palliative care is" in Path(f"{theirs}.got").read_text()


@pytest.mark.parametrize("flag", ["--no-pager", "--plain"])
def test_no_pager_and_plain_print_straight_to_the_terminal(tmp_path: Path, flag: str) -> None:
    pager = fake_pager(tmp_path)
    code, screen = run_on_terminal(tmp_path, "topics", flag, PALLNAV_PAGER=str(pager))
    assert code == 0
    assert not Path(f"{pager}.got").exists()
    assert "pallnav show" in screen  # the last line, printed by pallnav itself


def test_output_that_fits_the_screen_is_not_paged(tmp_path: Path) -> None:
    pager = fake_pager(tmp_path)
    code, screen = run_on_terminal(tmp_path, "topics", rows=200, PALLNAV_PAGER=str(pager))
    assert code == 0
    assert not Path(f"{pager}.got").exists()
    assert "pallnav show" in screen


def test_an_empty_pager_or_cat_means_none(tmp_path: Path) -> None:
    for value in ("", "cat"):
        code, screen = run_on_terminal(tmp_path, "topics", PALLNAV_PAGER=value, PAGER="false")
        assert code == 0
        assert "pallnav show" in screen


def test_a_pager_that_is_not_there_still_shows_everything(tmp_path: Path) -> None:
    code, screen = run_on_terminal(tmp_path, "topics", PALLNAV_PAGER=str(tmp_path / "nothing"))
    assert code == 0
    assert "pallnav show" in screen


def test_never_in_a_pipe(tmp_path: Path) -> None:
    pager = fake_pager(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "pallnav", "show", "what-it-is"],
        env=pty_environment(tmp_path, PALLNAV_PAGER=str(pager), LINES="5"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "What palliative care is" in result.stdout
    assert not Path(f"{pager}.got").exists()


#: An escape that sets a colour (SGR 30-49, 90-107, or a 38;/48; colour).
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def test_no_color_keeps_the_pager_and_takes_only_the_colour_away(tmp_path: Path) -> None:
    pager = fake_pager(tmp_path)
    code, _ = run_on_terminal(
        tmp_path, "show", "what-it-is", PALLNAV_PAGER=str(pager), NO_COLOR="1"
    )
    assert code == 0
    got = Path(f"{pager}.got").read_text()
    assert "What palliative care is" in got
    assert "\x1b[1" in got  # bold and the layout stay
    assert not COLOUR.search(got)
