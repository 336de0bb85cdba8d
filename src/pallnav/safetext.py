"""Make untrusted text inert for a terminal.

Text from a content pack or from a person may carry escape sequences that move
the cursor, retitle the terminal or hide a link, and bidi controls that reorder
what is shown. :func:`clean` removes them (every writer calls it, or
:func:`clean_all` on what it is about to write, as a second wall behind the pack
checks); :func:`unsafe_characters` names what a pack must not contain at all;
:func:`shown` quotes a value for an error message with its controls escaped,
so the message shows what was given, not a silently changed value.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, TypeVar

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST),
# DCS/SOS/PM/APC (ESC P/X/^/_ ... ST) and two-character escapes (ESC x).
_ESCAPE_PATTERN = r"""
    \x1b\[[0-?]*[ -/]*[@-~]             # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, ended by BEL or ST (or not at all)
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?     # DCS, SOS, PM, APC
    | \x1b[@-Z\\-_]                     # two-character escapes
    | \x9b[0-?]*[ -/]*[@-~]             # 8-bit CSI
    | \x9d[^\x07\x9c]*(?:\x07|\x9c)?      # 8-bit OSC
    """
#: What every escape sequence starts with: ESC, 8-bit CSI, 8-bit OSC.
_ESCAPE_STARTS = ("\x1b", "\x9b", "\x9d")


@functools.cache
def _escape_sequence() -> re.Pattern[str]:
    """The escape sequences, compiled on first use: most text has none (start-up)."""
    return re.compile(_ESCAPE_PATTERN, re.VERBOSE)


# C0 and C1 controls except tab and newline, DEL, zero-width characters,
# bidi marks, embeddings, overrides and isolates, invisible operators, the BOM.
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
)
_INVISIBLE = re.compile(f"[{_UNSAFE}]")
# An HTML/Markdown character reference (&#x202e; &#8238; &rlm;): a viewer decodes it.
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[A-Za-z][A-Za-z0-9]{1,31});")

T = TypeVar("T")


def clean(text: str) -> str:
    """Return ``text`` NFC-normalised, with escape sequences, controls and
    references to them (``&#x202e;``) removed. Tab and newline stay."""
    if text.isascii() and text.isprintable() and "&" not in text:
        return text  # nothing to remove, nothing to normalise: most text (speed)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n")
    if any(start in text for start in _ESCAPE_STARTS):
        text = _escape_sequence().sub("", text)
    if "&" in text:
        text = _REFERENCE.sub(_safe_reference, text)
    return _INVISIBLE.sub("", text)


def clean_all(value: T) -> T:
    """``value`` with every string in it cleaned: nested tuples, NamedTuples,
    lists and dicts (keys too), for a writer to call on what it writes."""
    return _clean_any(value)  # type: ignore[no-any-return]


def _clean_any(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, tuple):
        items = [_clean_any(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [_clean_any(item) for item in value]
    if isinstance(value, dict):
        return {_clean_any(key): _clean_any(item) for key, item in value.items()}
    return value


def _safe_reference(match: re.Match[str]) -> str:
    import html

    decoded = html.unescape(match.group())
    return "" if _INVISIBLE.search(decoded) or _escape_sequence().search(decoded) else match.group()


def decoded_references(text: str) -> str:
    """``text`` with its character references decoded, as a Markdown reader would."""
    if "&" not in text or not _REFERENCE.search(text):
        return text  # html is imported only for a real reference (start-up)
    import html

    return _REFERENCE.sub(lambda m: html.unescape(m.group()), text)


def unsafe_characters(text: str) -> list[str]:
    """Name each control or invisible character in ``text`` (``U+001B``), once each."""
    found = dict.fromkeys(f"U+{ord(ch):04X}" for ch in _INVISIBLE.findall(text) if ch != "\r")
    return list(found)


def has_unsafe_characters(text: str) -> bool:
    """A quick check before a line-by-line report: any control or invisible character?"""
    return any(ch != "\r" for ch in _INVISIBLE.findall(text))


def escaped(text: str) -> str:
    """``text`` on one line with each control or invisible character written as
    an escape (``\\x1b``, ``\\u202e``, ``\\n``): inert, and nothing hidden."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        if char in "\t\n\r":
            return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}[char]
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    # Every unsafe character, and tab and newline; compiled only for a message.
    not_one_line = re.compile(f"[{_UNSAFE}\t\n]")
    return not_one_line.sub(escape, unicodedata.normalize("NFC", text))


def shown(value: object, limit: int = 60) -> str:
    """A value quoted for an error message: controls escaped, shortened, one line."""
    text = escaped(str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'
