"""The bundled content packs: complete, sourced, plain, and honest."""

from __future__ import annotations

import re

import pytest

from pallnav.answers import OPTIONS, Answers
from pallnav.context import available_languages
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack, Question
from pallnav.pack_loader import load_pack
from pallnav.readability import measure
from pallnav.tailor import tailor

LANGUAGES = ["en", "es"]


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request: pytest.FixtureRequest) -> Pack:
    return load_pack(bundled_content_dir(request.param))


def test_the_installed_package_finds_its_bundled_packs_through_importlib_resources() -> None:
    assert set(LANGUAGES) <= set(available_languages())
    for language in LANGUAGES:
        assert (bundled_content_dir(language) / "pack.toml").is_file()


def test_every_section_reads_at_the_languages_plain_language_bar(pack: Pack) -> None:
    failing = {}
    for section in pack.sections:
        reading = measure(section.body, pack.language)
        assert reading is not None, f"no reading measure for {pack.language}"
        if not reading.passes:
            failing[section.id] = reading.describe()
    assert not failing, failing


def test_every_section_cites_a_source_the_pack_defines(pack: Pack) -> None:
    for section in pack.sections:
        assert section.sources
        assert set(section.sources) <= set(pack.sources)


def test_every_source_is_cited_somewhere(pack: Pack) -> None:
    cited = {s for section in pack.sections for s in section.sources}
    cited |= {s for channel in pack.channels for s in channel.sources}
    cited |= set(pack.record.sources if pack.record else ())
    assert set(pack.sources) == cited


def test_every_option_id_has_a_label_and_a_reason(pack: Pack) -> None:
    for question, ids in OPTIONS.items():
        field = pack.fields[question]
        assert [o.id for o in field.options] == list(ids)
        assert all(o.label and o.reason for o in field.options)


def test_the_disclaimer_says_information_not_advice_care_team_and_911(pack: Pack) -> None:
    text = pack.disclaimer.lower()
    assert "911" in text
    if pack.language == "en":
        assert "not medical advice" in text
        assert "care team" in text


def test_ids_are_unique(pack: Pack) -> None:
    for ids in (
        [s.id for s in pack.sections],
        [q.id for q in pack.questions],
        [c.id for c in pack.channels],
    ):
        assert len(ids) == len(set(ids))


def test_there_are_at_least_40_questions_in_several_topics(pack: Pack) -> None:
    assert len(pack.questions) >= 40
    assert len({q.topic for q in pack.questions}) >= 8


def test_every_answer_set_gets_sections_and_questions(pack: Pack) -> None:
    import itertools

    for role, stage, age, setting, insurance in itertools.product(
        *(OPTIONS[q] for q in ("role", "stage", "age", "setting", "insurance"))
    ):
        answers = Answers(role, stage, age, setting, insurance, concerns=())
        combo = answers.to_dict()
        sections = [s for s in pack.sections if s.when.matches(answers)]
        questions = [q for q in pack.questions if q.when.matches(answers)]
        assert len(sections) >= 8, combo
        assert len(questions) >= 15, combo


def test_the_helpline_and_chat_carry_the_published_facts(pack: Pack) -> None:
    helpline = pack.channel("helpline")
    chat = pack.channel("chat")
    assert helpline is not None and chat is not None
    assert helpline.phone == "1-800-227-2345"
    assert helpline.hours.always_open
    assert chat.hours.zone == "America/Chicago"
    assert {(s.weekday, s.start, s.end) for s in chat.hours.spans} == {
        (day, 7 * 3600, 18 * 3600 + 30 * 60) for day in range(5)
    }


PHONE = re.compile(r"1-8[0-9]{2}-[0-9A-Z-]+")


def test_the_only_phone_numbers_are_the_sourced_ones(pack: Pack) -> None:
    allowed = {"1-800-227-2345", "1-800-4-CANCER", "1-800-422-6237"}
    allowed |= {"1-877-543-7669", "1-877-KIDS-NOW"}  # Insure Kids Now (insurekidsnow)
    allowed |= {"1-855-260-3274"}  # VA Caregiver Support Line (va-caregiver)
    texts = [s.body for s in pack.sections] + [q.text for q in pack.questions]
    texts += [c.how for c in pack.channels]
    found = {m.group(0).rstrip("-") for text in texts for m in PHONE.finditer(text)}
    assert found <= allowed


