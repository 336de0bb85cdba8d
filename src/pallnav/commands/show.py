"""``pallnav show ID``: one section of the guide, with its sources."""

from __future__ import annotations

from typing import Annotated, NamedTuple

from pallnav.commands.flags import Command, Flag, Json, Lang, NoPager, Plain, check_choice
from pallnav.commands.own_team import with_team
from pallnav.commands.paging import show_paged
from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.in_use import load_content
from pallnav.markdown import to_markdown
from pallnav.safetext import clean_all, shown
from pallnav.views import pack_json, section_document, section_json

FORMATS = ("rich", "plain", "markdown", "json")


class Options(NamedTuple):
    # Optional here so that without it pallnav says how to find one (show.needs_id).
    section_id: Annotated[str | None, Flag("ID", "ID", values="sections")] = None
    output_format: Annotated[str | None, Flag("--format", "FORMAT", values=FORMATS)] = None
    as_json: Json = False
    plain: Plain = False
    no_pager: NoPager = False
    lang: Lang = None


def run(context: Context, options: Options) -> int:
    output_format = options.output_format
    if output_format:
        check_choice("--format", output_format, FORMATS)
    if options.as_json:
        if output_format not in (None, "json"):
            raise PallnavError("errors.json_or_format", format=output_format)
        output_format = "json"
    if not options.section_id:
        raise PallnavError("show.needs_id")
    messages = context.messages_for(options.lang)
    pack, choice = load_content(messages.language)
    section = pack.section_asked(options.section_id)
    if section is None:
        close = pack.sections_like(options.section_id)
        raise PallnavError(
            "errors.unknown_section" if close else "errors.unknown_section_far",
            value=shown(options.section_id),
            close=", ".join(close),
        )
    if output_format == "json":
        import json

        data = {
            "id": section.id,
            "title": section.title,
            **section_json(section, pack),
            "pack": pack_json(pack, choice.origin, context.now().date()),
        }
        context.stdout.write(json.dumps(clean_all(data), ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    # The numbers the person saved for the team the section says to call.
    team = with_team(context, messages, (), pack.team) if section.team else ()
    document = section_document(section, pack, choice.origin, messages, team=team)
    if output_format == "markdown":
        context.stdout.write(to_markdown(document))
        return ExitCode.OK
    show_paged(
        context,
        document,
        plain=output_format == "plain" or options.plain,
        no_pager=options.no_pager,
        rich=output_format == "rich",
    )
    return ExitCode.OK


COMMAND = Command(
    Options,
    run,
    examples=(
        "pallnav show what-it-is",
        "pallnav show pain --format markdown > pain.md",
        "pallnav show hospice --json --lang es",
    ),
)
