"""``pallnav update``: newer content from a publisher's web folder, checked before
it is used; or back to the content used before.

The order never changes: index.json, the archive (streamed, capped), its
sha256, unpacking into a private folder beside the installed packs, loading it
as a pack (same id and language, a newer version), and only then one atomic
switch. Any failure on the way is one line, exit 1, and the content in use stays
exactly as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

from pallnav import store
from pallnav.commands.flags import Command, Flag, Force, Lang
from pallnav.context import Context
from pallnav.errors import DownloadError, ExitCode, PackError, PallnavError
from pallnav.i18n import Messages
from pallnav.in_use import SIGNED_MARK, load_content, mark_bundled
from pallnav.pack import Pack
from pallnav.safetext import clean, shown
from pallnav.wording import pack_line

if TYPE_CHECKING:
    from pallnav.in_use import PackChoice
    from pallnav.installed import IndexMeta
    from pallnav.pack_index import Index
    from pallnav.remote import Fetched, Session, Settings
    from pallnav.signing import PublicKey


class Options(NamedTuple):
    """What was asked of ``pallnav update``."""

    url: Annotated[str | None, Flag("--url", "URL")] = None
    key: Annotated[str | None, Flag("--key", "KEY", values="file")] = None
    check: Annotated[bool, Flag("--check")] = False
    force: Force = False
    rollback: Annotated[bool, Flag("--rollback")] = False
    allow_unsigned: Annotated[bool, Flag("--allow-unsigned")] = False
    lang: Lang = None


def run(context: Context, options: Options) -> int:
    """Newer content from the publisher, checked before it is used; or the content
    used before (``--rollback``). Every failure is one line and exit 1."""
    check, force = options.check, options.force
    messages = context.messages_for(options.lang)
    language = messages.language
    if check and options.rollback:
        raise PallnavError("update.check_or_rollback")
    if options.rollback:
        return _rollback(context, messages, language)

    from pallnav import remote

    base, where = _source(context, options.url)
    address = remote.index_url(base, where)
    settings = remote.Settings.from_environ(context.environ)
    pack, choice = load_content(language)
    trusted = _trusted_keys(context, options.key, pack, choice)
    if not trusted and not options.allow_unsigned:
        raise PallnavError("update.no_key", config=str(_config_path(context)))
    try:
        return _update(
            context,
            messages,
            pack,
            address,
            settings,
            trusted,
            check=check,
            force=force,
            again=_install_command(options),
        )
    except DownloadError as error:
        raise _still_in_use(error, pack, messages) from error


def _config_path(context: Context) -> Path:
    return context.config_path or store.config_dir() / store.CONFIG_FILE


def _trusted_keys(
    context: Context, flag: str | None, pack: Pack, choice: PackChoice
) -> tuple[PublicKey, ...]:
    """The publisher keys an index must be signed with (any one of them): the one
    set by --key, else PALLNAV_CONTENT_KEY, else content_key in the config; and
    the keys listed by the pack in use, if that pack is the built-in one or was
    itself signed by a trusted key (so a publisher can move to a new key)."""
    from pallnav.signing import parse_public_key

    keys: list[PublicKey] = []
    from_env = context.environ.get("PALLNAV_CONTENT_KEY", "").strip()
    for value, where in (
        (flag, "--key"),
        (from_env, "PALLNAV_CONTENT_KEY"),
        (context.config.content_key, str(_config_path(context))),
    ):
        if value:
            keys.append(_public_key(value, where))
            break
    vouched = choice.origin == "bundled" or (choice.path / SIGNED_MARK).is_file()
    for text in pack.keys if vouched else ():
        key = parse_public_key(text)
        if key is not None and key not in keys:
            keys.append(key)
    return tuple(keys)


def _public_key(value: str, where: str) -> PublicKey:
    """A public key given as its ``RW...`` line, or as the path of a ``.pub`` file."""
    from pallnav import bounded
    from pallnav.signing import parse_public_key

    key = parse_public_key(value)
    if key is None and not value.strip().startswith("RW"):
        # A .pub file is two short lines; never wait on a FIFO or read a device.
        with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
            text = bounded.read_regular(Path(value).expanduser(), 4096).decode("utf-8")
            key = parse_public_key(text)
    if key is None:
        raise PallnavError("update.bad_key", where=where, value=shown(value))
    return key


def _source(context: Context, flag: str | None) -> tuple[str, str]:
    """The published folder's address and where it was set."""
    if flag:
        return flag, "--url"
    from_env = context.environ.get("PALLNAV_CONTENT_URL", "").strip()
    if from_env:
        return from_env, "PALLNAV_CONTENT_URL"
    if context.config.content_url:
        return context.config.content_url, store.CONFIG_FILE
    raise PallnavError("update.no_url", config=str(_config_path(context)))


