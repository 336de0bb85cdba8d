"""Choosing what fits one person: ``tailor(pack, answers) -> Guide``.

Pure. A section or question is chosen when its ``when`` matches the answers
(every named question must match one of its ids; a question not named matches
everyone). Each chosen section carries the reasons it was chosen, in the pack's
words ("the person with cancer is a child (0–12)"); questions are grouped by
topic in the pack's order, the ones written for this person's situation first,
each in the reader's own voice (the pack's wording for their role), so every
writer shows ``Question.text`` as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from pallnav.answers import Answers
from pallnav.pack import Channel, Pack, Question, Section, reach_order


class ChosenSection(NamedTuple):
    section: Section
    #: Why it was chosen, one phrase per matching answer; empty for sections
    #: everyone sees.
    reasons: tuple[str, ...]


class TopicQuestions(NamedTuple):
    topic: str
    title: str
    questions: tuple[Question, ...]


class Guide(NamedTuple):
    answers: Answers
    sections: tuple[ChosenSection, ...]
    topics: tuple[TopicQuestions, ...]
    channels: tuple[Channel, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for topic in self.topics for q in topic.questions)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source the chosen sections and the channels cite, once, in order."""
        ids = [s for chosen in self.sections for s in chosen.section.sources]
        ids += [s for channel in self.channels for s in channel.sources]
        return tuple(dict.fromkeys(ids))


def tailor(pack: Pack, answers: Answers) -> Guide:
    """The sections, questions and channels of ``pack`` that fit ``answers``."""
    choices = answers.choices()
    said = {(q, option.id): option.reason for q, f in pack.fields.items() for option in f.options}
    sections = tuple(
        ChosenSection(section, tuple(said[picked] for picked in section.when.picked(choices)))
        for section in pack.sections
        if section.when.fits(choices)
    )
    questions = _questions_by_topic(pack, answers, choices)
    return Guide(answers, sections, questions, reach_order(pack.channels))


def _questions_by_topic(
    pack: Pack, answers: Answers, choices: Mapping[str, tuple[str, ...]]
) -> tuple[TopicQuestions, ...]:
    chosen: dict[str, list[tuple[int, int, Question]]] = {topic: [] for topic, _ in pack.topics}
    for index, question in enumerate(pack.questions):
        if question.when.fits(choices):
            # Most relevant first: questions written for more of this person's
            # answers come before general ones; otherwise the pack's order.
            worded = question.in_voice(answers.role)
            chosen[question.topic].append((-question.when.specificity, index, worded))
    return tuple(
        TopicQuestions(topic, title, tuple(q for *_, q in sorted(chosen[topic])))
        for topic, title in pack.topics
        if chosen[topic]
    )
