"""The person's own care team, read from ``team.toml`` and put first among the channels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pallnav import store
from pallnav.context import Context
from pallnav.i18n import Messages
from pallnav.pack import Channel, TeamWords

if TYPE_CHECKING:
    from pallnav.team import Member


def read_team(context: Context, messages: Messages) -> tuple[Member, ...]:
    """The saved care team; a damaged team.toml is moved aside with one warning.
    Without the file, nothing more than a look at the folder (start-up)."""
    if not store.team_path().exists():
        return ()
    found = store.read_team(now=context.now())
    if found.problem is not None:
        problem = messages.explain(found.problem)
        if found.moved_to is not None:
            context.say(messages("team.broken", problem=problem, path=found.moved_to))
        else:
            context.say(messages("team.broken_kept", problem=problem, path=store.team_path()))
    return found.members


def with_team(
    context: Context, messages: Messages, channels: Sequence[Channel], words: TeamWords
) -> tuple[Channel, ...]:
    """The person's own team, as channels (source "you") with the pack's words for
    each kind, then ``channels``: every view puts them first (``pack.reach_order``)."""
    team = tuple(
        member.channel(messages("team.how", phone=member.phone), words.words.get(member.kind))
        for member in read_team(context, messages)
    )
    return (*team, *channels)
