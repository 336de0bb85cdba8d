"""Things to keep and print: the HTML guide, the one-page visit sheet, formats that
follow the file's name, --open, and saving where hard links are not supported."""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bundled import pack
from conftest import Runner
from markdown_rules import problems
from pallnav.answers import Answers
from pallnav.document import names_address
from pallnav.htmldoc import STYLE
from pallnav.pack import Channel
from pallnav.render import to_plain
from pallnav.tailor import tailor
from pallnav.views import visit_document
from printing import (
    answer_flags,
    contacts,
    html_errors,
    longest_sheet_answers,
    messages,
)

CAREGIVER = [
    "--role", "caregiver", "--stage", "advanced", "--age", "older-adult",
    "--setting", "home", "--insurance", "medicare", "--concern", "pain",
]  # fmt: skip


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(text)
    return parser.tags


def own_links(language: str) -> set[str]:
    """Every address the pack's own text holds: its sources and links in its sections."""
    chosen = pack(language)
    urls = {s.url for s in chosen.sources.values() if s.url}
    for section in chosen.sections:
        urls |= set(re.findall(r"\]\(([^)\s]+)\)", section.body))
    return urls


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("visit", [False, True])
def test_the_html_is_valid_self_contained_and_fetches_nothing(
    run: Runner, language: str, visit: bool
) -> None:
    answers = answer_flags(longest_sheet_answers(language))
    args = ["export", "-", "--format", "html", "--lang", language, *answers]
    result = run(*args, *(["--visit"] if visit else []))
    assert result.code == 0, result.err
    text = result.out
    assert html_errors(text) == []
    found = tags(text)
    assert found[0] == ("html", {"lang": language})
    names = [tag for tag, _ in found]
    assert "script" not in names
    assert not {"img", "link", "iframe", "object", "embed", "video", "audio"} & set(names)
    assert not any("src" in attrs or "style" in attrs for _, attrs in found)
    hrefs = {attrs["href"] for _, attrs in found if "href" in attrs}
    assert hrefs <= own_links(language)
    assert "url(" not in text and "@import" not in text
    assert names.count("h1") == 1
    levels = [int(tag[1]) for tag in names if re.fullmatch(r"h[1-6]", tag)]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_every_link_is_printed_with_its_address_after_it(run: Runner) -> None:
    text = run("guide", *CAREGIVER, "--concern", "family", "--format", "html").out
    for match in re.finditer(r'<a href="([^"]+)">([^<]*)</a>', text):
        url, words = match.groups()
        if not names_address(words, url):
            after = text[match.end() : match.end() + len(url) + 40]
            assert f"({url})" in after, words


def test_a_packs_own_markup_and_images_never_reach_the_page() -> None:
    from pallnav.htmldoc import body_html

    html = body_html('Hi <script>alert(1)</script> ![x](https://e.org/i.png "t")', 2)
    assert "<script" not in html and "src=" not in html
    assert "&lt;script&gt;" in html


def test_print_type_is_at_least_12_points_and_headings_stay_with_their_text() -> None:
    # One exception, on the one-page sheet only: the tables of scores and medicines
    # (a week of ten symptoms and ten medicines must fit beside the questions).
    rest, tables = STYLE.split(".sheet table{"), re.findall(r"\.sheet table\{[^}]*\}", STYLE)
    sizes = [
        float(s)
        for s in re.findall(
            r"font-size:([\d.]+)pt", rest[0] + "".join(part.split("}", 1)[1] for part in rest[1:])
        )
    ]
    assert sizes and min(sizes) >= 12
    assert [re.findall(r"font-size:([\d.]+)pt", t) for t in tables] == [["11"]]
    assert not re.search(r"font-size:[\d.]+(px|em|rem|%)", STYLE)
    assert "break-after:avoid" in STYLE
    assert re.search(r"ul\.check>li\{[^}]*break-inside:avoid", STYLE)
    assert re.search(r"\.notes\{[^}]*break-inside:avoid[^}]*break-before:avoid", STYLE)


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_colour_on_white_meets_wcag_aa() -> None:
    for colour in set(re.findall(r"color:(#[0-9a-f]{6})", STYLE)) - {"#ffffff"}:
        ratio = 1.05 / (relative_luminance(colour) + 0.05)
        assert ratio >= 4.5, colour


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_visit_sheet_fits_66_lines_at_80_columns(language: str) -> None:
    answers = longest_sheet_answers(language)
    chosen = pack(language)
    team = tuple(
        chosen.channels[0]._replace(
            id=f"team-{n}", name=name, kind="hospice", source="you", sheet_note=None
        )
        for n, name in enumerate(("Hope Hospice nurse line", "Dr. Rivera's office"))
    )
    document = visit_document(
        tailor(chosen, answers), chosen, contacts((*team, *chosen.channels)), messages(language)
    )
    text = to_plain(document, 80)
    lines = text.splitlines()
    assert len(lines) <= 66
    assert max(len(line) for line in lines) <= 80
    assert text.count("[ ] ") == 10


def sheet(answers: Answers, channels: tuple[Channel, ...] | None = None) -> str:
    chosen = pack("en")
    reach = contacts(chosen.channels if channels is None else channels)
    return to_plain(visit_document(tailor(chosen, answers), chosen, reach, messages("en")), 80)


PATIENT = Answers("patient", "advanced", "adult", "clinic", "private", ())


def test_the_sheet_has_a_blank_for_the_team_number_until_the_team_is_known() -> None:
    assert "Hospice or care team — number for day and night: ____" in " ".join(
        sheet(PATIENT).split()
    )
    team = pack("en").channels[0]._replace(
        id="my-team", name="Dr. Rivera's palliative team", how="Call 555-0100",
        kind="palliative", source="you", sheet_note=None,
    )  # fmt: skip
    text = sheet(PATIENT, (team, *pack("en").channels))
    assert "care team —" not in text
    first_to_call = text.split("Who to call\n\n")[1].splitlines()[0]
    assert first_to_call == "- Dr. Rivera's palliative team: Call 555-0100"


def test_a_long_team_list_keeps_the_sheet_to_one_page() -> None:
    base = pack("en").channels
    team = tuple(
        base[0]._replace(
            id=f"team-{n}",
            name=f"Team line {n}",
            how=f"Call 555-010{n}",
            kind="other",
            source="you",
            sheet_note=None,
        )
        for n in range(1, 7)
    )
    text = sheet(PATIENT, (*team, *base))
    assert [n for n in range(1, 7) if f"Team line {n}:" in text] == [1, 2, 3]
    assert "…and 3 more of your team: see pallnav team list." in text
    assert "more of your team" not in sheet(PATIENT, (*team[:3], *base))


def test_the_sheet_has_the_answers_date_and_disclaimer() -> None:
    text = sheet(PATIENT)
    assert "Your answers: I have cancer; Advanced" in " ".join(text.split())
    assert "Made on November 27, 2026. This guide gives information, not medical advice." in (
        " ".join(text.split())
    )


def test_guide_visit_shows_the_sheet_and_has_no_json(run: Runner) -> None:
    result = run("guide", *CAREGIVER, "--visit")
    assert result.code == 0, result.err
    assert result.out.startswith("For the next visit\n")
    assert "Sections" not in result.out
    refused = run("guide", *CAREGIVER, "--visit", "--format", "json")
    assert refused.code == 2
    assert "rich, plain, markdown, html" in refused.err


def test_the_markdown_visit_sheet_passes_the_markdown_rules(run: Runner) -> None:
    result = run("export", "--visit", "-", "--format", "markdown", *CAREGIVER)
    assert problems(result.out) == []
    assert result.out.count("- [ ] ") <= 10


@pytest.mark.parametrize(
    ("name", "format_flag", "starts"),
    [
        ("guide.html", [], "<!DOCTYPE html>"),
        ("guide.HTM", [], "<!DOCTYPE html>"),
        ("guide.md", [], "# Your palliative care guide"),
        ("guide.txt", [], "Your palliative care guide\n\nMade on"),
        ("guide.txt", ["--format", "html"], "<!DOCTYPE html>"),
        ("guide.html", ["--format", "markdown"], "# Your palliative care guide"),
    ],
)
def test_the_files_format_follows_its_name_and_format_wins(
    run: Runner, tmp_path: Path, name: str, format_flag: list[str], starts: str
) -> None:
    target = tmp_path / name
    assert run("export", str(target), *format_flag, *CAREGIVER).code == 0
    assert target.read_text().startswith(starts)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.unlink()
    assert run("guide", *CAREGIVER, "--export", str(target), *format_flag).code == 0
    assert target.read_text().startswith(starts)


def test_export_visit_names_its_file_by_date_and_writes_html(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "--visit", *CAREGIVER)
    assert result.code == 0, result.err
    assert [p.name for p in tmp_path.iterdir()] == ["pallnav-visit-2026-11-27.html"]
    assert "one-page sheet" in result.err


def test_open_shows_the_saved_html_file_only_when_asked(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []

    def browser(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    target = tmp_path / "visit.html"
    assert run("export", "--visit", str(target), *CAREGIVER).code == 0
    assert opened == []
    target.unlink()
    assert run("export", "--visit", str(target), "--open", *CAREGIVER).code == 0
    assert opened == [target.resolve().as_uri()]
    assert run("guide", *CAREGIVER, "--export", str(tmp_path / "g.html"), "--open").code == 0
    assert opened[-1].endswith("/g.html")


def test_open_without_an_html_file_is_refused_before_anything_is_written(
    run: Runner, tmp_path: Path
) -> None:
    for args in (
        ["export", str(tmp_path / "s.md"), "--open"],
        ["export", "-", "--format", "html", "--open"],
        ["guide", "--format", "html", "--open"],
    ):
        result = run(*args, *CAREGIVER)
        assert result.code == 2, args
        assert result.err.count("\n") == 1
        assert "--open" in result.err and ".html" in result.err
    assert list(tmp_path.iterdir()) == []


def test_the_spanish_sheet_is_in_spanish(run: Runner) -> None:
    result = run("export", "--visit", "-", "--format", "html", "--lang", "es", *CAREGIVER)
    assert '<html lang="es">' in result.out
    assert "Para la próxima cita" in result.out
    assert "A quién llamar" in result.out
    assert "Equipo de cuidados de hospicio o de atención — número de día y de noche:" in result.out


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.ENOSYS])
def test_saving_works_where_hard_links_are_not_supported_and_never_replaces(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def no_links(source: object, target: object, *args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "visit.html"
    first = run("export", "--visit", str(target), *CAREGIVER)
    assert first.code == 0, first.err
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    target.write_text("my notes\n")
    refused = run("export", "--visit", str(target), *CAREGIVER)
    assert refused.code == 2
    assert "--force" in refused.err
    assert target.read_text() == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["visit.html"]

    assert run("export", "--visit", str(target), "--force", *CAREGIVER).code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        (
            "See [the fact sheet](https://www.cancer.gov/x) now.",
            "See the fact sheet (https://www.cancer.gov/x) now.",
        ),
        (
            "Visit [cancer.gov/contact](https://www.cancer.gov/contact).",
            "Visit cancer.gov/contact.",
        ),
        (
            "Go to [getpalliativecare.org](https://getpalliativecare.org/).",
            "Go to getpalliativecare.org.",
        ),
    ],
)
def test_a_link_in_plain_text_has_its_address_after_it_unless_its_words_are_the_address(
    markdown: str, shown: str
) -> None:
    from pallnav.htmldoc import body_html
    from pallnav.render import markdown_to_plain

    assert markdown_to_plain(markdown, 100) == [shown]
    words = re.sub(r"<[^>]+>", "", body_html(markdown, 2))
    assert words == shown
