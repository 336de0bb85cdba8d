"""Start-up benchmark: each pallnav command beside the floor of any Typer CLI.

    uv run python bench/startup.py [--runs 25] [--against REF] [--venv DIR]

Installs pallnav (not editable, byte-compiled, as ``uv tool install`` does) into a
fresh virtual environment, with ``bench/floor_app.py`` (a one-command Typer app
that prints one line: what any Typer CLI costs to start), then runs every
command, the floor app and the same venv's ``python -c pass`` interleaved,
``--runs`` times each. It prints each median, its ratio to ``python -c pass``
and to the floor from the same run, and the peak memory, beside the goals.

``--against REF`` also installs pallnav as it is at the git revision REF (say
``main``) in a second venv and runs both interleaved, so before and after come
from the same minutes of the same machine.

Speed is held here, never by a timed test. Exit 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"

GUIDE = [
    "guide", "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
    "--setting", "home", "--insurance", "medicare", "--concern", "pain", "--format", "markdown",
]  # fmt: skip


class Case(NamedTuple):
    label: str
    args: list[str]  # after the interpreter
    #: Goals: at most this many times the floor app, or times ``python -c pass``.
    floor_goal: float | None = None
    pass_goal: float | None = None


CASES = [
    Case("python -c pass", ["-c", "pass"]),
    Case("floor: one-command Typer app", ["-m", "floor_app"]),
    Case("pallnav --version", ["-m", "pallnav", "--version"]),
    Case("pallnav --help", ["-m", "pallnav", "--help"], floor_goal=1.5),
    Case("pallnav hours", ["-m", "pallnav", "hours"], floor_goal=1.3),
    Case("pallnav hours --json", ["-m", "pallnav", "hours", "--json"]),
    Case("pallnav topics", ["-m", "pallnav", "topics"]),
    Case("pallnav guide ... --format markdown", ["-m", "pallnav", *GUIDE], floor_goal=2.0),
]
#: The interactive guide, on a terminal: until its first question is on the screen.
FIRST_QUESTION = Case("pallnav guide: first question", [], pass_goal=15.0)
#: What the first question says (the English pack's role prompt).
FIRST_QUESTION_TEXT = b"Who is using this guide?"
#: Peak memory goal for `pallnav hours`, in MiB.
HOURS_RSS_GOAL = 25.0


def install(venv: Path, source: Path) -> Path:
    """A fresh venv with pallnav from ``source`` and the floor app, byte-compiled."""
    uv = shutil.which("uv") or "uv"
    subprocess.run([uv, "venv", "--quiet", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Typer as pallnav pins it, for the floor app (an older pallnav may not need it).
    typer = "typer>=0.26,<0.29"
    quiet = ["--quiet", "--compile-bytecode", "--python", str(python)]
    subprocess.run([uv, "pip", "install", *quiet, str(source), typer], check=True)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    floor = Path(site) / "floor_app.py"
    shutil.copyfile(FLOOR_APP, floor)
    subprocess.run([str(python), "-m", "compileall", "-q", str(floor)], check=True)
    return python


def checkout(ref: str, into: Path) -> Path:
    """The tree of git revision ``ref``, exported (nothing of this checkout changes)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref], check=True, capture_output=True
    ).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run_once(python: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time in seconds and peak RSS in MiB of one run (exit 0, or 1 for a check)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(python), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1) or (code == 1 and args[:2] == ["-m", "floor_app"]):
        raise SystemExit(f"{' '.join(args)} exited with {code}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def first_question(python: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds until ``pallnav guide`` on a terminal shows its first question."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of its own, 80x24
        os.execve(
            str(python),
            [str(python), "-m", "pallnav", "guide", "--no-profile", "--lang", "en"],
            {**env, "TERM": "xterm", "COLUMNS": "80", "LINES": "24"},
        )
    start = time.perf_counter()
    seen = b""
    try:
        while FIRST_QUESTION_TEXT not in seen:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                raise SystemExit("pallnav guide showed no first question within 10 s")
            seen += os.read(fd, 65536)
        return time.perf_counter() - start, 0.0
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


class Install(NamedTuple):
    name: str
    python: Path


def measure(
    installs: list[Install], runs: int, env: dict[str, str]
) -> dict[tuple[str, str], list[float]]:
    """Every case of every install, interleaved, ``runs`` times; also the peak RSS."""
    times: dict[tuple[str, str], list[float]] = {}
    for install_ in installs:  # warm the OS file cache once
        for case in CASES:
            run_once(install_.python, case.args, env)
        first_question(install_.python, env)
    for _ in range(runs):
        for install_ in installs:
            for case in CASES:
                elapsed, rss = run_once(install_.python, case.args, env)
                times.setdefault((install_.name, case.label), []).append(elapsed)
                key = (install_.name, f"rss:{case.label}")
                times[key] = [max([rss, *times.get(key, [])])]
            elapsed, _ = first_question(install_.python, env)
            times.setdefault((install_.name, FIRST_QUESTION.label), []).append(elapsed)
    return times


def report(name: str, times: dict[tuple[str, str], list[float]]) -> bool:
    """Print one install's table; True if every goal is met."""
    base = statistics.median(times[(name, CASES[0].label)])
    floor = statistics.median(times[(name, CASES[1].label)])
    print(f"\n{name}")
    print(f"{'command':38} {'median':>9} {'x pass':>7} {'x floor':>8} {'goal':>12} {'max RSS':>9}")
    met = True
    for case in [*CASES, FIRST_QUESTION]:
        median = statistics.median(times[(name, case.label)])
        ratio, versus_floor = median / base, median / floor
        goal, verdict = "", ""
        if case.floor_goal is not None:
            goal = f"{case.floor_goal:.1f}x floor"
            verdict = "ok" if versus_floor <= case.floor_goal else "OVER"
        if case.pass_goal is not None:
            goal = f"{case.pass_goal:.0f}x pass"
            verdict = "ok" if ratio <= case.pass_goal else "OVER"
        rss = times.get((name, f"rss:{case.label}"), [0.0])[0]
        if case.label == "pallnav hours" and rss > HOURS_RSS_GOAL:
            verdict += " RSS OVER"
        met &= "OVER" not in verdict
        rss_text = f"{rss:6.1f}MiB" if rss else ""
        print(
            f"{case.label:38} {median * 1000:7.1f}ms {ratio:6.2f}x {versus_floor:7.2f}x "
            f"{goal:>12} {rss_text:>9} {verdict}"
        )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--against", metavar="REF", help="also measure this git revision")
    parser.add_argument("--venv", type=Path, help="reuse (or create) this venv for this checkout")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pallnav-bench-") as scratch:
        work = Path(scratch)
        venv = options.venv or work / "venv"
        python = venv / "bin" / "python"
        if not python.exists():
            python = install(venv, ROOT)
        installs = [Install("this checkout", python)]
        if options.against:
            tree = checkout(options.against, work / "against")
            installs.append(Install(options.against, install(work / "venv-against", tree)))
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": scratch,
            "XDG_CONFIG_HOME": f"{scratch}/config",
            "XDG_DATA_HOME": f"{scratch}/data",
            "LANG": "en_US.UTF-8",
            "TERM": "dumb",
        }
        times = measure(installs, options.runs, env)

    print(f"{sys.implementation.name} {sys.version.split()[0]}, {options.runs} runs each, "
          "interleaved; byte-compiled, non-editable installs")  # fmt: skip
    met = [report(install_.name, times) for install_ in installs]
    print(f"\ngoal for pallnav hours peak memory: {HOURS_RSS_GOAL:.0f} MiB")
    if options.against:
        print(f"\nbefore ({options.against}) and after (this checkout), medians:")
        for case in [*CASES, FIRST_QUESTION][2:]:
            before = statistics.median(times[(options.against, case.label)])
            after = statistics.median(times[("this checkout", case.label)])
            print(f"{case.label:38} {before * 1000:7.1f}ms -> {after * 1000:7.1f}ms")
    return 0 if met[0] else 1


if __name__ == "__main__":
    raise SystemExit(main())
