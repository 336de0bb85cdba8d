"""Every reader in their own words (issue 18): a caregiver or a health professional is never
addressed as the person with cancer.

A guide is read by the person with cancer, by someone who cares for them, or by someone who
works in health care. Questions carry a wording for each; a section has one text, so every
section a caregiver or a professional can see must be true for them too: "the cancer care
team treats pain during cancer treatment", not "your cancer care team treats pain while you
get treatment". Sections only a patient sees (a teen's own sections) may say "you".

The check runs over every answer combination for both readers, with every worry ticked and
with none (the only way a section is hidden by a worry is by not ticking it), in both
languages, and reads each chosen section's title and text sentence by sentence. The Spanish
patterns are the ones that can only mean the reader ("usted", "le envían", "trata su cáncer");
"su" alone also means "his" or "her", so it is not listed on its own.
"""

from __future__ import annotations

import itertools
import re

import pytest

from bundled import pack as bundled_pack
from bundled import tailored
from pallnav.answers import OPTIONS, Answers
from pallnav.pack import Pack

LANGUAGES = ["en", "es"]
READERS = ("caregiver", "professional")

#: Words that take the reader to be the person with cancer: their cancer, treatment, illness,
#: body, symptoms, wishes, coverage, prognosis; the team that sends them; their own caregiver.
PATIENT_ADDRESSED = {
    "en": [
        r"\byour (own )?(cancer|illness|treatment|pain|body|symptoms|diagnosis|heart)\b",
        r"\byour (own )?(wishes|feelings|life|health care agent|caregiver|parents)\b",
        r"\byou (get|are getting|receive) (cancer )?treatment\b",
        r"\bwhile you get\b",
        r"\bsends? you\b",
        r"\bspeak up for yourself\b",
        r"\byou (have|learn you have) cancer\b",
        r"\bhow well you feel\b",
        r"\bhelp you live\b",
        r"\bexpect you to live\b",
        r"\bwhat you feel\b",
        r"\bif you (still )?have symptoms\b",
        r"\bhealth choices for you\b",
        r"\bspeak for yourself\b",
        r"\byou make your own\b",
        r"\bthe people who (care for|love) you\b",
        r"\bif you (have|do not have) (medicare|medicaid|private insurance|insurance)\b",
        r"\byou have (medicare|medicaid|a medicare advantage plan)\b",
        r"\bwhether you can get\b",
        r"\bright for you\b",
        r"\bwhere you live\b",
        r"\byou get care from the va\b",
        r"\bwhat (help at home )?you can get\b",
        r"\bif you never had palliative care\b",
        r'"you" in this guide means',
    ],
    "es": [
        r"\busted tiene cáncer\b",
        r"\bse entera de que tiene cáncer\b",
        r"\bsu tratamiento contra el cáncer\b",
        r"\btratan? su cáncer\b",
        r"\bmientras usted recibe\b",
        r"\ble (envían|mandan) al?\b",
        r"\bcómo vive usted\b",
        r"\bque usted viva\b",
        r"\busted (tiene medicare|elige cuidados|firma un formulario|recibe la atención)\b",
        r"\bsu propio agente\b",
        r"\bsus padres ya no\b",
        r"\bpor usted si usted no\b",
        r"\bsi usted no pudiera hablar por sí mismo\b",
        r"\ble dan? cuidados\b",
        r"\bsi todavía tiene síntomas\b",
        r"\bdígales lo que siente\b",
        r"\bcómo le van los días\b",
        r"\bsi (no )?tiene (medicare|medicaid|seguro)\b",
        r"\bsi (usted )?recibe atención del va\b",
        r"\bdonde usted vive\b",
        r"\blo adecuado para usted\b",
        r'"usted" quiere decir',
    ],
}


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request: pytest.FixtureRequest) -> Pack:
    return bundled_pack(request.param)


