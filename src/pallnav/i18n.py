"""Everything pallnav itself says, in the reader's language.

Messages live in one catalogue per language (``locales/<lang>.toml``), kept
apart from the content packs: a pack is reviewed health information that an
update may replace, while messages change with the program that uses them. A
third language is a new catalogue and a new pack, with no change to code.

Also here: times, dates and durations written the way each language writes
them ("Monday, November 30, 8:00 AM"; "lunes, 30 de noviembre, 8:00 a. m.").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date as calendar_date
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from pallnav import prepared
from pallnav.errors import PallnavError, Phrase

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class Messages(NamedTuple):
    """One language's catalogue: ``messages("hours.open_now")``."""

    language: str
    table: Mapping[str, str]
    lists: Mapping[str, tuple[str, ...]]

    def __call__(self, key: str, /, **values: object) -> str:
        template = self.table.get(key)
        if template is None:
            # A missing message must never hide what happened: show the key.
            return key + "".join(f" {name}={value}" for name, value in values.items())
        return fill(template, values)

    def explain(self, error: PallnavError) -> str:
        """The one line that tells the reader what went wrong, in their language."""
        values = {
            name: self(value.key, **value.values) if isinstance(value, Phrase) else value
            for name, value in error.values.items()
        }
        return self(error.key, **values)

    def weekday(self, moment: datetime) -> str:
        return self.lists["format.weekdays"][moment.weekday()]

    def month(self, moment: calendar_date) -> str:
        return self.lists["format.months"][moment.month - 1]

    def time(self, moment: datetime) -> str:
        """``8:00 AM`` / ``8:00 a. m.`` (12-hour clock, the US and Latin American habit)."""
        hour = moment.hour % 12 or 12
        half = self("format.am") if moment.hour < 12 else self("format.pm")
        return self("format.time", hour=hour, minute=f"{moment.minute:02d}", half=half)

    def date(self, moment: datetime) -> str:
        """``Monday, November 30`` / ``lunes, 30 de noviembre``."""
        return self(
            "format.date",
            weekday=self.weekday(moment),
            month=self.month(moment),
            day=moment.day,
            year=moment.year,
        )

    def full_date(self, day: calendar_date) -> str:
        """``November 24, 2026`` / ``24 de noviembre de 2026``."""
        return self("format.full_date", month=self.month(day), day=day.day, year=day.year)

    def day_and_time(self, moment: datetime, reference: datetime | None = None) -> str:
        """``today at 4:30 PM``, ``tomorrow at 8:00 AM`` or ``Monday, November 30, 8:00 AM``
        (``hoy a las 4:30 p. m.``, ``el lunes, 30 de noviembre, a las 8:00 a. m.``)."""
        key = "format.on_date_at"
        if reference is not None:
            days = (moment.date() - reference.astimezone(moment.tzinfo).date()).days
            key = {0: "format.today_at", 1: "format.tomorrow_at"}.get(days, key)
        if moment.hour % 12 == 1:
            # Spanish says "a la 1:00" but "a las 2:00".
            key += "_one"
        return self(key, date=self.date(moment), time=self.time(moment))

    def duration(self, delta: timedelta, days: int | None = None) -> str:
        """``2 h 5 min`` (rounded up to the minute, so "closes in 0 min" never shows);
        a day or more is said in whole days: ``2 days``, not ``1 d 23 h`` (the day and
        time it happens are said beside it). ``days``: the calendar days it is away,
        as the reader's clock counts them (Saturday night to Monday is 2), else the
        nearest whole number of days."""
        minutes = max(0, -(-int(delta.total_seconds()) // 60))
        if minutes >= _DAY:
            days = days if days is not None else (minutes + _DAY // 2) // _DAY
            return self("format.day" if days == 1 else "format.days", n=days)
        hours, minutes = divmod(minutes, 60)
        parts: list[str] = []
        if hours:
            parts.append(self("format.hours", n=hours))
        if minutes or not parts:
            parts.append(self("format.minutes", n=minutes))
        return " ".join(parts)


#: Minutes in a day.
_DAY = 24 * 60


def sentence(text: str) -> str:
    """``text`` with its first letter in capitals, as a line or sentence begins."""
    return text[:1].upper() + text[1:]


def fill(template: str, values: Mapping[str, object]) -> str:
    """Put ``values`` into ``{name}`` placeholders; unknown ones stay as written.

    Deliberately not ``str.format``: no attribute access, no format specs.
    """
    return _PLACEHOLDER.sub(
        lambda match: str(values[match.group(1)]) if match.group(1) in values else match.group(0),
        template,
    )


def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))


def load_messages(path: Path, language: str) -> Messages:
    """Read one catalogue; tables become dotted keys (``[hours] open_now`` → ``hours.open_now``)."""
    text = path.read_bytes().decode("utf-8")
    data = prepared.parsed(path, text)
    if data is None:
        import tomllib

        data = tomllib.loads(text)
    table: dict[str, str] = {}
    lists: dict[str, tuple[str, ...]] = {}
    _flatten(data, "", table, lists)
    return Messages(language, table, lists)


def _flatten(
    data: Mapping[str, Any], prefix: str, table: dict[str, str], lists: dict[str, tuple[str, ...]]
) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, f"{name}.", table, lists)
        elif isinstance(value, list):
            lists[name] = tuple(str(item) for item in value)
        else:
            table[name] = str(value)
