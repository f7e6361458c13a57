"""Other template labels: ad slots, skip links, cookie notices, tag lines, pagers."""

import regex

from ..lines import Line
from ..vocabulary import BARE_NUMBER, BOILERPLATE, COOKIE_NOTICE, DISCLOSURE, TAG_LINE

REASON = "boilerplate"

# BOILERPLATE's number alternative with its trailing punctuation; a pager arrow before
# the number ("« 2") leaves the line to BOILERPLATE alone.
_BARE_NUMBER = regex.compile(rf"^{BARE_NUMBER}\s*[:.!»›>]*$", regex.IGNORECASE)


#: What a text browser prints for images and form fields: "[logo]", "[blank_1x1]", "[          ]", "[Search]".
_RENDERED_WIDGETS = regex.compile(r"(?:\[[^\[\]]{0,80}\]\s*)+")


def matches(line: Line) -> bool:
    if line.words <= 12 and _RENDERED_WIDGETS.fullmatch(line.content):
        return True
    if line.words <= 12 and BOILERPLATE.match(line.content):
        return True
    return line.words <= 30 and bool(TAG_LINE.match(line.content))


def is_notice(line: Line) -> bool:
    """Cookie banners and affiliate disclosures read like prose, so they need their own test."""
    return line.words <= 60 and bool(COOKIE_NOTICE.search(line.content) or DISCLOSURE.search(line.content))


def is_bare_number(line: Line) -> bool:
    """Inside an extracted article such lines are its own (ratings, table cells, code line numbers)."""
    return bool(_BARE_NUMBER.match(line.content))
