"""Opening hours: open or closed, and the next change, across zones and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pallnav.schedule import Hours, Span, day_view, open_spans, parse_clock, status, weekly_spans

CHICAGO = ZoneInfo("America/Chicago")
LONDON = ZoneInfo("Europe/London")
WEEKDAYS_0700_1830 = Hours(
    "America/Chicago",
    spans=tuple(weekly_spans([0, 1, 2, 3, 4], parse_clock("07:00"), parse_clock("18:30"))),
)
ALWAYS = Hours("America/Chicago", always_open=True)


def chicago(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CHICAGO)


@pytest.mark.parametrize(
    ("wall", "is_open"),
    [
        # an ordinary week
        ("2026-11-24T06:59", False),
        ("2026-11-24T07:00", True),
        ("2026-11-24T18:29", True),
        ("2026-11-24T18:30", False),
        # the US spring-forward week (clocks change Sunday 2026-03-08)
        ("2026-03-09T06:59", False),
        ("2026-03-09T07:00", True),
        ("2026-03-09T18:29", True),
        ("2026-03-09T18:30", False),
        # the US fall-back week (clocks change Sunday 2026-11-01)
        ("2026-11-02T06:59", False),
        ("2026-11-02T07:00", True),
        ("2026-11-02T18:29", True),
        ("2026-11-02T18:30", False),
        # weekends are closed
        ("2026-11-28T12:00", False),
        ("2026-11-29T12:00", False),
    ],
)
def test_chat_opens_at_seven_and_closes_at_half_past_six_chicago_time(
    wall: str, is_open: bool
) -> None:
    assert status(WEEKDAYS_0700_1830, chicago(wall), CHICAGO).open is is_open


def test_closing_time_is_exclusive_and_friday_evening_reopens_on_monday() -> None:
    result = status(WEEKDAYS_0700_1830, chicago("2026-11-27T18:30"), CHICAGO)
    assert not result.open
    assert result.opens_at == chicago("2026-11-30T07:00")
    assert result.closes_at is None


def test_open_channel_reports_when_it_closes_not_when_it_opens() -> None:
    result = status(WEEKDAYS_0700_1830, chicago("2026-11-27T16:25"), CHICAGO)
    assert result.open
    assert result.closes_at == chicago("2026-11-27T18:30")
    assert result.opens_at is None


@pytest.mark.parametrize(
    ("viewer_now", "zone", "opens_local"),
    [
        # Both sides on standard time: 07:00 CST is 13:00 in London.
        ("2026-11-23T06:00", "Europe/London", "2026-11-23T13:00"),
        # The US has sprung forward, the UK has not yet (2026-03-08 .. 03-29):
        # 07:00 CDT is 12:00 GMT.
        ("2026-03-10T06:00", "Europe/London", "2026-03-10T12:00"),
        # Both on summer time: 07:00 CDT is 13:00 BST.
        ("2026-04-07T06:00", "Europe/London", "2026-04-07T13:00"),
        # The UK has fallen back, the US not yet (2026-10-25 .. 11-01): 07:00 CDT is 12:00 GMT.
        ("2026-10-27T06:00", "Europe/London", "2026-10-27T12:00"),
        ("2026-11-23T06:00", "Asia/Tokyo", "2026-11-23T22:00"),
        ("2026-11-23T06:00", "Asia/Kathmandu", "2026-11-23T18:45"),
        ("2026-11-23T05:00", "America/Phoenix", "2026-11-23T06:00"),
        ("2026-06-08T03:00", "America/Phoenix", "2026-06-08T05:00"),
        ("2026-11-23T06:00", "Pacific/Kiritimati", "2026-11-24T03:00"),
        # Lord Howe is on +11:00 (its 30-minute summer time) in November.
        ("2026-11-23T06:00", "Australia/Lord_Howe", "2026-11-24T00:00"),
    ],
)
def test_opening_time_is_shown_in_the_viewers_zone(
    viewer_now: str, zone: str, opens_local: str
) -> None:
    viewer = ZoneInfo(zone)
    at = datetime.fromisoformat(viewer_now).replace(tzinfo=viewer)
    result = status(WEEKDAYS_0700_1830, at, viewer)
    assert result.opens_at is not None
    assert result.opens_at.tzinfo is viewer
    assert result.opens_at.replace(tzinfo=None) == datetime.fromisoformat(opens_local)


def test_friday_evening_in_chicago_is_saturday_in_london_but_still_reopens_monday() -> None:
    # 18:45 CT Friday = 00:45 Saturday in London.
    at = datetime(2026, 11, 28, 0, 45, tzinfo=LONDON)
    result = status(WEEKDAYS_0700_1830, at, LONDON)
    assert not result.open
    assert result.opens_at == datetime(2026, 11, 30, 13, 0, tzinfo=LONDON)


def test_always_open_line_never_closes() -> None:
    result = status(ALWAYS, chicago("2026-12-25T03:00"), CHICAGO)
    assert result.open and result.always_open
    assert result.opens_at is None and result.closes_at is None


def test_closed_dates_close_the_channel_for_that_local_day() -> None:
    hours = Hours(
        "America/Chicago",
        spans=WEEKDAYS_0700_1830.spans,
        closed=frozenset({date(2026, 11, 26)}),
    )
    result = status(hours, chicago("2026-11-26T09:00"), CHICAGO)
    assert not result.open
    assert result.opens_at == chicago("2026-11-27T07:00")


def test_hours_that_run_past_midnight_are_split_across_two_days() -> None:
    spans = weekly_spans([4], parse_clock("22:00"), parse_clock("02:00"))
    assert spans == [Span(4, 22 * 3600, 86400), Span(5, 0, 2 * 3600)]
    hours = Hours("America/Chicago", spans=tuple(spans))
    assert status(hours, chicago("2026-11-28T01:59"), CHICAGO).open
    assert not status(hours, chicago("2026-11-28T02:00"), CHICAGO).open


@pytest.mark.parametrize("text", ["7:00pm", "25:00", "07:60", "24:30", "0700", "", "07:5"])
def test_clock_times_must_be_24_hour_hh_mm(text: str) -> None:
    with pytest.raises(ValueError, match="24-hour"):
        parse_clock(text)


def test_a_spring_forward_day_is_23_hours_and_its_open_span_is_still_7_to_18_30() -> None:
    cells, spans = day_view(WEEKDAYS_0700_1830, date(2026, 3, 9), CHICAGO)
    assert len(cells) == 24
    assert [c for c in cells[:7]] == [0.0] * 7
    assert cells[7:18] == (1.0,) * 11
    assert cells[18] == 0.5
    assert spans == [(chicago("2026-03-09T07:00"), chicago("2026-03-09T18:30"))]


def test_open_spans_are_clipped_to_the_window() -> None:
    start, end = chicago("2026-11-27T12:00"), chicago("2026-11-30T08:00")
    spans = open_spans(WEEKDAYS_0700_1830, start, end)
    assert spans == [
        (chicago("2026-11-27T12:00").astimezone(UTC), chicago("2026-11-27T18:30").astimezone(UTC)),
        (chicago("2026-11-30T07:00").astimezone(UTC), chicago("2026-11-30T08:00").astimezone(UTC)),
    ]


# --- properties ----------------------------------------------------------------------

CHANNEL_ZONES = [
    "America/Chicago",
    "Europe/London",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "America/Phoenix",
    "Pacific/Apia",
    "America/Havana",
    "Asia/Tokyo",
    "America/St_Johns",
]


def reference_is_open(spec: dict[int, list[tuple[int, int]]], zone: str, instant: datetime) -> bool:
    """The definition, written out again independently: local wall time in a span."""
    local = instant.astimezone(ZoneInfo(zone))
    minute_of_day = local.hour * 60 + local.minute
    return any(a <= minute_of_day < b for a, b in spec.get(local.weekday(), []))


def reference_next_change(
    spec: dict[int, list[tuple[int, int]]], zone: str, instant: datetime
) -> datetime | None:
    """Step minute by minute (UTC) until the state differs; None after 9 days."""
    now = reference_is_open(spec, zone, instant)
    probe = instant.astimezone(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    for _ in range(9 * 24 * 60):
        if reference_is_open(spec, zone, probe) != now:
            return probe
        probe += timedelta(minutes=1)
    return None


@st.composite
def weekly_schedules(draw: st.DrawFn) -> dict[int, list[tuple[int, int]]]:
    spec: dict[int, list[tuple[int, int]]] = {}
    for day in draw(st.sets(st.integers(0, 6), min_size=1)):
        start = draw(st.integers(0, 23 * 60)) // 15 * 15
        end = draw(st.integers(start + 15, 24 * 60)) // 15 * 15
        if end > start:
            spec[day] = [(start, end)]
    return spec or {0: [(7 * 60, 18 * 60 + 30)]}


def to_hours(spec: dict[int, list[tuple[int, int]]], zone: str) -> Hours:
    return Hours(
        zone, spans=tuple(Span(d, a * 60, b * 60) for d, pairs in spec.items() for a, b in pairs)
    )


instants = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2037, 12, 31),
    timezones=st.timezones(),
    allow_imaginary=False,
)


@settings(max_examples=150, deadline=None)
@given(
    spec=weekly_schedules(),
    zone=st.sampled_from(CHANNEL_ZONES),
    instant=instants,
    viewer=st.timezones(),
)
def test_status_matches_a_minute_by_minute_reference(
    spec: dict[int, list[tuple[int, int]]], zone: str, instant: datetime, viewer: tzinfo
) -> None:
    hours = to_hours(spec, zone)
    result = status(hours, instant, viewer)
    assert result.open == reference_is_open(spec, zone, instant)
    expected = reference_next_change(spec, zone, instant)
    if expected is not None:
        assert result.next_change is not None
        assert result.next_change.astimezone(UTC) == expected
        assert result.next_change.tzinfo is viewer


@settings(max_examples=100, deadline=None)
@given(instant=instants, other=st.timezones(), viewer=st.timezones())
def test_the_answer_depends_only_on_the_instant_not_how_it_is_written(
    instant: datetime, other: tzinfo, viewer: tzinfo
) -> None:
    same_instant = instant.astimezone(other)
    for hours in (WEEKDAYS_0700_1830, ALWAYS):
        assert status(hours, instant, viewer) == status(hours, same_instant, viewer)
