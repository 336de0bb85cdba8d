"""`pallnav guide` without a terminal: flags, answers files, formats, files kept."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from conftest import Runner
from markdown_rules import problems

CAREGIVER_MEDICARE = [
    "--role", "caregiver",
    "--stage", "end-of-life",
    "--age", "older-adult",
    "--setting", "home",
    "--insurance", "medicare",
]  # fmt: skip


def answers_for(**overrides: str) -> list[str]:
    values = {
        "role": "patient",
        "stage": "treatment",
        "age": "adult",
        "setting": "clinic",
        "insurance": "private",
        **overrides,
    }
    return [part for key, value in values.items() for part in (f"--{key}", value)]


@pytest.mark.parametrize(
    ("answers", "must", "must_not"),
    [
        (
            answers_for(age="child", insurance="medicaid"),
            {"children", "medicaid-children", "paying-medicaid"},
            {"teens", "hospice-medicare", "paying-medicare"},
        ),
        (
            answers_for(age="older-adult"),
            {"what-it-is", "how-to-get-it", "reach-someone"},
            {"children", "teens", "young-adults", "for-caregivers"},
        ),
        (
            CAREGIVER_MEDICARE,
            {"hospice-compared", "hospice-medicare", "for-caregivers", "care-at-home"},
            {"children", "for-professionals", "after-treatment"},
        ),
        (
            answers_for(role="professional", stage="new"),
            {"for-professionals"},
            {"hospice-medicare", "for-caregivers", "hospice-compared"},
        ),
        (
            [*answers_for(), "--concern", "pain", "--concern", "planning"],
            {"pain", "planning-ahead"},
            {"feelings", "family", "money-worries"},
        ),
    ],
)
def test_the_guide_shows_what_fits_and_leaves_out_what_does_not(
    run: Runner, answers: list[str], must: set[str], must_not: set[str]
) -> None:
    result = run("guide", *answers, "--format", "json")
    assert result.code == 0, result.err
    shown = {s["id"] for s in json.loads(result.out)["sections"]}
    assert must <= shown
    assert not (must_not & shown)


def test_a_section_says_why_it_was_shown(run: Runner) -> None:
    result = run("guide", *CAREGIVER_MEDICARE)
    assert "Help for you as a caregiver" in result.out
    assert "Shown because you care for someone with cancer." in result.out
    assert (
        "Shown because the person with cancer may be near the end of life; the insurance is"
        " Medicare." in " ".join(result.out.split())
    )


@pytest.mark.parametrize("fmt", ["plain", "markdown"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_professional_is_not_told_to_take_the_questions_to_their_own_visit(
    run: Runner, fmt: str, lang: str
) -> None:
    visit = {"en": "your next visit", "es": "su próxima cita"}[lang]
    patient = " ".join(run("guide", *answers_for(), "--format", fmt, "--lang", lang).out.split())
    assert visit in patient
    result = run(
        "guide", *answers_for(role="professional"), "--format", fmt, "--lang", lang
    )  # fmt: skip
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert visit not in text
    assert {"en": "your patient's care", "es": "su paciente"}[lang] in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_visit_sheet_heads_a_professionals_questions_in_their_own_words(
    run: Runner, lang: str
) -> None:
    heading = {"en": "Questions to raise about your patient's care", "es": "su paciente"}[lang]
    patient = run("export", "--visit", "-", "--format", "plain", "--lang", lang, *answers_for())
    assert heading not in patient.out
    result = run(
        "export", "--visit", "-", "--format", "plain", "--lang", lang,
        *answers_for(role="professional"),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert heading in result.out


def test_the_guide_says_who_can_answer_now_and_the_content_in_use(run: Runner) -> None:
    result = run("guide", *answers_for(), "--tz", "America/New_York")
    assert "Who you can reach" in result.out
    assert "Now: Friday, November 27, 3:00 PM" in result.out
    assert "Cancer information and support line (American Cancer Society): Open now" in result.out
    assert "Closes today at 7:30 PM your time (6:30 PM CT), in 4 h 30 min." in result.out
    assert "Content: pallnav-en 2026.11.24 (built in), reviewed December 5, 2026." in result.out
    assert result.out.count("not medical advice") == 1


@pytest.mark.parametrize("output", [[], ["--format", "markdown"]])
def test_who_to_call_and_the_questions_come_before_the_long_sections(
    run: Runner, output: list[str]
) -> None:
    text = run("guide", *CAREGIVER_MEDICARE, *output).out
    reach = text.index("Who you can reach")
    questions = text.index("Questions to ask your care team")
    sections = text.index("What fits you")
    assert text.index("Your answers") < reach < questions < sections
    assert sections < text.index("Help for you as a caregiver")


def test_missing_answers_without_a_terminal_exit_2_naming_flags_and_choices(
    run: Runner,
) -> None:
    result = run("guide", "--role", "patient")
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "--stage (new, treatment, advanced, end-of-life, after-treatment, unsure)" in result.err
    assert "--insurance (private, medicare, medicaid, va, none, unsure)" in result.err
    assert "--role" not in result.err.split("Add:")[1]


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--stage", "terminal"], ['--stage: "terminal"', "end-of-life"]),
        (["--concern", "money"], ['--concern: "money"', "cost"]),
        (["--format", "pdf"], ['"pdf"', "rich, plain, markdown, html, json"]),
    ],
)
def test_a_bad_value_names_the_field_the_value_and_the_choices(
    run: Runner, args: list[str], names: list[str]
) -> None:
    result = run("guide", *answers_for(), *args)
    assert result.code == 2
    for name in names:
        assert name in result.err


def test_an_answers_file_gives_the_answers_and_flags_win(run: Runner, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        'role = "caregiver"\nstage = "advanced"\nage = "child"\nsetting = "home"\n'
        'insurance = "medicaid"\nconcerns = ["pain"]\n'
    )
    result = run("guide", "--answers", str(answers), "--age", "teen", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["answers"] == {
        "role": "caregiver",
        "stage": "advanced",
        "age": "teen",
        "setting": "home",
        "insurance": "medicaid",
        "concerns": ["pain"],
    }


@pytest.mark.parametrize(
    ("content", "names"),
    [
        ('stage = "later"\n', ["answers.toml: stage", '"later"', "end-of-life"]),
        ('concerns = "pain"\n', ["concerns must be a list"]),
        ('mood = "low"\n', ['unknown key "mood"', "role, stage, age"]),
        ("stage = \n", ["answers.toml", "not valid TOML"]),
        ("stage = " + "[" * 5000, ["answers.toml", "nested more than 32 levels deep"]),
        (b"\xff\xfe", ["not UTF-8"]),
    ],
)
def test_a_broken_answers_file_is_one_line_naming_what_is_wrong(
    run: Runner, tmp_path: Path, content: str | bytes, names: list[str]
) -> None:
    answers = tmp_path / "answers.toml"
    if isinstance(content, bytes):
        answers.write_bytes(content)
    else:
        answers.write_text(content)
    result = run("guide", *answers_for(), "--answers", str(answers))
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    for name in names:
        assert name in result.err


def test_json_has_answers_sections_questions_contacts_and_pack(run: Runner) -> None:
    result = run("guide", *CAREGIVER_MEDICARE, "--format", "json", "--tz", "America/Chicago")
    data = json.loads(result.out)
    assert set(data) >= {"answers", "sections", "questions", "contacts", "pack"}
    section = next(s for s in data["sections"] if s["id"] == "hospice-medicare")
    assert set(section) >= {"id", "title", "reason", "markdown"}
    assert "Medicare" in section["reason"]
    assert all(set(q) >= {"id", "topic", "text"} for q in data["questions"])
    assert data["contacts"]["timezone"] == "America/Chicago"
    assert [c["id"] for c in data["contacts"]["channels"]] == [
        "emergency",
        "crisis",
        "helpline",
        "chat",
    ]
    assert data["pack"] == {
        "id": "pallnav-en",
        "language": "en",
        "version": "2026.11.24",
        "reviewed": "2026-12-05",
        "origin": "bundled",
        "stale": False,
    }


def test_the_markdown_summary_is_clean_gfm_with_a_task_list(run: Runner) -> None:
    result = run("guide", *CAREGIVER_MEDICARE, "--concern", "planning", "--format", "markdown")
    text = result.out
    assert problems(text) == []
    assert text.startswith("# Your palliative care guide\n")
    assert (
        "- [ ] Whom do we call when we are worried about them, day or night, on weekends or in"
        " a crisis? When should we call 911 instead?" in text
    )
    assert "Notes:" in text
    assert (  # a no-break space in each time: no viewer splits "8:00 AM"
        "Hours in your time (America/New_York): Monday to Friday: 8:00\u00a0AM to 7:30\u00a0PM;"
        " Saturday and Sunday: closed." in text
    )
    assert "[What Is Palliative Care?](https://www.cancer.org/" in text
    assert "reviewed December 5, 2026" in text
    assert "not medical advice" in text


@pytest.mark.parametrize("age", ["child", "teen", "young-adult", "adult", "older-adult"])
@pytest.mark.parametrize("stage", ["new", "end-of-life", "unsure"])
def test_every_summary_passes_the_markdown_rules(run: Runner, age: str, stage: str) -> None:
    concerns = [p for c in ("pain", "breathing", "mood", "family", "cost", "planning")
                for p in ("--concern", c)]  # fmt: skip
    result = run(
        "guide", *answers_for(age=age, stage=stage, insurance="medicaid"), *concerns,
        "--format", "markdown",
    )  # fmt: skip
    assert problems(result.out) == []


def test_export_writes_a_private_file_and_never_overwrites_without_force(
    run: Runner, tmp_path: Path
) -> None:
    target = tmp_path / "summary.md"
    first = run("guide", *answers_for(), "--export", str(target))
    assert first.code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("# Your palliative care guide")
    assert str(target) in first.err

    target.write_text("my own notes\n")
    refused = run("guide", *answers_for(), "--export", str(target))
    assert refused.code == 2
    assert "--force" in refused.err
    assert refused.out == ""  # refused before showing anything
    assert target.read_text() == "my own notes\n"

    forced = run("guide", *answers_for(), "--export", str(target), "--force")
    assert forced.code == 0
    assert target.read_text().startswith("# Your palliative care guide")


def test_a_failed_write_leaves_the_old_file_whole(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "summary.md"
    target.write_text("the old summary\n")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = run("guide", *answers_for(), "--export", str(target), "--force")
    assert result.code == 73  # found only at the end: the answers kept, the way back said
    assert "the disk is full" in result.err
    assert f"pallnav export {target}" in result.err
    assert target.read_text() == "the old summary\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]


def test_export_command_writes_the_summary_for_the_saved_profile(
    run: Runner, tmp_path: Path
) -> None:
    assert run("guide", *CAREGIVER_MEDICARE, "--save").code == 0
    target = tmp_path / "out.md"
    result = run("export", str(target))
    assert result.code == 0, result.err
    assert "Medicare has a hospice benefit" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert run("export", str(target)).code == 2
    assert run("export", str(target), "--force").code == 0


@pytest.mark.parametrize("kind", ["fifo", "folder"])
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_replaces_a_pipe_or_a_folder_even_with_force(
    run: Runner, tmp_path: Path, kind: str, force: list[str]
) -> None:
    target = tmp_path / "there"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    result = run("export", str(target), *force, *answers_for())
    assert result.code == 2
    reason = "it is not a regular file" if kind == "fifo" else "it is a folder, not a file"
    assert result.err == f"pallnav: Cannot write {target}: {reason}. Nothing was changed.\n"
    assert stat.S_ISFIFO(target.lstat().st_mode) if kind == "fifo" else target.is_dir()


def test_guide_finds_a_pipe_as_export_before_showing_or_asking_anything(
    run: Runner, tmp_path: Path
) -> None:
    target = tmp_path / "pipe"
    os.mkfifo(target)
    result = run("guide", *answers_for(), "--export", str(target), "--force")
    assert result.code == 2
    assert result.out == ""  # refused before the guide, so before any question
    assert (
        result.err
        == f"pallnav: Cannot write {target}: it is not a regular file. Nothing was changed.\n"
    )


def test_export_dash_writes_to_stdout(run: Runner) -> None:
    result = run("export", "-", *answers_for())
    assert result.code == 0
    assert result.out.startswith("# Your palliative care guide")


def test_export_without_answers_says_how_to_give_them(run: Runner) -> None:
    result = run("export", "-")
    assert result.code == 2
    assert "pallnav guide --save" in result.err
    assert "--role" in result.err


def test_save_keeps_answers_privately_and_profile_show_and_forget_manage_them(
    run: Runner, home: Path
) -> None:
    assert run("guide", *CAREGIVER_MEDICARE, "--concern", "cost", "--save").code == 0
    profile = home / "data" / "pallnav" / "profile.toml"
    assert stat.S_IMODE(profile.stat().st_mode) == 0o600
    assert stat.S_IMODE(profile.parent.stat().st_mode) == 0o700

    shown = run("profile", "show")
    assert "I care for someone with cancer" in shown.out
    assert "Money and insurance" in shown.out

    # The saved answers are used next time: no flags needed.
    again = run("guide")
    assert again.code == 0
    assert "Medicare has a hospice benefit" in again.out

    refused = run("profile", "forget")  # no terminal: no question, and no silent deletion
    assert refused.code == 2
    assert "pallnav profile forget --yes" in refused.err
    assert profile.exists()
    assert run("profile", "forget", "--yes").code == 0
    assert not profile.exists()
    assert "No answers are saved" in run("profile", "show").err


def test_no_profile_ignores_the_saved_answers(run: Runner) -> None:
    run("guide", *CAREGIVER_MEDICARE, "--save")
    assert run("guide", "--no-profile").code == 2


def test_a_corrupt_profile_is_kept_aside_with_one_warning(run: Runner, home: Path) -> None:
    profile = home / "data" / "pallnav" / "profile.toml"
    profile.parent.mkdir(parents=True)
    profile.write_text('role = "astronaut"\n')
    result = run("guide", *answers_for())
    assert result.code == 0
    assert result.err.count("could not be read") == 1
    assert not profile.exists()
    kept = list(profile.parent.glob("profile.toml.broken-*"))
    assert len(kept) == 1
    assert kept[0].read_text() == 'role = "astronaut"\n'


def test_nothing_is_written_unless_asked(run: Runner, home: Path, tmp_path: Path) -> None:
    before = sorted(p for p in tmp_path.rglob("*"))
    assert run("guide", *answers_for(), "--format", "markdown").code == 0
    assert sorted(p for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("columns", ["40", "80"])
def test_the_terminal_guide_fits_the_width(run: Runner, columns: str) -> None:
    import re

    result = run(
        "guide", *CAREGIVER_MEDICARE, "--concern", "pain", "--all", "--no-pager",
        terminal=True, env={"COLUMNS": columns, "TERM": "xterm-256color"},
    )  # fmt: skip
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.out)
    assert "Help with pain" in text
    for line in text.splitlines():
        assert len(line.rstrip()) <= int(columns) or "://" in line, line


def test_content_reviewed_over_a_year_ago_gets_a_gentle_note_in_every_format(
    run: Runner,
) -> None:
    from datetime import UTC, datetime

    later = datetime(2027, 12, 10, 15, tzinfo=UTC)
    for args in ([], ["--format", "markdown"]):
        result = run("guide", *CAREGIVER_MEDICARE, *args, at=later)
        assert "last reviewed on December 5, 2026, more than a year ago" in " ".join(
            result.out.split()
        )
    data = json.loads(run("guide", *CAREGIVER_MEDICARE, "--format", "json", at=later).out)
    assert data["pack"]["stale"] is True
    assert "more than a year ago" not in run("guide", *CAREGIVER_MEDICARE).out


@pytest.mark.usefixtures("unknown_zone")
def test_the_guide_says_so_when_it_could_not_tell_the_time_zone(run: Runner) -> None:
    result = run("guide", *CAREGIVER_MEDICARE, env={"TZ": ""})
    assert "We could not tell your time zone, so times are in UTC." in result.out


def test_the_default_summary_name_is_dated_in_the_persons_own_zone(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    monkeypatch.chdir(tmp_path)
    # 02:00 UTC on the 28th is still the evening of the 27th in New York.
    late = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    result = run("export", *answers_for(), "--tz", "America/New_York", at=late)
    assert result.code == 0, result.err
    # HTML, to print: as the guide's menu saves it.
    assert [p.name for p in tmp_path.iterdir()] == ["pallnav-summary-2026-11-27.html"]


def test_a_long_web_address_is_never_cut_short_on_a_terminal(run: Runner) -> None:
    import re

    result = run(
        "guide", *CAREGIVER_MEDICARE, "--concern", "family", "--all", "--no-pager",
        terminal=True, env={"COLUMNS": "60", "TERM": "xterm-256color"},
    )  # fmt: skip
    assert result.code == 0, result.err
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.out)
    assert "…" not in text
    joined = "".join(line.strip() for line in text.splitlines())
    assert "what-is-palliative-care.html" in joined
    assert "https://pmc.ncbi.nlm.nih.gov/articles/PMC5333527" in joined


def test_guide_json_resolves_each_sections_sources_and_json_is_format_json(run: Runner) -> None:
    by_format = run("guide", *CAREGIVER_MEDICARE, "--format", "json")
    by_flag = run("guide", *CAREGIVER_MEDICARE, "--json")
    assert by_flag.code == 0, by_flag.err
    assert by_flag.out == by_format.out
    for section in json.loads(by_flag.out)["sections"]:
        assert all(isinstance(ident, str) for ident in section["sources"])  # unchanged
        details = section["source_details"]
        assert [d["id"] for d in details] == section["sources"]
        assert all(set(d) == {"id", "title", "url"} and d["title"] for d in details)
