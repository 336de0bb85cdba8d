"""``pallnav completion SHELL``: a script that lets bash, zsh or fish complete pallnav.

The script asks pallnav itself (``pallnav __complete WORDS...``), which reads the
words with the same declarations as every command (``flags.completing``) and
answers with commands, flags, the answer ids of each answer flag, section ids for
``show`` and channel ids for ``hours --check``. Without an answer, the shell
offers file names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from pallnav.commands.flags import Command, Flag, completing
from pallnav.context import Context, available_languages
from pallnav.errors import ExitCode, PallnavError

SHELLS = ("bash", "zsh", "fish")

_SCRIPTS = {
    "bash": """\
# pallnav completion for bash: eval "$(pallnav completion bash)"
_pallnav_complete() {
    local IFS=$'\\n'
    COMPREPLY=($(pallnav __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
    return 0
}
complete -o default -F _pallnav_complete pallnav
""",
    "zsh": """\
#compdef pallnav
# pallnav completion for zsh: pallnav completion zsh > "${fpath[1]}/_pallnav"
_pallnav() {
    local -a found
    found=("${(@f)$(pallnav __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    if [[ -n "${found[1]}" ]]; then
        compadd -- "${found[@]}"
    else
        _files
    fi
}
compdef _pallnav pallnav
""",
    "fish": """\
# pallnav completion for fish: pallnav completion fish > ~/.config/fish/completions/pallnav.fish
function __pallnav_complete
    set -l words (commandline -opc) (commandline -ct)
    pallnav __complete $words[2..-1] 2>/dev/null
end
complete -c pallnav -a '(__pallnav_complete)'
""",
}


class Options(NamedTuple):
    shell: str = ""


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
    context.stdout.write(_SCRIPTS[options.shell])
    return ExitCode.OK


def complete(
    context: Context,
    words: Sequence[str],
    commands: Mapping[str, str],
    load: Callable[[str], Command],
) -> int:
    """``pallnav __complete WORDS...``: what may replace the last word, one a line."""
    current = words[-1] if words else ""
    at = completing(words, commands, load)
    if at.flag is not None and not at.flag.positional:
        candidates = _values(context, at.flag, at.lang)
    elif current.startswith("-"):
        candidates = [word for word in at.words if word.startswith("-")]
    else:
        candidates = [word for word in at.words if not word.startswith("-")]
        if at.flag is not None:
            candidates += _values(context, at.flag, at.lang)
    for candidate in candidates:
        if candidate.startswith(current):
            context.stdout.write(candidate + "\n")
    return ExitCode.OK


def _values(context: Context, flag: Flag, lang: str | None) -> list[str]:
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
    except PallnavError:
        pass  # a broken pack or setting: nothing to offer, and no noise while typing
    return []


COMMAND = Command(
    (Flag("SHELL", "shell", "argument", "SHELL", values=SHELLS),),
    Options,
    run,
    examples=(
        "pallnav completion bash > ~/.local/share/bash-completion/completions/pallnav",
        'pallnav completion zsh > "${fpath[1]}/_pallnav"',
        "pallnav completion fish > ~/.config/fish/completions/pallnav.fish",
    ),
)
