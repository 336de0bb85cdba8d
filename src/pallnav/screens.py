"""What the guide's navigator shows on a terminal, screen by screen, as documents.

Pure, like ``views``: the core's results and a catalogue in, blocks out. The
navigator (``commands/navigator.py``) draws them, fits them to the screen and
asks where to go next.
"""

from __future__ import annotations

from collections.abc import Sequence

from pallnav.contacts import Contact, Contacts, state_words
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

    Who can be reached now (in the reach order; the number beside each one that is
    open), the sections chosen for this person with the reasons, how many more fit
    everyone, and how many questions there are to ask. The first three name every
    section chosen; later ones show fewer contacts and sections, each saying how many
    more there are and where in the menu they are. 911 is always shown, however
    many of the person's own team come before it. With ``team_blank`` (no care team
    saved, and the answers call for one), every one of them first says the team's
    number is missing and how to add it.
    """
    separator = messages("guide.reason_separator")
    chosen = [c for c in guide.sections if c.reasons]
    with_reasons: list[Inline] = [
        (Strong(c.section.title), " " + messages("nav.because", reasons=separator.join(c.reasons)))
        for c in chosen
    ]
    titles: list[Inline] = [(Strong(c.section.title),) for c in chosen]
    for_everyone = len(guide.sections) - len(chosen)
    reach = list(contacts.items)

    def overview(reach_shown: int, items: Sequence[Inline]) -> Document:
        doc = Document().add(Title(messages("guide.title")), Para(messages("nav.reach"), "strong"))
        if team_blank:
            doc.add(Para(messages("nav.team_missing"), "warn"))
        shown = _reach_shown(reach, reach_shown)
        doc.add(*(_status(c, messages) for c in shown))
        if len(shown) < len(reach):
            left = len(reach) - len(shown)
            doc.add(Para(messages("nav.more", count=left, where=messages("nav.reach")), "muted"))
        doc.add(Para(messages("nav.chosen", count=len(chosen)), "strong"))
        if items:
            doc.add(Bullets(tuple(items)))
        if len(items) < len(chosen):
            left = len(chosen) - len(items)
            doc.add(Para(messages("nav.more", count=left, where=messages("nav.read")), "muted"))
        if for_everyone:
            doc.add(Para(messages("nav.for_everyone", count=for_everyone)))
        doc.add(Para(messages("nav.questions_count", count=len(guide.questions)), "strong"))
        return doc

    fewest = min(len(reach), 3)
    documents = [overview(len(reach), with_reasons), overview(len(reach), titles)]
    documents += [overview(fewest, titles[:shown]) for shown in range(len(titles), -1, -1)]
    documents += [overview(shown, ()) for shown in range(fewest - 1, 0, -1)]
    return documents


def _reach_shown(reach: Sequence[Contact], count: int) -> list[Contact]:
    """The first ``count`` contacts in reach order, always with the emergency line
    (911) among them: the person's own team first, then 911 in place of the rest."""
    emergency = [i for i, c in enumerate(reach) if c.channel.kind == "emergency"]
    others = [i for i, c in enumerate(reach) if c.channel.kind != "emergency"]
    kept = {*others[: max(count - len(emergency), 1)], *emergency}
    return [c for i, c in enumerate(reach) if i in kept]


def _status(contact: Contact, messages: Messages) -> Status:
    """ "● Hospice nurse line  Open now, call (555) 123-4567": the number beside it."""
    phone = contact.channel.phone
    if contact.status.open and phone:
        state = messages("nav.open_call", phone=phone)
    else:
        state = state_words(contact, messages)
    return Status(contact.channel.name, contact.status.open, state)


def questions_document(guide: Guide, messages: Messages) -> Document:
    """The questions to take to the care team, by topic, to tick off."""
    doc = Document().add(Title(messages("guide.questions")), Para(messages("guide.questions_hint")))
    for topic in guide.topics:
        doc.add(Heading(topic.title, 3), Checklist(tuple(q.text for q in topic.questions)))
    return doc
