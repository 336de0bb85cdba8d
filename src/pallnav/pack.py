"""The content model: a pack's sections, questions, channels, labels and sources.

A pack is data only (see docs/pack-format.md); ``pack_loader`` reads a pack
directory into these values, validating as it goes.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles every
# string annotation into a ForwardRef as the module loads, which cost about a
# millisecond of each start-up for this module alone (bench/startup.py).

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

from pallnav.answers import OPTIONS, Answers
from pallnav.errors import PackError
from pallnav.schedule import Hours

#: Pack, section, question, topic, channel and source ids: lower-case words and -.
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: A language code: en, es, ...
LANGUAGE = re.compile(r"[a-z]{2,3}")


def is_version(text: str) -> bool:
    """True for a PEP 440 version no longer than 64 characters (packaging decides).

    Plain dotted numbers ("2026.11.24", every pack's own) are PEP 440 as they
    stand: only other forms load packaging (start-up)."""
    if len(text) > 64 or not text.isascii() or text != text.strip():
        return False
    if all(part.isdigit() for part in text.split(".")):
        return True
    from packaging.version import InvalidVersion, Version

    try:
        Version(text)
    except InvalidVersion:
        return False
    return True


PACK_FILE = "pack.toml"
QUESTIONNAIRE_FILE = "questionnaire.toml"
CHANNELS_FILE = "channels.toml"
QUESTIONS_FILE = "questions.toml"
RECORD_FILE = "record.toml"
SECTIONS_DIR = "sections"
#: The line above and below a section's TOML front matter.
FRONT_MATTER = "+++"


def split_front_matter(text: str) -> tuple[str | None, str]:
    """A section file's TOML front matter and its Markdown body; (None, text) without one."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER:
        return None, text
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER:
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    return None, text


class When(NamedTuple):
    """Who an item is for: each named question must match one of its ids.

    ``unless``: who must never read it (the pack's ``unless`` table): an answer
    listed there leaves the item out. It never gives a reason for showing it.
    """

    rules: tuple[tuple[str, frozenset[str]], ...] = ()
    unless: tuple[tuple[str, frozenset[str]], ...] = ()

    def matches(self, answers: Answers) -> bool:
        return self.fits(answers.choices())

    def fits(self, choices: Mapping[str, tuple[str, ...]]) -> bool:
        """:meth:`matches`, given ``Answers.choices()``: tailoring asks it of every
        section and question, with one ``choices`` for them all (bench/scale.py)."""
        for question, ids in self.rules:
            if ids.isdisjoint(choices[question]):
                return False
        return all(ids.isdisjoint(choices[question]) for question, ids in self.unless)

    def matched(self, answers: Answers) -> list[tuple[str, str]]:
        """The (question, id) pairs of ``answers`` that this rule picked out."""
        return self.picked(answers.choices())

    def picked(self, choices: Mapping[str, tuple[str, ...]]) -> list[tuple[str, str]]:
        """:meth:`matched`, given ``Answers.choices()`` (tailoring: see :meth:`fits`)."""
        return [(q, a) for q, ids in self.rules for a in choices[q] if a in ids]

    @property
    def specificity(self) -> int:
        return len(self.rules)


class Source(NamedTuple):
    """A work the pack cites. ``date``: its own revision date, as text. ``checked``:
    when a person last confirmed it says what the pack cites it for."""

    id: str
    title: str
    publisher: str
    url: str | None = None
    date: str | None = None
    checked: dt.date | None = None


class Option(NamedTuple):
    id: str
    label: str
    reason: str


class Field(NamedTuple):
    """One question of the questionnaire, in the pack's words."""

    id: str
    title: str
    prompt: str
    help: str
    options: tuple[Option, ...]
    #: The help in words for each role (``[age.help_for]``): "Pick your own age."
    help_for: Mapping[str, str] = {}

    def help_text(self, role: str | None) -> str:
        """The help line for a person of ``role`` (the question asked first)."""
        return self.help_for.get(role or "", self.help)

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def label(self, option_id: str) -> str:
        return self.option(option_id).label


#: What a channel is for, in the order a person should reach for them: the
#: person's own team (saved with ``pallnav team``), 911, 988, then information lines.
TEAM_KINDS = ("hospice", "palliative", "oncology", "primary", "other")
PACK_KINDS = ("emergency", "crisis", "information")


class Channel(NamedTuple):
    """A phone line or chat a person can reach, and when.

    ``kind``: one of ``PACK_KINDS`` for a pack's channels, one of ``TEAM_KINDS``
    for the person's own team. ``source``: "pack", or "you" for a team entry.
    """

    id: str
    name: str
    how: str
    hours: Hours
    sources: tuple[str, ...]
    phone: str | None = None
    url: str | None = None
    note: str | None = None
    kind: str = "information"
    source: str = "pack"
    #: One short line shown with it on the one-page visit sheet (``sheet_note``).
    sheet_note: str | None = None


class TeamWords(NamedTuple):
    """What a pack says about the person's own care team (channels.toml ``[team]``):
    the words shown with each kind of team, and for whom the guide leaves a blank
    for the team's number when none is saved (any one of ``blank_when`` matching)."""

    words: Mapping[str, str] = {}
    blank_when: tuple[When, ...] = ()
    #: What the visit sheet's blank for the team's number is called, by who reads
    #: it (``[[team.blank_label]]``): the first whose ``when`` matches.
    blank_labels: tuple[tuple[When, str], ...] = ()

    def wants_blank(self, answers: Answers) -> bool:
        return any(when.matches(answers) for when in self.blank_when)

    def blank_label(self, answers: Answers) -> str | None:
        """The label of the blank to write the team's number on, for ``answers``."""
        return next((text for when, text in self.blank_labels if when.matches(answers)), None)


class SheetOrder(NamedTuple):
    """Which questions the one-page visit sheet takes first (questions.toml ``[sheet]``):
    by what the stage needs first, never by how specific a question is.

    ``stages``: for a stage id, question ids in order of need, taken before all
    others; ``first``: for every reader, next; ``last``: after all others (choosing
    and comparing hospices). Each id counts only where its question applies.
    """

    first: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    stages: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def leading(self, stage: str | None) -> tuple[str, ...]:
        """The ids that lead the sheet for ``stage``, stage first, each once."""
        return tuple(dict.fromkeys((*dict(self.stages).get(stage or "", ()), *self.first)))


#: The roles a question can be worded for, in the pack's ``text.<role>`` keys.
ROLES: tuple[str, ...] = OPTIONS["role"]


def reach_order(channels: Iterable[Channel]) -> tuple[Channel, ...]:
    """Channels in the order a person should reach for them: the person's own team
    (any of ``TEAM_KINDS``), then emergency (911), crisis (988), then information
    lines; within each kind, the order given (the team's own order, the pack's file).

    Every view (hours, the guide in every format, the summary) shows channels in
    this one order.
    """
    rank = {kind: 0 for kind in TEAM_KINDS} | {k: i + 1 for i, k in enumerate(PACK_KINDS)}
    return tuple(sorted(channels, key=lambda c: rank.get(c.kind, len(rank))))


class Question(NamedTuple):
    """A question to bring to the care team, in the reader's voice.

    ``text`` is the wording shown: the patient's wording, or everyone's when the
    pack gives only one. ``voices`` holds one wording per role, as (role, text)
    pairs in ``ROLES`` order, when the pack words the question for each role.
    """

    id: str
    topic: str
    text: str
    when: When
    voices: tuple[tuple[str, str], ...] = ()

    def in_voice(self, role: str | None) -> "Question":
        """This question worded for ``role``; unchanged when it has no wording for it."""
        for voice, text in self.voices:
            if voice == role:
                return self if text == self.text else self._replace(text=text)
        return self


class Section(NamedTuple):
    id: str
    title: str
    order: int
    sources: tuple[str, ...]
    when: When
    body: str
    file: str
    #: The kinds of the person's own team (``TEAM_KINDS``) whose saved numbers the
    #: section is shown with: it tells people to call them ("Call the hospice").
    team: tuple[str, ...] = ()


class PackHeader(NamedTuple):
    """A pack's pack.toml: what it is, and when a person last checked every fact."""

    id: str
    language: str
    version: str
    title: str
    reviewed: date
    publisher: str
    disclaimer: str
    #: Publisher public keys (minisign ``RW...`` lines) trusted for this pack's
    #: next versions: how a publisher moves to a new key.
    keys: tuple[str, ...] = ()


class Symptom(NamedTuple):
    """One item of the daily symptom check (``pallnav log``), in the pack's words.

    ``prompts``: the question, one wording per role, as (role, text) pairs in
    ``ROLES`` order; ``low`` and ``high``: what 0 and 10 mean for it.
    """

    id: str
    label: str
    prompts: tuple[tuple[str, str], ...]
    low: str
    high: str

    def prompt(self, role: str | None) -> str:
        """The question in ``role``'s voice (the patient's when no role is known)."""
        voices = dict(self.prompts)
        return voices.get(role or "", voices[ROLES[0]])


class RecordWords(NamedTuple):
    """A pack's record.toml: the words of the daily symptom check and its marks.

    ``items``: a Symptom for every id of ``record.ITEMS``; ``other_name``: the
    question that names the other problem, per role; ``tell_team`` and
    ``call_now``: what a marked symptom says (see ``record.Summary``).
    """

    items: Mapping[str, Symptom]
    other_name: tuple[tuple[str, str], ...]
    tell_team: str
    call_now: str
    sources: tuple[str, ...] = ()

    def label(self, item: str, other: str | None = None) -> str:
        """A symptom's short name; the other problem's own name when it has one."""
        return other or self.items[item].label

    def name_prompt(self, role: str | None) -> str:
        voices = dict(self.other_name)
        return voices.get(role or "", voices[ROLES[0]])


class Pack(NamedTuple):
    id: str
    language: str
    version: str
    title: str
    reviewed: date
    publisher: str
    disclaimer: str
    sources: Mapping[str, Source]
    fields: Mapping[str, Field]
    channels: tuple[Channel, ...]
    topics: tuple[tuple[str, str], ...]
    questions: tuple[Question, ...]
    sections: tuple[Section, ...]
    root: str = ""
    team: TeamWords = TeamWords()
    keys: tuple[str, ...] = ()
    #: The symptom check's words; None for a pack made before record.toml existed,
    #: or loaded without them (``in_use.words_of`` reads them where they are used).
    record: RecordWords | None = None
    sheet: SheetOrder = SheetOrder()

    @property
    def header(self) -> PackHeader:
        return PackHeader(
            self.id,
            self.language,
            self.version,
            self.title,
            self.reviewed,
            self.publisher,
            self.disclaimer,
            self.keys,
        )

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def section_asked(self, asked: str) -> Section | None:
        """The section a person typed: its id in any case, or the start of an id
        that no other id holds ("advanced-eight" for advanced-eight-weeks)."""
        asked = asked.strip().lower()
        found = self.section(asked)
        if found is not None or not asked:
            return found
        holding = [s for s in self.sections if asked in s.id]
        if len(holding) == 1 and holding[0].id.startswith(asked):
            return holding[0]
        return None

    def sections_like(self, asked: str, most: int = 4) -> list[str]:
        """The ids a person may have meant by ``asked``, best first: ids that hold it
        or that it is made of ("pain" for pain-help), sections whose title holds it
        ("dolor" for pain), then ids spelled nearly the same ("pian"). Empty when
        nothing is close."""
        import difflib

        words = _folded(asked)
        if not words:
            return []
        ids = [s.id for s in self.sections]
        found = [i for i in ids if words in i or i in words.split("-")]
        found += [s.id for s in self.sections if words in _folded(s.title)]
        found += difflib.get_close_matches(words, ids, n=most, cutoff=0.6)
        return list(dict.fromkeys(found))[:most]

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)


