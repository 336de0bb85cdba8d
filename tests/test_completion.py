"""Shell completion is Typer's own: the script `pallnav completion SHELL` prints,
loaded in a real bash, zsh and fish, completes what each declaration allows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Runner
from pallnav.answers import OPTIONS
from ptys import spawned

PALLNAV = Path(sys.executable).parent / "pallnav"


def needs(shell: str) -> str:
    """The shell's path; in CI (.ci/run installs them) a missing shell fails the test."""
    found = shutil.which(shell)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{shell} is not installed (.ci/run installs it)")
        pytest.skip(f"{shell} is not installed")
    return found


def environment(home: Path) -> dict[str, str]:
    return {
        "PATH": f"{PALLNAV.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "LANG": "en_US.UTF-8",
        "TERM": "xterm",
    }


def bash_completions(home: Path, *words: str) -> list[str]:
    """Source `pallnav completion bash` in bash, and ask it to complete ``words``
    (the last one is being typed) as a person pressing Tab would."""
    array = " ".join(f"'{w}'" for w in ("pallnav", *words))
    script = (
        "source <(pallnav completion bash) || exit 3\n"
        f"COMP_WORDS=({array}); COMP_CWORD={len(words)}\n"
        "_pallnav_completion pallnav\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        [needs("bash"), "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=environment(home),
        timeout=60,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if line]


def fish_completions(home: Path, line: str) -> list[str]:
    """What fish offers for ``line`` with `pallnav completion fish` loaded."""
    script = f"pallnav completion fish | source; complete -C '{line}'"
    result = subprocess.run(
        [needs("fish"), "--no-config", "-c", script],
        capture_output=True,
        text=True,
        env=environment(home),
        timeout=60,
        check=True,
    )
    return [row.split("\t")[0] for row in result.stdout.splitlines() if row]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not PALLNAV.exists():
        pytest.skip("the pallnav console script is not installed beside this Python")
    return tmp_path_factory.mktemp("home")


def test_bash_completes_commands_and_subcommands(home: Path) -> None:
    assert set(bash_completions(home, "")) >= {"guide", "hours", "show", "profile", "content"}
    assert bash_completions(home, "ho") == ["hours"]
    assert bash_completions(home, "profile", "") == ["show", "forget"]
    assert set(bash_completions(home, "content", "check")) == {"check", "check-links"}


def test_bash_completes_flags_of_the_command_being_typed(home: Path) -> None:
    assert bash_completions(home, "hours", "--ch") == ["--check"]
    assert {"--no-profile", "--no-pager"} <= set(bash_completions(home, "guide", "--no-"))
    assert "--lang" in bash_completions(home, "--")


def test_bash_completes_the_answer_ids_of_each_answer_flag(home: Path) -> None:
    assert bash_completions(home, "guide", "--role", "") == list(OPTIONS["role"])
    assert bash_completions(home, "export", "--stage", "end") == ["end-of-life"]
    assert set(bash_completions(home, "guide", "--concern", "")) == set(OPTIONS["concerns"])


def test_bash_completes_section_ids_for_show_and_channels_for_check(home: Path) -> None:
    assert "what-it-is" in bash_completions(home, "show", "")
    assert set(bash_completions(home, "show", "hospice-c")) == {"hospice-compared", "hospice-care"}
    channels = bash_completions(home, "hours", "--check", "")
    assert {"helpline", "chat"} <= set(channels)
    assert bash_completions(home, "--lang", "es", "show", "pai") == ["pain"]


def test_team_ids_complete_for_team_edit_and_remove_and_hours_check(tmp_path: Path) -> None:
    if not PALLNAV.exists():
        pytest.skip("the pallnav console script is not installed beside this Python")
    subprocess.run(
        [str(PALLNAV), "team", "add", "--name", "Hospice nurse line", "--phone", "555-123-4567"],
        env=environment(tmp_path),
        check=True,
        capture_output=True,
    )
    assert bash_completions(tmp_path, "team", "edit", "") == ["hospice-nurse-line"]
    assert bash_completions(tmp_path, "team", "remove", "hos") == ["hospice-nurse-line"]
    assert "hospice-nurse-line" in bash_completions(tmp_path, "hours", "--check", "")


