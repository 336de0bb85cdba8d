"""Scale benchmark: tailoring and the Markdown summary over a synthetic pack.

    uv run python bench/scale.py

Builds packs of 1,000 sections and 5,000 questions (and twice and four times
that), tailors each for one person and writes the Markdown summary, and prints
the median time of each step over several runs. The goal: under 100 ms at
1,000 sections and 5,000 questions, growing linearly with size.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pallnav.answers import OPTIONS, Answers
from pallnav.contacts import contacts_at
from pallnav.context import package_dir
from pallnav.i18n import load_messages
from pallnav.in_use import bundled_content_dir
from pallnav.markdown import to_markdown
from pallnav.pack import Pack, Question, Section, When
from pallnav.pack_loader import load_pack
from pallnav.tailor import tailor
from pallnav.views import guide_document

GOAL_MS = 100.0
RUNS = 7


def synthetic(base: Pack, sections: int, questions: int, topics: int = 50) -> Pack:
    """``base`` with ``sections`` sections and ``questions`` questions, a third of
    each for everyone, the rest for one answer or two."""
    dimensions = [q for q in OPTIONS if q != "concerns"]
    body = base.sections[1].body

    def when(number: int) -> When:
        if number % 3 == 0:
            return When()
        first = dimensions[number % len(dimensions)]
        rules = [(first, frozenset(OPTIONS[first][number % 3 :: 2]))]
        if number % 3 == 2:
            rules.append(("concerns", frozenset(OPTIONS["concerns"][number % 8 :: 3])))
        return When(tuple(rules))

    topic_ids = [(f"topic-{n}", f"Topic {n}") for n in range(topics)]
    return base._replace(
        sections=tuple(
            Section(f"s-{n}", f"Section {n}", n, ("acs",), when(n), body, f"s-{n}.md")
            for n in range(sections)
        ),
        topics=tuple(topic_ids),
        questions=tuple(
            Question(f"q-{n}", topic_ids[n % topics][0], f"Question number {n}?", when(n))
            for n in range(questions)
        ),
    )


def timed(action: object) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    base = load_pack(bundled_content_dir("en"))
    messages = load_messages(package_dir() / "locales" / "en.toml", "en")
    zone = ZoneInfo("America/New_York")
    contacts = contacts_at(base.channels, datetime(2026, 11, 27, 20, tzinfo=UTC), zone, "X")
    person = Answers("caregiver", "advanced", "older-adult", "home", "medicare", ("pain", "cost"))
    print(f"{'sections':>9} {'questions':>10} {'tailor':>9} {'markdown':>9} {'total':>9}")
    failed = False
    for factor in (1, 2, 4):
        pack = synthetic(base, 1000 * factor, 5000 * factor)
        guide = tailor(pack, person)
        tailor_ms = timed(lambda pack=pack: tailor(pack, person))
        markdown_ms = timed(
            lambda pack=pack, guide=guide: to_markdown(
                guide_document(guide, pack, contacts, messages, origin="bundled", paper=True)
            )
        )
        total = tailor_ms + markdown_ms
        print(
            f"{1000 * factor:>9} {5000 * factor:>10} {tailor_ms:8.1f}ms "
            f"{markdown_ms:8.1f}ms {total:8.1f}ms"
        )
        if factor == 1 and total > GOAL_MS:
            failed = True
    print(
        f"goal: under {GOAL_MS:.0f} ms at 1,000 sections and 5,000 questions; "
        "each doubling should about double the time."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
