"""Content round three (issue 18, items 6-8): facts checked against their primary sources,
sources a reader can open, and Spanish that reads right aloud.

Each test reads the bundled packs over every answer combination, so a fact that is fixed in
one section and left wrong in another is still caught."""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

import pytest

import pallnav
from bundled import pack as bundled_pack
from bundled import tailored
from pallnav.answers import OPTIONS, Answers
from pallnav.i18n import load_messages
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack, Section
from pallnav.tailor import Guide

LANGUAGES = ["en", "es"]


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request: pytest.FixtureRequest) -> Pack:
    return bundled_pack(request.param)


def every_answer_set(concerns: tuple[str, ...] | None = None, **fixed: str) -> list[Answers]:
    """Every role, stage, age, setting and insurance, with every worry ticked (or these)."""
    free = [q for q in ("role", "stage", "age", "setting", "insurance") if q not in fixed]
    ticked = tuple(OPTIONS["concerns"]) if concerns is None else concerns
    out = []
    for values in itertools.product(*(OPTIONS[q] for q in free)):
        chosen = {**dict(zip(free, values, strict=True)), **fixed}
        out.append(Answers(**chosen, concerns=ticked))
    return out


@cache
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of ``text`` (each text split once per test process)."""
    return tuple(s for s in re.split(r"(?<=[.?!:])\s+|\n", text) if s.strip())


def shown_sentences(guide: Guide) -> list[tuple[str, str]]:
    return [
        (chosen.section.id, sentence)
        for chosen in guide.sections
        for sentence in sentences(chosen.section.body)
    ]


# --- 6. facts -------------------------------------------------------------------------

THIRD_PERIOD = {"en": "third period", "es": "tercer período"}
TELEHEALTH = {"en": "telehealth", "es": "telesalud"}


def test_the_face_to_face_visit_may_be_by_telehealth_through_2027(pack: Pack) -> None:
    """From the third benefit period a hospice doctor or NP sees the person face to face;
    the law signed on February 3, 2026 lets that be by telehealth through 2027."""
    saying = [s for s in pack.sections if THIRD_PERIOD[pack.language] in s.body]
    assert {s.id for s in saying} == {"hospice-medicare", "professionals-hospice"}
    for section in saying:
        assert TELEHEALTH[pack.language] in section.body, section.id
        assert "2027" in section.body and "2026" in section.body, section.id
        assert "hospice-telehealth-2026" in section.sources
        assert "in person" not in section.body and "en persona" not in section.body
    law = pack.sources["hospice-telehealth-2026"]
    assert law.url == "https://www.congress.gov/bill/119th-congress/house-bill/7148"


FAMILY = {"en": ("family member", "child"), "es": ("familiar", "niño")}


def test_language_help_says_family_and_children_are_not_the_interpreter(pack: Pack) -> None:
    rule = pack.sources["hhs-1557-rule"]
    assert rule.url == "https://www.ecfr.gov/current/title-45/section-92.201"
    assert rule.title.startswith("45 CFR 92.201")
    for section_id in ("language-help", "for-professionals"):
        section = pack.section(section_id)
        assert section is not None and "hhs-1557-rule" in section.sources
        for word in FAMILY[pack.language]:
            assert word in section.body, (section_id, word)
        emergency = "emergency" if pack.language == "en" else "emergencia"
        child = [s for s in sentences(section.body) if FAMILY[pack.language][1] in s]
        assert child and all(emergency in s for s in child), child


PHASE_1 = {"en": ("phase 1", "solid tumor"), "es": ("fase 1", "tumores sólidos")}
EIGHT_WEEKS = {"en": "8 weeks", "es": "8 semanas"}


def test_phase_1_referral_is_for_solid_tumors_and_8_weeks_is_not_the_2024_update(
    pack: Pack,
) -> None:
    phase, solid = PHASE_1[pack.language]
    said = [s for sec in pack.sections for s in sentences(sec.body) if phase in s]
    assert said and all(solid in s for s in said), said
    for section in pack.sections:
        for sentence in sentences(section.body):
            if EIGHT_WEEKS[pack.language] in sentence:
                assert "2024" not in sentence, (section.id, sentence)
    referral = pack.section("professionals-referral")
    assert referral is not None and "2017" in referral.body and "2024" in referral.body
    assert {"asco-2017", "asco-2024"} <= set(referral.sources)


POLICY = {"en": "financial assistance policy", "es": "política de ayuda financiera"}


def test_hospital_financial_assistance_reaches_people_whose_insurance_is_not_enough(
    pack: Pack,
) -> None:
    for answers in every_answer_set(concerns=("cost",)):
        guide = tailored(pack, answers)
        text = " ".join(chosen.section.body for chosen in guide.sections)
        assert POLICY[pack.language] in text, answers.to_dict()
        asked = {q.id for q in guide.questions}
        assert asked & {"financial-assistance", "financial-assistance-insured"}, answers
    insured = pack.section("financial-assistance-insured")
    assert insured is not None and "cfpb-medical-bills" in insured.sources
    uninsured = pack.section("financial-assistance")
    assert uninsured is not None and "cfpb-medical-bills" in uninsured.sources


@cache
def _medicare_alone(line: str) -> bool:
    """A line that names Medicare and no other payer (each line read once)."""
    return bool(re.search(r"\bMedicare\b", line)) and not OTHER_PAYER.search(line)


OTHER_PAYER = re.compile(r"Medicaid|\bVA\b|[Pp]rivate|privad")


def test_medicare_only_lines_reach_only_people_with_medicare(pack: Pack) -> None:
    """A line about Medicare alone is for people who have Medicare (or are not sure); a
    sentence may still name Medicare beside another payer ("Medicare, Medicaid and the VA").
    Professionals read the rules for every payer."""
    for insurance in ("private", "medicaid", "va", "none"):
        for answers in every_answer_set(insurance=insurance):
            if answers.role == "professional":
                continue
            guide = tailored(pack, answers)
            lines = shown_sentences(guide) + [("question " + q.id, q.text) for q in guide.questions]
            for where, line in lines:
                assert not _medicare_alone(line), (insurance, where, line)


NO_COPAYS = {"en": "no copays for hospice care", "es": "los cuidados de hospicio no tienen copagos"}
NOT_DAY_AND_NIGHT = {"en": "not day and night", "es": "no de día y de noche"}
DAY_OR_NIGHT = re.compile(r"day or night|day and night|24|de día o de noche|de día y de noche")


def test_va_hospice_has_no_copays_and_the_caregiver_line_is_not_called_24_7(pack: Pack) -> None:
    paying_va = pack.section("paying-va")
    assert paying_va is not None and NO_COPAYS[pack.language] in paying_va.body
    assert "va" in paying_va.sources
    for section in pack.sections:
        if "1-855-260-3274" not in section.body:
            continue
        assert NOT_DAY_AND_NIGHT[pack.language] in section.body, section.id
        for sentence in sentences(section.body):
            if "1-855-260-3274" in sentence:
                assert not DAY_OR_NIGHT.search(sentence), sentence


def test_whoever_reads_of_voicing_my_choices_learns_where_to_get_it(pack: Pack) -> None:
    for answers in every_answer_set():
        guide = tailored(pack, answers)
        text = " ".join(chosen.section.body for chosen in guide.sections)
        if "Voicing My CHOiCES" in text:
            assert "fivewishes.org" in text, answers.to_dict()
    assert pack.sources["five-wishes"].url == "https://www.fivewishes.org/"


# --- 7. sources -------------------------------------------------------------------------

WEAK_SOURCES = {
    "a hospice company's own pages": re.compile(r"compassus\.com"),
    "one local VA medical centre's page": re.compile(r"va\.gov/[a-z-]+-health-care/"),
    "NHPCO's old address (now the National Alliance for Care at Home)": re.compile(r"nhpco\.org"),
    "KHN's old address (now KFF Health News)": re.compile(r"//(www\.)?khn\.org"),
    "a foreign edition of the Merck Manual (MSD)": re.compile(r"msdmanuals\.com"),
    "a kidney foundation page": re.compile(r"kidney\.org"),
    "a blog post": re.compile(r"/blog/"),
}


def test_every_source_opens_at_a_stable_https_address_of_a_sound_kind(pack: Pack) -> None:
    for source in pack.sources.values():
        assert source.url, f"source {source.id} has no address"
        assert source.url.startswith("https://"), source.id
        for kind, pattern in WEAK_SOURCES.items():
            assert not pattern.search(source.url), (source.id, kind, source.url)


# --- 8. Spanish -------------------------------------------------------------------------

ES_CONTENT = bundled_content_dir("es")
ES_CATALOGUE = Path(pallnav.__file__).parent / "locales" / "es.toml"


@pytest.fixture(scope="module")
def es() -> Pack:
    return bundled_pack("es")


def caregiver_wordings(pack: Pack) -> dict[str, str]:
    """Every question a caregiver can be shown, in the caregiver's words."""
    out = {}
    for answers in every_answer_set(role="caregiver"):
        for question in tailored(pack, answers).questions:
            out[question.id] = question.text
    return out


