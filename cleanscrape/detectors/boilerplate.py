"""Short template labels, one check per kind: ad slots, skip links, cookie notices,
"more" and pager links, page tools, follow prompts, shop buttons, news labels,
answer counters, tag lines, bare numbers, text-browser labels, disclosures.

Each check names its own reason (see :mod:`cleanscrape.reasons`); together they
remove what one ``boilerplate`` reason removed in 0.1.0.
"""

import regex

from ..lines import Line
from .opening import Opening
from ..vocabulary import (
    AD_LABEL,
    ANSWER_COUNT,
    ARCHIVE_LABEL,
    BARE_NUMBER_LABEL,
    COOKIE_BUTTON,
    COOKIE_NOTICE,
    DISCLOSURE,
    FOLLOW_PROMPT,
    MORE_LINK,
    NEWS_LABEL,
    PAGE_TOOL,
    PAGER_LINK,
    SHOP_LINK,
    SKIP_LINK,
    TAG_LINE,
)

#: A label is a short line; a tag line may list more.
_LABEL_MAX_WORDS = 12
_TAG_LINE_MAX_WORDS = 30
#: A notice reads like prose, but is not long.
_NOTICE_MAX_WORDS = 60

#: What a text browser prints for images and form fields: "[logo]", "[blank_1x1]", "[          ]", "[Search]".
_RENDERED_WIDGETS = regex.compile(r"(?:\[[^\[\]]{0,80}\]\s*)+")


#: Every label check below but the notices' (which search) needs one of these at the line's start.
LABELS = Opening(
    _RENDERED_WIDGETS, BARE_NUMBER_LABEL, AD_LABEL, SKIP_LINK, COOKIE_BUTTON, MORE_LINK, PAGER_LINK, PAGE_TOOL,
    FOLLOW_PROMPT, SHOP_LINK, NEWS_LABEL, ANSWER_COUNT, ARCHIVE_LABEL, TAG_LINE,
)


def _label(pattern: regex.Pattern, line: Line) -> bool:
    return line.words <= _LABEL_MAX_WORDS and bool(pattern.match(line.content))


@LABELS.guards
def is_text_browser_label(line: Line) -> bool:
    return line.words <= _LABEL_MAX_WORDS and bool(_RENDERED_WIDGETS.fullmatch(line.content))


@LABELS.guards
def is_bare_number_label(line: Line) -> bool:
    return _label(BARE_NUMBER_LABEL, line)


@LABELS.guards
def is_advertisement(line: Line) -> bool:
    return _label(AD_LABEL, line)


@LABELS.guards
def is_skip_link(line: Line) -> bool:
    return _label(SKIP_LINK, line)


@LABELS.guards
def is_cookie_button(line: Line) -> bool:
    return _label(COOKIE_BUTTON, line)


@LABELS.guards
def is_more_link(line: Line) -> bool:
    return _label(MORE_LINK, line)


@LABELS.guards
def is_pager_link(line: Line) -> bool:
    return _label(PAGER_LINK, line)


@LABELS.guards
def is_page_tool(line: Line) -> bool:
    return _label(PAGE_TOOL, line)


@LABELS.guards
def is_follow_prompt(line: Line) -> bool:
    return _label(FOLLOW_PROMPT, line)


@LABELS.guards
def is_shop_link(line: Line) -> bool:
    return _label(SHOP_LINK, line)


@LABELS.guards
def is_news_label(line: Line) -> bool:
    return _label(NEWS_LABEL, line)


@LABELS.guards
def is_answer_count(line: Line) -> bool:
    return _label(ANSWER_COUNT, line)


@LABELS.guards
def is_tag_list(line: Line) -> bool:
    return _label(ARCHIVE_LABEL, line) or (line.words <= _TAG_LINE_MAX_WORDS and bool(TAG_LINE.match(line.content)))


# Cookie banners and affiliate disclosures read like prose, so they need their own test.
def is_cookie_notice(line: Line) -> bool:
    return line.words <= _NOTICE_MAX_WORDS and bool(COOKIE_NOTICE.search(line.content))


def is_disclosure(line: Line) -> bool:
    return line.words <= _NOTICE_MAX_WORDS and bool(DISCLOSURE.search(line.content))
