"""How a command is declared: once, as data, in the module that runs it.

A command is an ``Options`` NamedTuple whose fields carry their flags, a
``run(context, options) -> int`` and two or three examples::

    class Options(NamedTuple):
        at: Annotated[str | None, Flag("--at", "WHEN")] = None
        week: Annotated[bool, Flag("--week")] = False
        lang: Lang = None  # a flag several commands share (below)

    COMMAND = Command(Options, run, examples=("pallnav hours", ...))

The field's type says what kind of flag it is: ``bool`` a switch (``--week``; a
``Flag(..., toggle=True)`` is ``--x/--no-x``), ``str | None`` a value,
``Path | None`` a file, ``tuple[str, ...] | None`` a value that may be repeated;
a name without dashes (``Flag("ID")``) is a positional argument, required when
the type is ``str``, optional when it is ``str | None``. The field's default is
the flag's default.

To add a command (``team add``, say):

1. declare it as above in ``commands/team.py`` (a module with subcommands
   declares one ``Command`` per subcommand: ``ADD = Command(...)``);
2. add one line to ``pallnav.cli.COMMANDS``: ``"team add": "pallnav.commands.team:ADD"``
   (a space in the name makes ``team`` a group of subcommands);
3. in both catalogues (``locales/en.toml``, ``es.toml``): its one-line summary in
   ``[commands]`` under its path (and the group's, for a new group), and the help of
   each new flag in ``[flags]``, under ``"--visit"`` or, for help that differs by
   command, ``"team add --name"``.

Typer reads argv, from these declarations (``commands/app.py`` builds the app);
``--help`` (``commands/help.py``), usage errors, shell completion and the tests
(catalogue parity, fuzzed command lines) follow from them: nothing else needs to
be told. This module imports nothing heavy: ``pallnav hours`` loads only its own.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pallnav.answers import OPTIONS
from pallnav.errors import PallnavError
from pallnav.safetext import shown

if TYPE_CHECKING:
    from pallnav.context import Context

#: ``text`` (--x VALUE), ``path`` (--x FILE, a Path), ``switch`` (--x), ``toggle``
#: (--x/--no-x), ``many`` (--x VALUE, repeatable, a tuple), ``argument`` and
#: ``optional-argument`` (positional, text).
KINDS = ("text", "path", "switch", "toggle", "many", "argument", "optional-argument")
VALUE_KINDS = ("text", "path", "many")


class Flag(NamedTuple):
    """One option or positional argument of a command. Its help is in the catalogues.

    Written in an ``Options`` field's annotation; :func:`declared` fills in
    ``field`` and ``kind`` from the field's name and type.
    """

    name: str  # "--at"; "--profile" for a toggle; an argument's name ("ID")
    metavar: str | None = None  # the value's name in help ("WHEN")
    short: str | None = None  # "-y"
    #: What completes its value: a tuple of choices, or "sections", "channels",
    #: "team", "medicines", "days" (of the symptom record), "languages", "file" or "folder".
    values: tuple[str, ...] | str | None = None
    toggle: bool = False  # --x/--no-x
    field: str = ""  # the Options field it fills
    kind: str = ""  # one of KINDS

    @property
    def positional(self) -> bool:
        return not self.name.startswith("-")

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way to type it: --x, -x, and --no-x for a toggle."""
        if self.positional:
            return ()
        names = (self.name, self.short) if self.short else (self.name,)
        return (*names, f"--no-{self.name[2:]}") if self.kind == "toggle" else names


class Command(NamedTuple):
    """One command: its Options (and so its flags), what it does, and examples."""

    options: type[Any]
    run: Callable[[Context, Any], int]
    examples: tuple[str, ...] = ()

    @property
    def flags(self) -> tuple[Flag, ...]:
        return declared(self.options)


_ARGUMENT_OF_TYPE: dict[object, str] = {str: "argument", str | None: "optional-argument"}
_KIND_OF_TYPE: dict[object, str] = {
    str | None: "text",
    Path | None: "path",
    tuple[str, ...] | None: "many",
}


_DECLARED: dict[type[Any], tuple[Flag, ...]] = {}


