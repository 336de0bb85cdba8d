"""``pallnav team add|list|edit|remove``: the person's own care team, saved on
this computer and shown first in ``hours``, the guide and the summary."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pallnav import store
from pallnav.commands.flags import Command, Flag, Json, Lang, Plain, Yes, check_choice
from pallnav.commands.own_team import read_team
from pallnav.commands.terminal import asking_terminal
from pallnav.contacts import tel_uri
from pallnav.context import Context, parse_zone
from pallnav.errors import ExitCode, PallnavError
from pallnav.i18n import Messages
from pallnav.in_use import load_reach
from pallnav.pack import TEAM_KINDS
from pallnav.safetext import clean_all, shown
from pallnav.team import (
    DEFAULT_HOURS,
    DEFAULT_KIND,
    MAX_NAME,
    MAX_NOTE,
    MAX_PHONE,
    Member,
    TeamProblem,
    check_hours,
    check_name,
    check_note,
    check_phone,
    find,
    slug,
)

if TYPE_CHECKING:
    pass


Name = Annotated[str | None, Flag("--name", "NAME")]
Phone = Annotated[str | None, Flag("--phone", "PHONE")]
Kind = Annotated[str | None, Flag("--kind", "KIND", values=TEAM_KINDS)]
Hours = Annotated[str | None, Flag("--hours", "SPEC")]
Zone = Annotated[str | None, Flag("--tz", "ZONE")]
Note = Annotated[str | None, Flag("--note", "TEXT")]
#: An entry's id, completed from the saved team.
EntryId = Annotated[str, Flag("ID", "ID", values="team")]


class AddOptions(NamedTuple):
    """What was asked of ``pallnav team add``."""

    name: Name = None
    phone: Phone = None
    kind: Kind = None
    hours: Hours = None
    tz: Zone = None
    note: Note = None
    lang: Lang = None


class EditOptions(NamedTuple):
    """What was asked of ``pallnav team edit``: the entry, then what ``add`` takes."""

    id: EntryId = ""
    name: Name = None
    phone: Phone = None
    kind: Kind = None
    hours: Hours = None
    tz: Zone = None
    note: Note = None
    lang: Lang = None


class ListOptions(NamedTuple):
    as_json: Json = False
    plain: Plain = False
    lang: Lang = None


class RemoveOptions(NamedTuple):
    id: EntryId = ""
    yes: Yes = False
    lang: Lang = None


def run_add(context: Context, options: AddOptions) -> int:
    """Check every flag, ask for what is missing on a terminal, then save."""
    messages = context.messages_for(options.lang)
    draft = _checked(context, messages, options, zone=None)
    _add(context, messages, draft)
    return ExitCode.OK


def add_by_asking(context: Context, messages: Messages, zone: str) -> None:
    """The questions of ``team add``, then save: the guide's offer at its end."""
    _add(context, messages, _Draft(zone=zone))


def _add(context: Context, messages: Messages, draft: _Draft) -> None:
    found = read_team(context, messages)
    if context.can_ask:
        draft = _ask(context, messages, draft)
    given = (("--name", draft.name), ("--phone", draft.phone))
    missing = [flag for flag, value in given if not value]
    if missing:
        raise PallnavError("team.errors.missing", missing=", ".join(missing))
    pack_ids = (c.id for c in load_reach(messages.language)[0])
    taken = {*(m.id for m in found), *pack_ids}  # so hours --check ID names one channel
    member = _member(messages, draft, slug(draft.name or "", taken))
    same = next((m for m in found if _same_name(m.name, member.name)), None)
    if same is not None:
        if member._replace(id=same.id) == same:
            context.say(messages("team.already_saved", name=same.name, id=same.id))
            return
        if not context.can_ask:  # never a second entry, nor a lost one, unasked
            raise PallnavError("team.errors.duplicate", name=shown(same.name), id=same.id)
        what = _ask_duplicate(context, messages, same, member)
        if what == "replace":
            store.save_team(tuple(member._replace(id=same.id) if m == same else m for m in found))
            context.say(messages("team.updated", name=member.name, id=same.id))
            return
        if what != "both":
            context.say(messages("team.not_added"))
            return
    store.save_team((*found, member))
    context.say(messages("team.added", name=member.name, id=member.id))


def _same_name(one: str, other: str) -> bool:
    """The same name as a person would read it: "Dr. Ruiz" and "dr ruiz"."""

    def words(name: str) -> list[str]:
        return re.findall(r"\w+", name.casefold())

    return words(one) == words(other)


