"""``pallnav hours``: can I reach someone now?

People run this in a hurry: it imports nothing it does not need.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from pallnav.commands.flags import Command, Flag, Json, Lang, NoPager, Plain
from pallnav.commands.own_team import with_team
from pallnav.commands.times import viewer_contacts
from pallnav.contacts import Contact, Contacts, check_line, contacts_json, week_json
from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError, Phrase
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

    status: int = ExitCode.OK
    if request.check is not None:
        chosen = _checked(contacts, request.check)
        status = ExitCode.OK if chosen.status.open else ExitCode.NO
        if not request.as_json:
            context.stdout.write(clean(check_line(chosen, contacts, messages)) + "\n")
            return status
        contacts = contacts._replace(items=(chosen,))

    if request.as_json:  # with --check, only that channel; with --week, each one's week
        data = contacts_json(contacts)
        if request.week:
            for channel, days in zip(data["channels"], week_json(contacts), strict=True):
                channel["week"] = days["week"]
        import json

        context.stdout.write(json.dumps(clean_all(data), ensure_ascii=False, indent=2) + "\n")
        return status

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


def _checked(contacts: Contacts, asked: str) -> Contact:
    """The one contact ``--check`` names: by id, team kind or the start of an id;
    none, or more than one, is exit 2 naming the ids to choose from."""
    found = contacts.matching(asked)
    if len(found) == 1:
        return found[0]
    if found:
        raise PallnavError(
            "errors.ambiguous_channel",
            value=shown(asked),
            matches=", ".join(c.channel.id for c in found),
        )
    import difflib

    ids = [c.channel.id for c in contacts.items]
    close = difflib.get_close_matches(asked.strip().lower(), ids, n=1, cutoff=0.75)
    raise PallnavError(
        "errors.unknown_channel",
        value=shown(asked),
        hint=Phrase("errors.did_you_mean", {"word": close[0]}) if close else "",
        choices=", ".join(ids),
    )


COMMAND = Command(
    Options,
    run,
    examples=(
        "pallnav hours",
        "pallnav hours --check chat && echo open",
        "pallnav hours --week --tz America/Chicago",
    ),
)
