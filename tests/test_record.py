"""The symptom record's core (record.py): checking what a person gives, and how
each symptom went over the days shown, with its "tell your care team" marks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pallnav.in_use import bundled_content_dir, record_words
from pallnav.pack import ROLES
from pallnav.pack_loader import load_pack
from pallnav.record import (
    ITEMS,
    URGENT,
    Entry,
    RecordProblem,
    check_day,
    check_days,
    check_note,
    check_score,
    make_entry,
    make_medicine,
    marked,
    summarize,
)

TODAY = date(2026, 11, 27)


def day(offset: int) -> date:
    return TODAY - timedelta(days=offset)


def scores(**given: int) -> Entry:
    return make_entry(TODAY, given)


def series(item: str, *values: int) -> list[Entry]:
    """One entry a day for ``item``, the last value today."""
    return [make_entry(day(len(values) - 1 - i), {item: v}) for i, v in enumerate(values)]


# --- checking --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-1", "11", "6.5", "six", "", "1e1", "99999999"])
def test_a_score_outside_0_to_10_or_not_a_whole_number_is_refused(value: str) -> None:
    with pytest.raises(RecordProblem) as problem:
        check_score("pain", value)
    assert problem.value.field == "pain"


def test_scores_0_and_10_are_kept() -> None:
    assert (check_score("pain", " 0"), check_score("nausea", "10")) == (0, 10)


def test_an_unknown_symptom_is_refused() -> None:
    with pytest.raises(RecordProblem) as problem:
        check_score("fever", "3")
    assert (problem.value.field, problem.value.reason) == ("symptom", "unknown")


@pytest.mark.parametrize(
    ("text", "reason"),
    [("2026-11-28", "future"), ("1899-12-31", "too_early"), ("2026-02-30", "bad_date"),
     ("27/11/2026", "bad_date"), ("tomorrow", "bad_date")],
)  # fmt: skip
def test_a_day_in_the_future_before_1900_or_unreadable_is_refused(text: str, reason: str) -> None:
    with pytest.raises(RecordProblem) as problem:
        check_day(text, TODAY)
    assert problem.value.reason == reason


def test_days_can_be_named_in_words_in_both_languages() -> None:
    assert check_day("today", TODAY) == check_day("hoy", TODAY) == TODAY
    assert check_day("Yesterday", TODAY) == check_day("ayer", TODAY) == day(1)
    assert check_day("1900-01-01", TODAY) == date(1900, 1, 1)


def test_days_to_look_back_is_a_whole_number_from_1() -> None:
    assert check_days("30") == 30
    for bad in ("0", "-3", "a week", "99999999"):
        with pytest.raises(RecordProblem):
            check_days(bad)


def test_a_10_mb_note_is_refused_without_being_read_whole() -> None:
    with pytest.raises(RecordProblem) as problem:
        check_note("x" * 10_000_000)
    assert problem.value.reason == "too_long"
    assert len(problem.value.value) <= 40


def test_a_note_with_terminal_escapes_is_refused_and_spaces_are_tidied() -> None:
    with pytest.raises(RecordProblem):
        check_note("bad night\x1b]0;owned\x07")
    assert check_note("  bad \n night ") == "bad night"
    assert check_note("   ") is None


def test_a_score_for_the_other_problem_needs_its_name() -> None:
    with pytest.raises(RecordProblem) as problem:
        make_entry(TODAY, {"other": 5})
    assert problem.value.field == "other"
    entry = make_entry(TODAY, {"other": 5, "pain": 2}, other="Itching")
    assert entry.scores == (("pain", 2), ("other", 5))
    assert entry.other == "Itching"


def test_a_medicine_gets_an_id_from_its_name_unlike_the_others() -> None:
    medicine = make_medicine("Morphine ER", dose="15 mg", taken=["morphine-er"])
    assert medicine.id == "morphine-er-2"
    assert make_medicine("Ondansetrón").id == "ondansetron"
    assert make_medicine("止痛药").id == "medicine"
    with pytest.raises(RecordProblem):
        make_medicine("   ")


# --- how each symptom went --------------------------------------------------------------


def test_the_summary_gives_latest_range_and_direction() -> None:
    (pain,) = summarize(series("pain", 2, 5, 4), TODAY)
    assert (pain.latest, pain.low, pain.high, pain.first, pain.direction) == (4, 2, 5, 2, "up")
    assert pain.days == ((day(2), 2), (day(1), 5), (TODAY, 4))
    (nausea,) = summarize(series("nausea", 6, 3), TODAY)
    assert nausea.direction == "down"
    (once,) = summarize(series("worry", 3), TODAY)
    assert once.direction == "once"


def test_a_score_of_7_or_more_is_marked_and_6_is_not() -> None:
    (seven,) = summarize(series("tiredness", 7), TODAY)
    (six,) = summarize(series("tiredness", 6), TODAY)
    assert (seven.tell_team, seven.reasons) == (True, ("high",))
    assert six.tell_team is False


def test_a_rise_of_3_from_the_lowest_earlier_score_is_marked() -> None:
    (rose,) = summarize(series("appetite", 1, 3, 4), TODAY)
    (two,) = summarize(series("appetite", 2, 4), TODAY)
    assert (rose.rise, rose.reasons) == (3, ("rose",))
    assert (two.rise, two.tell_team) == (2, False)


def test_a_high_score_in_the_past_but_low_now_is_not_marked() -> None:
    (pain,) = summarize(series("pain", 9, 2), TODAY)
    assert (pain.high, pain.tell_team, pain.call_now) == (9, False, False)


@pytest.mark.parametrize("item", ["pain", "breathing"])
def test_pain_or_breathing_at_7_says_to_call_now(item: str) -> None:
    (row,) = summarize(series(item, 7), TODAY)
    assert row.call_now and row.tell_team


def test_other_symptoms_at_10_never_say_to_call_now() -> None:
    others = [item for item in ITEMS if item not in URGENT and item != "other"]
    rows = summarize([make_entry(TODAY, dict.fromkeys(others, 10))], TODAY)
    assert len(rows) == 7
    assert all(r.tell_team and not r.call_now for r in rows)


def test_call_now_comes_first_then_the_marked_then_the_rest_in_order() -> None:
    entries = [
        make_entry(day(1), {"nausea": 1, "worry": 2}),
        make_entry(TODAY, {"pain": 3, "nausea": 8, "breathing": 9, "worry": 2}),
    ]
    assert [s.item for s in summarize(entries, TODAY)] == ["breathing", "nausea", "pain", "worry"]
    assert [s.item for s in marked(summarize(entries, TODAY))] == ["breathing", "nausea"]


def test_only_the_days_asked_for_count() -> None:
    entries = series("pain", 9, 1, 1, 1, 1, 1, 1, 2)  # 8 days: the 9 is a day too old
    (pain,) = summarize(entries, TODAY, days=7)
    assert (pain.high, len(pain.days)) == (2, 7)
    assert summarize(entries, day(30)) == ()


def test_each_other_problem_is_summed_up_by_its_own_name() -> None:
    entries = [
        make_entry(day(1), {"other": 2}, other="Itching"),
        make_entry(TODAY, {"other": 6}, other="itching"),
        make_entry(day(2), {"other": 8}, other="Hiccups"),
    ]
    rows = {s.other: (s.first, s.latest) for s in summarize(entries, TODAY)}
    assert rows == {"Itching": (2, 6), "Hiccups": (8, 8)}


# --- the words, in both packs --------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_symptom_is_worded_for_every_role(language: str) -> None:
    words = load_pack(bundled_content_dir(language)).record
    assert words is not None and words == record_words(language)
    assert list(words.items) == list(ITEMS)
    for symptom in words.items.values():
        assert [role for role, _ in symptom.prompts] == list(ROLES)
        assert symptom.label and symptom.low and symptom.high
    assert words.sources == ("esas-r", "selby-2010")
    assert "911" in words.call_now


def test_the_reader_s_voice() -> None:
    pain = record_words("en").items["pain"]
    assert pain.prompt("patient") == "How bad is your pain right now?"
    assert pain.prompt("caregiver") == "How bad is their pain right now?"
    assert pain.prompt(None) == pain.prompt("patient")
    assert "ser querido" in record_words("es").items["pain"].prompt("caregiver")
