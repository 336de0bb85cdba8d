"""The hardest readers, over every answer combination (issue 18, items 2 to 5): a death at
home outside hospice, a dying child or teen and their parents, a teen who is the patient, a
child whose coverage is "VA", the 18-39 band that holds people under and over 21, and
symptom help that fits the end of life. Both languages; what a person reads is every
chosen section (title and text) and every question in their own voice."""

from __future__ import annotations

import itertools
import re

import pytest

from pallnav.answers import OPTIONS, Answers
from pallnav.in_use import bundled_content_dir
from pallnav.pack import Pack
from pallnav.pack_loader import load_pack
from pallnav.tailor import tailor

LANGUAGES = ["en", "es"]
ALL_CONCERNS = tuple(OPTIONS["concerns"])


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request: pytest.FixtureRequest) -> Pack:
    return load_pack(bundled_content_dir(request.param))


def every(concerns: tuple[str, ...] = ALL_CONCERNS, **fixed: tuple[str, ...]) -> list[Answers]:
    """Every combination of role, stage, age, setting and insurance, the named ones held."""
    questions = ("role", "stage", "age", "setting", "insurance")
    choices = [fixed.get(q, OPTIONS[q]) for q in questions]
    return [
        Answers(role, stage, age, setting, insurance, concerns)
        for role, stage, age, setting, insurance in itertools.product(*choices)
    ]


def reading(pack: Pack, answers: Answers) -> str:
    """All a person reads: each chosen section's title and text, each question's words."""
    guide = tailor(pack, answers)
    parts = [f"{c.section.title}\n{c.section.body}" for c in guide.sections]
    parts += [q.text for q in guide.questions]
    return "\n".join(parts)


def sections(pack: Pack, answers: Answers) -> dict[str, str]:
    return {c.section.id: c.section.body for c in tailor(pack, answers).sections}


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+|\n", text) if s.strip()]


def found(patterns: list[str], text: str) -> list[str]:
    return [p for p in patterns if re.search(p, text, re.IGNORECASE)]


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


NOT_IN_HOSPICE = {"en": "not in hospice", "es": "no recibe cuidados de hospicio"}


def test_a_care_home_plans_for_a_death_outside_hospice_too(pack: Pack) -> None:
    section = pack.section("death-in-a-care-home")
    assert section is not None
    assert NOT_IN_HOSPICE[pack.language] in section.body
    assert "POLST" in section.body
