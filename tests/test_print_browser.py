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
from html import escape
from pathlib import Path

import pytest

from bundled import pack
from conftest import Runner
from pallnav.answers import OPTIONS
from printing import answer_flags, longest_sheet_answers

#: The page margin the HTML sets (@page{margin:15mm}; the sheet's is narrower), in points.
MARGIN = 15 / 25.4 * 72
#: The one-page sheet's side margins (@page{margin:8mm 10mm}).
SHEET_MARGIN = 10 / 25.4 * 72


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


#: The fixed clock's week (conftest: Friday, November 27, 2026).
WEEK = [f"2026-11-{day}" for day in range(21, 28)]
TEN_MEDICINES = (
    ("Morphine (long-acting)", "30 mg", "8 am and 8 pm", "pain"),
    ("Morphine liquid", "5 mg", "every 4 hours when needed", "breakthrough pain"),
    ("Senna", "2 tablets", "at bedtime", "constipation"),
    ("Ondansetron", "8 mg", "every 8 hours when needed", "nausea"),
    ("Dexamethasone", "4 mg", "every morning with food", "appetite and energy"),
    ("Lorazepam", "0.5 mg", "at night when needed", "worry and sleep"),
    ("Metformin", "500 mg", "twice a day with meals", "diabetes"),
    ("Lisinopril", "10 mg", "every morning", "blood pressure"),
    ("Omeprazole", "20 mg", "before breakfast", "stomach"),
    ("Docusate", "100 mg", "twice a day", "constipation"),
)


def add_medicines(run: Runner, medicines: tuple[tuple[str, str, str, str], ...]) -> None:
    for name, dose, when, what in medicines:
        added = run("meds", "add", "--name", name, "--dose", dose, "--when", when, "--for", what)
        assert added.code == 0, added.err


def keep_everything(run: Runner) -> None:
    """A team of three, a week of every symptom (the other one named), ten medicines."""
    for n in range(1, 4):
        added = run(
            "team", "add", "--name", f"Hope Hospice nurse line {n}", "--phone",
            f"555-010-019{n}", "--kind", "hospice", "--hours", "Mon-Fri 8:00-17:00",
        )  # fmt: skip
        assert added.code == 0, added.err
    items = ("pain", "tiredness", "drowsiness", "nausea", "appetite", "breathing", "sadness")
    for index, day in enumerate(WEEK):
        scores = [part for item in items for part in (f"--{item}", str((index + 3) % 11))]
        scores += ["--worry", "5", "--wellbeing", "6", "--other", "constipation"]
        saved = run("log", "--at", day, *scores, "--other-score", "7", "--note", "long night")
        assert saved.code == 0, saved.err
    add_medicines(run, TEN_MEDICINES)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kept", [True, False], ids=["a-full-record", "nothing-recorded"])
def test_the_sheet_with_the_record_prints_on_one_page_of_letter_and_of_a4(
    run: Runner, tmp_path: Path, language: str, kept: bool
) -> None:
    if kept:
        keep_everything(run)
    answers = answer_flags(longest_sheet_answers(language))
    result = run("export", "--visit", "-", "--format", "html", "--lang", language, *answers)
    assert result.code == 0, result.err
    if kept:
        assert "Docusate" in result.out and result.out.count("<svg") == 10
    else:
        assert '<table class="grid">' in result.out
    for size in ("letter", "A4"):
        pdf = print_to_pdf(result.out, size, tmp_path)
        assert pages(pdf) == 1, f"{language} on {size}: {pages(pdf)} pages"
        assert words_past_the_margin(pdf, SHEET_MARGIN) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_near_the_end_of_life_a_full_sheet_keeps_the_night_and_death_at_home_questions(
    run: Runner, tmp_path: Path, language: str
) -> None:
    keep_everything(run)
    every_worry = [p for c in OPTIONS["concerns"] for p in ("--concern", c)]
    flags = ["--role", "caregiver", "--stage", "end-of-life", "--age", "older-adult",
             "--setting", "hospital", "--insurance", "medicare", *every_worry]  # fmt: skip
    html = run("export", "--visit", "-", "--format", "html", "--lang", language, *flags).out
    chosen = pack(language)
    by_id = {q.id: q.in_voice("caregiver").text for q in chosen.questions}
    for ident in ("night-and-crisis", "death-at-home"):
        assert escape(by_id[ident], quote=True) in html, ident
    assert pages(print_to_pdf(html, "letter", tmp_path)) == 1


