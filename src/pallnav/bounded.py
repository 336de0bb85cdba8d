"""Reading files pallnav does not control, within bounds.

A hostile or broken file must cost little: a FIFO must not hang the reader, a
device must not be read without end, and a TOML document must be small and
plain enough before ``tomllib`` sees it (one key of tens of thousands of dotted
parts costs the parser gigabytes and minutes). Every TOML file pallnav reads
(packs, answers, config, the profile, ``team.toml``) goes through
:func:`read_regular` and :func:`parse_toml`; ``store.read_toml`` joins the two
for a person's own files.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

#: A person's own files (answers, config, profile, team): a few hundred bytes each.
PERSON_FILE_BYTES = 64 * 1024
#: One file of a content pack (a TOML file or a section).
PACK_FILE_BYTES = 1024 * 1024


class Limits(NamedTuple):
    """How much TOML we parse: bytes, characters on a line, nesting of [ and {,
    and parts in one dotted key (``a.b.c``)."""

    size: int = PERSON_FILE_BYTES
    line: int = 10_000
    depth: int = 32
    parts: int = 32


PERSON = Limits()
PACK = Limits(size=PACK_FILE_BYTES)


class TooBig(ValueError):
    """A file or TOML document past a limit; ``reason`` says which, in English
    (for a pack's maintainer), ``key``/``values`` name it for the catalogue."""

    def __init__(self, key: str, reason: str, *, at: int | None = None, **values: object):
        super().__init__(reason)
        self.key = key
        self.reason = reason
        #: The line where the limit was passed, when one can be named.
        self.line = at
        self.values = values


class NotRegular(OSError):
    """A path that names a folder, a FIFO, a device or a socket, not a file."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Opened without blocking (a FIFO with no writer returns at once) and checked
    with fstat before a byte is read: anything but a regular file is
    :class:`NotRegular`; more than ``limit`` bytes is :class:`TooBig`. Other
    errors are the OSError itself (FileNotFoundError, PermissionError, ...).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise NotRegular(0, "not a regular file", str(path))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(64 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooBig("reasons.too_big", f"larger than {limit} bytes", limit=limit)
    finally:
        os.close(fd)
    return b"".join(chunks)


# Strings and comments (skipped), and the characters that open or close nesting,
# separate dotted keys, or end a line. Multi-line strings may span lines. Compiled
# by re on first use: only text that is really parsed needs it (start-up).
_TOKENS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^']|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\[\]{}.,=\n]"
)


def check_toml(text: str, limits: Limits = PERSON) -> None:
    """Raise :class:`TooBig` if ``text`` is past ``limits``; cheap, before the parser.

    Dots are counted outside strings and comments, per key (up to ``=`` or the
    end of a table header), so ``a.b.c = 1.5`` has three key parts and the
    number's dot does not count.
    """
    if len(text) > limits.size:
        raise TooBig("reasons.too_big", f"larger than {limits.size} bytes", limit=limits.size)
    for number, row in enumerate(text.split("\n"), start=1):
        if len(row) > limits.line:
            raise TooBig(
                "reasons.line_too_long",
                f"line {number} is longer than {limits.line} characters",
                at=number,
                line=number,
                limit=limits.line,
            )
    open_: list[str] = []  # the [ and { we are inside, innermost last
    parts = 1
    in_key = True  # at the start of a line, or after { or , in a table: a key may follow
    line = 1
    for token in re.finditer(_TOKENS, text, re.DOTALL):
        kind = token.group()
        if kind[0] in "\"'#":
            line += kind.count("\n")
            continue
        if kind == "\n":
            line += 1
            if not open_:
                in_key, parts = True, 1
        elif kind in "[{":
            if len(open_) >= limits.depth:
                raise TooBig(
                    "reasons.too_deep",
                    f"nested more than {limits.depth} levels deep",
                    at=line,
                    limit=limits.depth,
                )
            # A [ where a key may stand opens a table header: its key follows.
            in_key = kind == "{" or (in_key and (not open_ or open_[-1] == "["))
            open_.append(kind)
            parts = 1
        elif kind in "]}":
            if open_:
                open_.pop()
            in_key = False
        elif kind == ",":
            in_key = bool(open_) and open_[-1] == "{"
            parts = 1
        elif kind == "=":
            in_key = False
        elif kind == "." and in_key:
            parts += 1
            if parts > limits.parts:
                raise TooBig(
                    "reasons.too_many_parts",
                    f"a key of more than {limits.parts} dotted parts",
                    at=line,
                    limit=limits.parts,
                )


def parse_toml(text: str, limits: Limits = PERSON) -> dict[str, Any]:
    """``tomllib.loads`` after :func:`check_toml`; nesting past Python's own limit
    is a TooBig too. A TOML error is ``tomllib.TOMLDecodeError`` as ever."""
    import tomllib  # only when something is parsed (the bundled data comes prepared)

    check_toml(text, limits)
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise TooBig("reasons.too_deep", "nested too deeply", limit=limits.depth) from None
