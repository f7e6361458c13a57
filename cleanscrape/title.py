"""The article title: the heading line just above the article, and its copies."""

from __future__ import annotations

from collections.abc import Sequence

from .lines import Line
from .neardup import normalize

#: How many lines above the article the title is looked for.
LOOKBACK = 8
#: Reasons a line between the title and the article may carry.
_BETWEEN = frozenset({"byline", "share_bar", "caption", "boilerplate", "breadcrumb", "widget", "placeholder", "menu"})
#: A copy may carry this many extra words ("| Example News").
MAX_SUFFIX_WORDS = 5


def looks_like_heading(line: Line) -> bool:
    return 2 <= line.words <= 30 and not line.content.endswith((".", ",", ";")) and not line.bulleted


def find_title(lines: Sequence[Line], reasons: Sequence[str | None], span: tuple[int, int]) -> int | None:
    """Position of the title line among ``lines``, or None."""
    start, end = span
    if start == end:
        return None
    for position in range(start - 1, max(-1, start - 1 - LOOKBACK), -1):
        line, reason = lines[position], reasons[position]
        if reason is None and looks_like_heading(line):
            return position
        if reason is None and line.words > 3:
            return None  # other text stands between: no title here
        if reason is not None and reason not in _BETWEEN:
            return None
    return None


def is_copy(title_key: str, line: Line) -> bool:
    """The title again, alone or with a few words (the site's name) before or after it."""
    key = normalize(line.content)
    if key == title_key:
        return True
    if key.startswith(title_key + " ") or key.endswith(" " + title_key):
        return len(key.split()) - len(title_key.split()) <= MAX_SUFFIX_WORDS
    return False
