"""The markdownlint default rules our summaries must pass (line length aside),
checked without Node: each function returns the problems it finds."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

HEADING = re.compile(r"^(#{1,6}) (.+)$")


def problems(text: str) -> list[str]:
    found: list[str] = []
    lines = text.split("\n")
    if not text.endswith("\n") or text.endswith("\n\n"):
        found.append("MD047: ends with exactly one newline")
    if not lines[0].startswith("# "):
        found.append("MD041: the first line is a top-level heading")
    headings = [(i, m) for i, line in enumerate(lines) if (m := HEADING.match(line))]
    if sum(1 for _, m in headings if len(m.group(1)) == 1) != 1:
        found.append("MD025: one top-level heading")
    previous = 0
    seen: set[str] = set()
    for index, match in headings:
        level = len(match.group(1))
        if previous and level > previous + 1:
            found.append(f"MD001: heading level jumps at line {index + 1}")
        previous = level
        key = match.group(2).strip().casefold()
        if key in seen:
            found.append(f"MD024: duplicate heading {match.group(2)!r}")
        seen.add(key)
        if index > 0 and lines[index - 1].strip():
            found.append(f"MD022: no blank line before heading at line {index + 1}")
        if index + 1 < len(lines) and lines[index + 1].strip():
            found.append(f"MD022: no blank line after heading at line {index + 1}")
    for index, line in enumerate(lines):
        if line != line.rstrip():
            found.append(f"MD009: trailing spaces at line {index + 1}")
        if index and not line and not lines[index - 1] and index < len(lines) - 1:
            found.append(f"MD012: multiple blank lines at line {index + 1}")
        if re.match(r"^\s*[*+] ", line):
            found.append(f"MD004: list marker other than '-' at line {index + 1}")
        if "\t" in line:
            found.append(f"MD010: hard tab at line {index + 1}")
    for index, line in enumerate(lines):
        is_item = bool(re.match(r"^\s*- ", line))
        if is_item and index and lines[index - 1].strip():
            before = lines[index - 1]
            if not re.match(r"^\s*- ", before) and not before.startswith("  "):
                found.append(f"MD032: no blank line before the list at line {index + 1}")
    tokens = MarkdownIt("commonmark").parse(text)
    if not tokens:
        found.append("not parsed as CommonMark")
    found += emphasis_as_heading(tokens)
    return found


def emphasis_as_heading(tokens: list[Any]) -> list[str]:
    """MD036: a one-line paragraph that is all emphasis (or all strong) and does not
    end like a sentence."""
    found = []
    for index, token in enumerate(tokens[1:-1], start=1):
        if token.type != "inline" or tokens[index - 1].type != "paragraph_open":
            continue
        children = [c for c in token.children or [] if c.type != "text" or c.content]
        if len(children) < 3 or "\n" in token.content:
            continue
        depth, closed_at = 0, -1
        for position, child in enumerate(children):
            depth += child.nesting
            if depth == 0 and closed_at < 0:
                closed_at = position
        whole = children[0].type in ("em_open", "strong_open") and closed_at == len(children) - 1
        inner = token.content.strip("*_ ")
        if whole and not inner.endswith(tuple(".,;:!?")):
            found.append(f"MD036: emphasis used as a heading at line {token.map[0] + 1}")
    return found
