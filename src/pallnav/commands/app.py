"""The Typer app, built from the declarations: the one reader of argv.

Every group and command is a Typer command made from its declaration
(``commands/flags.py``), through Typer's public extension points only:

* :class:`Group` (a ``typer.core.TyperGroup``) loads a command's module only
  when argv names it, so ``pallnav hours`` builds and imports ``hours`` alone;
* :class:`Leaf` (a ``typer.core.TyperCommand``) and :class:`Group` write
  ``--help`` from the catalogues (``commands/help.py``), in the reader's language;
* values are checked by each command's own code with its own messages, as
  before; what Click alone can tell (an unknown option, a value missing after a
  flag) becomes a :class:`~pallnav.commands.flags.UsageError` in our words.

Completion is Typer's own (``_PALLNAV_COMPLETE``); each flag's values complete
from its declaration (answer ids, section, channel and team ids, languages).
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.completion
from typer.core import TyperCommand, TyperGroup

from pallnav.commands.flags import GLOBAL_FLAGS, Command, Flag, Globals, Registry, UsageError
from pallnav.context import Context, collect_garbage_again
from pallnav.errors import ExitCode, ReaderGone

#: The name Typer's completion scripts call pallnav by, and the variable that
#: tells pallnav a shell is asking.
PROG = "pallnav"
COMPLETE_VAR = "_PALLNAV_COMPLETE"

#: The global flags' fields: a command that declares one too ("log" its --lang)
#: still takes it from before its subcommand ("pallnav log --lang es list").
_GLOBAL_FIELDS = frozenset(flag.field for flag in GLOBAL_FLAGS)
#: Unknown options and extra words are left for us to name in our own words.
_SETTINGS = {"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []}

#: The Typer type of each kind of flag: the values come as text and our own code
#: checks them (paths become Paths and repeated values tuples below).
_TYPES: dict[str, object] = {
    "text": str | None,
    "path": str | None,
    "many": list[str] | None,
    "switch": bool,
    "toggle": bool,
    "argument": str | None,
    "optional-argument": str | None,
}


def run(context: Context, args: Sequence[str] | None, registry: Registry) -> int:
    """Read argv (``args``, or the process's own when None) and run what it asks."""
    typer.completion.completion_init()  # Typer's bash, zsh and fish scripts
    root = _group("", registry, completing=COMPLETE_VAR in context.environ)
    try:
        code = root.main(
            args=None if args is None else list(args),
            prog_name=PROG,
            complete_var=COMPLETE_VAR,
            standalone_mode=False,
            obj=context,
        )
    except typer.TyperException as error:  # Click's own, outside any command's parsing
        raise _in_our_words(error, None) from None
    return ExitCode.OK if code is None else int(code)


class _Reads:
    """What every group and command of ours does as Click reads its part of argv."""

    path = ""
    #: Its flags (a group's: the global ones).
    flags: tuple[Flag, ...] = GLOBAL_FLAGS

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Click's reading, with what it cannot read said in our words (in the
        language of a --lang beside it)."""
        given = list(args)  # Click's parser empties the list it reads
        ctx.meta[_GIVEN] = given
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except typer.TyperException as error:
            _take_language(ctx, self, given, getattr(error, "option_name", None))
            raise _in_our_words(error, self) from None
        return rest


#: Where ``parse_args`` keeps the words it was given (in Click's ``ctx.meta``).
_GIVEN = "pallnav.given"


def _take_language(ctx: Any, reader: Any, args: Sequence[str], option: str | None) -> None:
    """The --lang that Click reads in ``args`` without the option it could not
    read, so the message about that option is in the reader's language."""
    kept = [a for a in args if not (option and (a == option or a.startswith(f"{option}=")))]
    try:
        opts, _, _ = reader.make_parser(ctx).parse_args(args=kept)
    except typer.TyperException:
        return
    if opts.get("lang"):
        ctx.obj.lang_flag = opts["lang"]


# --- groups ------------------------------------------------------------------------------


class Group(_Reads, TyperGroup):
    """A group of commands ("pallnav", "pallnav team") whose commands load when named."""

    registry: Registry

    # ``ctx`` is a Click context: Typer's public type for it is typer.Context.
    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.registry.below(self.path))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        path = f"{self.path} {cmd_name}".strip()
        below = self.registry.below(path)
        if path in self.registry.commands and not below:
            return _leaf(path, self.registry, ctx)
        if cmd_name in self.registry.below(self.path):
            # a command too when it is one ("log")
            return _group(path, self.registry, completing=ctx.resilient_parsing)
        return None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None and not ctx.resilient_parsing:
            if ctx.params.get("lang"):  # "--lang es hourz": said in Spanish
                ctx.obj.lang_flag = ctx.params["lang"]
            if name.startswith("-"):
                spellings = [s for f in self.flags for s in f.spellings]
                raise _unknown_option(name, spellings, self.path)
            raise UsageError(
                "errors.no_such_command",
                self.path,
                name=name,
                hint=_did_you_mean(name, self.registry.below(self.path)),
            )
        return (name if command else None), command, args[1:]


