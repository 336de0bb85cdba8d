"""Which content pack is in use for a language: the built-in one or an updated one.

The one home of that question: where the built-in packs are, where an updated
pack is (the ``current`` pointer under the data folder, see ``installed``), the
mark that says which built-in pack an update was chosen over, and the rule that
picks between them. Cheap to import: ``pallnav hours`` goes through here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from pallnav import store
from pallnav.pack import RECORD_FILE, Channel, Pack, PackInvalid, Problem, RecordWords, TeamWords
from pallnav.pack_loader import load_pack
from pallnav.pack_loader import load_reach as load_pack_reach

#: The built-in packs, one folder per language, inside the installed package.
BUNDLED = Path(__file__).resolve().parent / "content"
#: In each installed version: the built-in pack's version when it was installed.
BUNDLED_MARK = ".bundled-version"
#: In each installed version signed by a trusted key: that key (its ``RW...`` line).
#: The keys such a pack lists are trusted for its next versions.
SIGNED_MARK = ".signed-by"
#: The pointer naming the updated pack in use, in ``packs/<lang>/``.
CURRENT = "current"


def bundled_content_dir(language: str) -> Path:
    return BUNDLED / language


def packs_dir() -> Path:
    """Where updated packs are kept: ``packs/<lang>/`` in the data folder."""
    return store.data_dir() / "packs"


#: What a pointer file (``current``, ``previous``) may name: one installed version.
_POINTER = re.compile(r"versions/[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")


def read_pointer(path: Path) -> str | None:
    """The version folder a pointer names (``versions/<name>``), or None.

    A pointer is a small text file replaced atomically (``os.replace`` works the
    same on Windows, where making a symlink needs Developer Mode). A symlink left by
    an older pallnav is read as a pointer too. Anything else is no pointer.
    """
    try:
        if path.is_symlink():
            target = str(path.readlink())
        else:
            with path.open("rb") as file:
                target = file.read(256).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return target if _POINTER.fullmatch(target) else None


def updated_pack_dir(language: str) -> Path | None:
    """The folder of the updated pack in use for ``language``, if one is installed."""
    folder = packs_dir() / language
    target = read_pointer(folder / CURRENT)
    # A whole folder name, read once: a switch during this run cannot mix two packs.
    if target is None or not (folder / target / "pack.toml").is_file():
        return None
    return (folder / target).resolve()


_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"]+)"', re.MULTILINE)


def pack_version(directory: Path) -> str | None:
    """The ``version = "..."`` line of a pack's pack.toml, read without parsing TOML."""
    try:
        found = _VERSION_LINE.search((directory / "pack.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return found.group(1) if found else None


def mark_bundled(unpacked: Path, language: str) -> None:
    """Note in a freshly unpacked update which built-in pack it is chosen over: a
    later pallnav release with newer built-in content then wins (:func:`pack_choice`)."""
    bundled = pack_version(bundled_content_dir(language)) or ""
    store.write_private(unpacked / BUNDLED_MARK, bundled)


class PackChoice(NamedTuple):
    """Which pack is in use for a language: its folder, and "bundled" or "updated"."""

    path: Path
    origin: str


def pack_choice(language: str) -> PackChoice:
    """The updated pack if one is installed, else the built-in one; but when pallnav
    itself was upgraded since the download and now brings newer built-in content, that."""
    bundled = bundled_content_dir(language)
    updated = updated_pack_dir(language)
    if updated is None:
        return PackChoice(bundled, "bundled")
    try:
        chosen_over = (updated / BUNDLED_MARK).read_text(encoding="utf-8")
    except OSError:
        chosen_over = None
    now, theirs = pack_version(bundled), pack_version(updated)
    if chosen_over and now and theirs and now != chosen_over:
        from pallnav.pack_index import is_newer

        if is_newer(now, theirs):
            return PackChoice(bundled, "bundled")
    return PackChoice(updated, "updated")


def load_content(language: str) -> tuple[Pack, PackChoice]:
    """The pack in use for ``language``, fully loaded and validated, but for its
    record.toml: the symptom check's words are read where they are used
    (:func:`words_of`), so nothing of the record loads for show, topics or the
    guide on screen (start-up). ``pallnav content check`` checks record.toml."""
    choice = pack_choice(language)
    return load_pack(choice.path, record=False), choice


def load_reach(language: str) -> tuple[tuple[Channel, ...], TeamWords]:
    """The pack's channels and its words for the person's own team: what ``hours`` needs."""
    _, channels, words = load_pack_reach(pack_choice(language).path)
    return channels, words


def record_words(language: str) -> RecordWords:
    """The symptom check's words for ``language``: the pack in use's record.toml,
    or the built-in pack's when an updated pack was made before it existed."""
    return _words_in(pack_choice(language).path, language)


def words_of(pack: Pack) -> RecordWords:
    """The symptom check's words of a loaded pack: its own record.toml (read now
    when it was loaded without it), else the built-in pack's in its language."""
    if pack.record is not None:
        return pack.record
    return _words_in(Path(pack.root) if pack.root else None, pack.language)


def _words_in(folder: Path | None, language: str) -> RecordWords:
    """The record.toml in the pack ``folder``, else the built-in pack's for ``language``."""
    from pallnav.pack_record import load_record_words

    bundled = bundled_content_dir(language)
    words = load_record_words(folder) if folder is not None else None
    if words is None and folder != bundled:
        words = load_record_words(bundled)
    if words is None:
        raise PackInvalid([Problem(str((folder or bundled) / RECORD_FILE), "missing file")])
    return words
