"""Loading content packs: a good pack loads, a broken one names file, field and reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from packs import write_pack
from pallnav.answers import Answers
from pallnav.pack import PackInvalid
from pallnav.pack_loader import check_pack, load_channels, load_pack


def problems_of(root: Path) -> list[str]:
    _, problems = check_pack(root)
    return [str(p) for p in problems]


def test_a_valid_pack_loads_with_sections_in_order(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path))
    assert pack.id == "test-en"
    assert pack.reviewed == date(2026, 11, 1)
    assert [s.id for s in pack.sections] == ["what", "children"]
    assert [c.id for c in pack.channels] == ["helpline", "chat"]
    assert pack.fields["age"].label("young-adult") == "Young Adult"
    assert pack.sections[1].when.matches(Answers(age="child"))
    assert not pack.sections[1].when.matches(Answers(age="teen"))
    assert pack.sections[0].when.matches(Answers())


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (
            {
                "sections__020-children_md": '+++\nid = "children"\ntitle = "Kids"\norder = 20\n'
                'sources = ["acs"]\nwhen = { age = ["toddler"] }\n+++\nText.\n'
            },
            'sections/020-children.md:6: when.age: unknown option id "toddler"; age takes: child,',
        ),
        (
            {
                "sections__020-children_md": '+++\nid = "children"\ntitle = "Kids"\norder = 20\n'
                'sources = ["acs"]\nwhen = { mood = ["sad"] }\n+++\nText.\n'
            },
            'sections/020-children.md:6: when: unknown question "mood"',
        ),
        (
            {
                "sections__020-children_md": '+++\nid = "children"\ntitle = "Kids"\norder = 20\n'
                'sources = ["wiki"]\n+++\nText.\n'
            },
            'sections/020-children.md:5: sources: unknown source id "wiki"; pack.toml defines: acs',
        ),
        (
            {
                "sections__020-children_md": '+++\nid = "what"\ntitle = "Again"\norder = 20\n'
                'sources = ["acs"]\n+++\nText.\n'
            },
            'sections: id: duplicate section id "what"',
        ),
        (
            {
                "sections__020-children_md": '+++\nid = "children"\norder = 20\n'
                'sources = ["acs"]\n+++\nText.\n'
            },
            "sections/020-children.md: title: missing field",
        ),
        (
            {
                "pack_toml": 'id = "x"\nlanguage = "en"\nversion = "1"\ntitle = "T"\n'
                'reviewed = "last week"\npublisher = "P"\ndisclaimer = "D"\n'
                '[sources.acs]\ntitle = "A"\npublisher = "B"\n'
            },
            "pack.toml:5: reviewed: must be a date like 2026-11-24",
        ),
        (
            {
                "pack_toml": 'id = "x"\nlanguage = "en"\nversion = "one"\ntitle = "T"\n'
                'reviewed = 2026-01-01\npublisher = "P"\ndisclaimer = "D"\n'
                '[sources.acs]\ntitle = "A"\npublisher = "B"\n'
            },
            'pack.toml:3: version: "one" is not a PEP 440 version',
        ),
        (
            {
                "questions_toml": '[topics]\nstart = "Start"\n[[question]]\nid = "a"\n'
                'topic = "start"\ntext = "A?"\n[[question]]\nid = "a"\ntopic = "start"\n'
                'text = "B?"\n'
            },
            'questions.toml:4: id: duplicate question id "a"',
        ),
        (
            {
                "questions_toml": '[topics]\nstart = "Start"\n[[question]]\nid = "a"\n'
                'topic = "later"\ntext = "A?"\n'
            },
            'questions.toml:5: question.a.topic: unknown topic "later"',
        ),
        (
            {
                "channels_toml": '[[channel]]\nid = "line"\nname = "Line"\nhow = "Call"\n'
                'zone = "Mars/Olympus"\nalways_open = true\nsources = ["acs"]\n'
            },
            'channels.toml:5: channel.line.zone: unknown time zone "Mars/Olympus"',
        ),
        (
            {
                "channels_toml": '[[channel]]\nid = "line"\nname = "Line"\nhow = "Call"\n'
                'zone = "UTC"\nsources = ["acs"]\nhours = [{ days = ["mon"], opens = "9am", '
                'closes = "17:00" }]\n'
            },
            "channels.toml:7: channel.line.hours: expected a 24-hour time like 07:00",
        ),
        (
            {"questions_toml": '[topics]\nstart = "Start"\n[[question]\nid = "a"\n'},
            "questions.toml:3: is not valid TOML",
        ),
        (
            {
                "sections__010-what_md": '+++\nid = "what"\ntitle = "What"\norder = 10\n'
                'sources = ["acs"]\n+++\nHello \x1b]0;pwned\x07 there.\n'
            },
            "sections/010-what.md:7: contains control characters (U+001B, U+0007)",
        ),
        (
            {
                "sections__010-what_md": '+++\nid = "what"\ntitle = "What"\norder = 10\n'
                'sources = ["acs"]\n+++\nA \u202ehidden\u202c word.\n'
            },
            "sections/010-what.md:7: contains control characters (U+202E, U+202C)",
        ),
        (
            {
                "channels_toml": '[[channel]]\nid = "line"\nname = "Line"\nhow = "Call"\n'
                'zone = "UTC"\nalways_open = true\nsources = ["acs"]\nkind = "hospice"\n'
            },
            'channels.toml:8: channel.line.kind: "hospice" is not a channel kind; use one of: '
            "emergency, crisis, information",
        ),
        ({"channels_toml": None}, "channels.toml: missing file"),
    ],
)
def test_a_broken_pack_names_the_file_the_field_and_the_reason(
    tmp_path: Path, replace: dict[str, str | None], expected: str
) -> None:
    found = problems_of(write_pack(tmp_path, **replace))
    assert any(p.startswith(expected) for p in found), found


def test_a_missing_label_is_reported_for_the_option_id(tmp_path: Path) -> None:
    from packs import questionnaire

    text = questionnaire().replace('unsure = "Unsure"\n', "", 1)
    found = problems_of(write_pack(tmp_path, questionnaire_toml=text))
    assert any('no label for option id "unsure"' in p for p in found), found


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    found = problems_of(
        write_pack(
            tmp_path,
            channels_toml=None,
            questions_toml='[topics]\nstart = "Start"\n[[question]]\nid = "Bad Id"\n'
            'topic = "start"\ntext = "A?"\n',
        )
    )
    assert len(found) >= 2


def test_load_pack_raises_one_error_naming_the_first_problem(tmp_path: Path) -> None:
    with pytest.raises(PackInvalid) as raised:
        load_pack(write_pack(tmp_path, channels_toml=None))
    assert raised.value.key == "errors.pack"
    assert "channels.toml: missing file" in raised.value.detail


def test_hours_can_load_only_the_channels(tmp_path: Path) -> None:
    language, channels = load_channels(write_pack(tmp_path, questions_toml=None))
    assert language == "en"
    assert [c.id for c in channels] == ["helpline", "chat"]


def test_a_folder_that_is_not_a_pack_is_named(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: is not a folder"]


def test_a_section_names_only_kinds_of_team_whose_numbers_it_shows(tmp_path: Path) -> None:
    section = (
        '+++\nid = "what"\ntitle = "What"\norder = 10\nsources = ["acs"]\n'
        'team = ["hospice", "nurse"]\n+++\nCall the hospice.\n'
    )
    found = problems_of(write_pack(tmp_path, **{"sections__010-what_md": section}))
    assert found == [
        'sections/010-what.md:6: team: "nurse" is not a team kind; use: hospice, palliative, '
        "oncology, primary, other"
    ]
    good = write_pack(tmp_path, **{"sections__010-what_md": section.replace(', "nurse"', "")})
    section_loaded = load_pack(good).section("what")
    assert section_loaded is not None and section_loaded.team == ("hospice",)


def test_help_for_a_role_takes_role_ids_and_words(tmp_path: Path) -> None:
    from packs import questionnaire

    text = questionnaire() + '[age.help_for]\npatient = "Pick your own age."\nnurse = "Hm."\n'
    found = problems_of(write_pack(tmp_path, questionnaire_toml=text))
    assert any('unknown role "nurse"; use: patient, caregiver, professional' in p for p in found)
    good = questionnaire() + '[age.help_for]\npatient = "Pick your own age."\n'
    age = load_pack(write_pack(tmp_path, questionnaire_toml=good)).fields["age"]
    assert age.help_text("patient") == "Pick your own age."
    assert age.help_text("caregiver") == age.help_text(None) == "Pick one."
