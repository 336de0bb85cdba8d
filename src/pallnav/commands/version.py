"""``pallnav --version``: the program's version and the content in use."""

from __future__ import annotations

from pallnav import __version__
from pallnav.commands.common import load_content
from pallnav.context import Context
from pallnav.markdown import pack_line
from pallnav.views import stale_note


def show_version(context: Context) -> None:
    """``pallnav 0.1.0``, then which pack is in use (built in or updated) and when it
    was reviewed; a gentle note on stderr when that review is over a year old."""
    context.stdout.write(f"pallnav {__version__}\n")
    context.stdout.flush()
    messages = context.messages(context.language()[0])
    pack, choice = load_content(context, messages.language)
    context.stdout.write(pack_line(pack, choice.origin, messages) + "\n")
    note = stale_note(pack, context.now(), messages)
    if note:
        context.say(note)
