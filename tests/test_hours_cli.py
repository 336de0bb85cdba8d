"""`pallnav hours` as a person or a script uses it."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import Runner
from pallnav import context as context_module

ESCAPE = re.compile(r"\x1b")
BOX = re.compile("[\u2500-\u257f\u2580-\u259f]")


def test_chat_open_on_friday_afternoon_shows_closing_time_in_both_zones(run: Runner) -> None:
    # 15:00 in New York = 14:00 in Chicago; the chat closes 18:30 CT = 19:30 ET.
    result = run("hours", "--tz", "America/New_York")
    assert result.code == 0
    assert "Now: Friday, November 27, 3:00 PM" in result.out
    assert "America/New_York" in result.out
    assert "Closes today at 7:30 PM your time (6:30 PM CT), in 4 h 30 min." in result.out
    assert "Open 24 hours a day, every day." in result.out
    assert "1-800-227-2345" in result.out
    assert "Hours may differ on holidays." in result.out
    assert "911" in result.out


def test_chat_closed_on_saturday_says_when_it_opens(run: Runner) -> None:
    result = run("hours", "--tz", "America/New_York", "--at", "2026-11-28T12:00")
    assert result.code == 0
    assert "At: Saturday, November 28, 12:00 PM" in result.out
    assert "Closed now" in result.out
    assert "Opens Monday, November 30, 8:00 AM your time (7:00 AM CT), in 2 days." in result.out


@pytest.mark.parametrize(
    ("language", "at", "said"),
    [
        # Saturday noon: the chat opens Monday, 1 day 20 hours away.
        ("en", "2026-11-28T12:00", "in 2 days."),
        ("es", "2026-11-28T12:00", "dentro de 2 días."),
        # Saturday night: Monday morning is 34 hours away, but 2 days by the calendar.
        ("en", "2026-11-28T21:30", "in 2 days."),
        ("es", "2026-11-28T21:30", "dentro de 2 días."),
        # Sunday 8:00 AM: 24 hours away.
        ("en", "2026-11-29T08:00", "in 1 day."),
        ("es", "2026-11-29T08:00", "dentro de 1 día."),
        # Sunday 1:00 PM: 19 hours away, said to the minute.
        ("en", "2026-11-29T13:00", "in 19 h."),
        ("es", "2026-11-29T13:30", "dentro de 18 h 30 min."),
    ],
)
def test_a_wait_of_a_day_or_more_is_said_in_whole_days(
    run: Runner, language: str, at: str, said: str
) -> None:
    result = run("hours", "--check", "chat", "--lang", language, "--at", at)
    assert result.code == 1
    assert result.out.rstrip().endswith(said), result.out
    assert " d " not in result.out


def test_json_has_the_documented_shape(run: Runner) -> None:
    result = run("hours", "--json", "--tz", "America/New_York", "--at", "2026-11-28T12:00")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["at"] == "2026-11-28T12:00:00-05:00"
    assert data["timezone"] == "America/New_York"
    emergency, crisis, helpline, chat = data["channels"]
    assert (emergency["id"], emergency["kind"], emergency["phone"]) == (
        "emergency",
        "emergency",
        "911",
    )
    assert (crisis["id"], crisis["kind"], crisis["phone"]) == ("crisis", "crisis", "988")
    assert emergency["always_open"] and crisis["always_open"]
    assert {k: helpline[k] for k in ("id", "open", "always_open", "opens_at", "closes_at")} == {
        "id": "helpline",
        "open": True,
        "always_open": True,
        "opens_at": None,
        "closes_at": None,
    }
    assert {k: chat[k] for k in ("id", "open", "always_open", "opens_at", "closes_at")} == {
        "id": "chat",
        "open": False,
        "always_open": False,
        "opens_at": "2026-11-30T08:00:00-05:00",
        "closes_at": None,
    }
    assert isinstance(chat["name"], str) and isinstance(chat["how"], str)


def test_json_at_with_an_offset_is_reported_in_the_viewers_zone(run: Runner) -> None:
    result = run("hours", "--json", "--tz", "Europe/London", "--at", "2026-11-27T18:30-06:00")
    data = json.loads(result.out)
    assert data["at"] == "2026-11-28T00:30:00+00:00"
    chat = next(c for c in data["channels"] if c["id"] == "chat")
    assert chat["open"] is False  # closing is exclusive
    assert chat["opens_at"] == "2026-11-30T13:00:00+00:00"


@pytest.mark.parametrize(
    ("at", "code", "line"),
    [
        ("2026-11-27T18:29-06:00", 0, "Live chat (American Cancer Society): open now."),
        ("2026-11-27T18:30-06:00", 1, "Live chat (American Cancer Society): closed now."),
    ],
)
def test_check_prints_one_line_and_exits_0_when_open_1_when_closed(
    run: Runner, at: str, code: int, line: str
) -> None:
    result = run("hours", "--check", "chat", "--at", at, "--tz", "America/Chicago")
    assert result.code == code
    assert result.out.count("\n") == 1
    assert result.out.startswith(line)


def test_check_helpline_is_always_open(run: Runner) -> None:
    result = run("hours", "--check", "helpline")
    assert result.code == 0
    assert "24 hours a day" in result.out


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--tz", "Mars/Olympus"], ['"Mars/Olympus"', "IANA"]),
        (["--tz", "../../etc/passwd"], ['"../../etc/passwd"', "IANA"]),
        (["--tz", "america/new_york"], ["America/New_York"]),
        (["--at", "next tuesday"], ['"next tuesday"', "2026-11-27T18:30"]),
        (["--check", "fax"], ['"fax"', "helpline, chat"]),
    ],
)
def test_bad_input_is_one_line_exit_2_naming_the_value_and_the_choices(
    run: Runner, args: list[str], names: list[str]
) -> None:
    result = run("hours", *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    for name in names:
        assert name in result.err


def test_an_unknown_flag_is_a_usage_error_with_a_hint(run: Runner) -> None:
    result = run("hours", "--bogus")
    assert result.code == 2
    assert "--bogus" in result.err
    assert "pallnav hours --help" in result.err


def test_zone_comes_from_pallnav_tz_then_config(run: Runner, home: Path) -> None:
    assert "Asia/Tokyo" in run("hours", env={"PALLNAV_TZ": "Asia/Tokyo"}).out
    config = home / "config" / "pallnav" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('timezone = "Europe/Paris"\n')
    assert "Europe/Paris" in run("hours").out
    assert "Asia/Tokyo" in run("hours", env={"PALLNAV_TZ": "Asia/Tokyo"}).out


def test_a_broken_config_file_is_named_not_ignored(run: Runner, home: Path) -> None:
    config = home / "config" / "pallnav" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("timezone = \n")
    result = run("hours")
    assert result.code == 2
    assert "config.toml" in result.err
    assert "Traceback" not in result.err


@pytest.mark.usefixtures("unknown_zone")
def test_unknown_system_zone_falls_back_to_utc_and_says_how_to_set_it(run: Runner) -> None:
    result = run("hours", env={"TZ": ""})
    assert result.code == 0
    assert "We could not tell your time zone, so times are in UTC." in result.out
    assert "--tz America/New_York" in result.out


def test_the_system_zone_is_read_from_etc_localtime_without_tzlocal(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Asia/Kathmandu")
    monkeypatch.setattr(context_module, "LOCALTIME", link)
    result = run("hours", env={"TZ": ""})
    assert "Times are in your time zone, Asia/Kathmandu." in result.out


@pytest.mark.parametrize(
    ("terminal", "env", "args"),
    [
        (False, {}, []),  # a pipe
        (False, {"NO_COLOR": "1"}, []),
        (True, {"TERM": "dumb"}, []),
        (True, {}, ["--plain"]),
    ],
)
def test_plain_output_has_no_escape_codes_and_no_boxes(
    run: Runner, terminal: bool, env: dict[str, str], args: list[str]
) -> None:
    result = run("hours", "--week", *args, terminal=terminal, env=env)
    assert result.code == 0
    assert not ESCAPE.search(result.out)
    assert not BOX.search(result.out)
    assert "#" in result.out  # the plain week grid


#: An escape that sets a colour: 30-37, 39, 40-47, 49, 90-97, 100-107, or 38;/48; forms.
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def test_no_color_on_a_terminal_takes_the_colour_away_and_keeps_the_layout(run: Runner) -> None:
    no_pager = {"PALLNAV_PAGER": ""}
    result = run("hours", "--week", terminal=True, env={"NO_COLOR": "1", **no_pager})
    assert result.code == 0
    assert not COLOUR.search(result.out)  # no colour at all
    assert "●" in result.out and "█" in result.out  # the marks and the week chart stay
    assert COLOUR.search(run("hours", "--week", terminal=True, env=no_pager).out)  # it had


def test_terminal_output_uses_colour(run: Runner) -> None:
    result = run("hours", terminal=True, env={"TERM": "xterm-256color"})
    assert result.code == 0
    assert "Open now" in result.out
    assert ESCAPE.search(result.out)


def test_week_chart_shows_the_viewers_days_and_hours(run: Runner) -> None:
    result = run("hours", "--week", "--tz", "Asia/Tokyo", "--at", "2026-11-30T09:00")
    # Monday 07:00-18:30 Chicago is Monday 22:00 to Tuesday 09:30 in Tokyo.
    assert "Monday, November 30: 12:00 AM to 9:30 AM, 10:00 PM to midnight" not in result.out
    assert "Monday, November 30: 10:00 PM to midnight" in result.out
    assert "Tuesday, December 1: 12:00 AM to 9:30 AM, 10:00 PM to midnight" in result.out
    assert "Sunday, December 6: closed" in result.out
    row = next(line for line in result.out.splitlines() if line.startswith("Tue  1"))
    assert row == "Tue  1 " + "#" * 9 + "+" + "." * 12 + "##"


@pytest.mark.parametrize("width", ["40", "80"])
def test_plain_lines_fit_the_width(run: Runner, width: str) -> None:
    result = run("hours", "--week", env={"COLUMNS": width})
    assert max(len(line) for line in result.out.splitlines()) <= int(width)


def test_at_defaults_to_the_clock(run: Runner) -> None:
    result = run("hours", "--json", at=datetime(2026, 11, 28, 17, 0, tzinfo=UTC))
    assert json.loads(result.out)["at"] == "2026-11-28T12:00:00-05:00"


@pytest.mark.parametrize(
    ("language", "said"), [("en", "Did you mean helpline?"), ("es", "¿Quiso decir helpline?")]
)
def test_a_mistyped_channel_gets_a_did_you_mean(run: Runner, language: str, said: str) -> None:
    result = run("hours", "--check", "helpine", "--lang", language)
    assert result.code == 2
    assert said in result.err
    assert "emergency, crisis, helpline, chat" in result.err
    assert "Did you mean" not in run("hours", "--check", "zzz").err
