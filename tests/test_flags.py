"""Every command is declared once, as data; one reader reads argv.

Click (through Typer, built here from the same declarations) is the reference:
whenever pallnav's reader accepts a command line, Click must read it the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Runner
from pallnav.cli import COMMANDS, load_command
from pallnav.commands import flags
from pallnav.commands.flags import GLOBAL_FLAGS, Command, UsageError, read


def reading(args: list[str]) -> flags.Reading:
    return read(args, COMMANDS, load_command)


def options(path: str, args: list[str]) -> Any:
    return reading([*path.split(), *args]).options


# --- the reference: Click, built from the declaration ---------------------------------


def typer_reading(path: str, args: list[str]) -> Any:
    """The Options Click (through Typer) reads from ``args``, or None if it refuses them."""
    import inspect
    from typing import Annotated

    import typer
    from typer.main import get_command

    command = load_command(path)
    defaults: dict[str, Any] = command.options._field_defaults
    parameters = []
    for flag in command.flags:
        info: Any
        if flag.positional:
            info = typer.Argument(metavar=flag.metavar)
        elif flag.kind == "toggle":
            info = typer.Option(f"{flag.name}/--no-{flag.name[2:]}")
        else:
            names = [flag.name, flag.short] if flag.short else [flag.name]
            info = typer.Option(*names, metavar=flag.metavar)
        annotation = {
            "text": str | None,
            "path": Path | None,
            "switch": bool,
            "toggle": bool,
            "many": list[str] | None,
            "argument": str,
            "optional-argument": str | None,
        }[flag.kind]
        default = None if flag.kind == "many" else defaults.get(flag.field, inspect.Parameter.empty)
        parameters.append(
            inspect.Parameter(
                flag.field,
                inspect.Parameter.KEYWORD_ONLY,
                default=default,
                annotation=Annotated[annotation, info],
            )
        )
    seen: list[Any] = []

    def capture(**values: Any) -> None:
        for flag in command.flags:
            if flag.kind == "many":
                values[flag.field] = tuple(values[flag.field]) if values[flag.field] else None
        seen.append(command.options(**values))

    capture.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    app = typer.Typer(add_completion=False, rich_markup_mode=None)
    app.command()(capture)
    try:
        get_command(app).main(list(args), prog_name=path, standalone_mode=False)
    except Exception:  # noqa: BLE001 - any refusal: Click's own usage errors are private
        return None
    return seen[0] if seen else None


def pallnav_reading(path: str, args: list[str]) -> Any:
    try:
        return options(path, args)
    except UsageError:
        return None


@pytest.mark.parametrize(
    ("path", "args"),
    [
        ("hours", []),
        ("hours", ["--tz", "Asia/Tokyo", "--at=2026-11-27T18:30", "--week", "--json"]),
        ("hours", ["--check", "chat", "--check", "helpline", "--plain", "--lang", "es"]),
        ("guide", ["--role", "patient", "--concern", "pain", "--concern=cost", "--no-profile"]),
        ("guide", ["--answers", "a.toml", "--export", "out.md", "--force", "--save"]),
        ("guide", ["--format", "markdown", "--profile"]),
        ("export", ["-", "--stage", "new"]),
        ("export", ["summary.md", "--force"]),
        ("export", []),
        ("topics", ["--json"]),
        ("show", ["benefits", "--format", "plain"]),
        ("show", ["--lang", "es", "children"]),
        ("profile forget", ["-y"]),
        ("content build", ["pack", "out"]),
        ("content check", []),
        ("update", ["--url", "https://example.org/x", "--check"]),
    ],
)
def test_plain_arguments_read_as_click_reads_them(path: str, args: list[str]) -> None:
    mine = options(path, args)
    assert mine is not None
    assert mine == typer_reading(path, args)


def alphabet(command: Command) -> list[str]:
    """Every spelling of every flag of a command, and values that fit them."""
    tokens = ["-", "x.md", "es", "UTC", "chat", "pain"]
    for flag in command.flags:
        if flag.positional:
            continue
        tokens.append(flag.name)
        if flag.short:
            tokens.append(flag.short)
        if flag.kind == "toggle":
            tokens.append(f"--no-{flag.name[2:]}")
        if flag.kind in flags.VALUE_KINDS:
            value = flag.values[0] if isinstance(flag.values, tuple) else "v"
            tokens += [value, f"{flag.name}={value}"]
    return tokens


@st.composite
def command_lines(draw: st.DrawFn) -> tuple[str, list[str]]:
    path = draw(st.sampled_from(list(COMMANDS)))
    tokens = alphabet(load_command(path))
    return path, draw(st.lists(st.sampled_from(tokens), max_size=8))


@settings(max_examples=400, deadline=None)
@given(line=command_lines())
def test_whenever_pallnavs_reader_answers_click_gives_the_same_answer(
    line: tuple[str, list[str]],
) -> None:
    path, args = line
    mine = pallnav_reading(path, args)
    if mine is not None:
        assert mine == typer_reading(path, args)


def test_the_fuzzed_alphabet_holds_every_flag_of_every_command() -> None:
    for path in COMMANDS:
        command = load_command(path)
        tokens = alphabet(command)
        for flag in command.flags:
            assert flag.positional or flag.name in tokens, (path, flag.name)


# --- one declaration per command ---------------------------------------------------------


@pytest.mark.parametrize("path", list(COMMANDS))
def test_every_command_is_declared_the_same_way(path: str) -> None:
    command = load_command(path)
    assert isinstance(command, Command)
    fields = [flag.field for flag in command.flags]
    assert sorted(fields) == sorted(command.options._fields), path
    assert all(flag.kind in flags.KINDS for flag in command.flags)
    assert 2 <= len(command.examples) <= 3, path
    assert all(example.startswith(f"pallnav {path}") for example in command.examples)


def test_value_names_are_names_not_sentences() -> None:
    """A flag's help lives in the catalogues; a metavar is a short name in capitals."""
    for path in COMMANDS:
        for flag in (*load_command(path).flags, *GLOBAL_FLAGS):
            if flag.metavar is not None:
                assert re.fullmatch(r"[A-Z_|.a-z-]{1,12}", flag.metavar), (path, flag)
                assert flag.metavar.upper().split(".")[0] == flag.metavar.split(".")[0]


