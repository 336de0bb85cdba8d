"""``pallnav content ...``: tools for the people who write and publish packs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

from pallnav.commands.flags import Command, Flag, Force
from pallnav.context import Context
from pallnav.errors import DownloadError, ExitCode, PallnavError, Phrase, WriteError, os_reason
from pallnav.i18n import Messages
from pallnav.in_use import pack_choice
from pallnav.pack import Pack, sources_to_check
from pallnav.pack_loader import check_pack
from pallnav.readability import measure, require_measure
from pallnav.safetext import clean, shown
from pallnav.signing import SIGNATURE_SUFFIX

if TYPE_CHECKING:
    from pallnav.signing import PublicKey

#: How long a signed index may be used, unless --expires says otherwise: the
#: publisher builds and signs again before then.
EXPIRES_DAYS = 90
#: Where a script gives the password of a secret key.
PASSWORD_VARIABLE = "PALLNAV_KEY_PASSWORD"  # noqa: S105 - a name, not a password


class FolderOptions(NamedTuple):
    """``content check`` and ``content check-links``: a pack folder, else the pack in use."""

    directory: Annotated[str | None, Flag("DIR", "DIR", values="folder")] = None


#: The password of a secret key, from the first line of a file.
PasswordFile = Annotated[Path | None, Flag("--password-file", "FILE", values="file")]


def check(context: Context, options: FolderOptions) -> int:
    """Check a pack: every problem with its file and line, and each section's reading level.

    Exit 0 when the pack is clean, 1 when anything needs fixing.
    """
    messages = context.messages_for(None)
    folder = _folder(context, messages, options.directory)
    pack = _checked(folder, messages, _writer(context), context.now().date())
    return ExitCode.OK if pack is not None else ExitCode.NO


class BuildOptions(NamedTuple):
    directory: Annotated[str, Flag("PACK_DIR", "PACK_DIR", values="folder")] = ""
    out: Annotated[str, Flag("OUT_DIR", "OUT_DIR", values="folder")] = ""
    sign: Annotated[Path | None, Flag("--sign", "SECRET_KEY", values="file")] = None
    expires: Annotated[str | None, Flag("--expires", "DATE")] = None
    password_file: PasswordFile = None


def build(context: Context, options: BuildOptions) -> int:
    """Check a pack as `content check` does, then write what a web server hosts.

    OUT_DIR gets index.json (id, language, version, reviewed date, and the
    archive's name, size and sha256) and the pack archive; with --sign, also
    index.json.minisig. Exit 0 when built, 1 when the pack has problems (then
    nothing is written).
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
    from pallnav.publish import build_archive, check_unpacks
    from pallnav.store import write_atomic

    directory, out = Path(options.directory), Path(options.out)
    messages = context.messages_for(None)
    write = _writer(context)
    # The flags first: a mistake in them must not wait for the whole check.
    # (--expires without --sign is for a publisher who signs with the minisign tool.)
    sign = options.sign
    until = _expires(context, options.expires, signed=sign is not None)
    pack = _checked(directory, messages, write, context.now().date())
    if pack is None:
        context.stderr.write(messages("build.not_built") + "\n")
        return ExitCode.NO
    data = build_archive(directory)
    if len(data) > MAX_ARCHIVE_BYTES:
        raise PallnavError("build.too_big", size=len(data), limit=MAX_ARCHIVE_BYTES)
    try:
        check_unpacks(data)  # the same limits as update: never publish what it refuses
    except DownloadError as error:
        raise PallnavError(
            "build.would_be_refused", exit_code=ExitCode.NO, **error.values
        ) from None
    archive = Archive(
        archive_name(pack.id, pack.version), len(data), hashlib.sha256(data).hexdigest()
    )
    index = Index(pack.id, pack.language, pack.version, pack.reviewed, (archive,), until)
    text = index_json(index)
    # Never publish an index that pallnav itself would refuse to read.
    try:
        readable = parse_index(text.encode("utf-8")) == index
    except DownloadError:
        readable = False
    if not readable:
        raise PallnavError("build.unpublishable", id=pack.id, version=pack.version)
    # Sign before writing anything: a wrong password leaves OUT_DIR as it was.
    signed = _sign(context, sign, options.password_file, text) if sign is not None else None
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError("errors.cannot_write", path=str(out), reason=os_reason(error)) from error
    # The archive first: index.json never names a file that is not there yet. Both
    # are for a web server to publish: readable by all.
    write_atomic(out / archive.name, data, mode=0o644)
    signature_path = out / (INDEX_FILE + SIGNATURE_SUFFIX)
    if signed is not None:
        write_atomic(signature_path, signed[0], mode=0o644)
    else:  # an old signature would not match the new index.json
        _remove(signature_path)
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
    if signed is not None and until is not None:
        line = messages(
            "build.signature_file",
            name=signature_path.name,
            key=signed[1].id,
            expires=messages.full_date(until),
        )
        write(line + "\n")
    write(
        messages(
            "build.archive_file", name=archive.name, size=archive.size, checksum=archive.sha256
        )
        + "\n"
    )
    if signed is not None:
        context.stderr.write(messages("build.next_signed", key=signed[1].text) + "\n")
    else:
        context.stderr.write(messages("build.next") + "\n")
    return ExitCode.OK


def _expires(context: Context, value: str | None, *, signed: bool) -> date | None:
    """The index's last day: --expires, else (signed) EXPIRES_DAYS from today."""
    today = context.now().astimezone(UTC).date()
    if value is None:
        return today + timedelta(days=EXPIRES_DAYS) if signed else None
    try:
        until = date.fromisoformat(value.strip())
    except ValueError:
        until = None
    if until is None or len(value.strip()) != len("2026-12-01") or until <= today:
        raise PallnavError("build.bad_expires", value=shown(value), today=today.isoformat())
    return until


def _sign(
    context: Context, key_path: Path, password_file: Path | None, text: str
) -> tuple[str, PublicKey]:
    """The signature file's text for index.json, and the public key that checks it."""
    from pallnav import signing

    secret = _read_file(key_path)
    where = str(key_path)
    password = None
    if signing.needs_password(secret, where):
        prompts: list[tuple[str, dict[str, object]]] = [("sign.password_prompt", {"path": where})]
        password = _password(context, password_file, prompts, "sign.needs_password", path=where)
    comment = f"timestamp:{int(context.now().timestamp())}\tfile:index.json\thashed"
    return signing.sign(secret, password, text.encode("utf-8"), comment, where)


#: A secret key file is two short lines; a password file one.
MAX_KEY_FILE = 64 * 1024


def _read_file(path: Path) -> bytes:
    """A small regular file (a secret key, a password): never a FIFO or a device."""
    from pallnav import bounded

    reason: Phrase | str
    try:
        return bounded.read_regular(path, MAX_KEY_FILE)
    except IsADirectoryError:
        reason = Phrase("reasons.is_folder")
    except bounded.NotRegular:
        reason = Phrase("reasons.not_regular")
    except bounded.TooBig as error:
        reason = Phrase(error.key, error.values)
    except OSError as error:
        reason = os_reason(error)
    raise PallnavError("errors.bad_file", path=str(path), reason=reason)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        raise WriteError("errors.cannot_write", path=str(path), reason=os_reason(error)) from error


def _password(
    context: Context,
    password_file: Path | None,
    prompts: list[tuple[str, dict[str, object]]],
    missing: str,
    **values: object,
) -> str:
    """A password: from --password-file, PALLNAV_KEY_PASSWORD, or asked on a
    terminal (each prompt in turn; all the answers must be the same)."""
    if password_file is not None:
        lines = _read_file(password_file).decode("utf-8", "replace").splitlines()
        password = lines[0] if lines else ""
    elif PASSWORD_VARIABLE in context.environ:
        password = context.environ[PASSWORD_VARIABLE]
    elif context.can_ask:
        messages = context.messages_for(None)
        answers = [_ask_password(context, messages(key, **given)) for key, given in prompts]
        if any(answer != answers[0] for answer in answers):
            raise PallnavError("sign.passwords_differ")
        password = answers[0]
    else:
        raise PallnavError(missing, exit_code=None, **values)
    if not password:
        raise PallnavError("sign.empty_password")
    return password


def _ask_password(context: Context, prompt: str) -> str:
    """One answer typed on the terminal, not shown as it is typed."""
    import getpass
    import sys

    try:
        if context.stdin is sys.stdin:
            return getpass.getpass(prompt, stream=context.stderr)
        context.stderr.write(prompt)
        context.stderr.flush()
        line = context.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")
    except EOFError:
        raise KeyboardInterrupt from None


class KeygenOptions(NamedTuple):
    basename: Annotated[str, Flag("KEY_BASENAME", "KEY_BASENAME", values="file")] = ""
    no_password: Annotated[bool, Flag("--no-password")] = False
    password_file: PasswordFile = None
    force: Force = False


def keygen(context: Context, options: KeygenOptions) -> int:
    """Make a new key pair for signing packs (minisign's format, Ed25519).

    The secret key (KEY_BASENAME.key, mode 0600) is protected by a password,
    asked on the terminal or read from --password-file or PALLNAV_KEY_PASSWORD.
    Give the public key (printed, and in KEY_BASENAME.pub) to the people who
    update from you.
    """
    from pallnav import signing
    from pallnav.store import write_atomic

    messages = context.messages_for(None)
    basename = Path(options.basename)
    secret_path = basename.parent / (basename.name + signing.SECRET_SUFFIX)
    public_path = basename.parent / (basename.name + signing.PUBLIC_SUFFIX)
    for path in (secret_path, public_path):
        if path.exists() and not options.force:
            raise PallnavError("errors.file_exists", path=str(path))
    password = None
    if not options.no_password:
        prompts: list[tuple[str, dict[str, object]]] = [
            ("sign.new_password_prompt", {}),
            ("sign.again_prompt", {}),
        ]
        password = _password(context, options.password_file, prompts, "sign.keygen_needs_password")
    pair = signing.generate(password)
    force = options.force
    write_atomic(secret_path, pair.secret_file, mode=0o600, overwrite=force)
    write_atomic(public_path, signing.public_key_file(pair.public), mode=0o644, overwrite=force)
    say = _writer(context)
    say(messages("sign.made", id=pair.public.id, secret=secret_path, public=public_path) + "\n")
    say(pair.public.text + "\n")
    context.stderr.write(messages("sign.next", key=pair.public.text) + "\n")
    return ExitCode.OK


def check_links(context: Context, options: FolderOptions) -> int:
    """Check every web address in a pack (needs the network; for maintainers).

    Reports each dead or redirected link with the files and lines that hold it.
    Exit 0 when no link is dead, 1 when any is.
    """
    from pallnav import remote
    from pallnav.link_check import check_links
    from pallnav.links import pack_links

    messages = context.messages_for(None)
    folder = _folder(context, messages, options.directory)
    if not folder.is_dir():
        raise PallnavError("links.not_a_folder", path=str(folder))
    links = pack_links(folder)
    write = _writer(context)
    if not links:
        write(messages("links.none", path=folder) + "\n")
        return ExitCode.OK
    write(messages("links.checking", count=len(links), path=folder) + "\n")
    settings = remote.Settings.from_environ(context.environ)
    results = check_links(list(links), settings)
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
    return Path(directory) if directory else pack_choice(messages.language).path


def _checked(
    folder: Path, messages: Messages, write: Callable[[str], object], today: date
) -> Pack | None:
    """Check the pack in ``folder`` and report on it; the pack if it is clean, else None.

    Sources not checked for over a year are warned about, not counted as problems.
    """
    require_measure()
    write(messages("content.checking", path=folder) + "\n")
    pack, problems = check_pack(folder)
    lines = [str(p) for p in problems]
    if pack is not None:
        lines += _report_readings(pack, messages, write)
        for source in sources_to_check(pack.sources.values(), today):
            if source.checked is None:
                warning = messages("content.source_unchecked", id=source.id)
            else:
                checked = messages.full_date(source.checked)
                warning = messages("content.source_stale", id=source.id, date=checked)
            write(warning + "\n")
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
    FolderOptions,
    check,
    examples=("pallnav content check", "pallnav content check my-pack/"),
)
BUILD = Command(
    BuildOptions,
    build,
    examples=(
        "pallnav content build my-pack/ public/",
        "pallnav content build my-pack/ public/ --sign ~/keys/hospital.key",
    ),
)
KEYGEN = Command(
    KeygenOptions,
    keygen,
    examples=(
        "pallnav content keygen ~/keys/hospital",
        "pallnav content keygen ci-key --password-file /run/secrets/key-password",
    ),
)
CHECK_LINKS = Command(
    FolderOptions,
    check_links,
    examples=("pallnav content check-links", "pallnav content check-links my-pack/"),
)


def _writer(context: Context) -> Callable[[str], object]:
    """Lines for stdout, made inert: they quote a pack's file names and a
    folder a person typed (the pack's text itself is checked before it is used)."""

    def write(text: str) -> object:
        return context.stdout.write(clean(text))

    return write
