"""The hardest readers, over every answer combination (issue 18, items 2 to 5): a death at
home outside hospice, a dying child or teen and their parents, a teen who is the patient, a
child whose coverage is "VA", the 18-39 band that holds people under and over 21, and
symptom help that fits the end of life. Both languages; what a person reads is every
chosen section (title and text) and every question in their own voice."""

from __future__ import annotations

import itertools
import re
from functools import cache

import pytest

from bundled import pack as bundled_pack
from bundled import tailored
from conftest import Runner
from pallnav.answers import OPTIONS, Answers
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack
from pallnav.pack_loader import load_pack

LANGUAGES = ["en", "es"]
ALL_CONCERNS = tuple(OPTIONS["concerns"])


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request: pytest.FixtureRequest) -> Pack:
    return bundled_pack(request.param)


def every(concerns: tuple[str, ...] = ALL_CONCERNS, **fixed: tuple[str, ...]) -> list[Answers]:
    """Every combination of role, stage, age, setting and insurance, the named ones held."""
    questions = ("role", "stage", "age", "setting", "insurance")
    choices = [fixed.get(q, OPTIONS[q]) for q in questions]
    return [
        Answers(role, stage, age, setting, insurance, concerns)
        for role, stage, age, setting, insurance in itertools.product(*choices)
    ]


def parts(pack: Pack, answers: Answers) -> list[str]:
    """All a person reads, part by part: each chosen section's title and text, each
    question's words."""
    guide = tailored(pack, answers)
    return [f"{c.section.title}\n{c.section.body}" for c in guide.sections] + [
        q.text for q in guide.questions
    ]


def reading(pack: Pack, answers: Answers) -> str:
    """All a person reads, as one text."""
    return "\n".join(parts(pack, answers))


def sections(pack: Pack, answers: Answers) -> dict[str, str]:
    return {c.section.id: c.section.body for c in tailored(pack, answers).sections}


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+|\n", text) if s.strip()]


def found(patterns: list[str], text: str) -> list[str]:
    return [p for p in patterns if re.search(p, text, re.IGNORECASE)]


def found_in_reading(patterns: list[str], pack: Pack, answers: Answers) -> list[str]:
    """``found(patterns, reading(pack, answers))``, each part searched once per test
    process (a part is read by many combinations: see tests/bundled.py)."""
    hits = {p for part in parts(pack, answers) for p in _found_in(tuple(patterns), part)}
    return [p for p in patterns if p in hits]


@cache
def _found_in(patterns: tuple[str, ...], part: str) -> tuple[str, ...]:
    return tuple(found(list(patterns), part))


# --- 4. The 18-39 band holds people under and over 21 -------------------------------

YOUR_CHILD = {
    "en": [r"\b(your|our|this) child\b", r"\ba child in hospice\b"],
    "es": [r"\bsu hijo o hija\b", r"\bnuestro hijo o hija\b", r"\beste niño\b"],
}


def test_a_young_adult_is_never_told_about_their_child_as_if_they_were_one(pack: Pack) -> None:
    for answers in every(age=("young-adult",)):
        assert not found_in_reading(YOUR_CHILD[pack.language], pack, answers), answers.to_dict()


UNDER_21 = {"en": r"\bunder 21\b", "es": r"\bmenores? de 21\b"}
CONDITION = {"en": r"\b(if|only)\b", "es": r"\b(si|solo)\b"}
IF_UNDER_21 = {"en": "if the person is under 21", "es": "si la persona es menor de 21"}


@cache
def _told_as_fact(language: str, part: str) -> list[str]:
    """The sentences of ``part`` that give a rule for people under 21 with no "if"."""
    return [
        s
        for s in sentences(part)
        if re.search(UNDER_21[language], s, re.IGNORECASE)
        and not re.search(CONDITION[language], s, re.IGNORECASE)
    ]


def test_a_rule_for_people_under_21_is_never_told_as_fact_to_the_18_to_39_band(
    pack: Pack,
) -> None:
    for answers in every(age=("young-adult",)):
        told = [s for part in parts(pack, answers) for s in _told_as_fact(pack.language, part)]
        assert not told, (answers.to_dict(), told)
    medicaid = Answers("caregiver", "advanced", "young-adult", "home", "medicaid", ())
    assert IF_UNDER_21[pack.language] in reading(pack, medicaid).lower()


# --- 3. A dying child or teen --------------------------------------------------------

NOT_AT_THE_END = {
    "en": [r"\bschool\b", r"\bcure the cancer\b", r"\bto cure\b", r"\bfertility\b"],
    "es": [r"\bescuela\b", r"\bcurar el cáncer\b", r"\bpara curar\b", r"\bfertilidad\b"],
}


def test_a_dying_child_or_teen_reads_no_cure_school_or_fertility(pack: Pack) -> None:
    for answers in every(stage=("end-of-life",), age=("child", "teen")):
        assert not found_in_reading(NOT_AT_THE_END[pack.language], pack, answers), answers.to_dict()
    # Earlier on, a child's family still reads about school.
    earlier = Answers("caregiver", "treatment", "child", "home", "private", ALL_CONCERNS)
    assert found(NOT_AT_THE_END[pack.language][:1], reading(pack, earlier))


ADULT_PAPERS = {
    "en": [
        r"name you in an advance directive",
        r"sign a form that lets the team talk with you",
        r"named health care agent",
        r"choose a health care agent",
        r"name (your|a) health care agent",
        r"How do I write an advance directive",
        r"Any adult can write one",
    ],
    "es": [
        r"nombrarle a usted en una directiva anticipada",
        r"firmar un formulario que deja al equipo hablar con usted",
        r"ser su agente de atención médica",
        r"elegir a un agente de atención médica",
        r"nombrar a (su|un) agente de atención médica",
        r"Cómo hago una directiva anticipada",
        r"Cualquier adulto puede hacer una",
    ],
}
PERSONAL_REPRESENTATIVE = {"en": "personal representative", "es": "representante personal"}


def test_a_child_or_teens_family_is_not_sent_for_an_adults_papers(pack: Pack) -> None:
    for answers in every(age=("child", "teen")):
        assert not found_in_reading(ADULT_PAPERS[pack.language], pack, answers), answers.to_dict()
        if answers.role == "caregiver":
            # Parents read that the law already lets them act for their child.
            assert PERSONAL_REPRESENTATIVE[pack.language] in reading(pack, answers), answers
    # An adult's caregiver still learns about both papers.
    adult = Answers("caregiver", "advanced", "adult", "home", "medicare", ("planning",))
    assert found(ADULT_PAPERS[pack.language][:1], reading(pack, adult))


def test_a_parent_asks_the_parents_question_about_papers(pack: Pack) -> None:
    for answers in every(role=("caregiver",)):
        ids = {q.id for q in tailored(pack, answers).questions}
        young = answers.age in ("child", "teen")
        assert ("parent-paperwork" in ids) is young, answers.to_dict()
        assert ("caregiver-paperwork" in ids) is not young, answers.to_dict()


ABOUT_A_TEEN = {
    "en": [
        r"\b(your|our|the) teen\b",
        r"\b(your|our|this) child\b",
        r"\bthis teen\b",
        r"\bthe young person\b",
        r"\bthe child or teen\b",
        r"\bif the person with cancer may want children\b",
    ],
    "es": [
        r"\bsu hijo o hija\b",
        r"\bnuestro hijo o hija\b",
        r"\b(el|al|este) adolescente\b",
        r"\bdel niño o adolescente\b",
        r"\bsi la persona con cáncer quizás quiera tener hijos\b",
    ],
}


def test_a_teen_who_is_the_patient_reads_about_themselves(pack: Pack) -> None:
    for answers in every(role=("patient",), age=("teen",)):
        assert not found_in_reading(ABOUT_A_TEEN[pack.language], pack, answers), answers.to_dict()
    # Their parents still read about their teen.
    parent = Answers("caregiver", "treatment", "teen", "home", "private", ALL_CONCERNS)
    assert found(ABOUT_A_TEEN[pack.language], reading(pack, parent))