def _update(
    context: Context,
    messages: Messages,
    pack: Pack,
    address: str,
    settings: Settings,
    trusted: tuple[PublicKey, ...],
    *,
    check: bool,
    force: bool,
    again: str = "pallnav update",
) -> int:
    from pallnav import installed, remote
    from pallnav.pack_index import is_newer

    def say(line: str) -> None:
        context.stdout.write(clean(line))

    try:
        with installed.locked(pack.language) as folder:
            meta = None if force else installed.read_meta(folder)
            if meta is not None and (meta.url != address or meta.in_use != pack.version):
                meta = None
            with remote.Session(settings) as session:
                fetched = session.fetch_index(
                    address,
                    etag=meta.etag if meta else None,
                    last_modified=meta.last_modified if meta else None,
                )
                if fetched is None:  # 304: nothing new since last time
                    say(_up_to_date(pack, messages) + "\n")
                    return ExitCode.OK
                # Nothing is read from index.json before its signature is checked.
                signer = _verify(session, fetched, trusted)
                index = _checked_index(context, messages, fetched.body, signed=bool(trusted))
                if (index.id, index.language) != (pack.id, pack.language):
                    raise DownloadError(
                        "update.wrong_pack",
                        found=f"{index.id} ({index.language})",
                        expected=f"{pack.id} ({pack.language})",
                    )
                remember = installed.IndexMeta(
                    address, fetched.etag, fetched.last_modified, pack.version
                )
                newer = is_newer(index.version, pack.version)
                if is_newer(pack.version, index.version) and (check or not force):
                    # Never back to older content unasked: an old signed index
                    # replayed, or a mirror that fell behind.
                    raise DownloadError(
                        "update.older", id=pack.id, offered=index.version, version=pack.version
                    )
                if check or not (newer or force):
                    if not newer:
                        _remember(folder, remember)
                        say(_up_to_date(pack, messages) + "\n")
                        return ExitCode.OK
                    say(_available(pack, index, messages, again) + "\n")
                    return ExitCode.NO
                new = _fetch_and_install(
                    context, messages, session, folder, fetched.url, index, signer
                )
            _remember(folder, remember._replace(in_use=new.version))
    except OSError as error:
        raise DownloadError("update.disk", reason=error.strerror or str(error)) from error
    reviewed = messages.full_date(new.reviewed)
    key = "update.updated" if newer else "update.reinstalled"
    say(messages(key, id=new.id, old=pack.version, new=new.version, reviewed=reviewed) + "\n")
    context.stderr.write(messages("update.how_to_go_back") + "\n")
    return ExitCode.OK


def _verify(session: Session, fetched: Fetched, trusted: tuple[PublicKey, ...]) -> PublicKey | None:
    """The trusted key that signed the index (its ``.minisig`` beside it), or None
    when no key is trusted (``--allow-unsigned``). A DownloadError otherwise."""
    from pallnav import remote, signing
    from pallnav.pack_index import INDEX_FILE

    if not trusted:
        return None
    address = remote.sibling(fetched.url, INDEX_FILE + signing.SIGNATURE_SUFFIX)
    try:
        signature = session.fetch_index(address)
    except DownloadError as error:
        if error.key == "update.not_found":
            raise DownloadError("update.unsigned") from None
        if error.key == "update.index_too_big":
            raise DownloadError("update.signature_garbled") from None
        raise
    assert signature is not None, "not a conditional request"
    return signing.verify(fetched.body, signature.body, trusted)


def _checked_index(context: Context, messages: Messages, body: bytes, *, signed: bool) -> Index:
    """The index, once its signature is checked: readable, and not expired."""
    from pallnav.pack_index import parse_index

    index = parse_index(body)
    if index.expires is None:
        if signed:
            raise DownloadError("update.no_expiry")
    elif context.now().astimezone(UTC).date() > index.expires:
        raise DownloadError("update.expired", date=messages.full_date(index.expires))
    return index


