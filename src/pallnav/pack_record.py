"""A pack's ``record.toml``: the words of the daily symptom check (``pallnav log``).

Read by ``pack_loader`` as part of a whole pack (so ``pallnav content check``
names every problem), or alone by :func:`load_record_words` (``pallnav log`` needs
nothing else). The file is optional: a pack made before it existed has none,
and ``in_use.record_words`` then takes the built-in pack's.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pallnav.pack import RECORD_FILE, ROLES, PackInvalid, RecordWords, Symptom
from pallnav.record import ITEMS

if TYPE_CHECKING:
    from pallnav.pack import Source
    from pallnav.pack_loader import _Loader

_TOP_KEYS = ("sources", "marks", "other_name", "items")
_ITEM_KEYS = ("label", "prompt", "low", "high")


def read_record(loader: _Loader, sources: Mapping[str, Source] | None) -> RecordWords | None:
    """record.toml's words, checked (each problem noted on ``loader``); None
    when the pack has no record.toml or it cannot be used. With ``sources`` None
    (pallnav log), the ids cited are not looked up in pack.toml: the whole pack's
    check (``content check``, every load of the guide) does that."""
    f = RECORD_FILE
    if not (loader.directory / f).exists():
        return None
    data = loader.load_toml(f)
    if data is None:
        return None
    for key in data:
        if key not in _TOP_KEYS:
            loader.problem(f, f"unknown key {key!r}; use: {', '.join(_TOP_KEYS)}", key, key)
    cited: tuple[str, ...] = ()
    if "sources" in data and sources is not None:
        cited = loader.source_ids(f, data, sources, "")
    elif isinstance(data.get("sources"), list):
        cited = tuple(str(item) for item in data["sources"])
    marks = loader.need(f, data, "marks", dict) or {}
    tell_team = loader.need(f, marks, "tell_team", str, "marks")
    call_now = loader.need(f, marks, "call_now", str, "marks")
    other_name = _voices(loader, data, "other_name", "")
    table = loader.need(f, data, "items", dict) or {}
    items: dict[str, Symptom] = {}
    for extra in set(table) - set(ITEMS):
        loader.problem(f, f"unknown symptom id {extra!r}; use: {', '.join(ITEMS)}", extra, extra)
    for item in ITEMS:
        entry = table.get(item)
        where = f"items.{item}"
        if not isinstance(entry, dict):
            loader.problem(f, f"missing table [{where}]", where, "[items")
            continue
        for key in set(entry) - set(_ITEM_KEYS):
            loader.problem(f, f"unknown key {key!r}; use: {', '.join(_ITEM_KEYS)}", where, key)
        label = loader.need(f, entry, "label", str, where)
        low = loader.need(f, entry, "low", str, where)
        high = loader.need(f, entry, "high", str, where)
        prompts = _voices(loader, entry, "prompt", where)
        if label and low and high and prompts:
            items[item] = Symptom(item, label.strip(), prompts, low.strip(), high.strip())
    if len(items) != len(ITEMS) or not (tell_team and call_now and other_name):
        return None
    return RecordWords(items, other_name, tell_team.strip(), call_now.strip(), cited)


def _voices(
    loader: _Loader, table: Mapping[str, Any], key: str, where: str
) -> tuple[tuple[str, str], ...]:
    """A question worded for every role: ``prompt.patient``, ``prompt.caregiver``, ..."""
    f = RECORD_FILE
    voices = loader.need(f, table, key, dict, where) or {}
    name = f"{where}.{key}" if where else key
    for extra in set(voices) - set(ROLES):
        loader.problem(f, f"unknown role {extra!r}; use: {', '.join(ROLES)}", name, extra)
    found: list[tuple[str, str]] = []
    for role in ROLES:
        text = loader.need(f, voices, role, str, name)
        if text:
            found.append((role, text.strip()))
    return tuple(found) if len(found) == len(ROLES) else ()


def load_record_words(directory: Path) -> RecordWords | None:
    """Only the symptom check's words: what ``pallnav log`` needs. None when the
    pack has no record.toml."""
    from pallnav.pack_loader import _Loader

    loader = _Loader(directory)
    words = read_record(loader, None)
    if loader.problems:
        raise PackInvalid(loader.problems)
    return words
