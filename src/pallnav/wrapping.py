"""Text broken into lines between words, keeping what each word looks like.

Plain text and the terminal (``render``) wrap the same way, here: at spaces
only, never inside a word, so a web address is never cut in two (a line holding
one longer than the width runs past the edge, and the terminal carries it on).
A line is a tuple of :class:`Run`: words with a style, and for a link its address.

Pure: strings in, strings out (markdown-it reads a section's Markdown).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, NamedTuple

from pallnav.document import Blank, Inline, Link, Strong, names_address, plain_text, spans


class Run(NamedTuple):
    """Words that look one way. ``style``: "", "strong", "em", "code", "mark" (a
    list's bullet or number), "heading1" to "heading6", or "url" (an address);
    ``url``: where the words point, for a terminal that can follow links."""

    text: str
    style: str = ""
    url: str = ""


Line = tuple[Run, ...]


def line_text(line: Line) -> str:
    return "".join(run.text for run in line)


def wrap_runs(runs: Sequence[Run], width: int, first: str = "", rest: str = "") -> list[Line]:
    """``runs`` in lines of at most ``width`` columns (at least 20), broken at
    spaces only: ``textwrap``'s lines, each word keeping its style. ``first``
    starts the first line (a bullet), ``rest`` the others (its hanging indent)."""
    runs = [r._replace(text=r.text.replace("\t", " ")) for r in runs if r.text]
    text = "".join(r.text for r in runs)
    wrapped = textwrap.wrap(
        text,
        width=max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    if not wrapped:
        return [(Run(first.rstrip(), "mark"),) if first.strip() else (Run(first.rstrip()),)]
    # Where each character of ``text`` came from: textwrap only drops spaces
    # where it breaks a line and adds the indents, so each line's words are
    # the next stretch of ``text``.
    owner = [index for index, run in enumerate(runs) for _ in run.text]
    lines: list[Line] = []
    at = 0
    for number, line in enumerate(wrapped):
        indent = first if number == 0 else rest
        words = line[len(indent) :]
        while at < len(text) and text[at].isspace() and not text.startswith(words, at):
            at += 1
        if not text.startswith(words, at):  # not expected; never lose a word over it
            at = max(text.find(words, at), at)
        out: list[Run] = [Run(indent, "mark" if number == 0 and indent.strip() else "")]
        for offset in range(at, at + len(words)):
            run = runs[owner[offset]]
            if out[-1].style == run.style and out[-1].url == run.url and offset > at:
                out[-1] = out[-1]._replace(text=out[-1].text + text[offset])
            else:
                out.append(run._replace(text=text[offset]))
        at += len(words)
        lines.append(tuple(r for r in out if r.text))
    return lines


def inline_runs(text: Inline) -> list[Run]:
    """A line of the document model as runs: bold labels bold, a link's words
    followed by its address (as :func:`pallnav.document.plain_text` writes it)."""
    out: list[Run] = []
    for span in spans(text):
        match span:
            case Link(words, url):
                out += _link(words, url, [Run(words, "", url)])
            case Strong(words):
                out.append(Run(words, "strong"))
            case Blank():
                out.append(Run(plain_text((span,))))
            case str():
                out.append(Run(span))
    return out


def _link(words: str, url: str, shown: list[Run]) -> list[Run]:
    """The runs of a link's ``words`` (as ``shown``), then its address if the words
    are not already it."""
    linked = [r._replace(url=url) for r in shown]
    if names_address(words, url):
        return linked
    return [*linked, Run(" ("), Run(url, "url", url), Run(")")]


def markdown_lines(markdown: str, width: int, bullet: str = "- ") -> list[Line]:
    """A section body (the pack's Markdown) as wrapped lines, read by markdown-it:
    paragraphs, headings, lists (``bullet`` marks an item; numbered ones keep
    their numbers), bold, italics and links with their addresses."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).parse(markdown)
    lines: list[Line] = []
    lists: list[list[int]] = []  # for each open list: [next number] or [] when bulleted
    first_in_item = False
    heading = ""

    def blank() -> None:
        if lines and line_text(lines[-1]):
            lines.append(())

    for token in tokens:
        match token.type:
            case "bullet_list_open" | "ordered_list_open":
                if not lists:
                    blank()
                numbered = token.type == "ordered_list_open"
                lists.append([int(token.attrGet("start") or 1)] if numbered else [])
            case "bullet_list_close" | "ordered_list_close":
                lists.pop()
                if not lists:
                    blank()
            case "list_item_open":
                first_in_item = True
            case "heading_open":
                blank()
                heading = "heading" + token.tag.removeprefix("h")
            case "heading_close":
                heading = ""
                lines.append(())
            case "paragraph_open" if not lists:
                blank()
            case "inline":
                runs = _inline_runs(token.children or [])
                if heading:
                    runs = [r._replace(style=r.style or heading) for r in runs]
                if not lists:
                    lines.extend(wrap_runs(runs, width))
                    continue
                indent = "  " * (len(lists) - 1)
                if first_in_item:
                    counter = lists[-1]
                    mark = bullet
                    if counter:
                        mark = f"{counter[0]}. "
                        counter[0] += 1
                    lines.extend(wrap_runs(runs, width, indent + mark, indent + " " * len(mark)))
                    first_in_item = False
                else:
                    lines.extend(wrap_runs(runs, width, indent + "  ", indent + "  "))
    while lines and not line_text(lines[-1]):
        lines.pop()
    return lines


def _inline_runs(children: Sequence[Any]) -> list[Run]:
    """Inline Markdown as runs; a link keeps its address visible after it."""
    out: list[Run] = []
    styles: list[str] = []
    links: list[tuple[str, int]] = []  # each open link: its address, where its words start
    for child in children:
        match child.type:
            case "text" | "image":
                out.append(Run(child.content, styles[-1] if styles else ""))
            case "code_inline":
                out.append(Run(child.content, "code"))
            case "softbreak" | "hardbreak":
                out.append(Run(" "))
            case "strong_open":
                styles.append("strong")
            case "em_open":
                styles.append("em")
            case "strong_close" | "em_close":
                if styles:
                    styles.pop()
            case "link_open":
                links.append((str(child.attrGet("href") or ""), len(out)))
            case "link_close" if links:
                url, start = links.pop()
                words = "".join(r.text for r in out[start:])
                out[start:] = _link(words, url, out[start:])
    return out