def test_nci_gets_no_opening_hours(pack: Pack) -> None:
    section = pack.section("reach-someone")
    assert section is not None
    nci_part = section.body.split("1-800-4-CANCER")[1].split("###")[0]
    assert not re.search(r"\d{1,2}:\d{2}|\b\d{1,2} ?(am|pm|a\. m\.|p\. m\.)", nci_part, re.I)


@pytest.mark.parametrize(
    ("answers", "shown", "not_shown"),
    [
        (Answers(age="child"), {"children"}, {"teens", "young-adults"}),
        (Answers(age="older-adult"), set(), {"children", "teens", "young-adults"}),
        (
            Answers(stage="end-of-life", insurance="medicare"),
            {"hospice-compared", "hospice-medicare", "paying-medicare"},
            {"paying-medicaid"},
        ),
        (Answers(role="caregiver"), {"for-caregivers"}, {"for-professionals"}),
        (Answers(stage="new"), set(), {"hospice-compared", "hospice-medicare"}),
    ],
)
def test_when_rules_pick_the_right_sections(
    pack: Pack, answers: Answers, shown: set[str], not_shown: set[str]
) -> None:
    chosen = {s.id for s in pack.sections if s.when.matches(answers)}
    assert shown <= chosen
    assert not (not_shown & chosen)


def test_the_package_data_is_reachable_through_importlib_resources() -> None:
    from importlib import resources

    root = resources.files("pallnav")
    for language in LANGUAGES:
        assert root.joinpath("content", language, "pack.toml").is_file()
        assert root.joinpath("locales", f"{language}.toml").is_file()


# --- questions in the reader's voice, for the reader's stage ------------------------

#: First person that would put the person with cancer's words in someone else's mouth.
FIRST_PERSON = {
    "en": re.compile(r"\b(I|I'm|me|my|mine|myself)\b"),
    "es": re.compile(
        r"\b(yo|me|mi|mis|mí|conmigo|puedo|tengo|debo|estoy|voy|quiero|necesito|siento|llamo"
        r"|hago|soy|cuido|elijo|recibo|dejo|nombro)\b",
        re.IGNORECASE,
    ),
}
#: A professional speaks for neither the patient nor the family.
FAMILY_VOICE = {
    "en": re.compile(r"\b(we|us|our|ours)\b", re.IGNORECASE),
    "es": re.compile(
        r"\b(nos|nosotros|nuestro|nuestra|nuestros|nuestras|podemos|tenemos|debemos|vamos"
        r"|llamamos|sabemos|solicitamos|conseguimos)\b",
        re.IGNORECASE,
    ),
}


def caregivers_own(question: Question) -> bool:
    """A question only caregivers see, about themselves: their own "I" is theirs."""
    return dict(question.when.rules).get("role") == frozenset({"caregiver"})


@pytest.mark.parametrize("role", ["caregiver", "professional"])
def test_every_role_reads_questions_in_its_own_voice(pack: Pack, role: str) -> None:
    wrong = []
    for question in pack.questions:
        if role not in dict(question.when.rules).get("role", {role}):
            continue
        text = question.in_voice(role).text
        if not caregivers_own(question) and FIRST_PERSON[pack.language].search(text):
            wrong.append((question.id, text))
        if role == "professional" and FAMILY_VOICE[pack.language].search(text):
            wrong.append((question.id, text))
    assert not wrong, wrong


def test_a_caregiver_and_a_professional_see_what_the_patient_sees_in_their_own_words(
    pack: Pack,
) -> None:
    by_role = {
        role: {q.id: q.text for q in tailor(pack, full(role=role)).questions}
        for role in ("patient", "caregiver", "professional")
    }
    patient, caregiver = by_role["patient"]["pain-plan"], by_role["caregiver"]["pain-plan"]
    assert FIRST_PERSON[pack.language].search(patient)
    assert not FIRST_PERSON[pack.language].search(caregiver)
    assert len({by_role[role]["pain-plan"] for role in by_role}) == 3