def test_completing_never_moves_a_broken_team_file_aside(tmp_path: Path) -> None:
    if not PALLNAV.exists():
        pytest.skip("the pallnav console script is not installed beside this Python")
    team = tmp_path / "data" / "pallnav" / "team.toml"
    team.parent.mkdir(parents=True)
    team.write_text("not = [toml", encoding="utf-8")
    assert bash_completions(tmp_path, "team", "edit", "") == []
    assert team.exists()


def test_fish_completes_commands_flags_and_values(home: Path) -> None:
    assert fish_completions(home, "pallnav ho") == ["hours"]
    assert fish_completions(home, "pallnav hours --ch") == ["--check"]
    assert set(fish_completions(home, "pallnav show hospice-c")) == {
        "hospice-care",
        "hospice-compared",
    }


def test_zsh_completes_at_the_first_tab_of_a_new_shell(home: Path) -> None:
    """The script saved in $fpath (as the README says) answers the very first Tab."""

    functions = home / "zsh-functions"
    functions.mkdir(exist_ok=True)
    script = subprocess.run(
        [str(PALLNAV), "completion", "zsh"], capture_output=True, text=True, check=True
    ).stdout
    (functions / "_pallnav").write_text(script, encoding="utf-8")
    shell = spawned(
        needs("zsh"),
        ["-f", "-i"],
        env=environment(home),
        encoding="utf-8",
        dimensions=(24, 100),
        timeout=30,
    )
    try:
        shell.sendline(f"PS1='> '; fpath=({functions} $fpath); autoload -U compinit; compinit -u")
        shell.sendline("echo READY")
        shell.expect("READY\r\n")
        shell.send("pallnav ho\t")
        shell.expect("hours")
        shell.sendcontrol("u")
        shell.send("pallnav guide --role pat\t")
        shell.expect("patient")
        shell.sendcontrol("u")
        shell.sendline("echo DONE")
        shell.expect("DONE\r\n")
        screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|[\x07\x08]", "", shell.before)
        assert "_arguments" not in screen  # nothing of the script leaks onto the line
    finally:
        shell.close(force=True)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_typers_script_for_pallnav(run: Runner, shell: str) -> None:
    result = run("completion", shell)
    assert result.code == 0
    assert f"_PALLNAV_COMPLETE=complete_{shell}" in result.out


def test_an_unknown_shell_is_a_usage_error(run: Runner) -> None:
    result = run("completion", "tcsh")
    assert result.code == 2
    assert "bash, zsh, fish" in result.err


def test_medicine_ids_and_recorded_days_complete_and_a_damaged_record_stays_put(
    tmp_path: Path,
) -> None:
    if not PALLNAV.exists():
        pytest.skip("the pallnav console script is not installed beside this Python")
    for command in (["meds", "add", "--name", "Morphine ER"], ["log", "--at", "2026-01-02",
                                                                "--pain", "3"]):  # fmt: skip
        subprocess.run(
            [str(PALLNAV), *command], env=environment(tmp_path), check=True, capture_output=True
        )
    assert bash_completions(tmp_path, "meds", "edit", "") == ["morphine-er"]
    assert bash_completions(tmp_path, "meds", "remove", "mor") == ["morphine-er"]
    assert bash_completions(tmp_path, "log", "remove", "2026") == ["2026-01-02"]
    assert "list" in bash_completions(tmp_path, "log", "")
    record = tmp_path / "data" / "pallnav" / "record.sqlite3"
    record.write_bytes(b"damaged" * 100)
    assert bash_completions(tmp_path, "meds", "edit", "") == []
    assert record.read_bytes() == b"damaged" * 100


def test_every_command_summary_reaches_the_shell_on_one_line(tmp_path: Path) -> None:
    """fish takes each line Typer prints as a candidate: a summary written over two
    lines in the catalogue offered its second half ("it is used.") as a command."""
    environ = {
        **os.environ,
        "_PALLNAV_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "_TYPER_COMPLETE_ARGS": "pallnav ",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    shown = subprocess.run(
        [sys.executable, "-m", "pallnav"], env=environ, capture_output=True, text=True, check=False
    )
    candidates = [line.partition("\t")[0] for line in shown.stdout.splitlines()]
    assert "hours" in candidates and "guide" in candidates, shown.stdout
    assert all(re.fullmatch(r"[a-z-]+", c) for c in candidates), candidates