class Problem(NamedTuple):
    """One thing wrong with a pack."""

    file: str
    reason: str
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        return PackError(self.file, self.field, self.reason, line=self.line).detail


class PackInvalid(PackError):
    """A pack with one or more problems; the message names the first."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.file, first.field, first.reason, line=first.line)
        self.problems = problems


def sources_to_check(sources: Iterable[Source], today: date) -> list[Source]:
    """Sources with no ``checked`` date, or last checked more than a year before
    ``today`` (as ``review_is_stale`` counts a year), in the order given."""
    return [s for s in sources if s.checked is None or review_is_stale(s.checked, today)]


def _folded(text: str) -> str:
    """``text`` to compare as a person means it: lower case, accents off, one space."""
    import unicodedata

    bare = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).split())


def review_is_stale(reviewed: date, today: date) -> bool:
    """True when a pack was last reviewed more than a year before ``today``.

    A pack reviewed on 2025-11-24 is stale from 2026-11-25; one reviewed on
    February 29 counts its year to March 1.
    """
    if reviewed.year >= date.max.year:  # no next year to count to
        return False
    try:
        anniversary = reviewed.replace(year=reviewed.year + 1)
    except ValueError:  # February 29 and a year with no such day
        anniversary = date(reviewed.year + 1, 3, 1)
    return today > anniversary
