"""``pallnav content ...``: tools for the people who write and publish packs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from pallnav.commands.common import get_context, messages_for, pack_choice
from pallnav.errors import ExitCode
from pallnav.i18n import Messages
from pallnav.pack import Pack
from pallnav.pack_loader import check_pack
from pallnav.readability import measure

app = typer.Typer(
    name="content",
    help="Check, build and publish content packs (for pack writers).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("check")
def check(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(metavar="[DIR]", help="A pack folder. Default: the pack in use."),
    ] = None,
) -> int:
    """Check a pack: every problem with its file and line, and each section's reading level.

    Exit 0 when the pack is clean, 1 when anything needs fixing.
    """
    context = get_context(ctx)
    messages = messages_for(context, None)
    folder = directory or pack_choice(context, messages.language).path
    write = context.stdout.write
    write(messages("content.checking", path=folder) + "\n")
    pack, problems = check_pack(folder)
    lines = [str(p) for p in problems]
    if pack is not None:
        lines += _report_readings(pack, messages, write)
    for line in lines:
        write(line + "\n")
    if lines or pack is None:
        write(messages("content.problem_count", count=len(lines)) + "\n")
        return ExitCode.NO
    write(
        messages(
            "content.clean",
            id=pack.id,
            version=pack.version,
            language=pack.language,
            sections=len(pack.sections),
            questions=len(pack.questions),
            channels=len(pack.channels),
        )
        + "\n"
    )
    return ExitCode.OK


def _report_readings(pack: Pack, messages: Messages, write: Callable[[str], object]) -> list[str]:
    """Print each section's reading measure; return a problem line for each that fails."""
    failing: list[str] = []
    for section in pack.sections:
        reading = measure(section.body, pack.language)
        if reading is None:
            note = messages(
                "content.no_measure", file=section.file, id=section.id, language=pack.language
            )
            write(note + "\n")
            continue
        verdict = messages("content.reading_ok" if reading.passes else "content.reading_bad")
        row = messages(
            "content.reading",
            file=section.file,
            id=section.id,
            reading=reading.describe(),
            verdict=verdict,
        )
        write(row + "\n")
        if not reading.passes:
            failing.append(
                messages("content.hard_to_read", file=section.file, reading=reading.describe())
            )
    return failing
