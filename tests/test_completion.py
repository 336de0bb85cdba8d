"""Shell completion: the bash script, loaded in a real bash, asks pallnav what fits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Runner
from pallnav.answers import OPTIONS

PALLNAV = Path(sys.executable).parent / "pallnav"


def bash_completions(home: Path, *words: str) -> list[str]:
    """Source `pallnav completion bash` in bash, and ask it to complete ``words``
    (the last one is being typed) as a person pressing Tab would."""
    array = " ".join(f"'{w}'" for w in ("pallnav", *words))
    script = (
        "source <(pallnav completion bash) || exit 3\n"
        f"COMP_WORDS=({array}); COMP_CWORD={len(words)}\n"
        "_pallnav_complete\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {
        "PATH": f"{PALLNAV.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "LANG": "en_US.UTF-8",
    }
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if line]


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
    assert bash_completions(home, "show", "hospice-c") == ["hospice-compared", "hospice-care"]
    channels = bash_completions(home, "hours", "--check", "")
    assert {"helpline", "chat"} <= set(channels)
    assert bash_completions(home, "--lang", "es", "show", "pai") == ["pain"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_that_asks_pallnav(run: Runner, shell: str) -> None:
    result = run("completion", shell)
    assert result.code == 0
    assert "pallnav __complete" in result.out


def test_an_unknown_shell_is_a_usage_error(run: Runner) -> None:
    result = run("completion", "tcsh")
    assert result.code == 2
    assert "bash, zsh, fish" in result.err
