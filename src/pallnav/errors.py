"""The project's own error type and exit codes, named once.

Commands raise :class:`PallnavError` with a message key from the catalogue
(``locales/<lang>.toml``) and the values to put in it; ``cli.main`` is the one
place that turns it into a single line on stderr, in the reader's language, and
an exit code.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType
from typing import NamedTuple

from pallnav.safetext import escaped


class ExitCode(IntEnum):
    """Exit codes people and scripts rely on (README, "Exit codes")."""

    OK = 0
    #: A check said no (``hours --check`` while closed, ``update --check`` with
    #: an update waiting), or a download failed.
    NO = 1
    #: Bad input or usage: a wrong flag value, a broken file, an unknown id.
    USAGE = 2
    #: Something went wrong inside pallnav itself (a bug): sysexits' EX_SOFTWARE.
    INTERNAL = 70
    #: A file could not be written: a full disk, a read-only or locked folder
    #: (sysexits' EX_CANTCREAT). Not the person's input, so not 2.
    CANNOT_WRITE = 73
    #: Interrupted with Ctrl-C.
    INTERRUPTED = 130


class Phrase(NamedTuple):
    """A part of a message that is itself a message: rendered in the reader's language."""

    key: str
    values: Mapping[str, object] = MappingProxyType({})


_OS_REASONS = {
    errno.ENOENT: "reasons.not_found",
    errno.EACCES: "reasons.permission",
    errno.EPERM: "reasons.permission",
    errno.ENOSPC: "reasons.disk_full",
    errno.EDQUOT: "reasons.disk_full",
    errno.EROFS: "reasons.read_only",
    errno.EISDIR: "reasons.is_folder",
    errno.ENOTDIR: "reasons.not_folder",
}


def os_reason(error: OSError) -> Phrase | str:
    """Why a file operation failed, in words the catalogue knows, else the system's."""
    key = _OS_REASONS.get(error.errno or 0)
    return Phrase(key) if key else (error.strerror or str(error))


class GivenProblem(ValueError):
    """Something a person gave that cannot be used, found by the pure core (a team
    entry, a symptom score): ``field`` is the flag or key, ``value`` what was given,
    ``reason`` a code the shell turns into words in the reader's language."""

    def __init__(self, field: str, value: str, reason: str = "bad") -> None:
        super().__init__(f"{field}: {reason}: {value!r}")
        self.field = field
        self.value = value
        self.reason = reason


class PallnavError(Exception):
    """An error we expect and can explain in one line.

    ``key`` names the message in the catalogue; ``values`` fill its placeholders.
    """

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, key: str, /, *, exit_code: ExitCode | None = None, **values: object):
        super().__init__(key)
        self.key = key
        self.values = values
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        details = ", ".join(f"{name}={value}" for name, value in self.values.items())
        return f"{self.key} ({details})" if details else self.key


class ReaderGone(Exception):
    """The reader of our output went away (``pallnav hours | head -1``): nothing more
    is said, and the exit code is 1, as for any broken pipe."""


class WriteError(PallnavError):
    """A file or folder could not be written on this computer (exit 73)."""

    exit_code = ExitCode.CANNOT_WRITE


class PackError(PallnavError):
    """A content pack is broken: names the file, the line, the field and the reason.

    The detail is for the pack's maintainer and stays in English; the line around
    it is in the reader's language.
    """

    def __init__(self, file: str, field: str, reason: str, *, line: int | None = None) -> None:
        where = f"{file}:{line}" if line is not None else file
        field_part = f" {field}:" if field else ""
        # The field and reason may quote the broken pack itself: keep them inert,
        # and show what is there (escaped), not a silently changed value.
        self.detail = escaped(f"{where}:{field_part} {reason}")
        super().__init__("errors.pack", detail=self.detail)
        self.file = file
        self.field = field
        self.reason = reason
        self.line = line


class DownloadError(PallnavError):
    """A content update could not be fetched or verified (exit 1)."""

    exit_code = ExitCode.NO
