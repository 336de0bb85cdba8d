"""Broken input, hostile text, closed pipes and no network: pallnav stays calm."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Runner
from packs import write_pack
from pallnav import answers as answers_module
from pallnav import store
from pallnav.errors import PallnavError, WriteError
from pallnav.pack import PackInvalid
from pallnav.pack_loader import check_pack, load_pack

ESCAPE = "\x1b"
HOSTILE = [
    "\x1b]0;owned\x07",  # OSC: retitle the terminal
    "\x1b[2J\x1b[H",  # CSI: clear the screen
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # a hidden OSC 8 link
    "\x07",  # BEL
    "\u202eevil\u202c",  # bidi override
    "\u200bzero\u200dwidth",
]

# --- fuzzing the parsers ----------------------------------------------------------------

toml_scalars = st.one_of(
    st.text(max_size=20), st.integers(), st.booleans(), st.floats(allow_nan=False), st.dates()
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
toml_tables = st.dictionaries(
    st.sampled_from(["role", "stage", "age", "setting", "insurance", "concerns", "language",
                     "timezone", "content_url", "x"]) | st.text(max_size=8),
    toml_values,
    max_size=6,
)  # fmt: skip
files = st.one_of(st.binary(max_size=300), toml_tables.map(lambda t: tomli_w.dumps(t).encode()))
FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(content=files)
def test_an_answers_file_parses_or_fails_with_our_own_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "answers.toml"
    path.write_bytes(content)
    try:
        data = store.read_toml(path)
        assert data is not None
        answers = answers_module.from_mapping(data, str(path))
    except PallnavError as error:
        assert error.key.startswith("errors.")
    else:
        assert all(isinstance(v, str | list) for v in answers.to_dict().values())


@FUZZ
@given(content=files)
def test_a_profile_never_raises_and_a_bad_one_is_kept_aside(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data" / "profile.toml"
    path.parent.mkdir(exist_ok=True)
    for old in path.parent.iterdir():
        old.unlink()
    path.write_bytes(content)
    found = store.read_profile(path)
    if found.answers is None:
        assert found.problem is not None
        assert found.moved_to is not None and found.moved_to.read_bytes() == content
        assert not path.exists()


@FUZZ
@given(content=files)
def test_a_config_file_parses_or_fails_with_our_own_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    try:
        store.load_config(path)
    except PallnavError as error:
        assert error.key.startswith("errors.")


PACK_FILES = ["pack.toml", "questionnaire.toml", "channels.toml", "questions.toml",
              "sections/010-what.md"]  # fmt: skip


@FUZZ
@given(name=st.sampled_from(PACK_FILES), content=files)
def test_a_pack_file_with_anything_in_it_gives_problems_never_a_crash(
    tmp_path: Path, name: str, content: bytes
) -> None:
    root = write_pack(tmp_path / "pack")
    (root / name).write_bytes(content)
    _, problems = check_pack(root)
    try:
        load_pack(root)
    except PackInvalid as error:
        assert problems and error.detail
    for problem in problems:
        assert ESCAPE not in str(problem)


@FUZZ
@given(front=toml_tables)
def test_any_front_matter_gives_problems_never_a_crash(
    tmp_path: Path, front: dict[str, object]
) -> None:
    root = write_pack(tmp_path / "pack")
    text = "+++\n" + tomli_w.dumps(front) + "+++\nBody.\n"
    (root / "sections" / "010-what.md").write_text(text)
    check_pack(root)


# --- hostile text is shown inert ---------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE)
def test_escape_sequences_in_a_pack_are_refused_with_the_file_and_line(
    tmp_path: Path, hostile: str
) -> None:
    section = (
        f'+++\nid = "what"\ntitle = "What"\norder = 10\nsources = ["acs"]\n+++\nHi {hostile}\n'
    )
    root = write_pack(tmp_path / "pack", **{"sections__010-what_md": section})
    with pytest.raises(PackInvalid) as raised:
        load_pack(root)
    assert "sections/010-what.md:7" in raised.value.detail
    assert "control characters" in raised.value.detail


MARKUP = "[bold red]Danger[/] [link=https://evil.example]click[/link]"


@pytest.mark.parametrize("terminal", [True, False])
def test_rich_markup_in_a_pack_is_shown_as_written(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    section = (
        f'+++\nid = "what"\ntitle = "{MARKUP}"\norder = 10\nsources = ["acs"]\n+++\n{MARKUP}\n'
    )
    root = write_pack(tmp_path / "pack", **{"sections__010-what_md": section})
    from pallnav import in_use

    monkeypatch.setattr(in_use, "bundled_content_dir", lambda language: root)
    result = run("show", "what", terminal=terminal, env={"TERM": "xterm-256color"})
    assert result.code == 0, result.err
    plain = result.out
    if terminal:
        import re

        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.out)
        assert "\x1b]8;" not in result.out  # no hidden link
    assert "[bold red]Danger[/]" in plain
    assert "[link=https://evil.example]click[/link]" in plain


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_a_person_types_is_shown_inert_in_errors(
    run: Runner, hostile: str, tmp_path: Path
) -> None:
    for args in (
        ["hours", "--tz", f"Mars{hostile}"],
        ["hours", "--check", hostile],
        ["show", hostile],
        ["guide", "--stage", hostile],
        ["hours", "--at", hostile],
    ):
        result = run(*args)
        assert result.code == 2
        assert ESCAPE not in result.err and "\x07" not in result.err
        assert "\u202e" not in result.err and "\u200b" not in result.err


def test_a_hostile_file_name_is_shown_inert(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "sum\x1b]0;owned\x07mary.md"
    result = run(
        "guide", "--role", "patient", "--stage", "new", "--age", "adult", "--setting",
        "clinic", "--insurance", "private", "--export", str(target),
    )  # fmt: skip
    assert result.code == 0
    assert target.exists()
    assert ESCAPE not in result.err and "\x07" not in result.err


# --- pipes, networks and disks -------------------------------------------------------------


def test_a_reader_that_goes_away_gets_no_traceback(home: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d")}
    process = subprocess.Popen(
        [sys.executable, "-m", "pallnav", "guide", "--role", "patient", "--stage", "new",
         "--age", "adult", "--setting", "clinic", "--insurance", "private"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head -0`
    error = process.stderr.read().decode()
    process.stderr.close()
    process.wait()
    assert "Traceback" not in error
    assert "BrokenPipeError" not in error
    assert error == ""


def test_pallnav_head_dash_1_exits_quietly(home: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d")}
    result = subprocess.run(
        f"'{sys.executable}' -m pallnav topics | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.stdout == "Sections of the guide\n"
    assert result.stderr == ""


def test_everything_but_update_works_with_no_network(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("pallnav tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    answers = ["--role", "patient", "--stage", "new", "--age", "adult", "--setting", "clinic",
               "--insurance", "private"]  # fmt: skip
    for args in (
        ["guide", *answers],
        ["guide", *answers, "--format", "markdown"],
        ["hours"],
        ["hours", "--week", "--json"],
        ["topics"],
        ["show", "benefits"],
        ["export", str(tmp_path / "out.md"), *answers],
    ):
        result = run(*args)
        assert result.code == 0, (args, result.err)


def test_a_read_only_disk_is_one_line_and_loses_nothing(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    target = tmp_path / "summary.md"
    target.write_text("keep me\n")

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = run(
        "guide", "--role", "patient", "--stage", "new", "--age", "adult", "--setting", "clinic",
        "--insurance", "private", "--export", str(target), "--force",
    )  # fmt: skip
    assert result.code == 73
    assert result.err.count("\n") == 1
    assert "read-only" in result.err
    assert target.read_text() == "keep me\n"


HYGIENE = textwrap.dedent(
    """
    import io, sys, contextlib
    from pallnav.cli import main

    HEAVY = ["questionary", "prompt_toolkit", "httpx", "httpcore", "h11", "rich", "pydantic",
             "textstat", "markdown_it", "tzlocal"]
    LIGHT = ["html", "json", "packaging", "pallnav.team", "pallnav.hours_spec", "pallnav.tailor",
             "sqlite3", "pallnav.record_store", "pallnav.record", "pallnav.pack_record",
             "pallnav.record_sheet", "pallnav.record_views"]

    def loaded(names):
        return " ".join(sorted(m for m in sys.modules if m in names or m.split(".")[0] in names))

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(sys.argv[1:])
    print(loaded(HEAVY + LIGHT))
    with contextlib.redirect_stdout(out):
        main(["hours", "--tz", "America/Chicago"])
        main(["hours", "--json"])
        main(["--version"])
    print(loaded(HEAVY))
    """
)


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        (["hours"], set()),
        (["guide", "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
          "--setting", "home", "--insurance", "medicare", "--concern", "pain",
          "--format", "markdown"],
         # A kept guide has the blank grid to fill in: the record's words, no sqlite3.
         {"pallnav.tailor", "pallnav.record", "pallnav.pack_record", "pallnav.record_sheet"}),
        (["guide", "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
          "--setting", "home", "--insurance", "medicare", "--concern", "pain"],
         {"pallnav.tailor", "markdown_it", "html"}),  # a section's text, on screen
        (["show", "pain", "--format", "markdown"], set()),
        (["show", "what-it-is"], {"markdown_it", "html"}),
        (["topics"], set()),
    ],
    ids=["hours", "guide-markdown", "guide-plain", "show-markdown", "show", "topics"],
)  # fmt: skip
def test_hours_and_the_markdown_guide_import_nothing_they_do_not_need(
    home: Path, args: list[str], needed: set[str]
) -> None:
    """Start-up (bench/startup.py): with no team.toml and no symptom record, none
    loads the team's modules, the record's (sqlite3), html, json or packaging; no
    plain command loads Rich, questionary or httpx."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d"),
           "TZ": "America/New_York"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", HYGIENE, *args], capture_output=True, text=True, env=env, check=True
    )
    first, then = result.stdout.split("\n")[-3:-1]

    def unneeded(loaded: str) -> set[str]:
        return {m for m in loaded.split() if m not in needed and m.split(".")[0] not in needed}

    assert unneeded(first) == set()
    assert unneeded(then) == set()


