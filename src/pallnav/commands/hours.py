"""``pallnav hours``: can I reach someone now?"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from pallnav.commands.common import (
    LangOption,
    PlainOption,
    get_context,
    load_channels,
    messages_for,
    parse_at,
)
from pallnav.contacts import check_line, contacts_at, contacts_json
from pallnav.errors import ExitCode, PallnavError
from pallnav.render import show
from pallnav.safetext import shown
from pallnav.views import hours_document


def hours(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="Ask about another time: ISO 8601, like 2026-11-27T18:30 "
            "(read in your zone) or 2026-11-27T18:30-05:00.",
        ),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            metavar="ZONE",
            help="Your time zone, an IANA name like America/New_York. "
            "Default: PALLNAV_TZ, then config, then the system's.",
        ),
    ] = None,
    check: Annotated[
        str | None,
        typer.Option(
            "--check",
            metavar="CHANNEL",
            help="Print one line about one channel (helpline, chat); exit 0 if open, 1 if closed.",
        ),
    ] = None,
    week: Annotated[
        bool, typer.Option("--week", help="Show each channel's hours for the next 7 days.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (see the README).")] = False,
    plain: PlainOption = False,
    lang: LangOption = None,
) -> int:
    """Can I reach someone now? Each helpline and chat, open or closed, in your time."""
    context = get_context(ctx)
    messages = messages_for(context, lang)
    zone = context.zone(tz)
    moment = parse_at(at, zone.tz) if at is not None else context.now()
    channels = load_channels(context, messages.language)
    contacts = contacts_at(channels, moment, zone.tz, zone.name)

    if check is not None:
        chosen = contacts.find(check)
        if chosen is None:
            raise PallnavError(
                "errors.unknown_channel",
                value=shown(check),
                choices=", ".join(c.channel.id for c in contacts.items),
            )
        context.stdout.write(check_line(chosen, contacts, messages) + "\n")
        return ExitCode.OK if chosen.status.open else ExitCode.NO

    if as_json:
        context.stdout.write(
            json.dumps(contacts_json(contacts), ensure_ascii=False, indent=2) + "\n"
        )
        return ExitCode.OK

    document = hours_document(
        contacts,
        asked_at=at is not None,
        fallback_zone=zone.source == "fallback",
        week=week,
        messages=messages,
    )
    show(
        document,
        context.stdout,
        plain=context.plain(plain),
        width=context.width,
        environ=context.environ,
    )
    return ExitCode.OK
