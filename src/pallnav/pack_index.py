"""The index of a published pack (``index.json``): what ``pallnav content build``
writes beside the archive and ``pallnav update`` reads before downloading anything.

```json
{"format": 1, "id": "pallnav-en", "language": "en", "version": "2026.12.01",
 "reviewed": "2026-12-01", "expires": "2027-03-01",
 "archives": [{"name": "pallnav-en-2026.12.01.tar.gz", "size": 41234, "sha256": "..."}]}
```

Pure: bytes in, values out. Everything in an index comes from the network, so
every field is checked before any of it is used or shown.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, NamedTuple

from pallnav.errors import DownloadError
from pallnav.pack import ID, LANGUAGE, is_version

INDEX_FILE = "index.json"
FORMAT = 1
ARCHIVE_SUFFIX = ".tar.gz"
#: An index is a few hundred bytes; refuse anything larger than this.
MAX_INDEX_BYTES = 64 * 1024
#: The largest archive pallnav will download, whatever an index says (the
#: English pack is about 40 KB).
MAX_ARCHIVE_BYTES = 20 * 1024 * 1024

_ARCHIVE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_VERSION = re.compile(r"[A-Za-z0-9.!+_-]{1,64}")


class Archive(NamedTuple):
    """One downloadable archive of the pack: its file name beside index.json."""

    name: str
    size: int
    sha256: str


class Index(NamedTuple):
    id: str
    language: str
    version: str
    reviewed: date
    archives: tuple[Archive, ...]
    #: The last day this index may be used (a signed index always has one).
    expires: date | None = None

    @property
    def archive(self) -> Archive:
        """The archive this pallnav can read (parse_index ensures there is one)."""
        return next(a for a in self.archives if a.name.endswith(ARCHIVE_SUFFIX))


def archive_name(pack_id: str, version: str) -> str:
    return f"{pack_id}-{version}{ARCHIVE_SUFFIX}"


def index_json(index: Index) -> str:
    """The text of ``index.json`` for ``index``: stable key order, one trailing newline."""
    data = {
        "format": FORMAT,
        "id": index.id,
        "language": index.language,
        "version": index.version,
        "reviewed": index.reviewed.isoformat(),
        **({"expires": index.expires.isoformat()} if index.expires else {}),
        "archives": [{"name": a.name, "size": a.size, "sha256": a.sha256} for a in index.archives],
    }
    return json.dumps(data, indent=2) + "\n"


def parse_index(data: bytes) -> Index:
    """Read and check an ``index.json``; any problem is a DownloadError naming it.

    Keys this version does not know are ignored (a later format 1 may add some);
    a format other than 1 is refused by number, so the message can say to update
    pallnav.
    """
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad("not JSON") from None
    if not isinstance(raw, dict):
        raise _bad("not a JSON object")
    form = raw.get("format")
    if form != FORMAT or isinstance(form, bool):
        if isinstance(form, int) and not isinstance(form, bool):
            raise DownloadError("update.unknown_format", format=form)
        raise _bad('"format" must be 1')
    pack_id = _text(raw, "id", ID)
    language = _text(raw, "language", LANGUAGE)
    version = _text(raw, "version", _VERSION)
    if not is_version(version):
        raise _bad('"version" is not a PEP 440 version')
    reviewed = _date(raw, "reviewed")
    expires = _date(raw, "expires") if "expires" in raw else None
    archives = raw.get("archives")
    if not isinstance(archives, list) or not archives:
        raise _bad('"archives" must be a non-empty list')
    parsed = tuple(_archive(entry, number) for number, entry in enumerate(archives))
    if not any(a.name.endswith(ARCHIVE_SUFFIX) for a in parsed):
        raise _bad(f"no {ARCHIVE_SUFFIX} archive is listed")
    return Index(pack_id, language, version, reviewed, parsed, expires)


def _date(raw: dict[str, Any], key: str) -> date:
    text = _text(raw, key, _ISO_DATE)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _bad(f'"{key}" is not a date like 2026-12-01') from None


def _archive(entry: Any, number: int) -> Archive:
    where = f"archives[{number}]"
    if not isinstance(entry, dict):
        raise _bad(f"{where} must be an object")
    name = _text(entry, "name", _ARCHIVE_NAME, where)
    if ".." in name:
        raise _bad(f'{where}."name" must be a plain file name')
    size = entry.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise _bad(f'{where}."size" must be a positive whole number')
    sha256 = _text(entry, "sha256", _SHA256, where)
    return Archive(name, size, sha256)


def _text(table: dict[str, Any], key: str, pattern: re.Pattern[str], where: str = "") -> str:
    value = table.get(key)
    name = f'{where}."{key}"' if where else f'"{key}"'
    if not isinstance(value, str):
        raise _bad(f"{name} is missing or not text")
    if not pattern.fullmatch(value):
        raise _bad(f"{name} has a value that is not allowed")
    return value


def _bad(reason: str) -> DownloadError:
    return DownloadError("update.bad_index", reason=reason)


def is_newer(candidate: str, current: str) -> bool:
    """True when version ``candidate`` comes strictly after ``current`` (PEP 440)."""
    from packaging.version import Version

    return Version(candidate) > Version(current)