VETERAN = {"en": r"\bveterans?\b", "es": r"\bveteran[oa]s?\b"}
#: Where a child's family may still read the word: the section saying VA care is for
#: veterans and what may apply instead, and a professional's general facts on VA policy.
SAYS_VETERAN = {"child-va-coverage", "professionals-hospice"}


def test_a_child_whose_coverage_is_va_is_not_called_a_veteran(pack: Pack) -> None:
    veteran = re.compile(VETERAN[pack.language], re.IGNORECASE)
    for answers in every(age=("child", "teen"), insurance=("va",)):
        guide = tailored(pack, answers)
        chosen = {c.section.id: c.section.body for c in guide.sections}
        assert "child-va-coverage" in chosen, answers.to_dict()
        assert {id for id, body in chosen.items() if veteran.search(body)} <= SAYS_VETERAN
        assert not [q.id for q in guide.questions if veteran.search(q.text)], answers.to_dict()
    # A veteran still reads the veterans' sections and questions.
    adult = Answers("patient", "advanced", "adult", "home", "va", ())
    assert {"paying-va", "va-more"} <= set(sections(pack, adult))
    assert "va-services" in {q.id for q in tailored(pack, adult).questions}


# --- 2. A death at home, in hospice or not --------------------------------------------

DEATH_AT_HOME = {
    "en": {
        "hospice": "### If the person is in hospice",
        "not": "### If the person is not in hospice",
        "when_911": "### When to call 911",
        "signs": "### Signs that death has happened",
        "no_rush": "### There is no rush",
        "alive": "alive",
    },
    "es": {
        "hospice": "### Si la persona recibe cuidados de hospicio",
        "not": "### Si la persona no recibe cuidados de hospicio",
        "when_911": "### Cuándo llamar al 911",
        "signs": "### Señales de que la muerte llegó",
        "no_rush": "### No hay prisa",
        "alive": "viva",
    },
}


def test_a_death_at_home_gives_every_family_a_first_step_before_911(pack: Pack) -> None:
    words = DEATH_AT_HOME[pack.language]
    section = pack.section("death-at-home")
    assert section is not None
    body = section.body
    order = [body.index(words[key]) for key in ("hospice", "not", "when_911", "signs", "no_rush")]
    assert order == sorted(order)
    # A family not in hospice gets its first steps (the form, the doctor's number)
    # before any word about 911.
    assert body.index(words["not"]) < body.index("911")
    not_in_hospice = body[order[1] : order[2]]
    first_step = not_in_hospice.split("\n- ")[1]
    assert "911" not in first_step and "POLST" in first_step
    # 911 stays the answer for a person who is alive and in distress.
    when_911 = body[order[2] : order[3]]
    assert [s for s in sentences(when_911) if "911" in s and words["alive"] in s]
    for answers in every(stage=("end-of-life",)):
        assert "death-at-home" in sections(pack, answers), answers.to_dict()


#: "call 911 if you cannot reach anyone": 911 made a last resort.
ONLY_IF_NO_ONE = {
    "en": r"cannot reach|can't reach|could not reach|no one answers",
    "es": r"no logra|no puede (hablar|comunicarse)|nadie contesta",
}


def test_911_is_never_a_last_resort_for_an_emergency(pack: Pack) -> None:
    """A family facing an emergency calls 911 at once: no sentence sends them to the
    hospice or the doctor first (issue 18, item 2)."""
    last_resort = [
        (section.id, s)
        for section in pack.sections
        for s in sentences(section.body)
        if "911" in s and re.search(ONLY_IF_NO_ONE[pack.language], s, re.IGNORECASE)
    ]
    assert not last_resort


NOT_IN_HOSPICE = {"en": "not in hospice", "es": "no recibe cuidados de hospicio"}


def test_a_care_home_plans_for_a_death_outside_hospice_too(pack: Pack) -> None:
    section = pack.section("death-in-a-care-home")
    assert section is not None
    assert NOT_IN_HOSPICE[pack.language] in section.body
    assert "POLST" in section.body


# --- 5. Symptom help that fits the stage ------------------------------------------------

