"""The command line: the Typer app, its global options, and the one place where
errors become a single line on stderr and an exit code.

Imports nothing heavy: each command module loads what it needs when it runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from pallnav.commands import content
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


app.command("hours")(hours)
app.command("topics")(topics)
app.command("show")(show)
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
        result = command.main(args=args, prog_name="pallnav", standalone_mode=False, obj=context)
    except PallnavError as error:
        _say(context, _messages(context, args)(error.key, **error.values))
        return int(error.exit_code)
    except click_errors.UsageError as error:
        messages = _messages(context, args)
        _say(context, error.format_message())
        command_path = error.ctx.command_path if error.ctx else "pallnav"
        context.stderr.write(messages("errors.usage_hint", command=command_path) + "\n")
        return int(ExitCode.USAGE)
    except click_errors.ClickException as error:
        _say(context, error.format_message())
        return int(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        context.stderr.write("\n")
        _say(context, _messages(context, args)("errors.interrupted"))
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        _quiet_broken_pipe()
        return int(ExitCode.NO)
    except Exception as error:
        if "--debug" in args:
            raise
        _say(context, _messages(context, args)("errors.unexpected", kind=type(error).__name__))
        return int(ExitCode.INTERNAL)
    if isinstance(result, int):
        return result
    return int(ExitCode.OK)


def _say(context: Context, line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        context.stderr.write(f"pallnav: {line}\n")
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
