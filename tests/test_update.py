"""`pallnav update`, `pallnav --version` and the pack in use.

Every network test runs against a real HTTP server on 127.0.0.1 started by the
test (tests/webserver.py); nothing may resolve or reach another host.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conftest import Runner
from pallnav.pack import review_is_stale


@pytest.mark.parametrize(
    ("reviewed", "today", "stale"),
    [
        (date(2025, 11, 24), date(2026, 11, 24), False),
        (date(2025, 11, 24), date(2026, 11, 25), True),
        (date(2026, 11, 24), date(2026, 11, 27), False),
        (date(2024, 2, 29), date(2025, 3, 1), False),
        (date(2024, 2, 29), date(2025, 3, 2), True),
        (date(2026, 12, 1), date(2026, 11, 27), False),  # reviewed "in the future"
    ],
)
def test_a_review_is_stale_only_after_more_than_a_year(
    reviewed: date, today: date, stale: bool
) -> None:
    assert review_is_stale(reviewed, today) is stale


def test_version_names_the_program_and_the_built_in_content(run: Runner) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.splitlines() == [
        "pallnav 0.1.0",
        "Content: pallnav-en 2026.11.24 (built in), reviewed November 24, 2026.",
    ]
    assert result.err == ""


def test_version_adds_a_gentle_note_when_the_review_is_over_a_year_old(run: Runner) -> None:
    result = run("--version", at=datetime(2027, 11, 25, 12, tzinfo=UTC))
    assert result.code == 0
    assert "reviewed November 24, 2026" in result.out
    assert "more than a year ago" in result.err
    assert "pallnav update" in result.err