def _group(path: str, registry: Registry, *, completing: bool) -> Group:
    """A group; when ``path`` is a command too ("log", beside "log list"), the
    group takes that command's flags and runs it when no subcommand is named."""
    command = registry.load(path) if path in registry.commands else None
    callback, flags = _callback(path, command, registry, completing)
    app = typer.Typer(
        cls=Group,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings=_SETTINGS,
    )
    app.callback(invoke_without_command=True)(callback)
    group = typer.main.get_command(app)
    assert isinstance(group, Group)
    group.path = path
    group.registry = registry
    group.flags = flags
    return group


# --- commands ----------------------------------------------------------------------------


class Leaf(_Reads, TyperCommand):
    """One command, built from its declaration (its own flags and the global ones)."""


def _leaf(path: str, registry: Registry, parent: typer.Context) -> Leaf:
    callback, flags = _callback(path, registry.load(path), registry, parent.resilient_parsing)
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    # A summary beside each command, for shells that show one while completing.
    summary = _summary(parent.obj, path) if parent.resilient_parsing else None
    app.command(path.rpartition(" ")[2], cls=Leaf, context_settings=_SETTINGS, short_help=summary)(
        callback
    )
    leaf = typer.main.get_command(app)
    assert isinstance(leaf, Leaf)
    leaf.path = path
    leaf.flags = flags
    return leaf


def _callback(
    path: str, command: Command | None, registry: Registry, completing: bool
) -> tuple[Callable[..., int | None], tuple[Flag, ...]]:
    """What Typer calls once it has read a group's or command's part of argv, and
    the flags it reads: the command's own (none for a plain group) and the global ones."""
    own = command.flags if command is not None else ()
    fields = {flag.field for flag in own}
    extra = tuple(flag for flag in GLOBAL_FLAGS if flag.field not in fields)

    def callback(ctx: typer.Context, **values: Any) -> int | None:
        context: Context = ctx.obj
        given = Globals(**{flag.field: values.pop(flag.field) for flag in extra})
        _take_globals(context, given._replace(lang=values.get("lang") or given.lang))
        if "lang" in fields:  # --lang before the command counts too
            values["lang"] = context.lang_flag
        if given.version:  # and nothing else runs: "pallnav --version hours"
            raise typer.Exit(_show_version(context))
        subcommand = ctx.invoked_subcommand  # a group's, about to run
        context.help_asked = context.help_asked or given.help
        if context.help_asked and subcommand is not None:
            return None  # "pallnav --help team add": the help of "team add", and only that
        if context.help_asked or (command is None and subcommand is None):
            raise typer.Exit(_show_help(context, path, registry))
        if command is None:
            return None
        if subcommand is not None:  # "log --pain 6 list": one or the other
            given_here = [values[f.field] for f in own if f.field not in _GLOBAL_FIELDS]
            if any(value not in (None, False) for value in given_here):
                raise UsageError("errors.extra_arguments", path, arguments=subcommand)
            return None
        given_words = ctx.meta.get(_GIVEN, [])
        options = command.options(**_checked(path, own, extra, values, ctx.args, given_words))
        return _shielded(command.run, context, options)

    callback.__signature__ = _signature((*own, *extra), completing)  # type: ignore[attr-defined]
    return callback, (*own, *extra)


def _checked(
    path: str,
    own: Sequence[Flag],
    extra: Sequence[Flag],
    values: dict[str, Any],
    leftover: Sequence[str],
    given: Sequence[str] = (),
) -> dict[str, Any]:
    """The Options values from what Typer read: what it could not place named as an
    unknown option or extra words (an unknown option Click took as the command's
    argument too: "export --vist"), a value that is really a flag named as missing,
    a missing argument named, paths as Paths and repeated values as tuples.
    ``given``: the words as given (those after "--" are values, whatever they look like)."""
    spellings = [s for f in (*own, *extra) for s in f.spellings]
    switches = {s for f in (*own, *extra) if f.kind in ("switch", "toggle") for s in f.spellings}
    literal = given[given.index("--") + 1 :] if "--" in given else []
    for word in given[: len(given) - len(literal)]:
        if word[:2] in switches and word[2:3] == "=":  # "-y=1": Click reads "-y" and "-="
            raise UsageError("errors.takes_no_value", path, option=word[:2])
    taken = [values[f.field] for f in own if f.positional and isinstance(values[f.field], str)]
    for word in (*taken, *leftover):
        if word.startswith("-") and word != "-" and word not in literal:
            raise _unknown_option(word, spellings, path)
    if leftover:
        raise UsageError("errors.extra_arguments", path, arguments=" ".join(leftover))
    for flag in own:
        value = values[flag.field]
        given = value if isinstance(value, list) else [value]
        if flag.kind in ("text", "path", "many") and any(v in spellings for v in given):
            raise UsageError("errors.needs_value", path, option=flag.name)
        if flag.kind == "argument" and value is None:
            raise UsageError("errors.missing_parameter", path, name=_metavar_phrase(flag))
        if flag.kind == "path" and value is not None:
            values[flag.field] = Path(value)
        elif flag.kind == "many":
            values[flag.field] = tuple(value) if value else None
    return values


