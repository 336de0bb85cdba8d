"""pallnav with a clock a test can move: ``python tests/clocked.py CLOCK_FILE ARGS...``.

CLOCK_FILE holds an ISO 8601 time with its offset; pallnav reads it each time it
looks at the clock, so a test in a pseudo-terminal can let time pass mid-session.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from pallnav.cli import main
from pallnav.context import Context


def clocked() -> int:
    clock_file = Path(sys.argv[1])
    context = Context.from_process()
    context.clock = lambda: datetime.fromisoformat(clock_file.read_text().strip())
    sys.argv = ["pallnav", *sys.argv[2:]]
    return main(None, context=context)


if __name__ == "__main__":
    raise SystemExit(clocked())
