"""``pallnav export [FILE|-]``: the Markdown summary for the saved answers (or flags)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pallnav.answers import from_options
from pallnav.commands.common import (
    AgeOption,
    AnswersFileOption,
    AtOption,
    ConcernOption,
    InsuranceOption,
    LangOption,
    ProfileOption,
    RoleOption,
    SettingOption,
    StageOption,
    TzOption,
    gather_answers,
    get_context,
    load_content,
    messages_for,
    require_complete,
    summary_name,
    viewer_contacts,
    write_summary,
)
from pallnav.errors import ExitCode
from pallnav.markdown import to_markdown
from pallnav.tailor import tailor


def export(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE|-]",
            help="Where to write it; - for standard output. Default: pallnav-summary-DATE.md",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    role: RoleOption = None,
    stage: StageOption = None,
    age: AgeOption = None,
    setting: SettingOption = None,
    insurance: InsuranceOption = None,
    concern: ConcernOption = None,
    answers_file: AnswersFileOption = None,
    use_profile: ProfileOption = True,
    at: AtOption = None,
    tz: TzOption = None,
    lang: LangOption = None,
) -> int:
    """Write your summary as Markdown, to print or bring to an appointment. Never asks."""
    context = get_context(ctx)
    flags = from_options(
        role=role, stage=stage, age=age, setting=setting, insurance=insurance, concerns=concern
    )
    messages = messages_for(context, lang)
    pack, choice = load_content(context, messages.language)
    contacts, _ = viewer_contacts(context, pack, tz, at)
    gathered = gather_answers(context, messages, flags, answers_file, use_profile)
    for warning in gathered.warnings:
        context.say(warning)
    answers = gathered.answers
    answers = require_complete(answers, messages, "export.missing")
    text = to_markdown(tailor(pack, answers), pack, contacts, messages, origin=choice.origin)
    if file == "-":
        context.stdout.write(text)
        return ExitCode.OK
    path = write_summary(Path(file or summary_name(context)), text, force=force)
    context.say(messages("guide.exported", path=path))
    return ExitCode.OK