def _metavar_phrase(flag: Flag) -> object:
    from pallnav.errors import Phrase

    return Phrase(f"metavars.{flag.metavar or flag.name}")


def _shielded(run: Callable[[Context, Any], int], context: Context, options: Any) -> int:
    """Run a command; Ctrl-D at a question counts as Ctrl-C, and a reader that went
    away is ours to handle quietly (``cli``), not Typer's (which would exit 1 itself)."""
    if not context.can_ask:  # an interactive run collects once it waits (prompts.Terminal)
        collect_garbage_again()
    try:
        return run(context, options)
    except EOFError:
        raise KeyboardInterrupt from None
    except BrokenPipeError:
        raise ReaderGone from None


# --- what both share ---------------------------------------------------------------------


def _signature(flags: Sequence[Flag], completing: bool) -> inspect.Signature:
    """The callback's signature Typer reads: one keyword parameter per flag (with
    what completes its values, when a shell is asking)."""
    parameters = [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
    ]
    for flag in flags:
        completer = _completer(flag) if completing and flag.values else None
        info: Any
        if flag.positional:
            info = typer.Argument(metavar=flag.metavar, autocompletion=completer)
        elif flag.kind == "toggle":
            info = typer.Option(f"{flag.name}/--no-{flag.name[2:]}")
        else:
            names = [flag.name, flag.short] if flag.short else [flag.name]
            info = typer.Option(*names, autocompletion=completer)
        parameters.append(
            inspect.Parameter(
                flag.field,
                inspect.Parameter.KEYWORD_ONLY,
                default=_default(flag),
                annotation=Annotated[_TYPES[flag.kind], info],
            )
        )
    return inspect.Signature(parameters)


def _default(flag: Flag) -> object:
    if flag.kind == "switch":
        return False
    if flag.kind == "toggle":
        return True
    return None


def _completer(flag: Flag) -> Callable[..., list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from pallnav.commands.completion import values_of

        lang = ctx.params.get("lang") or ctx.find_root().params.get("lang")
        return [v for v in values_of(ctx.obj, flag, lang) if v.startswith(incomplete)]

    return complete


def _take_globals(context: Context, given: Globals) -> None:
    """What every command honours: --debug, and --lang for messages and help."""
    context.debug = context.debug or given.debug
    if given.lang is not None:
        context.lang_flag = given.lang


def _show_help(context: Context, path: str, registry: Registry) -> int:
    from pallnav.commands.help import help_text

    messages = context.error_messages()
    context.stdout.write(help_text(path, registry, messages, context.width))
    return ExitCode.OK


def _show_version(context: Context) -> int:
    from pallnav.commands.version import show_version

    show_version(context)
    return ExitCode.OK


def _summary(context: Context | None, path: str) -> str | None:
    """A command's one-line summary, in the reader's language."""
    if context is None:
        return None
    summary = context.error_messages().table.get(f"commands.{path}")
    if not summary:
        return None
    # One short line: Typer renders it with Rich at 80 columns, and fish takes each
    # line it prints as a candidate of its own.
    words = " ".join(summary.split())
    return words if len(words) <= _SUMMARY else words[: _SUMMARY - 1].rsplit(" ", 1)[0] + "…"


#: The longest command summary a shell is given while completing.
_SUMMARY = 64


def _unknown_option(name: str, spellings: Sequence[str], path: str) -> UsageError:
    option = name.partition("=")[0]
    return UsageError(
        "errors.no_such_option", path, option=option, hint=_did_you_mean(option, spellings)
    )


def _did_you_mean(word: str, choices: Sequence[str]) -> object:
    """ " Did you mean 'hours'?" for a near miss, else nothing (a Phrase, in the reader's words)."""
    from pallnav.errors import Phrase

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return Phrase("errors.did_you_mean", {"word": close[0]}) if close else ""


def _in_our_words(error: typer.TyperException, reader: _Reads | None) -> UsageError:
    """Click's own usage error as ours: an option it could not read a value for (or
    one given a value it does not take), else its own words, on one line.

    Click's errors carry the public attributes its documentation names
    (``option_name`` on a bad option): read as such, never parsed."""
    path = reader.path if reader is not None else ""
    option = getattr(error, "option_name", None)
    if option is not None and reader is not None:
        flag = next((f for f in reader.flags if option in f.spellings), None)
        if flag is not None and flag.kind in ("switch", "toggle"):
            return UsageError("errors.takes_no_value", path, option=option)
        return UsageError("errors.needs_value", path, option=option)
    detail = " ".join(error.format_message().split())
    return UsageError("errors.command_line", path, detail=detail)
