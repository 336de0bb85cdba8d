"""Start-up benchmark: each pallnav command as a ratio to a bare ``python -c pass``.

    uv run python bench/startup.py [--runs 25] [--venv DIR]

Installs pallnav (not editable, byte-compiled) into a fresh virtual environment,
then runs every command and the same venv's ``python -c pass`` interleaved,
``--runs`` times each, and prints the median wall time, its ratio to ``python -c
pass`` from the same run, and the peak memory (max RSS) of each command, beside
the goals from the start-up issue. Speed is held here, never by a timed test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GUIDE = [
    "guide", "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
    "--setting", "home", "--insurance", "medicare", "--concern", "pain", "--format", "markdown",
]  # fmt: skip

#: (label, arguments after the interpreter, goal as a ratio to `python -c pass`)
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("python -c pass", ["-c", "pass"], None),
    ("pallnav --version", ["-m", "pallnav", "--version"], None),
    ("pallnav --help", ["-m", "pallnav", "--help"], 7.0),
    ("pallnav hours", ["-m", "pallnav", "hours"], 6.0),
    ("pallnav hours --json", ["-m", "pallnav", "hours", "--json"], None),
    ("pallnav topics", ["-m", "pallnav", "topics"], None),
    ("pallnav guide ... --format markdown", ["-m", "pallnav", *GUIDE], 8.0),
]
#: Peak memory goal for `pallnav hours`, in MiB.
HOURS_RSS_GOAL = 25.0


def install(venv: Path) -> Path:
    """A fresh venv with pallnav installed from this checkout, byte-compiled."""
    uv = shutil.which("uv") or "uv"
    subprocess.run([uv, "venv", "--quiet", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--compile-bytecode", "--python", str(python), str(ROOT)],
        check=True,
    )
    return python


def run_once(python: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time in seconds and peak RSS in MiB of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(python), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--venv", type=Path, help="reuse (or create) this venv")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pallnav-bench-") as scratch:
        venv = options.venv or Path(scratch) / "venv"
        python = venv / "bin" / "python"
        if not python.exists():
            python = install(venv)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": scratch,
            "XDG_CONFIG_HOME": f"{scratch}/config",
            "XDG_DATA_HOME": f"{scratch}/data",
            "LANG": "en_US.UTF-8",
            "TERM": "dumb",
        }
        # Warm the OS file cache once before measuring.
        for _, args, _ in COMMANDS:
            run_once(python, args, env)
        times: dict[str, list[float]] = {label: [] for label, _, _ in COMMANDS}
        memory: dict[str, float] = dict.fromkeys(times, 0.0)
        for _ in range(options.runs):
            for label, args, _ in COMMANDS:
                elapsed, rss = run_once(python, args, env)
                times[label].append(elapsed)
                memory[label] = max(memory[label], rss)

    base = statistics.median(times["python -c pass"])
    print(f"{sys.implementation.name} {sys.version.split()[0]}, {options.runs} runs each, "
          "interleaved; byte-compiled, non-editable install")  # fmt: skip
    print(f"{'command':38} {'median':>9} {'ratio':>6} {'goal':>6} {'max RSS':>9}")
    failed = False
    for label, _, goal in COMMANDS:
        median = statistics.median(times[label])
        ratio = median / base
        verdict = ""
        if goal is not None:
            verdict = "ok" if ratio <= goal else "OVER"
            failed |= ratio > goal
        if label == "pallnav hours" and memory[label] > HOURS_RSS_GOAL:
            verdict += " RSS OVER"
            failed = True
        goal_text = f"{goal:.1f}x" if goal else ""
        print(
            f"{label:38} {median * 1000:7.1f}ms {ratio:5.2f}x {goal_text:>6} "
            f"{memory[label]:6.1f}MiB {verdict}"
        )
    print(f"goal for pallnav hours peak memory: {HOURS_RSS_GOAL:.0f} MiB")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
