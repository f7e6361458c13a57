"""The one count of a record's words: what ``word_count`` says, ``min_words`` compares and
repeated-paragraph removal updates."""

from __future__ import annotations


def word_count(text: str) -> int:
    """Whitespace-separated words: a run of CJK characters with no spaces is one word.

    Line-level thresholds (``prose_min_words``, ``short_line_words``, ...) count a
    line's tokens instead, CJK characters as half a word each: see
    :attr:`cleanscrape.lines.Line.words`.
    """
    return len(text.split())
