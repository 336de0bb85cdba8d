"""Loading one pack directory into the content model, validating as it goes.

Loading collects every problem with its file, line, field and reason, so
``pallnav content check`` can list them all and every other command can refuse a
broken pack with one clear line. The same code reads the bundled packs, an
updated pack and a test fixture: it only ever takes a directory path.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pallnav import prepared
from pallnav.answers import OPTIONS, QUESTIONS
from pallnav.bounded import PACK, NotRegular, TooBig, parse_toml, read_regular
from pallnav.pack import (
    CHANNELS_FILE,
    FRONT_MATTER,
    ID,
    LANGUAGE,
    PACK_FILE,
    PACK_KINDS,
    QUESTIONNAIRE_FILE,
    QUESTIONS_FILE,
    ROLES,
    SECTIONS_DIR,
    TEAM_KINDS,
    Channel,
    Field,
    Option,
    Pack,
    PackHeader,
    PackInvalid,
    Problem,
    Question,
    Section,
    SheetOrder,
    Source,
    TeamWords,
    When,
    is_version,
    split_front_matter,
)
from pallnav.safetext import (
    decoded_references,
    has_unsafe_characters,
    shown,
    unsafe_characters,
)
from pallnav.schedule import WEEKDAYS, Hours, Span, parse_clock, weekly_spans, zone_named

if TYPE_CHECKING:
    import tomllib


def load_pack(directory: Path, *, record: bool = True) -> Pack:
    """Load and validate the pack in ``directory``; raise PackInvalid if anything is wrong.

    ``record``: read and check record.toml too. The pack in use is loaded without
    it (``in_use.load_content``): the symptom check's words are read only where
    they are used (``in_use.words_of``), so show, topics and the guide on screen
    load nothing of the record (start-up)."""
    loader = _Loader(directory)
    pack = loader.load(record=record)
    if loader.problems or pack is None:
        raise PackInvalid(loader.problems or [Problem(str(directory), "could not be read")])
    return pack


def check_pack(directory: Path) -> tuple[Pack | None, list[Problem]]:
    """Load ``directory`` and return every problem, and the pack if one could be built.

    With problems, the pack holds only the parts that were valid: enough for a
    report (reading grades, counts), never for showing to a person.
    """
    loader = _Loader(directory)
    pack = loader.load()
    return pack, loader.problems


def load_channels(directory: Path) -> tuple[str, tuple[Channel, ...]]:
    """Only what ``pallnav hours`` needs: the pack's language and its channels, validated."""
    language, channels, _ = load_reach(directory)
    return language, channels


def load_reach(directory: Path) -> tuple[str, tuple[Channel, ...], TeamWords]:
    """The pack's language, its channels and its words for the person's own team."""
    loader = _Loader(directory)
    meta = loader.load_toml(PACK_FILE) or {}
    channels = loader.channels(loader.sources(meta))
    language = meta.get("language")
    if loader.problems or not isinstance(language, str):
        raise PackInvalid(loader.problems or [Problem(PACK_FILE, "missing field", "language")])
    return language, channels, loader.team


def load_header(directory: Path) -> PackHeader:
    """Only pack.toml, validated: what ``pallnav --version`` needs."""
    loader = _Loader(directory)
    header = loader.header(loader.load_toml(PACK_FILE) or {})
    if loader.problems or header is None:
        raise PackInvalid(loader.problems or [Problem(PACK_FILE, "could not be read")])
    return PackHeader(**header)


T = TypeVar("T")