CALL_NOW = {
    "pain": {
        "en": "If pain is not controlled, call the hospice or your care team right away, "
        "day or night.",
        "es": "Si el dolor no está controlado, llame de inmediato al equipo de cuidados de "
        "hospicio o a su equipo de atención, de día o de noche.",
    },
    "breathing": {
        "en": "If breathing is hard or not controlled, call the hospice or your care team "
        "right away, day or night.",
        "es": "Si a la persona le cuesta respirar o la falta de aire no está controlada, "
        "llame de inmediato al equipo de cuidados de hospicio o a su equipo de atención, "
        "de día o de noche.",
    },
}
ASK_SOMEDAY = {
    "en": r"reason to ask for palliative care|good time to ask",
    "es": r"razón para pedir cuidados paliativos|buen momento para pedir",
}


@pytest.mark.parametrize("concern", ["pain", "breathing"])
def test_at_the_end_of_life_pain_and_breathing_help_says_call_now(pack: Pack, concern: str) -> None:
    call_now = CALL_NOW[concern][pack.language]
    for answers in every(concerns=(concern,), stage=("end-of-life",)):
        text = reading(pack, answers)
        assert call_now in text, answers.to_dict()
        assert not re.search(ASK_SOMEDAY[pack.language], text), answers.to_dict()
    earlier = Answers("patient", "treatment", "adult", "clinic", "private", (concern,))
    assert call_now not in reading(pack, earlier)
    # The numbers the person saved for the hospice or their team come with the words.
    saying = [s for s in pack.sections if call_now in s.body]
    assert saying and all({"hospice", "palliative", "oncology"} <= set(s.team) for s in saying)


def test_survival_months_are_for_advanced_cancer_and_professionals_only(pack: Pack) -> None:
    for answers in every():
        text = reading(pack, answers)
        adult = answers.age not in ("child", "teen")
        fits = answers.stage == "advanced" or (
            answers.role == "professional" and answers.stage != "end-of-life"
        )
        assert ("11.6" in text) is (adult and fits), answers.to_dict()
        assert ("8.9" in text) is (adult and fits), answers.to_dict()


# --- Every format carries the same words ------------------------------------------------

FORMATS = [
    ("guide", "--format", "plain"),
    ("guide", "--format", "markdown"),
    ("guide", "--format", "html"),
    ("guide", "--format", "json"),
    ("export", "--visit", "-", "--format", "plain"),
    ("export", "--visit", "-", "--format", "html"),
]


def flags(**answers: str) -> list[str]:
    return [part for key, value in answers.items() for part in (f"--{key}", value)]


def our_words(output: str, lang: str) -> str:
    """The output without the titles of the works it cites (their words, not ours)."""
    output = " ".join(output.split())  # a title may wrap across lines
    for source in load_pack(bundled_content_dir(lang)).sources.values():
        output = output.replace(source.title, "")
    return output


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", FORMATS, ids=lambda c: "-".join(c[:1] + c[-1:]))
def test_every_format_speaks_to_the_reader_it_has(
    run: Runner, lang: str, command: tuple[str, ...]
) -> None:
    young_adult = flags(
        role="caregiver", stage="advanced", age="young-adult", setting="home",
        insurance="medicaid",
    )  # fmt: skip
    result = run(*command, "--lang", lang, *young_adult, "--concern", "planning")
    assert result.code == 0, result.err
    assert not found(YOUR_CHILD[lang], our_words(result.out, lang))
    teen = flags(role="patient", stage="end-of-life", age="teen", setting="home", insurance="va")
    result = run(*command, "--lang", lang, *teen, "--concern", "pain")
    assert result.code == 0, result.err
    assert not found(ABOUT_A_TEEN[lang] + NOT_AT_THE_END[lang], our_words(result.out, lang))
    veterans_only = {"en": "More help for veterans", "es": "Más ayuda para veteranos"}[lang]
    child_va = {"en": "VA coverage for a child or teen", "es": "Cobertura del VA para un niño"}
    assert veterans_only not in result.out
    if "--visit" not in command:
        assert child_va[lang] in result.out
