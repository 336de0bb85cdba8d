"""What every command shares: the context, common options, and finding the pack."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from pallnav import store
from pallnav.context import Context, bundled_content_dir
from pallnav.errors import PallnavError
from pallnav.i18n import Messages
from pallnav.pack import Channel, Pack
from pallnav.pack_loader import load_channels as load_pack_channels
from pallnav.pack_loader import load_pack
from pallnav.safetext import shown

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


def messages_for(context: Context, lang: str | None) -> Messages:
    """The catalogue for --lang, else the configured or system language."""
    return context.messages(context.language(lang)[0])


def check_choice(flag: str, value: str, allowed: tuple[str, ...]) -> str:
    """``value`` if allowed; else exit 2 naming the flag, the value and the choices."""
    if value in allowed:
        return value
    raise PallnavError(
        "errors.bad_choice", where=flag, value=shown(value), choices=", ".join(allowed)
    )


@dataclass(frozen=True)
class PackChoice:
    """Which pack is in use for a language: its folder, and "bundled" or "updated"."""

    path: Path
    origin: str


def pack_choice(context: Context, language: str) -> PackChoice:
    updated = store.updated_pack_dir(language)
    if updated is not None:
        return PackChoice(updated, "updated")
    return PackChoice(bundled_content_dir(language), "bundled")


def load_content(context: Context, language: str) -> tuple[Pack, PackChoice]:
    """The pack in use for ``language``, fully loaded and validated."""
    choice = pack_choice(context, language)
    return load_pack(choice.path), choice


def load_channels(context: Context, language: str) -> tuple[Channel, ...]:
    return load_pack_channels(pack_choice(context, language).path)[1]
