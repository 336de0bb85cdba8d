"""The command line: Typer reads argv, from each command's one declaration, and
what it cannot read is one line in the reader's own words (exit 2)."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FRIDAY_AFTERNOON, Runner
from pallnav.cli import COMMANDS, load_command, main
from pallnav.commands.flags import GLOBAL_FLAGS, VALUE_KINDS, Command
from pallnav.context import Context, package_dir

# --- one declaration per command ---------------------------------------------------------


@pytest.mark.parametrize("path", list(COMMANDS))
def test_every_command_is_declared_the_same_way(path: str) -> None:
    command = load_command(path)
    assert isinstance(command, Command)
    # Every field of its Options is a flag, and every flag a field: declared once.
    assert [flag.field for flag in command.flags] == list(command.options._fields), path
    assert 2 <= len(command.examples) <= 3, path
    assert all(example.startswith(f"pallnav {path}") for example in command.examples)


def test_value_names_are_names_not_sentences() -> None:
    """A flag's help lives in the catalogues; a metavar is a short name in capitals."""
    for path in COMMANDS:
        for flag in (*load_command(path).flags, *GLOBAL_FLAGS):
            if flag.metavar is not None:
                assert re.fullmatch(r"[A-Z_|.a-z-]{1,12}", flag.metavar), (path, flag)
                assert flag.metavar.upper().split(".")[0] == flag.metavar.split(".")[0]


# --- Typer is the one reader ---------------------------------------------------------------


def test_nothing_but_typer_reads_the_command_line() -> None:
    """No sys.argv, argparse, getopt or Click of our own; Typer only in the app's
    two modules, and none of its private modules anywhere."""
    for source in package_dir().rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for reader in ("sys.argv", "argparse", "getopt", "optparse"):
            assert reader not in text, (source.name, reader)
        assert not re.search(r"^\s*(import|from)\s+click\b", text, re.M), source.name
        assert not re.search(r"typer\._|from typer import _", text), source.name
        if source.name not in ("app.py", "completion.py"):
            assert not re.search(r"^\s*(import|from)\s+typer\b", text, re.M), source.name


def test_typer_reads_the_processs_own_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    """pallnav hands nothing but None to Typer: it reads sys.argv itself."""
    monkeypatch.setattr(sys, "argv", ["pallnav", "hours", "--check", "emergency"])
    out = io.StringIO()
    context = Context(
        stdout=out,
        stderr=io.StringIO(),
        stdin=io.StringIO(),
        environ={"TZ": "America/New_York", "LANG": "en_US.UTF-8"},
        clock=lambda: FRIDAY_AFTERNOON,
    )
    assert main(None, context) == 0
    assert out.getvalue().startswith("Emergency (911): open now")


def test_only_the_command_named_is_loaded(run: Runner) -> None:
    for name in ("pallnav.commands.update", "pallnav.commands.content"):
        sys.modules.pop(name, None)
    assert run("hours", "--json").code == 0
    assert "pallnav.commands.update" not in sys.modules
    assert "pallnav.commands.content" not in sys.modules


# --- what Typer read reaches the command --------------------------------------------------


def test_global_flags_are_read_before_and_after_the_command(run: Runner) -> None:
    before = run("--lang", "es", "hours", "--check", "chat")
    after = run("hours", "--check", "chat", "--lang=es")
    assert before.out == after.out
    assert before.out.startswith("Chat en vivo")
    assert run("--version").out.startswith("pallnav ")
    assert run("hours", "--version").out.startswith("pallnav ")


