"""Who to reach, and in what order: the person's own team, then 911, then 988, then
the information lines, the same in every view and in both languages."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import Runner
from packs import write_pack
from pallnav.contacts import contacts_at
from pallnav.context import package_dir
from pallnav.i18n import load_messages
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Channel, reach_order
from pallnav.pack_loader import load_channels, load_pack
from pallnav.render import show
from pallnav.schedule import Hours
from pallnav.views import hours_document

ORDER = ["emergency", "crisis", "helpline", "chat"]
#: A caregiver at home, late in the illness: the 3 a.m. reader.
HOME_ADVANCED = [
    "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
    "--setting", "home", "--insurance", "medicare",
]  # fmt: skip
NIGHT = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)  # 3 a.m. in New York


def names(language: str) -> list[str]:
    _, channels = load_channels(bundled_content_dir(language))
    by_id = {c.id: c.name for c in channels}
    return [by_id[i] for i in ORDER]


def in_order(text: str, wanted: list[str]) -> bool:
    flat = " ".join(text.split())
    places = [flat.find(" ".join(name.split())) for name in wanted]
    return -1 not in places and places == sorted(places)


def channel(channel_id: str, kind: str, source: str = "pack") -> Channel:
    return Channel(channel_id, channel_id, "how", Hours("UTC", True), (), kind=kind, source=source)


def test_reach_order_puts_the_team_first_then_911_then_988_then_information() -> None:
    given = [
        channel("chat", "information"),
        channel("crisis", "crisis"),
        channel("hospice-nurse", "hospice", "you"),
        channel("helpline", "information"),
        channel("emergency", "emergency"),
        channel("oncologist", "oncology", "you"),
    ]
    assert [c.id for c in reach_order(given)] == [
        "hospice-nurse",
        "oncologist",
        "emergency",
        "crisis",
        "chat",
        "helpline",
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_bundled_packs_list_911_then_988_then_the_information_lines(language: str) -> None:
    pack = load_pack(bundled_content_dir(language))
    assert [(c.id, c.kind) for c in pack.channels] == [
        ("emergency", "emergency"),
        ("crisis", "crisis"),
        ("helpline", "information"),
        ("chat", "information"),
    ]
    emergency, crisis = pack.channels[0], pack.channels[1]
    assert emergency.phone == "911" and emergency.hours.always_open
    assert crisis.phone == "988" and crisis.hours.always_open
    assert emergency.note is not None and "POLST" in emergency.note
    assert crisis.note is not None and "2" in crisis.note and "1" in crisis.note


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    "args",
    [
        ["hours", "--plain"],
        ["hours", "--plain", "--week"],
        ["guide", *HOME_ADVANCED, "--format", "plain"],
        ["guide", *HOME_ADVANCED, "--format", "rich"],
        ["guide", *HOME_ADVANCED, "--format", "markdown"],
        ["export", "-", *HOME_ADVANCED],
    ],
)
def test_every_view_shows_the_channels_in_reach_order(
    run: Runner, language: str, args: list[str]
) -> None:
    result = run(*args, "--lang", language, "--tz", "America/New_York", at=NIGHT)
    assert result.code == 0, result.err
    heading = load_messages(package_dir() / "locales" / f"{language}.toml", language)(
        "guide.contacts"
    )
    contacts = result.out.partition(heading)[2] if args[0] != "hours" else result.out
    assert in_order(contacts, names(language)), contacts


@pytest.mark.parametrize("language", ["en", "es"])
def test_json_lists_the_channels_in_reach_order(run: Runner, language: str) -> None:
    hours = json.loads(run("hours", "--json", "--lang", language, at=NIGHT).out)
    assert [c["id"] for c in hours["channels"]] == ORDER
    guide = json.loads(
        run("guide", *HOME_ADVANCED, "--format", "json", "--lang", language, at=NIGHT).out
    )
    assert [c["id"] for c in guide["contacts"]["channels"]] == ORDER
    assert [c["kind"] for c in guide["contacts"]["channels"]] == [
        "emergency",
        "crisis",
        "information",
        "information",
    ]


def test_at_3_am_the_first_open_line_is_911_not_the_information_line(run: Runner) -> None:
    result = run("hours", "--plain", "--tz", "America/New_York", at=NIGHT)
    first = next(line for line in result.out.splitlines() if line.endswith("Open now"))
    assert first == "Emergency (911): Open now"
    assert "Cancer information and support line (American Cancer Society)" in result.out


def test_the_911_line_is_said_once_by_the_911_channel(run: Runner) -> None:
    result = run("hours", "--plain", at=NIGHT)
    assert "In an emergency, call 911." not in result.out
    assert result.out.count("Call 911") == 1


def test_a_pack_with_no_emergency_channel_still_ends_hours_with_911(tmp_path: Path) -> None:
    _, channels = load_channels(write_pack(tmp_path))
    assert not any(c.kind == "emergency" for c in channels)
    messages = load_messages(package_dir() / "locales" / "en.toml", "en")
    contacts = contacts_at(channels, NIGHT, UTC, "UTC")
    out = io.StringIO()
    document = hours_document(
        contacts, asked_at=True, fallback_zone=False, with_week=False, messages=messages
    )
    show(document, out, plain=True, width=80, environ={})
    assert out.getvalue().rstrip().endswith("In an emergency, call 911.")


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_pack_claims_holidays_included_without_a_source_that_says_it(language: str) -> None:
    pack = load_pack(bundled_content_dir(language))
    texts = [s.body for s in pack.sections] + [c.note or "" for c in pack.channels]
    claims = ("holidays included", "holidays too", "incluso los días festivos")
    assert not [t for t in texts if any(claim in t.lower() for claim in claims)]
