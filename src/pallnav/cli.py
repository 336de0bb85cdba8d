"""The command line: the Typer app, its global options, and the one place where
errors become a single line on stderr and an exit code.

Imports nothing heavy: each command module loads what it needs when it runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from pallnav.commands import content, profile
from pallnav.commands.export import export
from pallnav.commands.guide import guide
from pallnav.commands.hours import hours
from pallnav.commands.topics import show, topics
from pallnav.commands.update import update
from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.i18n import Messages

app = typer.Typer(
    name="pallnav",
    help="A calm guide to palliative care for people with cancer and those who care for them.",
    # A pretty traceback prints source lines and local values that may hold a
    # person's answers: never. Errors are mapped to one line in main().
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    # Plain Click help: no Rich import, no boxes, half the start-up.
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(ctx: typer.Context, value: bool) -> None:
    if value:
        from pallnav.commands.common import get_context
        from pallnav.commands.version import show_version

        show_version(get_context(ctx))
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_show_version,
            help="Show the version and the content in use, and exit.",
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a full traceback if pallnav itself fails.")
    ] = False,
) -> None:
    """A calm guide to palliative care for people with cancer and those who care for them.

    This is information, not medical advice. In an emergency, call 911.
    """


app.command("guide")(guide)
app.command("hours")(hours)
app.command("topics")(topics)
app.command("show")(show)
app.command("export")(export)
app.add_typer(profile.app)
app.command("update")(update)
app.add_typer(content.app)


def main(argv: Sequence[str] | None = None, context: Context | None = None) -> int:
    """Run pallnav; return the exit code (``__main__`` and the console script exit with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    context = context or Context.from_process()
    from typer._click import exceptions as click_errors
    from typer.main import get_command

    try:
        command = get_command(app)
        if {"--help", "-h"} & set(args) or len(args) <= 1:
            _localize_help(command, _messages(context, args))
        result = command.main(args=args, prog_name="pallnav", standalone_mode=False, obj=context)
    except PallnavError as error:
        _say(context, _messages(context, args).explain(error))
        return int(error.exit_code)
    except click_errors.UsageError as error:
        messages = _messages(context, args)
        _say(context, _usage_line(error, messages))
        command_path = error.ctx.command_path if error.ctx else "pallnav"
        context.stderr.write(messages("errors.usage_hint", command=command_path) + "\n")
        return int(ExitCode.USAGE)
    except click_errors.ClickException as error:
        _say(context, error.format_message())
        return int(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        result = ExitCode.INTERRUPTED
    except BrokenPipeError:
        _quiet_broken_pipe()
        return int(ExitCode.NO)
    except Exception as error:
        if "--debug" in args:
            raise
        _say(context, _messages(context, args)("errors.unexpected", kind=type(error).__name__))
        return int(ExitCode.INTERNAL)
    if result == ExitCode.INTERRUPTED:
        # Typer turns Ctrl-C into exit code 130 on its own; say goodbye here.
        context.stderr.write("\n")
        _say(context, _messages(context, args)("errors.interrupted"))
    return int(result) if isinstance(result, int) else int(ExitCode.OK)


_QUOTED = re.compile(r"'([^']*)'")
_EXTRA = re.compile(r"\(([^()]*)\)$")


def _usage_line(error: Exception, messages: Messages) -> str:
    """Typer's usage errors in the reader's language (its own texts are English only)."""
    from typer._click import exceptions as click_errors

    text = str(getattr(error, "message", error))
    quoted = _QUOTED.search(text)
    if isinstance(error, click_errors.NoSuchOption):
        return messages("errors.no_such_option", option=error.option_name)
    if isinstance(error, click_errors.BadOptionUsage):
        key = "errors.needs_value" if "requires" in text else "errors.takes_no_value"
        return messages(key, option=error.option_name)
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        name = error.param.metavar or error.param.human_readable_name
        return messages("errors.missing_parameter", name=name)
    if isinstance(error, click_errors.BadParameter):
        return messages("errors.bad_parameter", detail=error.format_message())
    if text.startswith("No such command") and quoted:
        return messages("errors.no_such_command", name=quoted.group(1))
    extra = _EXTRA.search(text)
    if text.startswith("Got unexpected extra argument") and extra:
        return messages("errors.extra_arguments", arguments=extra.group(1))
    return text


def _localize_help(command: object, messages: Messages, path: str = "") -> None:
    """Help texts from the catalogue's [help] table, where it has them.

    English help lives beside each option in code; another language's catalogue
    holds ``commands."<path>"`` and ``options."<flag>"`` (or ``"<path> <flag>"``).
    """
    table = messages.table
    command_help = table.get(f"help.commands.{path or 'pallnav'}")
    if command_help:
        command.help = command_help  # type: ignore[attr-defined]
        command.short_help = None  # type: ignore[attr-defined]
    for param in getattr(command, "params", []):
        flag = param.opts[0] if param.opts else param.name
        text = table.get(f"help.options.{path} {flag}".strip()) or table.get(f"help.options.{flag}")
        if text:
            param.help = text
    for name, sub in getattr(command, "commands", {}).items():
        _localize_help(sub, messages, f"{path} {name}".strip())


def _say(context: Context, line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        context.say(f"pallnav: {line}")
        context.stderr.flush()


def _messages(context: Context, args: list[str]) -> Messages:
    """The catalogue for error messages: the chosen language if it can be told, else English."""
    flag = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            flag = args[index + 1]
        elif arg.startswith("--lang="):
            flag = arg.partition("=")[2]
    try:
        language = context.language(flag)[0]
    except PallnavError:
        language = "en"
    return context.messages(language)


def _quiet_broken_pipe() -> None:
    """The reader went away (``pallnav hours | head -1``): say nothing more."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
