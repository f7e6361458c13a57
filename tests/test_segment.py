"""segment: repeated lines copy the first one's features; the result is what making every line gives."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanscrape.lines import make_line, segment, split_lines

_PIECES = st.sampled_from(
    ["Home", "  Home ", "News | Sport", "• Item one", "\u2500\u2500 table \u2500\u2500", "A sentence. ", "東京の天気", "", " ", "\t", "\u00a0"]
)
_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\n\n"])


@given(st.lists(st.tuples(_PIECES, _BREAKS), max_size=30), st.booleans())
def test_segment_is_make_line_on_every_non_blank_line(pieces: list[tuple[str, str]], trailing_break: bool) -> None:
    text = "".join(piece + brk for piece, brk in pieces)
    if not trailing_break and pieces:
        text = text[: -len(pieces[-1][1])]
    expected = [make_line(index, raw) for index, raw in enumerate(split_lines(text)) if raw.strip()]
    assert segment(text) == expected


def test_a_repeated_line_keeps_its_own_position() -> None:
    lines = segment("Share\nThe article.\n\nShare\n")
    assert [(line.index, line.text) for line in lines] == [(0, "Share"), (1, "The article."), (3, "Share")]
    assert lines[2] == make_line(3, "Share")


# Every line break str.splitlines knows, as one pattern: a split by it keeps the empty line after a last break.
_EVERY_BREAK = regex.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x1c|\x1d|\x1e|\x85")


@given(st.lists(st.tuples(_PIECES, _BREAKS), max_size=30), st.booleans())
def test_split_lines_breaks_at_every_break_and_keeps_the_last_empty_line(pieces: list[tuple[str, str]], trailing_break: bool) -> None:
    # split_lines takes str.splitlines' shortcut: its lines and their numbers must be the pattern's.
    text = "".join(piece + brk for piece, brk in pieces)
    if not trailing_break and pieces:
        text = text[: -len(pieces[-1][1])]
    assert split_lines(text) == _EVERY_BREAK.split(text)
