"""A :class:`~pallnav.document.Document` as one self-contained HTML page to print.

Pure. Inline CSS, no JavaScript, nothing fetched (no fonts, images or styles from
elsewhere): the only addresses in the page are the text's own links, each printed
after its words so it survives on paper. Real headings (``h1``-``h4``) a screen
reader can jump between, tick boxes and lines for notes that print, type of at
least 12 pt (but 11 pt for the one-page sheet's tables of scores and medicines),
dark text on white (WCAG AA and better), and page breaks that keep a question
with its note lines and a heading with what follows it.

Section bodies are read with markdown-it (already installed with Rich), with
raw HTML off, so a pack's text can never add markup of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any

from pallnav.document import (
    NBSP,
    Blank,
    Body,
    Bullets,
    Checklist,
    Document,
    Gap,
    Grid,
    Heading,
    Inline,
    Link,
    Notes,
    Para,
    Status,
    Strong,
    Table,
    Title,
    held_together,
    names_address,
    spans,
)
from pallnav.safetext import clean, clean_all

# One font's measures everywhere: Arial, or Liberation Sans (the same widths) on
# Linux, so a page that fits here fits there. Colours on white: text #1a1a1a
# 17:1, #3d3d3d 11:1; links #0b4a80 9:1.
STYLE = """
*{box-sizing:border-box}
html{color:#1a1a1a;background:#fff}
body{font-family:Arial,"Liberation Sans",Helvetica,"Noto Sans","DejaVu Sans",sans-serif;
font-size:12pt;line-height:1.45;max-width:44em;margin:1.5em auto;padding:0 1em;
overflow-wrap:anywhere}
h1{font-size:20pt;margin:0 0 .4em}
h2{font-size:15pt;margin:1.2em 0 .4em;padding-bottom:.1em;border-bottom:1.5pt solid #1a1a1a}
h3{font-size:13pt;margin:1em 0 .3em}
h4,h5,h6{font-size:12pt;margin:.8em 0 .2em}
h1,h2,h3,h4,h5,h6{line-height:1.25;break-after:avoid;page-break-after:avoid}
p{margin:.4em 0}
ul,ol{margin:.3em 0;padding-left:1.4em}
li{margin:.15em 0}
a{color:#0b4a80}
.url{color:#3d3d3d}
.tel,.nowrap{white-space:nowrap}
.muted{color:#3d3d3d}
.warn{font-weight:bold}
.aside{border-left:3pt solid #1a1a1a;padding-left:.6em}
.blank{display:inline-block;min-width:16em;border-bottom:1pt solid #1a1a1a}
ul.check{list-style:none;padding-left:0}
ul.check>li{position:relative;padding-left:1.7em;margin:.45em 0;
break-inside:avoid;page-break-inside:avoid}
.box{position:absolute;left:0;top:.2em;width:1em;height:1em;border:1.5pt solid #1a1a1a}
.line{height:1.7em;border-bottom:1pt solid #3d3d3d}
.notes{break-inside:avoid;page-break-inside:avoid;break-before:avoid;page-break-before:avoid}
@page{margin:15mm}
@media print{body{max-width:none;margin:0;padding:0}a{color:#1a1a1a}}
body.sheet{line-height:1.15}
.sheet h1{font-size:17pt;margin:0 0 .1em}
.sheet h2{font-size:13pt;margin:.4em 0 .1em}
.sheet h3{font-size:12pt;margin:.3em 0 0}
.sheet p{margin:.1em 0}
.sheet li{margin:0}
.sheet ul{margin:.1em 0}
.sheet ul.check>li{margin:.15em 0}
.sheet .line{height:1.3em}
.sheet table{margin:.15em 0;line-height:1;font-size:11pt}
.sheet ul.check{columns:2;column-gap:1.4em}
.sheet ul.check>li:first-child{margin-top:0}
table{border-collapse:collapse;margin:.3em 0;line-height:1.15}
th,td{padding:0 .35em;text-align:left;vertical-align:top}
td.chart svg{vertical-align:middle}
thead th{font-weight:bold;border-bottom:1pt solid #1a1a1a}
tbody th{font-weight:normal}
table.scores td{text-align:right;min-width:2em}
table.scores thead th+th{text-align:right}
table.scores td.chart,table.scores th.chart{text-align:left;padding-left:.6em}
table.grid td{border:1pt solid #3d3d3d;min-width:3.2em;height:1.45em}
table.grid tbody th{border:1pt solid #3d3d3d;padding-right:.6em}
table.grid thead th{border:1pt solid #3d3d3d}
table.table td,table.table tbody th{border-bottom:.5pt solid #3d3d3d;padding-top:0;padding-bottom:0}
table.table{width:100%}
.sheet table.grid td{height:1.5em}
@media print{body.sheet main{display:flex;flex-direction:column;height:100vh}
.sheet .fill{flex:1 1 0;min-height:3.2em;overflow:hidden}}
@media screen{.fill .line:nth-child(n+5){display:none}}
"""


def to_html(document: Document, language: str) -> str:
    """``document`` as a complete HTML page in ``language`` (``<html lang=...>``)."""
    body: list[str] = []
    level = 1
    # clean_all: a second wall behind the pack checks.
    for block in held_together(clean_all(document.blocks)):
        match block:
            case Title(text):
                body.append(f"<h1>{_text(text)}</h1>")
                level = 1
            case Heading(text, heading_level, _):
                body.append(f"<h{heading_level}>{_text(text)}</h{heading_level}>")
                level = heading_level
            case Para(text, style):
                body.append(_paragraph(inline_html(text), style))
            case Body(markdown, _):
                body.append(body_html(markdown, min(level + 1, 6)))
            case Checklist(items, note_lines):
                lines = '<div class="line"></div>' * note_lines
                body.append(
                    '<ul class="check">'
                    + "".join(
                        f'<li><span class="box" aria-hidden="true"></span>{inline_html(i)}{lines}'
                        "</li>"
                        for i in items
                    )
                    + "</ul>"
                )
            case Notes(label, count, fill):
                # To fill a printed page: more lines than any page holds, cut at its end.
                ruled = FILL_LINES if fill and document.one_page else count
                css = "notes fill" if fill and document.one_page else "notes"
                body.append(
                    f'<div class="{css}"><p>{_text(label)}</p>'
                    + '<div class="line"></div>' * ruled
                    + "</div>"
                )
            case Table():
                body.append(table_html(block))
            case Bullets(items):
                body.append(_list(inline_html(i) for i in items))
            case Status(label, _, state, details):
                body.append(f"<p><strong>{_text(label)}</strong>: {_text(state)}</p>")
                if details:
                    body.append(_list(_text(d) for d in details))
            case Grid(title, _, _, _, words):
                body.append(f"<p><strong>{_text(title)}</strong></p>")
                body.append(_list(_text(w) for w in words))
            case Gap():
                pass
    css_class = ' class="sheet"' if document.one_page else ""
    # A sheet has narrower page margins: room for one more line, in any font.
    style = STYLE + ("@page{margin:8mm 10mm}\n" if document.one_page else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(clean(document.title).replace(NBSP, ' '))}</title>\n"
        f"<style>{style}</style>\n</head>\n<body{css_class}>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


#: Lines a filling note area holds: more than the free part of any page.
FILL_LINES = 40


def table_html(table: Table) -> str:
    """A table with real column and row headers; a chart of each row's scores after
    them (hidden from screen readers, which read the numbers); a blank grid's cells
    ruled, with room to write."""
    css = "grid" if table.blank else "scores" if table.chart else "table"
    head = "".join(f'<th scope="col">{_text(h)}</th>' for h in table.headers)
    if table.chart:
        head += f'<th scope="col" class="chart">{_text(table.chart_title)}</th>'
    rows = []
    for row in table.rows:
        cells = f'<th scope="row">{inline_html(row[0])}</th>'
        cells += "".join(f"<td>{inline_html(c)}</td>" for c in row[1:])
        if table.chart:
            cells += f'<td class="chart">{score_chart(row[1:])}</td>'
        rows.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def score_chart(cells: Sequence[Inline]) -> str:
    """A small line chart of scores 0 to 10, one point a day, gaps where a day has
    none. Inline SVG: nothing fetched, and hidden from screen readers (the numbers
    are in the row)."""
    step, top, bottom = 10, 2.0, 20.0
    points = [
        (5 + index * step, bottom - int(cell) * (bottom - top) / 10)
        if isinstance(cell, str) and cell.isdigit()
        else None
        for index, cell in enumerate(cells)
    ]
    width = 10 + step * (len(cells) - 1)
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    lines = "".join(
        '<polyline fill="none" stroke="#1a1a1a" stroke-width="1.4" points="'
        + " ".join(f"{x:g},{y:g}" for x, y in run)
        + '"/>'
        for run in runs
        if len(run) > 1
    )
    dots = "".join(f'<circle cx="{x:g}" cy="{y:g}" r="1.8"/>' for x, y in filter(None, points))
    return (
        f'<svg aria-hidden="true" focusable="false" viewBox="0 0 {width} 22" '
        f'width="{width / 22:.2f}em" height="1em">'
        f'<line x1="0" y1="{bottom:g}" x2="{width}" y2="{bottom:g}" stroke="#3d3d3d" '
        f'stroke-width="0.6"/>{lines}<g fill="#1a1a1a">{dots}</g></svg>'
    )


def inline_html(text: Inline) -> str:
    out: list[str] = []
    for span in spans(text):
        match span:
            case Link(words, url):
                out.append(_link(words, url))
            case Strong(words):
                out.append(f"<strong>{_text(words)}</strong>")
            case Blank():
                out.append('<span class="blank"></span>')
            case str():
                out.append(_PHONE.sub(r'<span class="tel">\g<0></span>', _text(span)))
    return "".join(out)


def _text(text: str) -> str:
    """``text`` escaped for HTML; words a no-break space joins (a time, "6:30 p. m.")
    are kept on one line by a style, with plain spaces that copy as typed."""
    html = escape(text)
    if NBSP not in html:
        return html
    return _HELD_WORDS.sub(
        lambda m: f'<span class="nowrap">{m.group().replace(NBSP, " ")}</span>', html
    )


#: Words joined by no-break spaces (a no-break space is a space to \s).
_HELD_WORDS = re.compile(r"[^\s<>]*(?:\u00a0[^\s<>]*)+")

#: A phone number (1-800-227-2345) is never split across two lines.
_PHONE = re.compile(r"(?<![\w-])\+?\d[\d-]{5,}\d(?![\w-])")


def _link(words: str, url: str) -> str:
    """A link, with its address printed after its words (unless they are the address)."""
    if not url:
        return _text(words)
    anchor = f'<a href="{escape(url)}">{_text(words)}</a>'
    if names_address(words, url):
        return anchor
    return f'{anchor} <span class="url">({escape(url)})</span>'


def _paragraph(html: str, style: str) -> str:
    if style == "strong":
        return f"<p><strong>{html}</strong></p>"
    if style == "aside":
        return f'<p class="aside">{html}</p>'
    if style:
        return f'<p class="{style}">{html}</p>'
    return f"<p>{html}</p>"


def _list(items: Any) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def body_html(markdown: str, top: int) -> str:
    """A section body as HTML: its highest heading at level ``top``, raw HTML shown as
    text, images as their words, and each link's address printed after it."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    tokens = md.parse(markdown)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = top - min(levels) if levels else 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("image", _image)
    md.add_render_rule("text", _text_token)
    return str(md.renderer.render(tokens, md.options, {"links": []})).strip()


def _text_token(self: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
    """Words, escaped; a time or a phone number kept on one line (:func:`_text`)."""
    return _text(tokens[index].content)


def _link_open(self: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
    env["links"].append(str(tokens[index].attrGet("href") or ""))
    return str(self.renderToken(tokens, index, options, env))


def _link_close(self: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
    href = env["links"].pop()
    words = _words_between(tokens, index)
    closing = str(self.renderToken(tokens, index, options, env))
    if names_address(words, href):
        return closing
    return f'{closing} <span class="url">({escape(href)})</span>'


def _words_between(tokens: Sequence[Any], close: int) -> str:
    """The words of the link that ends at ``tokens[close]``."""
    depth, words = 0, []
    for token in reversed(tokens[:close]):
        if token.type == "link_close":
            depth += 1
        elif token.type == "link_open":
            if depth == 0:
                break
            depth -= 1
        elif token.type in ("text", "code_inline"):
            words.append(token.content)
    return "".join(reversed(words))


def _image(self: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
    """Nothing is fetched: an image in a pack is shown as its words."""
    token = tokens[index]
    return escape("".join(c.content for c in token.children or []))
