"""``pallnav --version``: the program's version and the content in use."""

from __future__ import annotations

from pallnav import __version__
from pallnav.context import Context
from pallnav.in_use import pack_choice
from pallnav.pack_loader import load_header
from pallnav.safetext import clean
from pallnav.wording import pack_line, stale_note


def show_version(context: Context) -> None:
    """``pallnav 0.1.0``, then which pack is in use (built in or updated) and when it
    was reviewed; a gentle note on stderr when that review is over a year old."""
    context.stdout.write(f"pallnav {__version__}\n")
    context.stdout.flush()
    messages = context.messages(context.language()[0])
    choice = pack_choice(messages.language)
    header = load_header(choice.path)
    context.stdout.write(clean(pack_line(header, choice.origin, messages)) + "\n")
    note = stale_note(header, context.now(), messages)
    if note:
        context.say(note)
