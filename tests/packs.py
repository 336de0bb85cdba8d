"""Build small content packs for tests, each file inline."""

from __future__ import annotations

from pathlib import Path

PACK_TOML = """\
id = "test-en"
language = "en"
version = "1.0"
title = "Test guide"
reviewed = 2026-11-01
publisher = "Tests"
disclaimer = "Information, not medical advice."

[sources.acs]
title = "What Is Palliative Care?"
publisher = "American Cancer Society"
url = "https://www.cancer.org/"
"""


def questionnaire() -> str:
    from pallnav.answers import OPTIONS

    parts = []
    for question, ids in OPTIONS.items():
        parts.append(
            f'[{question}]\ntitle = "{question.title()}"\nprompt = "{question}?"\n'
            f'help = "Pick one."\n[{question}.options]\n'
        )
        parts.extend(f'{option} = "{option.replace("-", " ").title()}"\n' for option in ids)
        parts.append(f"[{question}.reasons]\n")
        parts.extend(f'{option} = "because {option}"\n' for option in ids)
    return "".join(parts)


CHANNELS_TOML = """\
[[channel]]
id = "helpline"
name = "Helpline"
how = "Call 1-800-227-2345"
zone = "America/Chicago"
always_open = true
sources = ["acs"]

[[channel]]
id = "chat"
name = "Chat"
how = "Use the chat button"
zone = "America/Chicago"
sources = ["acs"]
hours = [{ days = ["mon", "tue", "wed", "thu", "fri"], opens = "07:00", closes = "18:30" }]
"""

QUESTIONS_TOML = """\
[topics]
start = "Getting started"
kids = "For a child"

[[question]]
id = "what-can-it-do"
topic = "start"
text = "What could palliative care do for me now?"

[[question]]
id = "siblings"
topic = "kids"
text = "How can we help brothers and sisters?"
when = { age = ["child"] }
"""

SECTIONS = {
    "010-what.md": """\
+++
id = "what"
title = "What it is"
order = 10
sources = ["acs"]
+++
Palliative care is extra help. It is for people who are very ill.
""",
    "020-children.md": """\
+++
id = "children"
title = "When a child has cancer"
order = 20
sources = ["acs"]
when = { age = ["child"] }
+++
The whole family is part of the care.
""",
}


def write_pack(root: Path, **replace: str | None) -> Path:
    """A valid small pack in ``root``; ``replace`` swaps (or, with None, drops) files.

    Keys are file names with "/" as "__" and "." as "_": ``pack_toml``,
    ``sections__010-what_md``.
    """
    files: dict[str, str | None] = {
        "pack.toml": PACK_TOML,
        "questionnaire.toml": questionnaire(),
        "channels.toml": CHANNELS_TOML,
        "questions.toml": QUESTIONS_TOML,
        **{f"sections/{name}": text for name, text in SECTIONS.items()},
    }
    for key, text in replace.items():
        name = key.replace("__", "/")
        stem, _, suffix = name.rpartition("_")
        files[f"{stem}.{suffix}"] = text
    for name, text in files.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
