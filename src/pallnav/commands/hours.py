"""``pallnav hours``: can I reach someone now?

People run this in a hurry: it imports nothing it does not need.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from pallnav.commands.flags import Command, Flag, Json, Lang, NoPager, Plain
from pallnav.commands.own_team import with_team
from pallnav.commands.times import viewer_contacts
from pallnav.contacts import check_line, contacts_json
from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.in_use import load_reach
from pallnav.render import show
from pallnav.safetext import clean, clean_all, shown
from pallnav.views import hours_document


class Options(NamedTuple):
    """What was asked of ``pallnav hours``."""

    at: Annotated[str | None, Flag("--at", "WHEN")] = None
    tz: Annotated[str | None, Flag("--tz", "ZONE")] = None
    check: Annotated[str | None, Flag("--check", "CHANNEL", values="channels")] = None
    week: Annotated[bool, Flag("--week")] = False
    as_json: Json = False
    plain: Plain = False
    no_pager: NoPager = False
    lang: Lang = None


def run(context: Context, request: Options) -> int:
    """Each channel's state in the viewer's zone: a document, JSON, or one --check line."""
    messages = context.messages_for(request.lang)
    channels, words = load_reach(messages.language)
    channels = with_team(context, messages, channels, words)
    contacts, zone = viewer_contacts(context, channels, request.tz, request.at)

    if request.check is not None:
        chosen = contacts.find(request.check)
        if chosen is None:
            raise PallnavError(
                "errors.unknown_channel",
                value=shown(request.check),
                choices=", ".join(c.channel.id for c in contacts.items),
            )
        context.stdout.write(clean(check_line(chosen, contacts, messages)) + "\n")
        return ExitCode.OK if chosen.status.open else ExitCode.NO

    if request.as_json:
        data = contacts_json(contacts)
        import json

        context.stdout.write(json.dumps(clean_all(data), ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK

    document = hours_document(
        contacts,
        asked_at=request.at is not None,
        fallback_zone=zone.source == "fallback",
        with_week=request.week,
        messages=messages,
    )
    if request.week:  # a long chart: paged on a terminal (the usual hours loads nothing more)
        from pallnav.commands.paging import show_paged

        show_paged(context, document, plain=request.plain, no_pager=request.no_pager)
        return ExitCode.OK
    show(
        document,
        context.stdout,
        plain=context.plain(request.plain),
        width=context.width,
        environ=context.environ,
    )
    return ExitCode.OK


COMMAND = Command(
    Options,
    run,
    examples=(
        "pallnav hours",
        "pallnav hours --check chat && echo open",
        "pallnav hours --week --tz America/Chicago",
    ),
)
