"""``pallnav topics``: the guide's sections, by id and title."""

from __future__ import annotations

from typing import NamedTuple

from pallnav.commands.flags import Command, Json, Lang, NoPager, Plain
from pallnav.commands.paging import show_paged
from pallnav.context import Context
from pallnav.errors import ExitCode
from pallnav.in_use import load_content
from pallnav.safetext import clean_all
from pallnav.views import topics_document


class Options(NamedTuple):
    as_json: Json = False
    plain: Plain = False
    no_pager: NoPager = False
    lang: Lang = None


def run(context: Context, options: Options) -> int:
    messages = context.messages_for(options.lang)
    pack, _ = load_content(messages.language)
    if options.as_json:
        data = [{"id": s.id, "title": s.title} for s in pack.sections]
        import json

        context.stdout.write(json.dumps(clean_all(data), ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    show_paged(
        context, topics_document(pack, messages), plain=options.plain, no_pager=options.no_pager
    )
    return ExitCode.OK


COMMAND = Command(Options, run, examples=("pallnav topics", "pallnav topics --json --lang es"))
