"""Facts a reviewer corrected (issue 10): who reads the hospice-at-home advice, what a
child's family is told about Medicaid, Medicare's networks, and the closing line."""

from __future__ import annotations

import itertools
import re

import pytest

from pallnav.answers import OPTIONS, Answers
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack
from pallnav.pack_loader import load_pack

LANGUAGES = ["en", "es"]


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request: pytest.FixtureRequest) -> Pack:
    return load_pack(bundled_content_dir(request.param))


def every_answer_set() -> list[Answers]:
    questions = ("role", "stage", "age", "setting", "insurance")
    return [
        Answers(role, stage, age, setting, insurance, concerns=())
        for role, stage, age, setting, insurance in itertools.product(
            *(OPTIONS[q] for q in questions)
        )
    ]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+|\n", text) if s.strip()]


def test_only_hospice_relevant_answers_read_the_hospice_at_home_advice(pack: Pack) -> None:
    section = pack.section("hospice-at-home")
    assert section is not None
    readers = {(a.stage, a.setting) for a in every_answer_set() if section.when.matches(a)}
    assert readers == {
        (stage, setting)
        for stage in ("advanced", "end-of-life")
        for setting in ("home", "assisted-living")
    }
    # Whatever the role, age, insurance or worries.
    assert section.when.matches(
        Answers("professional", "end-of-life", "child", "home", "none", concerns=("pain",))
    )


def test_the_hospice_at_home_advice_is_the_only_place_that_says_not_911(pack: Pack) -> None:
    not_911 = "not 911" if pack.language == "en" else "no al 911"
    saying = [s.id for s in pack.sections if not_911 in s.body]
    assert saying == ["hospice-at-home"]
    # The bill, in Medicare's own terms, only for people with Medicare (issue 18).
    medicare = pack.section("hospice-hospital-medicare")
    assert medicare is not None and "Medicare" in medicare.body
    assert medicare.when.matches(
        Answers("caregiver", "end-of-life", "adult", "home", "medicare", concerns=())
    )
    assert not medicare.when.matches(
        Answers("caregiver", "end-of-life", "adult", "home", "private", concerns=())
    )


@pytest.mark.parametrize("age", ["child", "teen"])
def test_a_childs_family_on_medicaid_is_not_told_each_state_chooses(pack: Pack, age: str) -> None:
    phrase = "each state chooses" if pack.language == "en" else "cada estado decide"
    for answers in every_answer_set():
        if answers.age != age or answers.insurance != "medicaid":
            continue
        chosen = [s for s in pack.sections if s.when.matches(answers)]
        assert not [s.id for s in chosen if phrase in s.body.lower()], answers
        assert "medicaid-children" in {s.id for s in chosen}
    children = pack.section("medicaid-children")
    assert children is not None and "EPSDT" in children.body


def test_adults_on_medicaid_still_learn_that_states_differ_on_hospice(pack: Pack) -> None:
    adult = Answers("patient", "advanced", "adult", "home", "medicaid", concerns=())
    assert "medicaid-hospice-adults" in {s.id for s in pack.sections if s.when.matches(adult)}


def test_networks_belong_to_medicare_advantage_not_original_medicare(pack: Pack) -> None:
    network = "network" if pack.language == "en" else "red"
    advantage = "Advantage"
    for section in pack.sections:
        for sentence in sentences(section.body):
            if "Medicare" in sentence and re.search(rf"\b{network}\b", sentence):
                assert advantage in sentence or "Original" in sentence, (section.id, sentence)
    medicare = pack.section("paying-medicare")
    assert medicare is not None
    assert ("accept Medicare" if pack.language == "en" else "Aceptan Medicare") in medicare.body


def test_no_section_says_medicare_advantage_plans_prefer_hospices(pack: Pack) -> None:
    prefer = "prefer"
    for section in pack.sections:
        for sentence in sentences(section.body):
            assert not ("Medicare Advantage" in sentence and prefer in sentence), sentence


def test_the_guide_closes_on_living_well_for_as_long_as_possible(pack: Pack) -> None:
    what = pack.section("what-it-is")
    assert what is not None
    if pack.language == "en":
        assert "live as well as they can, for as long as they can" in what.body
        ominous = "for all the time you have"
    else:
        assert "vivir lo mejor posible, durante el mayor tiempo posible" in what.body
        ominous = "todo el tiempo que tenga"
    assert not [s.id for s in pack.sections if ominous in s.body]


def test_spanish_says_board_certified_and_spiritual_counselors_as_they_are() -> None:
    es = load_pack(bundled_content_dir("es"))
    text = " ".join(s.body for s in es.sections)
    assert "título oficial" not in text
    assert "consejeros espirituales" in text
    assert "Ley del Cuidado de Salud a Bajo Precio" in text
    assert "hora del centro" not in text
    planning = es.section("planning-ahead")
    assert planning is not None and "PREPARE" in planning.body and "español" in planning.body
