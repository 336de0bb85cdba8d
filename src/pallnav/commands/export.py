"""``pallnav export [FILE|-]``: the Markdown summary for the saved answers (or flags)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from pallnav.answers import MULTIPLE, choices, flag, from_options
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
    summary_name,
    viewer_contacts,
    write_summary,
)
from pallnav.errors import ExitCode, PallnavError
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
    missing = [q for q in answers.missing() if q not in MULTIPLE]
    if missing:
        items = [messages("guide.missing_item", flag=flag(q), choices=choices(q)) for q in missing]
        raise PallnavError("export.missing", missing="; ".join(items))
    if answers.concerns is None:
        answers = replace(answers, concerns=())
    text = to_markdown(tailor(pack, answers), pack, contacts, messages, origin=choice.origin)
    if file == "-":
        context.stdout.write(text)
        return ExitCode.OK
    path = write_summary(Path(file or summary_name(context)), text, force=force)
    context.say(messages("guide.exported", path=path))
    return ExitCode.OK
