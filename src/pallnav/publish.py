"""A content pack as it travels: one reproducible tar.gz archive, and unpacking a
downloaded one without trusting it.

The archive holds the pack's files at its root (``pack.toml``,
``sections/010-what-it-is.md``, ...), sorted, as plain files with fixed times,
owners and modes, in a gzip stream with no name or time in its header: the same
pack always builds to the same bytes (with the same zlib).

Unpacking refuses absolute paths, ``..``, links, devices, fifos and anything
else that is not a plain file or folder, and caps the number and total size of
the files, so a hostile archive can neither write outside its folder nor fill
the disk.
"""

from __future__ import annotations

import gzip
import io
import os
import tarfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO, cast

from pallnav.errors import DownloadError, PallnavError
from pallnav.pack import SECTIONS_DIR
from pallnav.safetext import shown, unsafe_characters

#: Files in an archive, and their total size once unpacked.
MAX_FILES = 1000
#: Folders an archive may nest: a pack is two levels deep (sections/x.md).
MAX_DEPTH = 2
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
#: The decompressed tar stream, headers included: a gzip bomb stops here.
MAX_TAR_BYTES = MAX_UNPACKED_BYTES + 4 * 1024 * 1024
#: 2000-01-01T00:00:00Z: a fixed time for every file in an archive.
FIXED_MTIME = 946_684_800
_CHUNK = 64 * 1024


def pack_files(directory: Path) -> list[str]:
    """The files a pack is made of, relative and sorted: its top-level ``*.toml``
    files and ``sections/*.md``. Hidden files and anything else are left out."""
    found: list[str] = []
    for pattern in ("*.toml", f"{SECTIONS_DIR}/*.md"):
        for path in directory.glob(pattern):
            if path.name.startswith("."):
                continue
            relative = path.relative_to(directory).as_posix()
            if path.is_symlink() or not path.is_file():
                raise PallnavError("build.not_a_file", path=relative)
            found.append(relative)
    return sorted(found)


def build_archive(directory: Path) -> bytes:
    """The pack in ``directory`` as the bytes of a reproducible tar.gz."""
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as stream,
        tarfile.open(fileobj=stream, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for relative in pack_files(directory):
            data = (directory / relative).read_bytes()
            info = tarfile.TarInfo(relative)
            info.size = len(data)
            info.mtime = FIXED_MTIME
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def check_unpacks(data: bytes) -> None:
    """Unpack the archive ``data`` into a throw-away folder under the same limits
    as ``pallnav update``: what ``content build`` writes, update will accept.
    A DownloadError ("update.bad_archive") says why not."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pallnav-build-") as scratch:
        archive = Path(scratch) / "pack.tar.gz"
        archive.write_bytes(data)
        unpack(archive, Path(scratch) / "pack")


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (the one place update writes pass through)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def unpack(archive: Path, target: Path) -> None:
    """Unpack a downloaded ``archive`` into the new folder ``target`` (mode 0700).

    A hostile or broken archive is a DownloadError ("update.bad_archive"); a
    failure to write (a full disk) is the OSError itself. Either way the caller
    throws ``target`` away.
    """
    target.mkdir(mode=0o700)
    files = 0
    total = 0
    try:
        with (
            gzip.open(archive, mode="rb") as stream,
            tarfile.open(fileobj=cast("IO[bytes]", _Capped(stream)), mode="r|") as tar,
        ):
            for member in tar:
                parts = safe_parts(member.name)
                files += 1  # folders count too: a pack has a handful of each
                if files > MAX_FILES:
                    raise _bad_archive(f"more than {MAX_FILES} files")
                if member.isdir():
                    _make_folders(target, parts)
                    continue
                if not member.isreg():
                    raise _bad_archive(f"{_kind(member)} {shown(member.name)}")
                total += member.size
                if total > MAX_UNPACKED_BYTES:
                    raise _bad_archive(f"more than {MAX_UNPACKED_BYTES} bytes once unpacked")
                source = tar.extractfile(member)
                assert source is not None, "a regular member has data"
                folder = _make_folders(target, parts[:-1])
                _copy(source, folder / parts[-1], member.size)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise _bad_archive(f"cannot be read ({type(error).__name__})") from None
    if files == 0:
        raise _bad_archive("it holds no files")


def safe_parts(name: str) -> tuple[str, ...]:
    """The parts of an archive member's path, or a DownloadError if it could escape."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        raise _bad_archive(f"the path {shown(name)} is not allowed")
    parts = tuple(p for p in PurePosixPath(name).parts if p != ".")
    # A pack holds *.toml files and sections/*.md: never deeper, never hidden.
    if not parts or len(parts) > MAX_DEPTH:
        raise _bad_archive(f"the path {shown(name)} is not allowed")
    for part in parts:
        if part.startswith(".") or ":" in part or unsafe_characters(part):
            raise _bad_archive(f"the path {shown(name)} is not allowed")
    return parts


def _make_folders(target: Path, parts: tuple[str, ...]) -> Path:
    folder = target
    for part in parts:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise _bad_archive(f"the path {shown(part)} is used twice")
        folder.mkdir(mode=0o700, exist_ok=True)
    return folder


class _Capped:
    """A reader that refuses to hand out more than ``limit`` bytes in all, so a
    small archive cannot inflate into gigabytes (tarfile reads a whole pax header
    into memory, whatever size it claims)."""

    def __init__(self, raw: io.BufferedIOBase, limit: int = MAX_TAR_BYTES) -> None:
        self.raw = raw
        self.left = limit

    def read(self, size: int = -1) -> bytes:
        wanted = self.left + 1 if size < 0 else min(size, self.left + 1)
        data = self.raw.read(wanted)
        self.left -= len(data)
        if self.left < 0:
            raise _bad_archive(f"more than {MAX_TAR_BYTES} bytes once unpacked")
        return data


def _copy(source: IO[bytes], destination: Path, size: int) -> None:
    """Copy exactly ``size`` bytes to a new file; never follow or overwrite anything."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(destination, flags, 0o600)
    except FileExistsError:
        raise _bad_archive(f"the file {shown(destination.name)} is listed twice") from None
    try:
        left = size
        while left > 0:
            chunk = source.read(min(_CHUNK, left))
            if not chunk:
                raise _bad_archive("it ends too soon")
            left -= len(chunk)
            write_all(fd, chunk)
        os.fsync(fd)
    finally:
        os.close(fd)


def _kind(member: tarfile.TarInfo) -> str:
    if member.issym() or member.islnk():
        return "a link"
    if member.ischr() or member.isblk():
        return "a device"
    if member.isfifo():
        return "a fifo"
    return "an unusual entry"


def _bad_archive(reason: str) -> DownloadError:
    return DownloadError("update.bad_archive", reason=reason)
