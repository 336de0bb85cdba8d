"""The person's own care team, saved with ``pallnav team``: each entry's id,
name, phone, kind, hours and note, checked the same way from flags or from
``team.toml``, and shown as a channel first in every list of who to reach.

Pure: no I/O. ``store`` reads and writes the file; ``commands/team.py`` asks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from pallnav.contacts import PHONE
from pallnav.errors import GivenProblem
from pallnav.hours_spec import SpecError, read_spec, write_spec
from pallnav.pack import ID, TEAM_KINDS, Channel
from pallnav.safetext import has_unsafe_characters
from pallnav.schedule import Hours, zone_named

#: The kind a new entry gets when none is given, and its hours.
DEFAULT_KIND = "hospice"
DEFAULT_HOURS = "24/7"
#: More than anyone keeps; a longer file is not one pallnav wrote.
MAX_ENTRIES = 50
MAX_NAME = 80
MAX_PHONE = 40
MAX_NOTE = 300
#: The keys of one ``[[contact]]`` table in team.toml.
KEYS = ("id", "name", "phone", "kind", "hours", "zone", "note")


class Member(NamedTuple):
    """One entry of the person's care team. ``hours.zone`` is the team's own zone."""

    id: str
    name: str
    phone: str
    kind: str
    hours: Hours
    note: str | None = None

    def spec(self, day_names: Sequence[str] | None = None) -> str:
        """The hours as a spec (``mon-fri 08:00-17:00``), in ``day_names`` if given."""
        return write_spec(self.hours) if day_names is None else write_spec(self.hours, day_names)

    def channel(self, how: str, words: str | None = None) -> Channel:
        """This entry as a channel (source "you"), reached ``how`` ("Call ..."); its
        note is the pack's ``words`` for its kind, then the person's own note."""
        note = " ".join(text for text in (words, self.note) if text) or None
        return Channel(
            id=self.id,
            name=self.name,
            how=how,
            hours=self.hours,
            sources=(),
            phone=self.phone,
            note=note,
            kind=self.kind,
            source="you",
        )


class TeamProblem(GivenProblem):
    """Something in an entry that cannot be used: ``field`` is the flag or key
    ("phone", "hours" ...), ``value`` what was given, ``reason`` a code the shell
    words ("bad", "missing", "too_long", and SpecError's reasons for hours)."""


def check_name(text: str) -> str:
    name = " ".join(text.split())
    if not name or has_unsafe_characters(text):
        raise TeamProblem("name", text, "missing" if not name else "bad")
    if len(name) > MAX_NAME:
        raise TeamProblem("name", text, "too_long")
    return name


def check_phone(text: str) -> str:
    """The phone number as typed (trimmed): digits, spaces, ``-``, ``.``, ``()``, a
    leading ``+``, an extension (``x123``, ``ext. 123``); else TeamProblem."""
    phone = " ".join(text.split())
    if not phone:
        raise TeamProblem("phone", text, "missing")
    if len(phone) > MAX_PHONE:
        raise TeamProblem("phone", text, "too_long")
    match = PHONE.fullmatch(phone)
    if match is None or len(re.sub(r"[^0-9]", "", match.group("number"))) < 3:
        raise TeamProblem("phone", text)
    return phone


def check_kind(text: str) -> str:
    kind = text.strip().lower()
    if kind not in TEAM_KINDS:
        raise TeamProblem("kind", text)
    return kind


def check_note(text: str | None) -> str | None:
    if text is None:
        return None
    note = " ".join(text.split())
    if has_unsafe_characters(text):
        raise TeamProblem("note", text)
    if len(note) > MAX_NOTE:
        raise TeamProblem("note", text, "too_long")
    return note or None


def check_zone(text: str) -> str:
    name = text.strip()
    if zone_named(name) is not None:
        return name
    raise TeamProblem("zone", text)


def check_hours(spec: str, zone: str) -> Hours:
    try:
        return read_spec(spec, zone)
    except SpecError as error:
        raise TeamProblem("hours", error.part, error.reason) from error


def slug(name: str, taken: Iterable[str] = ()) -> str:
    """An id for ``name`` unlike any in ``taken``: "Hospice nurse line" → hospice-nurse-line."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    ascii_text = folded.encode("ascii", "ignore").decode()
    base = "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:40].strip("-") or "team"
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def from_mapping(data: Mapping[str, Any]) -> tuple[Member, ...]:
    """The entries of team.toml's table; TeamProblem names the first thing wrong."""
    unknown = [key for key in data if key != "contact"]
    if unknown:
        raise TeamProblem("file", str(unknown[0]))
    rows = data.get("contact", [])
    if not isinstance(rows, list) or len(rows) > MAX_ENTRIES:
        raise TeamProblem("contact", "", "bad")
    members: list[Member] = []
    for row in rows:
        if not isinstance(row, dict):
            raise TeamProblem("contact", "")
        for key, value in row.items():
            if key not in KEYS:
                raise TeamProblem(str(key), "", "unknown")
            if not isinstance(value, str):
                raise TeamProblem(key, "")
        member_id = row.get("id", "")
        if not ID.fullmatch(member_id) or member_id in {m.id for m in members}:
            raise TeamProblem("id", member_id)
        zone = check_zone(row.get("zone", ""))
        members.append(
            Member(
                id=member_id,
                name=check_name(row.get("name", "")),
                phone=check_phone(row.get("phone", "")),
                kind=check_kind(row.get("kind", "")),
                hours=check_hours(row.get("hours", ""), zone),
                note=check_note(row.get("note")),
            )
        )
    return tuple(members)


def to_mapping(members: Iterable[Member]) -> dict[str, Any]:
    """team.toml's table for ``members`` (the hours written as a spec)."""
    rows: list[dict[str, str]] = []
    for member in members:
        row = {
            "id": member.id,
            "name": member.name,
            "phone": member.phone,
            "kind": member.kind,
            "hours": member.spec(),
            "zone": member.hours.zone,
        }
        if member.note:
            row["note"] = member.note
        rows.append(row)
    return {"contact": rows}


def find(members: Sequence[Member], member_id: str) -> Member | None:
    return next((m for m in members if m.id == member_id), None)
