"""The world as a command sees it: streams, terminal, environment, clock,
settings, language and time zone.

Commands read the outside world only through a :class:`Context`, so a test
builds one with string streams, a fixed clock and its own environment, and
checks what was written.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple, TextIO, cast
from zoneinfo import ZoneInfo

from pallnav.errors import PallnavError
from pallnav.i18n import Messages, load_messages
from pallnav.safetext import escaped, shown
from pallnav.schedule import zone_named
from pallnav.store import Config, load_config

DEFAULT_LANGUAGE = "en"
_PACKAGE = Path(__file__).resolve().parent
#: The system's zone, usually a link into the zoneinfo database.
LOCALTIME = Path("/etc/localtime")


def package_dir() -> Path:
    """The installed package folder (the bundled packs and catalogues live in it).

    ``Path(__file__)`` rather than importlib.resources, which costs ~7 ms at
    start-up; pallnav is always installed as files. A test checks through
    importlib.resources that the wheel carries the data.
    """
    return _PACKAGE


@functools.cache
def available_languages() -> tuple[str, ...]:
    """Languages with both a bundled pack and a message catalogue."""
    from pallnav.in_use import BUNDLED  # not for --help or --version (start-up)

    root = package_dir()
    packs = {p.name for p in BUNDLED.iterdir() if (p / "pack.toml").is_file()}
    catalogues = {p.stem for p in (root / "locales").glob("*.toml")}
    return tuple(sorted(packs & catalogues))


def collect_garbage_again() -> None:
    """Collect garbage again, if ``cli.main`` held it off while pallnav started.

    Start-up makes ~100,000 objects that live as long as the process (Typer, Click,
    our modules, prompt_toolkit for a question) and almost no garbage; collecting
    there walked them again and again (~5 ms of ``pallnav hours``, more before the
    guide's first question: bench/startup.py). They are frozen (kept out of every
    later collection) and collection goes on as in any program: before a command
    that will not ask (``commands.app``), or once a terminal is set up to ask
    (``prompts.Terminal``), since a navigator may stay open for an hour."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class Zone(NamedTuple):
    """The viewer's time zone, its IANA name, and where we learned it."""

    tz: tzinfo
    name: str
    #: "flag", "env", "config", "system" or "fallback" (we could not tell: UTC).
    source: str


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Context:
    """Streams, whether each is a terminal, the environment, the clock, settings."""

    def __init__(
        self,
        *,
        stdout: TextIO,
        stderr: TextIO,
        stdin: TextIO,
        environ: Mapping[str, str],
        clock: Callable[[], datetime] = _utc_now,
        stdout_is_terminal: bool = False,
        stdin_is_terminal: bool = False,
        stderr_is_terminal: bool = False,
        config_path: Path | None = None,
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.environ = environ
        self.clock = clock
        self.stdout_is_terminal = stdout_is_terminal
        self.stdin_is_terminal = stdin_is_terminal
        #: Progress bars and prompts go to stderr, only when it is a terminal.
        self.stderr_is_terminal = stderr_is_terminal
        self.config_path = config_path
        #: The language the person picked when asked (it outranks the system's).
        self.asked_language: str | None = None
        #: Files kept so far in this run, for the goodbye if it is stopped later.
        self.saved: list[Path] = []
        #: What the command line said, once Typer has read it: --lang (for messages
        #: and help, even before a command reads it) and --debug.
        self.lang_flag: str | None = None
        self.debug = False
        #: --help was given (before a command too: "pallnav --help team add").
        self.help_asked = False
        self._catalogues: dict[str, Messages] = {}

    @classmethod
    def from_process(cls) -> Context:
        return cls(
            stdout=cast("TextIO", SafeStream(sys.stdout, quiet_at_exit=True)),
            stderr=cast("TextIO", SafeStream(sys.stderr)),
            stdin=sys.stdin,
            environ=os.environ,
            stdout_is_terminal=_isatty(sys.stdout),
            stdin_is_terminal=_isatty(sys.stdin),
            stderr_is_terminal=_isatty(sys.stderr),
        )

    # -- how to show things --

    @property
    def dumb_terminal(self) -> bool:
        return self.environ.get("TERM") == "dumb"

    def plain(self, requested: bool = False, *, rich: bool = False) -> bool:
        """Plain text (no colour, no boxes) unless this is a capable terminal.

        NO_COLOR takes the colour away and nothing else (no-color.org): on a
        terminal the layout, the menus and the pager stay (Rich, built with this
        environment, writes no colour then).
        ``rich``: Rich was asked for by name (``--format rich``), so it is given even
        in a pipe, as httpie's ``--pretty`` (``pallnav show pain --format rich | less
        -R``). ``FORCE_COLOR`` does the same for every command, unless NO_COLOR.
        """
        if requested:
            return True
        if rich:
            return False
        if self.environ.get("FORCE_COLOR") and not self.environ.get("NO_COLOR"):
            return False
        return not self.stdout_is_terminal or self.dumb_terminal

    @property
    def can_ask(self) -> bool:
        """True when we may ask questions: keys come from, and prompts go to, a real terminal.

        Prompts are drawn on stderr, so stdout may be a file or a pipe.
        """
        return self.stdin_is_terminal and self.stderr_is_terminal and not self.dumb_terminal

    def kept(self, path: Path) -> None:
        """Remember that ``path`` was written: Ctrl-C later says it is there."""
        if path not in self.saved:
            self.saved.append(path)

    def stopped(self, messages: Messages) -> str:
        """The goodbye on Ctrl-C: nothing was saved, or what was before it came."""
        if not self.saved:
            return messages("errors.interrupted")
        paths = messages("format.list_separator").join(str(p) for p in self.saved)
        return messages("errors.interrupted_saved", paths=paths)

    def say(self, line: str) -> None:
        """A message for the person (not data): one line on stderr, made inert;
        on a terminal, broken between words to fit it (a terminal alone would cut
        "It now shows fir" / "st" at its edge).

        A control in it (a file name, a value typed) is shown escaped (``\\x1b``),
        never silently dropped: the line says what was really there."""
        line = line.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
        line = escaped(line)
        width = self._message_width()
        if width and len(line) >= width:
            import textwrap

            # A path or address longer than the screen stays whole, on its own line.
            lines = textwrap.wrap(line, width - 1, break_long_words=False, break_on_hyphens=False)
            line = "\n".join(lines) or line
        self.stderr.write(line + "\n")

    def _message_width(self) -> int | None:
        """The columns of the terminal messages go to, or None (not a terminal)."""
        if not self.stderr_is_terminal:
            return None
        try:
            columns = os.get_terminal_size(self.stderr.fileno()).columns
        except (AttributeError, OSError, ValueError):
            return None
        return columns if columns >= 20 else None

    @property
    def width(self) -> int:
        """Columns for plain text: the terminal's, else $COLUMNS, else 80."""
        return self._screen("COLUMNS", 0, 80)

    @property
    def height(self) -> int:
        """Rows of the screen: $LINES, else the terminal's, else 24."""
        return self._screen("LINES", 1, 24)

    def _screen(self, variable: str, axis: int, default: int) -> int:
        value = self.environ.get(variable, "")
        if value.isdigit() and int(value) > 0:
            return int(value)
        if self.stdout_is_terminal:
            try:
                return os.get_terminal_size(self.stdout.fileno())[axis]
            except (OSError, ValueError):
                pass
        return default

    def now(self) -> datetime:
        return self.clock()

    # -- settings --

    @cached_property
    def config(self) -> Config:
        return load_config(self.config_path)

    def language(self, flag: str | None = None, saved: str | None = None) -> tuple[str, str]:
        """The language to use and where it came from ("flag", "env", "config",
        "saved", "asked", "system" or "default").

        ``saved``: the language kept with the saved answers (the one the guide was
        read in when they were saved); one pallnav no longer has is passed over.
        "default" means nothing chose it and the system is neither English nor
        Spanish, so an interactive guide may ask.
        """
        available = available_languages()
        for source, value in (
            ("flag", flag if flag is not None else self.lang_flag),
            ("env", self.environ.get("PALLNAV_LANG") or None),
            ("config", self.config.language),
        ):
            if value is not None:
                language = value.strip().lower()
                if language not in available:
                    raise PallnavError(
                        "errors.bad_language",
                        value=shown(value),
                        choices=", ".join(available),
                        where=_WHERE_LANGUAGE[source],
                    )
                return language, source
        if saved in available:
            return saved, "saved"
        if self.asked_language in available:
            return self.asked_language, "asked"
        system = self.system_language()
        if system in available:
            return system, "system"
        return DEFAULT_LANGUAGE, "default"

    def system_language(self) -> str | None:
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            value = self.environ.get(name)
            if value:
                code = value.split(".")[0].split("_")[0].lower()
                return None if code in ("c", "posix") else code
        return None

    def messages_for(self, flag: str | None) -> Messages:
        """The catalogue for ``--lang``, else the configured or system language."""
        return self.messages(self.language(flag)[0])

    def error_messages(self) -> Messages:
        """The catalogue for messages and help: the chosen language if it can be
        told (a bad --lang or setting is itself the error), else English."""
        try:
            language = self.language(self.lang_flag)[0]
        except PallnavError:
            language = DEFAULT_LANGUAGE
        return self.messages(language)

    def messages(self, language: str) -> Messages:
        """The catalogue for ``language``, read once per run."""
        if language not in self._catalogues:
            path = package_dir() / "locales" / f"{language}.toml"
            self._catalogues[language] = load_messages(path, language)
        return self._catalogues[language]

    def zone(self, flag: str | None = None) -> Zone:
        """The viewer's zone: --tz, then PALLNAV_TZ, then config, then the system's, else UTC."""
        for source, value in (
            ("flag", flag),
            ("env", self.environ.get("PALLNAV_TZ") or None),
            ("config", self.config.timezone),
        ):
            if value is not None:
                return Zone(parse_zone(value, _WHERE[source]), value, source)
        name = _system_zone_name(self.environ)
        zone = zone_named(name) if name else None
        if name and zone is not None:
            return Zone(zone, name, "system")
        return Zone(UTC, "UTC", "fallback")


_WHERE = {"flag": "--tz", "env": "PALLNAV_TZ", "config": "config.toml"}
_WHERE_LANGUAGE = {"flag": "--lang", "env": "PALLNAV_LANG", "config": "config.toml"}


def parse_zone(value: str, where: str = "--tz") -> ZoneInfo:
    """An IANA zone by name; a bad name is an error listing close matches."""
    name = value.strip()
    zone = zone_named(name)
    if zone is not None:
        return zone
    raise PallnavError("errors.bad_zone", where=where, value=shown(value), hint=_zone_hint(name))


def _zone_hint(name: str) -> str:
    import difflib
    import zoneinfo

    if len(name) > 64:  # no zone is that long; difflib would take its time
        return "America/New_York, Europe/London, UTC"
    zones = sorted(zoneinfo.available_timezones())
    by_lower = {z.lower(): z for z in zones}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=3, cutoff=0.6)
    return ", ".join(by_lower[c] for c in close) or "America/New_York, Europe/London, UTC"


