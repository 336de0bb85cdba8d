"""``pallnav profile show`` and ``pallnav profile forget``: the answers kept with --save."""

from __future__ import annotations

from typing import NamedTuple

from pallnav import store
from pallnav.commands.flags import Command, Json, Lang, Yes
from pallnav.commands.gather import profile_warning
from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.in_use import load_content
from pallnav.safetext import clean, clean_all
from pallnav.wording import answer_lines


class ShowOptions(NamedTuple):
    as_json: Json = False
    lang: Lang = None


def show_profile(context: Context, options: ShowOptions) -> int:
    """Show the saved answers, and where they are kept (``--json``: for scripts)."""
    messages = context.messages_for(options.lang)
    found = store.read_profile(now=context.now())
    warning = profile_warning(found, messages)
    if warning:
        context.say(warning)
    if options.as_json:
        import json

        data = {
            "path": str(store.profile_path()),
            "answers": None if found.answers is None else found.answers.to_dict(),
            "language": found.language,
        }
        context.stdout.write(json.dumps(clean_all(data), ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    if found.answers is None:
        context.say(messages("profile.none"))
        return ExitCode.OK
    pack, _ = load_content(messages.language)
    context.stdout.write(messages("profile.saved_at", path=store.profile_path()) + "\n")
    for title, value in answer_lines(found.answers, pack, messages):
        context.stdout.write(clean(f"- {title}: {value}") + "\n")
    return ExitCode.OK


class ForgetOptions(NamedTuple):
    yes: Yes = False
    lang: Lang = None


def forget(context: Context, options: ForgetOptions) -> int:
    """Delete the saved answers from this computer (asks first on a terminal)."""
    messages = context.messages_for(options.lang)
    if not store.profile_path().exists():
        context.say(messages("profile.nothing_to_forget"))
        return ExitCode.OK
    if not options.yes and not context.can_ask:
        raise PallnavError("profile.needs_yes")  # as gh does: no silent deletion from a script
    if not options.yes:
        from pallnav.commands.terminal import asking_terminal
        from pallnav.prompts import yes_no

        terminal = asking_terminal(context)
        if not yes_no(messages("ask.forget"), messages, terminal, default=False):
            context.say(messages("profile.kept"))
            return ExitCode.OK
    store.forget_profile()
    context.say(messages("profile.forgotten"))
    return ExitCode.OK


SHOW = Command(
    ShowOptions,
    show_profile,
    examples=("pallnav profile show", "pallnav profile show --json"),
)
FORGET = Command(
    ForgetOptions,
    forget,
    examples=("pallnav profile forget", "pallnav profile forget --yes"),
)
