"""`pallnav team`: a person's own care team, saved privately, with flags."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from conftest import Runner

HOSPICE = ("--name", "Hospice nurse line", "--phone", "(555) 123-4567 x12")


def team_file(home: Path) -> Path:
    return home / "data" / "pallnav" / "team.toml"


def test_add_with_flags_saves_a_private_file_and_list_shows_its_id(run: Runner, home: Path) -> None:
    added = run("team", "add", *HOSPICE)
    assert added.code == 0, added.err
    assert "hospice-nurse-line" in added.err
    path = team_file(home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    listed = run("team", "list")
    assert listed.code == 0
    assert "hospice-nurse-line: Hospice nurse line" in listed.out
    assert "Phone: (555) 123-4567 x12" in listed.out
    assert "Hours: 24/7 (America/New_York time)" in listed.out


def test_list_json_has_the_documented_keys(run: Runner) -> None:
    run(
        "team", "add", "--name", "Dr. Ruiz", "--phone", "+1 555 987 6543 ext. 7",
        "--kind", "oncology", "--hours", "lun-vie 8am-5pm", "--tz", "America/Chicago",
        "--note", "Ask for Ana",
    )  # fmt: skip
    data = json.loads(run("team", "list", "--json").out)
    assert data == {
        "team": [
            {
                "id": "dr-ruiz",
                "name": "Dr. Ruiz",
                "phone": "+1 555 987 6543 ext. 7",
                "tel": "tel:+15559876543;ext=7",
                "kind": "oncology",
                "hours": "mon-fri 08:00-17:00",
                "zone": "America/Chicago",
                "note": "Ask for Ana",
            }
        ]
    }


def test_ids_are_slugs_of_the_name_and_unique(run: Runner) -> None:
    run("team", "add", *HOSPICE)
    run("team", "add", "--name", "Hospice Nürse Line!", "--phone", "555 000 1111")
    run("team", "add", "--name", "Enfermería Sábado", "--phone", "555 000 2222")
    ids = [entry["id"] for entry in json.loads(run("team", "list", "--json").out)["team"]]
    assert ids == ["hospice-nurse-line", "hospice-nurse-line-2", "enfermeria-sabado"]


def test_without_a_terminal_missing_name_and_phone_exit_2_naming_both(
    run: Runner, home: Path
) -> None:
    result = run("team", "add", "--kind", "hospice")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "--name, --phone" in result.err
    assert not team_file(home).exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--phone", "call me"), '--phone: "call me" is not a phone number.'),
        (("--phone", "555-CALL-NOW"), '"555-CALL-NOW" is not a phone number'),
        (("--hours", "Mon-Fir 9-5pm"), '--hours: could not read "Mon-Fir"'),
        (("--hours", "mon 9-5"), '--hours: "9-5" could be morning or evening.'),
        (("--hours", "weekdays"), 'could not read "weekdays". Write it like: Mon-Fri 8:00-17:00'),
        (("--kind", "dentist"), '--kind: "dentist" is not one of: hospice, palliative'),
        (("--tz", "Mars/Base"), "--tz: unknown time zone"),
        (("--kind", "oncology"), '--hours: say when this team answers, for example --hours "Mon'),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_saved(
    run: Runner, home: Path, args: tuple[str, ...], expected: str
) -> None:
    result = run("team", "add", *HOSPICE[:2], "--phone", "555 123 4567", *args)
    assert result.code == 2
    assert expected in result.err
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert not team_file(home).exists()


def test_a_bad_spec_is_explained_in_spanish_with_a_spanish_example(run: Runner) -> None:
    result = run("team", "add", *HOSPICE, "--hours", "lun-vie de 8 a 17", "--lang", "es")
    assert result.code == 2
    assert result.err == (
        'pallnav: --hours: no se entiende "de". Escríbalo así: lun-vie 8:00-17:00, sáb 9-12 '
        "(o 24/7).\n"
    )


def test_edit_changes_only_what_the_flags_give(run: Runner) -> None:
    run("team", "add", *HOSPICE)
    edited = run("team", "edit", "hospice-nurse-line", "--phone", "555 222 3333")
    assert edited.code == 0, edited.err
    (entry,) = json.loads(run("team", "list", "--json").out)["team"]
    assert (entry["id"], entry["name"], entry["phone"], entry["hours"]) == (
        "hospice-nurse-line",
        "Hospice nurse line",
        "555 222 3333",
        "24/7",
    )


def test_edit_with_nothing_to_change_and_no_terminal_says_so_and_saves_nothing(
    run: Runner,
) -> None:
    run("team", "add", *HOSPICE)
    before = run("team", "list", "--json").out
    result = run("team", "edit", "hospice-nurse-line")
    assert result.code == 2
    assert result.err.startswith("pallnav: Nothing to change for hospice-nurse-line")
    assert "--phone" in result.err and len(result.err.splitlines()) == 1
    assert "Saved" not in result.err + result.out
    assert run("team", "list", "--json").out == before


def test_an_unknown_id_exits_2_listing_the_saved_ones(run: Runner) -> None:
    run("team", "add", *HOSPICE)
    result = run("team", "edit", "hospice", "--phone", "555 222 3333")
    assert result.code == 2
    assert 'No saved care team entry "hospice". The saved ones are: hospice-nurse-line' in (
        result.err
    )


def test_remove_without_a_terminal_needs_yes(run: Runner, home: Path) -> None:
    run("team", "add", *HOSPICE)
    refused = run("team", "remove", "hospice-nurse-line")
    assert refused.code == 2
    assert "add --yes" in refused.err
    assert team_file(home).exists()
    removed = run("team", "remove", "hospice-nurse-line", "--yes")
    assert removed.code == 0
    assert "Removed Hospice nurse line (hospice-nurse-line)." in removed.err
    assert not team_file(home).exists()


def test_profile_forget_leaves_the_team_alone(run: Runner, home: Path) -> None:
    run("team", "add", *HOSPICE)
    run("profile", "forget", "--yes")
    assert team_file(home).exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"[[contact]]\nid = 'x'\n\xff",
        b"not = [toml",
        b'[[contact]]\nid = "a"\nname = "A"\nphone = "ring me"\nkind = "hospice"\n'
        b'hours = "24/7"\nzone = "UTC"\n',
        b"x" * (70 * 1024),
        b"a = " + b"[" * 5000,
    ],
    ids=["not-utf8", "not-toml", "bad-phone", "too-big", "deep"],
)
def test_a_damaged_team_file_is_moved_aside_with_one_warning(
    run: Runner, home: Path, damage: bytes
) -> None:
    path = team_file(home)
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    result = run("team", "list")
    assert result.code == 0
    warning, rest = result.err.split("\n", 1)
    assert "Your saved care team could not be read" in warning
    assert "It was kept aside in" in warning
    assert rest == "No care team numbers are saved. To add one: pallnav team add\n"
    (aside,) = path.parent.glob("team.toml.broken-*")
    assert aside.read_bytes() == damage
    assert not path.exists()


def test_a_fifo_in_place_of_the_team_file_does_not_hang(run: Runner, home: Path) -> None:
    path = team_file(home)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    result = run("team", "list")
    assert "it is not a regular file" in result.err


def test_an_id_never_takes_a_pack_channels_id(run: Runner) -> None:
    run("team", "add", "--name", "Emergency", "--phone", "555 000 1111")
    (entry,) = json.loads(run("team", "list", "--json").out)["team"]
    assert entry["id"] == "emergency-2"
    assert run("hours", "--check", "emergency-2").out.startswith("Emergency: open now")


def test_list_in_spanish_writes_the_hours_with_spanish_day_names(run: Runner) -> None:
    run("team", "add", *HOSPICE, "--kind", "palliative", "--hours", "Mon-Fri 8am-5pm, Sat 9-12")
    result = run("team", "list", "--lang", "es")
    assert "Horario: lun-vie 08:00-17:00, sáb 09:00-12:00 (hora de America/New_York)" in result.out
    assert "Tipo: Equipo de cuidados paliativos" in result.out


@pytest.mark.parametrize("columns", ["40", "80"])
def test_list_fits_the_width_and_has_no_escape_codes_when_plain(run: Runner, columns: str) -> None:
    run("team", "add", *HOSPICE, "--note", "Ask for the nurse on call, and say it is about pain.")
    result = run("team", "list", "--plain", env={"COLUMNS": columns}, terminal=True)
    assert "\x1b" not in result.out
    lines = [line for line in result.out.splitlines() if "team.toml" not in line]  # a path
    assert all(len(line) <= int(columns) for line in lines)
    colour = run("team", "list", env={"TERM": "xterm"}, terminal=True)
    assert "\x1b[" in colour.out and "hospice-nurse-line" in colour.out
