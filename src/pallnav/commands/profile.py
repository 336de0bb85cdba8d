"""``pallnav profile show`` and ``pallnav profile forget``: the answers kept with --save."""

from __future__ import annotations

from typing import Annotated

import typer

from pallnav import store
from pallnav.commands.common import (
    get_context,
    load_content,
    messages_for,
    profile_warning,
)
from pallnav.commands.options import (
    LangOption,
)
from pallnav.errors import ExitCode
from pallnav.markdown import answer_lines

app = typer.Typer(
    name="profile",
    help="See or delete the answers saved on this computer.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("show")
def show_profile(ctx: typer.Context, lang: LangOption = None) -> int:
    """Show the saved answers, and where they are kept."""
    context = get_context(ctx)
    messages = messages_for(context, lang)
    found = store.read_profile(now=context.now())
    warning = profile_warning(found, messages)
    if warning:
        context.say(warning)
    if found.answers is None:
        context.say(messages("profile.none"))
        return ExitCode.OK
    pack, _ = load_content(context, messages.language)
    context.stdout.write(messages("profile.saved_at", path=store.profile_path()) + "\n")
    for title, value in answer_lines(found.answers, pack, messages):
        context.stdout.write(f"- {title}: {value}\n")
    return ExitCode.OK


@app.command("forget")
def forget(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    lang: LangOption = None,
) -> int:
    """Delete the saved answers from this computer (asks first on a terminal)."""
    context = get_context(ctx)
    messages = messages_for(context, lang)
    if not store.profile_path().exists():
        context.say(messages("profile.nothing_to_forget"))
        return ExitCode.OK
    if not yes and context.can_ask:
        from pallnav.prompts import Terminal, yes_no

        terminal = Terminal.on(context.stdin, context.stderr)
        if not yes_no(messages("ask.forget"), messages, terminal, default=False):
            context.say(messages("profile.kept"))
            return ExitCode.OK
    store.forget_profile()
    context.say(messages("profile.forgotten"))
    return ExitCode.OK
