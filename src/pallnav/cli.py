"""The command line: the register of commands, and the one place where errors
become a single line on stderr and an exit code.

Each command is declared as data in its module (see ``commands/flags.py``, which
also says how to add one); argv is read once, by ``commands.flags.read``.
Imports nothing heavy: each command module loads what it needs when it runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.i18n import Messages

if TYPE_CHECKING:
    from pallnav.commands.flags import Command


#: Every command: "module:declaration". A space in a name makes a group of
#: subcommands ("profile show"). Loaded only when it runs (or shows its help).
COMMANDS: dict[str, str] = {
    "guide": "pallnav.commands.guide:COMMAND",
    "hours": "pallnav.commands.hours:COMMAND",
    "export": "pallnav.commands.export:COMMAND",
    "topics": "pallnav.commands.topics:COMMAND",
    "show": "pallnav.commands.show:COMMAND",
    "team add": "pallnav.commands.team:ADD",
    "team list": "pallnav.commands.team:LIST",
    "team edit": "pallnav.commands.team:EDIT",
    "team remove": "pallnav.commands.team:REMOVE",
    "profile show": "pallnav.commands.profile:SHOW",
    "profile forget": "pallnav.commands.profile:FORGET",
    "update": "pallnav.commands.update:COMMAND",
    "content check": "pallnav.commands.content:CHECK",
    "content build": "pallnav.commands.content:BUILD",
    "content check-links": "pallnav.commands.content:CHECK_LINKS",
    "completion": "pallnav.commands.completion:COMMAND",
    "content keygen": "pallnav.commands.content:KEYGEN",
}


def load_command(path: str) -> Command:
    """The declaration of the command at ``path`` ("hours", "profile show")."""
    import importlib

    module, _, name = COMMANDS[path].partition(":")
    command: Command = getattr(importlib.import_module(module), name)
    return command


def main(argv: Sequence[str] | None = None, context: Context | None = None) -> int:
    """Run pallnav; return the exit code (``__main__`` and the console script exit with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    context = context or Context.from_process()
    code = _run(context, args, lambda: _dispatch(context, args))
    if argv is None:  # pallnav is the program, and about to exit
        _before_exit()
    return code


def _before_exit() -> None:
    """Hide every object from the garbage collector: at exit the interpreter runs
    full collections that would walk them all once more, ~6 ms of a ~60 ms
    ``pallnav hours`` (bench/startup.py). Objects are still freed as the modules
    are cleared; only a collection's walk is skipped."""
    import gc

    gc.freeze()


def _dispatch(context: Context, args: list[str]) -> int:
    """Read argv, then run the command, or show the help or the version."""
    from pallnav.commands.flags import read

    if args[:1] == ["__complete"]:  # the shell asking, from `pallnav completion SHELL`
        from pallnav.commands.completion import complete

        return complete(context, args[1:], COMMANDS, load_command)
    reading = read(args, COMMANDS, load_command)
    if reading.globals.version:
        from pallnav.commands.version import show_version

        show_version(context)
        return ExitCode.OK
    if reading.options is None:
        from pallnav.commands.help import help_text

        messages = _messages(context, args)
        text = help_text(reading.path, COMMANDS, load_command, messages, context.width)
        context.stdout.write(text)
        return ExitCode.OK
    return load_command(reading.path).run(context, reading.options)


def _run(context: Context, args: list[str], action: Callable[[], int]) -> int:
    """The one place where errors become a line on stderr and an exit code."""
    try:
        result = action()
    except PallnavError as error:
        messages = _messages(context, args)
        line = messages.explain(error)
        path = getattr(error, "path", None)
        if path is not None:  # a usage error: where to read how it is used, on the same line
            line += " " + messages("errors.usage_hint", command=f"pallnav {path}".strip())
        _say(context, line)
        return int(error.exit_code)
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a question
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
        context.stderr.write("\n")
        _say(context, _messages(context, args)("errors.interrupted"))
    return int(result)


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
