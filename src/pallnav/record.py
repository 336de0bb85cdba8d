"""The symptom record and the medicine list (``pallnav log``, ``pallnav meds``):
a day's scores, a medicine, and how each symptom has gone over the last days.

Pure: no I/O, no clock (``today`` is always passed in). ``record_store`` keeps
them in SQLite; ``commands/log.py`` and ``commands/meds.py`` ask and show; the
visit sheet prints :func:`summarize`'s rows.

The symptoms are the ones palliative teams screen for with the revised Edmonton
Symptom Assessment System (ESAS-r): each scored 0 (none) to 10 (worst possible),
"right now", with one "other problem" the person names. ESAS-r is free to use
with acknowledgement, but "in its current form and name may not be modified
without the prior consent of the authors" (ESAS-r Administration Manual,
Alberta Health Services / Covenant Health / University of Alberta, 2019). We ask
in the reader's voice, so pallnav does not reuse its wording or its name for
the form: each pack words the items itself (``record.toml``).

When a symptom is marked "tell your care team":

* its latest score is 7 or more (:data:`HIGH_SCORE`): across ESAS symptoms, 7
  is the single best cut-point between "severe" and not, by patients' own
  words (Selby D et al., J Pain Symptom Manage 2010;39(2):241-249);
* or it rose by 3 or more (:data:`RISE`), from its lowest score earlier in the
  days shown to the latest. Our own choice: the smallest change patients feel
  as "worse" is about 1 to 2 points per symptom (Bedard G et al., J Pain Symptom
  Manage 2013;46(2):192-200), and scores move a point or two from day to day
  on their own; 3 marks a real change without marking every wobble.

Pain or shortness of breath with a latest score of 7 or more also says to call
the team now, day or night, and 911 in an emergency (:data:`URGENT`): our
choice, as both can turn into an emergency and have treatments that work fast.

Nothing here diagnoses: a mark says who to tell, never what a score means.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from pallnav.errors import GivenProblem
from pallnav.safetext import has_unsafe_characters

#: Every symptom, in the order asked and shown: a public contract (flags, the
#: database's columns, JSON and CSV keys), like the answers' option ids.
ITEMS: tuple[str, ...] = (
    "pain",
    "tiredness",
    "drowsiness",
    "nausea",
    "appetite",
    "breathing",
    "sadness",
    "worry",
    "wellbeing",
    "other",
)
#: Symptoms whose score of HIGH_SCORE or more says to call the team now.
URGENT: tuple[str, ...] = ("pain", "breathing")
LOWEST, HIGHEST = 0, 10
#: A latest score this high is marked "tell your care team" (Selby 2010).
HIGH_SCORE = 7
#: A rise this big, from the lowest earlier score in the days shown, is marked too.
RISE = 3
#: The earliest day a record may hold (older is a typo).
EARLIEST = date(1900, 1, 1)
#: Days the record and the sheet look back by default.
DEFAULT_DAYS = 7
#: Longest free text: a note, a medicine's fields, the other problem's name.
MAX_NOTE = 500
MAX_NAME = 80
MAX_FIELD = 120
#: More medicines than anyone keeps on one list; more is not a list pallnav wrote.
MAX_MEDICINES = 100
#: The days ``--days`` may ask for: about a century.
MAX_DAYS = 36_600


class Entry(NamedTuple):
    """One day's check: a score for each symptom given (``scores`` in ITEMS order).

    ``other``: the name of the other problem (scored under "other"); ``by``: who
    recorded it (a role id: patient, caregiver, professional) when known;
    ``saved``: when it was saved (UTC).
    """

    day: date
    scores: tuple[tuple[str, int], ...]
    other: str | None = None
    note: str | None = None
    by: str | None = None
    saved: datetime | None = None

    def score(self, item: str) -> int | None:
        return dict(self.scores).get(item)

    @property
    def empty(self) -> bool:
        return not self.scores and not self.note


class Medicine(NamedTuple):
    """One medicine on the list, as the person would write it by hand: nothing
    here is checked against a drug database, and nothing is advised."""

    id: str
    name: str
    dose: str | None = None
    when: str | None = None  # "8 am and 8 pm", "when needed for pain"
    purpose: str | None = None  # what it is for (--for)


class Summary(NamedTuple):
    """How one symptom went over the days asked for: :func:`summarize`'s rows.

    ``days``: its scores, oldest first (for a chart). ``direction``: "up",
    "down" or "same" comparing the latest score with the first one shown, or
    "once" with a single score. ``rise``: the latest score minus the lowest
    earlier one (0 when none is lower). ``other``: the problem's name, for
    the "other" item (one row per name).
    """

    item: str
    days: tuple[tuple[date, int], ...]
    latest: int
    latest_day: date
    low: int
    high: int
    first: int
    direction: str
    rise: int
    other: str | None = None

    @property
    def high_now(self) -> bool:
        return self.latest >= HIGH_SCORE

    @property
    def rose(self) -> bool:
        return self.rise >= RISE

    @property
    def tell_team(self) -> bool:
        """Marked "tell your care team": latest 7 or more, or up by 3 or more."""
        return self.high_now or self.rose

    @property
    def call_now(self) -> bool:
        """Pain or shortness of breath at 7 or more: call the team now, 911 in an emergency."""
        return self.item in URGENT and self.high_now

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why it is marked: "high" (7 or more), "rose" (up by 3 or more)."""
        return tuple(name for name, on in (("high", self.high_now), ("rose", self.rose)) if on)