def full(**answers: object) -> Answers:
    base: dict[str, object] = {
        "role": "patient", "stage": "advanced", "age": "adult", "setting": "home",
        "insurance": "medicare", "concerns": ("pain",),
    }  # fmt: skip
    return Answers(**{**base, **answers})  # type: ignore[arg-type]


@pytest.mark.parametrize("stage", ["end-of-life", "after-treatment"])
@pytest.mark.parametrize("age", ["child", "teen", "young-adult"])
def test_no_before_treatment_or_school_questions_at_the_end_of_life_or_after_treatment(
    pack: Pack, stage: str, age: str
) -> None:
    ids = {q.id for q in tailor(pack, full(stage=stage, age=age)).questions}
    assert not ids & {"fertility", "school", "school-or-work", "keep-treatment"}
    assert {q.id for q in tailor(pack, full(stage="new", age=age)).questions} & {
        "fertility", "school"
    }  # fmt: skip


def test_the_end_of_life_brings_its_own_questions(pack: Pack) -> None:
    ids = {q.id for q in tailor(pack, full(stage="end-of-life", setting="hospital")).questions}
    assert {"last-weeks", "death-at-home", "home-or-stay", "polst", "stopping-treatment"} <= ids
    assert not {"last-weeks", "death-at-home"} & {
        q.id for q in tailor(pack, full(stage="treatment")).questions
    }


def test_near_duplicate_questions_are_folded(pack: Pack) -> None:
    ids = {q.id for q in pack.questions}
    assert not ids & {"goals-of-care", "care-fits-me", "night-weekend", "24-hour-number"}
    assert not ids & {"crisis-plan", "where-visits", "caregiver-worried"}


WORRIED = {"en": "worried", "es": "preocupa"}


def test_a_caregiver_asks_whom_to_call_when_worried_once_with_the_night_and_crisis_question(
    pack: Pack,
) -> None:
    questions = tailor(pack, full(role="caregiver")).questions
    whom_to_call = [q for q in questions if WORRIED[pack.language] in q.text]
    assert [q.id for q in whom_to_call] == ["night-and-crisis"]
    assert "911" in whom_to_call[0].text


EIGHT_WEEKS = {
    "en": "advanced for more than 8 weeks",
    "es": "más de 8 semanas avanzado",
}


@pytest.mark.parametrize("stage", OPTIONS["stage"])
@pytest.mark.parametrize("role", OPTIONS["role"])
def test_only_an_advanced_stage_is_asked_whether_it_has_been_advanced_8_weeks(
    pack: Pack, stage: str, role: str
) -> None:
    text = "\n".join(shown(pack, full(role=role, stage=stage)))
    assert (EIGHT_WEEKS[pack.language] in text) == (stage == "advanced")


@pytest.mark.parametrize("stage", ["unsure", "new", "treatment", "after-treatment"])
def test_grief_support_is_asked_only_when_the_cancer_is_advanced_or_at_the_end(
    pack: Pack, stage: str
) -> None:
    assert "grief-support" not in {q.id for q in tailor(pack, full(stage=stage)).questions}
    for at_the_end in ("advanced", "end-of-life"):
        assert "grief-support" in {q.id for q in tailor(pack, full(stage=at_the_end)).questions}


INTERPRETER = {"en": "qualified interpreter", "es": "intérprete calificado"}


@pytest.mark.parametrize("role", OPTIONS["role"])
def test_the_interpreter_is_qualified_the_word_of_45_cfr_92_201(pack: Pack, role: str) -> None:
    question = {q.id: q for q in tailor(pack, full(role=role)).questions}["interpreter"]
    assert INTERPRETER[pack.language] in question.text
    language_help = pack.section("language-help")
    assert language_help is not None
    assert INTERPRETER[pack.language] in language_help.body
    assert not re.search("trained interpreter|intérprete capacitado", language_help.body)


