"""The bundled catalogues' and packs' TOML, parsed once, when the wheel is built.

Reading TOML was most of what ``pallnav hours`` did after start-up (the catalogue
and the pack, ~6 ms of ~30, and ``tomllib`` itself; bench/startup.py). So the
wheel carries, for each language, a module ``pallnav/_prepared_<lang>.py`` that the
installer byte-compiles: every TOML text of that language's catalogue and bundled
pack (each section's front matter too), keyed by its length and CRC-32, with a
function that builds what ``tomllib.loads`` makes of it (fresh objects each call,
as tomllib gives).

:func:`parsed` answers only for a file inside the installed package whose text is
exactly the one prepared; anything else (a source checkout, a changed file, a
downloaded pack, a person's own files) is parsed as ever, and every check made
after parsing is made either way. ``hatch_build.py`` calls :func:`modules`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pallnav.pack import SECTIONS_DIR, split_front_matter

_PACKAGE = Path(__file__).resolve().parent
_PACKAGE_PARTS = _PACKAGE.parts
#: What each language's module holds: (length, CRC-32) of a text -> its table.
Tables = dict[tuple[int, int], Callable[[], dict[str, Any]]]
_LOADED: dict[str, Tables] = {}


def parsed(path: Path, text: str) -> dict[str, Any] | None:
    """What ``tomllib.loads(text)`` gives, if ``text`` is the prepared text of the
    bundled file at ``path``; else None (parse it)."""
    language = _language_of(path)
    if language is None:
        return None
    if language not in _LOADED:
        _LOADED[language] = _tables(language)
    build = _LOADED[language].get(_key(text))
    return build() if build is not None else None


def _language_of(path: Path) -> str | None:
    """``en`` for ``<package>/locales/en.toml`` and ``<package>/content/en/...``."""
    # The bundled files' paths are built on the package's own (resolved) folder
    # (context.package_dir): compared as they are, with no look at the disk (start-up).
    if path.parts[: len(_PACKAGE_PARTS)] != _PACKAGE_PARTS:
        return None
    parts = path.parts[len(_PACKAGE_PARTS) :]
    if len(parts) == 2 and parts[0] == "locales":
        return parts[1].removesuffix(".toml")
    if len(parts) >= 3 and parts[0] == "content":
        return parts[1]
    return None


def _tables(language: str) -> Tables:
    import importlib

    try:
        module = importlib.import_module(f"pallnav._prepared_{language}")
    except ImportError:  # a source checkout: nothing prepared
        return {}
    tables: Tables = module.TABLES
    return tables


def _key(text: str) -> tuple[int, int]:
    return len(text), zlib.crc32(text.encode("utf-8"))


# --- at build time ---------------------------------------------------------------------


def modules(package: Path) -> dict[str, str]:
    """The source of ``_prepared_<lang>.py`` for each language under ``package``."""
    import tomllib

    texts: dict[str, list[str]] = {}
    for catalogue in sorted((package / "locales").glob("*.toml")):
        texts.setdefault(catalogue.stem, []).append(_read(catalogue))
    for pack in sorted(p for p in (package / "content").iterdir() if p.is_dir()):
        found = texts.setdefault(pack.name, [])
        found += [_read(path) for path in sorted(pack.glob("*.toml"))]
        for section in sorted((pack / SECTIONS_DIR).glob("*.md")):
            front, _ = split_front_matter(_read(section))
            if front is not None:
                found.append(front)
    sources: dict[str, str] = {}
    for language, found in texts.items():
        entries = {_key(text): tomllib.loads(text) for text in found}
        lines = [
            f'"""{language}: prepared by pallnav.prepared.modules when the wheel was built."""',
            "import datetime",
            "",
            "TABLES = {",
            *(f"    {key!r}: lambda: {table!r}," for key, table in entries.items()),
            "}",
            "",
        ]
        sources[language] = "\n".join(lines)
    return sources


def _read(path: Path) -> str:
    """A file's text as pallnav reads it (UTF-8, newlines as they are)."""
    return path.read_bytes().decode("utf-8")
