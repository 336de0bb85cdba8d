"""``pallnav guide``: a few questions, then only what fits, the questions to take to
the care team, and who can be reached right now; kept as a file if wanted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

from pallnav import store
from pallnav.answers import Answers
from pallnav.commands.flags import (
    Age,
    AnswersFile,
    At,
    Command,
    Concerns,
    Flag,
    Force,
    Insurance,
    Json,
    Lang,
    NoPager,
    Plain,
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
    document_text,
    file_format,
    open_in_browser,
    paper_document,
)
from pallnav.commands.summary_file import (
    again_command,
    check_destination,
    write_summary,
)
from pallnav.commands.terminal import asking_terminal
from pallnav.commands.times import parse_at, viewer_contacts
from pallnav.contacts import Contacts
from pallnav.context import Context, available_languages
from pallnav.errors import ExitCode, PallnavError
from pallnav.i18n import Messages
from pallnav.in_use import load_content
from pallnav.safetext import clean_all
from pallnav.tailor import tailor
from pallnav.views import guide_document, guide_json, hours_document, team_blank, visit_document

if TYPE_CHECKING:
    from pallnav.commands.navigator import Outcome
    from pallnav.context import Zone
    from pallnav.document import Document
    from pallnav.pack import Pack
    from pallnav.prompts import Terminal
    from pallnav.record_sheet import RecordShown

GUIDE_FORMATS = ("rich", "plain", "markdown", "html", "json")
#: The visit sheet has no JSON shape.
VISIT_FORMATS = ("rich", "plain", "markdown", "html")


class Options(NamedTuple):
    """What was asked of ``pallnav guide``."""

    role: Role = None
    stage: Stage = None
    age: Age = None
    setting: Setting = None
    insurance: Insurance = None
    concerns: Concerns = None
    answers_file: AnswersFile = None
    use_profile: UseProfile = True
    save: Annotated[bool, Flag("--save")] = False
    output_format: Annotated[str | None, Flag("--format", "FORMAT", values=GUIDE_FORMATS)] = None
    export: Annotated[Path | None, Flag("--export", "FILE", values="file")] = None
    force: Force = False
    visit: Annotated[bool, Flag("--visit")] = False
    open_browser: Annotated[bool, Flag("--open")] = False
    at: At = None
    tz: Tz = None
    show_all: Annotated[bool, Flag("--all")] = False
    as_json: Json = False
    plain: Plain = False
    no_pager: NoPager = False
    lang: Lang = None


def run(context: Context, options: Options) -> int:
    """Ask what is missing, then show only what fits; keep it as a file if wanted."""
    output_format, export, force = options.output_format, options.export, options.force
    if options.as_json:  # --json: the same as --format json, as every command says it
        if output_format not in (None, "json"):
            raise PallnavError("errors.json_or_format", format=output_format)
        output_format = "json"
    visit = options.visit
    # Check every flag, and that --export can be written, before asking anything:
    # a typo must not cost a person the answers they just gave.
    flags = flag_answers(options)
    if output_format:
        check_choice("--format", output_format, VISIT_FORMATS if visit else GUIDE_FORMATS)
    if export is not None:
        export = check_destination(export, force=force)
    # A file is HTML (made to print) unless its name or --format says otherwise,
    # as `pallnav export` and the navigator's "Save ..." write it.
    export_format = file_format(export, output_format, "html")
    if options.open_browser and (export is None or export_format != "html"):
        raise PallnavError("errors.open_needs_html")
    # The zone, the time and the answers file too (the language may be asked next).
    zone_given = context.zone(options.tz)
    if options.at is not None:
        parse_at(options.at, zone_given.tz)
    from_file = read_answers_file(options.answers_file)
    found = read_saved(context, options)
    saved_language = found.language if found is not None else None
    language = _language(context, options.lang, saved_language, answered=not flags.missing())
    messages = context.messages(language)
    pack, choice = load_content(language)
    channels = with_team(context, messages, pack.channels, pack.team)
    contacts, zone = viewer_contacts(context, channels, options.tz, options.at)
    gathered = gather_answers(messages, flags, found, from_file)
    for warning in gathered.warnings:
        context.say(warning)

    answers = gathered.answers
    asked = bool(answers.missing()) and context.can_ask
    if asked:
        from pallnav.prompts import ask_missing

        answers = ask_missing(pack, messages, answers, asking_terminal(context))
    answers = require_complete(answers, messages, "guide.missing")

    result = tailor(pack, answers)

    def record() -> RecordShown | None:
        """Since the last visit: read only for what shows it (a file, JSON, the sheet)."""
        from pallnav.commands.own_record import shown_record

        return shown_record(context, messages, pack, contacts.at.date())

    def kept(kept_format: str) -> str:
        """What a file (or --format markdown/html/json) holds: made for paper."""
        if kept_format == "json":
            import json

            data = guide_json(
                result, pack, contacts, messages, origin=choice.origin, record=record()
            )
            return json.dumps(clean_all(data), ensure_ascii=False, indent=2) + "\n"
        document = paper_document(
            result, pack, contacts, messages, origin=choice.origin, visit=visit, record=record()
        )
        return document_text(document, kept_format, language)

    # On a terminal that can ask, a menu to move through the guide (the navigator);
    # every other way (a pipe, --format, --plain, TERM=dumb, --all, --visit) as
    # before. NO_COLOR only takes the colour away.
    navigate = (
        output_format is None
        and not options.show_all
        and not visit
        and context.can_ask
        and not context.plain(options.plain)
    )
    fmt = output_format or ("plain" if context.plain(options.plain) else "rich")
    changed = team_offered = False
    if navigate:
        outcome = _navigate(
            context, messages, options, pack, choice.origin, answers, gathered.from_profile, zone
        )
        answers, result = outcome.answers, outcome.shown.guide
        changed, team_offered = outcome.changed, outcome.team_offered
        # As of now, with the team as saved now: for --export, and the offers below.
        channels = with_team(context, messages, pack.channels, pack.team)
        contacts = viewer_contacts(context, channels, options.tz, options.at)[0]
    elif fmt in ("json", "markdown", "html"):
        context.stdout.write(kept(fmt))
    else:
        if visit:
            document = visit_document(result, pack, contacts, messages, record())
        else:
            document = guide_document(
                result,
                pack,
                contacts,
                messages,
                origin=choice.origin,
                asked_at=options.at is not None,
                fallback_zone=zone.source == "fallback",
            )
        from pallnav.commands.paging import show_paged

        show_paged(
            context,
            document,
            plain=fmt == "plain",
            no_pager=options.no_pager,
            rich=output_format == "rich",
        )

    # The guide is shown: what fails from here is said in one line, and the
    # answers are kept (saved first, then the file), never lost with it.
    status: int = ExitCode.OK
    saved = False
    if options.save:
        try:
            path = store.save_profile(answers, language=language)
            context.kept(path)
            context.say(messages("guide.saved_profile", path=path))
            saved = True
        except PallnavError as error:
            context.say(messages.explain(error))
            status = error.exit_code
    if export is not None:
        try:
            path = write_summary(export, kept(export_format), force=force)
        except PallnavError as error:
            context.say(messages.explain(error))
            again = again_command(export, answers, saved=saved)
            context.say(messages("guide.export_again", command=again))
            status = error.exit_code
        else:
            context.kept(path)
            context.say(messages("visit.saved" if visit else "guide.exported", path=path))
            if options.open_browser and not open_in_browser(path):
                context.say(messages("visit.cannot_open", path=path))
    if (asked or changed) and context.stdout_is_terminal:
        terminal = asking_terminal(context)
        if export is None and not navigate:
            _offer_summary(context, messages, terminal, contacts, kept)
        if not options.save:
            question = "ask.save_changed" if gathered.from_profile else "ask.save_answers"
            _offer_to_save(context, messages, terminal, answers, messages(question))
        if team_blank(result, pack, contacts) and not team_offered:
            _offer_team(context, messages, terminal, zone.name)
    return status


def _language(
    context: Context, flag_value: str | None, saved: str | None, *, answered: bool
) -> str:
    """The language to use; asked first when nothing set it (a flag, the settings,
    the saved answers) and the system's is not one we have. When every answer came
    as flags there is nothing else to ask: English, and one line on how to choose
    (``LANG=C.UTF-8`` names no language)."""
    language, source = context.language(flag_value, saved)
    languages = available_languages()
    if source == "default" and context.can_ask and answered:
        context.say(context.messages(language)("guide.language_default"))
    elif source == "default" and context.can_ask and len(languages) > 1:
        from pallnav.prompts import ask_language

        catalogues = [context.messages(code) for code in languages]
        prompt = " / ".join(m("ask.language") for m in catalogues)
        names = [(m.language, m("language.name")) for m in catalogues]
        language = context.asked_language = ask_language(names, prompt, asking_terminal(context))
    return language


def _offer_summary(
    context: Context,
    messages: Messages,
    terminal: Terminal,
    contacts: Contacts,
    kept: Callable[[str], str],
) -> None:
    """Offer to keep the summary as a file (HTML, to print, unless its name says
    otherwise); a file that is there is replaced only after a yes."""
    from pallnav.commands.printable import default_name
    from pallnav.commands.saving import Save, save_as
    from pallnav.prompts import yes_no

    if not yes_no(messages("ask.save_summary"), messages, terminal, default=False):
        return

    def write(path: Path, replace: bool) -> Path:
        return write_summary(path, kept(file_format(path, None, "html")), force=replace)

    name = default_name(contacts, visit=False, output_format="html")
    keep = Save(name, "html", write, "guide.exported")
    said = save_as(context, messages, terminal, keep, messages("ask.summary_file"))
    if said:
        context.say(said)


def _navigate(
    context: Context,
    messages: Messages,
    options: Options,
    pack: Pack,
    origin: str,
    answers: Answers,
    from_profile: bool,
    zone: Zone,
) -> Outcome:
    """The first screen and the menu (``commands/navigator.py``). Who can be reached
    is worked out each time it is shown, and each file saved is made as of then."""
    from pallnav.commands.navigator import Navigator, Shown
    from pallnav.commands.printable import default_name, write_guide, write_visit_sheet
    from pallnav.commands.saving import Save
    from pallnav.commands.team import add_by_asking
    from pallnav.screens import overview_documents

    def show(answers: Answers) -> Shown:
        """What the navigator shows for ``answers``, with the care team as saved now."""
        channels = with_team(context, messages, pack.channels, pack.team)

        def contacts_now() -> Contacts:
            """Each channel's state as of now (or --at): the navigator may stay open."""
            return viewer_contacts(context, channels, options.tz, options.at)[0]

        contacts = contacts_now()
        result = tailor(pack, answers)
        blank = team_blank(result, pack, contacts)  # whether a team is saved: it stays so

        def reach() -> Document:
            return hours_document(
                contacts_now(),
                asked_at=options.at is not None,
                fallback_zone=zone.source == "fallback",
                with_week=False,
                messages=messages,
                team_hint=blank,
            )

        def overviews() -> list[Document]:
            return overview_documents(result, contacts_now(), messages, team_blank=blank)

        def record_as_of(now: Contacts) -> RecordShown | None:
            from pallnav.commands.own_record import shown_record

            return shown_record(context, messages, pack, now.at.date())

        def sheet(path: Path, replace: bool) -> Path:
            now = contacts_now()
            return write_visit_sheet(
                path, result, pack, now, messages, force=replace, record=record_as_of(now)
            )

        def whole(path: Path, replace: bool) -> Path:
            now = contacts_now()
            return write_guide(
                path, result, pack, now, messages, origin=origin, force=replace,
                record=record_as_of(now),
            )  # fmt: skip

        def record_screen() -> Document:
            from pallnav.document import Document, Title
            from pallnav.record_sheet import record_document

            record = record_as_of(contacts_now())
            if record is None:  # a pack with no words for the symptoms
                return Document([Title(messages("visit.record_title"))])
            return record_document(record, messages)

        return Shown(
            result,
            contacts,
            reach=reach,
            overviews=overviews,
            # HTML: made to print from a browser, on one page for the sheet.
            sheet=Save(
                default_name(contacts, visit=True, output_format="html"),
                "html",
                sheet,
                "visit.saved",
            ),
            whole=Save(
                default_name(contacts, visit=False, output_format="html"),
                "html",
                whole,
                "nav.saved_guide",
            ),
            team_blank=blank,
            team=[c.channel for c in contacts.items if c.channel.source == "you"],
            record=record_screen,
        )

    def add_team() -> None:
        add_by_asking(context, messages, zone.name)
        context.kept(store.team_path())

    navigator = Navigator(
        context,
        messages,
        asking_terminal(context),
        pack,
        origin,
        answers,
        show,
        add_team=add_team,
        from_profile=from_profile,
    )
    return navigator.run()


def _offer_to_save(
    context: Context, messages: Messages, terminal: Terminal, answers: Answers, question: str
) -> None:
    """Keep the answers, with the language they were read in, for next time?"""
    from pallnav.prompts import yes_no

    if yes_no(question, messages, terminal, default=False):
        path = store.save_profile(answers, language=messages.language)
        context.kept(path)
        context.say(messages("guide.saved_profile", path=path))


def _offer_team(context: Context, messages: Messages, terminal: Terminal, zone: str) -> None:
    """For answers that call for it, with no team saved: the questions of ``team add``."""
    from pallnav.commands.team import add_by_asking
    from pallnav.prompts import yes_no

    if yes_no(messages("team.ask.offer"), messages, terminal, default=False):
        add_by_asking(context, messages, zone)
        context.kept(store.team_path())


COMMAND = Command(
    Options,
    run,
    examples=(
        "pallnav guide",
        "pallnav guide --visit --export visit.html --open",
        "pallnav guide --role caregiver --concern pain --format json",
    ),
)
