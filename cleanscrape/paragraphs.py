"""Paragraphs rebuilt from page text whose renderer wrapped them over several lines.

Text browsers (w3m, lynx) and plain-text articles break a paragraph into lines
at a column: the width of the screen, or of the table cell the text sits in.
Each such line alone ends no sentence and looks like a fragment, so a line
classifier would throw the article away. A line is taken to continue on the
next when it was broken there for want of room: the next line's first word
would not have fitted after it within the block's widest line. Box-drawing
borders (``│ ┃ ─ ┌``) and padding are layout: they count for the width, never
as words.

Only the grouping is decided here; the page's lines stay as they are, so a
record's ``removed`` and ``explain`` still name the page's own line numbers.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from .lines import Line, LineBook, feature_sample, segment, split_lines, strip_borders

# Characters a terminal shows two columns wide: renderers wrap CJK text by columns.
_WIDE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\uff01-\uff60\u3000-\u303f]")
# Searched backwards ((?r)): it can only match at the line's end, which a forward search reaches last.
_SENTENCE_END = regex.compile(r"(?r)[.!?。！？…:]['\"”’»)\]]*$")
#: A block narrower than this many columns is menus and labels stacked one per line, not wrapped text.
MIN_WRAP_COLUMNS = 40
#: A line this close to the block's width (in columns) is full: it was wrapped.
FULL_LINE_SLACK = 15
#: A block is wrapped text when it has this many full lines (not its last) that end no sentence.
MIN_FULL_LINES = 2


@dataclass(frozen=True, slots=True)
class _Row:
    """One non-blank page line as laid out: where it ends, and its first word's width."""

    position: int  # in the ``lines`` list
    right: int  # columns up to the line's last character, borders read as spaces
    first_word: int  # columns of its first word
    ends_sentence: bool


def display_width(text: str) -> int:
    """Terminal columns of ``text``; on a huge line, estimated from a sample of it (exact on others)."""
    if text.isascii():
        return len(text)
    sample = feature_sample(text)
    return len(text) + round(len(_WIDE.findall(sample)) * len(text) / len(sample))


def group_lines(
    text: str, lines: Sequence[Line], units: Sequence[bool] = (), layouts: dict[str, _Layout | None] | None = None
) -> list[list[int]]:
    """Positions in ``lines`` (the page's non-blank lines, as :func:`lines.segment` gives them)
    grouped into paragraphs, in page order. ``units`` marks lines (a heading, a byline, code)
    never joined to a neighbour. ``layouts`` memoises each raw line's layout (one page's, by its text)."""
    units = units or [False] * len(lines)
    if layouts is None:
        layouts = {}
    raw = split_lines(text)
    rows: list[_Row | None] = []
    for position, line in enumerate(lines):
        text_of_line = raw[line.index]
        if text_of_line in layouts:
            layout = layouts[text_of_line]
        else:
            layout = layouts[text_of_line] = _layout(text_of_line)
        rows.append(None if layout is None else _Row(position, *layout))  # None: a border alone separates blocks
    blocks = _blocks(lines, rows)
    widths = _confirmed_widths([_full_rows(block, lines) for block in blocks])
    groups: list[list[int]] = []
    done = 0
    for block in blocks:
        for position in range(done, block[0].position):  # lines between blocks (borders alone)
            groups.append([position])
        groups.extend(_join(block, lines, widths, units))
        done = block[-1].position + 1
    groups.extend([position] for position in range(done, len(lines)))
    return groups


#: A line's layout: the columns up to its last character, its first word's columns, whether it ends a sentence.
_Layout = tuple[int, int, bool]


def _layout(raw: str) -> _Layout | None:
    """The layout of one raw page line (borders read as spaces), or None for a border alone."""
    shape = strip_borders(raw).rstrip()
    words = shape.split()
    if not words:
        return None
    return display_width(shape), display_width(words[0]), bool(_SENTENCE_END.search(shape))


#: At most this many more rounds of grouping the paragraphs themselves (``group_until_stable``).
MAX_REGROUP_ROUNDS = 4


