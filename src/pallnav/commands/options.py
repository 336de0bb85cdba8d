"""Typer options for the commands that declare a Typer signature directly
(``profile``, ``update``, ``content``: maintenance, not the hurried path; the
others declare their options as data in ``commands/flags.py``)."""

from __future__ import annotations

from typing import Annotated

import typer

from pallnav.commands.flags import LANG

LangOption = Annotated[str | None, typer.Option(LANG.name, metavar=LANG.metavar, help=LANG.help)]