class RecordProblem(GivenProblem):
    """Something given that cannot be kept: ``field`` is the item or flag name
    ("pain", "at", "note", "name" ...), ``value`` what was given, ``reason`` a
    code the shell words: "range" (not 0-10), "not_number", "future",
    "too_early", "bad_date", "unknown", "too_long", "bad" (controls), "missing"."""


# --- checking what a person gives ------------------------------------------------------


def check_item(text: str) -> str:
    """A symptom id; else RecordProblem("symptom", text, "unknown")."""
    item = text.strip().lower()
    if item not in ITEMS:
        raise RecordProblem("symptom", text, "unknown")
    return item


def check_score(item: str, value: str | int) -> int:
    """A whole number 0-10 for ``item``; else RecordProblem naming it."""
    check_item(item)
    if isinstance(value, bool):
        raise RecordProblem(item, str(value), "not_number")
    if isinstance(value, int):
        number = value
    else:
        text = value.strip()
        if not re.fullmatch(r"[+-]?[0-9]{1,6}", text):
            raise RecordProblem(item, value[:40], "not_number")
        number = int(text)
    if not LOWEST <= number <= HIGHEST:
        raise RecordProblem(item, str(value)[:40], "range")
    return number


#: Words for a day besides an ISO date, in every language pallnav speaks.
DAY_WORDS: Mapping[str, int] = {"today": 0, "yesterday": 1, "hoy": 0, "ayer": 1}


def check_day(text: str, today: date) -> date:
    """A day of the record: ``2026-12-03``, ``today`` or ``yesterday`` (``hoy``,
    ``ayer``); never after ``today``, never before 1900."""
    word = text.strip().lower()
    if word in DAY_WORDS:
        return today - timedelta(days=DAY_WORDS[word])
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", word):
        raise RecordProblem("at", text[:40], "bad_date")
    try:
        day = date.fromisoformat(word)
    except ValueError:
        raise RecordProblem("at", text, "bad_date") from None
    return check_day_range(day, today)


def check_day_range(day: date, today: date) -> date:
    if day > today:
        raise RecordProblem("at", day.isoformat(), "future")
    if day < EARLIEST:
        raise RecordProblem("at", day.isoformat(), "too_early")
    return day


def check_days(value: str | int) -> int:
    """How many days to look back: a whole number from 1 to about a century."""
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{1,6}", text) or not 1 <= int(text) <= MAX_DAYS:
        raise RecordProblem("days", text[:40], "range")
    return int(text)


def check_text(field: str, text: str | None, limit: int) -> str | None:
    """Free text on one line: spaces collapsed, no control or invisible
    characters, at most ``limit`` characters; None when empty."""
    if text is None:
        return None
    if len(text) > limit * 4:  # judged on its length alone: a 10 MB note is not read
        raise RecordProblem(field, text[:40], "too_long")
    if has_unsafe_characters(text):
        raise RecordProblem(field, text, "bad")
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    if len(cleaned) > limit:
        raise RecordProblem(field, text[:40], "too_long")
    return cleaned or None


def check_note(text: str | None) -> str | None:
    return check_text("note", text, MAX_NOTE)


def check_other(text: str | None) -> str | None:
    """The other problem's name ("constipation")."""
    return check_text("other", text, MAX_NAME)


def make_entry(
    day: date,
    scores: Mapping[str, int],
    *,
    other: str | None = None,
    note: str | None = None,
    by: str | None = None,
    saved: datetime | None = None,
) -> Entry:
    """An Entry from checked values, its scores put in ITEMS order. A score for
    "other" needs the problem's name (RecordProblem("other", "", "missing"))."""
    for item in scores:
        check_item(item)
    if "other" in scores and not other:
        raise RecordProblem("other", "", "missing")
    ordered = tuple((item, scores[item]) for item in ITEMS if item in scores)
    return Entry(day, ordered, other if "other" in scores else None, note, by, saved)


# --- the medicine list ------------------------------------------------------------------


def check_medicine_name(text: str) -> str:
    name = check_text("name", text, MAX_NAME)
    if name is None:
        raise RecordProblem("name", text, "missing")
    return name


