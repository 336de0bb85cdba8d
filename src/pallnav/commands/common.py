"""What every command shares: the context, common options, and finding the pack."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pallnav.context import Context, bundled_content_dir
from pallnav.pack import Channel
from pallnav.pack_loader import load_channels as load_pack_channels

PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain", help="Plain text: no colour, no boxes (also when piped, NO_COLOR, or TERM=dumb)."
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language: en or es. Default: PALLNAV_LANG, then config, then the system's.",
    ),
]


def get_context(ctx: typer.Context) -> Context:
    context = ctx.find_root().obj
    assert isinstance(context, Context), "cli.main passes a Context as obj"
    return context


def pack_dir(context: Context, language: str) -> Path:
    """The pack in use for ``language``: the bundled one (updates come later)."""
    return bundled_content_dir(language)


def load_channels(context: Context, language: str) -> tuple[Channel, ...]:
    return load_pack_channels(pack_dir(context, language))[1]