def declared(options: type[Any]) -> tuple[Flag, ...]:
    """The flags an ``Options`` NamedTuple declares, in field order, each with its
    field and kind filled in. A field without a :class:`Flag`, or of a type no
    kind fits, is a mistake in the declaration (a TypeError, caught by the tests)."""
    if options not in _DECLARED:
        _DECLARED[options] = _declare(options)
    return _DECLARED[options]


def _declare(options: type[Any]) -> tuple[Flag, ...]:
    hints = typing.get_type_hints(options, include_extras=True)
    flags: list[Flag] = []
    for field in options._fields:
        base, *extras = typing.get_args(hints[field]) or (hints[field],)
        flag = next((extra for extra in extras if isinstance(extra, Flag)), None)
        if flag is None:
            raise TypeError(f"{options.__module__}.{options.__name__}.{field} has no Flag")
        flags.append(flag._replace(field=field, kind=_kind(flag, base)))
    return tuple(flags)


def _kind(flag: Flag, base: object) -> str:
    kind: str | None
    if flag.positional:
        kind = _ARGUMENT_OF_TYPE.get(base)
    elif base is bool:
        kind = "toggle" if flag.toggle else "switch"
    else:
        kind = _KIND_OF_TYPE.get(base)
    if kind is None:
        raise TypeError(f"{flag.name}: no kind of flag is a {base}")
    return kind


class Registry:
    """Every command by path ("hours", "team add"), loaded only when it runs."""

    def __init__(self, commands: Mapping[str, str], load: Callable[[str], Command]) -> None:
        self.commands = commands
        self.load = load

    def below(self, path: str) -> tuple[str, ...]:
        """The words that may follow ``path``: the commands and groups it holds, in order."""
        prefix = f"{path} " if path else ""
        found: list[str] = []
        for name in self.commands:
            if name.startswith(prefix):
                word = name[len(prefix) :].split(" ")[0]
                if word not in found:
                    found.append(word)
        return tuple(found)


class UsageError(PallnavError):
    """The person's command line is not one pallnav can read (exit 2, with a hint)."""

    def __init__(self, key: str, path: str, **values: object) -> None:
        super().__init__(key)
        self.values = values
        self.path = path


def check_choice(flag: str, value: str, allowed: tuple[str, ...]) -> str:
    """``value`` if allowed; else exit 2 naming the flag, the value and the choices."""
    if value in allowed:
        return value
    raise PallnavError(
        "errors.bad_choice", where=flag, value=shown(value), choices=", ".join(allowed)
    )


# --- flags several commands share: a field's type says it all ---------------------------


def _answer(question: str, metavar: str) -> Flag:
    return Flag(f"--{question}", metavar, values=OPTIONS[question])


Role = Annotated[str | None, _answer("role", "ROLE")]
Stage = Annotated[str | None, _answer("stage", "STAGE")]
Age = Annotated[str | None, _answer("age", "AGE")]
Setting = Annotated[str | None, _answer("setting", "SETTING")]
Insurance = Annotated[str | None, _answer("insurance", "INSURANCE")]
Concerns = Annotated[
    tuple[str, ...] | None, Flag("--concern", "CONCERN", values=OPTIONS["concerns"])
]
AnswersFile = Annotated[Path | None, Flag("--answers", "FILE.toml", values="file")]
UseProfile = Annotated[bool, Flag("--profile", toggle=True)]
At = Annotated[str | None, Flag("--at", "WHEN")]
Tz = Annotated[str | None, Flag("--tz", "ZONE")]
Lang = Annotated[str | None, Flag("--lang", "LANG", values="languages")]
Plain = Annotated[bool, Flag("--plain")]
NoPager = Annotated[bool, Flag("--no-pager")]
Json = Annotated[bool, Flag("--json")]
Yes = Annotated[bool, Flag("--yes", short="-y")]
Force = Annotated[bool, Flag("--force")]


class Globals(NamedTuple):
    """pallnav's own flags, before or after any command (and between group and command)."""

    version: Annotated[bool, Flag("--version")] = False
    debug: Annotated[bool, Flag("--debug")] = False
    lang: Lang = None
    help: Annotated[bool, Flag("--help", short="-h")] = False


GLOBAL_FLAGS = declared(Globals)
HELP = GLOBAL_FLAGS[-1]
