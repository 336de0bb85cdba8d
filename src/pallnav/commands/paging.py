"""Long output on a terminal goes through a pager, as git and gh do.

Only when stdout is a capable terminal (not a pipe or a file, not ``--plain`` or
TERM=dumb, whose linear text stays as it was; NO_COLOR only takes the colour
away), ``--no-pager`` was not
given, and the text is taller than the screen. The pager is PALLNAV_PAGER, then
PAGER, then ``less``; LESS is ``FRX`` unless set (quit when it fits, keep
colours, leave the text on the screen). An empty value, or ``cat``, means none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TextIO

from pallnav.context import Context
from pallnav.document import Document
from pallnav.render import make_console, supports_links, to_plain, write_rich


def rendered(document: Document, *, plain: bool, width: int, environ: Mapping[str, str]) -> str:
    """``document`` as the text ``render.show`` would write: plain, or Rich's escapes."""
    if plain:
        return to_plain(document, width)
    import io

    buffer = io.StringIO()
    console = make_console(buffer, environ)
    console.width = width
    write_rich(document, console, links=supports_links(environ))
    return buffer.getvalue()


def show_paged(
    context: Context, document: Document, *, plain: bool, no_pager: bool, rich: bool = False
) -> None:
    """Write ``document`` to stdout; through the pager when it is taller than the screen.
    ``rich``: Rich asked for by name (``--format rich``), even in a pipe."""
    plain = context.plain(plain, rich=rich)
    text = rendered(document, plain=plain, width=context.width, environ=context.environ)
    if plain or no_pager or not context.stdout_is_terminal or text.count("\n") < context.height:
        context.stdout.write(text)
        return
    command = pager_command(context.environ)
    if command is None or not run_pager(text, command, context.environ, context.stdout):
        context.stdout.write(text)


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """PALLNAV_PAGER, then PAGER, then less, as a command line; None for no pager."""
    import shlex

    value = environ.get("PALLNAV_PAGER")
    if value is None:
        value = environ.get("PAGER", "less")
    try:
        command = shlex.split(value)
    except ValueError:
        return None
    return None if not command or command == ["cat"] else command


def run_pager(
    text: str, command: Sequence[str], environ: Mapping[str, str], stream: TextIO
) -> bool:
    """``text`` through ``command``, on this terminal; False if it could not start."""
    import contextlib
    import signal
    import subprocess

    env = dict(environ)
    env.setdefault("LESS", "FRX")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if encoding.lower().replace("-", "") == "utf8":
        # What we send is UTF-8; less would show its bytes where the locale is not installed.
        env.setdefault("LESSCHARSET", "utf-8")
    stream.flush()
    try:
        process = subprocess.Popen(list(command), stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    # Ctrl-C belongs to the pager while it runs (less stops its search on it).
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader quit before the end
            process.stdin.write(text.encode(encoding, "replace"))
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
