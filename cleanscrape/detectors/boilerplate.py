"""Other template labels: ad slots, skip links, cookie notices, tag lines, pagers."""

from ..lines import Line
from ..vocabulary import BOILERPLATE, COOKIE_NOTICE, DISCLOSURE, TAG_LINE

REASON = "boilerplate"


def matches(line: Line) -> bool:
    if line.words <= 12 and BOILERPLATE.match(line.content):
        return True
    return line.words <= 30 and bool(TAG_LINE.match(line.content))


def is_notice(line: Line) -> bool:
    """Cookie banners and affiliate disclosures read like prose, so they need their own test."""
    return line.words <= 60 and bool(COOKIE_NOTICE.search(line.content) or DISCLOSURE.search(line.content))
