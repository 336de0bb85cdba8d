"""Asking, one question at a time, in a real terminal (questionary).

Only ``commands/guide.py`` calls this, and only when stdin and stderr are both
terminals: questionary has no guard for a missing terminal. Prompts are drawn on
stderr, so ``pallnav guide --format markdown > summary.md`` can still ask.

Every question is built from the pack's labels and help; the words around them
come from the message catalogue. ``unsafe_ask`` lets Ctrl-C through as
KeyboardInterrupt (``cli.main`` turns it into a calm goodbye and exit 130);
Ctrl-D (EOFError) is treated the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, TextIO

from pallnav.answers import MULTIPLE, QUESTIONS, Answers
from pallnav.i18n import Messages
from pallnav.pack import Field, Pack


class Terminal(NamedTuple):
    """Where to ask: the input and output streams (tests pass a pipe and a dummy)."""

    input: Any = None
    output: Any = None

    @classmethod
    def on(cls, stdin: TextIO, stderr: TextIO) -> Terminal:
        from prompt_toolkit.input import create_input
        from prompt_toolkit.output import create_output

        return cls(create_input(stdin), create_output(stdout=stderr))

    def echo(self, text: str) -> None:
        """Text on the prompts' screen (stderr), between questions."""
        if self.output is not None:
            self.output.write_raw(text)
            self.output.flush()

    def kwargs(self) -> dict[str, Any]:
        return {k: v for k, v in (("input", self.input), ("output", self.output)) if v is not None}


def ask_missing(pack: Pack, messages: Messages, answers: Answers, terminal: Terminal) -> Answers:
    """Ask each unanswered question in order, then review until the person says yes.

    Questions already answered (flags, answers file, saved profile) are not asked
    again; the review still lets the person change any answer.
    """
    missing = answers.missing()
    if not missing:
        return answers
    for question in missing:
        answers = ask_one(pack.fields[question], messages, answers, terminal)
    while True:
        change = review(pack, messages, answers, terminal)
        if change is None:
            return answers
        answers = ask_one(pack.fields[change], messages, answers, terminal)


def ask_one(field: Field, messages: Messages, answers: Answers, terminal: Terminal) -> Answers:
    import questionary

    current = answers.get(field.id)
    message = f"{field.prompt}\n  {field.help}\n "
    if field.id in MULTIPLE:
        chosen = set(current or ())
        picked = questionary.checkbox(
            message,
            choices=[
                questionary.Choice(o.label, value=o.id, checked=o.id in chosen)
                for o in field.options
            ],
            instruction=messages("ask.instruction_checkbox"),
            # questionary sums up the answer in English ("done (2 selections)"):
            # erase its lines and say what was chosen, in the reader's words.
            erase_when_done=True,
            **terminal.kwargs(),
        ).unsafe_ask()
        labels = messages("format.list_separator").join(field.label(i) for i in picked)
        terminal.echo(
            f"? {field.prompt}\n  {field.help}\n  {labels or messages('guide.no_concerns')}\n"
        )
        return answers.with_answer(field.id, tuple(picked))
    choices = [questionary.Choice(o.label, value=o.id) for o in field.options]
    picked = questionary.select(
        message,
        choices=choices,
        default=next((c for c in choices if c.value == current), None),
        use_search_filter=True,
        use_jk_keys=False,
        instruction=messages("ask.instruction_select"),
        **terminal.kwargs(),
    ).unsafe_ask()
    return answers.with_answer(field.id, picked)


def review(pack: Pack, messages: Messages, answers: Answers, terminal: Terminal) -> str | None:
    """ "Is this right?": None to go on, or the question the person wants to change."""
    import questionary

    choices = [questionary.Choice(messages("ask.review_yes"), value="")]
    for question in QUESTIONS:
        field = pack.fields[question]
        chosen = answers.chosen(question)
        value = messages("format.list_separator").join(field.label(c) for c in chosen)
        choices.append(
            questionary.Choice(
                messages(
                    "ask.review_change",
                    title=field.title,
                    value=value or messages("guide.no_concerns"),
                ),
                value=question,
            )
        )
    picked: str = questionary.select(
        messages("ask.review"),
        choices=choices,
        instruction=messages("ask.instruction_choice"),
        **terminal.kwargs(),
    ).unsafe_ask()
    return picked or None


def yes_no(message: str, messages: Messages, terminal: Terminal, *, default: bool) -> bool:
    """A yes/no question as a two-item menu: the same keys in every language."""
    import questionary

    yes = questionary.Choice(messages("ask.yes"), value=True)
    no = questionary.Choice(messages("ask.no"), value=False)
    answer: bool = questionary.select(
        message,
        choices=[yes, no],
        default=yes if default else no,
        instruction=messages("ask.instruction_choice"),
        **terminal.kwargs(),
    ).unsafe_ask()
    return answer


def ask_text(message: str, default: str, terminal: Terminal) -> str:
    import questionary

    answer: str = questionary.text(message, default=default, **terminal.kwargs()).unsafe_ask()
    return answer.strip()


def ask_language(choices: Sequence[tuple[str, str]], prompt: str, terminal: Terminal) -> str:
    """Pick a language from (code, its own name) pairs."""
    import questionary

    picked: str = questionary.select(
        prompt,
        choices=[questionary.Choice(name, value=code) for code, name in choices],
        **terminal.kwargs(),
    ).unsafe_ask()
    return picked
