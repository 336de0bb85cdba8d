"""How a command is declared, and the one reader of argv.

Every command and subcommand is declared the same way, as data:

* ``FLAGS``: a tuple of :class:`Flag` (options and positional arguments);
* ``Options``: a NamedTuple with one field per flag (``Flag.field``), whose
  defaults are the defaults;
* ``run(context, options) -> int``;

bundled as ``COMMAND = Command(FLAGS, Options, run, examples=(...))`` (a module
with subcommands bundles one per subcommand: ``ADD = Command(...)``).

To add a command (``team add``, say):

1. declare it as above in ``commands/team.py``;
2. add one line to ``pallnav.cli.COMMANDS``: ``"team add": "pallnav.commands.team:ADD"``
   (a space in the name makes ``team`` a group of subcommands);
3. in both catalogues (``locales/en.toml``, ``es.toml``): its one-line summary in
   ``[commands]`` under its path (and the group's, for a new group), and the help of
   each new flag in ``[flags]``, under ``"--visit"`` or, for help that differs by
   command, ``"team add --name"``.

To add a flag: a :class:`Flag` in ``FLAGS``, a field in ``Options``, its help in
both catalogues. The reader (:func:`read`), ``--help``, usage errors, shell
completion and the tests (catalogue parity, the fuzzed reader) all follow from
the declaration; nothing else needs to be told.

:func:`read` is the only code that reads argv. It imports nothing heavy, so
``pallnav hours`` starts as fast as Python allows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pallnav.answers import OPTIONS
from pallnav.errors import PallnavError, Phrase
from pallnav.safetext import shown

if TYPE_CHECKING:
    from pallnav.context import Context

#: ``text`` (--x VALUE), ``path`` (--x FILE, a Path), ``switch`` (--x), ``toggle``
#: (--x/--no-x), ``many`` (--x VALUE, repeatable, a tuple), ``argument`` and
#: ``optional-argument`` (positional, text).
KINDS = ("text", "path", "switch", "toggle", "many", "argument", "optional-argument")
VALUE_KINDS = ("text", "path", "many")


class Flag(NamedTuple):
    """One option or positional argument of a command. Its help is in the catalogues."""

    name: str  # "--at"; "--profile" for a toggle; an argument's name ("ID")
    field: str  # the Options field it fills
    kind: str  # one of KINDS
    metavar: str | None = None  # the value's name in help ("WHEN")
    short: str | None = None  # "-y"
    #: What completes its value: a tuple of choices, or "sections", "channels",
    #: "languages", "file" or "folder".
    values: tuple[str, ...] | str | None = None

    @property
    def positional(self) -> bool:
        return self.kind.endswith("argument")


class Command(NamedTuple):
    """One command: its flags, its Options, what it does, and two or three examples."""

    flags: tuple[Flag, ...]
    options: type[Any]
    run: Callable[[Context, Any], int]
    examples: tuple[str, ...] = ()


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


# --- flags several commands share ----------------------------------------------------


def _answer(question: str, metavar: str) -> Flag:
    return Flag(f"--{question}", question, "text", metavar, values=OPTIONS[question])


ANSWER_FLAGS = (
    _answer("role", "ROLE"),
    _answer("stage", "STAGE"),
    _answer("age", "AGE"),
    _answer("setting", "SETTING"),
    _answer("insurance", "INSURANCE"),
    Flag("--concern", "concerns", "many", "CONCERN", values=OPTIONS["concerns"]),
    Flag("--answers", "answers_file", "path", "FILE.toml", values="file"),
    Flag("--profile", "use_profile", "toggle"),
)
AT = Flag("--at", "at", "text", "WHEN")
TZ = Flag("--tz", "tz", "text", "ZONE")
LANG = Flag("--lang", "lang", "text", "LANG", values="languages")
PLAIN = Flag("--plain", "plain", "switch")
NO_PAGER = Flag("--no-pager", "no_pager", "switch")
JSON = Flag("--json", "as_json", "switch")

# --- pallnav's own flags, before (or after) any command ---------------------------------

HELP = Flag("--help", "help", "switch", short="-h")
VERSION = Flag("--version", "version", "switch")
DEBUG = Flag("--debug", "debug", "switch")
GLOBAL_FLAGS = (VERSION, DEBUG, LANG, HELP)


class Globals(NamedTuple):
    version: bool = False
    debug: bool = False
    lang: str | None = None
    help: bool = False


class Reading(NamedTuple):
    """What argv asks for: a command to run with its options, or help."""

    path: str  # "" for pallnav itself, a group ("profile") or a command ("profile show")
    globals: Globals
    options: Any = None  # the command's Options; None when help is wanted


def read(
    args: Sequence[str],
    commands: Mapping[str, str],
    load: Callable[[str], Command],
) -> Reading:
    """Read argv: the command (``commands`` names them), its options and the global ones.

    ``load(path)`` gives a command's declaration; only the one named is loaded.
    Raises :class:`UsageError` naming what is wrong.
    """
    glob: dict[str, Any] = {}
    path = ""
    position = 0
    # The command's path: words that name a group or command, global flags between them.
    while position < len(args) and path not in commands:
        arg = args[position]
        if arg.startswith("-") and arg != "-":
            position = _take(args, position, _by_name(GLOBAL_FLAGS), glob, path)
            if glob.get("help") or glob.get("version"):
                return Reading(path, Globals(**glob))
            continue
        candidate = f"{path} {arg}".strip()
        if not any(name == candidate or name.startswith(candidate + " ") for name in commands):
            raise UsageError("errors.no_such_command", path, name=arg)
        path = candidate
        position += 1
    if path not in commands:
        return Reading(path, Globals(**{**glob, "help": True}))

    command = load(path)
    if any(arg in ("-h", "--help") for arg in args[position:]):
        return Reading(path, Globals(**{**glob, "help": True}))
    own = _by_name(command.flags)
    everything = {**_by_name(GLOBAL_FLAGS), **own}
    values: dict[str, Any] = {}
    positional = [f for f in command.flags if f.positional]
    while position < len(args):
        arg = args[position]
        if arg == "--":
            rest = list(args[position + 1 :])
            while rest and positional:
                values[positional.pop(0).field] = rest.pop(0)
            if rest:
                raise UsageError("errors.extra_arguments", path, arguments=" ".join(rest))
            break
        if arg.startswith("-") and arg != "-":
            name = arg.partition("=")[0]
            flag = everything.get(name)
            is_global = flag is not None and name not in own
            target = glob if is_global else values
            position = _take(args, position, everything, target, path)
            continue
        if not positional:
            raise UsageError("errors.extra_arguments", path, arguments=" ".join(args[position:]))
        values[positional.pop(0).field] = arg
        position += 1
    for flag in positional:
        if flag.kind == "argument":
            missing = Phrase(f"metavars.{flag.metavar or flag.name}")
            raise UsageError("errors.missing_parameter", path, name=missing)
    fields = command.options._fields
    if "lang" in fields and glob.get("lang") is not None:
        values.setdefault("lang", glob["lang"])
    for flag in command.flags:
        if flag.kind == "many" and flag.field in values:
            values[flag.field] = tuple(values[flag.field])
    return Reading(path, Globals(**glob), command.options(**values))


def _by_name(flags: Sequence[Flag]) -> dict[str, Flag]:
    """Each flag under every spelling: --x, -x, --no-x for a toggle."""
    names: dict[str, Flag] = {}
    for flag in flags:
        if flag.positional:
            continue
        names[flag.name] = flag
        if flag.short:
            names[flag.short] = flag
        if flag.kind == "toggle":
            names[f"--no-{flag.name[2:]}"] = flag
    return names


def _take(
    args: Sequence[str],
    position: int,
    by_name: Mapping[str, Flag],
    values: dict[str, Any],
    path: str,
) -> int:
    """Read the flag at ``position`` (and its value) into ``values``; the next position."""
    arg = args[position]
    name, equals, value = arg.partition("=")
    flag = by_name.get(name)
    if flag is None:
        raise UsageError("errors.no_such_option", path, option=name)
    if flag.kind in ("switch", "toggle"):
        if equals:
            raise UsageError("errors.takes_no_value", path, option=name)
        # --no-x turns a toggle off; a switch may itself be named --no-x (--no-password).
        values[flag.field] = flag.kind == "switch" or not name.startswith("--no-")
        return position + 1
    if not equals:
        position += 1
        if position == len(args) or args[position] in by_name or args[position] == "--":
            raise UsageError("errors.needs_value", path, option=name)
        value = args[position]
    if flag.kind == "many":
        values.setdefault(flag.field, []).append(value)
    else:
        values[flag.field] = Path(value) if flag.kind == "path" else value
    return position + 1


# --- what a shell is completing ---------------------------------------------------------


class Completing(NamedTuple):
    """What the last word of a command line being typed can be."""

    path: str  # the command (or group, or "" for pallnav) the words name so far
    words: tuple[str, ...]  # commands, groups and flags that fit here
    flag: Flag | None = None  # the flag (or argument) whose value is being typed
    lang: str | None = None  # --lang, when given: the language of section ids


def completing(
    words: Sequence[str], commands: Mapping[str, str], load: Callable[[str], Command]
) -> Completing:
    """Read a partly typed command line (the last word is the one being typed) the way
    :func:`read` reads a whole one, and say what may come next. Never raises."""
    *before, _ = words or [""]
    path, lang = "", None
    position = 0
    while position < len(before) and path not in commands:
        word = before[position]
        flag = _by_name(GLOBAL_FLAGS).get(word)
        if flag is not None and flag.kind in VALUE_KINDS:
            if flag is LANG and position + 1 < len(before):
                lang = before[position + 1]
            position += 2
            continue
        candidate = f"{path} {word}".strip()
        if not word.startswith("-") and any(
            name == candidate or name.startswith(candidate + " ") for name in commands
        ):
            path = candidate
        position += 1
    if path not in commands:
        below = next_words(path, commands)
        flags = GLOBAL_FLAGS if not path else (HELP,)
        return Completing(path, (*below, *_spellings(flags)), None, lang)
    command = load(path)
    own = _by_name(command.flags)
    everything = {**_by_name(GLOBAL_FLAGS), **own}
    positional = [f for f in command.flags if f.positional]
    while position < len(before):
        word = before[position]
        flag = everything.get(word)
        if flag is not None and flag.kind in VALUE_KINDS:
            if position + 1 == len(before):
                return Completing(path, (), flag, lang)
            if flag.name == LANG.name:
                lang = before[position + 1]
            position += 2
            continue
        if flag is None and not word.startswith("-") and positional:
            positional.pop(0)
        position += 1
    offered = [*command.flags, *(f for f in GLOBAL_FLAGS if f.name not in own and f is not VERSION)]
    return Completing(path, _spellings(offered), positional[0] if positional else None, lang)


def next_words(path: str, commands: Mapping[str, str]) -> tuple[str, ...]:
    """The words that may follow ``path``: the commands and groups it holds, in order."""
    prefix = f"{path} " if path else ""
    found: list[str] = []
    for name in commands:
        if name.startswith(prefix):
            word = name[len(prefix) :].split(" ")[0]
            if word not in found:
                found.append(word)
    return tuple(found)


def _spellings(flags: Sequence[Flag]) -> tuple[str, ...]:
    return tuple(name for name in _by_name(flags) if name.startswith("--"))
