"""The environment for pallnav in a pseudo-terminal (pexpect): a home of its own."""

from __future__ import annotations

import os
from pathlib import Path


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
