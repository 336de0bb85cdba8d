"""Keeping a file the person names at a question (the navigator's "Save ..." and
the guide's offer at its end): nothing can go wrong that asking again will mend.

The suggested name is free (``-2``, ``-3`` ... after one that is there) and
shown selected, so typing a name replaces it; a name with no extension pallnav
knows gets the one of the format written (``visit`` becomes ``visit.html``); a
file that is there is replaced only after a yes; the message gives the full
path, and what was kept is remembered for the goodbye if Ctrl-C comes later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from pallnav import store
from pallnav.commands.printable import with_extension
from pallnav.commands.summary_file import free_name
from pallnav.context import Context
from pallnav.errors import PallnavError
from pallnav.i18n import Messages
from pallnav.prompts import Terminal, ask_text, choose


class Save(NamedTuple):
    """Something to keep as a file: the name to suggest, the format a name with
    no known extension gets, how to write it (to a path, replacing a file there
    or not; it returns where it went), and what to say then."""

    name: str
    output_format: str
    write: Callable[[Path, bool], Path]
    said: str  # a catalogue key, with {path}


#: Errors where another name may do: ask again.
_ASK_AGAIN = ("errors.file_exists", "errors.no_folder", "errors.no_home", "errors.cannot_write")


def save_as(
    context: Context, messages: Messages, terminal: Terminal, what: Save, prompt: str
) -> str | None:
    """Ask for a name and write ``what`` there; the line saying where it went, or
    None when the person left the name empty (or the disk cannot take it)."""
    name = free_name(Path(what.name))
    while True:
        typed = ask_text(prompt, name, terminal)
        if not typed:
            return None
        name = typed
        try:
            path = _absolute(store.expand_path(Path(typed)))
            if path.is_dir():  # a folder: the suggested name, in it
                path = Path(free_name(path / Path(what.name).name))
            path = with_extension(path, what.output_format)
            replace = _replace(messages, terminal, path) if _there(path) else False
            if replace is None:  # another name: the next free one, suggested as typed
                name = free_name(with_extension(Path(typed), what.output_format))
                continue
            where = what.write(path, replace)
        except PallnavError as error:
            context.say(messages.explain(error))
            if error.key in _ASK_AGAIN and error.exit_code == 2:
                continue
            return None  # a full or read-only disk: asking again will not help
        context.kept(where)
        return messages(what.said, path=where)


def _absolute(path: Path) -> Path:
    """``path`` from the root, for the message: a person finds it from there.
    Not resolved: a link stays the link (a write replaces it, never its target)."""
    return path.absolute()


def _there(path: Path) -> bool:
    import os

    return os.path.lexists(path) and not path.is_dir()


def _replace(messages: Messages, terminal: Terminal, path: Path) -> bool | None:
    """A file is at ``path``: True to replace it, None to choose another name."""
    picked = choose(
        messages("save.exists", path=path),
        [(messages("save.another"), ""), (messages("save.replace"), "replace")],
        messages,
        terminal,
    )
    return True if picked else None
