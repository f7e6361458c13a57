"""Navigation menus: runs of short, link-like lines."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..lines import Line
from ..vocabulary import MENU_LABEL, PAGER

REASON = "menu"

#: This many link-like lines in a row make a menu.
MIN_RUN = 3
#: A menu on one line ("News | Sport | Weather") has at least this many items.
MIN_INLINE_ITEMS = 3

_ITEM_SEPARATOR = regex.compile(r"\s*[|·•]\s*|\s{2,}|\t+")


def is_inline_menu(line: Line) -> bool:
    """Several short labels on one line, split by bars, dots or wide gaps."""
    if line.words > 24 or line.ends_sentence:
        return False
    items = [item for item in _ITEM_SEPARATOR.split(line.content) if item.strip()]
    return len(items) >= MIN_INLINE_ITEMS and all(len(item.split()) <= 3 for item in items)


def is_pager(line: Line) -> bool:
    return line.words <= 20 and bool(PAGER.match(line.content))


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


def is_menu_label(line: Line) -> bool:
    """The word "Menu" or "Navigation" that opens a collapsed menu."""
    return line.words <= 3 and bool(MENU_LABEL.match(line.content))
