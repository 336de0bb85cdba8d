"""Every web address in a pack's files, and where each one is, read as plain text.

For ``pallnav content check-links``: sources' and channels' ``url`` in the TOML
files, Markdown links and bare addresses in the sections. Textual on purpose:
a maintainer can check the links of a pack that does not validate yet, and of
a test pack that points at a local server.
"""

from __future__ import annotations

import re
from pathlib import Path

from pallnav.bounded import PACK, TooBig, read_regular
from pallnav.pack import SECTIONS_DIR

# Up to whitespace, a quote or a bracket; balanced (...) stay part of it.
_URL = re.compile(r"""https?://[^\s<>"'`()\[\]]+(?:\([^\s<>"'`()]*\)[^\s<>"'`()\[\]]*)*""")
_TRAILING = ".,;:!?*_"


def urls_in(text: str) -> list[tuple[str, int]]:
    """Each http(s) address in ``text`` with its line number, in order."""
    found: list[tuple[str, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _URL.finditer(line):
            url = match.group(0).rstrip(_TRAILING)
            if url.count("://") == 1 and len(url) > len("https://"):
                found.append((url, number))
    return found


def pack_links(directory: Path) -> dict[str, list[str]]:
    """Each address in the pack in ``directory`` and the places that hold it
    (``sections/310-how-to-get-it.md:15``), in the order first seen."""
    files = sorted(directory.glob("*.toml")) + sorted(directory.glob(f"{SECTIONS_DIR}/*.md"))
    links: dict[str, list[str]] = {}
    for path in files:
        if path.name.startswith(".") or not path.is_file():
            continue
        relative = path.relative_to(directory).as_posix()
        try:  # bounded, and never a FIFO or a device (content check names those)
            text = read_regular(path, PACK.size).decode("utf-8", errors="replace")
        except (OSError, TooBig):
            continue
        for url, line in urls_in(text):
            links.setdefault(url, []).append(f"{relative}:{line}")
    return links
