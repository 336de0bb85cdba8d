"""Small things a person notices: a mistyped section id, a name saved twice, the
age question's hint."""

from __future__ import annotations

import pytest

from conftest import Runner


@pytest.mark.parametrize(
    ("language", "asked", "said"),
    [
        ("en", "pian", 'No section "pian". Did you mean: pain, paying?'),
        ("es", "pian", 'No hay ninguna sección "pian". ¿Quiso decir: pain, paying?'),
        ("en", "pain-help", "Did you mean: pain,"),  # the id it is made of, first
        ("en", "caregiver", "Did you mean: for-caregivers, caregiver-paperwork?"),
        ("es", "dolor", "¿Quiso decir: pain"),  # a word of a Spanish title
        ("en", "xyz", 'No section "xyz". To see every section and its id: pallnav topics\n'),
        ("es", "xyz", "Para ver cada sección y su ID: pallnav topics\n"),
    ],
)
def test_a_mistyped_section_id_names_the_ones_meant_and_only_those(
    run: Runner, language: str, asked: str, said: str
) -> None:
    result = run("show", asked, "--lang", language)
    assert result.code == 2
    assert result.out == ""
    assert said in result.err
    assert result.err.count("\n") == 1
    assert "what-it-is, who-and-when" not in result.err  # no list of unrelated ids


@pytest.mark.parametrize(
    ("asked", "title"),
    [("Pain", "Help with pain"), (" advanced-eight ", "Advanced cancer: is it")],
)
def test_an_id_in_capitals_or_cut_short_but_unmistakable_shows_the_section(
    run: Runner, asked: str, title: str
) -> None:
    result = run("show", asked)
    assert result.code == 0
    assert result.out.startswith(title)
