"""Times: the viewer's zone and moment (now, or ``--at``), and each channel's state then."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

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


def parse_at(value: str, viewer: tzinfo) -> datetime:
    """ISO 8601, with or without an offset; without one it is the viewer's wall time."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise PallnavError("errors.bad_at", value=shown(value)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=viewer)
    return moment
