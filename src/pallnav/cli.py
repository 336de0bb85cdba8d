"""The command line: the register of commands, and the one place where errors
become a single line on stderr and an exit code.

Each command is declared as data in its module (see ``commands/flags.py``, which
also says how to add one); Typer reads argv, through the app built from those
declarations (``commands/app.py``). Each command module loads what it needs when
it runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError, ReaderGone

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
    "log": "pallnav.commands.log:LOG",
    "log list": "pallnav.commands.log:LIST",
    "log remove": "pallnav.commands.log:REMOVE",
    "log forget": "pallnav.commands.log:FORGET",
    "log export": "pallnav.commands.log:EXPORT",
    "meds add": "pallnav.commands.meds:ADD",
    "meds list": "pallnav.commands.meds:LIST",
    "meds edit": "pallnav.commands.meds:EDIT",
    "meds remove": "pallnav.commands.meds:REMOVE",
    "meds forget": "pallnav.commands.meds:FORGET",
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
    """Run pallnav; return the exit code (``__main__`` and the console script exit with it).

    ``argv`` None: Typer reads the process's own arguments."""
    if argv is None:  # pallnav is the program: no garbage collection while it starts
        import gc

        gc.disable()  # the command runs with it again (commands.app.ready)
    context = context or Context.from_process()
    code = _run(context, lambda: _dispatch(context, argv))
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


def _dispatch(context: Context, argv: Sequence[str] | None) -> int:
    """Hand argv to the Typer app; it runs the command, or shows help or the version."""
    from pallnav.commands.app import run
    from pallnav.commands.flags import Registry

    return run(context, argv, Registry(COMMANDS, load_command))


def _run(context: Context, action: Callable[[], int]) -> int:
    """The one place where errors become a line on stderr and an exit code."""
    try:
        result = action()
    except PallnavError as error:
        line = context.error_messages().explain(error)
        path = getattr(error, "path", None)
        if path is not None:  # a usage error: where to read how it is used, on the same line
            hint = context.error_messages()("errors.usage_hint", command=f"pallnav {path}".strip())
            line += " " + hint
        _say(context, line)
        return int(error.exit_code)
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a question
        result = ExitCode.INTERRUPTED
    except (BrokenPipeError, ReaderGone):
        _quiet_broken_pipe()
        return int(ExitCode.NO)
    except Exception as error:
        if context.debug:
            raise
        _say(context, context.error_messages()("errors.unexpected", kind=type(error).__name__))
        return int(ExitCode.INTERNAL)
    if result == ExitCode.INTERRUPTED:
        context.stderr.write("\n")
        _say(context, context.stopped(context.error_messages()))
    return int(result)


def _say(context: Context, line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        context.say(f"pallnav: {line}")
        context.stderr.flush()


def _quiet_broken_pipe() -> None:
    """The reader went away (``pallnav hours | head -1``): say nothing more."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