def _ask_duplicate(context: Context, messages: Messages, same: Member, new: Member) -> str:
    """A name already saved: replace that entry, keep both, or save nothing."""
    from pallnav.prompts import choose

    question = messages("team.ask.duplicate", name=same.name, id=same.id, phone=same.phone)
    choices = [
        (messages("team.ask.replace", id=same.id), "replace"),
        (messages("team.ask.keep_both", id=new.id), "both"),
        (messages("team.ask.save_nothing"), ""),
    ]
    # The pointer starts on keeping both: Enter alone loses nothing.
    return choose(question, choices, messages, asking_terminal(context), default="both")


def run_edit(context: Context, options: EditOptions) -> int:
    """Change what the flags give; with none, on a terminal, ask each with its current value."""
    messages = context.messages_for(options.lang)
    found = read_team(context, messages)
    current = _known(found, options.id, messages)
    given = any(getattr(options, field) is not None for field in AddOptions._fields[:-1])
    zone = options.tz or current.hours.zone
    draft = _Draft(
        name=current.name,
        phone=current.phone,
        kind=current.kind,
        hours=current.spec(),
        zone=current.hours.zone,
        note=current.note,
    )
    draft = draft.merged(_checked(context, messages, options, zone=zone))
    if not given:
        if not context.can_ask:  # never wait; never claim a change that was not made
            raise PallnavError("team.nothing_to_change", id=current.id)
        draft = _ask(context, messages, draft, editing=True)
    member = _member(messages, draft, current.id)
    store.save_team(tuple(member if m.id == current.id else m for m in found))
    context.say(messages("team.updated", name=member.name, id=member.id))
    return ExitCode.OK


