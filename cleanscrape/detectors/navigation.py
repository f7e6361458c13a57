"""Navigation menus: runs of short, link-like lines."""

from __future__ import annotations

from collections.abc import Sequence

from ..lines import Line

REASON = "menu"

#: This many link-like lines in a row make a menu.
MIN_RUN = 3


def is_link_like(line: Line, short_words: int) -> bool:
    if line.ends_sentence and line.words > 3:
        return False
    if line.bulleted:
        return line.words <= 2 * short_words
    return line.words <= short_words


def is_strict_menu_item(line: Line) -> bool:
    """Inside the article only bare title-cased labels count (not "2 cups flour")."""
    return line.words <= 3 and line.digit_share == 0 and not line.ends_sentence and line.capitalized_share >= 0.5


def runs(lines: Sequence[Line], member: Sequence[bool], min_run: int = MIN_RUN) -> list[range]:
    """Maximal runs of consecutive members at least ``min_run`` long (positions in ``lines``)."""
    found: list[range] = []
    start = None
    for position, is_member in enumerate([*member, False]):
        if is_member and start is None:
            start = position
        elif not is_member and start is not None:
            if position - start >= min_run:
                found.append(range(start, position))
            start = None
    return found
