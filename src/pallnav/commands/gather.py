"""Gathering a person's answers: the saved profile, an answers file and flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from pallnav import answers as answers_module
from pallnav import store
from pallnav.answers import MULTIPLE, QUESTIONS, Answers, choices, flag
from pallnav.context import Context
from pallnav.errors import PallnavError, Phrase
from pallnav.i18n import Messages


class Gathered(NamedTuple):
    """Answers put together from the profile, a file and flags, and what to tell the person."""

    answers: Answers
    warnings: tuple[str, ...] = ()
    #: The saved answers were used (some of them at least).
    from_profile: bool = False


def flag_answers(options: Any) -> Answers:
    """The answers given as flags, checked: a command's Options with the answer
    flags (commands/flags.py: Role, Stage, ...), whose fields are named as the questions."""
    return answers_module.from_options(**{q: getattr(options, q) for q in QUESTIONS})


def read_saved(context: Context, options: Any) -> store.ProfileRead | None:
    """The saved profile, read once (a broken one is moved aside then), unless
    ``options.use_profile`` is false (``--no-profile``)."""
    if not options.use_profile:
        return None
    return store.read_profile(now=context.now())


def gather_answers(
    messages: Messages,
    flags: Answers,
    found: store.ProfileRead | None,
    from_file: Answers,
) -> Gathered:
    """The saved profile (``found``: :func:`read_saved`), then the answers file
    (``from_file``: :func:`read_answers_file`), then ``flags``: each later one wins."""
    answers = Answers()
    given = from_file
    warnings: list[str] = []
    from_profile = False
    if found is not None:
        if found.answers is not None:
            answers = found.answers
        warning = profile_warning(found, messages)
        if warning:
            warnings.append(warning)
    given = given.merged(flags)
    if found is not None and found.answers is not None:
        # Some answer comes from the saved ones: neither the file nor a flag gave it.
        from_profile = any(
            found.answers.get(q) is not None and given.get(q) is None for q in QUESTIONS
        )
    return Gathered(answers.merged(given), tuple(warnings), from_profile)


def read_answers_file(answers_file: Path | None) -> Answers:
    """The answers in ``--answers FILE`` (none without one), checked: a file that is
    missing or wrong is a PallnavError, before anything is asked."""
    if answers_file is None:
        return Answers()
    path = store.expand_path(answers_file)
    data = store.read_toml(path)
    if data is None:
        raise PallnavError("errors.bad_file", path=str(path), reason=Phrase("reasons.not_found"))
    store.saved_language(data, str(path))  # a saved profile used as one: its language
    return answers_module.from_mapping(data, str(path))


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
