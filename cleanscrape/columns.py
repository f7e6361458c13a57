"""Table columns that a text renderer printed side by side, read one column after the other.

w3m and lynx lay an old table layout out on a grid: a menu cell and the story
cell share every screen line ("Local News        The Qing were able to ..."), so
no page line is either menu or story, and a wrapped paragraph of the story is
cut in two by the menu's words on each line. A column boundary is a screen
column where, over a run of consecutive lines, no word crosses and several lines
have text on both sides after a gap of padding. Each such run is read as its
left column's lines, then its right column's (each column split again, for
three columns or more), in reading order, as the page's author laid them out.

Nothing is added: every piece is a slice of one page line, and each piece
keeps that line's number for ``removed`` and ``explain``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .lines import split_lines, strip_borders

#: A gap of at least this many spaces may be padding between two cells.
MIN_GAP = 2
#: A run is side-by-side columns when at least this many of its lines have text on both sides.
MIN_TWO_SIDED = 3
#: And when that many are at least this share of its lines with text right of the boundary.
MIN_TWO_SIDED_SHARE = 0.3
#: A column is at least this many screen columns wide (a bullet or a number column is not one).
MIN_COLUMN_WIDTH = 8
#: Columns inside columns: at most this many levels.
MAX_DEPTH = 3
#: Lines longer than this are no screen row of a table (w3m's widest dumps are 400 columns).
MAX_ROW_CHARS = 1_000
#: A column holds wrapped text when a sentence goes on to its next line this many times ...
MIN_WRAPS = 2
#: ... from a line of at least this many characters.
MIN_WRAPPED_CHARS = 20
#: A cell this long is a paragraph, not a data table's value.
MIN_PROSE_CHARS = 60
#: ... and has this many words of letters (a statistics cell, "3 tackles (3 combined). 1 sack", has few).
MIN_PROSE_WORDS = 12
_WORD = regex.compile(r"\b\p{L}{2,}\b")
_SENTENCE_END = regex.compile(r"[.!?:;]['\"”’»)\]]*$")
_GAP = regex.compile(r"(?<=\S) {%d,}(?=\S)|^ {%d,}(?=\S)" % (MIN_GAP, MIN_GAP))


@dataclass(frozen=True, slots=True)
class Piece:
    """A slice of one page line: its number among the page's lines, and its text."""

    index: int
    text: str


def split_columns(text: str) -> tuple[str, list[int]] | None:
    """The page text with side-by-side columns read one after another, and the page line
    number of each of its lines; None when the page has no side-by-side columns.

    A blank line stands between two columns, so that one column's last paragraph is not
    joined to the next column's first."""
    if "  " not in text:  # each gap is two spaces or more
        return None
    raw = split_lines(text)
    if not any(_GAP.search(line) for line in raw if len(line) <= MAX_ROW_CHARS):
        return None
    rows = [Piece(index, line) for index, line in enumerate(raw)]
    pieces = _split(rows, 0)
    if len(pieces) == len(rows) and all(piece is row for piece, row in zip(pieces, rows)):
        return None
    return "\n".join(piece.text for piece in pieces), [piece.index for piece in pieces]


def _split(rows: Sequence[Piece], depth: int) -> list[Piece]:
    """``rows`` with each run of side-by-side columns read column by column."""
    if depth >= MAX_DEPTH:
        return list(rows)
    shapes = [_layout(row.text) for row in rows]
    boundary = _best_boundary(shapes)
    if boundary is None:
        return list(rows)
    out: list[Piece] = []
    done = 0
    for start, end in _runs(shapes, boundary):
        out.extend(_split(rows[done:start], depth + 1) if start > done else ())
        left = [Piece(row.index, row.text[:boundary].rstrip()) for row in rows[start:end]]
        right = [Piece(row.index, row.text[boundary:].rstrip()) for row in rows[start:end]]
        out.extend(_split(left, depth + 1))
        out.append(Piece(rows[end - 1].index, ""))
        out.extend(_split(right, depth + 1))
        out.append(Piece(rows[end - 1].index, ""))
        done = end
    out.extend(_split(rows[done:], depth + 1) if done < len(rows) else ())
    return out


def _layout(line: str) -> str | None:
    """The line as laid out on screen (borders as spaces), or None when its characters are not
    one column each (wide CJK text, tabs) or it is too long to be a table row."""
    if len(line) > MAX_ROW_CHARS or "\t" in line:
        return None
    if not line.isascii():
        line = strip_borders(line)
        # Past U+1100: CJK text, two screen columns a character, but also bullets, dashes and
        # curly quotes. Those are one column wide, yet reading their lines as columns too split
        # more stories than menus on the CleanEval dumps (0.898 against 0.901): left whole.
        if any(ord(char) >= 0x1100 for char in line):
            return None
    return line.rstrip()


def _best_boundary(shapes: Sequence[str | None]) -> int | None:
    """The screen column where most lines start a cell after a gap, if enough do."""
    starts: Counter[int] = Counter()
    for shape in shapes:
        if shape:
            starts.update(match.end() for match in _GAP.finditer(shape) if match.start() > 0)
    for column, count in starts.most_common(8):
        if count < MIN_TWO_SIDED:
            return None
        if column >= MIN_COLUMN_WIDTH and _runs(shapes, column):
            return column
    return None


def _runs(shapes: Sequence[str | None], column: int) -> list[tuple[int, int]]:
    """Runs ``[start, end)`` of consecutive lines that no word crosses at ``column`` and that
    read as two columns there."""
    runs: list[tuple[int, int]] = []
    start = None
    for position, shape in enumerate([*shapes, None]):
        fits = shape is not None and position < len(shapes) and _fits(shape, column)
        if fits and start is None:
            start = position
        elif not fits and start is not None:
            if _two_columns(shapes[start:position], column):
                runs.append((start, position))
            start = None
    return runs


def _fits(shape: str, column: int) -> bool:
    """No word of the line crosses the boundary: the line ends before it, or a gap stands before it."""
    if len(shape) < column - MIN_GAP + 1:
        return True
    return shape[column - MIN_GAP:column].isspace()


def _two_columns(shapes: Sequence[str | None], column: int) -> bool:
    """Several lines with text on both sides, and wrapped text in one column: a data table's
    rows (short cells side by side) read row by row, and stay as they are."""
    right = [shape for shape in shapes if shape and len(shape) > column]
    two_sided = sum(1 for shape in right if shape[:column].strip())
    left = sum(1 for shape in shapes if shape and shape[:column].strip())
    if not (two_sided >= MIN_TWO_SIDED and two_sided >= MIN_TWO_SIDED_SHARE * len(right) and left >= MIN_TWO_SIDED):
        return False
    return _wraps([shape[:column] if shape else "" for shape in shapes]) or _wraps([shape[column:] if shape else "" for shape in shapes])


def _wraps(cells: Sequence[str]) -> bool:
    """A sentence in the column goes on from one line to the next at least twice, or the column
    has several lines of prose length (a paragraph on each)."""
    if sum(1 for cell in cells if len(cell) >= MIN_PROSE_CHARS and len(_WORD.findall(cell)) >= MIN_PROSE_WORDS) >= MIN_WRAPS:
        return True
    count = 0
    for cell, following in zip(cells, cells[1:]):
        cell, following = cell.strip(), following.strip()
        if len(cell) >= MIN_WRAPPED_CHARS and following[:1].islower() and not _SENTENCE_END.search(cell):
            count += 1
            if count >= MIN_WRAPS:
                return True
    return False
