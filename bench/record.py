"""Record benchmark: ten years of daily symptom checks (3,650 days, every symptom,
a note each day) and ten medicines, then ``pallnav log list``, its JSON, the
export and the visit sheet over them.

    uv run python bench/record.py [--runs 15]

Two figures per command:

* "own work": ``cli.main`` run in this process with the record already on disk
  and every module already imported, median of ``--runs`` (what pallnav itself
  does: open and check the database, read, summarise, render, write), as CPU
  time (``time.process_time``: what others running on a shared machine cannot
  inflate) and as wall time;
* "process": a fresh ``python -m pallnav`` (this venv, so the source is not
  byte-compiled unless it already was), median wall time, with ``python -c
  pass`` beside it.

The goal: ``log list`` and the visit sheet each under 100 ms of pallnav's own
work at 3,650 days. Speed is held here, never by a timed test.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

GOAL_MS = 100.0
DAYS = 3650
NOW = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
ANSWERS = [
    "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
    "--setting", "home", "--insurance", "medicare", "--concern", "pain",
]  # fmt: skip
#: (label, arguments, held to the goal)
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("log list (7 days)", ["log", "list"], True),
    ("log list --days 3650", ["log", "list", "--days", "3650"], True),
    ("log list --days 3650 --json", ["log", "list", "--days", "3650", "--json"], True),
    ("log export --format csv", ["log", "export", "--format", "csv"], False),
    ("log export (json)", ["log", "export"], False),
    ("meds list", ["meds", "list"], False),
    ("visit sheet (export --visit -)", ["export", "-", "--visit", *ANSWERS], True),
    ("visit sheet (html)", ["export", "-", "--visit", "--format", "html", *ANSWERS], True),
]


def fill(home: Path) -> None:
    """The record: 3,650 days up to NOW, every symptom scored, a note a day."""
    from pallnav.record import ITEMS, make_entry, make_medicine
    from pallnav.record_store import open_record

    opened = open_record(home / "data" / "pallnav" / "record.sqlite3", create=True)
    assert opened.database is not None
    with opened.database as database, database.transaction() as connection:
        last = NOW.date()
        for number in range(DAYS):
            day = last - timedelta(days=number)
            scores = {item: (number * 7 + index * 3) % 11 for index, item in enumerate(ITEMS)}
            entry = make_entry(day, scores, other="Itching", note=f"Day {number}: a usual day")
            values = (
                day.isoformat(),
                *(scores[item] for item in ITEMS),
                entry.other,
                entry.note,
                "caregiver",
                NOW.isoformat(),
            )
            connection.execute(
                "INSERT INTO entry VALUES (" + ", ".join("?" * len(values)) + ")", values
            )
    with open_record(home / "data" / "pallnav" / "record.sqlite3", create=False).database as db:  # type: ignore[union-attr]
        for number in range(10):
            db.add_medicine(
                make_medicine(
                    f"Medicine {number}", dose="10 mg", when="8 am and 8 pm", purpose="pain"
                ),
                limit=100,
            )
    assert date.fromisoformat(last.isoformat())


def own_work(home: Path, args: list[str], runs: int) -> tuple[float, float, float]:
    """First run (wall), then the median CPU and wall time of ``runs`` later runs
    of ``cli.main``, in ms."""
    from pallnav.cli import main
    from pallnav.context import Context

    def once() -> tuple[float, float]:
        errors = io.StringIO()
        context = Context(
            stdout=io.StringIO(),
            stderr=errors,
            stdin=io.StringIO(),
            environ={"TZ": "America/New_York", "LANG": "en_US.UTF-8"},
            clock=lambda: NOW,
            config_path=home / "config" / "pallnav" / "config.toml",
        )
        start, cpu = time.perf_counter(), time.process_time()
        code = main(list(args), context=context)
        elapsed = (time.perf_counter() - start) * 1000
        used = (time.process_time() - cpu) * 1000
        if code != 0:
            raise SystemExit(f"{' '.join(args)} exited with {code}: {errors.getvalue()}")
        return used, elapsed

    first = once()[1]
    later = [once() for _ in range(runs)]
    return (
        first,
        statistics.median(cpu for cpu, _ in later),
        statistics.median(wall for _, wall in later),
    )


def process(home: Path, args: list[str], runs: int) -> float:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TZ": "America/New_York",
    }
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pallnav-record-bench-") as scratch:
        home = Path(scratch)
        os.environ["XDG_DATA_HOME"] = str(home / "data")
        os.environ["XDG_CONFIG_HOME"] = str(home / "config")
        start = time.perf_counter()
        fill(home)
        size = (home / "data" / "pallnav" / "record.sqlite3").stat().st_size
        print(f"record: {DAYS} days, 10 medicines, {size / 1024:.0f} KiB, "
              f"made in {(time.perf_counter() - start) * 1000:.0f} ms")  # fmt: skip
        bare = process(home, ["-c", "pass"], options.runs)
        print(f"python -c pass: {bare:.0f} ms\n")
        print(f"{'command':34} {'first':>7} {'own cpu':>8} {'own wall':>9} {'process':>8}  goal")
        failed = False
        for label, args, held in COMMANDS:
            first, cpu, wall = own_work(home, args, options.runs)
            whole = process(home, ["-m", "pallnav", *args], max(3, options.runs // 3))
            verdict = ""
            if held:
                ok = cpu < GOAL_MS
                failed |= not ok
                verdict = f"< {GOAL_MS:.0f} ms: {'yes' if ok else 'NO'}"
            print(f"{label:34} {first:7.1f} {cpu:8.1f} {wall:9.1f} {whole:8.0f}  {verdict}")
        print("\nms; first: the first in-process run, imports included (wall); own cpu and")
        print("own wall: medians of later in-process runs; process: a whole `python -m")
        print("pallnav` run (wall). The goal is held on own cpu.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
