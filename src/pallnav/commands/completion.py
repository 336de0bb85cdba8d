"""``pallnav completion SHELL``: the script that lets bash, zsh or fish complete pallnav.

The script is Typer's own: the shell runs ``pallnav`` with ``_PALLNAV_COMPLETE``
set, and Typer reads the words typed with the same app as every command
(``commands/app.py``). Each flag's values complete from its declaration:
:func:`values_of` gives the answer ids of each answer flag, section ids for
``show``, channel ids for ``hours --check``, team ids for ``team edit`` and
``team remove``, and the languages. Without an answer, the shell offers file names.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from pallnav.commands.flags import Command, Flag
from pallnav.context import Context, available_languages
from pallnav.errors import ExitCode, PallnavError

SHELLS = ("bash", "zsh", "fish")

#: Typer's zsh script registers its function when loaded; autoloaded from $fpath
#: (``#compdef``), the first Tab would only load it. As Click's own zsh script
#: does, it also completes at once when autoloaded (every later Tab calls the
#: registered function directly).
_ZSH_AUTOLOAD = """\
compdef _pallnav_completion pallnav
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  # autoloaded from $fpath by the first Tab: complete that Tab too
  _pallnav_completion "$@"
fi"""


class Options(NamedTuple):
    shell: Annotated[str, Flag("SHELL", "SHELL", values=SHELLS)] = ""


def run(context: Context, options: Options) -> int:
    """Print the completion script for ``options.shell``."""
    if options.shell not in SHELLS:
        from pallnav.safetext import shown

        raise PallnavError(
            "errors.bad_choice",
            where="SHELL",
            value=shown(options.shell),
            choices=", ".join(SHELLS),
        )
    context.stdout.write(script(options.shell) + "\n")
    return ExitCode.OK


def script(shell: str) -> str:
    """Typer's completion script for ``shell``, calling ``pallnav``."""
    import typer.completion

    from pallnav.commands.app import COMPLETE_VAR, PROG

    text = typer.completion.get_completion_script(
        prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell
    )
    if shell == "zsh":
        register = "compdef _pallnav_completion pallnav"
        assert text.rstrip().endswith(register), "Typer's zsh script changed: look again"
        text = text.rstrip().removesuffix(register) + _ZSH_AUTOLOAD
    return text


def values_of(context: Context, flag: Flag, lang: str | None) -> list[str]:
    """What may be typed as the value of ``flag``; none for a file (the shell knows)."""
    if isinstance(flag.values, tuple):
        return list(flag.values)
    try:
        if flag.values == "languages":
            return list(available_languages())
        language = context.language(lang)[0]
        if flag.values == "sections":
            from pallnav.in_use import load_content

            return [section.id for section in load_content(language)[0].sections]
        if flag.values == "channels":
            from pallnav.commands.own_team import with_team
            from pallnav.in_use import load_reach

            channels, words = load_reach(language)
            with_yours = with_team(context, context.messages(language), channels, words)
            return [channel.id for channel in with_yours]
        if flag.values == "team":  # read only: completing never moves a broken file aside
            from pallnav import store, team

            data = store.read_toml(store.team_path())
            return [member.id for member in team.from_mapping(data)] if data else []
        if flag.values in ("medicines", "days"):  # read only, as for the team
            from pallnav.record_store import ids_for_completion

            return ids_for_completion(flag.values)
    except (PallnavError, ValueError):
        pass  # a broken pack, setting or team file: nothing to offer, no noise while typing
    return []


COMMAND = Command(
    Options,
    run,
    examples=(
        "pallnav completion bash > ~/.local/share/bash-completion/completions/pallnav",
        'pallnav completion zsh > "${fpath[1]}/_pallnav"',
        "pallnav completion fish > ~/.config/fish/completions/pallnav.fish",
    ),
)
