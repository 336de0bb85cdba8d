"""Where pallnav keeps things on disk, and how it writes them.

* config (``config.toml``: language, timezone, content_url,
  content_key) in the user config dir;
* the saved profile (answers), the person's care team (``team.toml``) and any
  updated content pack in the user data dir.

A person's answers are health information: every file that holds them is
written atomically (a temporary file in the same folder, fsync, rename, fsync
the folder) with mode 0600, in folders with mode 0700, and only when the person
asks. Nothing here touches the network.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pallnav import answers as answers_module
from pallnav.answers import Answers
from pallnav.errors import PallnavError, Phrase, WriteError, os_reason
from pallnav.safetext import shown

if TYPE_CHECKING:
    from pallnav.team import Member

APP = "pallnav"
CONFIG_FILE = "config.toml"
PROFILE_FILE = "profile.toml"
TEAM_FILE = "team.toml"
CONFIG_KEYS = ("language", "timezone", "content_url", "content_key")
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700 if missing; tighten it if not private."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(PRIVATE_DIR)
    return path


def expand_path(path: Path) -> Path:
    """A path a person gave, with ``~`` and ``~name`` expanded; a ``~name`` that
    names no one on this computer is a usage error (one line, exit 2)."""
    try:
        return path.expanduser()
    except RuntimeError:  # "Could not determine home directory."
        raise PallnavError("errors.no_home", path=shown(str(path), 120)) from None


def save_private(path: Path, text: str) -> None:
    """Write a person's own file (profile, team) in a private folder made if
    missing. A folder that cannot be made, or a file that cannot be written, is a
    WriteError (exit 73): what was asked could not be kept."""
    try:
        ensure_private_dir(path.parent)
    except OSError as error:
        raise WriteError("errors.cannot_write", path=str(path), reason=os_reason(error)) from error
    write_private(path, text)


def write_private(path: Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600: for a person's data."""
    write_atomic(path, data, mode=PRIVATE_FILE, overwrite=overwrite)


def refuse_special(path: Path) -> None:
    """Exit 2 if a folder, a device, a pipe or a socket is at ``path``: a write, even
    with --force, replaces only a file (or a link, never what it points to)."""
    import stat

    try:
        kind = path.lstat().st_mode
    except OSError:
        return  # nothing there (or nothing we can see): the write itself will say
    if stat.S_ISREG(kind) or stat.S_ISLNK(kind):
        return
    reason = Phrase("reasons.is_folder" if stat.S_ISDIR(kind) else "reasons.not_regular")
    raise PallnavError("errors.cannot_write", path=str(path), reason=reason)


def write_atomic(path: Path, data: bytes | str, *, mode: int, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, with ``mode``.

    A temporary file in the same folder, fsync, rename, fsync the folder: a
    failure at any point leaves the old file (if any) whole. With
    ``overwrite=False`` an existing file is refused (errors.file_exists).
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent
    refuse_special(path)
    if not overwrite and path.exists():
        raise PallnavError("errors.file_exists", path=str(path))
    import tempfile  # not at start-up: only a write needs it

    try:
        fd, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError as error:
        raise PallnavError("errors.no_folder", path=str(folder)) from error
    except OSError as error:
        raise _write_error(path, error) from error
    temporary = Path(temporary_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(mode)
        if not overwrite:
            # Fails if the file appeared meanwhile: never replace what a person has.
            try:
                os.link(temporary, path)
            except FileExistsError as error:
                raise PallnavError("errors.file_exists", path=str(path)) from error
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                _claim_then_rename(temporary, path)
            else:
                temporary.unlink()
        else:
            temporary.replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise _write_error(path, error) from error
        raise
    fsync_folder(folder)


#: What link() says where a file system has no hard links (FAT and exFAT sticks,
#: some network shares).
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})


def _claim_then_rename(temporary: Path, path: Path) -> None:
    """Without hard links: claim the name with an exclusive create (refused if any
    file is there, so nothing a person has is replaced), then rename the finished
    file over that empty claim of our own."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError as error:
        raise PallnavError("errors.file_exists", path=str(path)) from error
    os.close(fd)
    try:
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def _write_error(path: Path, error: OSError) -> PallnavError:
    return WriteError("errors.cannot_write", path=str(path), reason=os_reason(error))


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_toml(path: Path) -> dict[str, Any] | None:
    """The TOML table in ``path``, or None if the file does not exist.

    The one reader for a person's own files (answers, config, profile, team):
    bounded (``bounded.PERSON``), and only a regular file (a FIFO cannot hang it,
    a device cannot feed it forever). Anything else wrong (unreadable, not
    UTF-8, not TOML, too big) is a PallnavError that names the file and what is
    wrong.
    """
    from pallnav import bounded

    try:
        raw = bounded.read_regular(path, bounded.PERSON.size)
    except (FileNotFoundError, NotADirectoryError):  # no such file, however it is missing
        return None
    except IsADirectoryError as error:
        raise _bad_file(path, Phrase("reasons.is_folder")) from error
    except bounded.NotRegular as error:
        raise _bad_file(path, Phrase("reasons.not_regular")) from error
    except bounded.TooBig as error:
        raise _bad_file(path, Phrase(error.key, error.values)) from None
    except OSError as error:
        raise _bad_file(path, os_reason(error)) from error
    import tomllib

    try:
        return bounded.parse_toml(raw.decode("utf-8"), bounded.PERSON)
    except UnicodeDecodeError as error:
        raise _bad_file(path, Phrase("reasons.not_utf8", {"byte": error.start})) from error
    except bounded.TooBig as error:
        raise _bad_file(path, Phrase(error.key, error.values)) from None
    except tomllib.TOMLDecodeError as error:
        raise PallnavError("errors.bad_toml", path=str(path), reason=str(error)) from error


def _bad_file(path: Path, reason: Phrase | str) -> PallnavError:
    return PallnavError("errors.bad_file", path=str(path), reason=reason)


def move_aside(path: Path, now: datetime | None = None) -> Path | None:
    """Rename a file that cannot be read to ``NAME.broken-YYYYmmdd-HHMMSS`` (never
    deleted); None if it could not be moved."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    try:
        path.rename(aside)
    except OSError:
        return None
    return aside