def words_past_the_margin(pdf: Path, margin: float = MARGIN) -> list[str]:
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
        edge = float(page.group(1)) - margin + 2
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


#: Medicines written as on their labels (issue 19, item 3): rows that wrap to two
#: or three lines in the printed table.
LABEL_MEDICINES = (
    ("Morphine sulfate extended-release (MS Contin)", "15 mg (one tablet)",
     "every 12 hours, at 8 am and 8 pm", "pain"),
    ("Morphine sulfate immediate-release", "5 mg (one tablet)",
     "every 4 hours when needed for breakthrough pain", "breakthrough pain"),
    ("Ondansetron (Zofran)", "4 mg dissolving tablet", "every 8 hours when needed",
     "nausea or vomiting"),
    ("Senna with docusate (Senokot-S)", "2 tablets",
     "at bedtime, more if no bowel movement in 2 days", "constipation from morphine"),
    ("Dexamethasone", "4 mg", "every morning with breakfast", "appetite and energy"),
    ("Lorazepam (Ativan)", "0.5 mg under the tongue", "every 6 hours when needed",
     "anxiety, nausea or trouble sleeping"),
    ("Polyethylene glycol (Miralax)", "17 g in a glass of water", "once a day", "constipation"),
    ("Gabapentin (Neurontin)", "300 mg capsule", "three times a day",
     "burning or shooting nerve pain"),
    ("Omeprazole (Prilosec)", "20 mg capsule", "30 minutes before breakfast",
     "stomach protection with dexamethasone"),
    ("Haloperidol (Haldol)", "0.5 mg", "at night, and every 4 hours when needed",
     "nausea or confusion"),
)  # fmt: skip
#: Seven other problems, one a day: seven more rows of scores.
OTHERS = ("constipation", "trouble sleeping", "itching", "dry mouth", "confusion", "hiccups",
          "swelling in the legs")  # fmt: skip


def keep_a_long_record(run: Runner, others: bool) -> None:
    """A week of every symptom; one other problem all week, or a new one each day;
    the ten medicines as on their labels, or ten short ones."""
    for index, day in enumerate(WEEK):
        other = OTHERS[index] if others else "constipation"
        saved = run(
            "log", "--at", day, "--pain", str(3 + index), "--breathing", str(2 + index),
            "--tiredness", "9", "--drowsiness", "7", "--nausea", "8", "--appetite", "8",
            "--sadness", "7", "--worry", "8", "--wellbeing", "9", "--other", other,
            "--other-score", "7",
        )  # fmt: skip
        assert saved.code == 0, saved.err
    add_medicines(run, TEN_MEDICINES if others else LABEL_MEDICINES)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("others", [False, True], ids=["label-medicines", "seven-others"])
def test_a_long_record_still_prints_on_one_page_with_who_to_call_and_the_first_questions(
    run: Runner, tmp_path: Path, language: str, others: bool
) -> None:
    keep_a_long_record(run, others)
    every_worry = [p for c in OPTIONS["concerns"] for p in ("--concern", c)]
    stage = ("end-of-life", "child") if language == "en" else ("advanced", "young-adult")
    flags = ["--role", "professional", "--stage", stage[0], "--age", stage[1],
             "--setting", "hospital", "--insurance", "private", *every_worry]  # fmt: skip
    result = run("export", "--visit", "-", "--format", "html", "--lang", language, *flags)
    assert result.code == 0, result.err
    html = result.out
    chosen = pack(language)
    first = chosen.sheet.leading(stage[0])[:2]
    by_id = {q.id: q.in_voice("professional").text for q in chosen.questions}
    for ident in first:
        assert escape(by_id[ident], quote=True) in html, ident
    assert "911" in html and "988" in html
    for size in ("letter", "A4"):
        pdf = print_to_pdf(html, size, tmp_path)
        assert pages(pdf) == 1, f"{language} on {size}: {pages(pdf)} pages"
