"""A person's answers: who the guide is for, stage, age group, care setting,
insurance and main concerns, by their language-neutral option ids.

The ids here are the public contract for flags, answers files, saved profiles
and JSON; every content pack labels the same ids. Parsing names the bad field,
the bad value and the valid choices, and never echoes anything unsafe.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from pallnav.errors import PallnavError
from pallnav.safetext import shown

#: Every question, in the order the guide asks them, and its option ids.
OPTIONS: dict[str, tuple[str, ...]] = {
    "role": ("patient", "caregiver", "professional"),
    "stage": ("new", "treatment", "advanced", "end-of-life", "after-treatment", "unsure"),
    "age": ("child", "teen", "young-adult", "adult", "older-adult"),
    "setting": ("hospital", "clinic", "home", "nursing-home", "assisted-living", "unsure"),
    "insurance": ("private", "medicare", "medicaid", "va", "none", "unsure"),
    "concerns": ("pain", "breathing", "nausea", "mood", "fatigue", "family", "cost", "planning"),
}
QUESTIONS: tuple[str, ...] = tuple(OPTIONS)
#: Questions that take any number of answers (the rest take exactly one).
MULTIPLE = frozenset({"concerns"})


def flag(question: str) -> str:
    """The command-line flag for a question: ``--stage``, ``--concern``."""
    return "--concern" if question == "concerns" else f"--{question}"


def choices(question: str) -> str:
    return ", ".join(OPTIONS[question])


class Answers(NamedTuple):
    """What a person told us. ``None`` means not answered yet.

    ``concerns`` is a tuple (possibly empty: "none of these") once answered.
    """

    role: str | None = None
    stage: str | None = None
    age: str | None = None
    setting: str | None = None
    insurance: str | None = None
    concerns: tuple[str, ...] | None = None

    def get(self, question: str) -> str | tuple[str, ...] | None:
        value: str | tuple[str, ...] | None = getattr(self, question)
        return value

    def chosen(self, question: str) -> tuple[str, ...]:
        """The ids chosen for ``question``, as a tuple (empty when unanswered)."""
        value: str | tuple[str, ...] | None = getattr(self, question)
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else value

    def choices(self) -> dict[str, tuple[str, ...]]:
        """:meth:`chosen` for every question at once."""
        return {question: self.chosen(question) for question in QUESTIONS}

    def missing(self) -> list[str]:
        """Questions not answered yet, in asking order."""
        return [q for q in QUESTIONS if self.get(q) is None]

    @property
    def complete(self) -> bool:
        return not self.missing()

    def with_answer(self, question: str, value: str | tuple[str, ...]) -> Answers:
        """These answers with ``question`` answered ``value``."""
        changes: dict[str, Any] = {question: value}
        return self._replace(**changes)

    def merged(self, other: Answers) -> Answers:
        """These answers, with every question ``other`` answered taken from ``other``."""
        return self._replace(**{k: v for k, v in other._asdict().items() if v is not None})

    def to_dict(self) -> dict[str, str | list[str]]:
        """The answered questions, for TOML and JSON (unanswered ones are left out)."""
        out: dict[str, str | list[str]] = {}
        for question in QUESTIONS:
            value = self.get(question)
            if value is not None:
                out[question] = list(value) if isinstance(value, tuple) else value
        return out


def check_choice(question: str, value: object, where: str) -> str:
    """``value`` if it is one of ``question``'s ids; else a PallnavError naming all three."""
    if isinstance(value, str) and value in OPTIONS[question]:
        return value
    raise PallnavError(
        "errors.bad_choice", where=where, value=shown(value), choices=choices(question)
    )


def from_options(
    *,
    role: str | None = None,
    stage: str | None = None,
    age: str | None = None,
    setting: str | None = None,
    insurance: str | None = None,
    concerns: Iterable[str] | None = None,
) -> Answers:
    """Answers from command-line flags; a bad value names the flag and the choices."""
    given: dict[str, object] = {
        "role": role,
        "stage": stage,
        "age": age,
        "setting": setting,
        "insurance": insurance,
    }
    values: dict[str, str] = {
        q: check_choice(q, v, flag(q)) for q, v in given.items() if v is not None
    }
    picked = None
    if concerns is not None:
        picked = _unique(check_choice("concerns", c, "--concern") for c in concerns) or None
    return Answers(**values, concerns=picked)


def from_mapping(data: Mapping[str, object], where: str) -> Answers:
    """Answers from a parsed answers file or profile (TOML keys as in ``to_dict``).

    ``where`` names the file in error messages.
    """
    unknown = [key for key in data if key not in OPTIONS]
    if unknown:
        raise PallnavError(
            "errors.unknown_key", where=where, key=shown(unknown[0]), keys=", ".join(QUESTIONS)
        )
    values: dict[str, object] = {}
    for question, value in data.items():
        if question in MULTIPLE:
            if not isinstance(value, list):
                raise PallnavError(
                    "errors.not_a_list", where=where, key=question, choices=choices(question)
                )
            values[question] = _unique(
                check_choice(question, item, f"{where}: {question}") for item in value
            )
        else:
            values[question] = check_choice(question, value, f"{where}: {question}")
    return Answers(**values)  # type: ignore[arg-type]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
