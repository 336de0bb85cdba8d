"""``pallnav export [FILE|-]``: the summary (or, with ``--visit``, the one-page
sheet for the next visit) for the saved answers (or flags), as Markdown, HTML or
plain text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NamedTuple

from pallnav.commands.flags import (
    Age,
    AnswersFile,
    At,
    Command,
    Concerns,
    Flag,
    Force,
    Insurance,
    Lang,
    Role,
    Setting,
    Stage,
    Tz,
    UseProfile,
    check_choice,
)
from pallnav.commands.gather import (
    flag_answers,
    gather_answers,
    read_answers_file,
    read_saved,
    require_complete,
)
from pallnav.commands.own_team import with_team
from pallnav.commands.printable import (
    FILE_FORMATS,
    default_name,
    document_text,
    file_format,
    open_in_browser,
    paper_document,
)
from pallnav.commands.summary_file import free_name, write_summary
from pallnav.commands.times import viewer_contacts
from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.in_use import load_content
from pallnav.tailor import tailor


class Options(NamedTuple):
    """What was asked of ``pallnav export``."""

    file: Annotated[str | None, Flag("FILE", "FILE|-", values="file")] = None
    force: Force = False
    output_format: Annotated[str | None, Flag("--format", "FORMAT", values=FILE_FORMATS)] = None
    visit: Annotated[bool, Flag("--visit")] = False
    open_browser: Annotated[bool, Flag("--open")] = False
    role: Role = None
    stage: Stage = None
    age: Age = None
    setting: Setting = None
    insurance: Insurance = None
    concerns: Concerns = None
    answers_file: AnswersFile = None
    use_profile: UseProfile = True
    at: At = None
    tz: Tz = None
    lang: Lang = None


def run(context: Context, options: Options) -> int:
    """Write the summary or the visit sheet to a private file (or stdout); never asks."""
    if options.output_format:
        check_choice("--format", options.output_format, FILE_FORMATS)
    to_stdout = options.file == "-"
    named = Path(options.file) if options.file and not to_stdout else None
    # To a file: HTML (made to print) unless its name or --format says otherwise,
    # as the navigator saves it. To standard output: Markdown, the summary's text.
    default = "html" if options.visit or not to_stdout else "markdown"
    fmt = file_format(named, options.output_format, default)
    if options.open_browser and (to_stdout or fmt != "html"):
        raise PallnavError("errors.open_needs_html")
    flags = flag_answers(options)
    found = read_saved(context, options)  # the saved answers, and the language kept with them
    messages = context.messages(context.language(options.lang, found and found.language)[0])
    pack, choice = load_content(messages.language)
    contacts, _ = viewer_contacts(
        context, with_team(context, messages, pack.channels, pack.team), options.tz, options.at
    )
    gathered = gather_answers(messages, flags, found, read_answers_file(options.answers_file))
    for warning in gathered.warnings:
        context.say(warning)
    answers = require_complete(gathered.answers, messages, "export.missing")
    guide = tailor(pack, answers)
    from pallnav.commands.own_record import shown_record

    record = shown_record(context, messages, pack, contacts.at.date())
    document = paper_document(
        guide, pack, contacts, messages, origin=choice.origin, visit=options.visit, record=record
    )
    text = document_text(document, fmt, messages.language)
    if to_stdout:
        context.stdout.write(text)
        return ExitCode.OK
    if named is None:  # today's name; the next free one, as the navigator suggests
        name = default_name(contacts, visit=options.visit, output_format=fmt)
        named = Path(name if options.force else free_name(Path(name)))
    path = write_summary(named, text, force=options.force)
    context.say(messages("visit.saved" if options.visit else "guide.exported", path=path))
    if options.open_browser and not open_in_browser(path):
        context.say(messages("visit.cannot_open", path=path))
    return ExitCode.OK


COMMAND = Command(
    Options,
    run,
    examples=(
        "pallnav export --visit",
        "pallnav export guide.md --force",
        "pallnav export - --no-profile --answers answers.toml",
    ),
)
