"""What every command shares: the context, common options, and finding the pack."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pallnav import answers as answers_module
from pallnav import store
from pallnav.answers import MULTIPLE, QUESTIONS, Answers, choices, flag
from pallnav.contacts import Contacts, contacts_at
from pallnav.context import Context, Zone, bundled_content_dir
from pallnav.errors import PallnavError, Phrase
from pallnav.i18n import Messages
from pallnav.pack import Channel, Pack, TeamWords
from pallnav.pack_loader import load_pack
from pallnav.pack_loader import load_reach as load_pack_reach
from pallnav.safetext import shown

if TYPE_CHECKING:
    from pallnav.team import Member


def messages_for(context: Context, lang: str | None) -> Messages:
    """The catalogue for --lang, else the configured or system language."""
    return context.messages(context.language(lang)[0])


def check_choice(flag: str, value: str, allowed: tuple[str, ...]) -> str:
    """``value`` if allowed; else exit 2 naming the flag, the value and the choices."""
    if value in allowed:
        return value
    raise PallnavError(
        "errors.bad_choice", where=flag, value=shown(value), choices=", ".join(allowed)
    )


class PackChoice(NamedTuple):
    """Which pack is in use for a language: its folder, and "bundled" or "updated"."""

    path: Path
    origin: str


def pack_choice(context: Context, language: str) -> PackChoice:
    """The updated pack if one is installed, else the built-in one; but when pallnav
    itself was upgraded since the download and now brings newer built-in content, that."""
    bundled = bundled_content_dir(language)
    updated = store.updated_pack_dir(language)
    if updated is None:
        return PackChoice(bundled, "bundled")
    try:
        chosen_over = (updated / store.BUNDLED_MARK).read_text(encoding="utf-8")
    except OSError:
        chosen_over = None
    now, theirs = pack_version(bundled), pack_version(updated)
    if chosen_over and now and theirs and now != chosen_over:
        from pallnav.pack_index import is_newer

        if is_newer(now, theirs):
            return PackChoice(bundled, "bundled")
    return PackChoice(updated, "updated")


_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"]+)"', re.MULTILINE)


def pack_version(directory: Path) -> str | None:
    """The ``version = "..."`` line of a pack's pack.toml, read without parsing TOML."""
    try:
        found = _VERSION_LINE.search((directory / "pack.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return found.group(1) if found else None


def load_content(context: Context, language: str) -> tuple[Pack, PackChoice]:
    """The pack in use for ``language``, fully loaded and validated."""
    choice = pack_choice(context, language)
    return load_pack(choice.path), choice


def load_reach(context: Context, language: str) -> tuple[tuple[Channel, ...], TeamWords]:
    """The pack's channels and its words for the person's own team: what ``hours`` needs."""
    _, channels, words = load_pack_reach(pack_choice(context, language).path)
    return channels, words


# --- the person's own care team ------------------------------------------------------


def read_team(context: Context, messages: Messages) -> tuple[Member, ...]:
    """The saved care team; a damaged team.toml is moved aside with one warning.
    Without the file, nothing more than a look at the folder (start-up)."""
    if not store.team_path().exists():
        return ()
    found = store.read_team(now=context.now())
    if found.problem is not None:
        problem = messages.explain(found.problem)
        if found.moved_to is not None:
            context.say(messages("team.broken", problem=problem, path=found.moved_to))
        else:
            context.say(messages("team.broken_kept", problem=problem, path=store.team_path()))
    return found.members


def with_team(
    context: Context, messages: Messages, channels: Sequence[Channel], words: TeamWords
) -> tuple[Channel, ...]:
    """The person's own team, as channels (source "you") with the pack's words for
    each kind, then ``channels``: every view puts them first (``pack.reach_order``)."""
    team = tuple(
        member.channel(messages("team.how", phone=member.phone), words.words.get(member.kind))
        for member in read_team(context, messages)
    )
    return (*team, *channels)


# --- answers: flags, an answers file, the saved profile ------------------------------


class Gathered(NamedTuple):
    """Answers put together from the profile, a file and flags, and what to tell the person."""

    answers: Answers
    warnings: tuple[str, ...] = ()


def flag_answers(options: Any) -> Answers:
    """The answers given as flags, checked: a command's Options with the answer
    flags (commands/flags.py ANSWER_FLAGS), whose fields are named as the questions."""
    return answers_module.from_options(**{q: getattr(options, q) for q in QUESTIONS})


def gather_answers(context: Context, messages: Messages, flags: Answers, options: Any) -> Gathered:
    """The saved profile, then the answers file (``options.answers_file``), then
    ``flags``: each later one wins. ``options.use_profile`` false skips the profile."""
    answers_file: Path | None = options.answers_file
    use_profile: bool = options.use_profile
    answers = Answers()
    warnings: list[str] = []
    if use_profile:
        found = store.read_profile(now=context.now())
        if found.answers is not None:
            answers = found.answers
        warning = profile_warning(found, messages)
        if warning:
            warnings.append(warning)
    if answers_file is not None:
        path = answers_file.expanduser()
        data = store.read_toml(path)
        if data is None:
            raise PallnavError(
                "errors.bad_file", path=str(path), reason=Phrase("reasons.not_found")
            )
        answers = answers.merged(answers_module.from_mapping(data, str(path)))
    return Gathered(answers.merged(flags), tuple(warnings))


def profile_warning(found: store.ProfileRead, messages: Messages) -> str | None:
    """What to tell the person when their saved answers could not be read."""
    if found.problem is None:
        return None
    problem = messages.explain(found.problem)
    if found.moved_to is not None:
        return messages("guide.profile_broken", problem=problem, path=found.moved_to)
    return messages("guide.profile_broken_kept", problem=problem, path=store.profile_path())


def require_complete(answers: Answers, messages: Messages, key: str) -> Answers:
    """``answers`` with every question answered ("no worries" when concerns were not
    given); else exit 2 with message ``key`` naming each missing flag and its choices."""
    missing = [q for q in answers.missing() if q not in MULTIPLE]
    if missing:
        items = [messages("guide.missing_item", flag=flag(q), choices=choices(q)) for q in missing]
        raise PallnavError(key, missing="; ".join(items))
    return answers if answers.concerns is not None else answers._replace(concerns=())


def viewer_contacts(
    context: Context, channels: Sequence[Channel], tz: str | None, at: str | None
) -> tuple[Contacts, Zone]:
    """Every channel's state now (or ``--at``) in the viewer's zone."""
    zone = context.zone(tz)
    moment = parse_at(at, zone.tz) if at is not None else context.now()
    return contacts_at(channels, moment, zone.tz, zone.name), zone


def parse_at(value: str, viewer: tzinfo) -> datetime:
    """ISO 8601, with or without an offset; without one it is the viewer's wall time."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise PallnavError("errors.bad_at", value=shown(value)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=viewer)
    return moment


def summary_name(contacts: Contacts) -> str:
    """The default summary file name, dated in the person's own zone:
    pallnav-summary-YYYY-MM-DD.md."""
    return f"pallnav-summary-{contacts.at.date().isoformat()}.md"


def write_summary(path: Path, text: str, *, force: bool) -> Path:
    """Write a summary atomically with mode 0600; never replace a file without ``force``."""
    path = path.expanduser()
    store.write_private(path, text, overwrite=force)
    return path