def run_list(context: Context, options: ListOptions) -> int:
    messages = context.messages_for(options.lang)
    found = read_team(context, messages)
    if options.as_json:
        data = {"team": [member_json(m) for m in found]}
        context.stdout.write(json.dumps(clean_all(data), ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    if not found:
        context.say(messages("team.none"))
        return ExitCode.OK
    from pallnav.render import show
    from pallnav.views import team_document

    document = team_document(found, messages, str(store.team_path()))
    show(
        document,
        context.stdout,
        plain=context.plain(options.plain),
        width=context.width,
        environ=context.environ,
    )
    return ExitCode.OK


def run_remove(context: Context, options: RemoveOptions) -> int:
    messages = context.messages_for(options.lang)
    found = read_team(context, messages)
    member = _known(found, options.id, messages)
    if not options.yes:
        if not context.can_ask:
            raise PallnavError("team.errors.needs_yes", id=member.id)
        from pallnav.prompts import yes_no

        question = messages("team.ask.remove", name=member.name, id=member.id)
        if not yes_no(question, messages, asking_terminal(context), default=False):
            context.say(messages("team.kept"))
            return ExitCode.OK
    store.save_team(tuple(m for m in found if m.id != member.id))
    context.say(messages("team.removed", name=member.name, id=member.id))
    return ExitCode.OK


def member_json(member: Member) -> dict[str, Any]:
    """One entry of ``pallnav team list --json`` (README): more keys may come, none go."""
    return {
        "id": member.id,
        "name": member.name,
        "phone": member.phone,
        "tel": tel_uri(member.phone),
        "kind": member.kind,
        "hours": member.spec(),
        "zone": member.hours.zone,
        "note": member.note,
    }


ADD = Command(
    AddOptions,
    run_add,
    examples=(
        "pallnav team add",
        'pallnav team add --name "Hospice nurse line" --phone "(555) 123-4567"',
        'pallnav team add --name "Dr. Ruiz" --phone 555-987-6543 --kind oncology '
        '--hours "Mon-Fri 8am-5pm"',
    ),
)
LIST = Command(
    ListOptions,
    run_list,
    examples=("pallnav team list", "pallnav team list --json"),
)
EDIT = Command(
    EditOptions,
    run_edit,
    examples=(
        "pallnav team edit hospice-nurse-line",
        'pallnav team edit hospice-nurse-line --hours "lun-vie 8:00-17:00"',
    ),
)
REMOVE = Command(
    RemoveOptions,
    run_remove,
    examples=(
        "pallnav team remove hospice-nurse-line",
        "pallnav team remove hospice-nurse-line --yes",
    ),
)


# --- the shared steps ------------------------------------------------------------------


class _Draft(NamedTuple):
    """An entry being put together: each field checked, or None while unknown."""

    name: str | None = None
    phone: str | None = None
    kind: str | None = None
    hours: str | None = None  # a spec, already read once
    zone: str | None = None
    note: str | None = None

    def merged(self, other: _Draft) -> _Draft:
        return _Draft(*(b if b is not None else a for a, b in zip(self, other, strict=True)))


def _known(found: tuple[Member, ...], member_id: str, messages: Messages) -> Member:
    member = find(found, member_id)
    if member is not None:
        return member
    if not found:
        raise PallnavError("team.errors.empty")
    raise PallnavError(
        "team.errors.unknown", value=shown(member_id), choices=", ".join(m.id for m in found)
    )


def _checked(context: Context, messages: Messages, options: Any, zone: str | None) -> _Draft:
    """Every flag given, checked before anything is asked (a typo must not cost answers)."""
    zone_name = zone
    if options.tz is not None:
        parse_zone(options.tz, "--tz")
        zone_name = options.tz.strip()
    elif zone_name is None:
        zone_name = context.zone().name
    kind = None
    if options.kind is not None:
        kind = check_choice("--kind", options.kind.strip().lower(), TEAM_KINDS)
    hours = None
    if options.hours is not None:
        hours = _spec(options.hours, zone_name)
    return _Draft(
        name=None if options.name is None else _problem(check_name, options.name),
        phone=None if options.phone is None else _problem(check_phone, options.phone),
        kind=kind,
        hours=hours,
        zone=zone_name,
        note=None if options.note is None else _problem(check_note, options.note),
    )


def _spec(text: str, zone: str) -> str:
    """``text`` if it reads as hours; else exit 2 naming what was not understood."""
    _problem(check_hours, text, zone)
    return text


_LIMITS = {"name": MAX_NAME, "phone": MAX_PHONE, "note": MAX_NOTE}


def _problem(check: Callable[..., Any], *values: Any) -> Any:
    """``check(*values)``; a TeamProblem becomes the one line for its flag."""
    try:
        return check(*values)
    except TeamProblem as problem:
        raise _error(problem) from None


def _error(problem: TeamProblem) -> PallnavError:
    where, value = f"--{problem.field}", shown(problem.value)
    if problem.field == "hours":
        return PallnavError(f"team.errors.hours_{problem.reason}", value=value)
    if problem.reason == "too_long":
        return PallnavError(
            "team.errors.too_long", where=where, value=value, limit=_LIMITS[problem.field]
        )
    if problem.field == "name" and problem.reason == "missing":
        return PallnavError("team.errors.name_missing")
    if problem.field == "phone":
        return PallnavError("team.errors.bad_phone", value=value)
    return PallnavError("team.errors.bad_text", where=where, value=value)


def _member(messages: Messages, draft: _Draft, member_id: str) -> Member:
    kind = draft.kind or DEFAULT_KIND
    spec = draft.hours
    if spec is None:
        if kind != "hospice":
            raise PallnavError("team.errors.hours_needed")
        spec = DEFAULT_HOURS
    assert draft.name is not None and draft.phone is not None and draft.zone is not None
    return Member(
        id=member_id,
        name=draft.name,
        phone=draft.phone,
        kind=kind,
        hours=check_hours(spec, draft.zone),
        note=draft.note,
    )


def _ask(context: Context, messages: Messages, draft: _Draft, *, editing: bool = False) -> _Draft:
    """Ask for each field not given (every field, with its value as the default, when editing)."""
    from pallnav.prompts import ask_team_entry

    def explain(check: Callable[..., Any], *values: Any) -> str | None:
        try:
            check(*values)
        except TeamProblem as problem:
            return messages.explain(_error(problem))
        return None

    zone = draft.zone or context.zone().name
    answers = ask_team_entry(
        messages,
        asking_terminal(context),
        current=draft._asdict(),
        ask_all=editing,
        kinds=[(kind, messages(f"team.kinds.{kind}")) for kind in TEAM_KINDS],
        default_hours=DEFAULT_HOURS,
        checks={
            "name": lambda text: explain(check_name, text),
            "phone": lambda text: explain(check_phone, text),
            "hours": lambda text: explain(check_hours, text, zone),
            "note": lambda text: explain(check_note, text),
        },
    )
    return draft._replace(
        name=check_name(answers["name"]),
        phone=check_phone(answers["phone"]),
        kind=answers["kind"],
        hours=answers["hours"],
        note=check_note(answers.get("note")),
    )