def test_write_private_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "file"
    store.write_private(target, "one")
    store.write_private(target, "two")
    assert target.read_text() == "two"
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["file"]
    with pytest.raises(PallnavError):
        store.write_private(target, "three", overwrite=False)
    assert target.read_text() == "two"


# --- what is parsed is bounded; only regular files are read --------------------------------

LONG_KEY = "a" + ".a" * 20_000 + ' = "x"\n'
ANSWERS = ["--role", "patient", "--stage", "new", "--age", "adult", "--setting", "clinic",
           "--insurance", "private"]  # fmt: skip


def test_an_answers_file_with_a_huge_dotted_key_is_refused_before_parsing(
    run: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("role.x" + ".y" * 3000 + ' = "patient"\n')
    result = run("guide", *ANSWERS, "--answers", str(path))
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "more than 32 dotted parts" in result.err


def test_a_config_file_with_a_very_long_line_is_refused(run: Runner, home: Path) -> None:
    config = home / "config" / "pallnav" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(LONG_KEY)
    result = run("hours")
    assert result.code == 2
    assert "config.toml" in result.err and "longer than 10000 characters" in result.err


def test_a_huge_profile_is_moved_aside_not_parsed(run: Runner, home: Path) -> None:
    profile = home / "data" / "pallnav" / "profile.toml"
    profile.parent.mkdir(parents=True)
    profile.write_text('role = "patient"\n' * 5000)
    result = run("guide", *ANSWERS)
    assert result.code == 0
    assert "larger than 65536 bytes" in result.err
    assert not profile.exists()


@pytest.mark.parametrize("name", ["pack.toml", "channels.toml", "questions.toml"])
def test_a_pack_file_with_a_long_dotted_key_is_a_problem_with_file_and_line(
    tmp_path: Path, name: str
) -> None:
    root = write_pack(tmp_path / "pack")
    with (root / name).open("a") as handle:
        handle.write("x" + ".y" * 100 + " = 1\n")
    _, problems = check_pack(root)
    found = [p for p in problems if p.file == name]
    assert found and "more than 32 dotted parts" in found[0].reason
    assert found[0].line == len((root / name).read_text().splitlines())


def test_a_section_front_matter_nested_too_deeply_is_a_problem(tmp_path: Path) -> None:
    section = '+++\nid = "what"\ntitle = "What"\norder = 10\nsources = ["acs"]\nx = '
    section += "[" * 100 + "\n+++\nBody.\n"
    root = write_pack(tmp_path / "pack", **{"sections__010-what_md": section})
    _, problems = check_pack(root)
    assert any("nested more than 32 levels" in p.reason and p.line == 6 for p in problems)


def _pallnav(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d")}
    return subprocess.run(
        [sys.executable, "-m", "pallnav", *args],
        capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip


def test_a_fifo_or_a_device_as_answers_file_is_refused_at_once(home: Path) -> None:
    fifo = home / "answers.fifo"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        result = _pallnav(home, "export", "-", *ANSWERS, "--answers", path)
        assert result.returncode == 2, result.stderr
        assert "not a regular file" in result.stderr
        assert result.stderr.count("\n") == 1


def test_a_fifo_as_config_or_profile_or_pack_file_does_not_hang(home: Path) -> None:
    config = home / "c" / "pallnav" / "config.toml"
    config.parent.mkdir(parents=True)
    os.mkfifo(config)
    result = _pallnav(home, "hours")
    assert result.returncode == 2 and "not a regular file" in result.stderr
    config.unlink()
    profile = home / "d" / "pallnav" / "profile.toml"
    profile.parent.mkdir(parents=True)
    os.mkfifo(profile)
    result = _pallnav(home, "export", "-", *ANSWERS)
    assert result.returncode == 0 and "not a regular file" in result.stderr
    pack = write_pack(home / "pack")
    (pack / "channels.toml").unlink()
    os.mkfifo(pack / "channels.toml")
    result = _pallnav(home, "content", "check", str(pack))
    assert result.returncode == 1
    assert "channels.toml: is not a regular file" in result.stdout + result.stderr


# --- every string of a parsed pack is checked where it enters --------------------------------

ESCAPED = {
    "osc": ("\\u001b]0;owned\\u0007", "U+001B, U+0007"),
    "bidi": ("\\u202eevil", "U+202E"),
    "c1": ("\\u009b2J", "U+009B"),
    "backspace": ("over\\bwrite", "U+0008"),
    "return": ("over\\rwrite", "U+000D"),
    "reference": ("evil&#x202e;", "U+202E"),
    "zero-width": ("a&#8203;b", "U+200B"),
}
# (file, the text to replace, with a place for the hostile string, the line it is on)
PLACES = [
    ("pack.toml", 'title = "Test guide"', 'title = "Test {}"', 4),
    ("pack.toml", 'disclaimer = "Information', 'disclaimer = "{} Information', 7),
    ("pack.toml", 'title = "What Is', 'title = "{} What Is', 10),
    ("questionnaire.toml", 'title = "Role"', 'title = "Role{}"', 2),
    ("questionnaire.toml", 'patient = "Patient"', 'patient = "Patient{}"', 6),
    ("channels.toml", 'name = "Helpline"', 'name = "Help{}"', 3),
    ("channels.toml", 'how = "Use the chat button"', 'how = "Use {}"', 12),
    ("questions.toml", 'start = "Getting started"', 'start = "Getting{}"', 2),
    ("questions.toml", 'text = "How can we help', 'text = "{} How can we help', 13),
    ("sections/010-what.md", 'title = "What it is"', 'title = "What{}"', 3),
]


@pytest.mark.parametrize("hostile", list(ESCAPED), ids=list(ESCAPED))
@pytest.mark.parametrize(
    ("name", "old", "new", "line"), PLACES, ids=[f"{p[0]}:{p[3]}" for p in PLACES]
)
def test_controls_written_as_escapes_in_any_pack_string_are_refused_with_file_and_line(
    tmp_path: Path, hostile: str, name: str, old: str, new: str, line: int
) -> None:
    root = write_pack(tmp_path / "pack")
    path = root / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new.format(ESCAPED[hostile][0]), 1))
    with pytest.raises(PackInvalid) as raised:
        load_pack(root)
    assert f"{name}:{line}:" in raised.value.detail
    assert f"control characters ({ESCAPED[hostile][1]})" in raised.value.detail


@pytest.mark.parametrize("reference", ["&#x202e;", "&#8238;", "&rlm;", "&#X200B;"])
def test_character_references_to_controls_in_a_section_body_are_refused(
    tmp_path: Path, reference: str
) -> None:
    section = (
        f'+++\nid = "what"\ntitle = "What"\norder = 10\nsources = ["acs"]\n+++\n'
        f"Fine.\n\nHi {reference}evil &amp; more.\n"
    )
    root = write_pack(tmp_path / "pack", **{"sections__010-what_md": section})
    with pytest.raises(PackInvalid) as raised:
        load_pack(root)
    assert "sections/010-what.md:9:" in raised.value.detail
    assert "character references" in raised.value.detail


def test_content_check_and_build_refuse_an_escaped_control(run: Runner, tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    channels = root / "channels.toml"
    channels.write_text(channels.read_text().replace('"Helpline"', '"Help\\u001b]0;x\\u0007"'))
    checked = run("content", "check", str(root))
    assert checked.code == 1
    assert "channels.toml:3: contains control characters (U+001B, U+0007)" in checked.out
    built = run("content", "build", str(root), str(tmp_path / "out"))
    assert built.code == 1
    assert not (tmp_path / "out").exists()


def test_every_writer_cleans_what_it_prints(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second wall: text that got past the checks is still shown inert."""
    from pallnav.pack_loader import load_pack as real
    from pallnav.pack_loader import load_reach as real_reach

    def hostile_pack(path: Path, **options: Any) -> Any:
        pack = real(path, **options)
        section = pack.sections[0]._replace(
            title="Wh\x1b]0;owned\x07at", body="Hi \u202eevil &#x202e; \x1b[2J there.\n"
        )
        channel = pack.channels[0]._replace(name="Help\x1b]8;;https://evil\x1b\\line")
        return pack._replace(
            sections=(section, *pack.sections[1:]),
            channels=(channel, *pack.channels[1:]),
            disclaimer="Not advice\u200b\x07.",
        )

    # Where the commands get the pack in use (pallnav.in_use) reads it.
    monkeypatch.setattr("pallnav.in_use.load_pack", hostile_pack)
    monkeypatch.setattr(
        "pallnav.in_use.load_pack_reach",
        lambda path: (real_reach(path)[0], *(lambda p: (p.channels, p.team))(hostile_pack(path))),
    )
    section = run("topics").out.splitlines()[2].split()[0]
    answers = ["--role", "patient", "--stage", "advanced", "--age", "adult", "--setting",
               "clinic", "--insurance", "private"]  # fmt: skip
    outputs = []
    for fmt in ("plain", "markdown", "json", "html"):
        outputs.append(run("guide", *answers, "--format", fmt).out)
    outputs.append(run("guide", *answers, terminal=True, env={"TERM": "xterm"}).out)
    outputs.append(run("show", section).out)
    outputs.append(run("hours").out)
    outputs.append(run("hours", "--json").out)
    outputs.append(run("topics", "--json").out)
    outputs.append(run("export", "-", *answers).out)
    for out in outputs:
        assert "\x07" not in out and "\u202e" not in out and "\u200b" not in out
        assert "&#x202e;" not in out
        assert "\x1b]" not in out and "\x1b[2J" not in out


# --- values that crashed the checker are problems ----------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("closed = 5", "channel.helpline.closed: must be a list of dates"),
        ('closed = "2026-12-25"', "channel.helpline.closed: must be a list of dates"),
        ('zone = "America/Indiana"', 'unknown time zone "America/Indiana"'),
        ('zone = "America"', 'unknown time zone "America"'),
        ('zone = "' + "Europe/" * 1000 + 'Paris"', "unknown time zone"),
    ],
)
def test_values_that_crashed_the_checker_are_problems(
    run: Runner, tmp_path: Path, line: str, expected: str
) -> None:
    root = write_pack(tmp_path / "pack")
    channels = root / "channels.toml"
    text = channels.read_text()
    if line.startswith("zone"):
        text = text.replace('zone = "America/Chicago"', line, 1)
    else:
        text = text.replace("always_open = true", f"always_open = true\n{line}", 1)
    channels.write_text(text)
    for command in ("check", "build"):
        result = run(
            "content", command, str(root), *([str(tmp_path / "out")] * (command == "build"))
        )
        assert result.code == 1, result.err
        assert expected in result.out
        assert len(max(result.out.splitlines(), key=len)) < 400


def test_content_build_applies_the_limits_of_update(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pallnav import publish

    monkeypatch.setattr(publish, "MAX_FILES", 6)  # the test pack has 6 files
    root = write_pack(tmp_path / "pack")
    (root / "sections" / "030-more.md").write_text(
        '+++\nid = "more"\ntitle = "More"\norder = 30\nsources = ["acs"]\n+++\nMore help.\n'
    )
    result = run("content", "build", str(root), str(tmp_path / "out"))
    assert result.code == 1
    assert "update would refuse this pack (more than 6 files)" in result.err
    assert not (tmp_path / "out").exists()


# --- time zones named by a folder, from any source ---------------------------------------------


@pytest.mark.parametrize("name", ["America/Indiana", "America", "Etc", "A/" + "b" * 5000])
@pytest.mark.parametrize("source", ["flag", "env", "config", "system"])
def test_a_zone_that_is_a_folder_or_absurd_is_one_line(
    run: Runner, home: Path, name: str, source: str
) -> None:
    args, env = ["hours"], {}
    if source == "flag":
        args += ["--tz", name]
    elif source == "env":
        env["PALLNAV_TZ"] = name
    elif source == "system":
        env["TZ"] = name
    else:
        config = home / "config" / "pallnav" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text(f'timezone = "{name}"\n')
    result = run(*args, env=env)
    if source == "system":  # the system's zone is a guess: fall back to UTC, say so
        assert result.code == 0, result.err
        assert "UTC" in result.out
    else:
        assert result.code == 2
        assert result.err.count("\n") == 1
        assert "unknown time zone" in result.err


# --- closed streams, a poor encoding, a reader that goes away --------------------------------


def _closing(fd: int) -> Any:
    return lambda: os.close(fd)


def test_with_stdout_closed_the_exit_code_follows_the_command(home: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d")}
    base = [sys.executable, "-m", "pallnav", "hours", "--tz", "America/Chicago", "--check", "chat"]
    for at, code in (("2026-11-27T12:00", 0), ("2026-11-29T12:00", 1)):
        result = subprocess.run(
            [*base, "--at", at], env=env, capture_output=False, stderr=subprocess.PIPE,
            preexec_fn=_closing(1), timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == code
        assert result.stderr == b""


def test_with_stderr_closed_a_bad_value_still_exits_2(home: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d")}
    result = subprocess.run(
        [sys.executable, "-m", "pallnav", "hours", "--tz", "Mars/Base"], env=env,
        stdout=subprocess.PIPE, preexec_fn=_closing(2), timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == b""


def test_an_ascii_terminal_gets_spanish_in_plain_letters(home: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d"),
           "PYTHONIOENCODING": "ascii"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "pallnav", "guide", "--lang", "es", *ANSWERS],
        env=env, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Su guia de cuidados paliativos" in result.stdout.decode("ascii")
    result = subprocess.run(
        [sys.executable, "-m", "pallnav", "hours", "--lang", "es", "--at", "soon"],
        env=env, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.decode("ascii").count("\n") == 1
    assert "\\x" not in result.stderr.decode("ascii")


def test_a_value_in_an_error_is_shown_escaped_not_changed(run: Runner) -> None:
    result = run("hours", "--check", "chat\x1b[31m")
    assert result.code == 2
    assert '"chat\\x1b[31m"' in result.err
    assert "\x1b" not in result.err


# --- answers are never lost ------------------------------------------------------------------


def _export_problem(home: Path, case: str) -> Path:
    if case == "missing folder":
        return home / "no" / "such" / "summary.md"
    if case == "dangling link":
        link = home / "summary.md"
        link.symlink_to(home / "gone.md")
        return link
    if case == "a folder":
        return home
    return Path("~nosuchuser/summary.md")


@pytest.mark.parametrize("case", ["missing folder", "dangling link", "a folder", "unknown user"])
def test_every_problem_with_export_is_found_before_anything_is_asked_or_shown(
    run: Runner, home: Path, case: str
) -> None:
    target = _export_problem(home, case)
    result = run("guide", *ANSWERS, "--export", str(target))
    assert result.code == 2
    assert result.out == ""  # found before the guide: nothing asked, nothing shown
    assert result.err.count("\n") == 1


def test_an_unwritable_export_folder_is_found_before_anything_is_shown(
    run: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # root can write anywhere: pretend
    result = run("guide", *ANSWERS, "--export", str(home / "summary.md"))
    assert result.code == 73
    assert result.out == ""
    assert "permission denied" in result.err


@pytest.mark.parametrize("save", [True, False])
def test_when_the_export_fails_at_the_end_the_answers_are_kept_and_the_way_back_is_said(
    run: Runner, home: Path, monkeypatch: pytest.MonkeyPatch, save: bool
) -> None:
    from pallnav import store as store_module

    real = store.write_private

    def disk_full(path: Path, data: object, **kwargs: object) -> None:
        if path.name == "summary.md":
            raise WriteError("errors.cannot_write", path=str(path), reason="disk full")
        real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "write_private", disk_full)
    target = home / "summary.md"
    result = run("guide", *ANSWERS, "--concern", "pain", "--export", str(target),
                 *(["--save"] if save else []))  # fmt: skip
    assert result.code == 73
    assert "Your palliative care guide" in result.out  # the guide stays shown
    assert "Cannot write" in result.err
    profile = home / "data" / "pallnav" / "profile.toml"
    if save:
        assert profile.exists()
        assert f"pallnav export {target}\n" in result.err
    else:
        assert not profile.exists()
        assert f"pallnav export {target} --role patient --stage new" in result.err
        assert "--concern pain" in result.err


@pytest.mark.parametrize("args", [["guide", *ANSWERS, "--answers", "~nosuchuser/a.toml"],
                                  ["export", "~nosuchuser/summary.md", *ANSWERS]])  # fmt: skip
def test_a_tilde_that_names_no_one_is_one_line_and_exit_2(run: Runner, args: list[str]) -> None:
    result = run(*args)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert '"~nosuchuser/' in result.err and "no such user" in result.err


def test_save_when_the_data_folder_cannot_be_made_keeps_the_guide_and_fails(
    run: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = home / "data-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    result = run("guide", *ANSWERS, "--save")
    assert result.code == 73
    assert "Your palliative care guide" in result.out
    assert result.err.count("\n") == 1
    assert "Cannot write" in result.err


# --- the ends of the calendar, and the hour that does not exist --------------------------------


@pytest.mark.parametrize("at", ["0001-01-01T00:00", "9999-12-31T23:59", "9999-12-28T12:00",
                                "0001-01-01T00:00+14:00"])  # fmt: skip
@pytest.mark.parametrize("command", [["hours"], ["hours", "--week"], ["hours", "--json"],
                                     ["guide", *ANSWERS]])  # fmt: skip
def test_dates_at_the_ends_of_the_calendar_are_one_line(
    run: Runner, at: str, command: list[str]
) -> None:
    result = run(*command, "--at", at)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "between the years 1900 and 2999" in result.err


def test_a_week_at_the_last_year_allowed_is_shown(run: Runner) -> None:
    assert run("hours", "--week", "--at", "2999-12-31T23:00-12:00").code == 0


def test_a_time_skipped_by_spring_forward_moves_forward_with_a_true_offset(run: Runner) -> None:
    result = run("hours", "--json", "--tz", "America/New_York", "--at", "2026-03-08T02:30")
    assert result.code == 0
    assert '"at": "2026-03-08T03:30:00-04:00"' in result.out
    shown = run("hours", "--tz", "America/New_York", "--at", "2026-03-08T02:30").out
    assert "3:30 AM" in shown and "2:30 AM" not in shown


def test_a_section_file_name_with_controls_is_a_problem_shown_inert(
    run: Runner, tmp_path: Path
) -> None:
    root = write_pack(tmp_path / "pack\x1b]0;owned\x07")
    (root / "sections" / "010-what.md").rename(root / "sections" / "010-wh\x1b[2Jat.md")
    result = run("content", "check", str(root))
    assert result.code == 1
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert '"010-wh\\x1b[2Jat.md" holds control characters' in result.out


def test_a_pack_reviewed_on_the_last_day_of_the_calendar_is_shown_not_crashed(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pallnav import in_use

    root = write_pack(tmp_path / "pack")
    pack_toml = root / "pack.toml"
    pack_toml.write_text(pack_toml.read_text().replace("2026-11-01", "9999-12-31"))
    monkeypatch.setattr(in_use, "bundled_content_dir", lambda language: root)
    for args in (["--version"], ["guide", *ANSWERS, "--format", "json"], ["guide", *ANSWERS]):
        result = run(*args)
        assert result.code == 0, result.err


def test_a_file_name_in_a_message_is_shown_escaped_not_changed(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "sum\x1b[31mmary.md"
    target.write_text("keep me\n")
    result = run("guide", *ANSWERS, "--export", str(target))
    assert result.code == 2
    assert "sum\\x1b[31mmary.md" in result.err
    assert "\x1b" not in result.err
