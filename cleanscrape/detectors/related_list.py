"""Lists of other articles: "Related Posts", "Most Popular", "Read more: <headline>"."""

from collections.abc import Sequence

from ..lines import Line
from ..vocabulary import RELATED_HEADING, RELATED_INLINE

REASON = "related_list"

#: How far a related list may run past its heading, in lines.
MAX_LIST_LINES = 40


def is_heading(line: Line) -> bool:
    return line.words <= 8 and bool(RELATED_HEADING.match(line.content))


def is_inline_link(line: Line) -> bool:
    return line.words <= 30 and bool(RELATED_INLINE.match(line.content))


def is_list_item(line: Line, paragraph: bool) -> bool:
    """A headline, a date, a teaser: anything but a paragraph of the article."""
    return not paragraph or line.bulleted


#: A story title in a list is a sentence at most this long.
MAX_TITLE_WORDS = 30


def is_stamped_item(lines: Sequence[Line], reasons: Sequence[str | None], position: int, heading: int, stamp: str) -> bool:
    """A full-sentence story title in a list that alternates titles and dates: a date
    (a line of reason ``stamp``) follows it, or stands just before it inside the list."""
    if lines[position].words > MAX_TITLE_WORDS:
        return False
    following = position + 1
    if following < len(lines) and reasons[following] == stamp:
        return True
    return position - 1 > heading and reasons[position - 1] == stamp
