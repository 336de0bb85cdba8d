"""Updated content packs on disk, and switching between them atomically.

In the user data dir, for each language::

    packs/<lang>/
      versions/<version>-<sha12>/   one folder per installed pack, never changed once there
      current                       names the pack in use: "versions/<name>" (a pointer)
      previous                      names the one before, for `pallnav update --rollback`;
                                    absent when the one before was the built-in pack
      index-meta.json               ETag / Last-Modified of the last index.json seen
      .staging-*/                   a download in progress, removed on success or failure
      .lock                         held while an update or rollback runs

A pointer is a small text file, not a symlink: stock Windows refuses symlinks
without Developer Mode, while ``os.replace`` of a file is atomic everywhere. A
switch is one ``os.replace`` of a pointer written in full beforehand, so a reader
sees the old pack or the new one, never a mix; anything that fails before it
leaves ``current`` as it was. Symlinks left by an older pallnav still read.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pallnav import store
from pallnav.errors import DownloadError
from pallnav.in_use import CURRENT, packs_dir, read_pointer
from pallnav.publish import write_all
from pallnav.store import fsync_folder

PREVIOUS = "previous"
VERSIONS = "versions"
META_FILE = "index-meta.json"
LOCK_FILE = ".lock"
STAGING_PREFIX = ".staging-"


def language_dir(language: str) -> Path:
    return packs_dir() / language


# --- one update at a time -------------------------------------------------------------


@contextlib.contextmanager
def locked(language: str) -> Iterator[Path]:
    """Hold the language's lock (another update or rollback is refused), and clear
    what an interrupted update left behind. Yields the language folder."""
    folder = store.ensure_private_dir(language_dir(language))
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows: no advisory locks here; go on without
            pass
        except OSError:
            raise DownloadError("update.locked") from None
        for leftover in folder.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for link in (*folder.glob(f".{CURRENT}-*"), *folder.glob(f".{PREVIOUS}-*")):
            _unlink(link)  # a switch interrupted before its one os.replace
        yield folder
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def staging(folder: Path) -> Iterator[Path]:
    """A private temporary folder beside the installed packs, always removed after."""
    path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


class DownloadFile:
    """The archive being downloaded, as a new private file: ``write`` each chunk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)

    def write(self, data: bytes) -> None:
        write_all(self._fd, data)

    def close(self) -> None:
        """Flush to disk and close; a failure here (a full disk) is an OSError."""
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def __enter__(self) -> DownloadFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --- installing and going back -------------------------------------------------------


def install(folder: Path, unpacked: Path, version: str, sha256: str) -> Path:
    """Move the checked pack in ``unpacked`` into ``versions/`` and make it current;
    the pack that was current becomes ``previous``. Returns its new folder.

    Everything that can fail (the move, making the new links) happens before the
    one ``os.replace`` that switches; a failure before it undoes what was done.
    """
    versions = store.ensure_private_dir(folder / VERSIONS)
    name = f"{version}-{sha256[:12]}"
    target = versions / name
    while target.exists():  # the same archive again (--force): a fresh folder
        target = versions / f"{name}-{secrets.token_hex(3)}"
    old = _target(folder / CURRENT)
    new_current = new_previous = None
    try:
        unpacked.rename(target)
        fsync_folder(versions)
        new_current = _new_link(folder, CURRENT, f"{VERSIONS}/{target.name}")
        new_previous = _new_link(folder, PREVIOUS, old) if old is not None else None
        new_current.replace(folder / CURRENT)  # the switch
    except BaseException:
        for link in (new_current, new_previous):
            if link is not None:
                _unlink(link)
        shutil.rmtree(target, ignore_errors=True)
        raise
    _settle(folder, new_previous)
    prune(folder)
    return target


def rollback(folder: Path) -> str | None:
    """Swap ``current`` and ``previous`` (absent ``current``: the built-in pack is in
    use). Return the new current target, None for the built-in pack. A
    DownloadError if neither is there: nothing to go back to."""
    current = _target(folder / CURRENT)
    previous = _target(folder / PREVIOUS)
    if current is None and previous is None:
        raise DownloadError("update.no_previous")
    new_previous = _new_link(folder, PREVIOUS, current) if current is not None else None
    try:
        if previous is not None:
            _new_link(folder, CURRENT, previous).replace(folder / CURRENT)
        else:  # the one before was the built-in pack: stop using an update
            (folder / CURRENT).unlink()
    except BaseException:
        if new_previous is not None:
            _unlink(new_previous)
        raise
    _settle(folder, new_previous)
    return previous


def _settle(folder: Path, new_previous: Path | None) -> None:
    """After a switch: make ``previous`` the pack that was current. Best effort:
    the switch has happened, and a stale ``previous`` only changes --rollback."""
    with contextlib.suppress(OSError):
        if new_previous is not None:
            new_previous.replace(folder / PREVIOUS)
        else:
            _unlink(folder / PREVIOUS)
        fsync_folder(folder)


def previous_dir(folder: Path) -> Path | None:
    """The folder ``previous`` names, if any (None: the built-in pack came before)."""
    target = _target(folder / PREVIOUS)
    return folder / target if target is not None else None


def prune(folder: Path) -> None:
    """Remove installed versions that neither ``current`` nor ``previous`` names."""
    keep = {_target(folder / CURRENT), _target(folder / PREVIOUS)}
    versions = folder / VERSIONS
    if not versions.is_dir():
        return
    for path in versions.iterdir():
        if f"{VERSIONS}/{path.name}" not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _target(pointer: Path) -> str | None:
    return read_pointer(pointer)


def _new_link(folder: Path, name: str, target: str) -> Path:
    """A new pointer to ``target`` under a temporary name, written and synced, ready
    to replace ``name`` in one ``os.replace``."""
    temporary = folder / f".{name}-{secrets.token_hex(4)}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        write_all(fd, f"{target}\n".encode("ascii"))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink(temporary)
        raise
    os.close(fd)
    return temporary


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


# --- conditional requests -------------------------------------------------------------


class IndexMeta(NamedTuple):
    """What the last index.json said, to ask next time "has it changed?". Valid
    only for the same address and while the same pack version is in use."""

    url: str
    etag: str | None
    last_modified: str | None
    in_use: str


def read_meta(folder: Path) -> IndexMeta | None:
    """The saved validators, or None (a missing or broken file is simply ignored)."""
    try:
        data = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        meta = IndexMeta(
            url=data["url"],
            etag=data.get("etag"),
            last_modified=data.get("last_modified"),
            in_use=data["in_use"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    fields = (meta.url, meta.etag, meta.last_modified, meta.in_use)
    if not all(value is None or isinstance(value, str) for value in fields):
        return None
    return meta


def write_meta(folder: Path, meta: IndexMeta) -> None:
    store.write_private(folder / META_FILE, json.dumps(meta._asdict(), indent=2) + "\n")


def forget_meta(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / META_FILE).unlink()
