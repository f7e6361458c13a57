"""Lists of other articles: "Related Posts", "Most Popular", "Read more: <headline>"."""

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
