"""The command line: the Typer app, its global options, and the one place where
errors become a single line on stderr and an exit code.

Imports nothing heavy: each command module loads what it needs when it runs.
"""

# No `from __future__ import annotations` here: Typer reads the annotations of the
# commands defined inside build_app(), where typer is imported, as real objects.

import contextlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.i18n import Messages

if TYPE_CHECKING:
    import typer


#: Every command: where its Typer signature lives. Loaded only when it runs (or
#: when its own --help is asked for), so each run pays for one command only.
COMMANDS: dict[str, str] = {
    "guide": "pallnav.commands.guide",
    "hours": "pallnav.commands.hours",
    "export": "pallnav.commands.export",
    "topics": "pallnav.commands.topics",
    "show": "pallnav.commands.show",
    "profile": "pallnav.commands.profile",
    "update": "pallnav.commands.update",
    "content": "pallnav.commands.content",
}


def build_app(messages: Messages) -> "typer.Typer":
    """The Typer app: the global options, and a group that loads each command lazily.

    Typer is imported here, not at start-up: ``pallnav hours`` and ``pallnav
    --version`` run without it (see ``_dispatch``).
    """
    from typing import Annotated

    import typer

    app = typer.Typer(
        name="pallnav",
        cls=_lazy_group(messages),
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

    def show_version(ctx: typer.Context, value: bool) -> None:
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
                callback=show_version,
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

    return app


def load_command(name: str, messages: Messages) -> Any:
    """The click command for ``name``: from its options as data (``FLAGS``), its
    Typer group (``app``) or its Typer signature (a function named ``name``)."""
    import importlib

    import typer
    from typer.main import get_command

    from pallnav.commands import flags

    module = importlib.import_module(COMMANDS[name])
    if hasattr(module, "app"):  # a group of commands: profile, content
        command = get_command(module.app)
    else:
        function = (
            flags.typer_command(name, module.DOC, module.FLAGS, module.Options, module.run)
            if hasattr(module, "FLAGS")
            else getattr(module, name)  # a Typer signature written out: update
        )
        single = typer.Typer(add_completion=False, rich_markup_mode=None)
        single.command(name)(function)
        command = get_command(single)
    command.name = name
    _localize_help(command, messages, name)
    return command


def _lazy_group(messages: Messages) -> Any:
    """A Typer group that lists every command but loads only the one that runs."""
    from typer.core import TyperGroup

    class LazyGroup(TyperGroup):
        def list_commands(self, ctx: Any) -> list[str]:
            return list(COMMANDS)

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            if cmd_name not in self.commands and cmd_name in COMMANDS:
                self.commands[cmd_name] = load_command(cmd_name, messages)
            return self.commands.get(cmd_name)

        def format_commands(self, ctx: Any, formatter: Any) -> None:
            # The one-line summaries come from the catalogue: listing the commands
            # must not load them all.
            rows = [(name, messages(f"commands.{name}")) for name in COMMANDS]
            with formatter.section(messages("commands.heading")):
                formatter.write_dl(rows)

    return LazyGroup


def main(argv: Sequence[str] | None = None, context: Context | None = None) -> int:
    """Run pallnav; return the exit code (``__main__`` and the console script exit with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    context = context or Context.from_process()
    return _run(context, args, lambda: _dispatch(context, args))


def _dispatch(context: Context, args: list[str]) -> int:
    """Without Typer when the arguments are plain (people run these in a hurry:
    see commands/flags.py), else through Typer for help and usage errors."""
    if args == ["--version"]:
        from pallnav.commands.version import show_version

        show_version(context)
        return ExitCode.OK
    if args and args[0] in COMMANDS:
        import importlib

        from pallnav.commands import flags

        module = importlib.import_module(COMMANDS[args[0]])
        if hasattr(module, "FLAGS"):
            options = flags.parse(args[1:], module.FLAGS, module.Options)
            if options is not None:
                result: int = module.run(context, options)
                return result
    return _run_typer(context, args)


def _run_typer(context: Context, args: list[str]) -> int:
    """Everything else: Typer parses, shows help, and reports usage errors."""
    import typer
    from typer._click import exceptions as click_errors
    from typer.main import get_command

    messages = _messages(context, args)
    command = get_command(build_app(messages))
    _localize_help(command, messages)
    try:
        # Typer writes help with click.echo to sys.stdout: send it to our stdout.
        with contextlib.redirect_stdout(context.stdout):
            result = command.main(
                args=args, prog_name="pallnav", standalone_mode=False, obj=context
            )
    except click_errors.NoArgsIsHelpError as error:
        # `pallnav` alone: the help, as a usage error (stderr, exit 2), as Click does.
        context.stderr.write(error.format_message() + "\n")
        return ExitCode.USAGE
    except click_errors.UsageError as error:
        _say(context, _usage_line(error, messages))
        command_path = error.ctx.command_path if error.ctx else "pallnav"
        context.say(messages("errors.usage_hint", command=command_path))
        return ExitCode.USAGE
    except click_errors.ClickException as error:
        _say(context, error.format_message())
        return error.exit_code
    except typer.Abort:
        return ExitCode.INTERRUPTED
    return result if isinstance(result, int) else ExitCode.OK


def _run(context: Context, args: list[str], action: Callable[[], int]) -> int:
    """The one place where errors become a line on stderr and an exit code."""
    try:
        result = action()
    except PallnavError as error:
        _say(context, _messages(context, args).explain(error))
        return int(error.exit_code)
    except KeyboardInterrupt:
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
    return int(result)


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
