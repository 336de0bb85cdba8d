"""Opening hours as a person types them: ``24/7``, ``Mon-Fri 8:00-17:00``,
``mon-fri 8am-5pm, sat 9-12``, ``lun-vie 8:00-17:00``, ``Fri 22:00-02:00``.

:func:`read_spec` turns such a spec into the same :class:`~pallnav.schedule.Hours`
that ``channels.toml`` gives, so every rule of ``pallnav hours`` (zones, DST,
spans across midnight) applies unchanged; :func:`write_spec` writes any
schedule back out as a spec that reads back to the same schedule.

The grammar, in full:

* ``24/7``: always open;
* otherwise days, each followed by its time ranges: ``mon-fri 8:00-12:00
  13:00-17:00, sat 9-12``. Commas and semicolons read as spaces: days written
  together share the times after them (``mon, wed 9-12``), and more times add to
  the last days (``mon-fri 8-12, 13-17``);
* days: English or Spanish names or their short forms, any case, accents
  optional, ranges wrap (``fri-mon``);
* times: ``17:00``, ``8``, ``8am``, ``8:30 p.m.``, ``8 a. m.``; ``24:00`` is
  midnight at the end of a day. A range whose end is at or before its start runs
  past midnight. ``9-5`` is refused as ambiguous (write ``9am-5pm`` or
  ``09:00-05:00``); a bare hour beside one with am/pm takes whichever half gives
  the shorter span (``9-5pm`` is 9 a.m. to 5 p.m.).

Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from pallnav.schedule import DAY, WEEKDAYS, Hours, Span, weekly_spans

ALWAYS = "24/7"
#: Longer than any real spec; keeps a pasted essay from costing anything.
MAX_LENGTH = 1000

_DAY_NAMES: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("mon", "monday", "lun", "lunes"),
        ("tue", "tues", "tuesday", "mar", "martes"),
        ("wed", "weds", "wednesday", "mie", "miercoles"),
        ("thu", "thur", "thurs", "thursday", "jue", "jueves"),
        ("fri", "friday", "vie", "viernes"),
        ("sat", "saturday", "sab", "sabado"),
        ("sun", "sunday", "dom", "domingo"),
    )
):
    _DAY_NAMES.update(dict.fromkeys(_names, _index))

_DASHES = re.compile("[\u2010-\u2015\u2212]")
_HALF = re.compile(r"(?<=\d)\s*([ap])\s*\.?\s*m\b\.?", re.IGNORECASE)
_AROUND_DASH = re.compile(r"\s*-\s*")
_TIME = re.compile(r"(\d{1,2})(?::(\d{2}))?(am|pm)?")


class SpecError(ValueError):
    """A spec that cannot be read: ``part`` is the piece that was not understood;
    ``reason`` is "unknown", "ambiguous", "same" (opens and closes at once),
    "no_days" or "no_times"."""

    def __init__(self, part: str, reason: str = "unknown") -> None:
        super().__init__(f"{reason}: {part!r}")
        self.part = part
        self.reason = reason


class _Clock(NamedTuple):
    hour: int
    minute: int
    half: str | None  # "am", "pm" or None
    explicit: bool  # written so it can only be a 24-hour time (09:00, 17:00, 0:30)


def read_spec(text: str, zone: str) -> Hours:
    """The schedule ``text`` describes, kept in ``zone``; raises SpecError."""
    if len(text) > MAX_LENGTH:
        raise SpecError(text[:40] + "…")
    spec = _AROUND_DASH.sub("-", _HALF.sub(r"\1m", _DASHES.sub("-", text))).strip()
    if not spec:
        raise SpecError(text, "no_days")
    if spec == ALWAYS:
        return Hours(zone, True)
    spans: list[Span] = []
    days: list[int] = []
    used = False  # whether ``days`` has had its times yet
    trailing = ""
    for token in re.split(r"[\s,;]+", spec):
        if not token:
            continue
        found = _days(token)
        if found is not None:
            if used:
                days, used, trailing = [], False, ""
            days += found
            trailing = f"{trailing} {token}".strip()
            continue
        opening = _range(token)
        if opening is None:
            raise SpecError(token)
        if not days:
            raise SpecError(token, "no_days")
        spans += weekly_spans(days, *opening)
        used = True
    if not used:
        raise SpecError(trailing or spec, "no_times")
    return Hours(zone, False, merged(spans))


def write_spec(hours: Hours, day_names: Sequence[str] = WEEKDAYS) -> str:
    """``hours`` as a spec that :func:`read_spec` reads back to the same schedule.

    Days with the same hours are written once, in runs (``mon-fri``); times in
    24-hour form with two-digit hours, so none is ambiguous. ``day_names``: the
    seven short names to write (Monday first), e.g. a catalogue's.
    Closed dates are not part of a spec.
    """
    if hours.always_open:
        return ALWAYS
    by_day: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for span in merged(hours.spans):
        by_day[span.weekday].append((span.start, span.end))
    # A span to midnight and the next day's span from midnight are written as one
    # range across midnight (fri 22:00-02:00), where that reads back the same.
    joined = [
        bool(today and after)
        and today[-1][1] == DAY
        and after[0][0] == 0
        and after[0][1] < today[-1][0]
        and _reads_as(f"{_clock(today[-1][0])}-{_clock(after[0][1])}", today[-1][0], after[0][1])
        for today, after in zip(by_day, by_day[1:] + by_day[:1], strict=True)
    ]
    groups: dict[tuple[tuple[int, int], ...], list[int]] = {}
    for weekday, times in enumerate(by_day):
        entries = list(times)
        if joined[weekday - 1]:
            entries.pop(0)
        if joined[weekday]:
            entries[-1] = (entries[-1][0], by_day[(weekday + 1) % 7][0][1])
        if entries:
            groups.setdefault(tuple(entries), []).append(weekday)
    parts = []
    for group, weekdays in groups.items():
        days = ",".join(_runs(weekdays, day_names))
        ranges = " ".join(f"{_clock(start)}-{_clock(end)}" for start, end in group)
        parts.append(f"{days} {ranges}")
    return ", ".join(parts)


def merged(spans: Iterable[Span]) -> tuple[Span, ...]:
    """``spans`` sorted, with overlapping or touching spans of a day made one."""
    out: list[Span] = []
    for span in sorted(set(spans)):
        if out and out[-1].weekday == span.weekday and span.start <= out[-1].end:
            last = out[-1]
            out[-1] = last._replace(end=max(last.end, span.end))
        else:
            out.append(span)
    return tuple(out)


def same_schedule(first: Hours, second: Hours) -> bool:
    """True when two schedules open at exactly the same times (zone included)."""
    return (
        first.zone == second.zone
        and first.always_open == second.always_open
        and first.closed == second.closed
        and merged(first.spans) == merged(second.spans)
    )


def _reads_as(text: str, opens: int, closes: int) -> bool:
    try:
        return _range(text) == (opens, closes)
    except SpecError:
        return False


def _fold(token: str) -> str:
    """Lower case, accents dropped, a trailing full stop dropped: ``Sáb.`` → ``sab``."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip(".")


