"""The bundled packs, loaded once per test process, and the guide for each answer
combination, tailored once per test process.

The content tests read every answer combination in both languages, several times
over (each module asks its own question of the same guides). ``tailor`` is pure, so
a guide worked out once is the guide: sharing it took a third off those tests."""

from __future__ import annotations

from functools import cache

from pallnav.answers import Answers
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack
from pallnav.pack_loader import load_pack
from pallnav.tailor import Guide, tailor

_LOADED: dict[str, Pack] = {}


def pack(language: str) -> Pack:
    """The bundled pack in ``language`` (one object per process: do not change it)."""
    if language not in _LOADED:
        _LOADED[language] = load_pack(bundled_content_dir(language))
    return _LOADED[language]


def tailored(chosen: Pack, answers: Answers) -> Guide:
    """``tailor(chosen, answers)``, remembered for the bundled packs."""
    if _LOADED.get(chosen.language) is chosen:
        return _tailored(chosen.language, answers)
    return tailor(chosen, answers)


@cache
def _tailored(language: str, answers: Answers) -> Guide:
    return tailor(pack(language), answers)
