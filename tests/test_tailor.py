"""tailor(pack, answers): only what fits, with the reason, in a useful order."""

from __future__ import annotations

from pathlib import Path

import pytest

from packs import SECTIONS, write_pack
from pallnav.answers import Answers
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack
from pallnav.pack_loader import check_pack, load_pack
from pallnav.tailor import tailor

QUESTIONS = """\
[topics]
start = "Getting started"
money = "Costs"

[[question]]
id = "general"
topic = "start"
text = "What could it do for me?"

[[question]]
id = "for-advanced"
topic = "start"
text = "Is it time to talk about hospice?"
when = { stage = ["advanced"] }

[[question]]
id = "advanced-medicare"
topic = "start"
text = "What does Medicare pay for hospice?"
when = { stage = ["advanced"], insurance = ["medicare"] }

[[question]]
id = "worried-about-cost"
topic = "money"
text = "What will I pay?"
when = { concerns = ["cost"] }

[[question]]
id = "pain-plan"
topic = "start"
text.patient = "What is the plan if my pain gets worse?"
text.caregiver = "What is the plan if their pain gets worse?"
text.professional = "What is the plan if the patient's pain gets worse?"
when = { concerns = ["pain"] }
"""


@pytest.fixture
def small(tmp_path: Path) -> Pack:
    return load_pack(write_pack(tmp_path, questions_toml=QUESTIONS))


def test_sections_without_when_are_for_everyone(small: Pack) -> None:
    guide = tailor(small, Answers(age="older-adult"))
    assert [c.section.id for c in guide.sections] == ["what"]
    assert guide.sections[0].reasons == ()


def test_a_section_for_children_is_chosen_with_its_reason(small: Pack) -> None:
    guide = tailor(small, Answers(age="child"))
    chosen = {c.section.id: c.reasons for c in guide.sections}
    assert chosen == {"what": (), "children": ("because child",)}


def test_every_named_question_must_match(small: Pack) -> None:
    ids = {q.id for q in tailor(small, Answers(stage="advanced", insurance="va")).questions}
    assert ids == {"general", "for-advanced"}


def test_questions_most_specific_first_within_the_packs_topic_order(small: Pack) -> None:
    guide = tailor(small, Answers(stage="advanced", insurance="medicare", concerns=("cost",)))
    assert [(t.topic, [q.id for q in t.questions]) for t in guide.topics] == [
        ("start", ["advanced-medicare", "for-advanced", "general"]),
        ("money", ["worried-about-cost"]),
    ]


def test_one_shared_concern_is_enough(small: Pack) -> None:
    guide = tailor(small, Answers(concerns=("pain", "cost")))
    assert "worried-about-cost" in {q.id for q in guide.questions}
    assert "worried-about-cost" not in {q.id for q in tailor(small, Answers()).questions}


def test_topics_with_no_matching_question_are_left_out(small: Pack) -> None:
    assert [t.topic for t in tailor(small, Answers()).topics] == ["start"]


def test_the_guide_carries_every_channel_and_the_sources_it_cites(small: Pack) -> None:
    guide = tailor(small, Answers())
    assert [c.id for c in guide.channels] == ["helpline", "chat"]
    assert guide.source_ids == ("acs",)


@pytest.mark.parametrize(
    ("role", "wording"),
    [
        ("patient", "What is the plan if my pain gets worse?"),
        ("caregiver", "What is the plan if their pain gets worse?"),
        ("professional", "What is the plan if the patient's pain gets worse?"),
        (None, "What is the plan if my pain gets worse?"),
    ],
)
def test_each_reader_gets_the_question_in_their_own_voice(
    small: Pack, role: str | None, wording: str
) -> None:
    guide = tailor(small, Answers(role=role, concerns=("pain",)))
    texts = {q.id: q.text for q in guide.questions}
    assert texts["pain-plan"] == wording
    assert texts["general"] == "What could it do for me?"  # one wording for everyone


