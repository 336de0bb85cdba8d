"""``pallnav export [FILE|-]``: the Markdown summary for the saved answers (or flags)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from pallnav.commands.common import (
    flag_answers,
    gather_answers,
    load_content,
    messages_for,
    require_complete,
    summary_name,
    viewer_contacts,
    write_summary,
)
from pallnav.commands.flags import ANSWER_FLAGS, AT, LANG, TZ, Command, Flag
from pallnav.context import Context
from pallnav.errors import ExitCode
from pallnav.markdown import to_markdown
from pallnav.tailor import tailor
from pallnav.views import guide_document


class Options(NamedTuple):
    """What was asked of ``pallnav export``."""

    file: str | None = None
    force: bool = False
    role: str | None = None
    stage: str | None = None
    age: str | None = None
    setting: str | None = None
    insurance: str | None = None
    concerns: tuple[str, ...] | None = None
    answers_file: Path | None = None
    use_profile: bool = True
    at: str | None = None
    tz: str | None = None
    lang: str | None = None


FLAGS = (
    Flag("FILE", "file", "optional-argument", "FILE|-", values="file"),
    Flag("--force", "force", "switch"),
    *ANSWER_FLAGS,
    AT,
    TZ,
    LANG,
)


def run(context: Context, options: Options) -> int:
    """Write the summary to a private file (or stdout); never asks a question."""
    flags = flag_answers(options)
    messages = messages_for(context, options.lang)
    pack, choice = load_content(context, messages.language)
    contacts, _ = viewer_contacts(context, pack.channels, options.tz, options.at)
    gathered = gather_answers(context, messages, flags, options)
    for warning in gathered.warnings:
        context.say(warning)
    answers = require_complete(gathered.answers, messages, "export.missing")
    document = guide_document(
        tailor(pack, answers), pack, contacts, messages, origin=choice.origin, paper=True
    )
    text = to_markdown(document)
    if options.file == "-":
        context.stdout.write(text)
        return ExitCode.OK
    path = write_summary(Path(options.file or summary_name(contacts)), text, force=options.force)
    context.say(messages("guide.exported", path=path))
    return ExitCode.OK


COMMAND = Command(
    FLAGS,
    Options,
    run,
    examples=(
        "pallnav export",
        "pallnav export visit.md --force",
        "pallnav export - --no-profile --answers answers.toml",
    ),
)
