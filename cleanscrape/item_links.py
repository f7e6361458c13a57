"""Links a listing repeats under each of its items: "Comment", "3 Comments", "Leave a reply".

A comments label that the page prints again and again is the comment link of each
item in a list of posts, not the heading of the one comment section below the
article: the items after the first are the listing's text, not comments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from . import reasons as why
from .lines import Line, fold_spaces

#: A comments label seen this many times on a page is an item's link (a widget's "Comments" tab and its
#: heading, with a "comments" label between, make three).
MIN_REPEATS = 4


def repeated_comment_links(lines: Sequence[Line], reasons: Sequence[str | None], headings: Collection[int]) -> frozenset[int]:
    """The positions among ``headings`` (comments headings) whose label, numbers aside, the page repeats."""
    labels = [_label(lines[position]) if reason == why.COMMENTS else None for position, reason in enumerate(reasons)]
    counts = Counter(label for label in labels if label is not None)
    return frozenset(position for position in headings if counts[labels[position]] >= MIN_REPEATS)


def _label(line: Line) -> str:
    """The label with its figures left out: "3 Comments" and "12 Comments" are one link."""
    return fold_spaces("".join(" " if char.isdigit() else char for char in line.content.casefold()))