class _Loader:
    """Reads one pack directory, collecting problems instead of stopping at the first."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[Problem] = []
        #: channels.toml's [team], once channels() has read it.
        self.team = TeamWords()
        self.sheet = SheetOrder()
        self._texts: dict[str, str] = {}

    # -- helpers --

    def problem(
        self, file: str, reason: str, field: str = "", needle: str | None = None, after: int = 0
    ) -> None:
        self.problems.append(Problem(file, reason, field, self._line(file, needle, after)))

    def _line(self, file: str, needle: str | None, after: int = 0) -> int | None:
        """The first line from line ``after`` on that holds ``needle``."""
        if not needle or file not in self._texts:
            return None
        for number, text in enumerate(self._texts[file].splitlines(), start=1):
            if number >= after and needle in text:
                return number
        return None

    def read_text(self, relative: str) -> str | None:
        path = self.directory / relative
        try:
            raw = read_regular(path, PACK.size)
        except FileNotFoundError:
            self.problems.append(Problem(relative, "missing file"))
            return None
        except NotRegular:
            self.problems.append(Problem(relative, "is not a regular file"))
            return None
        except TooBig as error:
            self.problems.append(Problem(relative, f"is {error.reason}"))
            return None
        except OSError as error:
            self.problems.append(Problem(relative, f"cannot be read ({error.strerror})"))
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            self.problems.append(Problem(relative, f"is not UTF-8 text (byte {error.start})"))
            return None
        self._texts[relative] = text
        if not has_unsafe_characters(text):
            return text
        for number, line in enumerate(text.splitlines(), start=1):
            bad = unsafe_characters(line)
            if bad:
                self.problems.append(
                    Problem(relative, f"contains control characters ({', '.join(bad)})", "", number)
                )
        return text

    def parse_toml(self, relative: str, text: str, offset: int = 0) -> dict[str, Any] | None:
        data = prepared.parsed(self.directory / relative, text)
        if data is not None:  # the bundled pack's own text, parsed at build
            return data
        import tomllib

        try:
            data = parse_toml(text, PACK)
        except TooBig as error:
            line = error.line and error.line + offset
            self.problems.append(
                Problem(relative, f"is too much to read: {error.reason}", "", line)
            )
            return None
        except tomllib.TOMLDecodeError as error:
            reason, line = toml_error_position(error)
            self.problems.append(
                Problem(relative, f"is not valid TOML: {reason}", "", line and line + offset)
            )
            return None
        self.escaped_controls(relative, text, data, offset)
        return data

    def escaped_controls(self, relative: str, text: str, data: Any, offset: int) -> None:
        """Controls written as TOML escapes (``"\\u001b"``, ``"\\u202e"``) are plain
        ASCII in the file but real once parsed: refuse them, with the line."""
        if "\\" not in text and "\r" not in text and decoded_references(text) == text:
            # No escape, no reference that decodes to something else: every parsed
            # string is the file's own characters, which read_text has already
            # looked at (start-up).
            return
        found = list(_unsafe_strings(data))
        if not found or has_unsafe_characters(text):
            return  # none, or read_text already named each line
        known = {code for _, codes in found for code in codes}
        lines = [
            (number, codes)
            for number, line in enumerate(text.splitlines(), start=1)
            if (codes := [c for c in _escaped_unsafe(line) if c in known])
        ]
        for number, codes in lines:
            reason = f"contains control characters ({', '.join(codes)}) written as escapes"
            if not re.search(_TOML_ESCAPE, text.splitlines()[number - 1]):
                reason = f"contains control characters ({', '.join(codes)}) as character references"
            self.problems.append(Problem(relative, reason, "", number + offset))
        if not lines:
            for field, codes in found:
                reason = f"contains control characters ({', '.join(codes)})"
                self.problems.append(Problem(relative, reason, field))

    def load_toml(self, relative: str) -> dict[str, Any] | None:
        text = self.read_text(relative)
        return None if text is None else self.parse_toml(relative, text)

    def need(
        self, file: str, table: Mapping[str, Any], key: str, kind: type[T], where: str = ""
    ) -> T | None:
        """``table[key]`` if present and of ``kind``; else a problem."""
        name = f"{where}.{key}" if where else key
        if key not in table:
            self.problem(file, "missing field", name, where.rpartition(".")[2] or None)
            return None
        value = table[key]
        if kind is str and isinstance(value, str) and not value.strip():
            self.problem(file, "is empty", name, f"{key} =")
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problem(file, f"must be {_KIND_NAMES.get(kind, kind.__name__)}", name, f"{key} =")
            return None
        return value

    def optional_str(self, file: str, table: Mapping[str, Any], key: str, where: str) -> str | None:
        return self.need(file, table, key, str, where) if key in table else None

    def entries(
        self, f: str, items: list[Any], kind: str
    ) -> Iterator[tuple[str, dict[str, Any], str | None]]:
        """Each table of an array such as [[channel]], where it is, and its checked id."""
        for index, entry in enumerate(items):
            where = f"{kind}[{index}]"
            if not isinstance(entry, dict):
                self.problem(f, "must be a table", where)
                continue
            item_id = self.ident(f, self.need(f, entry, "id", str, where), f"{where}.id")
            yield (f"{kind}.{item_id}" if item_id else where), entry, item_id

    def https_url(self, f: str, table: Mapping[str, Any], where: str) -> str | None:
        url = self.optional_str(f, table, "url", where)
        if url is not None and not url.startswith("https://"):
            self.problem(f, f"{_quoted(url)} must be an https:// address", f"{where}.url", url)
            return None
        return url

    def ident(self, file: str, value: str | None, name: str) -> str | None:
        if value is not None and not ID.fullmatch(value):
            self.problem(file, f'"{value}" must be lower-case letters, digits and -', name, value)
            return None
        return value

    def unique(self, file: str, ids: list[str], what: str) -> None:
        seen: set[str] = set()
        for item in ids:
            if item in seen:
                self.problem(file, f'duplicate {what} id "{item}"', "id", f'"{item}"')
            seen.add(item)

    def source_ids(
        self, file: str, table: Mapping[str, Any], known: Mapping[str, Source], where: str
    ) -> tuple[str, ...]:
        ids = self.need(file, table, "sources", list, where)
        if ids is None:
            return ()
        name = f"{where}.sources" if where else "sources"
        if not ids:
            self.problem(file, "must name at least one source", name, "sources")
        good: list[str] = []
        for item in ids:
            if not isinstance(item, str) or item not in known:
                self.problem(
                    file,
                    f"unknown source id {_quoted(item)}; pack.toml defines: "
                    f"{', '.join(known) or 'none'}",
                    name,
                    str(item),
                )
            else:
                good.append(item)
        return tuple(good)

    def when(self, file: str, value: Any, where: str) -> When:
        if value is None:
            return When()
        if not isinstance(value, dict):
            self.problem(file, 'must be a table like { stage = ["advanced"] }', where, "when")
            return When()
        rules: list[tuple[str, frozenset[str]]] = []
        for question, ids in value.items():
            if question not in OPTIONS:
                self.problem(
                    file,
                    f"unknown question {_quoted(question)}; use: {', '.join(QUESTIONS)}",
                    where,
                    question,
                )
                continue
            if not isinstance(ids, list) or not ids:
                self.problem(
                    file, "must be a non-empty list of ids", f"{where}.{question}", question
                )
                continue
            for item in ids:
                if item not in OPTIONS[question]:
                    self.problem(
                        file,
                        f"unknown option id {_quoted(item)}; {question} takes: "
                        f"{', '.join(OPTIONS[question])}",
                        f"{where}.{question}",
                        str(item),
                    )
            rules.append((question, frozenset(i for i in ids if isinstance(i, str))))
        return When(tuple(sorted(rules, key=lambda rule: QUESTIONS.index(rule[0]))))

    def when_unless(self, file: str, table: Mapping[str, Any], where: str) -> When:
        """An item's ``when`` (who it is for) and ``unless`` (who must never read it)."""
        prefix = f"{where}." if where else ""
        when = self.when(file, table.get("when"), f"{prefix}when")
        unless = self.when(file, table.get("unless"), f"{prefix}unless")
        return when._replace(unless=unless.rules)

    # -- the files --

    def load(self, *, record: bool = True) -> Pack | None:
        if not self.directory.is_dir():
            self.problems.append(Problem(str(self.directory), "is not a folder"))
            return None
        meta = self.load_toml(PACK_FILE) or {}
        sources = self.sources(meta)
        header = self.header(meta)
        fields_ = self.fields()
        channels = self.channels(sources)
        topics, questions = self.questions()
        sections = self.sections(sources)
        words = None
        if record:
            from pallnav.pack_record import read_record  # only when asked (start-up)

            words = read_record(self, sources)
        if header is None:
            return None
        return Pack(
            **header,
            sources=sources,
            fields=fields_,
            channels=channels,
            topics=topics,
            questions=questions,
            sections=sections,
            root=str(self.directory),
            team=self.team,
            record=words,
            sheet=self.sheet,
        )

    def header(self, meta: dict[str, Any]) -> dict[str, Any] | None:
        f = PACK_FILE
        if not meta:
            return None
        values = {
            key: self.need(f, meta, key, str)
            for key in ("id", "language", "version", "title", "publisher", "disclaimer")
        }
        reviewed = self.need(f, meta, "reviewed", date)
        if isinstance(reviewed, datetime):
            self.problem(f, "must be a date like 2026-11-24, with no time", "reviewed", "reviewed")
            reviewed = None
        self.ident(f, values["id"], "id")
        language = values["language"]
        if language is not None and not LANGUAGE.fullmatch(language):
            self.problem(
                f,
                f"{_quoted(language)} must be a language code like en or es",
                "language",
                "language",
            )
        version = values["version"]
        if version is not None and not is_version(version):
            self.problem(
                f,
                f'{_quoted(version)} is not a PEP 440 version like "2026.11.24"',
                "version",
                "version",
            )
        keys = self.keys(meta)
        if any(v is None for v in values.values()) or reviewed is None:
            return None
        return {**values, "reviewed": reviewed, "keys": keys}

    def keys(self, meta: dict[str, Any]) -> tuple[str, ...]:
        """``keys = ["RW...", ...]``: publisher keys for the pack's next versions."""
        f = PACK_FILE
        raw = meta.get("keys", [])
        if not isinstance(raw, list):
            self.problem(f, 'must be a list of public keys, like keys = ["RW..."]', "keys", "keys")
            return ()
        if not raw:
            return ()
        from pallnav.signing import parse_public_key  # only for a pack that lists keys

        keys: list[str] = []
        for item in raw:
            key = parse_public_key(item) if isinstance(item, str) else None
            if key is None:
                reason = f"{_quoted(item)} is not a minisign public key (a line starting RW)"
                self.problem(f, reason, "keys", "keys")
                continue
            keys.append(key.text)
        return tuple(keys)

    def sources(self, meta: dict[str, Any]) -> dict[str, Source]:
        f = PACK_FILE
        table = meta.get("sources")
        if not isinstance(table, dict) or not table:
            if meta:
                self.problem(f, "must define at least one [sources.<id>] table", "sources")
            return {}
        out: dict[str, Source] = {}
        for source_id, entry in table.items():
            where = f"sources.{source_id}"
            if self.ident(f, source_id, where) is None:
                continue
            if not isinstance(entry, dict):
                self.problem(f, "must be a table", where, f"[{where}]")
                continue
            title = self.need(f, entry, "title", str, where)
            publisher = self.need(f, entry, "publisher", str, where)
            url = self.https_url(f, entry, where)
            when = entry.get("date")
            date_text = str(when) if isinstance(when, date | str) else None
            checked = entry.get("checked")
            if checked is not None and (
                not isinstance(checked, date) or isinstance(checked, datetime)
            ):
                self.problem(
                    f,
                    "must be a date like 2026-11-29, with no time or quotes",
                    f"{where}.checked",
                    "checked",
                )
                checked = None
            if title and publisher:
                out[source_id] = Source(source_id, title, publisher, url, date_text, checked)
        return out

    def fields(self) -> dict[str, Field]:
        f = QUESTIONNAIRE_FILE
        data = self.load_toml(f)
        if data is None:
            return {}
        out: dict[str, Field] = {}
        for question in QUESTIONS:
            table = data.get(question)
            if not isinstance(table, dict):
                self.problem(f, f"missing table [{question}]", question)
                continue
            title = self.need(f, table, "title", str, question)
            prompt = self.need(f, table, "prompt", str, question)
            help_text = self.need(f, table, "help", str, question)
            labels = self.need(f, table, "options", dict, question) or {}
            reasons = table.get("reasons", {})
            if not isinstance(reasons, dict):
                self.problem(f, "must be a table", f"{question}.reasons", f"[{question}.reasons]")
                reasons = {}
            for extra in (set(labels) | set(reasons)) - set(OPTIONS[question]):
                self.problem(
                    f,
                    f"unknown option id {_quoted(extra)}; {question} takes: "
                    f"{', '.join(OPTIONS[question])}",
                    f"{question}.options",
                    extra,
                )
            options: list[Option] = []
            for option_id in OPTIONS[question]:
                label = labels.get(option_id)
                if not isinstance(label, str) or not label.strip():
                    self.problem(
                        f,
                        f'no label for option id "{option_id}"',
                        f"{question}.options",
                        f"[{question}",
                    )
                    continue
                reason = reasons.get(option_id, label)
                if not isinstance(reason, str) or not reason.strip():
                    self.problem(f, "must be text", f"{question}.reasons.{option_id}", option_id)
                    reason = label
                options.append(Option(option_id, label.strip(), reason.strip()))
            help_for = self.help_for(f, question, table.get("help_for", {}))
            if title and prompt and help_text is not None:
                out[question] = Field(question, title, prompt, help_text, tuple(options), help_for)
        for extra in set(data) - set(QUESTIONS):
            self.problem(
                f,
                f"unknown question {_quoted(extra)}; use: {', '.join(QUESTIONS)}",
                extra,
                f"[{extra}]",
            )
        return out

    def help_for(self, f: str, question: str, table: Any) -> dict[str, str]:
        """``[question.help_for]``: the help in other words for each role id."""
        where = f"{question}.help_for"
        if not isinstance(table, dict):
            self.problem(f, "must be a table of role ids and help", where, f"[{where}]")
            return {}
        out: dict[str, str] = {}
        for role, text in table.items():
            if role not in OPTIONS["role"]:
                self.problem(
                    f,
                    f"unknown role {_quoted(role)}; use: {', '.join(OPTIONS['role'])}",
                    where,
                    str(role),
                )
            elif not isinstance(text, str) or not text.strip():
                self.problem(f, "must be text", f"{where}.{role}", str(role))
            else:
                out[role] = text.strip()
        return out

    def channels(self, sources: Mapping[str, Source]) -> tuple[Channel, ...]:
        f = CHANNELS_FILE
        data = self.load_toml(f)
        if data is None:
            return ()
        entries = data.get("channel")
        if not isinstance(entries, list) or not entries:
            self.problem(f, "must hold at least one [[channel]]", "channel")
            return ()
        out: list[Channel] = []
        for where, entry, channel_id in self.entries(f, entries, "channel"):
            name = self.need(f, entry, "name", str, where)
            how = self.need(f, entry, "how", str, where)
            phone = self.optional_str(f, entry, "phone", where)
            url = self.https_url(f, entry, where)
            note = self.optional_str(f, entry, "note", where)
            sheet_note = self.optional_str(f, entry, "sheet_note", where)
            cited = self.source_ids(f, entry, sources, where)
            hours = self.hours(f, entry, where)
            kind = entry.get("kind", "information")
            if kind not in PACK_KINDS:
                self.problem(
                    f,
                    f"{_quoted(kind)} is not a channel kind; use one of: {', '.join(PACK_KINDS)}",
                    f"{where}.kind",
                    "kind",
                )
                continue
            if channel_id and name and how and hours is not None:
                out.append(
                    Channel(
                        channel_id, name, how, hours, cited, phone, url, note,
                        kind=kind, sheet_note=sheet_note and " ".join(sheet_note.split()),
                    )
                )  # fmt: skip
        self.unique(f, [c.id for c in out], "channel")
        self.team = self.team_words(f, data.get("team"))
        return tuple(out)

    def team_words(self, f: str, table: Any) -> TeamWords:
        """``[team]``: ``words`` for every kind of team, ``blank_when``, a list of
        when tables (any one matching) for a blank to write the team's number in, and
        ``blank_unless``, one when table naming who never gets that blank."""
        if table is None:
            return TeamWords()
        if not isinstance(table, dict):
            self.problem(f, "must be a table with words and blank_when", "team", "[team]")
            return TeamWords()
        for key in table:
            if key not in ("words", "blank_when", "blank_unless", "blank_label"):
                self.problem(
                    f,
                    f"unknown key {_quoted(key)}; use words, blank_when, blank_unless, blank_label",
                    "team",
                    key,
                )
        words_table = table.get("words")
        if not isinstance(words_table, dict):
            self.problem(f, f"needs a table with words for: {', '.join(TEAM_KINDS)}", "team.words")
            words_table = {}
        words: dict[str, str] = {}
        for kind in words_table:
            if kind not in TEAM_KINDS:
                self.problem(
                    f,
                    f"{_quoted(kind)} is not a team kind; use: {', '.join(TEAM_KINDS)}",
                    "team.words",
                    str(kind),
                )
        for kind in TEAM_KINDS:
            text = self.need(f, words_table, kind, str, "team.words")
            if text is not None:
                words[kind] = text.strip()
        rules = table.get("blank_when", [])
        if not isinstance(rules, list):
            self.problem(f, "must be a list of when tables", "team.blank_when", "blank_when")
            rules = []
        never = self.when(f, table.get("blank_unless"), "team.blank_unless")
        blank_when = tuple(
            self.when(f, rule, f"team.blank_when[{index}]")._replace(unless=never.rules)
            for index, rule in enumerate(rules)
        )
        return TeamWords(words, blank_when, self.blank_labels(f, table.get("blank_label", [])))

    def blank_labels(self, f: str, entries: Any) -> tuple[tuple[When, str], ...]:
        """``[[team.blank_label]]``: the visit sheet's words for the blank to write
        the team's number on, each with an optional ``when``; the first that matches
        is used, so the last should have none."""
        where = "team.blank_label"
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.problem(f, "must be a list of tables with text and when", where, "blank_label")
            return ()
        out: list[tuple[When, str]] = []
        for index, entry in enumerate(entries):
            at = f"{where}[{index}]"
            for key in entry:
                if key not in ("text", "when", "unless"):
                    self.problem(f, f"unknown key {_quoted(key)}; use text, when, unless", at, key)
            text = self.need(f, entry, "text", str, at)
            when = self.when_unless(f, entry, at)
            if text is not None:
                out.append((when, " ".join(text.split())))
        return tuple(out)

    def team_kinds(self, f: str, value: Any) -> tuple[str, ...]:
        """A section's ``team``: the kinds of the person's own team it tells them to
        call, whose saved numbers are shown with it."""
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            self.problem(f, f"must be a list of team kinds: {', '.join(TEAM_KINDS)}", "team")
            return ()
        for kind in value:
            if kind not in TEAM_KINDS:
                self.problem(
                    f,
                    f"{_quoted(kind)} is not a team kind; use: {', '.join(TEAM_KINDS)}",
                    "team",
                    kind,
                )
        return tuple(k for k in value if k in TEAM_KINDS)

    def hours(self, f: str, entry: Mapping[str, Any], where: str) -> Hours | None:
        zone = self.need(f, entry, "zone", str, where)
        if zone is None:
            return None
        if zone_named(zone) is None:
            self.problem(
                f,
                f"unknown time zone {_quoted(zone)}; use an IANA name like America/Chicago",
                f"{where}.zone",
                "zone =",
            )
            return None
        closed: set[date] = set()
        listed = entry.get("closed", [])
        if not isinstance(listed, list):
            self.problem(
                f, "must be a list of dates like [2026-12-25]", f"{where}.closed", "closed"
            )
            listed = []
        for item in listed:
            if isinstance(item, date) and not isinstance(item, datetime):
                closed.add(item)
            else:
                self.problem(
                    f, f"{_quoted(item)} is not a date like 2026-12-25", f"{where}.closed", "closed"
                )
        always = entry.get("always_open", False)
        if not isinstance(always, bool):
            self.problem(f, "must be true or false", f"{where}.always_open", "always_open")
            return None
        rows = entry.get("hours")
        if always:
            if rows:
                self.problem(
                    f, "a channel that is always open takes no hours", f"{where}.hours", "hours"
                )
            return Hours(zone, True, (), frozenset(closed))
        if not isinstance(rows, list) or not rows:
            self.problem(f, "needs hours = [...] or always_open = true", f"{where}.hours", "hours")
            return None
        spans: list[Span] = []
        for row in rows:
            spans.extend(self.hour_row(f, row, f"{where}.hours"))
        return Hours(zone, False, tuple(sorted(set(spans))), frozenset(closed))

    def hour_row(self, f: str, row: Any, where: str) -> list[Span]:
        if not isinstance(row, dict):
            self.problem(
                f,
                'each row must be a table like { days = [...], opens = "07:00", closes = "18:30" }',
                where,
                "hours",
            )
            return []
        days = self.need(f, row, "days", list, where) or []
        opens = self.need(f, row, "opens", str, where)
        closes = self.need(f, row, "closes", str, where)
        weekdays: list[int] = []
        for day in days:
            if day in WEEKDAYS:
                weekdays.append(WEEKDAYS.index(day))
            else:
                self.problem(
                    f,
                    f"unknown day {_quoted(day)}; use: {', '.join(WEEKDAYS)}",
                    f"{where}.days",
                    str(day),
                )
        if opens is None or closes is None:
            return []
        try:
            return weekly_spans(weekdays, parse_clock(opens), parse_clock(closes))
        except ValueError as error:
            self.problem(f, str(error), where, opens)
            return []

    def questions(self) -> tuple[tuple[tuple[str, str], ...], tuple[Question, ...]]:
        f = QUESTIONS_FILE
        data = self.load_toml(f)
        if data is None:
            return (), ()
        topic_table = self.need(f, data, "topics", dict) or {}
        topics: list[tuple[str, str]] = []
        for topic_id, title in topic_table.items():
            if self.ident(f, topic_id, "topics") and isinstance(title, str) and title.strip():
                topics.append((topic_id, title))
            elif isinstance(topic_id, str) and ID.fullmatch(topic_id):
                self.problem(f, "must be a title", f"topics.{topic_id}", topic_id)
        known_topics = {t for t, _ in topics}
        entries = self.need(f, data, "question", list) or []
        out: list[Question] = []
        for where, entry, question_id in self.entries(f, entries, "question"):
            topic = self.need(f, entry, "topic", str, where)
            if topic is not None and topic not in known_topics:
                self.problem(
                    f,
                    f"unknown topic {_quoted(topic)}; [topics] defines: {', '.join(known_topics)}",
                    f"{where}.topic",
                    f'"{topic}"',
                    self.question_line(f, question_id),
                )
                topic = None
            wording = self.wordings(f, entry, where, question_id)
            when = self.when_unless(f, entry, where)
            if question_id and topic and wording:
                text, voices = wording
                out.append(Question(question_id, topic, text.strip(), when, voices))
        self.unique(f, [q.id for q in out], "question")
        self.sheet = self.sheet_order(f, data.get("sheet"), {q.id for q in out})
        return tuple(topics), tuple(out)

    def sheet_order(self, f: str, table: Any, known: set[str]) -> SheetOrder:
        """``[sheet]``: the question ids the visit sheet takes first, for every
        reader (``first``) and for each stage (``[sheet.stage]``), and last."""
        if table is None:
            return SheetOrder()
        if not isinstance(table, dict):
            self.problem(f, "must be a table with first, last and stage", "sheet", "[sheet]")
            return SheetOrder()
        for key in table:
            if key not in ("first", "last", "stage"):
                self.problem(f, f"unknown key {_quoted(key)}; use first, last, stage", "sheet", key)
        stage_table = table.get("stage", {})
        if not isinstance(stage_table, dict):
            self.problem(f, "must be a table of stage id = [question ids]", "sheet.stage", "stage")
            stage_table = {}
        stages: list[tuple[str, tuple[str, ...]]] = []
        for stage, ids in stage_table.items():
            if stage not in OPTIONS["stage"]:
                reason = f"unknown stage {_quoted(stage)}; use: {', '.join(OPTIONS['stage'])}"
                self.problem(f, reason, "sheet.stage", str(stage))
            else:
                stages.append((stage, self.question_ids(f, ids, f"sheet.stage.{stage}", known)))
        return SheetOrder(
            first=self.question_ids(f, table.get("first", []), "sheet.first", known),
            last=self.question_ids(f, table.get("last", []), "sheet.last", known),
            stages=tuple(stages),
        )

    def question_ids(self, f: str, ids: Any, where: str, known: set[str]) -> tuple[str, ...]:
        """A list of question ids, each defined by a ``[[question]]`` and named once."""
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            self.problem(f, "must be a list of question ids", where)
            return ()
        for ident in ids:
            if ident not in known:
                self.problem(f, f"unknown question id {_quoted(ident)}", where, f'"{ident}"')
        if len(set(ids)) < len(ids):
            self.problem(f, "names a question more than once", where)
        return tuple(dict.fromkeys(i for i in ids if i in known))

    def wordings(
        self, f: str, entry: Mapping[str, Any], where: str, question_id: str | None
    ) -> tuple[str, tuple[tuple[str, str], ...]] | None:
        """A question's wording and its voices: one text for everyone (no voices),
        or one text per role (``text.patient = ...``), the patient's shown by default."""
        text = entry.get("text")
        start = functools.partial(self.question_line, f, question_id)
        if isinstance(text, str) or text is None:
            one = self.need(f, entry, "text", str, where)
            return None if one is None else (one, ())
        if not isinstance(text, dict):
            reason = "must be text, or one text per role (text.patient = ...)"
            self.problem(f, reason, f"{where}.text", "text", start())
            return None
        problems = len(self.problems)
        for role in text:
            if role not in ROLES:
                reason = f"unknown role {_quoted(role)}; text takes: {', '.join(ROLES)}"
                self.problem(f, reason, f"{where}.text", f"text.{role}", start())
        voices: list[tuple[str, str]] = []
        for role in ROLES:
            wording = text.get(role)
            if wording is None:
                reason = f"no wording for role {_quoted(role)}; give text.{role}, or one text"
                self.problem(f, reason, f"{where}.text", "text", start())
            elif not isinstance(wording, str) or not wording.strip():
                self.problem(f, "must be text", f"{where}.text.{role}", f"text.{role}", start())
            else:
                voices.append((role, wording.strip()))
        if len(self.problems) > problems:
            return None
        return voices[0][1], tuple(voices)

    def question_line(self, f: str, question_id: str | None) -> int:
        """The line of a question's id: its problems are looked for from there.
        Looked up only for a problem (once per question, it cost the guide ~5 ms)."""
        return self._line(f, question_id and f'"{question_id}"') or 0

    def body_references(self, f: str, text: str, body: str) -> None:
        """Character references (``&#x202e;``) a Markdown reader would turn into controls."""
        if "&" not in body:
            return
        first = len(text.splitlines()) - len(body.splitlines()) + 1
        for number, line in enumerate(body.splitlines(), start=first):
            raw = unsafe_characters(line)  # read_text named these already
            codes = [c for c in unsafe_characters(decoded_references(line)) if c not in raw]
            if codes:
                reason = f"contains control characters ({', '.join(codes)}) as character references"
                self.problems.append(Problem(f, reason, "", number))

    def sections(self, sources: Mapping[str, Source]) -> tuple[Section, ...]:
        folder = self.directory / SECTIONS_DIR
        if not folder.is_dir():
            self.problems.append(Problem(SECTIONS_DIR, "missing folder"))
            return ()
        out: list[Section] = []
        for path in sorted(folder.iterdir()):
            if path.suffix != ".md" or path.name.startswith("."):
                continue
            if unsafe_characters(path.name):
                reason = f"the file name {_quoted(path.name)} holds control characters"
                self.problems.append(Problem(SECTIONS_DIR, reason))
                continue
            section = self.section(f"{SECTIONS_DIR}/{path.name}", sources)
            if section is not None:
                out.append(section)
        if not out and not any(p.file.startswith(SECTIONS_DIR) for p in self.problems):
            self.problems.append(Problem(SECTIONS_DIR, "holds no sections (*.md)"))
        self.unique(SECTIONS_DIR, [s.id for s in out], "section")
        return tuple(sorted(out, key=lambda s: (s.order, s.id)))

    def section(self, f: str, sources: Mapping[str, Source]) -> Section | None:
        text = self.read_text(f)
        if text is None:
            return None
        front, body = split_front_matter(text)
        if front is None:
            self.problem(
                f,
                f"must start with front matter between {FRONT_MATTER} lines",
                "",
            )
            return None
        meta = self.parse_toml(f, front, offset=1)
        if meta is None:
            return None
        section_id = self.ident(f, self.need(f, meta, "id", str), "id")
        title = self.need(f, meta, "title", str)
        order = self.need(f, meta, "order", int)
        cited = self.source_ids(f, meta, sources, "")
        when = self.when_unless(f, meta, "")
        team = self.team_kinds(f, meta.get("team", []))
        for extra in set(meta) - {"id", "title", "order", "sources", "when", "unless", "team"}:
            self.problem(
                f,
                "unknown field; sections take id, title, order, sources, when, unless, team",
                extra,
                extra,
            )
        if not body.strip():
            self.problem(f, "has no text after the front matter", "body")
            return None
        self.body_references(f, text, body)
        if section_id and title and order is not None:
            return Section(section_id, title, order, cited, when, body.strip() + "\n", f, team)
        return None


