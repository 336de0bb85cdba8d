"""``pallnav content ...``: tools for the people who write and publish packs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from pallnav.commands.common import messages_for, pack_choice
from pallnav.commands.flags import Command, Flag
from pallnav.context import Context
from pallnav.errors import DownloadError, ExitCode, PallnavError, os_reason
from pallnav.i18n import Messages
from pallnav.pack import Pack
from pallnav.pack_loader import check_pack
from pallnav.readability import measure, require_measure


class FolderOptions(NamedTuple):
    """``content check`` and ``content check-links``: a pack folder, else the pack in use."""

    directory: str | None = None


PACK_FOLDER = Flag("DIR", "directory", "optional-argument", "DIR", values="folder")


def check(context: Context, options: FolderOptions) -> int:
    """Check a pack: every problem with its file and line, and each section's reading level.

    Exit 0 when the pack is clean, 1 when anything needs fixing.
    """
    messages = messages_for(context, None)
    folder = _folder(context, messages, options.directory)
    pack = _checked(folder, messages, context.stdout.write)
    return ExitCode.OK if pack is not None else ExitCode.NO


class BuildOptions(NamedTuple):
    directory: str = ""
    out: str = ""


def build(context: Context, options: BuildOptions) -> int:
    """Check a pack as `content check` does, then write what a web server hosts.

    OUT_DIR gets index.json (id, language, version, reviewed date, and the
    archive's name, size and sha256) and the pack archive. Exit 0 when built,
    1 when the pack has problems (then nothing is written).
    """
    import hashlib

    from pallnav.pack_index import (
        INDEX_FILE,
        MAX_ARCHIVE_BYTES,
        Archive,
        Index,
        archive_name,
        index_json,
        parse_index,
    )
    from pallnav.publish import build_archive
    from pallnav.store import write_atomic

    directory, out = Path(options.directory), Path(options.out)
    messages = messages_for(context, None)
    write = context.stdout.write
    pack = _checked(directory, messages, write)
    if pack is None:
        context.stderr.write(messages("build.not_built") + "\n")
        return ExitCode.NO
    data = build_archive(directory)
    if len(data) > MAX_ARCHIVE_BYTES:
        raise PallnavError("build.too_big", size=len(data), limit=MAX_ARCHIVE_BYTES)
    archive = Archive(
        archive_name(pack.id, pack.version), len(data), hashlib.sha256(data).hexdigest()
    )
    index = Index(pack.id, pack.language, pack.version, pack.reviewed, (archive,))
    text = index_json(index)
    # Never publish an index that pallnav itself would refuse to read.
    try:
        readable = parse_index(text.encode("utf-8")) == index
    except DownloadError:
        readable = False
    if not readable:
        raise PallnavError("build.unpublishable", id=pack.id, version=pack.version)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PallnavError("errors.cannot_write", path=str(out), reason=os_reason(error)) from error
    # The archive first: index.json never names a file that is not there yet. Both
    # are for a web server to publish: readable by all.
    write_atomic(out / archive.name, data, mode=0o644)
    write_atomic(out / INDEX_FILE, text, mode=0o644)
    reviewed = messages.full_date(pack.reviewed)
    write(
        messages(
            "build.built",
            id=pack.id,
            version=pack.version,
            language=pack.language,
            reviewed=reviewed,
            path=out,
        )
        + "\n"
    )
    write(messages("build.index_file", name=INDEX_FILE) + "\n")
    write(
        messages(
            "build.archive_file", name=archive.name, size=archive.size, checksum=archive.sha256
        )
        + "\n"
    )
    context.stderr.write(messages("build.next") + "\n")
    return ExitCode.OK


def check_links(context: Context, options: FolderOptions) -> int:
    """Check every web address in a pack (needs the network; for maintainers).

    Reports each dead or redirected link with the files and lines that hold it.
    Exit 0 when no link is dead, 1 when any is.
    """
    from pallnav import remote
    from pallnav.links import pack_links

    messages = messages_for(context, None)
    folder = _folder(context, messages, options.directory)
    if not folder.is_dir():
        raise PallnavError("links.not_a_folder", path=str(folder))
    links = pack_links(folder)
    write = context.stdout.write
    if not links:
        write(messages("links.none", path=folder) + "\n")
        return ExitCode.OK
    write(messages("links.checking", count=len(links), path=folder) + "\n")
    settings = remote.Settings.from_environ(context.environ)
    results = remote.check_links(list(links), settings)
    counts = {"ok": 0, "redirected": 0, "dead": 0}
    for result in results:
        counts[result.state] += 1
        if result.state == "ok":
            continue
        where = ", ".join(links[result.url])
        if result.status is not None and result.state == "dead":
            why = messages("links.why_status", status=result.status)
        else:
            why = messages(f"links.why_{result.problem}") if result.problem else ""
        key = f"links.{result.state}" + ("_to" if result.target and result.state == "dead" else "")
        write(messages(key, url=result.url, target=result.target, why=why, where=where) + "\n")
    write(messages("links.summary", count=len(results), **counts) + "\n")
    return ExitCode.NO if counts["dead"] else ExitCode.OK


def _folder(context: Context, messages: Messages, directory: str | None) -> Path:
    """The folder named, else the pack in use."""
    return Path(directory) if directory else pack_choice(context, messages.language).path


def _checked(folder: Path, messages: Messages, write: Callable[[str], object]) -> Pack | None:
    """Check the pack in ``folder`` and report on it; the pack if it is clean, else None."""
    require_measure()
    write(messages("content.checking", path=folder) + "\n")
    pack, problems = check_pack(folder)
    lines = [str(p) for p in problems]
    if pack is not None:
        lines += _report_readings(pack, messages, write)
    for line in lines:
        write(line + "\n")
    if lines or pack is None:
        write(messages("content.problem_count", count=len(lines)) + "\n")
        return None
    write(
        messages(
            "content.clean",
            id=pack.id,
            version=pack.version,
            language=pack.language,
            sections=len(pack.sections),
            questions=len(pack.questions),
            channels=len(pack.channels),
        )
        + "\n"
    )
    return pack


def _report_readings(pack: Pack, messages: Messages, write: Callable[[str], object]) -> list[str]:
    """Print each section's reading measure; return a problem line for each that fails."""
    failing: list[str] = []
    for section in pack.sections:
        reading = measure(section.body, pack.language)
        if reading is None:
            note = messages(
                "content.no_measure", file=section.file, id=section.id, language=pack.language
            )
            write(note + "\n")
            continue
        verdict = messages("content.reading_ok" if reading.passes else "content.reading_bad")
        row = messages(
            "content.reading",
            file=section.file,
            id=section.id,
            reading=reading.describe(),
            verdict=verdict,
        )
        write(row + "\n")
        if not reading.passes:
            failing.append(
                messages("content.hard_to_read", file=section.file, reading=reading.describe())
            )
    return failing


CHECK = Command(
    (PACK_FOLDER,),
    FolderOptions,
    check,
    examples=("pallnav content check", "pallnav content check my-pack/"),
)
BUILD = Command(
    (
        Flag("PACK_DIR", "directory", "argument", "PACK_DIR", values="folder"),
        Flag("OUT_DIR", "out", "argument", "OUT_DIR", values="folder"),
    ),
    BuildOptions,
    build,
    examples=("pallnav content build my-pack/ public/", "pallnav content build content/es site/es"),
)
CHECK_LINKS = Command(
    (PACK_FOLDER,),
    FolderOptions,
    check_links,
    examples=("pallnav content check-links", "pallnav content check-links my-pack/"),
)
