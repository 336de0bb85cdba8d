"""Shared test fixtures: a fake world for the CLI, and the tzdata wheel as the only
source of time zones (the machine's system copy may be older)."""

from __future__ import annotations

import io
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pallnav import context as context_module
from pallnav.cli import main
from pallnav.context import Context
from webserver import Site, block_other_hosts, serve

zoneinfo.reset_tzpath(to=[])


def _remember_parsed_toml() -> None:
    """``tomllib.loads`` remembers each text it parsed well, for this test process only.

    The tests load the same catalogues and packs thousands of times in-process (a
    source checkout has no prepared data: ``prepared.py``), and parsing them was a
    tenth of the suite. The answer for a text is the one tomllib gave for it, handed
    back as fresh objects each time (a pickle of it), so nothing a caller changes
    leaks into the next. A text that does not parse is parsed (and fails) every time,
    and nothing outside the tests is changed."""
    import contextlib
    import pickle
    import tomllib

    parse = tomllib.loads
    kept: dict[str, bytes] = {}
    seen: set[int] = set()

    def loads(text: str, /, **options: object) -> dict[str, object]:
        if options:
            return parse(text, **options)  # type: ignore[arg-type]
        pickled = kept.get(text)
        if pickled is not None:
            parsed: dict[str, object] = pickle.loads(pickled)
            return parsed
        data = parse(text)
        # Kept from the second time a text is read: a fuzzed text is read once.
        if len(kept) < 1024 and len(text) < 1_000_000:
            if hash(text) in seen:
                with contextlib.suppress(RecursionError):  # too deep: parsed again
                    kept[text] = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
            else:
                seen.add(hash(text))
        return data

    tomllib.loads = loads


_remember_parsed_toml()

#: A Friday afternoon: the chat is open, and closes at 18:30 Chicago time.
FRIDAY_AFTERNOON = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)


@dataclass
class Result:
    code: int
    out: str
    err: str


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def only_this_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches beyond loopback: every other host name fails to resolve."""
    block_other_hosts(monkeypatch)


@pytest.fixture
def site() -> Iterator[Site]:
    """A real HTTP server on 127.0.0.1 for this test."""
    with serve() as running:
        yield running


@pytest.fixture
def unknown_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system whose time zone cannot be told (no TZ, no /etc/localtime, tzlocal fails)."""
    import tzlocal

    def broken() -> str:
        raise RuntimeError("no zone")

    monkeypatch.setattr(tzlocal, "get_localzone_name", broken)
    monkeypatch.setattr(context_module, "LOCALTIME", Path("/nonexistent/localtime"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private config and data dirs for one test (platformdirs follows XDG_*)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


Runner = Callable[..., Result]


@pytest.fixture
def run(home: Path) -> Runner:
    """Run pallnav in-process with fake streams, a fixed clock and a clean environment."""

    def invoke(
        *args: str,
        at: datetime = FRIDAY_AFTERNOON,
        env: Mapping[str, str] | None = None,
        terminal: bool = False,
        stdin: str = "",
    ) -> Result:
        environ = {"TZ": "America/New_York", "LANG": "en_US.UTF-8", **(env or {})}
        out = FakeTerminal() if terminal else io.StringIO()
        err = io.StringIO()
        context = Context(
            stdout=out,
            stderr=err,
            stdin=io.StringIO(stdin),
            environ=environ,
            clock=lambda: at,
            stdout_is_terminal=terminal,
            stdin_is_terminal=terminal,
            stderr_is_terminal=terminal,
            config_path=home / "config" / "pallnav" / "config.toml",
        )
        code = main(list(args), context=context)
        return Result(code, out.getvalue(), err.getvalue())

    return invoke
