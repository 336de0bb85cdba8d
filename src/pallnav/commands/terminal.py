"""The terminal a command asks its questions on (prompts on stderr, keys from stdin)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pallnav.context import Context, collect_garbage_again

if TYPE_CHECKING:
    from pallnav.prompts import Terminal


def asking_terminal(context: Context) -> Terminal:
    """The prompts' terminal; from here on pallnav waits for a person, so garbage is
    collected again (``cli.main`` held it off while pallnav started)."""
    from pallnav.prompts import Terminal

    terminal = Terminal.on(context.stdin, context.stderr)
    collect_garbage_again()
    return terminal
