"""Short template labels, one check per kind: ad slots, skip links, cookie notices,
"more" and pager links, page tools, follow prompts, shop buttons, news labels,
answer counters, tag lines, bare numbers, text-browser labels, disclosures.

Each check names its own reason (see :mod:`cleanscrape.reasons`); together they
remove what one ``boilerplate`` reason removed in 0.1.0.
"""

import regex

from ..lines import Line
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
    RENDERED_WIDGETS,
    SHOP_LINK,
    SKIP_LINK,
    TAG_LINE,
)
from .opening import SHORT_LINE_OPENING

#: A label is a short line; a tag line may list more.
_LABEL_MAX_WORDS = 12
_TAG_LINE_MAX_WORDS = 30
#: A notice reads like prose, but is not long.
_NOTICE_MAX_WORDS = 60

# Every label check below but the notices' (which search) needs one of SHORT_LINE_OPENING's
# patterns to match at the line's start: on other lines they are not run.


def _label(pattern: regex.Pattern, line: Line) -> bool:
    return line.words <= _LABEL_MAX_WORDS and bool(pattern.match(line.content))


@SHORT_LINE_OPENING.guards
def is_text_browser_label(line: Line) -> bool:
    return line.words <= _LABEL_MAX_WORDS and bool(RENDERED_WIDGETS.fullmatch(line.content))


@SHORT_LINE_OPENING.guards
def is_bare_number_label(line: Line) -> bool:
    return _label(BARE_NUMBER_LABEL, line)


@SHORT_LINE_OPENING.guards
def is_advertisement(line: Line) -> bool:
    return _label(AD_LABEL, line)


@SHORT_LINE_OPENING.guards
def is_skip_link(line: Line) -> bool:
    return _label(SKIP_LINK, line)


@SHORT_LINE_OPENING.guards
def is_cookie_button(line: Line) -> bool:
    return _label(COOKIE_BUTTON, line)


@SHORT_LINE_OPENING.guards
def is_more_link(line: Line) -> bool:
    return _label(MORE_LINK, line)


@SHORT_LINE_OPENING.guards
def is_pager_link(line: Line) -> bool:
    return _label(PAGER_LINK, line)


@SHORT_LINE_OPENING.guards
def is_page_tool(line: Line) -> bool:
    return _label(PAGE_TOOL, line)


@SHORT_LINE_OPENING.guards
def is_follow_prompt(line: Line) -> bool:
    return _label(FOLLOW_PROMPT, line)


@SHORT_LINE_OPENING.guards
def is_shop_link(line: Line) -> bool:
    return _label(SHOP_LINK, line)


@SHORT_LINE_OPENING.guards
def is_news_label(line: Line) -> bool:
    return _label(NEWS_LABEL, line)


@SHORT_LINE_OPENING.guards
def is_answer_count(line: Line) -> bool:
    return _label(ANSWER_COUNT, line)


@SHORT_LINE_OPENING.guards
def is_tag_list(line: Line) -> bool:
    return _label(ARCHIVE_LABEL, line) or (line.words <= _TAG_LINE_MAX_WORDS and bool(TAG_LINE.match(line.content)))


# Every COOKIE_NOTICE and DISCLOSURE phrase holds one of these words; case folding keeps
# them (no character that matches an ASCII letter ignoring case folds to anything else), so
# a line whose folded text holds none is not searched.
_COOKIE_NOTICE_CUES = ("cookie",)
_DISCLOSURE_CUES = ("affiliate", "disclosure", "earn", "sponsored", "paid")


# Cookie banners and affiliate disclosures read like prose, so they need their own test.
def is_cookie_notice(line: Line) -> bool:
    return line.words <= _NOTICE_MAX_WORDS and _holds_any(line, _COOKIE_NOTICE_CUES) and bool(COOKIE_NOTICE.search(line.content))


def is_disclosure(line: Line) -> bool:
    return line.words <= _NOTICE_MAX_WORDS and _holds_any(line, _DISCLOSURE_CUES) and bool(DISCLOSURE.search(line.content))


def _holds_any(line: Line, cues: tuple[str, ...]) -> bool:
    folded = line.content.casefold()
    return any(cue in folded for cue in cues)
