"""``--help``, written from the declarations (``commands/flags.py``) and the catalogue.

Every word comes from the reader's catalogue: the headings (``[help]``), each
command's one-line summary (``[commands]``) and each flag's help (``[flags]``).
Only the names people type (commands, flags, examples) are the same in every language.
"""

from __future__ import annotations

import textwrap

from pallnav.commands.flags import GLOBAL_FLAGS, HELP, Flag, Registry
from pallnav.i18n import Messages

#: Help never runs wider than this, however wide the terminal.
MAX_WIDTH = 80


def help_text(path: str, registry: Registry, messages: Messages, width: int) -> str:
    """The help of pallnav itself (``path`` ""), of a group, or of a command."""
    width = max(30, min(width, MAX_WIDTH))
    prog = f"pallnav {path}".strip()
    lines: list[str] = []
    if path in registry.commands:
        command = registry.load(path)
        flags = command.flags
        arguments = [f for f in flags if f.positional]
        usage = [prog, messages("help.usage_options")]
        usage += [_argument_name(f, messages) for f in arguments]
        lines += _usage(messages, usage, width)
        lines += _paragraph(messages(f"commands.{path}"), width)
        if arguments:
            lines += [messages("help.arguments")]
            lines += _rows([_row(path, f, messages) for f in arguments], width)
            lines.append("")
        options = [f for f in flags if not f.positional]
        lines += [messages("help.options")]
        lines += _rows([_row(path, f, messages) for f in (*options, HELP)], width)
        below = registry.below(path)
        if below:  # a command that is also a group ("log", "log list")
            lines += ["", messages("help.commands")]
            rows = [(name, messages(f"commands.{path} {name}")) for name in below]
            lines += _rows(rows, width)
        examples = command.examples
    else:
        below = registry.below(path)
        usage = [prog, messages("help.usage_options"), messages("help.usage_command")]
        lines += _usage(messages, usage, width)
        about = messages("help.about") if not path else messages(f"commands.{path}")
        lines += _paragraph(about, width)
        own = GLOBAL_FLAGS if not path else (HELP,)
        lines += [messages("help.options")]
        lines += _rows([_row("", f, messages) for f in own], width)
        lines.append("")
        lines += [messages("help.commands")]
        rows = [(name, messages(f"commands.{f'{path} {name}'.strip()}")) for name in below]
        lines += _rows(rows, width)
        examples = _ROOT_EXAMPLES if not path else ()
    if examples:
        lines += ["", messages("help.examples")]
        lines += [f"  {example}" for example in examples]
    return "\n".join(lines).rstrip("\n") + "\n"


_ROOT_EXAMPLES = ("pallnav guide", "pallnav hours", "pallnav show what-it-is")


def metavar(flag: Flag, messages: Messages) -> str:
    """The name of a flag's value, or of an argument, in the reader's language."""
    name = flag.metavar or flag.name
    return messages.table.get(f"metavars.{name}", name)


def _argument_name(flag: Flag, messages: Messages) -> str:
    name = metavar(flag, messages)
    return f"[{name}]" if flag.kind == "optional-argument" else name


def _term(flag: Flag, messages: Messages) -> str:
    if flag.positional:
        return metavar(flag, messages)
    names = f"{flag.short}, {flag.name}" if flag.short else flag.name
    if flag.kind == "toggle":
        names = f"{flag.name} / --no-{flag.name[2:]}"
    return f"{names} {metavar(flag, messages)}" if flag.metavar else names


def flag_help(path: str, flag: Flag, messages: Messages) -> str:
    """A flag's help: the command's own wording if it has one, else the shared one."""
    key = f"flags.{path} {flag.name}" if path else ""
    if key not in messages.table:
        key = f"flags.{flag.name}"
    choices = ", ".join(flag.values) if isinstance(flag.values, tuple) else ""
    return messages(key, choices=choices)


def _row(path: str, flag: Flag, messages: Messages) -> tuple[str, str]:
    return _term(flag, messages), flag_help(path, flag, messages)


def _usage(messages: Messages, words: list[str], width: int) -> list[str]:
    head = f"{messages('help.usage')} "
    text = textwrap.wrap(
        " ".join(words), width, initial_indent=head, subsequent_indent=" " * len(head)
    )
    return [*text, ""]


def _paragraph(text: str, width: int) -> list[str]:
    return [*textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="  "), ""]


def _rows(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns, as Click and most tools draw them; a long term gets a line of its own."""
    if not rows:
        return []
    column = min(max(len(term) for term, _ in rows), 24) + 4
    if width - column < 24:  # a narrow screen: each help under its flag
        column = 6
    room = width - column
    lines: list[str] = []
    for term, text in rows:
        wrapped = textwrap.wrap(text, room, break_on_hyphens=False) or [""]
        if len(term) + 4 > column:
            lines.append(f"  {term}")
            lines += [" " * column + part for part in wrapped]
            continue
        lines.append(f"  {term}".ljust(column) + wrapped[0])
        lines += [" " * column + part for part in wrapped[1:]]
    return lines