def _unsafe_strings(value: Any, where: str = "") -> Iterator[tuple[str, list[str]]]:
    """Each string (key or value) in parsed TOML holding controls: where, and which."""
    if isinstance(value, str):
        # A reference (&#x202e;) is a control too, once a Markdown reader shows it.
        text = decoded_references(value.replace("\r\n", "\n"))
        codes = unsafe_characters(text) + (["U+000D"] if "\r" in text else [])
        if codes:
            yield where, codes
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{where}.{key}" if where else str(key)
            yield from _unsafe_strings(key, name)
            yield from _unsafe_strings(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unsafe_strings(item, f"{where}[{index}]")


# A TOML escape: an odd number of backslashes, then u+4, U+8 hex digits, or b f r.
# (Patterns only parsing needs are compiled on first use, by re: start-up.)
_TOML_ESCAPE = r"(?<!\\)(?:\\\\)*\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[bfr])"


def _escaped_unsafe(line: str) -> list[str]:
    """The controls a line of TOML writes as escapes (U+001B ...) or as character
    references (&#x202e;), once each."""
    found = unsafe_characters(decoded_references(line))
    for match in re.finditer(_TOML_ESCAPE, line):
        code = match.group(1)
        char = {"b": "\b", "f": "\f", "r": "\r"}.get(code) or chr(min(int(code[1:], 16), 0x10FFFF))
        if char == "\r" or unsafe_characters(char):
            found.append(f"U+{ord(char):04X}")
    return list(dict.fromkeys(found))


_KIND_NAMES: dict[type, str] = {
    str: "text",
    int: "a whole number",
    list: "a list",
    dict: "a table",
    date: "a date like 2026-11-24",
}


_TOML_POSITION = r"\s*\(at line (\d+), column \d+\)$"


def toml_error_position(error: tomllib.TOMLDecodeError) -> tuple[str, int | None]:
    """The reason and the line of a TOML error (Python 3.11 keeps the line in the text)."""
    message = str(error)
    found = re.search(_TOML_POSITION, message)
    if found is None:
        return message, None
    return message[: found.start()], int(found.group(1))


def _quoted(value: object) -> str:
    """A value from the pack for a problem: quoted if text, escaped, never long."""
    return shown(value, 80) if isinstance(value, str) else shown(repr(value), 80)[1:-1]
