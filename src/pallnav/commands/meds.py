"""``pallnav meds add|list|edit|remove|forget``: the medicine list, as the person
would write it by hand: no drug database, no dose checks, no advice. Kept on
this computer beside the symptom record, and printed on the visit sheet."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pallnav.commands.flags import Command, Flag, Json, Lang, Plain, Yes
from pallnav.commands.own_record import Part, forget_part, open_database, record_error
from pallnav.commands.terminal import asking_terminal
from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.i18n import Messages
from pallnav.record import (
    MAX_FIELD,
    MAX_MEDICINES,
    Medicine,
    RecordProblem,
    check_medicine_name,
    check_text,
    find_medicine,
    make_medicine,
    medicine_json,
)
from pallnav.safetext import clean_all, shown

if TYPE_CHECKING:
    from pallnav.record_store import RecordDatabase

#: The fields of a medicine a person types, by flag: (flag, Options field).
FIELDS = (("--name", "name"), ("--dose", "dose"), ("--when", "when"), ("--for", "purpose"))


Name = Annotated[str | None, Flag("--name", "NAME")]
Dose = Annotated[str | None, Flag("--dose", "DOSE")]
When = Annotated[str | None, Flag("--when", "WHEN")]
Purpose = Annotated[str | None, Flag("--for", "REASON")]
#: A medicine's id, completed from the saved list.
MedicineId = Annotated[str, Flag("ID", "ID", values="medicines")]


class AddOptions(NamedTuple):
    name: Name = None
    dose: Dose = None
    when: When = None
    purpose: Purpose = None
    lang: Lang = None


class EditOptions(NamedTuple):
    id: MedicineId = ""
    name: Name = None
    dose: Dose = None
    when: When = None
    purpose: Purpose = None
    lang: Lang = None


def run_add(context: Context, options: AddOptions) -> int:
    """Check every flag, ask for the rest on a terminal (the name at least), then save."""
    messages = context.messages_for(options.lang)
    draft = _checked(options)
    if draft.get("name") is None:
        if not context.can_ask:
            raise PallnavError("meds.errors.name_missing")
        draft = _ask(context, messages, draft, editing=False)
    database = open_database(context, messages, create=True)
    assert database is not None
    with database:
        medicine = database.add_medicine(_medicine(draft), limit=MAX_MEDICINES)
    context.say(messages("meds.added", name=medicine.name, id=medicine.id))
    return ExitCode.OK


def run_edit(context: Context, options: EditOptions) -> int:
    """Change what the flags give; with none, on a terminal, ask each with its current value."""
    messages = context.messages_for(options.lang)
    given = _checked(options)
    database = _existing(context, messages)
    with database:
        current = _known(database.medicines(), options.id)
        draft: dict[str, str | None] = {
            "name": current.name,
            "dose": current.dose,
            "when": current.when,
            "purpose": current.purpose,
        }
        draft.update(given)
        if not given:
            if not context.can_ask:
                raise PallnavError("meds.errors.nothing_to_change", id=current.id)
            draft = _ask(context, messages, draft, editing=True)
        medicine = _medicine(draft, current.id)
        if not database.update_medicine(medicine):  # removed meanwhile by another pallnav
            raise PallnavError("meds.errors.unknown", value=shown(current.id), choices="-")
    context.say(messages("meds.updated", name=medicine.name, id=medicine.id))
    return ExitCode.OK


def _existing(context: Context, messages: Messages) -> RecordDatabase:
    """The record, to change a medicine on it: exit 2 when there is none."""
    database = open_database(context, messages, create=False)
    if database is None:
        raise PallnavError("meds.errors.empty")
    return database


class ListOptions(NamedTuple):
    as_json: Json = False
    plain: Plain = False
    lang: Lang = None


def run_list(context: Context, options: ListOptions) -> int:
    messages = context.messages_for(options.lang)
    database = open_database(context, messages, create=False)
    found: tuple[Medicine, ...] = ()
    if database is not None:
        with database:
            found = database.medicines()
    if options.as_json:
        data = {"medicines": [medicine_json(m) for m in found]}
        context.stdout.write(json.dumps(clean_all(data), ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    if not found:
        context.say(messages("meds.none"))
        return ExitCode.OK
    from pallnav import record_store
    from pallnav.record_views import medicines_document
    from pallnav.render import show

    document = medicines_document(found, messages, str(record_store.record_path()))
    show(
        document,
        context.stdout,
        plain=context.plain(options.plain),
        width=context.width,
        environ=context.environ,
    )
    return ExitCode.OK


class RemoveOptions(NamedTuple):
    id: MedicineId = ""
    yes: Yes = False
    lang: Lang = None


def run_remove(context: Context, options: RemoveOptions) -> int:
    messages = context.messages_for(options.lang)
    with _existing(context, messages) as database:
        medicine = _known(database.medicines(), options.id)
        if not options.yes:
            if not context.can_ask:
                raise PallnavError("meds.errors.needs_yes", id=medicine.id)
            from pallnav.prompts import yes_no

            question = messages("meds.ask.remove", name=medicine.name, id=medicine.id)
            if not yes_no(question, messages, asking_terminal(context), default=False):
                context.say(messages("meds.kept"))
                return ExitCode.OK
        database.remove_medicine(medicine.id)
        empty = database.empty
    if empty:
        from pallnav import record_store

        record_store.forget_file()
    context.say(messages("meds.removed", name=medicine.name, id=medicine.id))
    return ExitCode.OK


class ForgetOptions(NamedTuple):
    yes: Yes = False
    lang: Lang = None


MEDICINE_LIST = Part(
    "meds",
    "meds.errors.needs_yes_forget",
    lambda db: len(db.medicines()),
    lambda db: db.forget_medicines(),
)


def run_forget(context: Context, options: ForgetOptions) -> int:
    """Delete the whole medicine list (asks first; --yes without a terminal)."""
    return forget_part(context, options.lang, options.yes, MEDICINE_LIST)


# --- the shared steps ------------------------------------------------------------------


def _checked(options: Any) -> dict[str, str | None]:
    """Every flag given, checked before anything is asked (a typo must not cost answers)."""
    draft: dict[str, str | None] = {}
    for flag, field in FIELDS:
        value = getattr(options, field)
        if value is None:
            continue
        try:
            if field == "name":
                draft[field] = check_medicine_name(value)
            else:
                draft[field] = check_text(flag[2:], value, MAX_FIELD)
        except RecordProblem as problem:
            raise record_error(problem, flag) from None
    return draft


def _medicine(draft: dict[str, str | None], medicine_id: str | None = None) -> Medicine:
    try:
        return make_medicine(
            draft.get("name") or "",
            dose=draft.get("dose"),
            when=draft.get("when"),
            purpose=draft.get("purpose"),
            medicine_id=medicine_id,
        )
    except RecordProblem as problem:
        raise record_error(problem) from None


def _known(found: tuple[Medicine, ...], medicine_id: str) -> Medicine:
    medicine = find_medicine(found, medicine_id)
    if medicine is not None:
        return medicine
    if not found:
        raise PallnavError("meds.errors.empty")
    raise PallnavError(
        "meds.errors.unknown", value=shown(medicine_id), choices=", ".join(m.id for m in found)
    )


def _ask(
    context: Context, messages: Messages, draft: dict[str, str | None], *, editing: bool
) -> dict[str, str | None]:
    """Ask for each field not given (every field, its value the default, when editing)."""
    from pallnav.prompts import ask_line

    terminal = asking_terminal(context)
    answers = dict(draft)
    for flag, field in FIELDS:
        if field in draft and draft[field] is not None and not editing:
            continue

        def explain(typed: str, flag: str = flag, field: str = field) -> str | None:
            try:
                if field == "name":
                    check_medicine_name(typed)
                else:
                    check_text(flag[2:], typed, MAX_FIELD)
            except RecordProblem as problem:
                return messages.explain(record_error(problem, flag))
            return None

        typed = ask_line(
            messages(f"meds.ask.{field}"), terminal, explain, default=answers.get(field) or ""
        )
        answers[field] = typed or None
    return answers


# --- the declarations --------------------------------------------------------------------

ADD = Command(
    AddOptions,
    run_add,
    examples=(
        "pallnav meds add",
        'pallnav meds add --name "Morphine ER" --dose "15 mg" --when "8 am and 8 pm" --for "pain"',
        'pallnav meds add --name Ondansetron --dose "4 mg" --when "when needed" --for nausea',
    ),
)
LIST = Command(
    ListOptions,
    run_list,
    examples=("pallnav meds list", "pallnav meds list --json"),
)
EDIT = Command(
    EditOptions,
    run_edit,
    examples=("pallnav meds edit morphine-er", 'pallnav meds edit morphine-er --dose "30 mg"'),
)
REMOVE = Command(
    RemoveOptions,
    run_remove,
    examples=("pallnav meds remove morphine-er", "pallnav meds remove morphine-er --yes"),
)
FORGET = Command(
    ForgetOptions,
    run_forget,
    examples=("pallnav meds forget", "pallnav meds forget --yes"),
)
