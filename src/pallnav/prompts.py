"""Asking, one question at a time, in a real terminal (questionary).

Only ``commands/guide.py`` calls this, and only when stdin and stderr are both
terminals: questionary has no guard for a missing terminal. Prompts are drawn on
stderr, so ``pallnav guide --format markdown > summary.md`` can still ask.

Every question is built from the pack's labels and help; the words around them
come from the message catalogue. ``unsafe_ask`` lets Ctrl-C through as
KeyboardInterrupt (``cli.main`` turns it into a calm goodbye and exit 130);
Ctrl-D (EOFError) is treated the same way.

questionary (through prompt_toolkit) never wraps a line it draws above the last one,
nor a choice: at 40 columns it would cut "What health coverage does the person w".
So every question, help line, instruction and choice is wrapped here, at word
boundaries, to the terminal's width before it is asked (:func:`wrap`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
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

    @property
    def columns(self) -> int:
        """The prompts' screen width (80 when it cannot be told)."""
        return self._size()[1]

    @property
    def rows(self) -> int:
        """The prompts' screen height (24 when it cannot be told)."""
        return self._size()[0]

    def _size(self) -> tuple[int, int]:
        try:
            size = self.output.get_size()
            rows, columns = int(size.rows), int(size.columns)
        except (AttributeError, OSError, ValueError):
            return 24, 80
        return (rows if rows > 0 else 24), (columns if columns > 0 else 80)


