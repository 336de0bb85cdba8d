"""The personal summary as a file: its default name, and writing it privately."""

from __future__ import annotations

from pathlib import Path

from pallnav import store
from pallnav.answers import QUESTIONS, Answers, flag
from pallnav.contacts import Contacts
from pallnav.errors import PallnavError, Phrase, WriteError, os_reason


def summary_name(contacts: Contacts) -> str:
    """The default summary file name, dated in the person's own zone:
    pallnav-summary-YYYY-MM-DD.md."""
    return f"pallnav-summary-{contacts.at.date().isoformat()}.md"


def free_name(path: Path) -> str:
    """``path``, or the first of path-2, path-3 ... that is not there yet: a name
    pallnav suggests never stands for a file that is there."""
    import os

    candidate, number = path, 2
    while os.path.lexists(store.expand_path(candidate)):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return str(candidate)


def write_summary(path: Path, text: str, *, force: bool) -> Path:
    """Write a summary atomically with mode 0600; never replace a file without ``force``."""
    path = store.expand_path(path).absolute()  # the message names it whole; a link stays one
    store.write_private(path, text, overwrite=force)
    return path


def check_destination(path: Path, *, force: bool) -> Path:
    """``path`` expanded, once everything about writing a summary there has been
    checked: before any question is asked, so a bad destination costs no answers.

    A usage error (exit 2) if ``~name`` names no one, if something is there and
    ``force`` was not given (a dangling link included), if it is a folder, a pipe
    or a device, or if its folder is missing; a WriteError (exit 73) if the folder
    cannot be written to.
    """
    import os
    import tempfile

    path = store.expand_path(path)
    if path.is_dir():  # a link to a folder too
        raise PallnavError(
            "errors.cannot_write", path=str(path), reason=Phrase("reasons.is_folder")
        )
    store.refuse_special(path)  # the write's own check, made before any question
    if os.path.lexists(path) and not force:
        raise PallnavError("errors.file_exists", path=str(path))
    folder = path.parent
    if not folder.exists():
        raise PallnavError("errors.no_folder", path=str(path))
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError("errors.cannot_write", path=str(path), reason=os_reason(error)) from None
    os.close(fd)
    Path(probe).unlink()
    return path


def again_command(path: Path, answers: Answers, *, saved: bool) -> str:
    """The command that writes the summary again: from the saved answers, or
    with every answer as a flag."""
    import shlex

    words = ["pallnav", "export", shlex.quote(str(path))]
    if not saved:
        for question in QUESTIONS:
            for value in answers.chosen(question):
                words += [flag(question), shlex.quote(value)]
    return " ".join(words)
