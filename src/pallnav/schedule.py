"""Opening hours, worked out in the channel's own zone, compared as instants.

A channel is open at an instant when the channel's local wall-clock time at
that instant falls inside one of its weekly spans and its local date is not a
closed date. Everything here follows from that one definition:

* open/closed is decided in the channel's zone, never the viewer's (Friday
  18:30 in Chicago is Saturday 00:30 in London);
* the next change of state can only happen where the wall clock reaches a span
  edge or midnight, or where the zone's offset changes (DST), so we walk those
  candidate instants in order instead of stepping minute by minute;
* instants are compared in UTC, and durations are computed in UTC, because
  arithmetic between aware datetimes of one zone is wall-clock arithmetic.

Pure: no clock, no I/O. Callers pass the instant and the viewer's zone.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: An IANA zone name: letters, digits and _+-, parts joined by "/", never long.
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")
MAX_ZONE_NAME = 64


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone ``name``, or None if there is none by that name: the one way
    to look a zone up, whoever names it (a flag, the environment, a config file,
    the system, a pack). A folder of the database ("America/Indiana"), a path,
    an absurdly long name or a broken file is None, never an exception."""
    if len(name) > MAX_ZONE_NAME or not _ZONE_NAME.fullmatch(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY = 86_400

# Every UTC offset in use lies within -12 h .. +14 h; a margin of 15 h bounds how
# early an instant on a given local date can be.
_OFFSET_MARGIN = timedelta(hours=15)
# How far ahead to look for the next change before saying "not in the next year".
_HORIZON_DAYS = 400
_STEP = timedelta(hours=6)


class Span(NamedTuple):
    """Open on ``weekday`` (0 = Monday) from ``start`` to ``end`` seconds after
    local midnight; ``end`` is exclusive and at most 86400 (midnight)."""

    weekday: int
    start: int
    end: int


class Hours(NamedTuple):
    """When a channel answers: in ``zone``, always or on weekly ``spans``."""

    zone: str
    always_open: bool = False
    spans: tuple[Span, ...] = ()
    closed: frozenset[date] = frozenset()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def is_open(self, instant: datetime) -> bool:
        """True when the channel answers at ``instant`` (an aware datetime)."""
        local = instant.astimezone(self.tz)
        if local.date() in self.closed:
            return False
        if self.always_open:
            return True
        seconds = local.hour * 3600 + local.minute * 60 + local.second
        weekday = local.weekday()
        return any(s.weekday == weekday and s.start <= seconds < s.end for s in self.spans)


class Status(NamedTuple):
    """Open now or not, and the next change, as aware datetimes in the viewer's zone.

    ``opens_at`` is set only when closed, ``closes_at`` only when open; either is
    None when no change is known within the next year (always open, never open).
    """

    open: bool
    always_open: bool
    opens_at: datetime | None
    closes_at: datetime | None

    @property
    def next_change(self) -> datetime | None:
        return self.closes_at if self.open else self.opens_at


def parse_clock(text: str) -> int:
    """``"07:00"`` → seconds after midnight; ``"24:00"`` is allowed as an end."""
    hours_text, sep, minutes_text = text.partition(":")
    if (
        not sep
        or len(minutes_text) != 2
        or not (1 <= len(hours_text) <= 2)
        or not (hours_text.isdigit() and minutes_text.isdigit())
    ):
        raise ValueError(f"expected a 24-hour time like 07:00, not {text!r}")
    hours, minutes = int(hours_text), int(minutes_text)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(f"expected a 24-hour time like 07:00, not {text!r}")
    return hours * 3600 + minutes * 60


def weekly_spans(days: list[int], opens: int, closes: int) -> list[Span]:
    """Spans for ``days`` opening at ``opens`` and closing at ``closes`` seconds.

    A closing time at or before the opening time runs past midnight into the next
    day (22:00-02:00), and is split in two.
    """
    if opens == closes:
        raise ValueError("opening and closing times are the same")
    spans: list[Span] = []
    for day in days:
        if closes > opens:
            spans.append(Span(day, opens, closes))
        else:
            spans.append(Span(day, opens, DAY))
            if closes:
                spans.append(Span((day + 1) % 7, 0, closes))
    return spans


def status(hours: Hours, at: datetime, viewer: tzinfo) -> Status:
    """Whether ``hours`` is open at the aware instant ``at``, and when that changes.

    Times in the result are in ``viewer``.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("status() needs an aware datetime")
    now = at.astimezone(UTC)
    is_open = hours.is_open(now)
    change = _next_change(hours, now, is_open)
    shown = change.astimezone(viewer) if change is not None else None
    return Status(
        open=is_open,
        always_open=hours.always_open,
        opens_at=None if is_open else shown,
        closes_at=shown if is_open else None,
    )


def open_spans(hours: Hours, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The periods, clipped to ``[start, end)``, when ``hours`` is open (UTC instants)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    periods: list[tuple[datetime, datetime]] = []
    opened = start if hours.is_open(start) else None
    for point in _candidates(hours, start):
        if point >= end:
            break
        if point <= start:
            continue
        now_open = hours.is_open(point)
        if opened is None and now_open:
            opened = point
        elif opened is not None and not now_open:
            periods.append((opened, point))
            opened = None
    if opened is not None:
        periods.append((opened, end))
    return periods


def _next_change(hours: Hours, now: datetime, is_open: bool) -> datetime | None:
    if hours.always_open and not hours.closed:
        return None
    for point in _candidates(hours, now):
        if point > now and hours.is_open(point) != is_open:
            return point
    return None


def _candidates(hours: Hours, start: datetime) -> Iterator[datetime]:
    """Every instant (UTC, ascending, no repeats) at which the state could change.

    That is where the channel's wall clock reaches a span edge or midnight, and
    where the zone's UTC offset changes. Dates are visited in order; an instant is
    released once no later date can produce an earlier one.
    """
    tz = hours.tz
    edges_by_weekday: list[set[int]] = [{0} for _ in range(7)]
    for span in hours.spans:
        edges_by_weekday[span.weekday].update((span.start, span.end % DAY))
    # An end at 24:00 is the next day's midnight, already an edge of every day.
    day = start.astimezone(tz).date() - timedelta(days=2)
    heap: list[datetime] = []
    last: datetime | None = None
    for _ in range(_HORIZON_DAYS):
        for seconds in edges_by_weekday[day.weekday()]:
            wall = datetime.combine(day, time(seconds // 3600, seconds % 3600 // 60))
            for fold in (0, 1):
                instant = wall.replace(tzinfo=tz, fold=fold)
                utc = instant.astimezone(UTC)
                # Skip wall times that do not exist (the spring-forward gap);
                # the offset change itself is a candidate below.
                if utc.astimezone(tz).replace(tzinfo=None) == wall:
                    heapq.heappush(heap, utc)
        day_start = datetime.combine(day, time(), UTC) - _OFFSET_MARGIN
        for transition in _offset_changes(tz, day_start, day_start + timedelta(days=1)):
            heapq.heappush(heap, transition)
        day += timedelta(days=1)
        safe = datetime.combine(day, time(), UTC) - _OFFSET_MARGIN
        while heap and heap[0] < safe:
            point = heapq.heappop(heap)
            if point != last:
                last = point
                yield point


def _offset_changes(tz: tzinfo, start: datetime, end: datetime) -> Iterator[datetime]:
    """UTC instants in ``[start, end)`` at which ``tz``'s offset changes."""
    moment = start
    while moment < end:
        following = min(moment + _STEP, end)
        if _offset(tz, moment) != _offset(tz, following):
            yield _bisect_offset_change(tz, moment, following)
        moment = following


def _bisect_offset_change(tz: tzinfo, low: datetime, high: datetime) -> datetime:
    """The first second in ``(low, high]`` with ``high``'s offset."""
    target = _offset(tz, high)
    lo, hi = 0, int((high - low).total_seconds())
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _offset(tz, low + timedelta(seconds=mid)) == target:
            hi = mid
        else:
            lo = mid
    return low + timedelta(seconds=hi)


def _offset(tz: tzinfo, instant: datetime) -> timedelta | None:
    return instant.astimezone(tz).utcoffset()


def day_view(
    hours: Hours, day: date, viewer: tzinfo
) -> tuple[tuple[float, ...], list[tuple[datetime, datetime]]]:
    """One of the viewer's days: how much of each wall-clock hour is open (0..1),
    and the open periods that day (in the viewer's zone)."""
    start = datetime.combine(day, time(), viewer)
    end = datetime.combine(day + timedelta(days=1), time(), viewer)
    spans = open_spans(hours, start, end)
    cells: list[float] = []
    for hour in range(24):
        cell_start = datetime.combine(day, time(hour), viewer).astimezone(UTC)
        cell_end = (datetime.combine(day, time(hour + 1), viewer) if hour < 23 else end).astimezone(
            UTC
        )
        length = (cell_end - cell_start).total_seconds()
        if length <= 0:
            cells.append(0.0)
            continue
        covered = sum(
            max(0.0, (min(b, cell_end) - max(a, cell_start)).total_seconds()) for a, b in spans
        )
        cells.append(min(1.0, covered / length))
    return tuple(cells), [(a.astimezone(viewer), b.astimezone(viewer)) for a, b in spans]
