"""The visit sheet's safety floor (issue 18, item 1), over every answer combination,
in both languages: who to call is always there (the team or a blank labelled for the
stage, 911 with its POLST note, 988 with Spanish, the information lines), and the
questions are the ones the stage needs first, in the reader's own words."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bundled import pack, tailored
from conftest import Runner
from packs import CHANNELS_TOML, QUESTIONS_TOML, write_pack
from pallnav.answers import OPTIONS, Answers
from pallnav.document import Bullets, Checklist, Document, plain_text
from pallnav.errors import PackError
from pallnav.pack import Pack
from pallnav.pack_loader import load_pack
from pallnav.views import VISIT_QUESTIONS, visit_document, visit_questions
from printing import contacts, messages

SINGLE = ("role", "stage", "age", "setting", "insurance")
#: No worry, every worry, and one worry that is not mood (988 used to need mood).
WORRIES: tuple[tuple[str, ...], ...] = ((), tuple(OPTIONS["concerns"]), ("pain",))
#: What the 911 and 988 lines must say on paper, in each language.
FLOOR: dict[str, dict[str, Any]] = {
    "en": {
        "911": ("Emergency (911)", "POLST", "DNR"),
        "988": ("988", "Press 2 for Spanish"),
        "late": "Hospice or care team — number for day and night",
    },
    "es": {
        "911": ("Emergencias (911)", "POLST", "DNR"),
        "988": ("988", "Marque 2 para español"),
        "late": "Equipo de cuidados de hospicio o de atención — número de día y de noche",
    },
}


def every_answer() -> Iterator[Answers]:
    for values in itertools.product(*(OPTIONS[q] for q in SINGLE)):
        for worries in WORRIES:
            yield Answers(**dict(zip(SINGLE, values, strict=True)), concerns=worries)


@cache
def sheet(language: str, answers: Answers) -> Document:
    chosen = pack(language)
    return visit_document(
        tailored(chosen, answers), chosen, contacts(chosen.channels), messages(language)
    )


def who_to_call(document: Document) -> list[str]:
    lists = [b for b in document.blocks if isinstance(b, Bullets)]
    return [" ".join(plain_text(item).split()) for item in lists[0].items]


@pytest.mark.parametrize("language", ["en", "es"])
def test_who_to_call_is_always_the_team_911_988_then_the_information_lines(
    language: str,
) -> None:
    floor = FLOOR[language]
    for answers in every_answer():
        lines = who_to_call(sheet(language, answers))
        where = f"{language} {answers}"
        assert "____" in lines[0], where  # the blank for the team's number comes first
        assert all(word in lines[1] for word in floor["911"]), (where, lines[1])
        assert all(word in lines[2] for word in floor["988"]), (where, lines[2])
        assert "1-800-227-2345" in lines[3], where
        assert len(lines) == 5, where


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_blank_is_labelled_for_day_and_night_care_at_the_later_stages(
    language: str,
) -> None:
    for answers in every_answer():
        blank = who_to_call(sheet(language, answers))[0]
        late = answers.stage in ("advanced", "end-of-life")
        if answers.role != "professional":
            assert blank.startswith(FLOOR[language]["late"]) == late, (answers, blank)
        night = "day and night" if language == "en" else "de día y de noche"
        assert night in blank, (answers, blank)


@cache
def chosen_ids(language: str, answers: Answers) -> list[str]:
    chosen = pack(language)
    return [q.id for q in visit_questions(tailored(chosen, answers), chosen)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_stage_decides_which_questions_are_always_on_the_sheet(language: str) -> None:
    for answers in every_answer():
        ids = chosen_ids(language, answers)
        assert len(ids) == VISIT_QUESTIONS, answers
        if answers.stage == "end-of-life":
            assert {"night-and-crisis", "death-at-home"} <= set(ids[:3]), (answers, ids)
        if answers.stage == "advanced":
            assert ids[0] == "night-and-crisis", (answers, ids)


@pytest.mark.parametrize("language", ["en", "es"])
def test_choosing_and_comparing_hospices_comes_after_every_other_question(
    language: str,
) -> None:
    last = set(pack(language).sheet.last)
    assert {"choose-hospice", "hospice-certified"} <= last
    for answers in every_answer():
        chosen = pack(language)
        guide = tailored(chosen, answers)
        ids = [q.id for q in visit_questions(guide, chosen, limit=len(guide.questions))]
        tail = ids[len(ids) - len(last & set(ids)) :]
        assert set(tail) == last & set(ids), (answers, ids)
        assert not last & set(chosen_ids(language, answers)), answers


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_worry_ticked_gets_one_question_before_any_worry_gets_two(language: str) -> None:
    answers = Answers("patient", "treatment", "adult", "clinic", "private", ("pain", "mood"))
    chosen = pack(language)
    by_id = {q.id: q for q in chosen.questions}
    worries = [dict(by_id[i].when.rules).get("concerns") for i in chosen_ids(language, answers)]
    firsts = [w for w in worries if w]
    assert {next(iter(w)) for w in firsts[:2]} == {"pain", "mood"}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_professionals_sheet_asks_the_same_questions_in_a_professionals_words(
    language: str,
) -> None:
    chosen = pack(language)
    for values in itertools.product(*(OPTIONS[q] for q in SINGLE[1:])):
        answers = Answers(
            role="professional", **dict(zip(SINGLE[1:], values, strict=True)), concerns=()
        )
        family = answers._replace(role="patient")  # no questions only for either
        assert chosen_ids(language, answers) == chosen_ids(language, family), answers
        document = sheet(language, answers)
        items = next(b for b in document.blocks if isinstance(b, Checklist)).items
        voices = {q.id: dict(q.voices) for q in chosen.questions}
        for ident, text in zip(chosen_ids(language, answers), items, strict=True):
            if voices[ident]:
                assert text == voices[ident]["professional"], ident


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_questions_printed_are_the_chosen_ones_in_the_readers_voice(language: str) -> None:
    chosen = pack(language)
    answers = Answers("caregiver", "end-of-life", "older-adult", "home", "medicare", ())
    document = sheet(language, answers)
    items = next(b for b in document.blocks if isinstance(b, Checklist)).items
    by_id = {q.id: q.in_voice("caregiver").text for q in chosen.questions}
    assert list(items) == [by_id[i] for i in chosen_ids(language, answers)]


# --- the pack's [sheet] and [[team.blank_label]], checked as it loads ---------------------


def test_a_pack_without_a_sheet_order_still_makes_a_sheet(tmp_path: Path) -> None:
    root = write_pack(tmp_path)
    loaded: Pack = load_pack(root)
    assert loaded.sheet.first == () and loaded.team.blank_labels == ()
    answers = Answers("patient", "new", "adult", "clinic", "private", ())
    guide = tailored(loaded, answers)
    assert [q.id for q in visit_questions(guide, loaded)] == ["what-can-it-do"]
    lines = who_to_call(visit_document(guide, loaded, contacts(loaded.channels), messages("en")))
    assert lines[0].startswith("Your care team: ____")


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('[sheet]\nfirst = ["no-such-question"]\n', 'unknown question id "no-such-question"'),
        ('[sheet.stage]\nsoon = ["what-can-it-do"]\n', 'unknown stage "soon"'),
        ('[sheet]\nfirst = "what-can-it-do"\n', "must be a list of question ids"),
        ('[sheet]\nfirst = ["what-can-it-do", "what-can-it-do"]\n', "more than once"),
        ('[sheet]\nsoonest = ["what-can-it-do"]\n', 'unknown key "soonest"'),
    ],
)
def test_a_bad_sheet_order_names_the_file_the_field_and_the_reason(
    tmp_path: Path, table: str, says: str
) -> None:
    root = write_pack(tmp_path, questions_toml=QUESTIONS_TOML + "\n" + table)
    with pytest.raises(PackError) as raised:
        load_pack(root)
    assert "questions.toml" in str(raised.value)
    assert says in str(raised.value)


def test_the_first_blank_label_that_matches_is_used(tmp_path: Path) -> None:
    team = (
        '[team]\n[[team.blank_label]]\nwhen = { stage = ["end-of-life"] }\n'
        'text = "Hospice, day and night"\n[[team.blank_label]]\ntext = "Your team"\n'
        "[team.words]\n"
        + "".join(f'{k} = "x"\n' for k in ("hospice", "palliative", "oncology", "primary", "other"))
    )
    root = write_pack(tmp_path, channels_toml=CHANNELS_TOML + "\n" + team)
    loaded = load_pack(root)
    late = Answers("patient", "end-of-life", "adult", "home", "private", ())
    assert loaded.team.blank_label(late) == "Hospice, day and night"
    assert loaded.team.blank_label(late._replace(stage="new")) == "Your team"
    bad = team.replace('text = "Your team"', 'words = "Your team"')
    with pytest.raises(PackError, match='unknown key "words"; use text, when, unless'):
        load_pack(write_pack(tmp_path, channels_toml=CHANNELS_TOML + "\n" + bad))


def test_the_page_budget_counts_the_lines_a_long_medicine_row_wraps_to() -> None:
    from pallnav.document import Table
    from pallnav.views import printed_lines

    header = ("Medicine", "Dose", "When", "For")
    short = (("Senna", "2 tablets", "at bedtime", "constipation"),) * 10
    long = (
        (
            "Morphine sulfate extended-release (MS Contin)",
            "15 mg (one tablet)",
            "every 12 hours, at 8 am and 8 pm",
            "anxiety, nausea or trouble sleeping",
        ),
    ) * 10
    # Each long row wraps to two lines or more at the printed column widths.
    assert printed_lines([Table(header, long)]) >= printed_lines([Table(header, short)]) + 10 * 0.8


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_saved_weekday_number_keeps_the_day_and_night_blank_late_in_the_illness(
    run: Runner, language: str
) -> None:
    """An oncology office open on weekdays is not who answers at 3 a.m.: at advanced
    and end of life the sheet keeps the blank for a day-and-night number below it,
    until a number that answers day and night is saved."""
    added = run(
        "team", "add", "--name", "Dr. Ruiz", "--phone", "555-987-6543", "--kind", "oncology",
        "--hours", "Mon-Fri 8am-5pm", "--tz", "America/Chicago",
    )  # fmt: skip
    assert added.code == 0, added.err
    late = ["--role", "caregiver", "--stage", "end-of-life", "--age", "adult", "--setting", "home",
            "--insurance", "private", "--no-profile", "--lang", language]  # fmt: skip
    sheet = run("export", "--visit", "-", "--format", "plain", *late)
    assert sheet.code == 0, sheet.err
    lines = [" ".join(line.split()) for line in sheet.out.splitlines()]
    ruiz = next(i for i, line in enumerate(lines) if line.startswith("- Dr. Ruiz:"))
    assert lines[ruiz + 1].startswith(f"- {FLOOR[language]['late']}:"), lines[ruiz : ruiz + 3]
    # A new diagnosis needs no night number on the sheet beside the office's.
    early = run("export", "--visit", "-", "--format", "plain", *late[:2], "--stage", "new",
                *late[4:])  # fmt: skip
    assert FLOOR[language]["late"] not in early.out
    # Once the hospice's day-and-night number is saved, it takes the blank's place.
    hospice = run("team", "add", "--name", "Hope Hospice", "--phone", "555-010-0199",
                  "--kind", "hospice")  # fmt: skip
    assert hospice.code == 0, hospice.err
    again = run("export", "--visit", "-", "--format", "plain", *late)
    assert FLOOR[language]["late"] not in again.out
    assert "Hope Hospice" in again.out and "Dr. Ruiz" in again.out
