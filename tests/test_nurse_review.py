"""Content a nurse reviewer corrected: who reads fertility advice, the 911 study, what
to do after a death in a nursing home, survival figures for children, a child's papers,
what a professional is shown, and where a teen's family learns about Medicaid and CHIP."""

from __future__ import annotations

import itertools

import pytest

from pallnav.answers import OPTIONS, Answers
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack
from pallnav.pack_loader import load_pack
from pallnav.tailor import tailor

LANGUAGES = ["en", "es"]


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request: pytest.FixtureRequest) -> Pack:
    return load_pack(bundled_content_dir(request.param))


def answer_sets(**fixed: tuple[str, ...]) -> list[Answers]:
    """Every answer combination, with the named questions held to the given ids."""
    questions = ("role", "stage", "age", "setting", "insurance")
    choices = [fixed.get(q, OPTIONS[q]) for q in questions]
    return [
        Answers(role, stage, age, setting, insurance, concerns=("pain",))
        for role, stage, age, setting, insurance in itertools.product(*choices)
    ]


def guide_text(pack: Pack, answers: Answers) -> str:
    return "\n".join(c.section.body for c in tailor(pack, answers).sections)


def test_a_teens_family_without_insurance_learns_about_insure_kids_now(pack: Pack) -> None:
    for answers in answer_sets(age=("child", "teen"), insurance=("none", "unsure")):
        assert "1-877-543-7669" in guide_text(pack, answers), answers


def test_a_professional_gets_no_blank_for_their_own_care_team(pack: Pack) -> None:
    for answers in answer_sets(role=("professional",)):
        assert not pack.team.wants_blank(answers), answers
    # A patient or caregiver at home still gets one.
    assert pack.team.wants_blank(Answers("caregiver", "treatment", "adult", "home", "private"))
    assert pack.team.wants_blank(Answers("patient", "advanced", "adult", "clinic", "private"))


def test_a_professional_is_not_asked_whether_it_is_time_to_ask(pack: Pack) -> None:
    asking = {"time-to-ask"}
    for answers in answer_sets(role=("professional",), age=("adult",), insurance=("medicare",)):
        shown = {c.section.id for c in tailor(pack, answers).sections}
        assert not shown & asking, answers
    patient = Answers("patient", "advanced", "adult", "clinic", "private")
    assert asking <= {c.section.id for c in tailor(pack, patient).sections}


def test_adult_lung_cancer_survival_figures_are_not_shown_for_a_child_or_teen(pack: Pack) -> None:
    for answers in answer_sets(stage=("new", "treatment", "advanced"), setting=("clinic",)):
        text = guide_text(pack, answers)
        young = answers.age in ("child", "teen")
        # Survival months only where they fit (issue 18): advanced cancer, or a professional.
        fits = answers.stage == "advanced" or answers.role == "professional"
        assert ("11.6" in text) is (fits and not young), answers
        # Everyone still reads that palliative care brings a better quality of life.
        quality = "quality of life" if pack.language == "en" else "calidad de vida"
        assert quality in tailor_section(pack, answers, "benefits"), answers


def tailor_section(pack: Pack, answers: Answers, section_id: str) -> str:
    chosen = {c.section.id: c.section.body for c in tailor(pack, answers).sections}
    return chosen[section_id]


def test_only_hospice_at_home_readers_hear_of_the_911_study(pack: Pack) -> None:
    study = "38 caregivers" if pack.language == "en" else "38 personas"
    for answers in answer_sets(role=("caregiver",), age=("adult",), insurance=("medicare",)):
        chosen = {c.section.id: c.section.body for c in tailor(pack, answers).sections}
        with_study = {id for id, body in chosen.items() if study in body}
        expected = {"hospice-at-home"} if "hospice-at-home" in chosen else set()
        assert with_study == expected, answers
        if "care-at-home" in chosen:
            assert "911" in chosen["care-at-home"], answers


def test_a_death_in_a_nursing_home_is_planned_with_the_staff(pack: Pack) -> None:
    everyone = "everyone in the home" if pack.language == "en" else "todos en la casa"
    staff = (
        "staff and the hospice"
        if pack.language == "en"
        else "al personal y al equipo de cuidados de hospicio"
    )
    for answers in answer_sets(stage=("end-of-life",), age=("adult",), insurance=("medicare",)):
        text = guide_text(pack, answers)
        assert everyone not in text, answers
        in_care = answers.setting in ("nursing-home", "assisted-living")
        assert (staff in text) is in_care, answers


BEFORE_TREATMENT = {"en": "before treatment starts", "es": "antes de que empiece el tratamiento"}
STILL_OPEN = {"en": "what options are still open", "es": "qué opciones todavía hay"}


def test_fertility_before_treatment_only_when_treatment_may_be_ahead(pack: Pack) -> None:
    for answers in answer_sets(
        role=("patient", "caregiver"), age=("teen", "young-adult"), setting=("clinic",)
    ):
        text = guide_text(pack, answers)
        before = BEFORE_TREATMENT[pack.language] in text
        still_open = STILL_OPEN[pack.language] in text
        assert before is (answers.stage == "new"), answers
        assert still_open is (answers.stage in ("treatment", "advanced", "unsure")), answers


def test_a_childs_papers_are_chosen_by_parents_with_the_team(pack: Pack) -> None:
    parents = "parents or guardians" if pack.language == "en" else "padres o tutores"
    for answers in answer_sets(stage=("advanced", "end-of-life"), setting=("home",)):
        text = guide_text(pack, answers)
        assert (parents in text) is (answers.age in ("child", "teen")), answers


def test_a_young_childs_family_is_not_told_about_teens_and_pain_medicine(pack: Pack) -> None:
    teens = "Teens may not tell" if pack.language == "en" else "Los adolescentes pueden no"
    for answers in answer_sets(age=("child",), setting=("home",), insurance=("private",)):
        assert teens not in guide_text(pack, answers), answers


def test_a_teens_family_learns_a_teen_may_hide_pain_for_fear_of_medicine(pack: Pack) -> None:
    medicine = "pain medicine" if pack.language == "en" else "medicinas para el dolor"
    teen = Answers("caregiver", "treatment", "teen", "home", "private", concerns=("pain",))
    assert medicine in guide_text(pack, teen)
