"""Lists of other articles: "Related Posts", "Most Popular", "Read more: <headline>"."""

from collections.abc import Sequence

from .. import reasons as why
from ..lines import Line
from ..page_context import PageContext
from ..vocabulary import RELATED_HEADING, RELATED_INLINE
from .opening import SHORT_LINE_OPENING

#: How far a related list may run past its heading, in lines.
MAX_LIST_LINES = 40


def is_heading(line: Line) -> bool:
    return line.words <= 8 and bool(RELATED_HEADING.match(line.content))


@SHORT_LINE_OPENING.guards
def is_inline_link(line: Line) -> bool:
    return line.words <= 30 and bool(RELATED_INLINE.match(line.content))


def is_list_item(line: Line, paragraph: bool) -> bool:
    """A headline, a date, a teaser: anything but a paragraph of the article."""
    return not paragraph or line.bulleted


#: A story title in a list is a sentence at most this long.
MAX_TITLE_WORDS = 30


def is_stamped_item(lines: Sequence[Line], reasons: Sequence[str | None], position: int, heading: int) -> bool:
    """A full-sentence story title in a list that alternates titles and dates: a date
    (a line of a ``stamp`` reason) follows it, or stands just before it inside the list."""
    if lines[position].words > MAX_TITLE_WORDS:
        return False
    following = position + 1
    if following < len(lines) and reasons[following] in _STAMPS:
        return True
    return position - 1 > heading and reasons[position - 1] in _STAMPS


_STAMPS = why.with_role(why.STAMP)
_IN_LIST = why.with_role(why.IN_RELATED_LIST) | {None}
#: A "related" list that would take more than this share of the extracted words is the
#: page itself (a listing, a table of options), not an appendix to an article.
MAX_SHARE_IN_EXTRACTED = 0.3


def mark_lists(page: PageContext) -> None:
    """The headlines, dates and teasers under a "Related Posts" heading, up to the next paragraph."""
    lines, reasons = page.lines, page.reasons
    for heading in [p for p, line in enumerate(lines) if reasons[p] == why.RELATED_LIST and is_heading(line)]:
        for position in range(heading + 1, min(len(lines), heading + 1 + MAX_LIST_LINES)):
            # The list ends at a paragraph or at another kind of template.
            if reasons[position] not in _IN_LIST:
                break
            if not (is_list_item(lines[position], page.paragraphs[position]) or is_stamped_item(lines, reasons, position, heading)):
                break
            reasons[position] = why.RELATED_LIST


def mark_appended_lists(page: PageContext) -> None:
    """Related lists, unless they would take more than MAX_SHARE_IN_EXTRACTED of the words
    still kept: then they, and their headings, are the page's own."""
    before = list(page.reasons)
    mark_lists(page)
    kept_words = sum(line.words for line, reason in zip(page.lines, before) if reason is None)
    listed_words = sum(line.words for line, old, new in zip(page.lines, before, page.reasons) if old != new)
    if listed_words > MAX_SHARE_IN_EXTRACTED * kept_words:
        page.reasons[:] = [
            None if reason == why.RELATED_LIST and is_heading(line) else reason
            for line, reason in zip(page.lines, before)
        ]
