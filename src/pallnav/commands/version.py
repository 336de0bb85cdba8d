"""``pallnav --version``: the program's version and the content in use."""

from __future__ import annotations

from pallnav import __version__
from pallnav.commands.common import load_content
from pallnav.context import Context
from pallnav.pack import review_is_stale
from pallnav.views import pack_line


def show_version(context: Context) -> None:
    """``pallnav 0.1.0``, then which pack is in use (built in or updated) and when it
    was reviewed; a gentle note on stderr when that review is over a year old."""
    context.stdout.write(f"pallnav {__version__}\n")
    context.stdout.flush()
    messages = context.messages(context.language()[0])
    pack, choice = load_content(context, messages.language)
    context.stdout.write(pack_line(pack, choice.origin, messages) + "\n")
    if review_is_stale(pack.reviewed, context.now().date()):
        note = messages("update.stale", reviewed=messages.full_date(pack.reviewed))
        context.stderr.write(note + "\n")
