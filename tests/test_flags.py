"""The options of the hurried commands are read without Typer; Typer must agree."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pallnav.cli import COMMANDS
from pallnav.commands import flags
from pallnav.context import Context, package_dir
from pallnav.i18n import load_messages

ENGLISH = load_messages(package_dir() / "locales" / "en.toml", "en")
FAST = [name for name in COMMANDS if hasattr(importlib.import_module(COMMANDS[name]), "FLAGS")]


def typer_reading(name: str, args: list[str]) -> Any:
    """The Options Typer hands to the command's run() for ``args``."""
    import io

    import typer
    from typer.main import get_command

    module = importlib.import_module(COMMANDS[name])
    seen: list[Any] = []

    def capture(context: Context, options: Any) -> int:
        seen.append(options)
        return 0

    app = typer.Typer(add_completion=False, rich_markup_mode=None)
    app.command(name)(flags.typer_command(name, module.DOC, module.FLAGS, module.Options, capture))
    context = Context(stdout=io.StringIO(), stderr=io.StringIO(), stdin=io.StringIO(), environ={})
    get_command(app).main(list(args), prog_name=name, standalone_mode=False, obj=context)
    return seen[0]


def fast_reading(name: str, args: list[str]) -> Any:
    module = importlib.import_module(COMMANDS[name])
    return flags.parse(args, module.FLAGS, module.Options)


def test_the_hurried_commands_are_the_ones_people_use_most() -> None:
    assert set(FAST) == {"guide", "hours", "export", "topics", "show"}


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("hours", []),
        ("hours", ["--tz", "Asia/Tokyo", "--at=2026-11-27T18:30", "--week", "--json"]),
        ("hours", ["--check", "chat", "--check", "helpline", "--plain", "--lang", "es"]),
        ("guide", ["--role", "patient", "--concern", "pain", "--concern=cost", "--no-profile"]),
        (
            "guide",
            [
                "--answers",
                "a.toml",
                "--export",
                "out.md",
                "--force",
                "--save",
                "--format",
                "markdown",
                "--profile",
            ],
        ),
        ("export", ["-", "--stage", "new"]),
        ("export", ["summary.md", "--force"]),
        ("export", []),
        ("topics", ["--json"]),
        ("show", ["benefits", "--format", "plain"]),
        ("show", ["--lang", "es", "children"]),
    ],
)
def test_plain_arguments_read_the_same_with_and_without_typer(name: str, args: list[str]) -> None:
    fast = fast_reading(name, args)
    assert fast is not None
    assert fast == typer_reading(name, args)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("hours", ["--help"]),
        ("hours", ["--tz"]),
        ("hours", ["--bogus"]),
        ("hours", ["extra"]),
        ("hours", ["--week=yes"]),
        ("show", []),
        ("show", ["a", "b"]),
        ("guide", ["-h"]),
    ],
)
def test_anything_unusual_is_left_to_typer(name: str, args: list[str]) -> None:
    assert fast_reading(name, args) is None


TOKENS = st.sampled_from(
    [
        "--tz",
        "--at",
        "--check",
        "--lang",
        "--week",
        "--json",
        "--plain",
        "--role",
        "--stage",
        "--concern",
        "--profile",
        "--no-profile",
        "--save",
        "--force",
        "--format",
        "--export",
        "--answers",
        "-",
        "chat",
        "es",
        "new",
        "pain",
        "x.md",
        "Asia/Tokyo",
        "--tz=UTC",
        "--concern=cost",
        "benefits",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(["hours", "guide", "export", "topics", "show"]),
    args=st.lists(TOKENS, max_size=8),
)
def test_whenever_the_fast_reader_answers_typer_gives_the_same_answer(
    name: str, args: list[str]
) -> None:
    fast = fast_reading(name, args)
    if fast is not None:
        assert fast == typer_reading(name, args)


def test_path_options_are_paths(tmp_path: Path) -> None:
    options = fast_reading("guide", ["--export", str(tmp_path / "x.md")])
    assert options.export == tmp_path / "x.md"
