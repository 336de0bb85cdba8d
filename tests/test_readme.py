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


#: Examples that need what a test cannot have (a server, a signing key, the network).
NOT_RUN = ("pallnav update", "pallnav content build", "pallnav content keygen",
           "pallnav content check-links")  # fmt: skip
#: What an example needs on this computer first.
SETUP = {
    "pallnav hours --check hospice": [
        "team", "add", "--name", "Hospice nurse line", "--phone", "(555) 123-4567",
    ],
}  # fmt: skip


def examples() -> list[tuple[str, str]]:
    """(command, output) for each console example: the command with its continuation
    lines joined, and what it prints ("..." stands for any lines)."""
    found = []
    for indent, block in re.findall(r"^( *)```console\n(.*?)^ *```", README, re.DOTALL | re.M):
        block = "\n".join(line.removeprefix(indent) for line in block.splitlines()) + "\n"
        parts = re.split(r"^\$ ", block, flags=re.MULTILINE)
        for part in parts[1:]:
            lines = part.split("\n")
            command = lines.pop(0)
            while command.endswith("\\"):
                command = command[:-1] + lines.pop(0).strip()
            if command.startswith(NOT_RUN):
                break  # what follows in this block shows its effects
            if command.startswith("pallnav "):
                found.append((command.replace(" < /dev/null", ""), "\n".join(lines)))
    return found


def matches(expected: str, actual: str) -> bool:
    """``actual`` is ``expected``, where a line "..." stands for any lines (or none)."""
    pattern = "".join(
        r"(?:.*\n)*?" if line == "..." else re.escape(line) + r"\n"
        for line in expected.splitlines()
    )
    return re.fullmatch(pattern, actual) is not None


def test_there_are_examples_to_check() -> None:
    commands = [command for command, _ in examples()]
    for command in ("pallnav guide", "pallnav export", "pallnav topics", "pallnav hours"):
        assert any(example.startswith(command) for example in commands), command


@pytest.mark.parametrize(("command", "output"), examples(), ids=[c for c, _ in examples()])
def test_each_example_is_what_pallnav_prints(run: Runner, command: str, output: str) -> None:
    if command in SETUP:
        assert run(*SETUP[command]).code == 0
    result = run(*shlex.split(command)[1:])
    shown = result.out or result.err  # an example of an error shows what stderr says
    assert matches(output, shown), f"README: $ {command}\n{output}\n--- pallnav prints:\n{shown}"
