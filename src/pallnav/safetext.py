"""Make untrusted text inert for a terminal.

Text from a content pack or from a person may carry escape sequences that move
the cursor, retitle the terminal or hide a link, and bidi controls that reorder
what is shown. :func:`clean` removes them; :func:`unsafe_characters` names what
a pack must not contain at all.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST),
# DCS/SOS/PM/APC (ESC P/X/^/_ ... ST) and two-character escapes (ESC x).
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]             # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, ended by BEL or ST (or not at all)
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?     # DCS, SOS, PM, APC
    | \x1b[@-Z\\-_]                     # two-character escapes
    | \x9b[0-?]*[ -/]*[@-~]             # 8-bit CSI
    | \x9d[^\x07\x9c]*(?:\x07|\x9c)?      # 8-bit OSC
    """,
    re.VERBOSE,
)

# C0 and C1 controls except tab and newline, DEL, zero-width characters,
# bidi embeddings, overrides and isolates, and the BOM.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def clean(text: str) -> str:
    """Return ``text`` NFC-normalised, with escape sequences and controls removed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _INVISIBLE.sub("", text)


def unsafe_characters(text: str) -> list[str]:
    """Name each control or invisible character in ``text`` (``U+001B``), once each."""
    found = dict.fromkeys(f"U+{ord(ch):04X}" for ch in _INVISIBLE.findall(text) if ch != "\r")
    return list(found)


def has_unsafe_characters(text: str) -> bool:
    """A quick check before a line-by-line report: any control or invisible character?"""
    return any(ch != "\r" for ch in _INVISIBLE.findall(text))


def shown(value: object, limit: int = 60) -> str:
    """A value quoted for an error message: cleaned, shortened, never multi-line."""
    text = clean(str(value)).replace("\n", " ").replace("\t", " ")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'