GOOD_THEN_BAD = """\
[topics]
start = "Start"

[[question]]
id = "ok"
topic = "start"
text = "Fine?"

[[question]]
id = "bad"
topic = "start"
"""


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            'text.patient = "Mine?"\ntext.carer = "Theirs?"\ntext.caregiver = "Theirs?"\n'
            'text.professional = "The patient\'s?"\n',
            13,
            'unknown role "carer"; text takes: patient, caregiver, professional',
        ),
        (
            'text.patient = "Mine?"\ntext.professional = "The patient\'s?"\n',
            12,
            'no wording for role "caregiver"',
        ),
        ("text = 5\n", 12, "must be text, or one text per role"),
        (
            'text.patient = "Mine?"\ntext.caregiver = " "\ntext.professional = "Theirs?"\n',
            13,
            "must be text",
        ),
    ],
)
def test_a_bad_wording_is_named_with_its_file_and_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    _, problems = check_pack(write_pack(tmp_path, questions_toml=GOOD_THEN_BAD + text))
    assert [(p.file, p.line) for p in problems] == [("questions.toml", line)]
    assert reason in problems[0].reason
    assert problems[0].field.startswith("question.bad.text")


# --- on the real English pack -----------------------------------------------------


@pytest.fixture(scope="module")
def english() -> Pack:
    return load_pack(bundled_content_dir("en"))


def everyone(**answers: object) -> Answers:
    base = {
        "role": "patient",
        "stage": "treatment",
        "age": "adult",
        "setting": "clinic",
        "insurance": "private",
        "concerns": (),
    }
    return Answers(**{**base, **answers})  # type: ignore[arg-type]


def section_ids(pack: Pack, answers: Answers) -> set[str]:
    return {c.section.id for c in tailor(pack, answers).sections}


def test_a_childs_guide_has_the_childrens_section_and_an_older_adults_does_not(
    english: Pack,
) -> None:
    assert "children" in section_ids(english, everyone(age="child"))
    assert "children" not in section_ids(english, everyone(age="older-adult"))


def test_medicare_near_the_end_of_life_shows_hospice_and_medicare_coverage(
    english: Pack,
) -> None:
    ids = section_ids(english, everyone(stage="end-of-life", insurance="medicare"))
    assert {"hospice-compared", "hospice-medicare", "paying-medicare"} <= ids
    assert "hospice-medicare" not in section_ids(english, everyone(stage="end-of-life"))


def test_a_caregiver_gets_the_help_for_loved_ones(english: Pack) -> None:
    assert "for-caregivers" in section_ids(english, everyone(role="caregiver"))
    assert "for-caregivers" not in section_ids(english, everyone(role="patient"))


def test_reasons_use_the_packs_words(english: Pack) -> None:
    guide = tailor(english, everyone(age="child"))
    chosen = next(c for c in guide.sections if c.section.id == "children")
    assert chosen.reasons == ("the person with cancer is a child (0–12)",)


#: The small pack's section for children, for everyone but those near the end of life.
UNLESS_SECTION = SECTIONS["020-children.md"].replace(
    'when = { age = ["child"] }', 'unless = { stage = ["end-of-life"] }'
)
UNLESS = "sections__020-children_md"


def test_unless_leaves_an_item_out_and_never_gives_a_reason(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path, **{UNLESS: UNLESS_SECTION}))
    near_the_end = {c.section.id for c in tailor(pack, Answers(stage="end-of-life")).sections}
    assert "children" not in near_the_end
    advanced = {c.section.id: c.reasons for c in tailor(pack, Answers(stage="advanced")).sections}
    assert advanced["children"] == ()  # not "because the cancer is advanced"
    assert "children" in {c.section.id for c in tailor(pack, Answers()).sections}


def test_a_bad_unless_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    bad = UNLESS_SECTION.replace('["end-of-life"]', '["dying"]')
    _, problems = check_pack(write_pack(tmp_path, **{UNLESS: bad}))
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("sections/020-children.md", 6, "unless.stage")
    ]
    assert 'unknown option id "dying"' in problems[0].reason