def every_reader() -> list[Answers]:
    """Each caregiver and professional: every stage, age, setting and insurance, with every
    worry ticked and with none."""
    questions = ("stage", "age", "setting", "insurance")
    return [
        Answers(role, stage, age, setting, insurance, concerns)
        for role in READERS
        for stage, age, setting, insurance in itertools.product(*(OPTIONS[q] for q in questions))
        for concerns in (tuple(OPTIONS["concerns"]), ())
    ]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+|\n", text) if s.strip()]


def patient_addressed(pack: Pack, text: str) -> list[str]:
    patterns = PATIENT_ADDRESSED[pack.language]
    return [s for s in sentences(text) if any(re.search(p, s, re.IGNORECASE) for p in patterns)]


def test_a_caregiver_or_professional_is_never_addressed_as_the_person_with_cancer(
    pack: Pack,
) -> None:
    # A section's words do not change with the answers: read each once, then see who is shown it.
    wrong = {
        section.id: patient_addressed(pack, f"{section.title}\n{section.body}")
        for section in pack.sections
    }
    found: dict[tuple[str, str], list[str]] = {}
    for answers in every_reader():
        for chosen in tailored(pack, answers).sections:
            for sentence in wrong[chosen.section.id]:
                found.setdefault((chosen.section.id, sentence), []).append(answers.role or "")
    shown = "\n".join(
        f"{id} ({', '.join(sorted(set(roles)))}): {sentence}"
        for (id, sentence), roles in sorted(found.items())
    )
    assert not found, f"patient-addressed sentences shown to others:\n{shown}"


#: Words for a parent: a professional whose patient is a child reads about "the child".
PARENT_ADDRESSED = {
    "en": r"\byour (child|child's|son|daughter)\b",
    "es": r"\bsu hijo o hija\b",
}


def test_a_professional_is_not_addressed_as_the_childs_parent(pack: Pack) -> None:
    parent = PARENT_ADDRESSED[pack.language]
    # A section's words do not change with the answers: read each once.
    says_so = {
        s.id for s in pack.sections if re.search(parent, f"{s.title}\n{s.body}", re.IGNORECASE)
    }
    body_says_so = {s.id for s in pack.sections if re.search(parent, s.body, re.IGNORECASE)}
    for answers in every_reader():
        chosen = {c.section.id: c.section for c in tailored(pack, answers).sections}
        if answers.role == "professional":
            wrong = {id: s.title for id, s in chosen.items() if id in says_so}
            assert not wrong, (answers, wrong)
            # They still read what the parents read about a child's care and pain.
            if answers.age == "child":
                assert "children-professionals" in chosen, answers
        elif answers.age == "child":
            # A parent keeps "your child".
            assert body_says_so & chosen.keys(), answers
            assert "children-professionals" not in chosen, answers


def test_the_patterns_find_what_they_are_for(pack: Pack) -> None:
    """The check above cannot pass by matching nothing: each language's list catches the
    sentences this issue was filed for."""
    filed = {
        "en": [
            "Your cancer care team treats pain while you get treatment.",
            "They send you to the team at your cancer center.",
            "It is fine to speak up for yourself.",
            "- understanding your illness and your treatment choices",
        ],
        "es": [
            "El equipo que trata su cáncer se ocupa del dolor mientras usted recibe tratamiento.",
            "Le envían al equipo de su centro de cáncer.",
            "En cambio, trabajan de la mano con su tratamiento contra el cáncer.",
        ],
    }
    for sentence in filed[pack.language]:
        assert patient_addressed(pack, sentence) == [sentence], sentence


def test_a_patient_still_reads_their_own_sections_as_you(pack: Pack) -> None:
    """A teen who is the patient keeps the sections written to them ("you"), and nobody
    else reads them."""
    you = r"\byou\b" if pack.language == "en" else r"\busted\b"
    own = {"teens-self", "teen-planning-self"}
    for answers in every_reader():
        assert not own & {c.section.id for c in tailored(pack, answers).sections}, answers
    teen = Answers("patient", "treatment", "teen", "clinic", "private", ())
    chosen = {c.section.id: c.section.body for c in tailored(pack, teen).sections}
    for id in own:
        assert re.search(you, chosen[id], re.IGNORECASE), id