def test_help_or_version_before_a_command_runs_nothing_else(run: Runner, home: Path) -> None:
    """ "pallnav --help log forget --yes" shows that command's help and forgets nothing;
    "pallnav --version hours" shows the version alone (it used to run the command too)."""
    assert run("log", "--pain", "3", "--at", "2026-11-26").code == 0
    record = home / "data" / "pallnav" / "record.sqlite3"
    kept = record.read_bytes()
    helped = run("--help", "log", "forget", "--yes")
    assert helped.code == 0 and helped.out.startswith("Usage: pallnav log forget"), helped.out
    assert record.read_bytes() == kept
    added = run("--help", "team", "add", "--name", "X", "--phone", "555-010-0100")
    assert added.code == 0 and added.out.startswith("Usage: pallnav team add")
    assert not (home / "config" / "pallnav" / "team.toml").exists()
    for args in (("--version", "hours"), ("team", "--version", "list"), ("log", "--help", "list")):
        shown = run(*args)
        assert shown.code == 0, (args, shown.err)
        assert shown.out.startswith("pallnav " if "--version" in args else "Usage:"), args
        assert "Open now" not in shown.out and shown.err == "", args


def test_lang_before_a_subcommand_of_a_command_that_is_a_group_too(run: Runner) -> None:
    assert run("log", "--pain", "3", "--at", "2026-11-26").code == 0
    for args in (("--lang", "es", "log", "list"), ("log", "--lang", "es", "list")):
        result = run(*args)
        assert result.code == 0, (args, result.err)
        assert result.out.startswith("Registro de síntomas"), args
    # A command's own flags still may not go with a subcommand.
    assert run("log", "--pain", "3", "list").code == 2


