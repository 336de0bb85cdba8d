"""The README's promises: its two commands, and its examples are real output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import Runner

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CI = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_gives_a_new_user_the_two_commands() -> None:
    assert "uv run pallnav guide" in README
    assert "uv run pytest" in README


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    assert re.search(r"^uv run pytest$", CI, re.MULTILINE)


def examples() -> list[tuple[str, str]]:
    """(command, output) for each console example that pins its time with --at."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        parts = re.split(r"^\$ ", block, flags=re.MULTILINE)
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            if command.startswith("pallnav ") and "--at" in command and "\\" not in command:
                found.append((command, output))
    return found


def test_there_are_examples_to_check() -> None:
    assert len(examples()) >= 2


@pytest.mark.parametrize(("command", "output"), examples())
def test_each_example_is_what_pallnav_prints(run: Runner, command: str, output: str) -> None:
    result = run(*shlex.split(command)[1:])
    assert result.out == output
