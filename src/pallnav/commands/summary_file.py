"""The personal summary as a file: its default name, and writing it privately."""

from __future__ import annotations

from pathlib import Path

from pallnav import store
from pallnav.contacts import Contacts


def summary_name(contacts: Contacts) -> str:
    """The default summary file name, dated in the person's own zone:
    pallnav-summary-YYYY-MM-DD.md."""
    return f"pallnav-summary-{contacts.at.date().isoformat()}.md"


def write_summary(path: Path, text: str, *, force: bool) -> Path:
    """Write a summary atomically with mode 0600; never replace a file without ``force``."""
    path = path.expanduser()
    store.write_private(path, text, overwrite=force)
    return path
