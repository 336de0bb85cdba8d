"""Times: the viewer's zone and moment (now, or ``--at``), and each channel's state then."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from pallnav.contacts import Contacts, contacts_at
from pallnav.context import Context, Zone
from pallnav.errors import PallnavError
from pallnav.pack import Channel
from pallnav.safetext import shown


def viewer_contacts(
    context: Context, channels: Sequence[Channel], tz: str | None, at: str | None
) -> tuple[Contacts, Zone]:
    """Every channel's state now (or ``--at``) in the viewer's zone."""
    zone = context.zone(tz)
    moment = parse_at(at, zone.tz) if at is not None else context.now()
    return contacts_at(channels, moment, zone.tz, zone.name), zone


#: The years ``--at`` may name: a week on either side stays inside what the
#: calendar (and every zone's rules) can hold.
AT_YEARS = (1900, 2999)


def parse_at(value: str, viewer: tzinfo) -> datetime:
    """ISO 8601, with or without an offset; without one it is the viewer's wall time.

    A wall time that does not exist (the hour skipped when clocks spring forward)
    moves forward by the gap, 2:30 AM to 3:30 AM; one that happens twice (when
    they fall back) is the first. Either way the offset shown matches the time.
    """
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise PallnavError("errors.bad_at", value=shown(value)) from None
    first, last = AT_YEARS
    if not first <= moment.year <= last:
        raise PallnavError("errors.at_range", value=shown(value), first=first, last=last)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=viewer)
    return moment.astimezone(UTC).astimezone(moment.tzinfo)
