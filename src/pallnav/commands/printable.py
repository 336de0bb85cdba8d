"""The guide and the one-page visit sheet as files a person keeps and prints.

Used by ``pallnav guide --export``, ``pallnav export`` and the navigator's "save a
one-page sheet" / "save the whole guide to print": the format comes from
``--format``, else the file's extension (``.html``/``.htm``, ``.md``, ``.txt``);
the file is written privately (0600) and never replaces one that is there unless
``force``; ``--open`` shows a saved HTML file in the web browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pallnav.commands.summary_file import summary_name, write_summary
from pallnav.contacts import Contacts
from pallnav.document import Document
from pallnav.i18n import Messages
from pallnav.pack import Pack
from pallnav.tailor import Guide
from pallnav.views import guide_document, visit_document

if TYPE_CHECKING:
    from pallnav.record_sheet import RecordShown

#: The formats a kept file can have.
FILE_FORMATS = ("markdown", "html", "plain")
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".txt": "plain"}
SUFFIXES = {"markdown": ".md", "html": ".html", "plain": ".txt"}
#: Plain text on paper: 80 columns.
PAPER_WIDTH = 80


def file_format(path: Path | None, chosen: str | None, default: str) -> str:
    """The format of a file to write: ``--format`` wins (``rich`` writes plain
    text), then the file's extension, then ``default``."""
    if chosen:
        return "plain" if chosen == "rich" else chosen
    if path is not None:
        return EXTENSIONS.get(path.suffix.lower(), default)
    return default


def with_extension(path: Path, output_format: str) -> Path:
    """``path``, with the extension of ``output_format`` added when its name has
    none pallnav knows ("visit" becomes "visit.html"; "visit.md" stays)."""
    if path.suffix.lower() in EXTENSIONS:
        return path
    return path.with_name(path.name + SUFFIXES[output_format])


def document_text(document: Document, output_format: str, language: str) -> str:
    """``document`` written as ``output_format`` (one of ``FILE_FORMATS``)."""
    if output_format == "html":
        from pallnav.htmldoc import to_html

        return to_html(document, language)
    if output_format == "plain":
        from pallnav.render import to_plain

        return to_plain(document, PAPER_WIDTH)
    from pallnav.markdown import to_markdown

    return to_markdown(document)


def paper_document(
    guide: Guide,
    pack: Pack,
    contacts: Contacts,
    messages: Messages,
    *,
    origin: str,
    visit: bool,
    record: RecordShown | None = None,
) -> Document:
    """What a kept file holds: the visit sheet, or the whole guide made for paper,
    each with since the last visit (``record``)."""
    if visit:
        return visit_document(guide, pack, contacts, messages, record)
    return guide_document(guide, pack, contacts, messages, origin=origin, paper=True, record=record)


def default_name(contacts: Contacts, *, visit: bool, output_format: str) -> str:
    """pallnav-summary-YYYY-MM-DD.md, pallnav-visit-YYYY-MM-DD.html, ...: dated in
    the person's own zone."""
    name = summary_name(contacts).removesuffix(".md") + SUFFIXES[output_format]
    return name.replace("pallnav-summary-", "pallnav-visit-") if visit else name


def write_visit_sheet(
    path: Path,
    guide: Guide,
    pack: Pack,
    contacts: Contacts,
    messages: Messages,
    *,
    force: bool = False,
    output_format: str | None = None,
    record: RecordShown | None = None,
) -> Path:
    """Save the one-page sheet for the next visit (answers, who to call, up to ten
    questions with a box and a line each) and return where it went.

    The format is ``output_format`` if given, else the one ``path``'s extension
    names, else HTML (the sheet is made to print from a browser). Written with mode
    0600; an existing file raises ``PallnavError("errors.file_exists")`` unless
    ``force``, and a failed write leaves nothing behind (``PallnavError``).
    """
    fmt = file_format(path, output_format, "html")
    document = paper_document(guide, pack, contacts, messages, origin="", visit=True, record=record)
    return write_summary(path, document_text(document, fmt, messages.language), force=force)


def write_guide(
    path: Path,
    guide: Guide,
    pack: Pack,
    contacts: Contacts,
    messages: Messages,
    *,
    origin: str,
    force: bool = False,
    output_format: str | None = None,
    record: RecordShown | None = None,
) -> Path:
    """Save the whole guide to keep and print (what a visit needs first, then the
    sections, with lines for notes) and return where it went.

    ``origin`` is the pack's ("bundled" or "updated", ``PackChoice.origin``). The
    format is ``output_format`` if given, else the one ``path``'s extension names,
    else Markdown. Same promises as :func:`write_visit_sheet`.
    """
    fmt = file_format(path, output_format, "markdown")
    document = paper_document(
        guide, pack, contacts, messages, origin=origin, visit=False, record=record
    )
    return write_summary(path, document_text(document, fmt, messages.language), force=force)


def open_in_browser(path: Path) -> bool:
    """Show a saved HTML file in the default web browser; False if none could."""
    import webbrowser

    try:
        return webbrowser.open(path.resolve().as_uri())
    except webbrowser.Error:
        return False