# "su" and "le" could be the clinician's ("usted") as well as the loved one's: read aloud in
# a visit, a question must say whose. An enclitic (ayudarle) is the same "le".
AMBIGUOUS = re.compile(
    r"\b(su|sus|le|les|suyo|suya|suyos|suyas|se lo|se la|se los|se las)\b"
    r"|\w(ar|er|ir|ando|iendo|ándo|iéndo)(le|les)\b",
    re.IGNORECASE,
)
OTHER_NAMES = re.compile(
    r"la persona enferma|nuestro familiar|nuestra familiar|el enfermo|la enferma"
    r"|nuestra ser querida|nuestro/a|nuestros seres queridos",
    re.IGNORECASE,
)


def test_spanish_caregiver_questions_say_nuestro_ser_querido_never_su_or_le(es: Pack) -> None:
    wordings = caregiver_wordings(es)
    assert len(wordings) > 80
    for question_id, text in wordings.items():
        assert not AMBIGUOUS.search(text), (question_id, text)
        assert not OTHER_NAMES.search(text), (question_id, text)
    naming = [text for text in wordings.values() if "nuestro ser querido" in text]
    assert len(naming) >= 40


def spanish_texts() -> list[tuple[str, str]]:
    """Everything the Spanish pack and catalogue can show, file by file."""
    files = [*sorted((ES_CONTENT / "sections").glob("*.md")), *sorted(ES_CONTENT.glob("*.toml"))]
    return [(p.name, p.read_text(encoding="utf-8")) for p in [*files, ES_CATALOGUE]]


