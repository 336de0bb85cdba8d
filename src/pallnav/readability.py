"""How easy a section is to read: Flesch-Kincaid grade (English) and
Fernández-Huerta ease (Spanish), measured the same way in tests and in
``pallnav content check``.

Markdown is turned into prose first, one sentence per line or list item, so a
bullet list does not read as one endless sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pallnav.errors import PallnavError

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`>]|^#+\s*|^\s*(?:[-+*]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_BARE_URL = re.compile(r"<?https?://\S+>?")


class Reading(NamedTuple):
    """One measure of a text: its name, its score and whether it passes."""

    measure: str
    score: float
    limit: float
    passes: bool

    def describe(self) -> str:
        bound = "at most" if self.measure == "grade" else "at least"
        return f"{self.measure} {self.score:.1f} ({bound} {self.limit:g})"


#: The bar each language's sections must meet.
LIMITS: dict[str, tuple[str, float]] = {
    "en": ("grade", 8.0),  # Flesch-Kincaid US grade, at most
    "es": ("ease", 70.0),  # Fernández-Huerta, at least ("bastante fácil")
}


def prose(markdown: str) -> str:
    """Markdown as plain sentences: each line or list item ends as one sentence."""
    sentences: list[str] = []
    for raw in markdown.splitlines():
        line = _LINK.sub(r"\1", raw)
        line = _BARE_URL.sub("", line)
        line = _MARKS.sub("", line).strip()
        line = line.replace("*", "").replace("`", "").strip()
        if not line or set(line) <= set("-|: "):
            continue
        if line[-1] in ":;,":
            line = line[:-1]
        if line[-1] not in ".!?":
            line += "."
        sentences.append(line)
    return " ".join(sentences)


#: How to get the reading measure, which is not installed for people who only read the guide.
AUTHORING_INSTALL = (
    "uv tool install 'pallnav[authoring]' (or: pipx install --force 'pallnav[authoring]')"
)


def require_measure() -> None:
    """Exit 2 with the install line when the authoring extra (textstat) is missing."""
    try:
        import textstat.backend  # noqa: F401
    except ImportError:
        raise PallnavError("errors.authoring_missing", install=AUTHORING_INSTALL) from None


def measure(markdown: str, language: str) -> Reading | None:
    """The reading measure for ``language``, or None when we have none for it."""
    if language not in LIMITS:
        return None
    # textstat is heavy and only needed here; 0.7.8 works offline.
    from textstat.backend import metrics

    text = prose(markdown)
    name, limit = LIMITS[language]
    if name == "grade":
        score = float(metrics.flesch_kincaid_grade(text, "en_US"))
        return Reading(name, score, limit, score <= limit)
    score = float(metrics.fernandez_huerta(text, "es"))
    return Reading(name, score, limit, score >= limit)