def _system_zone_name(environ: Mapping[str, str]) -> str | None:
    """The system's zone name: TZ, then /etc/localtime's link, then tzlocal.

    The first two cover nearly every Linux and macOS machine without importing
    tzlocal (start-up); tzlocal knows the rest.
    """
    tz = environ.get("TZ", "").removeprefix(":")
    if "/" in tz and not tz.startswith("/"):
        return tz
    with contextlib.suppress(OSError):
        target = str(LOCALTIME.readlink())
        _, marker, linked = target.partition("zoneinfo/")
        if marker and linked:
            return linked
    try:
        import tzlocal

        name: str | None = tzlocal.get_localzone_name()
    except Exception:  # noqa: BLE001 - tzlocal raises many kinds; we fall back to UTC
        return None
    return name


class SafeStream:
    """A standard stream that never stops a command (``Context.from_process``).

    A closed stream (``2>&-``) or a reader that went away (``| head -1``,
    ``| true``) swallows what is written, so the exit code follows what the
    command did, not what became of the pipe. An encoding that lacks a
    character (``PYTHONIOENCODING=ascii``) gets the nearest plain letters
    ("información" becomes "informacion") instead of an error.
    """

    def __init__(self, stream: TextIO | None, *, quiet_at_exit: bool = False) -> None:
        self._stream = stream
        self._quiet_at_exit = quiet_at_exit
        #: True once the stream is closed or its reader went away: output is dropped.
        self.lost = stream is None

    def write(self, text: str) -> int:
        if self._stream is not None and not self.lost:
            try:
                self._stream.write(text)
            except UnicodeEncodeError:
                self.write(nearest_letters(text, self._stream.encoding or "ascii"))
            except (OSError, ValueError):  # a broken pipe, a closed or bad descriptor
                self._lose()
        return len(text)

    def flush(self) -> None:
        if self._stream is not None and not self.lost:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._lose()

    def isatty(self) -> bool:
        return not self.lost and _isatty(cast("TextIO", self._stream))

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError("the stream is closed")
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _lose(self) -> None:
        """Drop all further output; for stdout, make sure Python's own last flush
        at exit does not complain either."""
        self.lost = True
        if self._quiet_at_exit and self._stream is not None:
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self._stream.fileno())


#: Punctuation with no plain-letter decomposition, and what stands in for it.
_NEAREST = {
    "\u00bf": "",  # ¿ (the closing ? is enough)
    "\u00a1": "",  # ¡
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u2013": "-",
    "\u2014": "-",
}


def nearest_letters(text: str, encoding: str) -> str:
    """``text`` with each character ``encoding`` cannot write replaced by its
    plain letters (é → e, ñ → n, … → ...), else by "?"."""
    import unicodedata

    out: list[str] = []
    for char in text:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            if char in _NEAREST:
                char = _NEAREST[char]
            else:
                plain = unicodedata.normalize("NFKD", char)
                char = plain.encode(encoding, "ignore").decode(encoding) or "?"
        except LookupError:
            return text.encode("ascii", "replace").decode("ascii")
        out.append(char)
    return "".join(out)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
