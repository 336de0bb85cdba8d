"""pallnav in a pseudo-terminal (pexpect), in a home of its own, driven with the
keys a person presses."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import pexpect


def pty_environment(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: HOME and XDG folders under ``home``, an xterm, New York time."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "TERM": "xterm",
        "LANG": "en_US.UTF-8",
        "PALLNAV_TZ": "America/New_York",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        # pexpect does not answer prompt_toolkit's cursor position requests.
        "PROMPT_TOOLKIT_NO_CPR": "1",
        **extra,
    }


DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
ESC = "\x1b"
PAGE_DOWN = "\x1b[6~"
PAGE_UP = "\x1b[5~"
#: What may stand between two words on the screen: spaces and escape sequences.
_BETWEEN = r"(?:\s|\x1b\[[0-?]*[ -/]*[@-~])"


def spawned(command: str, args: list[str], **options: Any) -> pexpect.spawn:
    """``pexpect.spawn``, sending keys as soon as they are sent: every test sends a key
    only once the screen asks for it, so pexpect's default 50 ms pause before each
    send was only waiting (half a minute of the suite)."""
    child = pexpect.spawn(command, args, **options)
    child.delaybeforesend = None
    # ptyprocess sleeps this long in close() "to give the kernel time" before it
    # looks whether the child is still alive: ended() waits for the exit instead.
    child.ptyproc.delayafterclose = 0.0
    return child


def ended(child: pexpect.spawn) -> int:
    """Read to the end, wait for the process to exit, and give its exit code (-1
    when a signal ended it)."""
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    return child.exitstatus if child.exitstatus is not None else -1


class Session:
    """One pallnav process in a pty, 40 rows by 80 columns unless told."""

    def __init__(
        self,
        home: Path,
        *args: str,
        env: dict[str, str] | None = None,
        dimensions: tuple[int, int] = (40, 80),
    ) -> None:
        self.home = home
        # No pager: these sessions read everything as it is printed.
        environ = pty_environment(home, PALLNAV_PAGER="", **(env or {}))
        self.child = spawned(
            sys.executable,
            ["-m", "pallnav", *args],
            cwd=str(home),
            env=environ,
            encoding="utf-8",
            dimensions=dimensions,
            timeout=20,
        )
        self.screen: list[str] = []

    def wait_for(self, text: str, on: str | None = None) -> None:
        """Wait until the question ``text`` and its menu pointer are on the screen;
        with ``on``, until the pointer (») is on that choice."""
        self.child.expect_exact(text)
        self.screen.append((self.child.before or "") + text)
        if on is None:
            self.child.expect_exact("»")
        else:
            # The choice may be wrapped over two lines at 40 columns.
            words = (_BETWEEN + "+").join(re.escape(word) for word in on.split())
            self.child.expect("»" + _BETWEEN + "*" + words)

    def wait_for_screen(self) -> None:
        """Wait for a screen of the navigator: one page, or the first of several."""
        self.child.expect_exact(
            [
                "Press Enter to go back to the menu.",
                "Press Enter to go back to the list.",
                "Press Enter for the next section.",
                "Page 1 of",
            ]
        )
        self.screen.append((self.child.before or "") + str(self.child.after))
        self.child.expect_exact("»")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)

    def finish(self) -> tuple[int, str]:
        code = ended(self.child)
        return code, "".join(self.screen) + (self.child.before or "")


def words_of(drawn: str) -> str:
    """What reached the screen as words: escapes and line breaks as single spaces."""
    return " ".join(re.sub(_BETWEEN + "+", " ", drawn.replace("»", " ")).split())