def test_global_flags_are_read_before_and_after_the_command() -> None:
    before = reading(["--lang", "es", "--debug", "hours", "--json"])
    assert before.globals.debug and before.options.lang == "es" and before.options.as_json
    after = reading(["content", "check", "--debug", "--lang=es"])
    assert after.globals.debug and after.globals.lang == "es"
    assert reading(["--version"]).globals.version


@pytest.mark.parametrize(
    ("args", "key", "values"),
    [
        (["hours", "--bogus"], "errors.no_such_option", {"option": "--bogus"}),
        (["hours", "--tz"], "errors.needs_value", {"option": "--tz"}),
        (["hours", "--tz", "--week"], "errors.needs_value", {"option": "--tz"}),
        (["hours", "--week=yes"], "errors.takes_no_value", {"option": "--week"}),
        (["hours", "extra", "more"], "errors.extra_arguments", {"arguments": "extra more"}),
        (["show", "a", "b"], "errors.extra_arguments", {"arguments": "b"}),
        (["hourz"], "errors.no_such_command", {"name": "hourz"}),
        (["profile", "shw"], "errors.no_such_command", {"name": "shw"}),
        (["--bogus"], "errors.no_such_option", {"option": "--bogus"}),
    ],
)
def test_each_usage_error_names_what_is_wrong(
    args: list[str], key: str, values: dict[str, str]
) -> None:
    with pytest.raises(UsageError) as caught:
        reading(args)
    assert caught.value.key == key
    assert caught.value.values == values


def test_help_wins_wherever_it_is_asked() -> None:
    assert reading(["show", "--help"]).globals.help
    assert reading(["hours", "--bogus", "-h"]).path == "hours"
    assert reading(["profile"]).path == "profile" and reading(["profile"]).options is None
    assert reading([]).options is None


def test_path_options_are_paths(tmp_path: Path) -> None:
    assert options("guide", ["--export", str(tmp_path / "x.md")]).export == tmp_path / "x.md"


def test_a_missing_argument_is_named_in_the_readers_language(run: Runner) -> None:
    english = run("content", "build", "pack")
    assert english.code == 2
    # One line: what is wrong, and where to read what is accepted.
    assert english.err == (
        "pallnav: OUT_DIR is missing. Run 'pallnav content build --help' to see the choices.\n"
    )
    spanish = run("content", "build", "--lang", "es")
    assert spanish.err == (
        "pallnav: Falta CARPETA_PAQUETE. Ejecute 'pallnav content build --help' para ver las "
        "opciones.\n"
    )


def test_the_reader_imports_no_command_but_the_one_named() -> None:
    import sys

    for name in ("pallnav.commands.update", "pallnav.commands.content"):
        sys.modules.pop(name, None)
    reading(["hours", "--json"])
    assert "pallnav.commands.update" not in sys.modules
    assert "pallnav.commands.content" not in sys.modules


def test_nothing_reads_argv_but_the_reader() -> None:
    """No Typer, no Click, no argparse, no other look at sys.argv in pallnav."""
    from pallnav.context import package_dir

    for source in package_dir().rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "typer" not in text.lower(), source
        assert "argparse" not in text, source
        if source.name != "cli.py":
            assert "sys.argv" not in text, source