# --- config ---------------------------------------------------------------------


class Config(NamedTuple):
    language: str | None = None
    timezone: str | None = None
    content_url: str | None = None
    content_key: str | None = None


def load_config(path: Path | None = None) -> Config:
    """The user's config; a broken file is an error that names it (never ignored)."""
    path = path or config_dir() / CONFIG_FILE
    data = read_toml(path)
    if data is None:
        return Config()
    values: dict[str, str] = {}
    for key, value in data.items():
        if key not in CONFIG_KEYS:
            raise PallnavError(
                "errors.config_key", path=str(path), key=key, keys=", ".join(CONFIG_KEYS)
            )
        if not isinstance(value, str) or not value.strip():
            raise PallnavError("errors.config_value", path=str(path), key=key)
        values[key] = value.strip()
    return Config(**values)


# --- the saved profile ------------------------------------------------------------


def profile_path() -> Path:
    return data_dir() / PROFILE_FILE


def save_profile(
    answers: Answers, path: Path | None = None, *, language: str | None = None
) -> Path:
    """Keep the answers (and the language the guide was read in) for next time."""
    import tomli_w

    path = path or profile_path()
    data: dict[str, object] = {**answers.to_dict()}
    if language:
        data["language"] = language
    save_private(path, tomli_w.dumps(data))
    return path


class ProfileRead(NamedTuple):
    """What reading the profile found: answers (and the language saved with
    them), or where a broken one was moved."""

    answers: Answers | None
    moved_to: Path | None = None
    problem: PallnavError | None = None
    language: str | None = None


def read_profile(path: Path | None = None, *, now: datetime | None = None) -> ProfileRead:
    """The saved answers. A corrupt profile is moved aside (never deleted) and reported."""
    path = path or profile_path()
    try:
        data = read_toml(path)
        if data is None:
            return ProfileRead(None)
        language = saved_language(data, str(path))
        answers = answers_module.from_mapping(data, str(path))
        return ProfileRead(answers, language=language)
    except PallnavError as error:
        return ProfileRead(None, move_aside(path, now), error)


def saved_language(data: dict[str, object], where: str) -> str | None:
    """The ``language`` kept beside the answers (taken out of ``data``): a short
    code such as "es", checked against the catalogues where it is used."""
    language = data.pop("language", None)
    if language is None:
        return None
    if not isinstance(language, str) or not language.isalpha() or len(language) > 8:
        raise PallnavError("errors.bad_saved_language", where=where, value=shown(str(language)))
    return language.lower()


def forget_profile(path: Path | None = None) -> bool:
    """Delete the saved profile; True if there was one."""
    path = path or profile_path()
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise _write_error(path, error) from error
    return True


# --- the person's care team -------------------------------------------------------


def team_path() -> Path:
    return data_dir() / TEAM_FILE


class TeamRead(NamedTuple):
    """What reading team.toml found: the entries, or where a broken file was moved."""

    members: tuple[Member, ...] = ()
    moved_to: Path | None = None
    problem: PallnavError | None = None


def read_team(path: Path | None = None, *, now: datetime | None = None) -> TeamRead:
    """The saved care team (none when there is no file). A damaged file is moved
    aside (never deleted) and reported."""
    path = path or team_path()
    try:
        data = read_toml(path)
        if data is None:
            return TeamRead()
        from pallnav import team

        try:
            return TeamRead(team.from_mapping(data))
        except team.TeamProblem as problem:
            raise PallnavError(
                "errors.bad_file",
                path=str(path),
                reason=Phrase("reasons.bad_entry", {"field": problem.field}),
            ) from problem
    except PallnavError as error:
        return TeamRead((), move_aside(path, now), error)


def save_team(members: Sequence[Member], path: Path | None = None) -> Path:
    """Write the care team atomically (0600, folder 0700); with no entries left,
    delete the file: nothing of it stays on disk."""
    import tomli_w

    from pallnav import team

    path = path or team_path()
    if not members:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise _write_error(path, error) from error
        return path
    save_private(path, tomli_w.dumps(team.to_mapping(members)))
    return path