def _days(token: str) -> list[int] | None:
    """``mon`` → [0]; ``mon-fri`` → [0..4]; ``fri-mon`` wraps; None if not days."""
    first, dash, last = token.partition("-")
    start = _DAY_NAMES.get(_fold(first))
    if start is None:
        return None
    if not dash:
        return [start]
    end = _DAY_NAMES.get(_fold(last))
    if end is None:
        return None
    return [(start + step) % 7 for step in range((end - start) % 7 + 1)]


def _range(token: str) -> tuple[int, int] | None:
    """``8:00-17:00`` → seconds after midnight (open, close); None if not a range;
    SpecError when it is a range that cannot be meant one way only."""
    first, dash, last = token.casefold().partition("-")
    if not dash:
        return None
    start, end = _parse_clock(first), _parse_clock(last)
    if start is None or end is None:
        return None
    if start.half is None and end.half is None:
        opens, closes = _seconds(start, None), _seconds(end, None)
        if opens == DAY:
            return None
        if opens == closes:
            raise SpecError(token, "same")
        if closes < opens and not (start.explicit or end.explicit):
            raise SpecError(token, "ambiguous")
        return opens, closes
    opens, closes = _pair(start, end)
    if opens == closes:
        raise SpecError(token, "same")
    return opens, closes


def _parse_clock(text: str) -> _Clock | None:
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    hour_text, minute_text, half = match.groups()
    hour, minute = int(hour_text), int(minute_text or 0)
    if minute > 59:
        return None
    if half is not None:
        if not 1 <= hour <= 12:
            return None
    elif hour > 24 or (hour == 24 and minute):
        return None
    explicit = half is None and (hour > 12 or hour == 0 or hour_text.startswith("0"))
    return _Clock(hour, minute, half, explicit)


def _seconds(clock: _Clock, half: str | None) -> int:
    hour = clock.hour
    if half is not None:
        hour = hour % 12 + (12 if half == "pm" else 0)
    return hour * 3600 + clock.minute * 60


def _pair(start: _Clock, end: _Clock) -> tuple[int, int]:
    """A range where one side or both say am/pm; a bare side takes the half that
    gives the shorter span."""

    def choices(clock: _Clock) -> list[str | None]:
        if clock.half is not None:
            return [clock.half]
        if clock.explicit or clock.hour > 12:
            return [None]
        return ["am", "pm"]

    best: tuple[int, int, int] | None = None
    for first in choices(start):
        for second in choices(end):
            opens, closes = _seconds(start, first), _seconds(end, second)
            length = (closes - opens) % DAY or DAY
            if best is None or length < best[0]:
                best = (length, opens, closes)
    assert best is not None
    return best[1], best[2]


def _runs(weekdays: list[int], names: Sequence[str]) -> list[str]:
    """[0, 1, 2, 4] → ["mon-wed", "fri"]."""
    runs: list[list[int]] = []
    for day in weekdays:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return [names[run[0]] if len(run) == 1 else f"{names[run[0]]}-{names[run[-1]]}" for run in runs]


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