def _answer(question: Any, keys: Mapping[str, Any] | None = None) -> Any:
    """The answer to a questionary question; Ctrl-D stops like Ctrl-C; each of
    ``keys`` answers at once with its value.

    questionary's menus ignore Ctrl-D (only a text prompt ends on it, with
    EOFError): bind it on each, so it stops everywhere the same way.
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    for key, value in (keys or {}).items():
        bindings.add(key, eager=True)(_answers_with(value))

    application = question.application
    if keys and "escape" in keys:
        # Esc alone is told from the start of an arrow key's sequence by a pause:
        # a tenth of a second, as vim's ttimeoutlen, instead of prompt_toolkit's half.
        application.ttimeoutlen = 0.1
    application.key_bindings = merge_key_bindings([application.key_bindings, bindings])
    try:
        return question.unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None


#: Columns before a choice's words: questionary's " » " pointer, and a checkbox's "○ ".
_SELECT_INDENT = 3
_CHECKBOX_INDENT = 5


def wrap(text: str, width: int, *, first: int = 0, indent: int = 0) -> str:
    """``text`` broken at spaces into lines that fit ``width`` columns.

    ``first`` columns are already taken on the first line (questionary's "? "),
    and later lines start with ``indent`` spaces. One column is kept free: a
    terminal moves the cursor on when the last one is written. A word longer
    than a line (a file's path) is broken where it must be: questionary would
    cut it at the edge, and what is cut is never seen.
    """
    width = max(width - 1, 20)
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent="x" * first,
        subsequent_indent=" " * indent,
        break_long_words=True,
        break_on_hyphens=False,
    )
    if not lines:
        return ""
    lines[0] = lines[0][first:]
    return "\n".join(lines)


def question(width: int, prompt: str, *notes: str) -> str:
    """A question and its notes (a help line), each wrapped; it ends with a new line,
    so the instruction (or, once answered, the answer) comes on a line of its own."""
    parts = [wrap(prompt, width, first=2, indent=2)]
    parts += ["  " + wrap(note, width, first=2, indent=2) for note in notes if note]
    return "\n".join(parts) + "\n"


def instruction(width: int, text: str) -> str:
    """How to answer, after the single space questionary puts before it."""
    return wrap(text, width, first=1, indent=1)


def choice_title(width: int, label: str, *, indent: int = _SELECT_INDENT) -> str:
    return wrap(label, width, first=indent, indent=indent)


def ask_missing(pack: Pack, messages: Messages, answers: Answers, terminal: Terminal) -> Answers:
    """Ask each unanswered question in order, then review until the person says yes.

    Questions already answered (flags, answers file, saved profile) are not asked
    again; the review still lets the person change any answer.
    """
    missing = answers.missing()
    if not missing:
        return answers
    for asked in missing:
        answers = ask_one(pack.fields[asked], messages, answers, terminal)
    return change_answers(pack, messages, answers, terminal)


def change_answers(pack: Pack, messages: Messages, answers: Answers, terminal: Terminal) -> Answers:
    """ "Is this right?", and each answer the person picks asked again, until yes."""
    while True:
        change = review(pack, messages, answers, terminal)
        if change is None:
            return answers
        answers = ask_one(pack.fields[change], messages, answers, terminal)


def ask_one(field: Field, messages: Messages, answers: Answers, terminal: Terminal) -> Answers:
    import questionary

    current = answers.get(field.id)
    width = terminal.columns
    message = question(width, field.prompt, field.help_text(answers.role))
    if field.id in MULTIPLE:
        picked = ask_ticks(field, messages, tuple(current or ()), message, terminal)
        labels = messages("format.list_separator").join(field.label(i) for i in picked)
        said = labels or messages("guide.no_concerns")
        terminal.echo(f"? {message}  {wrap(said, width, first=2, indent=2)}\n")
        return answers.with_answer(field.id, picked)
    choices = [questionary.Choice(choice_title(width, o.label), value=o.id) for o in field.options]
    picked = _answer(
        questionary.select(
            message,
            choices=choices,
            default=next((c for c in choices if c.value == current), None),
            use_search_filter=True,
            use_jk_keys=False,
            instruction=instruction(width, messages("ask.instruction_select")),
            **terminal.kwargs(),
        )
    )
    return answers.with_answer(field.id, picked)


class _NothingTicked(NamedTuple):
    """Enter on a list of ticks with none ticked, the arrow on ``pointed``."""

    pointed: str


def ask_ticks(
    field: Field, messages: Messages, current: tuple[str, ...], message: str, terminal: Terminal
) -> tuple[str, ...]:
    """The options ticked (Space) on a list, then Enter. Enter with nothing ticked
    asks what was meant: the option the arrow is on, none of them, or back to the
    list (a person who pressed Enter on "Pain" most likely meant it)."""
    import questionary

    width = terminal.columns
    pointed: str | None = None
    while True:
        asked = questionary.checkbox(
            message,
            choices=[
                questionary.Choice(
                    choice_title(width, o.label, indent=_CHECKBOX_INDENT),
                    value=o.id,
                    checked=o.id in current,
                )
                for o in field.options
            ],
            initial_choice=pointed,
            instruction=instruction(width, messages("ask.instruction_checkbox")),
            # questionary sums up the answer in English ("done (2 selections)"):
            # erase its lines and say what was chosen, in the reader's words.
            erase_when_done=True,
            **terminal.kwargs(),
        )
        _enter_with_nothing_ticked(asked.application)
        picked = _answer(asked)
        if not isinstance(picked, _NothingTicked):
            return tuple(picked)
        pointed, current = picked.pointed, ()
        label = field.label(pointed)
        meant = choose(
            messages("ask.nothing_ticked"),
            [
                (messages("ask.tick_it", label=label), "tick"),
                (messages("ask.tick_none"), "none"),
                (messages("ask.back_to_list"), "back"),
            ],
            messages,
            terminal,
            erase=True,  # what was meant shows in the answer, said next
        )
        if meant != "back":
            return (pointed,) if meant == "tick" else ()


def _enter_with_nothing_ticked(application: Any) -> None:
    """Enter on questionary's checkbox: the options ticked, as it gives them; with
    none ticked, :class:`_NothingTicked` and the option the arrow is on."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    control = next(
        window.content
        for window in application.layout.find_all_windows()
        if isinstance(window.content, InquirerControl)
    )
    bindings = KeyBindings()

    @bindings.add("c-m", eager=True)
    def _enter(event: Any) -> None:
        if control.selected_options:
            control.is_answered = True
            event.app.exit(result=[c.value for c in control.get_selected_values()])
        else:
            event.app.exit(result=_NothingTicked(str(control.get_pointed_at().value)))

    application.key_bindings = merge_key_bindings([application.key_bindings, bindings])


def review(pack: Pack, messages: Messages, answers: Answers, terminal: Terminal) -> str | None:
    """ "Is this right?": None to go on, or the question the person wants to change."""
    import questionary

    width = terminal.columns
    choices = [questionary.Choice(choice_title(width, messages("ask.review_yes")), value="")]
    for asked in QUESTIONS:
        field = pack.fields[asked]
        chosen = answers.chosen(asked)
        value = messages("format.list_separator").join(field.label(c) for c in chosen)
        change = messages(
            "ask.review_change", title=field.title, value=value or messages("guide.no_concerns")
        )
        choices.append(questionary.Choice(choice_title(width, change), value=asked))
    picked: str = _answer(
        questionary.select(
            question(width, messages("ask.review")),
            choices=choices,
            instruction=instruction(width, messages("ask.instruction_choice")),
            **terminal.kwargs(),
        )
    )
    return picked or None


def yes_no(message: str, messages: Messages, terminal: Terminal, *, default: bool) -> bool:
    """A yes/no question as a two-item menu (arrows and Enter, as every menu), where
    a key answers at once: y or n, and the language's own (s for "sí")."""
    choices = [(messages("ask.yes"), "yes"), (messages("ask.no"), "")]
    keys = {"y": "yes", "n": "", messages("ask.yes_key"): "yes", messages("ask.no_key"): ""}
    return bool(
        choose(
            message,
            choices,
            messages,
            terminal,
            default="yes" if default else "",
            keys=keys,
            hint=messages("ask.instruction_yes_no"),
        )
    )


def choose(
    title: str,
    choices: Sequence[tuple[str, str]],
    messages: Messages,
    terminal: Terminal,
    *,
    default: str | None = None,
    keys: Mapping[str, str] | None = None,
    hint: str | None = None,
    search: bool = False,
    erase: bool = False,
) -> str:
    """One of ``choices`` (label, value), by the arrow keys and Enter (or a key of
    ``keys``, which answers at once); with a single choice, ``title`` says to press Enter.
    ``search``: typing narrows the list to the choices with those letters;
    ``erase``: the question goes from the screen once answered."""
    import questionary

    width = terminal.columns
    items = [
        questionary.Choice(choice_title(width, label), value=value) for label, value in choices
    ]
    if search:
        hint = hint or messages("ask.instruction_select")
    picked: str = _answer(
        questionary.select(
            question(width, title),
            choices=items,
            default=next((c for c in items if c.value == default), None),
            instruction=instruction(width, hint or messages("ask.instruction_choice"))
            if len(items) > 1
            else " ",
            use_search_filter=search,
            use_jk_keys=not search,
            erase_when_done=erase,
            **terminal.kwargs(),
        ),
        keys,
    )
    return picked


def _answers_with(value: Any) -> Any:
    def handler(event: Any) -> None:
        event.app.exit(result=value)

    return handler


def choose_height(
    width: int, title: str, labels: Sequence[str], messages: Messages, hint: str | None = None
) -> int:
    """The rows :func:`choose` takes on the screen for these words (and ``hint``)."""
    rows = question(width, title).count("\n") + 1  # the instruction's line, if only a space
    if len(labels) > 1:
        rows += instruction(width, hint or messages("ask.instruction_choice")).count("\n")
    return rows + sum(choice_title(width, label).count("\n") + 1 for label in labels)


def text_question(message: str, width: int) -> str:
    """A question typed into, wrapped between words; the answer goes after it
    on its last line when there is room for one (20 columns), else on a line of
    its own."""
    wrapped = wrap(message, width, first=2, indent=2)
    last = wrapped.rsplit("\n", 1)[-1]
    room = width - 1 - len(last) - (2 if "\n" not in wrapped else 0)
    return wrapped if room >= 20 else wrapped + "\n"


def ask_text(message: str, default: str, terminal: Terminal) -> str:
    """A line of text (a file name), with ``default`` in it, selected: typing
    replaces it, as in a dialog box; an arrow key keeps it to change a part."""
    import questionary
    from prompt_toolkit.filters import shift_selection_mode
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.selection import SelectionState, SelectionType

    # The answer on a line of its own: a file name does not fit after a long question.
    message = wrap(message, terminal.columns, first=2, indent=2) + "\n"
    asked = questionary.text(message, default=default, **terminal.kwargs())
    application = asked.application

    def select_all() -> None:
        # prompt_toolkit's "shift selection" (as after Shift+Home): what is typed
        # or pasted replaces it, Backspace deletes it, an arrow key unselects it.
        buffer = application.current_buffer
        if buffer.text:
            buffer.cursor_position = len(buffer.text)
            buffer.selection_state = SelectionState(0, SelectionType.CHARACTERS)
            buffer.selection_state.enter_shift_mode()

    application.pre_run_callables.append(select_all)
    pasting = KeyBindings()

    @pasting.add(Keys.BracketedPaste, filter=shift_selection_mode)
    def _paste(event: Any) -> None:
        event.current_buffer.cut_selection()
        event.current_buffer.insert_text(event.data.replace("\r\n", "\n").replace("\r", "\n"))

    own = application.key_bindings or KeyBindings()
    application.key_bindings = merge_key_bindings([own, pasting])
    answer: str = _answer(asked)
    return answer.strip()


def ask_language(choices: Sequence[tuple[str, str]], prompt: str, terminal: Terminal) -> str:
    """Pick a language from (code, its own name) pairs."""
    import questionary

    width = terminal.columns
    picked: str = _answer(
        questionary.select(
            question(width, prompt),
            choices=[
                questionary.Choice(choice_title(width, name), value=code) for code, name in choices
            ],
            instruction=" ",
            **terminal.kwargs(),
        )
    )
    return picked


def ask_team_entry(
    messages: Messages,
    terminal: Terminal,
    *,
    current: Mapping[str, str | None],
    ask_all: bool,
    kinds: Sequence[tuple[str, str]],
    default_hours: str,
    checks: Mapping[str, Callable[[str], str | None]],
) -> dict[str, str]:
    """Ask for a care team entry's name, phone, kind, hours and note: those not in
    ``current`` (or all, with ``current`` as defaults, when ``ask_all``).

    The first of ``kinds`` (hospice) suggests ``default_hours``. ``checks`` give,
    for a typed answer, None or the line saying what is wrong; the question stays
    until the answer passes.
    """
    import questionary

    answers = {key: value for key, value in current.items() if value is not None}

    def ask(key: str) -> bool:
        return ask_all or key not in answers

    def text(key: str, default: str = "") -> None:
        check = checks[key]

        def validate(typed: str) -> bool | str:
            if key == "note" and not typed.strip():
                return True
            return check(typed) or True

        answer: str = _answer(
            questionary.text(
                text_question(messages(f"team.ask.{key}"), terminal.columns),
                default=answers.get(key) or default,
                validate=validate,
                **terminal.kwargs(),
            )
        )
        answers[key] = answer.strip()

    for key in ("name", "phone"):
        if ask(key):
            text(key)
    if ask("kind"):
        width = terminal.columns
        choices = [
            questionary.Choice(choice_title(width, label), value=kind) for kind, label in kinds
        ]
        answers["kind"] = _answer(
            questionary.select(
                question(width, messages("team.ask.kind")),
                choices=choices,
                default=next((c for c in choices if c.value == answers.get("kind")), choices[0]),
                instruction=instruction(width, messages("ask.instruction_choice")),
                **terminal.kwargs(),
            )
        )
    if ask("hours"):
        text("hours", default_hours if answers["kind"] == kinds[0][0] else "")
    if ask("note"):
        text("note")
    return answers


def ask_score(
    title: str,
    low: str,
    high: str,
    messages: Messages,
    terminal: Terminal,
) -> int | None:
    """A score from 0 to 10 for one symptom, or None to skip it: a menu whose
    first choice skips (so an Enter pressed by mistake records nothing), then 0 to
    10 with what 0 and 10 mean. Typing a number moves to it."""
    import questionary

    width = terminal.columns
    labels = [messages("log.ask.skip")]
    for score in range(11):
        meaning = low if score == 0 else high if score == 10 else ""
        labels.append(f"{score} · {meaning}" if meaning else str(score))
    choices = [
        questionary.Choice(choice_title(width, label), value=str(index - 1))
        for index, label in enumerate(labels)
    ]
    picked: str = _answer(
        questionary.select(
            question(width, title),
            choices=choices,
            use_search_filter=True,
            use_jk_keys=False,
            instruction=instruction(width, messages("log.ask.instruction")),
            **terminal.kwargs(),
        )
    )
    return None if picked == "-1" else int(picked)


def ask_line(
    message: str, terminal: Terminal, check: Callable[[str], str | None], default: str = ""
) -> str:
    """A line of free text (empty to skip); ``check`` gives None or what is wrong,
    and the question stays until the answer passes."""
    import questionary

    message = wrap(message, terminal.columns, first=2, indent=2) + "\n"

    def validate(typed: str) -> bool | str:
        return check(typed) or True

    answer: str = _answer(
        questionary.text(message, default=default, validate=validate, **terminal.kwargs())
    )
    return answer.strip()
