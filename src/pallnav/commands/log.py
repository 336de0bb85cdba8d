"""``pallnav log``: the daily symptom check, and ``log list|remove|forget|export``.

On a terminal with no scores given, it asks one symptom at a time (0 to 10, or
skip) in the reader's voice; with flags it never asks. The voice (and who is
noted as having recorded the day) is ``--role``, else the saved answers' role,
else asked on a terminal. Nothing is written until every question is answered:
Ctrl-C leaves the record as it was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, NamedTuple

from pallnav.answers import OPTIONS
from pallnav.commands.flags import Command, Flag, Force, Json, Lang, Plain, Role, Yes, check_choice
from pallnav.commands.own_record import (
    Part,
    forget_part,
    open_database,
    record_error,
    singular,
    today,
)
from pallnav.commands.terminal import asking_terminal
from pallnav.context import Context
from pallnav.errors import ExitCode, PallnavError
from pallnav.i18n import Messages
from pallnav.pack import RecordWords
from pallnav.record import (
    DEFAULT_DAYS,
    ITEMS,
    Entry,
    Medicine,
    RecordProblem,
    check_day,
    check_days,
    check_note,
    check_other,
    check_score,
    entry_json,
    make_entry,
    medicine_json,
    summarize,
    summary_json,
    window,
)
from pallnav.safetext import clean_all

#: The symptoms given a flag of their own (``--pain 6``); the other problem is
#: ``--other NAME --other-score N``.
SCORE_ITEMS = ITEMS[:-1]


class LogOptions(NamedTuple):
    """What was asked of ``pallnav log``: a score per symptom, and the rest."""

    pain: Annotated[str | None, Flag("--pain", "SCORE")] = None
    tiredness: Annotated[str | None, Flag("--tiredness", "SCORE")] = None
    drowsiness: Annotated[str | None, Flag("--drowsiness", "SCORE")] = None
    nausea: Annotated[str | None, Flag("--nausea", "SCORE")] = None
    appetite: Annotated[str | None, Flag("--appetite", "SCORE")] = None
    breathing: Annotated[str | None, Flag("--breathing", "SCORE")] = None
    sadness: Annotated[str | None, Flag("--sadness", "SCORE")] = None
    worry: Annotated[str | None, Flag("--worry", "SCORE")] = None
    wellbeing: Annotated[str | None, Flag("--wellbeing", "SCORE")] = None
    other: Annotated[str | None, Flag("--other", "NAME")] = None
    other_score: Annotated[str | None, Flag("--other-score", "SCORE")] = None
    note: Annotated[str | None, Flag("--note", "TEXT")] = None
    at: Annotated[str | None, Flag("--at", "DATE")] = None
    replace: Annotated[bool, Flag("--replace")] = False
    role: Role = None
    lang: Lang = None


def run_log(context: Context, options: LogOptions) -> int:
    """Check every flag, then save the day (asking on a terminal when none is given)."""
    messages = context.messages_for(options.lang)
    now = today(context)
    given = _given_scores(options)
    day = _checked(lambda: check_day(options.at, now) if options.at else now, "--at")
    note = _checked(lambda: check_note(options.note), "--note")
    other = _checked(lambda: check_other(options.other), "--other")
    role = check_choice("--role", options.role, OPTIONS["role"]) if options.role else None
    if "other" in given and not other:
        raise PallnavError("log.errors.other_needs_name")
    if other and "other" not in given:
        raise PallnavError("log.errors.other_needs_score")
    asking = not given and note is None
    if asking and not context.can_ask:
        raise PallnavError("log.errors.nothing_given")
    role = role or _saved_role(context)
    words = _words(messages)
    # With questions to ask, the file is made only once there is something to save:
    # Ctrl-C at the first question leaves no empty record behind.
    database = open_database(context, messages, create=not asking)
    if database is not None:
        with database:
            existing = database.entry(day)
        if existing is not None and not options.replace:
            if not context.can_ask:
                raise PallnavError("log.errors.exists", day=_day(messages, day))
            if not _replace(context, messages, words, existing):
                context.say(messages("log.kept"))
                return ExitCode.OK
    if asking:
        role = role or _ask_role(context, messages)
        scores, other, note = _ask(context, messages, words, role, day)
        given = scores
        if not given and note is None:
            context.say(messages("log.nothing_saved"))
            return ExitCode.OK
    entry = make_entry(day, given, other=other, note=note, by=role, saved=context.now())
    database = open_database(context, messages, create=True)
    assert database is not None
    with database:
        database.save_entry(entry, replace=True)
        entries = database.entries(*window(day, DEFAULT_DAYS))
    what = "log.saved_both" if given and note else "log.saved" if given else "log.saved_note"
    context.say(messages(what, day=_day(messages, day)))
    _say_marks(context, messages, words, entries, day)
    return ExitCode.OK


def _given_scores(options: LogOptions) -> dict[str, int]:
    scores: dict[str, int] = {}
    for item in SCORE_ITEMS:
        value = getattr(options, item)
        if value is not None:
            scores[item] = _checked(lambda i=item, v=value: check_score(i, v), f"--{item}")
    if options.other_score is not None:
        scores["other"] = _checked(
            lambda: check_score("other", options.other_score or ""), "--other-score"
        )
    return scores


def _checked(check: Any, flag: str) -> Any:
    try:
        return check()
    except RecordProblem as problem:
        raise record_error(problem, flag) from None


def _saved_role(context: Context) -> str | None:
    """The role in the saved answers, if there are any (nothing is moved or said here)."""
    from pallnav import store

    if not store.profile_path().exists():
        return None
    try:
        data = store.read_toml(store.profile_path()) or {}
    except PallnavError:
        return None
    role = data.get("role")
    return role if role in OPTIONS["role"] else None


def _words(messages: Messages) -> RecordWords:
    from pallnav.in_use import record_words

    return record_words(messages.language)


def _day(messages: Messages, day: date) -> str:
    from pallnav.record_views import day_name

    return day_name(messages, day)


def _replace(context: Context, messages: Messages, words: RecordWords, existing: Entry) -> bool:
    from pallnav.prompts import yes_no
    from pallnav.record_views import scores_text

    scores = scores_text(existing, words, messages) or messages("log.no_scores")
    question = messages("log.ask.replace", day=_day(messages, existing.day), scores=scores)
    return yes_no(question, messages, asking_terminal(context), default=False)


def _ask_role(context: Context, messages: Messages) -> str:
    """Who is filling this in, for the voice of the questions (not saved)."""
    from pallnav.in_use import load_content
    from pallnav.prompts import choose

    pack, _ = load_content(messages.language)
    field = pack.fields["role"]
    choices = [(option.label, option.id) for option in field.options]
    return choose(messages("log.ask.role"), choices, messages, asking_terminal(context))


def _ask(
    context: Context, messages: Messages, words: RecordWords, role: str | None, day: date
) -> tuple[dict[str, int], str | None, str | None]:
    """Each symptom in turn, the other problem, then a note."""
    from pallnav.prompts import ask_line, ask_score, wrap

    terminal = asking_terminal(context)
    intro = messages("log.ask.intro", day=_day(messages, day))
    terminal.echo(wrap(intro, terminal.columns) + "\n")
    scores: dict[str, int] = {}
    for item in SCORE_ITEMS:
        symptom = words.items[item]
        score = ask_score(symptom.prompt(role), symptom.low, symptom.high, messages, terminal)
        if score is not None:
            scores[item] = score

    def problem_with(check: Any, flag: str) -> Any:
        def explain(typed: str) -> str | None:
            try:
                check(typed)
            except RecordProblem as problem:
                return messages.explain(record_error(problem, flag))
            return None

        return explain

    other = check_other(ask_line(words.name_prompt(role), terminal, problem_with(check_other, "")))
    if other:
        symptom = words.items["other"]
        score = ask_score(symptom.prompt(role), symptom.low, symptom.high, messages, terminal)
        if score is not None:
            scores["other"] = score
        else:
            other = None
    note = check_note(ask_line(messages("log.ask.note"), terminal, problem_with(check_note, "")))
    return scores, other, note


def _say_marks(
    context: Context,
    messages: Messages,
    words: RecordWords,
    entries: tuple[Entry, ...],
    day: date,
) -> None:
    """After saving: each symptom of that day now marked, with what its mark says."""
    from pallnav.document import plain_text
    from pallnav.record_views import summary_spans

    for summary in summarize(entries, day):
        if summary.tell_team and summary.latest_day == day:
            context.say(plain_text(summary_spans(summary, words, messages)))


# --- pallnav log list --------------------------------------------------------------------


class ListOptions(NamedTuple):
    days: Annotated[str | None, Flag("--days", "N")] = None
    as_json: Json = False
    plain: Plain = False
    lang: Lang = None


def run_list(context: Context, options: ListOptions) -> int:
    """The days asked for (7 by default): how each symptom went, then each day."""
    messages = context.messages_for(options.lang)
    days = _checked(lambda: check_days(options.days), "--days") if options.days else DEFAULT_DAYS
    last = today(context)
    first = window(last, days)[0]
    database = open_database(context, messages, create=False)
    entries: tuple[Entry, ...] = ()
    if database is not None:
        with database:
            entries = database.entries(first, last)
    summaries = summarize(entries, last, days)
    if options.as_json:
        data = {
            "days": days,
            "from": first.isoformat(),
            "to": last.isoformat(),
            "entries": [entry_json(e) for e in reversed(entries)],
            "summary": [summary_json(s) for s in summaries],
        }
        _write_json(context, data)
        return ExitCode.OK
    if not entries:
        context.say(messages("log.none", days=days))
        return ExitCode.OK
    from pallnav import record_store
    from pallnav.record_views import record_document
    from pallnav.render import show

    document = record_document(
        entries,
        summaries,
        _words(messages),
        messages,
        first=first,
        last=last,
        path=str(record_store.record_path()),
    )
    show(
        document,
        context.stdout,
        plain=context.plain(options.plain),
        width=context.width,
        environ=context.environ,
    )
    return ExitCode.OK


def _write_json(context: Context, data: Mapping[str, Any]) -> None:
    context.stdout.write(json_text(data))


def json_text(data: Mapping[str, Any]) -> str:
    """``data`` as JSON, indented as every pallnav --json is, but each item of a list
    of tables on one line of its own: ten years of days stay readable, greppable and
    quick to write. The record's text was made inert as it was read
    (``record_store``), so it is not cleaned twice."""
    lines = ["{"]
    for index, (key, value) in enumerate(data.items()):
        end = "," if index < len(data) - 1 else ""
        head = f"  {json.dumps(key)}: "
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            items = [json.dumps(item, ensure_ascii=False) for item in value]
            lines.append(head + "[")
            lines.append(",\n".join(f"    {item}" for item in items))
            lines.append(f"  ]{end}")
        else:
            lines.append(f"{head}{json.dumps(value, ensure_ascii=False)}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- pallnav log remove, forget ------------------------------------------------------------


class RemoveOptions(NamedTuple):
    date: Annotated[str, Flag("DATE", "DATE", values="days")] = ""
    yes: Yes = False
    lang: Lang = None


def run_remove(context: Context, options: RemoveOptions) -> int:
    messages = context.messages_for(options.lang)
    day = _checked(lambda: check_day(options.date, today(context)), "DATE")
    database = open_database(context, messages, create=False)
    if database is None:
        raise PallnavError("log.errors.no_entry", day=_day(messages, day))
    with database:
        existing = database.entry(day)
        if existing is None:
            raise PallnavError("log.errors.no_entry", day=_day(messages, day))
        if not options.yes and context.can_ask:
            from pallnav.prompts import yes_no
            from pallnav.record_views import scores_text

            scores = scores_text(existing, _words(messages), messages) or messages("log.no_scores")
            question = messages("log.ask.remove", day=_day(messages, day), scores=scores)
            if not yes_no(question, messages, asking_terminal(context), default=False):
                context.say(messages("log.kept"))
                return ExitCode.OK
        database.remove_entry(day)
    context.say(messages("log.removed", day=_day(messages, day)))
    return ExitCode.OK


class ForgetOptions(NamedTuple):
    yes: Yes = False
    lang: Lang = None


LOG_DAYS = Part(
    "log",
    "log.errors.needs_yes",
    lambda db: db.count_entries(),
    lambda db: db.forget_entries(),
)


def run_forget(context: Context, options: ForgetOptions) -> int:
    """Delete every day of the record (asks first; --yes without a terminal)."""
    return forget_part(context, options.lang, options.yes, LOG_DAYS)


# --- pallnav log export --------------------------------------------------------------------

EXPORT_FORMATS = ("json", "csv")
#: The first row of the CSV: its columns, a public contract like the JSON keys.
CSV_COLUMNS = ("date", *SCORE_ITEMS, "other", "other_score", "note", "by", "saved")


class ExportOptions(NamedTuple):
    format: Annotated[str | None, Flag("--format", "FORMAT", values=EXPORT_FORMATS)] = None
    output: Annotated[Path | None, Flag("--output", "FILE", values="file")] = None
    force: Force = False
    lang: Lang = None


def run_export(context: Context, options: ExportOptions) -> int:
    """Everything in the record, as JSON (days and medicines) or CSV (one row a day)."""
    messages = context.messages_for(options.lang)
    kind = check_choice("--format", (options.format or "json").strip().lower(), EXPORT_FORMATS)
    if options.output is not None:
        from pallnav import store

        target = store.expand_path(options.output)
        store.refuse_special(target)
        if target.exists() and not options.force:
            raise PallnavError("errors.file_exists", path=str(target))
    database = open_database(context, messages, create=False)
    entries: tuple[Entry, ...] = ()
    medicines: tuple[Medicine, ...] = ()
    if database is not None:
        with database:
            entries, medicines = database.entries(), database.medicines()
    if kind == "json":
        data = {
            "exported": context.now().isoformat(timespec="seconds"),
            "entries": [entry_json(e) for e in entries],
            "medicines": [medicine_json(m) for m in medicines],
        }
        text = json_text(data)
    else:
        text = to_csv(entries)
    if options.output is None:
        context.stdout.write(text)
        return ExitCode.OK
    from pallnav import store

    store.write_private(target, text, overwrite=options.force)
    count = len(entries)
    context.say(messages(f"log.exported{singular(count)}", path=target, count=count))
    return ExitCode.OK


def to_csv(entries: tuple[Entry, ...]) -> str:
    """One row a day. A cell that a spreadsheet would run as a formula (=, +, -, @)
    starts with ' so it shows as the words it is."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        scores = dict(entry.scores)
        row: list[object] = [entry.day.isoformat()]
        row += [scores.get(item, "") for item in SCORE_ITEMS]
        row += [entry.other or "", scores.get("other", ""), entry.note or "", entry.by or ""]
        row.append(entry.saved.isoformat() if isinstance(entry.saved, datetime) else "")
        writer.writerow([_inert(value) for value in row])
    return str(clean_all(buffer.getvalue()))


def _inert(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# --- the declarations --------------------------------------------------------------------

LOG = Command(
    LogOptions,
    run_log,
    examples=(
        "pallnav log",
        'pallnav log --pain 6 --tiredness 4 --note "bad night"',
        "pallnav log --at 2026-12-03 --breathing 7 --replace",
    ),
)
LIST = Command(
    ListOptions,
    run_list,
    examples=("pallnav log list", "pallnav log list --days 30", "pallnav log list --json"),
)
REMOVE = Command(
    RemoveOptions,
    run_remove,
    examples=("pallnav log remove 2026-12-03", "pallnav log remove yesterday --yes"),
)
FORGET = Command(
    ForgetOptions,
    run_forget,
    examples=("pallnav log forget", "pallnav log forget --yes"),
)
EXPORT = Command(
    ExportOptions,
    run_export,
    examples=(
        "pallnav log export --format csv > symptoms.csv",
        "pallnav log export --format json --output record.json",
    ),
)