def make_medicine(
    name: str,
    *,
    dose: str | None = None,
    when: str | None = None,
    purpose: str | None = None,
    taken: Iterable[str] = (),
    medicine_id: str | None = None,
) -> Medicine:
    """A Medicine from what a person typed, each field checked; its id made
    from the name (unlike any in ``taken``) unless ``medicine_id`` is given."""
    clean_name = check_medicine_name(name)
    return Medicine(
        id=medicine_id or slug(clean_name, taken),
        name=clean_name,
        dose=check_text("dose", dose, MAX_FIELD),
        when=check_text("when", when, MAX_FIELD),
        purpose=check_text("for", purpose, MAX_FIELD),
    )


#: What a medicine's id (and a care team entry's) looks like.
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(name: str, taken: Iterable[str] = ()) -> str:
    """An id for ``name`` unlike any in ``taken``: "Morphine ER 15 mg" → morphine-er-15-mg."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    ascii_text = folded.encode("ascii", "ignore").decode()
    base = "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:40].strip("-") or "medicine"
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def find_medicine(medicines: Sequence[Medicine], medicine_id: str) -> Medicine | None:
    return next((m for m in medicines if m.id == medicine_id), None)


# --- how each symptom went --------------------------------------------------------------


def window(today: date, days: int) -> tuple[date, date]:
    """The first and last day of the ``days`` days up to ``today``."""
    return today - timedelta(days=days - 1), today


def in_window(entries: Iterable[Entry], today: date, days: int) -> tuple[Entry, ...]:
    """The entries of the ``days`` days up to ``today``, oldest first."""
    first, last = window(today, days)
    return tuple(sorted((e for e in entries if first <= e.day <= last), key=lambda e: e.day))


def summarize(
    entries: Iterable[Entry], today: date, days: int = DEFAULT_DAYS
) -> tuple[Summary, ...]:
    """One row per symptom scored in the ``days`` days up to ``today`` (the
    "other" item: one per problem named): those to call about first, then those
    marked "tell your care team", then the rest, each group in ITEMS order."""
    series: dict[tuple[str, str | None], list[tuple[date, int]]] = {}
    names: dict[str, str] = {}
    for entry in in_window(entries, today, days):
        for item, score in entry.scores:
            key: str | None = None
            if item == "other" and entry.other:
                key = entry.other.casefold()
                names.setdefault(key, entry.other)
            series.setdefault((item, key), []).append((entry.day, score))
    rows = [
        _summary(item, tuple(points), names.get(key) if key else None)
        for (item, key), points in series.items()
    ]
    return tuple(sorted(rows, key=lambda r: (not r.call_now, not r.tell_team, ITEMS.index(r.item))))


def _summary(item: str, points: tuple[tuple[date, int], ...], other: str | None) -> Summary:
    scores = [score for _, score in points]
    latest_day, latest = points[-1]
    first = scores[0]
    earlier = scores[:-1]
    if len(scores) == 1:
        direction = "once"
    else:
        direction = "up" if latest > first else "down" if latest < first else "same"
    return Summary(
        item=item,
        days=points,
        latest=latest,
        latest_day=latest_day,
        low=min(scores),
        high=max(scores),
        first=first,
        direction=direction,
        rise=max(0, latest - min(earlier)) if earlier else 0,
        other=other,
    )


def marked(summaries: Iterable[Summary]) -> tuple[Summary, ...]:
    """The rows marked "tell your care team", in the order given."""
    return tuple(s for s in summaries if s.tell_team)


# --- as JSON (pallnav log list --json, log export, meds list --json, guide --json) -------


def entry_json(entry: Entry) -> dict[str, object]:
    """One day of the record, for JSON (README): more keys may come, none go."""
    return {
        "date": entry.day.isoformat(),
        "scores": dict(entry.scores),
        "other": entry.other,
        "note": entry.note,
        "by": entry.by,
        "saved": entry.saved.isoformat() if entry.saved else None,
    }


def summary_json(summary: Summary) -> dict[str, object]:
    """How one symptom went, for JSON (README): more keys may come, none go."""
    return {
        "symptom": summary.item,
        "other": summary.other,
        "latest": summary.latest,
        "latest_date": summary.latest_day.isoformat(),
        "low": summary.low,
        "high": summary.high,
        "first": summary.first,
        "direction": summary.direction,
        "rise": summary.rise,
        "tell_team": summary.tell_team,
        "call_now": summary.call_now,
        "reasons": list(summary.reasons),
    }


def medicine_json(medicine: Medicine) -> dict[str, object]:
    """One medicine, for JSON (README): more keys may come, none go."""
    return {
        "id": medicine.id,
        "name": medicine.name,
        "dose": medicine.dose,
        "when": medicine.when,
        "for": medicine.purpose,
    }