def test_an_unknown_option_is_never_taken_as_the_commands_argument(
    run: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "export --vist" used to write the summary to a file named "--vist"."""
    monkeypatch.chdir(home)
    before = sorted(p.name for p in home.iterdir())
    result = run("export", "--vist")
    assert result.code == 2
    assert "--vist is not an option" in result.err and "--visit" in result.err
    assert sorted(p.name for p in home.iterdir()) == before
    shown = run("show", "--lnag", "es")
    assert shown.code == 2 and "--lang" in shown.err.partition("Did you mean")[2]
    # After "--" a word is a value, whatever it looks like.
    literal = run("show", "--", "-x")
    assert literal.code == 2 and 'No section "-x"' in literal.err
    # A switch given a value, in its short form too.
    assert "-y does not take a value" in run("team", "remove", "x", "-y=1").err


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "es", "hourz"),
        ("--lang=es", "--bogus"),
        ("hours", "--lang", "es", "--tz"),
        ("hours", "--week=yes", "--lang", "es"),
        ("show", "what-it-is", "--lang", "es", "--format"),
    ],
)
def test_a_mistake_beside_lang_es_is_told_in_spanish(run: Runner, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.code == 2
    assert "Ejecute 'pallnav" in result.err, result.err


def test_repeated_values_paths_and_toggles_reach_the_command(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "guide.md"
    result = run(
        "guide",
        "--role=caregiver",
        "--stage",
        "advanced",
        "--age",
        "older-adult",
        "--setting",
        "home",
        "--insurance",
        "medicare",
        "--concern",
        "pain",
        "--concern=cost",
        "--no-profile",
        "--export",
        str(target),
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    assert '"concerns": [\n      "pain",\n      "cost"\n    ]' in result.out
    assert target.read_text(encoding="utf-8") == result.out  # the same guide, kept


def test_two_dashes_end_the_options(run: Runner) -> None:
    result = run("show", "--", "--pain")
    assert result.code == 2
    assert "--pain" in result.err and "section" in result.err


# --- what it cannot read, in our words ------------------------------------------------------

USAGE_ERRORS = [
    (["hours", "--bogus"], "--bogus is not an option of this command.", "pallnav hours"),
    (
        ["hours", "--chek", "chat"],
        "--chek is not an option of this command. Did you mean --check?",
        "pallnav hours",
    ),
    (["hours", "--tz"], "--tz needs a value.", "pallnav hours"),
    (["hours", "--tz", "--week"], "--tz needs a value.", "pallnav hours"),
    (["hours", "--week=yes"], "--week does not take a value.", "pallnav hours"),
    (["guide", "--profile=no"], "--profile does not take a value.", "pallnav guide"),
    (["hours", "extra", "more"], "Too many arguments: extra more.", "pallnav hours"),
    (["show", "a", "b"], "Too many arguments: b.", "pallnav show"),
    (["hourz"], 'There is no command "hourz". Did you mean hours?', "pallnav"),
    (["profile", "shw"], 'There is no command "shw". Did you mean show?', "pallnav profile"),
    (["--bogus"], "--bogus is not an option of this command.", "pallnav"),
    (["--lang"], "--lang needs a value.", "pallnav"),
    (["content", "build", "pack"], "OUT_DIR is missing.", "pallnav content build"),
]


@pytest.mark.parametrize(("args", "said", "command"), USAGE_ERRORS)
def test_each_usage_error_is_one_line_naming_what_is_wrong(
    run: Runner, args: list[str], said: str, command: str
) -> None:
    result = run(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err == f"pallnav: {said} Run '{command} --help' to see the choices.\n"


def test_usage_errors_are_in_the_readers_language(run: Runner) -> None:
    assert run("--lang", "es", "hours", "--chek", "chat").err == (
        "pallnav: --chek no es una opción de este comando. ¿Quiso decir --check? "
        "Ejecute 'pallnav hours --help' para ver las opciones.\n"
    )
    assert run("content", "build", "--lang", "es").err == (
        "pallnav: Falta CARPETA_PAQUETE. Ejecute 'pallnav content build --help' para ver las "
        "opciones.\n"
    )
    assert run("equipo", env={"PALLNAV_LANG": "es"}).err.startswith(
        'pallnav: No existe el comando "equipo".'
    )


def test_help_wins_wherever_it_is_asked(run: Runner) -> None:
    for args in (["show", "--help"], ["hours", "--bogus", "-h"], ["--lang", "es", "team", "-h"]):
        result = run(*args)
        assert result.code == 0, args
        assert result.out.startswith(("Usage: pallnav", "Uso: pallnav")), args
    assert run("profile").out.startswith("Usage: pallnav profile [OPTIONS] COMMAND")
    alone = run()
    assert alone.code == 0 and alone.out.startswith("Usage: pallnav [OPTIONS] COMMAND")


# --- any command line from the declarations: one line, never a traceback ---------------


def alphabet(command: Command) -> list[str]:
    """Every spelling of every flag of a command, and values that fit them."""
    tokens = ["-", "--", "x.md", "es", "UTC", "chat", "pain", "--bogus", "extra"]
    for flag in (*command.flags, *GLOBAL_FLAGS):
        tokens += flag.spellings
        if flag.kind in VALUE_KINDS:
            value = flag.values[0] if isinstance(flag.values, tuple) else "v"
            tokens += [value, f"{flag.name}={value}"]
    return tokens


#: check-links goes to the network for every link of the pack in use.
FUZZED = [path for path in COMMANDS if path != "content check-links"]


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    path = draw(st.sampled_from(FUZZED))
    tokens = alphabet(load_command(path))
    return [*path.split(), *draw(st.lists(st.sampled_from(tokens), max_size=6))]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(args=command_lines())
def test_any_command_line_gets_an_answer_never_a_traceback(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # files the line names land here
    monkeypatch.setenv("BROWSER", "true")  # --open opens nothing
    result = run(*args, env={"PALLNAV_KEY_PASSWORD": "fuzz"})
    assert result.code in (0, 1, 2, 73), (args, result.err)
    assert "Traceback" not in result.err
    if result.code == 2:
        assert result.err.count("\n") == 1, (args, result.err)


def test_garbage_held_off_at_start_up_is_collected_again_once_a_command_runs() -> None:
    """cli.main (the process) holds collection off while pallnav starts; it comes
    back, with what start-up made frozen out of it, and only once."""
    import gc

    from pallnav.context import collect_garbage_again

    gc.disable()
    try:
        frozen = gc.get_freeze_count()
        collect_garbage_again()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen
        again = gc.get_freeze_count()
        collect_garbage_again()  # already on: nothing more is frozen
        assert gc.get_freeze_count() == again
    finally:
        gc.unfreeze()
        gc.enable()
