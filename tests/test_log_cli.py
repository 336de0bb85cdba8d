"""`pallnav log` and `pallnav meds`: the daily symptom check and the medicine
list from the command line, in both languages, with every bad input refused in
one line and nothing written."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Runner
from pallnav.record_store import read_record


def record_file(home: Path) -> Path:
    return home / "data" / "pallnav" / "record.sqlite3"


def days(home: Path) -> dict[str, dict[str, int]]:
    return {e.day.isoformat(): dict(e.scores) for e in read_record(record_file(home)).entries}


# --- pallnav log ---------------------------------------------------------------------------


def test_flags_save_today_privately_and_never_ask(run: Runner, home: Path) -> None:
    result = run("log", "--pain", "6", "--tiredness", "4", "--note", "bad night")
    assert result.code == 0, result.err
    assert "Saved the scores and the note for Fri, November 27, 2026." in result.err
    assert days(home) == {"2026-11-27": {"pain": 6, "tiredness": 4}}
    path = record_file(home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_at_records_a_missed_day(run: Runner, home: Path) -> None:
    assert run("log", "--at", "2026-11-25", "--nausea", "3").code == 0
    assert run("log", "--at", "yesterday", "--nausea", "2").code == 0
    assert days(home) == {"2026-11-25": {"nausea": 3}, "2026-11-26": {"nausea": 2}}


def test_the_same_day_again_needs_replace_without_a_terminal(run: Runner, home: Path) -> None:
    run("log", "--pain", "6", "--tiredness", "4")
    again = run("log", "--pain", "2")
    assert again.code == 2
    assert again.err == (
        "pallnav: Fri, November 27, 2026 already has scores. To replace them, add --replace.\n"
    )
    assert days(home) == {"2026-11-27": {"pain": 6, "tiredness": 4}}
    assert run("log", "--pain", "2", "--replace").code == 0
    assert days(home) == {"2026-11-27": {"pain": 2}}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain", "11"], "--pain: \"11\" is not a score. Use a whole number from 0 (none)"),
        (["--pain", "-1"], "--pain: \"-1\" is not a score."),
        (["--nausea", "six"], "--nausea: \"six\" is not a score."),
        (["--pain", "3", "--at", "2026-11-28"], "--at: \"2026-11-28\" is in the future."),
        (["--pain", "3", "--at", "1899-12-31"], "--at: \"1899-12-31\" is before 1900."),
        (["--pain", "3", "--at", "11/27"], "--at: \"11/27\" is not a day. Use YYYY-MM-DD"),
        (["--fever", "3"], "--fever is not an option of this command."),
        (["--other-score", "4"], "--other-score needs --other NAME"),
        (["--other", "Itching"], "--other needs --other-score"),
        (["--pain", "3", "--note", "x" * 501], "--note: \"xxxx"),
        (["--pain", "3", "--role", "doctor"], "--role: \"doctor\" is not one of: patient"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    run: Runner, home: Path, args: list[str], message: str
) -> None:
    result = run("log", *args)
    assert result.code == 2
    assert result.err.startswith(f"pallnav: {message}")
    assert result.err.count("\n") == 1
    assert not record_file(home).exists()


def test_a_10_mb_note_is_refused_quickly(run: Runner, home: Path) -> None:
    result = run("log", "--pain", "3", "--note", "n" * 10_000_000)
    assert result.code == 2
    assert "too long (at most 500 characters)" in result.err
    assert len(result.err) < 300
    assert not record_file(home).exists()


def test_without_scores_or_a_terminal_it_says_how_to_give_them(run: Runner, home: Path) -> None:
    result = run("log")
    assert result.code == 2
    assert "pallnav log --pain 6 --tiredness 4" in result.err
    assert not record_file(home).exists()


def test_a_note_with_escape_sequences_is_refused(run: Runner, home: Path) -> None:
    result = run("log", "--pain", "3", "--note", "ok\x1b]8;;https://evil\x07")
    assert result.code == 2
    assert "\x1b" not in result.err and "\\x1b" in result.err
    assert not record_file(home).exists()


def test_saving_a_high_pain_says_to_call_the_team_now(run: Runner) -> None:
    result = run("log", "--pain", "8")
    assert "Pain: 8 on Friday, November 27. 7 or more. Tell your care team." in result.err
    assert "Call your care team now, day or night. In an emergency, call 911." in result.err


def test_the_role_comes_from_the_flag_then_the_saved_answers(run: Runner, home: Path) -> None:
    profile = home / "data" / "pallnav" / "profile.toml"
    profile.parent.mkdir(parents=True)
    profile.write_text('role = "caregiver"\n')
    run("log", "--pain", "3")
    run("log", "--at", "yesterday", "--pain", "3", "--role", "professional")
    by = {e.day.isoformat(): e.by for e in read_record(record_file(home)).entries}
    assert by == {"2026-11-27": "caregiver", "2026-11-26": "professional"}


# --- pallnav log list ------------------------------------------------------------------------


def test_list_shows_each_symptom_then_each_day(run: Runner) -> None:
    run("log", "--at", "2026-11-24", "--pain", "2", "--tiredness", "3")
    run("log", "--at", "2026-11-26", "--pain", "5", "--breathing", "7")
    run("log", "--pain", "6", "--tiredness", "3", "--note", "bad night")
    result = run("log", "list")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "Symptom record, November 21, 2026 to November 27, 2026" in text
    assert (
        "- Shortness of breath: 7 on Thursday, November 26. 7 or more. Tell your care team. "
        "Call your care team now, day or night. In an emergency, call 911."
    ) in text
    assert (
        "- Pain: 6 on Friday, November 27 (between 2 and 6, going up). "
        "Up 4 in these days. Tell your care team."
    ) in text
    assert "- Tiredness: 3 on Friday, November 27 (no change)." in text
    assert "- Note for Friday, November 27: bad night" in text
    assert text.index("Shortness of breath: 7") < text.index("Pain: 6") < text.index("Tired")


def test_list_shows_a_table_by_day_with_the_marks(run: Runner) -> None:
    run("log", "--at", "2026-11-24", "--pain", "2", "--tiredness", "3")
    run("log", "--at", "2026-11-26", "--pain", "5", "--breathing", "7")
    run("log", "--pain", "6", "--tiredness", "3", "--note", "bad night")
    lines = run("log", "list", env={"COLUMNS": "80"}).out.splitlines()
    by_day = lines[lines.index("By day") + 2 :]
    assert by_day[0].split() == ["Symptom", "Sat", "21", "Sun", "22", "Mon", "23", "Tue", "24",
                                 "Wed", "25", "Thu", "26", "Fri", "27"]  # fmt: skip
    assert by_day[1].split() == ["Shortness", "of", "breath", "*", "7"]
    assert by_day[2].split() == ["Pain", "*", "2", "5", "6"]
    assert by_day[3].split() == ["Tiredness", "3", "3"]
    # Each score sits under its day.
    assert by_day[2].index("6") == by_day[0].index("27") + 1
    assert by_day[1].index("7") == by_day[0].index("26") + 1
    assert "* Tell your care team." in lines
    assert all(len(line) <= 80 for line in lines if "/" not in line)  # but the file's path


@pytest.mark.parametrize("lang", ["en", "es"])
def test_list_table_fits_forty_columns_as_one_line_a_symptom(run: Runner, lang: str) -> None:
    run("log", "--at", "2026-11-24", "--pain", "2", "--tiredness", "3")
    run("log", "--pain", "8", "--tiredness", "3", "--note", "bad night")
    result = run("log", "list", "--lang", lang, env={"COLUMNS": "40"})
    lines = result.out.splitlines()
    assert all(len(line) <= 40 for line in lines if "/" not in line), lines
    pain = {"en": "Pain *: Tue 24 2; Fri 27 8", "es": "Dolor *: mar 24 2; vie 27 8"}[lang]
    assert pain in lines
    call = {"en": "Call your care team now", "es": "Llame ahora a su equipo"}[lang]
    assert call in " ".join(result.out.split())


def test_list_of_many_days_has_a_table_a_week_newest_first(run: Runner) -> None:
    run("log", "--at", "2026-11-03", "--pain", "4", "--note", "long day")
    run("log", "--at", "2026-11-20", "--pain", "3")
    run("log", "--pain", "5")
    text = run("log", "list", "--days", "30", env={"COLUMNS": "80"}).out
    weeks = [line for line in text.splitlines() if line[:3] in ("Nov", "Oct")]
    assert weeks == [
        "November 21, 2026 to November 27, 2026",
        "November 14, 2026 to November 20, 2026",
        "October 31, 2026 to November 6, 2026",  # no week with nothing in it
    ]
    assert "- Note for Tuesday, November 3: long day" in text


def test_a_long_list_draws_the_last_eight_weeks_and_says_where_every_day_is(
    run: Runner,
) -> None:
    """Ten years would be 522 tables: the summary covers every day asked for, the
    tables the newest eight weeks with scores, and a line says where the rest are."""
    for week in range(10):
        day = date(2026, 11, 27) - timedelta(days=7 * week)
        assert run("log", "--at", day.isoformat(), "--pain", str(week % 10)).code == 0
    text = run("log", "list", "--days", "70", env={"COLUMNS": "80"}).out
    weeks = [
        line for line in text.splitlines() if re.match(r"(September|October|November) \d", line)
    ]
    assert len(weeks) == 8, weeks
    said = " ".join(text.split())
    assert "The tables show the last 8 weeks with scores." in said
    assert "pallnav log export --format csv" in said
    # Eight weeks or fewer: every one is drawn, and nothing is said.
    assert "The tables show" not in run("log", "list", "--days", "56").out


def test_list_json_has_the_documented_shape(run: Runner) -> None:
    run("log", "--at", "2026-11-20", "--pain", "9")  # outside the 7 days
    run("log", "--at", "2026-11-26", "--pain", "2", "--other", "Itching", "--other-score", "1")
    run("log", "--pain", "5", "--note", "bad night", "--role", "caregiver")
    data = json.loads(run("log", "list", "--json").out)
    assert data["days"] == 7
    assert (data["from"], data["to"]) == ("2026-11-21", "2026-11-27")
    today = data["entries"][0]
    assert {k: v for k, v in today.items() if k != "saved"} == {
        "date": "2026-11-27",
        "scores": {"pain": 5},
        "other": None,
        "note": "bad night",
        "by": "caregiver",
    }
    pain = data["summary"][0]
    assert pain == {
        "symptom": "pain",
        "other": None,
        "latest": 5,
        "latest_date": "2026-11-27",
        "low": 2,
        "high": 5,
        "first": 2,
        "direction": "up",
        "rise": 3,
        "tell_team": True,
        "call_now": False,
        "reasons": ["rose"],
    }
    assert data["summary"][1]["other"] == "Itching"


def test_list_days_reaches_further_back(run: Runner) -> None:
    run("log", "--at", "2026-11-01", "--pain", "4")
    assert run("log", "list").err.startswith("No symptoms recorded in the last 7 days")
    assert "Sun 1  Mon 2  Tue 3" in run("log", "list", "--days", "30").out
    bad = run("log", "list", "--days", "0")
    assert (bad.code, bad.err.count("\n")) == (2, 1)


def test_list_with_no_record_creates_nothing(run: Runner, home: Path) -> None:
    result = run("log", "list")
    assert result.code == 0
    assert "To record today's: pallnav log" in result.err
    assert json.loads(run("log", "list", "--json").out)["entries"] == []
    assert not record_file(home).exists()


def test_list_in_spanish(run: Runner) -> None:
    run("log", "--pain", "8", "--lang", "es")
    text = " ".join(run("log", "list", "--lang", "es").out.split())
    assert "Registro de síntomas, del 21 de noviembre de 2026 al 27 de noviembre de 2026" in text
    assert "Dolor: 8 el viernes, 27 de noviembre. 7 o más." in text
    assert "Llame ahora a su equipo de atención médica, de día o de noche." in text


# --- remove, forget, export ------------------------------------------------------------------


def test_remove_deletes_one_day(run: Runner, home: Path) -> None:
    run("log", "--at", "yesterday", "--pain", "3")
    run("log", "--pain", "4")
    assert run("log", "remove", "2026-11-26").code == 0
    assert days(home) == {"2026-11-27": {"pain": 4}}
    missing = run("log", "remove", "2026-11-26")
    assert missing.code == 2 and "no scores for Thu, November 26, 2026" in missing.err


def test_forget_needs_yes_without_a_terminal_and_leaves_the_profile(
    run: Runner, home: Path
) -> None:
    profile = home / "data" / "pallnav" / "profile.toml"
    run("log", "--pain", "3")
    profile.write_text('role = "patient"\n')
    refused = run("log", "forget")
    assert refused.code == 2 and "--yes" in refused.err
    assert days(home)
    assert run("log", "forget", "--yes").code == 0
    assert not record_file(home).exists()
    assert profile.read_text() == 'role = "patient"\n'


def test_profile_forget_leaves_the_record(run: Runner, home: Path) -> None:
    run("guide", "--role", "patient", "--stage", "new", "--age", "adult", "--setting",
        "clinic", "--insurance", "private", "--save", "--format", "plain")  # fmt: skip
    run("log", "--pain", "3")
    assert run("profile", "forget", "--yes").code == 0
    assert days(home) == {"2026-11-27": {"pain": 3}}


def test_export_gives_everything_back_as_json_and_csv(run: Runner, tmp_path: Path) -> None:
    run("log", "--at", "2026-01-02", "--pain", "3", "--note", '=HYPERLINK("x")')
    run("log", "--other", "Itching", "--other-score", "4")
    run("meds", "add", "--name", "Morphine ER", "--dose", "15 mg")
    data = json.loads(run("log", "export").out)
    assert [e["date"] for e in data["entries"]] == ["2026-01-02", "2026-11-27"]
    assert data["medicines"] == [
        {"id": "morphine-er", "name": "Morphine ER", "dose": "15 mg", "when": None, "for": None}
    ]
    rows = list(csv.reader(io.StringIO(run("log", "export", "--format", "csv").out)))
    assert rows[0][:4] == ["date", "pain", "tiredness", "drowsiness"]
    assert rows[0][10:] == ["other", "other_score", "note", "by", "saved"]
    assert rows[1][:2] == ["2026-01-02", "3"]
    assert rows[1][12] == '\'=HYPERLINK("x")'  # a spreadsheet shows it, never runs it
    assert rows[2][10:12] == ["Itching", "4"]
    out = tmp_path / "record.json"
    assert run("log", "export", "--output", str(out)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = run("log", "export", "--output", str(out))
    assert again.code == 2 and "--force" in again.err


def test_a_damaged_record_is_moved_aside_with_one_line(run: Runner, home: Path) -> None:
    path = record_file(home)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 1000)
    result = run("log", "--pain", "3")
    assert result.code == 0
    first = result.err.splitlines()[0]
    assert first.startswith("Your symptom record and medicine list could not be read")
    assert "record.sqlite3.broken-20261127-200000" in first
    assert (path.parent / "record.sqlite3.broken-20261127-200000").read_bytes().startswith(b"garb")
    assert days(home) == {"2026-11-27": {"pain": 3}}


# --- pallnav meds --------------------------------------------------------------------------


def test_meds_add_list_edit_remove(run: Runner) -> None:
    added = run("meds", "add", "--name", "Morphine ER", "--dose", "15 mg",
                "--when", "8 am and 8 pm", "--for", "pain")  # fmt: skip
    assert added.code == 0 and "morphine-er" in added.err
    listed = run("meds", "list")
    assert "morphine-er: Morphine ER" in listed.out
    assert "Dose: 15 mg" in listed.out and "For: pain" in listed.out
    assert run("meds", "edit", "morphine-er", "--dose", "30 mg").code == 0
    data = json.loads(run("meds", "list", "--json").out)
    assert data == {"medicines": [{"id": "morphine-er", "name": "Morphine ER", "dose": "30 mg",
                                   "when": "8 am and 8 pm", "for": "pain"}]}  # fmt: skip
    refused = run("meds", "remove", "morphine-er")
    assert refused.code == 2 and "--yes" in refused.err
    assert run("meds", "remove", "morphine-er", "--yes").code == 0
    assert json.loads(run("meds", "list", "--json").out) == {"medicines": []}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--dose", "5 mg"], "--name is missing"),
        (["add", "--name", "  "], "--name: this cannot be empty."),
        (["add", "--name", "A" * 81], "--name: \"AAAA"),
        (["add", "--name", "X", "--when", "\x1b[2J"], "--when: \"\\x1b[2J\" holds characters"),
        (["edit", "nope", "--dose", "1"], "No medicines are saved"),
        (["remove", "nope", "--yes"], "No medicines are saved"),
    ],
)  # fmt: skip
def test_meds_bad_input_is_one_line_exit_2(
    run: Runner, home: Path, args: list[str], message: str
) -> None:
    result = run("meds", *args)
    assert result.code == 2
    assert result.err.startswith(f"pallnav: {message}"), result.err
    assert result.err.count("\n") == 1
    assert not record_file(home).exists()


def test_meds_unknown_id_names_the_ones_there_are(run: Runner) -> None:
    run("meds", "add", "--name", "Ondansetron")
    result = run("meds", "edit", "morfine", "--dose", "4 mg")
    assert result.err == ('pallnav: No medicine "morfine" on the list. The ids are: ondansetron\n')


def test_meds_forget_leaves_the_symptom_record(run: Runner, home: Path) -> None:
    run("meds", "add", "--name", "Ondansetron")
    run("log", "--pain", "3")
    assert run("meds", "forget", "--yes").code == 0
    assert json.loads(run("meds", "list", "--json").out) == {"medicines": []}
    assert days(home) == {"2026-11-27": {"pain": 3}}


def test_meds_in_spanish(run: Runner) -> None:
    run("meds", "add", "--name", "Ondansetrón", "--dose", "4 mg", "--lang", "es")
    listed = run("meds", "list", "--lang", "es")
    assert "ondansetron: Ondansetrón" in listed.out
    assert "Dosis: 4 mg" in listed.out
    assert "pallnav no revisa dosis ni da consejos" in " ".join(listed.out.split())


# --- two at once -----------------------------------------------------------------------------


def test_two_pallnav_log_processes_at_once_lose_nothing(home: Path) -> None:
    """Two real `pallnav log` processes, on a record that does not exist yet."""
    import os

    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "TZ": "UTC"}  # fmt: skip
    commands = [
        [sys.executable, "-m", "pallnav", "log", "--at", day, "--pain", "5"]
        for day in ("2026-11-01", "2026-11-02")
    ]
    for _ in range(3):
        running = [subprocess.Popen(c, env=env, stderr=subprocess.PIPE) for c in commands]
        assert [p.wait(timeout=60) for p in running] == [0, 0]
        for p in running:
            assert p.stderr is not None
            p.stderr.close()
        assert set(days(home)) == {"2026-11-01", "2026-11-02"}
        record_file(home).unlink()


def test_errors_and_help_in_spanish(run: Runner, home: Path) -> None:
    result = run("--lang", "es", "log", "--pain", "11")
    assert result.code == 2
    assert result.err.startswith('pallnav: --pain: "11" no es un puntaje. Use un número entero')
    future = run("log", "--pain", "3", "--at", "2030-01-01", "--lang", "es")
    assert "es una fecha futura" in future.err
    assert not record_file(home).exists()
    helped = run("log", "--help", "--lang", "es").out
    assert "Su registro diario de síntomas" in helped
    assert "--pain PUNTAJE" in helped
    assert "list " in helped and "Los síntomas de los últimos días" in " ".join(helped.split())


def test_a_day_that_scores_nothing_and_says_nothing_is_not_asked_for(run: Runner) -> None:
    """--note alone is a day worth keeping; flags that give nothing are refused."""
    assert run("log", "--note", "quiet day").code == 0
    assert "Note for Friday, November 27: quiet day" in " ".join(run("log", "list").out.split())


# --- the words of what happened (review of issue 19) ---------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Your symptom record and medicine list could not be read: the file is damaged. "
               "It was kept aside in {moved}, in case someone can recover it; a new, empty one "
               "is used from now on."),
        ("es", "No se pudo leer su registro de síntomas y su lista de medicinas: el archivo "
               "está dañado. Se guardó aparte en {moved}, por si alguien puede recuperarlo; "
               "desde ahora se usa uno nuevo y vacío."),
    ],
)  # fmt: skip
def test_a_damaged_record_is_said_in_one_clean_line_in_the_readers_language(
    run: Runner, home: Path, lang: str, expected: str
) -> None:
    path = record_file(home)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 1000)
    result = run("log", "list", "--lang", lang)
    moved = path.parent / "record.sqlite3.broken-20261127-200000"
    assert result.err.splitlines()[0] == expected.format(moved=moved)
    assert "database" not in result.err


def test_one_day_and_one_medicine_are_said_in_the_singular(run: Runner) -> None:
    run("log", "--pain", "3")
    assert run("log", "forget", "--yes").err == (
        "Deleted the symptom record (1 day) from this computer.\n"
    )
    run("log", "--pain", "3")
    assert "(1 día)" in run("log", "forget", "--yes", "--lang", "es").err
    run("log", "--pain", "3")
    run("log", "--at", "yesterday", "--pain", "2")
    assert "(2 days)" in run("log", "forget", "--yes").err
    run("meds", "add", "--name", "Morphine ER")
    assert "(1 medicine)" in run("meds", "forget", "--yes").err


def test_a_note_alone_is_said_to_be_saved_as_a_note(run: Runner) -> None:
    assert run("log", "--note", "bad night").err == "Saved the note for Fri, November 27, 2026.\n"
    both = run("log", "--at", "yesterday", "--pain", "3", "--note", "ok")
    assert both.err.startswith("Saved the scores and the note for Thu, November 26, 2026.")
    assert run("log", "--at", "2026-11-25", "--pain", "3").err.startswith("Saved the scores for")


def test_a_busy_record_cannot_be_read_for_a_moment_in_one_line(
    run: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from pallnav import record_store

    run("meds", "add", "--name", "Morphine ER")
    monkeypatch.setattr(record_store, "BUSY_SECONDS", 0.05)
    writer = sqlite3.connect(record_file(home), isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # another pallnav in the middle of saving
    try:
        listed = run("meds", "list")
        spanish = run("meds", "list", "--lang", "es")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert listed.err == (
        f"pallnav: Cannot read {record_file(home)}: another pallnav is using it; "
        "try again in a moment. Nothing was changed.\n"
    )
    assert listed.code == 73
    assert "otro pallnav lo está usando" in spanish.err and "locked" not in spanish.err
