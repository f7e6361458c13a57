"""Navigation menus: runs of short, link-like lines."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .. import reasons as why
from ..lines import Line
from ..page_context import PageContext
from ..vocabulary import MENU_LABEL, PAGER
from .opening import SHORT_LINE_OPENING

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


#: PAGER's "Next:" needs one of these after its word: a line without any is no pager.
PAGER_GATE = (":", "»", "›", ">", "→")


@SHORT_LINE_OPENING.guards
def is_pager(line: Line) -> bool:
    return line.words <= 20 and any(mark in line.content for mark in PAGER_GATE) and bool(PAGER.match(line.content))


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


@SHORT_LINE_OPENING.guards
def is_menu_label(line: Line) -> bool:
    """The word "Menu" or "Navigation" that opens a collapsed menu."""
    return line.words <= 3 and bool(MENU_LABEL.match(line.content))


_JOINS_MENU = why.with_role(why.JOINS_MENU) | {None}


def outside_reason(line: Line, short_words: int) -> str:
    """A line outside the article that no detector named: a menu item when a bulleted link."""
    return why.MENU if line.bulleted and is_link_like(line, short_words) else why.OUTSIDE_ARTICLE


def mark_menus(page: PageContext) -> None:
    """Runs of link-like lines outside the article, and longer runs of bare labels inside it."""
    lines, reasons, in_span = page.lines, page.reasons, page.in_span
    short = page.config.short_line_words
    outside = [not in_span[p] and reasons[p] in _JOINS_MENU and is_link_like(line, short) for p, line in enumerate(lines)]
    inside = [in_span[p] and reasons[p] is None and is_strict_menu_item(line) for p, line in enumerate(lines)]
    for member, min_run in ((outside, MIN_RUN), (inside, MIN_RUN + 2)):
        for run in runs(lines, member, min_run):
            for position in run:
                if reasons[position] is None:
                    reasons[position] = why.MENU
