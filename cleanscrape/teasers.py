"""Teasers: a lone sentence between short lines below the article, as a list of other stories shows it.

Below an article, "more stories" lists give each story a picture's label, a
headline, the author's name and one sentence of it. That sentence reads as
prose, and a run of them outweighs the template around them, so the article's
run goes on through the list. An article's paragraphs stand beside other
paragraphs; a teaser stands between short lines, and is one sentence. So after
the page's body (its longest run of adjacent prose lines, when it has one of
several paragraphs), a lone prose line of one sentence weighs a share of its
words only. A listing, whose items each have one lone paragraph and no body, is
left as it is; a manual's sections (a heading, a paragraph of a few sentences,
a list) mostly are.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .lines import Line

#: Where one sentence ends and another begins inside a line.
_SENTENCE_BREAK = regex.compile(r"[.!?]['\"”’)]*\s+['\"“‘(]*\p{Lu}")

#: The share of its words a lone prose line after the body weighs in the article search.
LONE_PROSE_SHARE = 0.4
#: A body is at least this many adjacent prose lines.
MIN_BODY_LINES = 3


def with_teasers_lighter(weights: Sequence[float], prose: Sequence[bool], lines: Sequence[Line] | None = None) -> list[float]:
    """``weights`` with each prose line after the body that has no prose neighbour, and is one
    sentence, lighter."""
    body_end = _body_end(prose)
    out = list(weights)
    if body_end is None:
        return out
    for position in range(body_end, len(weights)):
        if not prose[position] or weights[position] <= 0:
            continue
        if lines is not None and _SENTENCE_BREAK.search(lines[position].content):
            continue  # two sentences or more: a section's paragraph, not a teaser
        if not (prose[position - 1] or (position + 1 < len(prose) and prose[position + 1])):
            out[position] = weights[position] * LONE_PROSE_SHARE
    return out


def _body_end(prose: Sequence[bool]) -> int | None:
    """Where the longest run of adjacent prose lines ends, if it is a body's."""
    best, best_end, run = 0, None, 0
    for position, is_prose in enumerate(prose):
        run = run + 1 if is_prose else 0
        if run > best:
            best, best_end = run, position + 1
    return best_end if best >= MIN_BODY_LINES else None
