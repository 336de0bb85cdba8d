"""``pallnav topics`` and ``pallnav show ID``: browse the guide's sections."""

from __future__ import annotations

import difflib
import json
from typing import Annotated

import typer

from pallnav.commands.common import (
    LangOption,
    PlainOption,
    check_choice,
    get_context,
    load_content,
    messages_for,
)
from pallnav.errors import ExitCode, PallnavError
from pallnav.markdown import section_markdown
from pallnav.render import show as show_document
from pallnav.safetext import shown
from pallnav.views import section_document, topics_document

SHOW_FORMATS = ("rich", "plain", "markdown")


def topics(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print [{"id": ..., "title": ...}] as JSON.')
    ] = False,
    plain: PlainOption = False,
    lang: LangOption = None,
) -> int:
    """List the guide's sections: the id to use with `pallnav show`, and the title."""
    context = get_context(ctx)
    messages = messages_for(context, lang)
    pack, _ = load_content(context, messages.language)
    if as_json:
        data = [{"id": s.id, "title": s.title} for s in pack.sections]
        context.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    show_document(
        topics_document(pack, messages),
        context.stdout,
        plain=context.plain(plain),
        width=context.width,
        environ=context.environ,
    )
    return ExitCode.OK


def show(
    ctx: typer.Context,
    section_id: Annotated[str, typer.Argument(metavar="ID", help="A section id from `topics`.")],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="rich (a terminal's default), plain, or markdown.",
        ),
    ] = "",
    plain: PlainOption = False,
    lang: LangOption = None,
) -> int:
    """Show one section of the guide, with its sources."""
    context = get_context(ctx)
    if output_format:
        check_choice("--format", output_format, SHOW_FORMATS)
    messages = messages_for(context, lang)
    pack, choice = load_content(context, messages.language)
    section = pack.section(section_id)
    if section is None:
        ids = [s.id for s in pack.sections]
        close = difflib.get_close_matches(section_id, ids, n=3, cutoff=0.5)
        raise PallnavError(
            "errors.unknown_section",
            value=shown(section_id),
            close=", ".join(close) if close else ", ".join(ids[:5]) + ", ...",
        )
    if output_format == "markdown":
        context.stdout.write(section_markdown(section, pack, messages))
        return ExitCode.OK
    show_document(
        section_document(section, pack, choice.origin, messages),
        context.stdout,
        plain=output_format == "plain" or context.plain(plain),
        width=context.width,
        environ=context.environ,
    )
    return ExitCode.OK