# --- the end of life, and what some people were missing -----------------------------


def every_answer_set(**fixed: str) -> list[Answers]:
    import itertools

    free = [q for q in ("role", "stage", "age", "setting", "insurance") if q not in fixed]
    out = []
    for values in itertools.product(*(OPTIONS[q] for q in free)):
        chosen = {**dict(zip(free, values, strict=True)), **fixed}
        out.append(Answers(**chosen, concerns=tuple(OPTIONS["concerns"])))
    return out


NEVER_AT_THE_END = {
    "en": ["11.6", "8.9 months", "8 weeks", "does not mean stopping treatment"],
    "es": ["11.6", "8.9 meses", "8 semanas", "no quiere decir dejar el tratamiento"],
}
HOSPICE_ELIGIBILITY = {"en": "6 months or less", "es": "6 meses o menos"}


def shown(pack: Pack, answers: Answers) -> list[str]:
    return [s.body for s in pack.sections if s.when.matches(answers)]


def test_near_the_end_of_life_no_survival_figures_or_time_to_refer_or_keep_treating(
    pack: Pack,
) -> None:
    for answers in every_answer_set(stage="end-of-life"):
        text = "\n".join(shown(pack, answers))
        found = [words for words in NEVER_AT_THE_END[pack.language] if words in text]
        assert not found, (answers.to_dict(), found)


def test_not_sure_of_the_stage_never_reads_hospice_eligibility(pack: Pack) -> None:
    for answers in every_answer_set(stage="unsure"):
        assert HOSPICE_ELIGIBILITY[pack.language] not in "\n".join(shown(pack, answers))
    advanced = Answers("patient", "advanced", "adult", "home", "medicare", ())
    assert HOSPICE_ELIGIBILITY[pack.language] in "\n".join(shown(pack, advanced))


@pytest.mark.parametrize(
    ("answers", "must", "must_not"),
    [
        (
            Answers("caregiver", "end-of-life", "older-adult", "home", "medicare", ()),
            {"end-of-life-care", "death-at-home", "polst-and-directives", "bereavement"},
            {"benefits", "who-and-when", "alongside-treatment", "hospital-end-of-life"},
        ),
        (
            Answers("patient", "end-of-life", "adult", "hospital", "private", ()),
            {"hospital-end-of-life", "end-of-life-care"},
            {"benefits"},
        ),
        (
            Answers("patient", "advanced", "adult", "hospital", "private", ()),
            {"benefits", "who-and-when", "alongside-treatment", "polst-and-directives"},
            {"end-of-life-care", "death-at-home", "bereavement", "hospital-end-of-life"},
        ),
        (
            Answers("caregiver", "treatment", "child", "home", "none", ()),
            {"children-more", "child-coverage", "financial-assistance", "parent-paperwork"},
            {"teen-planning", "va-more", "caregiver-paperwork"},
        ),
        (
            Answers("patient", "treatment", "teen", "clinic", "medicaid", ()),
            {"teen-planning-self", "teens-self"},
            {"child-coverage", "young-adult-planning", "financial-assistance", "teen-planning"},
        ),
        (
            Answers("patient", "new", "young-adult", "clinic", "va", ()),
            {"young-adult-planning", "va-more", "language-help"},
            {"caregiver-paperwork", "for-professionals"},
        ),
        (
            Answers("professional", "end-of-life", "adult", "hospital", "medicare", ()),
            {"for-professionals", "professionals-hospice"},
            {"professionals-referral"},
        ),
        (
            Answers("professional", "unsure", "adult", "clinic", "medicare", ()),
            {"for-professionals", "professionals-referral"},
            {"professionals-hospice", "hospice-medicare"},
        ),
    ],
)
def test_each_situation_gets_its_own_sections(
    pack: Pack, answers: Answers, must: set[str], must_not: set[str]
) -> None:
    chosen = {s.id for s in pack.sections if s.when.matches(answers)}
    assert must <= chosen, must - chosen
    assert not must_not & chosen
