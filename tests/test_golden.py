"""Golden files: --help of every command in both languages, and the guide (plain,
Markdown, HTML) and the visit sheet at a fixed time, so that any change of wording
or layout shows in review as a diff of tests/golden/.

A change that is meant: regenerate with
    PALLNAV_UPDATE_GOLDEN=1 uv run pytest tests/test_golden.py
and commit the files with the change.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from conftest import Runner
from pallnav.cli import COMMANDS

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("PALLNAV_UPDATE_GOLDEN") == "1"
LANGUAGES = ("en", "es")

#: pallnav itself, each group, each command.
PATHS = sorted({"", *COMMANDS, *(path.rsplit(" ", 1)[0] for path in COMMANDS if " " in path)})

#: Two people, far apart: answers as flags.
PEOPLE = {
    "caregiver-advanced-home": [
        "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
        "--setting", "home", "--insurance", "medicare", "--concern", "pain",
        "--concern", "family",
    ],
    "patient-new-clinic": [
        "--role", "patient", "--stage", "new", "--age", "young-adult",
        "--setting", "clinic", "--insurance", "private",
    ],
}  # fmt: skip
AT = ["--at", "2026-11-27T15:00", "--tz", "America/New_York", "--no-profile"]
#: (file ending, the flags that make it)
GUIDE_FORMATS = {
    "txt": ["--format", "plain"],
    "md": ["--format", "markdown"],
    "html": ["--format", "html"],
    "visit.txt": ["--visit", "--format", "plain"],
    "visit.html": ["--visit", "--format", "html"],
}


def check(name: str, text: str) -> None:
    """``text`` is what tests/golden/``name`` holds (or becomes it, when updating)."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {name}: run PALLNAV_UPDATE_GOLDEN=1 uv run pytest {__file__}")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), f"golden/{name}", "now", lineterm=""
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(
            f"{name} changed:\n{shown}\n\nIf the change is meant, regenerate the golden "
            "files: PALLNAV_UPDATE_GOLDEN=1 uv run pytest tests/test_golden.py",
            pytrace=False,
        )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PATHS, ids=lambda path: path or "pallnav")
def test_help(run: Runner, path: str, language: str) -> None:
    result = run(*path.split(), "--help", "--lang", language)
    assert result.code == 0, result.err
    check(f"help/{language}/{(path or 'pallnav').replace(' ', '-')}.txt", result.out)


@pytest.mark.parametrize("ending", list(GUIDE_FORMATS))
@pytest.mark.parametrize("person", list(PEOPLE))
@pytest.mark.parametrize("language", LANGUAGES)
def test_guide(run: Runner, language: str, person: str, ending: str) -> None:
    result = run("guide", *PEOPLE[person], *AT, *GUIDE_FORMATS[ending], "--lang", language)
    assert result.code == 0, result.err
    check(f"guide/{language}-{person}.{ending}", result.out)
