"""The hours a person types for their own team (``pallnav team add --hours``),
read into the same schedule model that ``channels.toml`` gives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pallnav.hours_spec import SpecError, read_spec, same_schedule, write_spec
from pallnav.schedule import DAY, Hours, Span, weekly_spans

ZONE = "America/New_York"
SPANISH_DAYS = ("lun", "mar", "mié", "jue", "vie", "sáb", "dom")


def spans(*rows: tuple[list[int], int, int]) -> Hours:
    """Hours as channels.toml would give them: days, opening and closing hour."""
    found: list[Span] = []
    for days, opens, closes in rows:
        found += weekly_spans(days, opens * 3600, closes * 3600)
    return Hours(ZONE, False, tuple(sorted(set(found))))


WEEKDAYS = [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("24/7", Hours(ZONE, True)),
        ("Mon-Fri 8:00-17:00", spans((WEEKDAYS, 8, 17))),
        ("mon-fri 8am-5pm, sat 9-12", spans((WEEKDAYS, 8, 17), ([5], 9, 12))),
        ("lun-vie 8:00-17:00", spans((WEEKDAYS, 8, 17))),
        ("Fri 22:00-02:00", spans(([4], 22, 2))),
        ("LUNES-VIERNES 8 a. m. - 5 p. m.", spans((WEEKDAYS, 8, 17))),
        ("sáb 9–12", spans(([5], 9, 12))),
        ("sab. 9-12", spans(([5], 9, 12))),
        ("mon, wed 9-12", spans(([0, 2], 9, 12))),
        ("mon-fri 8-12, 13-17", spans((WEEKDAYS, 8, 12), (WEEKDAYS, 13, 17))),
        ("fri-sun 10:00-14:00", spans(([4, 5, 6], 10, 14))),
        ("mon 9-5pm", spans(([0], 9, 17))),
        ("sun 10pm-6", spans(([6], 22, 6))),
        ("mon-sun 0:00-24:00", spans(([0, 1, 2, 3, 4, 5, 6], 0, 24))),
    ],
)
def test_a_spec_reads_into_the_channels_toml_model(spec: str, expected: Hours) -> None:
    assert read_spec(spec, ZONE) == expected


def test_a_span_across_midnight_is_open_after_midnight_on_the_next_day() -> None:
    hours = read_spec("Fri 22:00-02:00", ZONE)
    saturday_1am = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)  # 1:00 in New York
    saturday_3am = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    assert hours.is_open(saturday_1am)
    assert not hours.is_open(saturday_3am)


@pytest.mark.parametrize(
    ("spec", "part", "reason"),
    [
        ("9-5", "9-5", "ambiguous"),
        ("mon 9-5", "9-5", "ambiguous"),
        ("mon-fri", "mon-fri", "no_times"),
        ("9-12", "9-12", "no_days"),
        ("mon-fir 9-12", "mon-fir", "unknown"),
        ("mon 9-12 and more", "and", "unknown"),
        ("mon 25:00-26:00", "25:00-26:00", "unknown"),
        ("mon 8:00-8:00", "8:00-8:00", "same"),
        ("mon 13pm-2pm", "13pm-2pm", "unknown"),
        ("", "", "no_days"),
    ],
)
def test_a_spec_it_cannot_read_names_the_part_not_understood(
    spec: str, part: str, reason: str
) -> None:
    with pytest.raises(SpecError) as caught:
        read_spec(spec, ZONE)
    assert (caught.value.part, caught.value.reason) == (part, reason)


def test_written_out_specs_are_plain_and_in_the_readers_day_names() -> None:
    hours = read_spec("mon-fri 8am-5pm, sat 9-12", ZONE)
    assert write_spec(hours) == "mon-fri 08:00-17:00, sat 09:00-12:00"
    assert write_spec(hours, SPANISH_DAYS) == "lun-vie 08:00-17:00, sáb 09:00-12:00"
    assert write_spec(read_spec("Fri 22:00-02:00", ZONE)) == "fri 22:00-02:00"
    assert write_spec(Hours(ZONE, True)) == "24/7"


@st.composite
def schedules(draw: st.DrawFn) -> Hours:
    """Any weekly schedule at minute resolution, with at least one open span."""
    if draw(st.integers(0, 9)) == 0:
        return Hours(ZONE, True)
    found: list[Span] = []
    for weekday in range(7):
        edges = sorted(draw(st.sets(st.integers(0, DAY // 60), max_size=6)))
        for start, end in zip(edges[::2], edges[1::2], strict=False):
            found.append(Span(weekday, start * 60, end * 60))
    if not found:
        weekday = draw(st.integers(0, 6))
        start = draw(st.integers(0, DAY // 60 - 1))
        found.append(Span(weekday, start * 60, DAY))
    return Hours(ZONE, False, tuple(sorted(found)))


@given(schedules(), st.sampled_from([None, SPANISH_DAYS]))
def test_any_schedule_written_out_as_a_spec_reads_back_to_the_same_schedule(
    hours: Hours, names: tuple[str, ...] | None
) -> None:
    spec = write_spec(hours) if names is None else write_spec(hours, names)
    assert same_schedule(read_spec(spec, ZONE), hours), spec