def _fetch_and_install(
    context: Context,
    messages: Messages,
    session: Session,
    folder: Path,
    index_address: str,
    index: Index,
    signer: PublicKey | None,
) -> Pack:
    """Download, verify, unpack and check the archive, then switch to it."""
    from pallnav import installed, publish, remote
    from pallnav.pack_index import MAX_ARCHIVE_BYTES
    from pallnav.pack_loader import load_pack

    archive = index.archive
    if archive.size > MAX_ARCHIVE_BYTES:
        raise DownloadError("update.over_limit", size=archive.size, limit=MAX_ARCHIVE_BYTES)
    with installed.staging(folder) as stage:
        path = stage / "download.tar.gz"
        with installed.DownloadFile(path) as sink, _progress(context, messages, index) as progress:
            digest = session.download(
                remote.sibling(index_address, archive.name), archive.size, sink.write, progress
            )
        if digest != archive.sha256:
            raise DownloadError("update.bad_checksum")
        unpacked = stage / "pack"
        publish.unpack(path, unpacked)
        try:
            new = load_pack(unpacked)
        except PackError as error:
            raise DownloadError("update.bad_pack", detail=error.detail) from None
        if (new.id, new.language, new.version) != (index.id, index.language, index.version):
            raise DownloadError(
                "update.pack_mismatch",
                found=f"{new.id} {new.version} ({new.language})",
                expected=f"{index.id} {index.version} ({index.language})",
            )
        mark_bundled(unpacked, new.language)
        if signer is not None:
            # The keys this pack lists are trusted only because a trusted key signed it.
            store.write_private(unpacked / SIGNED_MARK, signer.text + "\n")
        installed.install(folder, unpacked, new.version, digest)
    return new


def _remember(folder: Path, meta: IndexMeta) -> None:
    """Keep the index's validators for a cheap check next time (best effort)."""
    from pallnav import installed

    with contextlib.suppress(PallnavError, OSError):
        installed.write_meta(folder, meta)


@contextlib.contextmanager
def _progress(
    context: Context, messages: Messages, index: Index
) -> Iterator[Callable[[int], object] | None]:
    """A Rich progress bar on stderr when it is a capable terminal; else nothing."""
    if not context.stderr_is_terminal or context.dumb_terminal:
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from pallnav.render import make_console

    bar = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        DownloadColumn(),
        console=make_console(context.stderr, context.environ),
        transient=True,
    )
    with bar:
        description = messages("update.downloading", id=index.id, version=index.version)
        task = bar.add_task(description, total=index.archive.size)
        yield lambda done: bar.update(task, completed=done)


def _rollback(context: Context, messages: Messages, language: str) -> int:
    from pallnav import installed
    from pallnav.pack_loader import load_pack

    try:
        before: Pack | None = load_content(language)[0]
    except PackError:  # a damaged pack in use is what --rollback is for
        before = None
    try:
        with installed.locked(language) as folder:
            previous = installed.previous_dir(folder)
            if previous is not None:
                try:
                    load_pack(previous)
                except PackError as error:
                    raise DownloadError("update.bad_previous", detail=error.detail) from None
            installed.rollback(folder)
            installed.forget_meta(folder)
    except OSError as error:
        error_ = DownloadError("update.disk", reason=error.strerror or str(error))
        raise _still_in_use(error_, before, messages) from error
    except DownloadError as error:
        raise _still_in_use(error, before, messages) from error
    pack, choice = load_content(language)
    context.stdout.write(
        messages("update.rolled_back", line=pack_line(pack.header, choice.origin, messages)) + "\n"
    )
    return ExitCode.OK


def _still_in_use(error: PallnavError, pack: Pack | None, messages: Messages) -> DownloadError:
    """One line: what went wrong, and that the content in use has not changed."""
    problem = clean(messages(error.key, **error.values)).replace("\n", " ")
    if pack is None:
        return DownloadError("update.failed_unchanged", problem=problem)
    return DownloadError("update.failed", problem=problem, id=pack.id, version=pack.version)


def _up_to_date(pack: Pack, messages: Messages) -> str:
    reviewed = messages.full_date(pack.reviewed)
    return messages("update.up_to_date", id=pack.id, version=pack.version, reviewed=reviewed)


def _available(pack: Pack, index: Index, messages: Messages, again: str) -> str:
    return messages(
        "update.available",
        id=index.id,
        new=index.version,
        reviewed=messages.full_date(index.reviewed),
        old=pack.version,
        command=again,
    )


def _install_command(options: Options) -> str:
    """The command that installs what ``--check`` found: the same address, key and
    language the check was given, so it works as it is."""
    import shlex

    words = ["pallnav", "update"]
    for flag, value in (("--url", options.url), ("--key", options.key), ("--lang", options.lang)):
        if value:
            words += [flag, value]
    if options.allow_unsigned:
        words.append("--allow-unsigned")
    return shlex.join(words)


COMMAND = Command(
    Options,
    run,
    examples=(
        "pallnav update --check",
        "pallnav update --url https://example.org/pallnav/en",
        "pallnav update --rollback",
    ),
)
