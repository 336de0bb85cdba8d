"""Content round three (issue 18, items 6-8): facts checked against their primary sources,
sources a reader can open, and Spanish that reads right aloud.

Each test reads the bundled packs over every answer combination, so a fact that is fixed in
one section and left wrong in another is still caught."""

from __future__ import annotations

import itertools
import re

import pytest

from pallnav.answers import OPTIONS, Answers
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack
from pallnav.pack_loader import load_pack
from pallnav.tailor import Guide, tailor

LANGUAGES = ["en", "es"]


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request: pytest.FixtureRequest) -> Pack:
    return load_pack(bundled_content_dir(request.param))


def every_answer_set(concerns: tuple[str, ...] | None = None, **fixed: str) -> list[Answers]:
    """Every role, stage, age, setting and insurance, with every worry ticked (or these)."""
    free = [q for q in ("role", "stage", "age", "setting", "insurance") if q not in fixed]
    ticked = tuple(OPTIONS["concerns"]) if concerns is None else concerns
    out = []
    for values in itertools.product(*(OPTIONS[q] for q in free)):
        chosen = {**dict(zip(free, values, strict=True)), **fixed}
        out.append(Answers(**chosen, concerns=ticked))
    return out


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+|\n", text) if s.strip()]


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
        guide = tailor(pack, answers)
        text = " ".join(chosen.section.body for chosen in guide.sections)
        assert POLICY[pack.language] in text, answers.to_dict()
    insured = pack.section("financial-assistance-insured")
    assert insured is not None and "cfpb-medical-bills" in insured.sources
    uninsured = pack.section("financial-assistance")
    assert uninsured is not None and "cfpb-medical-bills" in uninsured.sources


def test_medicare_only_lines_reach_only_people_with_medicare(pack: Pack) -> None:
    """A line about Medicare alone is for people who have Medicare (or are not sure); a
    sentence may still name Medicare beside another payer ("Medicare, Medicaid and the VA").
    Professionals read the rules for every payer."""
    other_payer = re.compile(r"Medicaid|\bVA\b|[Pp]rivate|privad")
    for insurance in ("private", "medicaid", "va", "none"):
        for answers in every_answer_set(insurance=insurance):
            if answers.role == "professional":
                continue
            guide = tailor(pack, answers)
            lines = shown_sentences(guide) + [("question " + q.id, q.text) for q in guide.questions]
            for where, line in lines:
                if re.search(r"\bMedicare\b", line):
                    assert other_payer.search(line), (insurance, where, line)


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
        guide = tailor(pack, answers)
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
