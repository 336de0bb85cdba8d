"""Each command's options, declared once as data, and read two ways.

* :func:`parse` reads plain arguments without Typer, for the commands people run
  in a hurry (``guide``, ``hours``, ``topics``, ``show``, ``export``): Typer and
  its Click cost about three times a bare ``python -c pass`` to import. It gives
  up (None) on anything unusual, and then
* :func:`typer_command` builds the Typer command from the same declarations, for
  ``--help``, usage errors and everything else.

Both give the command's ``Options`` (a NamedTuple whose defaults are the
options' defaults), so a command's ``run(context, options)`` cannot tell which
path it came from; a test holds the two parsers to the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pallnav.answers import OPTIONS

if TYPE_CHECKING:
    from pallnav.context import Context


class Flag(NamedTuple):
    """One option or argument of a command.

    ``kind``: "text" (--x VALUE), "path" (--x FILE), "switch" (--x), "toggle"
    (--x/--no-x, on by default), "many" (--x VALUE, repeatable), "argument" or
    "optional-argument" (positional).
    """

    name: str  # "--at", "--profile" for a toggle, or the argument's metavar ("ID")
    field: str  # the Options field it fills
    kind: str
    help: str
    metavar: str | None = None


OptionsT = TypeVar("OptionsT", bound=tuple[Any, ...])


def parse(args: Sequence[str], flags: Sequence[Flag], options: type[OptionsT]) -> OptionsT | None:
    """``args`` as ``options``, or None when Typer should read them instead."""
    by_name = {f.name: f for f in flags if not f.kind.endswith("argument")}
    by_name.update({f"--no-{f.name[2:]}": f for f in flags if f.kind == "toggle"})
    positional = [f for f in flags if f.kind.endswith("argument")]
    values: dict[str, Any] = {}
    position = 0
    while position < len(args):
        arg = args[position]
        name, equals, value = arg.partition("=")
        flag = by_name.get(name)
        if flag is None:
            if (arg != "-" and arg.startswith("-")) or not positional:
                return None
            values[positional.pop(0).field] = arg
        elif flag.kind in ("switch", "toggle"):
            if equals:
                return None
            values[flag.field] = not arg.startswith("--no-")
        else:
            if not equals:
                position += 1
                if position == len(args) or args[position].startswith("-"):
                    return None
                value = args[position]
            if flag.kind == "many":
                values.setdefault(flag.field, []).append(value)
            else:
                values[flag.field] = Path(value) if flag.kind == "path" else value
        position += 1
    if any(f.kind == "argument" for f in positional):
        return None  # a required argument is missing: Typer says so
    for flag in flags:
        if flag.kind == "many" and flag.field in values:
            values[flag.field] = tuple(values[flag.field])
    return options(**values)


def typer_command(
    name: str,
    doc: str,
    flags: Sequence[Flag],
    options: type[OptionsT],
    run: Callable[[Context, OptionsT], int],
) -> Callable[..., int]:
    """The Typer command for the same flags: a function with a built signature."""
    import inspect
    from typing import Annotated

    import typer

    from pallnav.commands.common import get_context

    defaults: dict[str, Any] = options._field_defaults  # type: ignore[attr-defined]
    parameters = [
        inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)
    ]
    for flag in flags:
        kind, help_text = flag.kind, flag.help
        info: Any
        if kind.endswith("argument"):
            info = typer.Argument(metavar=flag.metavar or flag.name, help=help_text)
        elif kind == "toggle":
            info = typer.Option(
                f"{flag.name}/--no-{flag.name[2:]}", help=help_text, show_default=False
            )
        else:
            info = typer.Option(flag.name, metavar=flag.metavar, help=help_text)
        annotation = {
            "text": str | None,
            "path": Path | None,
            "switch": bool,
            "toggle": bool,
            "many": list[str] | None,
            "argument": str,
            "optional-argument": str | None,
        }[kind]
        default = defaults.get(flag.field, inspect.Parameter.empty)
        if kind == "many":
            default = None
        parameters.append(
            inspect.Parameter(
                flag.field,
                inspect.Parameter.KEYWORD_ONLY,
                default=default,
                annotation=Annotated[annotation, info],
            )
        )

    def command(ctx: typer.Context, **values: Any) -> int:
        for flag in flags:
            if flag.kind == "many":
                values[flag.field] = tuple(values[flag.field]) if values[flag.field] else None
        return run(get_context(ctx), options(**values))

    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    command.__doc__ = doc
    command.__name__ = name
    return command


# --- options several commands share -------------------------------------------------


def _answer(question: str, metavar: str) -> Flag:
    return Flag(
        f"--{question}", question, "text", f"One of: {', '.join(OPTIONS[question])}.", metavar
    )


ANSWER_FLAGS = (
    _answer("role", "ROLE"),
    _answer("stage", "STAGE"),
    _answer("age", "AGE"),
    _answer("setting", "SETTING"),
    _answer("insurance", "INSURANCE"),
    Flag(
        "--concern",
        "concerns",
        "many",
        f"A main worry; repeat for more. One of: {', '.join(OPTIONS['concerns'])}.",
        "CONCERN",
    ),
    Flag(
        "--answers",
        "answers_file",
        "path",
        "Read answers from a TOML file with the same keys (concerns as a list).",
        "FILE.toml",
    ),
    Flag("--profile", "use_profile", "toggle", "Use the answers saved with --save (default: yes)."),
)
AT = Flag("--at", "at", "text", "Contact status at another time (ISO 8601).", "WHEN")
TZ = Flag("--tz", "tz", "text", "Your time zone (IANA name).", "ZONE")
LANG = Flag(
    "--lang",
    "lang",
    "text",
    "Language: en or es. Default: PALLNAV_LANG, then config, then the system's.",
    "LANG",
)
PLAIN = Flag(
    "--plain",
    "plain",
    "switch",
    "Plain text: no colour, no boxes (also when piped, NO_COLOR, or TERM=dumb).",
)
