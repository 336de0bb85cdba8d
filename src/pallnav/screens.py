"""What the guide's navigator shows on a terminal, screen by screen, as documents.

Pure, like ``views``: the core's results and a catalogue in, blocks out. The
navigator (``commands/navigator.py``) draws them, fits them to the screen and
asks where to go next.
"""

from __future__ import annotations

from collections.abc import Sequence

from pallnav.contacts import Contacts, state_words
from pallnav.document import (
    Bullets,
    Checklist,
    Document,
    Heading,
    Inline,
    Para,
    Status,
    Strong,
    Title,
)
from pallnav.i18n import Messages
from pallnav.tailor import Guide


def overview_documents(
    guide: Guide, contacts: Contacts, messages: Messages, *, team_blank: bool = False
) -> list[Document]:
    """The first screen, at a glance, from the fullest to the shortest: the
    navigator shows the first that fits the terminal.

    Who can be reached now (in the reach order), the sections chosen for this
    person with the reasons, how many more fit everyone, and how many questions
    there are to ask. The first three name every section chosen; later ones
    show fewer contacts and sections, each saying how many more there are.
    With ``team_blank`` (no care team saved, and the answers call for one), every
    one of them first says the team's number is missing and how to add it.
    """
    separator = messages("guide.reason_separator")
    chosen = [c for c in guide.sections if c.reasons]
    with_reasons: list[Inline] = [
        (Strong(c.section.title), " " + messages("nav.because", reasons=separator.join(c.reasons)))
        for c in chosen
    ]
    titles: list[Inline] = [(Strong(c.section.title),) for c in chosen]
    for_everyone = len(guide.sections) - len(chosen)
    reach = [
        Status(c.channel.name, c.status.open, state_words(c, messages)) for c in contacts.items
    ]

    def overview(reach_shown: int, items: Sequence[Inline]) -> Document:
        doc = Document().add(Title(messages("guide.title")), Para(messages("nav.reach"), "strong"))
        if team_blank:
            doc.add(Para(messages("nav.team_missing"), "warn"))
        doc.add(*reach[:reach_shown])
        if reach_shown < len(reach):
            doc.add(Para(messages("nav.more", count=len(reach) - reach_shown), "muted"))
        doc.add(Para(messages("nav.chosen", count=len(chosen)), "strong"))
        if items:
            doc.add(Bullets(tuple(items)))
        if len(items) < len(chosen):
            doc.add(Para(messages("nav.more", count=len(chosen) - len(items)), "muted"))
        if for_everyone:
            doc.add(Para(messages("nav.for_everyone", count=for_everyone)))
        doc.add(Para(messages("nav.questions_count", count=len(guide.questions)), "strong"))
        return doc

    fewest = min(len(reach), 3)
    documents = [overview(len(reach), with_reasons), overview(len(reach), titles)]
    documents += [overview(fewest, titles[:shown]) for shown in range(len(titles), -1, -1)]
    documents += [overview(shown, ()) for shown in range(fewest - 1, 0, -1)]
    return documents


def questions_document(guide: Guide, messages: Messages) -> Document:
    """The questions to take to the care team, by topic, to tick off."""
    doc = Document().add(Title(messages("guide.questions")), Para(messages("guide.questions_hint")))
    for topic in guide.topics:
        doc.add(Heading(topic.title, 3), Checklist(tuple(q.text for q in topic.questions)))
    return doc
