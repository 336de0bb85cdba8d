"""Spanish: a complete pack and catalogue, kept in step with English, and runs a
Spanish reader can follow from start to finish."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import Runner
from pallnav.cli import COMMANDS, load_command
from pallnav.commands.flags import GLOBAL_FLAGS
from pallnav.context import package_dir
from pallnav.i18n import Messages, load_messages, placeholders
from pallnav.pack import Pack
from pallnav.pack_loader import load_pack

LOCALES = package_dir() / "locales"
CONTENT = package_dir() / "content"
NEW_YORK = ZoneInfo("America/New_York")


def catalogue(language: str) -> Messages:
    return load_messages(LOCALES / f"{language}.toml", language)


@pytest.fixture(scope="module")
def packs() -> dict[str, Pack]:
    return {language: load_pack(CONTENT / language) for language in ("en", "es")}


# --- the two stay in step -----------------------------------------------------------


def test_every_catalogue_has_the_same_messages_and_placeholders_as_english() -> None:
    english = catalogue("en")
    for path in LOCALES.glob("*.toml"):
        other = catalogue(path.stem)
        assert set(other.table) == set(english.table), path.name
        for key, template in english.table.items():
            assert placeholders(other.table[key]) == placeholders(template), (path.name, key)
        assert {k: len(v) for k, v in other.lists.items()} == {
            k: len(v) for k, v in english.lists.items()
        }


def test_help_has_words_for_every_command_and_flag_and_names_only_real_ones() -> None:
    declared = {path: load_command(path) for path in COMMANDS}
    groups = {path.split()[0] for path in COMMANDS if " " in path}
    flag_keys = {f"{path} {flag.name}" for path, c in declared.items() for flag in c.flags}
    flag_keys |= {flag.name for c in declared.values() for flag in c.flags}
    flag_keys |= {flag.name for flag in GLOBAL_FLAGS}
    metavars = {
        flag.metavar or flag.name
        for flags in (*[c.flags for c in declared.values()], GLOBAL_FLAGS)
        for flag in flags
        if flag.metavar or flag.positional
    }
    for path in LOCALES.glob("*.toml"):
        table = catalogue(path.stem).table
        for name, command in declared.items():
            assert f"commands.{name}" in table, (path.name, name)
            for flag in command.flags:
                assert f"flags.{name} {flag.name}" in table or f"flags.{flag.name}" in table
        for group in groups:
            assert f"commands.{group}" in table, (path.name, group)
        for flag in GLOBAL_FLAGS:
            assert f"flags.{flag.name}" in table, (path.name, flag.name)
        for key in table:
            if key.startswith("commands."):
                assert key.removeprefix("commands.") in {*declared, *groups}, key
            elif key.startswith("flags."):
                assert key.removeprefix("flags.") in flag_keys, key
        assert {k.removeprefix("metavars.") for k in table if k.startswith("metavars.")} == (
            metavars
        ), path.name


def test_the_spanish_pack_has_every_section_question_label_and_channel_of_english(
    packs: dict[str, Pack],
) -> None:
    en, es = packs["en"], packs["es"]
    assert (es.version, es.reviewed) == (en.version, en.reviewed)
    assert set(es.sources) == set(en.sources)
    assert [(s.id, s.order, s.when, s.sources) for s in es.sections] == [
        (s.id, s.order, s.when, s.sources) for s in en.sections
    ]
    assert [(q.id, q.topic, q.when) for q in es.questions] == [
        (q.id, q.topic, q.when) for q in en.questions
    ]
    assert [t for t, _ in es.topics] == [t for t, _ in en.topics]
    assert [(c.id, c.hours, c.phone, c.url, bool(c.sheet_note)) for c in es.channels] == [
        (c.id, c.hours, c.phone, c.url, bool(c.sheet_note)) for c in en.channels
    ]
    assert es.sheet == en.sheet  # the visit sheet takes the same questions first
    assert [w for w, _ in es.team.blank_labels] == [w for w, _ in en.team.blank_labels]
    for question, field in en.fields.items():
        assert [o.id for o in es.fields[question].options] == [o.id for o in field.options]


def test_spanish_never_promises_spanish_service_at_the_acs_helpline_or_chat(
    packs: dict[str, Pack],
) -> None:
    for channel in packs["es"].channels:
        if "American Cancer Society" not in channel.name:
            continue
        text = " ".join(filter(None, [channel.name, channel.how, channel.note]))
        # Spanish is named only as the NCI's service, with its own number.
        for sentence in re.split(r"(?<=\.) ", text):
            if "español" in sentence.lower():
                assert "NCI" in sentence and "1-800-422-6237" in sentence, sentence


def test_spanish_headings_say_what_applies_not_what_is_owed() -> None:
    text = (LOCALES / "es.toml").read_text(encoding="utf-8")
    assert 'sections = "Lo que aplica a su caso"' in text
    assert "le corresponde" not in text


def test_spanish_names_the_affordable_care_act_by_its_spanish_name(
    packs: dict[str, Pack],
) -> None:
    mentions = [s for s in packs["es"].sections if "Affordable Care Act" in s.body]
    assert mentions
    for section in mentions:
        assert "Ley del Cuidado de Salud a Bajo Precio (Affordable Care Act)" in section.body
    assert not [s.id for s in packs["es"].sections if "Ley de Cuidado de Salud" in s.body]


def test_spanish_readers_find_spanish_help_in_the_reach_block(packs: dict[str, Pack]) -> None:
    crisis = packs["es"].channel("crisis")
    helpline = packs["es"].channel("helpline")
    assert crisis is not None and helpline is not None
    assert crisis.note is not None and "oprima 2" in crisis.note and "AYUDA" in crisis.note
    assert helpline.note is not None and "1-800-422-6237" in helpline.note


# --- Spanish dates, times and durations --------------------------------------------


def test_dates_and_times_are_written_the_spanish_way() -> None:
    es = catalogue("es")
    monday = datetime(2026, 11, 30, 8, 0, tzinfo=NEW_YORK)
    assert es("format.date_at", date=es.date(monday), time=es.time(monday)) == (
        "lunes, 30 de noviembre, 8:00 a. m."
    )
    assert es.day_and_time(monday) == "el lunes, 30 de noviembre, a las 8:00 a. m."
    one = monday.replace(hour=13)
    assert es.day_and_time(one, one - timedelta(hours=2)) == "hoy a la 1:00 p. m."
    assert es.full_date(monday.date()) == "30 de noviembre de 2026"
    assert es.duration(timedelta(hours=2, minutes=5)) == "2 h 5 min"
    assert es.duration(timedelta(days=1, hours=23)) == "2 días"
    assert es.duration(timedelta(days=1, hours=2)) == "1 día"


# --- choosing the language ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "config", "expected"),
    [
        (["--lang", "es"], {}, None, "es"),
        ([], {"PALLNAV_LANG": "es"}, None, "es"),
        (["--lang", "en"], {"PALLNAV_LANG": "es"}, None, "en"),
        ([], {}, 'language = "es"\n', "es"),
        ([], {"PALLNAV_LANG": "en"}, 'language = "es"\n', "en"),
        ([], {"LANG": "es_MX.UTF-8"}, None, "es"),
        ([], {"LANG": "es_US.UTF-8", "LC_ALL": "en_US.UTF-8"}, None, "en"),
        ([], {"LANG": "fr_FR.UTF-8"}, None, "en"),
    ],
)
def test_language_comes_from_flag_then_env_then_config_then_system(
    run: Runner,
    home: Path,
    args: list[str],
    env: dict[str, str],
    config: str | None,
    expected: str,
) -> None:
    if config:
        path = home / "config" / "pallnav" / "config.toml"
        path.parent.mkdir(parents=True)
        path.write_text(config)
    out = run("hours", *args, env=env).out
    title = {"en": "Can I reach someone now?", "es": "¿Puedo hablar con alguien ahora?"}
    assert title[expected] in out


def test_an_unknown_language_exits_2_listing_the_ones_there_are(run: Runner) -> None:
    result = run("guide", "--lang", "fr")
    assert result.code == 2
    assert '--lang: "fr"' in result.err
    assert "en, es" in result.err
    assert run("hours", env={"PALLNAV_LANG": "de"}).code == 2


# --- whole runs with no English a Spanish reader would trip on ----------------------

ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|you|with|for|open|closed|now|today|tomorrow|questions|sources|shown|"
    r"because|what|who|when|monday|friday|november|hours|reach|care team|help|none|"
    r"content|reviewed|built in|summary|notes|missing|choose|change)\b",
    re.IGNORECASE,
)


def english_words(text: str, pack: Pack) -> list[str]:
    """English words left in ``text`` once names, titles and addresses are set aside.

    Sources are English documents, cited by their own titles; section ids are
    the same in every language (you type them), like answer ids.
    """
    text = " ".join(text.split())
    allowed = [
        "American Cancer Society",
        "Live Chat",
        "National Cancer Institute",
        "Cancer Information Service",
        "Medicare Advantage",
        *(s.title for s in pack.sources.values()),
        *(s.publisher for s in pack.sources.values()),
    ]
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, "")
    # Titles first: a title may hold a word that is also a section id ("... in pain").
    text = " ".join(word for word in text.split() if word not in {s.id for s in pack.sections})
    text = re.sub(r"https?://\S+|\S+\.(org|gov|com)\S*", "", text)
    return ENGLISH_WORDS.findall(text)


GUIDE = ["--role", "caregiver", "--stage", "end-of-life", "--age", "child", "--setting", "home",
         "--insurance", "medicaid", "--concern", "pain", "--concern", "family"]  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["guide", *GUIDE],
        ["guide", *GUIDE, "--format", "markdown"],
        ["hours", "--week"],
        ["hours", "--at", "2026-11-28T13:00"],
        ["hours", "--check", "chat"],
        ["show", "benefits"],
        ["topics"],
    ],
)
def test_spanish_runs_have_no_stray_english(
    run: Runner, packs: dict[str, Pack], args: list[str]
) -> None:
    result = run(*args, "--lang", "es")
    assert result.code in (0, 1), result.err
    assert english_words(result.out + result.err, packs["es"]) == []


def test_the_spanish_summary_and_json_are_spanish(run: Runner) -> None:
    summary = run("guide", *GUIDE, "--format", "markdown", env={"PALLNAV_LANG": "es"}).out
    assert summary.startswith("# Su guía de cuidados paliativos\n")
    assert "## Preguntas para su equipo de atención médica" in summary
    assert "- [ ] " in summary
    assert "Notas:" in summary
    data = json.loads(run("guide", *GUIDE, "--format", "json", "--lang", "es").out)
    assert data["pack"]["language"] == "es"
    assert data["sections"][0]["title"] == "Qué son los cuidados paliativos"


def test_spanish_errors_name_the_value_and_the_choices(run: Runner) -> None:
    result = run("guide", "--lang", "es", "--stage", "final")
    assert result.code == 2
    assert result.err == (
        'pallnav: --stage: "final" no es una opción válida. Opciones: new, treatment, '
        "advanced, end-of-life, after-treatment, unsure\n"
    )
    missing = run("guide", "--lang", "es", "--role", "patient")
    assert "Faltan algunas respuestas" in missing.err
    usage = run("hours", "--lang", "es", "--bogus")
    assert usage.err.startswith("pallnav: --bogus no es una opción de este comando.")


def test_spanish_hours_are_in_the_readers_zone_with_the_channels_beside_them(
    run: Runner,
) -> None:
    result = run(
        "hours", "--lang", "es", "--tz", "America/New_York",
        at=datetime(2026, 11, 27, 20, 0, tzinfo=UTC),
    )  # fmt: skip
    assert "Ahora: viernes, 27 de noviembre, 3:00 p. m." in result.out
    assert (
        "Cierra hoy a las 7:30 p. m., en su hora (6:30 p. m., hora del Centro), "
        "dentro de 4 h 30 min." in " ".join(result.out.split())
    )