def group_until_stable(
    text: str,
    lines: Sequence[Line],
    units: Sequence[bool],
    is_unit: Callable[[Line], bool],
    book: LineBook | None = None,
    layouts: dict[str, _Layout | None] | None = None,
) -> list[list[int]]:
    """:func:`group_lines`, then the same again on the paragraphs as the clean text gives them
    (one line each, no blank lines between), merging what that joins, until nothing more joins.
    Cleaning the clean text groups those paragraphs again; a paragraph is wider than the lines
    it was joined from, so it could then join its neighbour: a change on the second cleaning.
    ``is_unit`` says of a paragraph's line what ``units`` says of a page line; ``book`` makes the lines
    and ``layouts`` memoises their layouts (see :func:`group_lines`)."""
    if book is None:
        book = LineBook()
    if layouts is None:
        layouts = {}
    groups = group_lines(text, lines, units, layouts)
    for _ in range(MAX_REGROUP_ROUNDS):
        joined = [paragraph_line(lines, group, book) for group in groups]
        if len(joined) < 2:
            break
        again_text = "\n".join(line.text for line in joined)
        again_lines = segment(again_text, book)  # a paragraph line's ``index`` is its place in ``joined``
        again = group_lines(again_text, again_lines, [is_unit(line) for line in again_lines], layouts)
        if all(len(group) == 1 for group in again):
            break
        merged_into = {again_lines[position].index: again_lines[group[0]].index for group in again for position in group}
        merged: list[list[int]] = []
        for place, group in enumerate(groups):
            if merged_into.get(place, place) != place:
                merged[-1].extend(group)  # joins the paragraph before it
            else:
                merged.append(list(group))
        groups = merged
    return groups


def _blocks(lines: Sequence[Line], rows: Sequence[_Row | None]) -> list[list[_Row]]:
    """Runs of layout rows on consecutive page lines (a blank or border line ends a run)."""
    blocks: list[list[_Row]] = []
    for position, row in enumerate(rows):
        if row is None:
            continue
        previous = rows[position - 1] if position else None
        if previous is not None and blocks and lines[position].index == lines[position - 1].index + 1:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


def _full_rows(block: Sequence[_Row], lines: Sequence[Line]) -> tuple[int, int]:
    """The block's width and how many different lines of it (not the last) fill it and end no sentence.
    Different: a teaser list that repeats one long headline before each item is no wrapped text."""
    width = max(row.right for row in block)
    full = {lines[row.position].text for row in block[:-1] if row.right >= width - FULL_LINE_SLACK and not row.ends_sentence}
    return width, len(full)


def _confirmed_widths(blocks: Sequence[tuple[int, int]]) -> list[int]:
    """Columns at which the page wraps text: widths reached by several full lines, in one
    block or over several (paragraphs of two lines each, set apart by blank lines)."""
    with_full = sorted((width, full) for width, full in blocks if full)
    widths = [width for width, _ in with_full]
    running = list(itertools.accumulate(full for _, full in with_full))  # full lines up to each width
    confirmed = []
    for index, width in enumerate(widths):
        low = bisect.bisect_left(widths, width - FULL_LINE_SLACK)
        last = bisect.bisect_right(widths, width) - 1
        if width >= MIN_WRAP_COLUMNS and running[last] - (running[low - 1] if low else 0) >= MIN_FULL_LINES:
            confirmed.append(width)
    return sorted(set(confirmed))


def _join(block: Sequence[_Row], lines: Sequence[Line], widths: Sequence[int], units: Sequence[bool]) -> list[list[int]]:
    width, full = _full_rows(block, lines)
    # One full line alone (a paragraph of two lines) wraps only at a width the page wraps at elsewhere.
    wrapped = width >= MIN_WRAP_COLUMNS and (full >= MIN_FULL_LINES or
        full == 1 and any(confirmed - FULL_LINE_SLACK <= width <= confirmed for confirmed in widths)
    )
    groups: list[list[int]] = [[block[0].position]]
    for row, following in zip(block, block[1:]):
        reach = row.right + 1 + following.first_word
        if (
            wrapped
            and reach > width
            and not row.ends_sentence
            and not lines[following.position].bulleted
            and not units[row.position]
            and not units[following.position]
        ):
            groups[-1].append(following.position)
        else:
            groups.append([following.position])
    return groups


def paragraph_line(lines: Sequence[Line], group: Sequence[int], book: LineBook | None = None) -> Line:
    """The line a group of page lines reads as: their text joined by spaces, borders left out
    (made by ``book``, if given)."""
    if len(group) == 1 and not has_borders(lines[group[0]]):
        return lines[group[0]]
    text = " ".join(strip_borders(lines[position].text).strip() for position in group)
    return (book or LineBook()).line(lines[group[0]].index, text)


def has_borders(line: Line) -> bool:
    return strip_borders(line.text) != line.text
