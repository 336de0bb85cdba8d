"""`pallnav topics`, `pallnav show` and `pallnav content check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Runner
from packs import write_pack


def test_topics_lists_every_section_id_and_title(run: Runner) -> None:
    result = run("topics")
    assert result.code == 0
    assert "what-it-is" in result.out
    assert "What palliative care is" in result.out
    assert "pallnav show ID" in result.out


def test_topics_json_is_a_list_of_id_and_title(run: Runner) -> None:
    data = json.loads(run("topics", "--json").out)
    assert data[0] == {"id": "what-it-is", "title": "What palliative care is"}
    assert all(set(item) == {"id", "title"} for item in data)
    assert len({item["id"] for item in data}) == len(data)


def test_show_prints_the_section_its_sources_review_date_and_disclaimer(run: Runner) -> None:
    result = run("show", "children")
    assert result.code == 0
    assert "When a child has cancer" in result.out
    assert "child life specialist" in result.out
    assert "Sources" in result.out
    assert "https://getpalliativecare.org/whatis/pediatric/" in result.out
    assert "reviewed December 5, 2026" in result.out
    assert "not medical advice" in result.out
    assert "**" not in result.out  # plain text, not Markdown marks


def test_show_markdown_is_a_document_with_one_top_heading_and_linked_sources(
    run: Runner,
) -> None:
    result = run("show", "children", "--format", "markdown")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "# When a child has cancer"
    assert sum(1 for line in lines if line.startswith("# ")) == 1
    assert "## Child life specialists" in lines
    assert "## Sources" in lines
    assert any(line.startswith("- [What Is Palliative Care?](https://") for line in lines)


def test_show_unknown_id_exits_2_and_suggests_the_closest(run: Runner) -> None:
    result = run("show", "benefts")
    assert result.code == 2
    assert '"benefts"' in result.err
    assert "benefits" in result.err
    assert result.out == ""


def test_show_rejects_an_unknown_format_naming_the_choices(run: Runner) -> None:
    result = run("show", "benefits", "--format", "html")
    assert result.code == 2
    assert "rich, plain, markdown" in result.err


def test_content_check_passes_the_bundled_pack_with_a_grade_per_section(run: Runner) -> None:
    result = run("content", "check")
    assert result.code == 0
    assert "what-it-is  grade" in result.out
    assert "No problems: pallnav-en" in result.out


def test_content_check_lists_every_problem_and_exits_1(run: Runner, tmp_path: Path) -> None:
    hard = (
        '+++\nid = "what"\ntitle = "What"\norder = 10\nsources = ["nope"]\n+++\n'
        "Notwithstanding considerable interdisciplinary heterogeneity, multidimensional "
        "symptomatology necessitates comprehensive individualized interventional "
        "methodologies incorporating pharmacological considerations.\n"
    )
    pack = write_pack(tmp_path / "pack", **{"sections__010-what_md": hard})
    result = run("content", "check", str(pack))
    assert result.code == 1
    assert 'sections/010-what.md:5: sources: unknown source id "nope"' in result.out
    assert "sections/010-what.md: reads at grade" in result.out
    assert "2 problem(s) found." in result.out


@pytest.mark.parametrize("width", [40, 80])
def test_show_fits_the_width_except_for_long_addresses(run: Runner, width: int) -> None:
    result = run("show", "how-to-get-it", env={"COLUMNS": str(width)})
    for line in result.out.splitlines():
        assert len(line) <= width or "://" in line, line


def test_help_lists_every_command_without_loading_them(run: Runner) -> None:
    import sys

    from pallnav.cli import COMMANDS

    for name in ("pallnav.commands.update", "pallnav.commands.content"):
        sys.modules.pop(name, None)
    result = run("--help")
    assert result.code == 0
    for name in {path.split()[0] for path in COMMANDS}:
        assert f"  {name} " in result.out
    assert "pallnav.commands.update" not in sys.modules
    assert "pallnav.commands.content" not in sys.modules


def test_pallnav_alone_shows_the_help_on_stdout(run: Runner) -> None:
    result = run()
    assert result.code == 0
    assert result.err == ""
    assert result.out.startswith("Usage: pallnav")
    assert "  guide " in result.out
    assert "not medical advice. In an emergency, call 911." in " ".join(result.out.split())


def test_help_is_in_spanish_for_a_spanish_reader(run: Runner) -> None:
    result = run("--help", env={"PALLNAV_LANG": "es"})
    assert "Comandos:" in result.out
    assert "Su guía personal" in result.out
    guide = run("guide", "--help", "--lang", "es")
    assert "Su guía personal: unas pocas preguntas" in guide.out
    assert "Guarda estas respuestas en esta computadora" in guide.out


def test_a_command_and_its_help_load_only_that_command(run: Runner) -> None:
    result = run("show", "--help")
    assert result.code == 0
    assert "Show one section of the guide" in result.out


@pytest.mark.parametrize("path", ["guide", "hours", "show", "profile forget", "content build"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_help_is_in_the_readers_words_and_ends_with_examples(
    run: Runner, path: str, language: str
) -> None:
    result = run(*path.split(), "--help", "--lang", language)
    assert result.code == 0
    heading = {"en": "Examples:", "es": "Ejemplos:"}[language]
    blocks = result.out.rstrip().split("\n\n")
    assert blocks[-1].splitlines()[0] == heading
    examples = blocks[-1].splitlines()[1:]
    assert 2 <= len(examples) <= 3
    assert all(line.startswith(f"  pallnav {path}") for line in examples)
    english = ("Usage:", "Options:", "Show this message and exit", "Arguments:")
    if language == "es":
        assert not any(word in result.out for word in english), result.out
        assert result.out.startswith("Uso: pallnav")


@pytest.mark.parametrize("width", [40, 80])
def test_help_fits_the_width(run: Runner, width: int) -> None:
    for args in (["--help"], ["guide", "--help"], ["content", "--help"]):
        result = run(*args, env={"COLUMNS": str(width)})
        for line in result.out.splitlines():
            assert len(line) <= width or line.startswith("  pallnav "), line


@pytest.mark.parametrize(("language", "words"), [("en", "Which section?"), ("es", "¿Qué sección?")])
def test_show_without_an_id_says_one_is_needed_and_how_to_list_them(
    run: Runner, language: str, words: str
) -> None:
    result = run("show", "--lang", language)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"pallnav: {words}")
    assert "pallnav topics" in result.err


def test_show_json_gives_the_section_with_its_sources_resolved(run: Runner) -> None:
    result = run("show", "pain", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["id"] == "pain"
    assert data["sources"] and all(isinstance(s, str) for s in data["sources"])
    assert [d["id"] for d in data["source_details"]] == data["sources"]
    assert all(d["title"] and d["url"].startswith("https://") for d in data["source_details"])
    assert data["pack"]["language"] == "en"
    assert json.loads(run("show", "pain", "--format", "json").out) == data


def test_json_and_another_format_together_is_a_usage_error(run: Runner) -> None:
    result = run("show", "pain", "--json", "--format", "markdown")
    assert result.code == 2
    assert "--json" in result.err


def test_format_rich_in_a_pipe_gives_rich_as_asked(run: Runner) -> None:
    """As httpie's --pretty: `pallnav show pain --format rich | less -R`."""
    piped = run("show", "pain", "--format", "rich")
    assert piped.code == 0
    assert "\x1b[" in piped.out
    assert "\x1b[" not in run("show", "pain").out  # a pipe alone stays plain


def test_force_color_gives_rich_in_a_pipe_unless_no_color(run: Runner) -> None:
    assert "\x1b[" in run("hours", env={"FORCE_COLOR": "1"}).out
    assert "\x1b[" not in run("hours", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).out
    assert "\x1b[" not in run("hours", "--plain", env={"FORCE_COLOR": "1"}).out