HOSPICIO = re.compile(r"\bhospicios?\b", re.IGNORECASE)
CARE_OF = re.compile(r"cuidados (paliativos [yo] )?de $", re.IGNORECASE)


def test_hospicio_never_stands_alone_in_spanish() -> None:
    """Alone, "hospicio" reads as an asylum or an orphanage: it is always care."""
    for name, text in spanish_texts():
        for found in HOSPICIO.finditer(text):
            before = text[max(0, found.start() - 40) : found.start()]
            assert CARE_OF.search(before), (name, text[found.start() - 40 : found.end() + 20])


NAMED = "(hospice, en inglés)"
EXPLAINED = "no se puede curar"


def test_the_first_mention_of_hospice_in_every_spanish_guide_explains_it(es: Pack) -> None:
    """The first section of a guide that speaks of cuidados de hospicio gives the name the
    person will hear from the staff (hospice) and what it is. So does every section about it,
    which a person can open alone from the navigator's list or with pallnav show. A section
    only for professionals gives the name; they know what it is."""

    def speaks_of_it(section: Section) -> bool:
        return bool(HOSPICIO.search(section.title + " " + section.body))

    def explains_it(section: Section) -> bool:
        professional = dict(section.when.rules).get("role") == frozenset({"professional"})
        return NAMED in section.body and (professional or EXPLAINED in section.body)

    speaking = {section.id for section in es.sections if speaks_of_it(section)}
    worries = [(), *((c,) for c in OPTIONS["concerns"]), tuple(OPTIONS["concerns"])]
    for answers in every_answer_set():
        for concerns in worries:
            guide = tailored(es, answers._replace(concerns=concerns))
            first = next((c.section for c in guide.sections if c.section.id in speaking), None)
            assert first is None or explains_it(first), (first.id, answers.to_dict())
    about_it = [s for s in es.sections if HOSPICIO.search(s.title)]
    assert about_it
    for section in about_it:
        assert explains_it(section), section.id


def test_the_spanish_date_line_says_creada_el() -> None:
    table = load_messages(ES_CATALOGUE, "es").table
    assert table["markdown.made"].startswith("Creada el ")
    assert table["visit.footer"].startswith("Creada el ")
    assert not [key for key, text in table.items() if re.search(r"\bHech[oa] el\b", text)]


def test_spanish_gives_the_american_cancer_society_one_name() -> None:
    for name, text in spanish_texts():
        assert not re.search(r"Sociedad Americana Contra|Sociedad del Cáncer", text, re.I), name


# --- 6. what lies ahead, for those who want to ask --------------------------------------

WHEN_READY = {
    "en": {"patient": "When I am ready", "caregiver": "When we are ready", "professional": "want"},
    "es": {"patient": "Cuando yo quiera", "caregiver": "Cuando queramos", "professional": "quiere"},
}


@pytest.mark.parametrize("role", OPTIONS["role"])
def test_advanced_and_end_of_life_guides_let_each_reader_ask_what_lies_ahead(
    pack: Pack, role: str
) -> None:
    """Only for those who want to know: the question says so, in each reader's own voice."""
    for answers in every_answer_set(role=role):
        asked = {q.id: q.text for q in tailored(pack, answers).questions}
        if answers.stage in ("advanced", "end-of-life"):
            assert WHEN_READY[pack.language][role] in asked["what-to-expect"], answers.to_dict()
        else:
            assert "what-to-expect" not in asked, answers.to_dict()
