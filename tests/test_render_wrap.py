"""Plain text wraps between words at the width; the quick path for ordinary
lines breaks them exactly as textwrap does."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from pallnav.render import _wrap

WORD = st.text(alphabet=st.characters(blacklist_characters=" \t\n\r\x0b\x0c"), min_size=1)


@given(
    words=st.lists(WORD, min_size=1, max_size=40),
    width=st.integers(min_value=1, max_value=120),
    first=st.sampled_from(["", "- ", "[ ] "]),
    rest=st.sampled_from(["", "  ", "    "]),
)
def test_the_quick_path_wraps_as_textwrap_does(
    words: list[str], width: int, first: str, rest: str
) -> None:
    text = " ".join(words)
    expected = textwrap.wrap(
        text,
        width=max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]  # a line of nothing but spaces stays a (blank) line
    assert _wrap(text, width, first, rest) == expected
