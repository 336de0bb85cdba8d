"""The project's own checks, run in CI with the tests: lint, types, architecture."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def bin_path(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed in the test environment")
    return found


def test_ruff_finds_nothing() -> None:
    result = run_tool(
        bin_path("ruff"),
        "check",
        "--output-format",
        "concise",
        "src",
        "tests",
        "bench",
        "hatch_build.py",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = run_tool(
        bin_path("ruff"), "format", "--check", "src", "tests", "bench", "hatch_build.py"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = run_tool(bin_path("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_imports_nothing_from_the_shell() -> None:
    result = run_tool(bin_path("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr
