"""The printed page, in a real browser: headless Chromium prints the HTML to PDF.

The visit sheet is one page on US Letter and on A4 for the answers that make it
longest, in each language; the whole guide prints with nothing past the right
margin. Without Chromium (and poppler's pdftotext) these skip and say why, except
in CI (CI=true), where ``.ci/run`` installs them and a skip would hide a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Runner
from printing import answer_flags, longest_sheet_answers

#: The page margin the HTML sets (@page{margin:15mm}), in points.
MARGIN = 15 / 25.4 * 72


def _tool(names: tuple[str, ...], why: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"CI=true but {names[0]} is missing ({why}); .ci/run installs it")
    pytest.skip(f"{names[0]} is not installed ({why}); Debian: apt-get install {why}")


def chromium() -> str:
    return _tool(("chromium", "chromium-browser"), "chromium")


def print_to_pdf(html: str, size: str, folder: Path) -> Path:
    """``html`` printed by headless Chromium on paper of ``size`` ("letter", "A4").

    The paper is set as a print dialog would, with an @page size; nothing else of
    the page changes."""
    browser = chromium()
    page = folder / f"page-{size}.html"
    page.write_text(html.replace("</style>", f"@page{{size:{size}}}</style>", 1))
    pdf = folder / f"page-{size}.pdf"
    subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return pdf


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_visit_sheet_prints_on_one_page_of_letter_and_of_a4(
    run: Runner, tmp_path: Path, language: str
) -> None:
    # Two lines of the person's own team too: a hospice and the oncology office.
    for name, kind in (("Hope Hospice nurse line", "hospice"), ("Dr. Rivera's office", "oncology")):
        added = run(
            "team", "add", "--name", name, "--phone", "555-010-0199", "--kind", kind,
            "--hours", "Mon-Fri 8:00-17:00",
        )  # fmt: skip
        assert added.code == 0, added.err
    answers = answer_flags(longest_sheet_answers(language))
    result = run("export", "--visit", "-", "--format", "html", "--lang", language, *answers)
    assert result.code == 0, result.err
    assert "Dr. Rivera&#x27;s office" in result.out
    for size in ("letter", "A4"):
        pdf = print_to_pdf(result.out, size, tmp_path)
        assert pages(pdf) == 1, f"{language} on {size}: {pages(pdf)} pages"


def words_past_the_margin(pdf: Path) -> list[str]:
    """Each word whose box ends past the right margin (pdftotext -bbox)."""
    import re

    pdftotext = _tool(("pdftotext",), "poppler-utils")
    boxes = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    past = []
    for page in re.finditer(r'<page width="([\d.]+)".*?</page>', boxes, re.DOTALL):
        # pdftotext's word boxes can end a point or so past Chromium's line box (seen:
        # 1.02 pt for a word that wrapped normally); a word that is really cut runs far past.
        edge = float(page.group(1)) - MARGIN + 2
        for word in re.finditer(r'<word [^>]*xMax="([\d.]+)"[^>]*>([^<]*)</word>', page.group(0)):
            if float(word.group(1)) > edge:
                past.append(word.group(2))
    return past


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_whole_guide_prints_with_nothing_past_the_right_edge(
    run: Runner, tmp_path: Path, language: str
) -> None:
    answers = answer_flags(longest_sheet_answers(language))
    result = run("guide", *answers, "--format", "html", "--lang", language)
    assert result.code == 0, result.err
    assert "https://pmc.ncbi.nlm.nih.gov/" in result.out  # long addresses are in it
    pdf = print_to_pdf(result.out, "A4", tmp_path)
    assert pages(pdf) > 1
    assert words_past_the_margin(pdf) == []
