"""Every reason a line can be removed for: its name, what it means, what kind of step
gives it, and the roles the decision passes read from it.

This is the one place reason names live. A record's ``removed[].reason`` is one
of these names; ``docs/reasons.md`` is generated from this table
(:func:`markdown`; ``tests/test_reasons.py`` says how to write it).

A line detector's entry also names its check, as ``"module.function"`` in
:mod:`cleanscrape.detectors`: line detectors run in the order of this table and
the first check that matches names the line. A ``Check`` row adds a further
check for a reason already listed, at its own place in that order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: What gives a reason.
LINE_DETECTOR = "line detector"  # one line alone, by its text and shape
BLOCK_DETECTOR = "block detector"  # a line among its neighbours (a section, a list, a run)
PAGE_PASS = "page pass"  # the page as a whole (its article span, title, language)
CORPUS_PASS = "corpus pass"  # evidence from many pages of a run
KINDS = (LINE_DETECTOR, BLOCK_DETECTOR, PAGE_PASS, CORPUS_PASS)

# Roles: what the decision passes ask of a line's reason.
#: A detector word ("privacy policy") inside a real sentence is no reason to remove it.
WEAK_IN_PROSE = "weak_in_prose"
#: Where a comments section ends: the page's own template resumes.
ENDS_COMMENTS = "ends_comments"
#: What a comment is made of (besides kept lines): its author, its date, reply links, its text.
COMMENT_PART = "comment_part"
#: Evidence that comments follow a comments heading.
COMMENT_EVIDENCE = "comment_evidence"
#: A comments heading: a wall the article span does not cross.
WALL = "wall"
#: In an extractor's main content these misfire more than they find (tables read as
#: menus, step lists as bylines, credits inside the story, ratings and table cells).
DOUBTFUL_IN_EXTRACTED = "doubtful_in_extracted"
#: A line outside the article that may stand in a run of menu links.
JOINS_MENU = "joins_menu"
#: A line that may stand between the title and the article's first paragraph.
BETWEEN_TITLE_AND_ARTICLE = "between_title_and_article"
#: A line that may stand in a related list under its heading (besides kept lines).
IN_RELATED_LIST = "in_related_list"
#: A byline: it anchors the article below it, dates the items of a list, and holds
#: the author, date and reading time of the record's metadata.
STAMP = "stamp"
ROLES = (
    WEAK_IN_PROSE, ENDS_COMMENTS, COMMENT_PART, COMMENT_EVIDENCE, WALL, DOUBTFUL_IN_EXTRACTED,
    JOINS_MENU, BETWEEN_TITLE_AND_ARTICLE, IN_RELATED_LIST, STAMP,
)


@dataclass(frozen=True, slots=True)
class Reason:
    name: str
    meaning: str
    kind: str
    roles: frozenset[str] = frozenset()
    #: The line check(s) that name a line, ``"module.function"`` in cleanscrape.detectors (a block
    #: detector may have some too: a "Related Posts" heading opens its list).
    checks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Check:
    """A further line check for a reason already listed, run at this place in the order."""

    reason: str
    check: str


def _roles(*names: str) -> frozenset[str]:
    return frozenset(names)


# Names the decision passes set or read by name.
PLACEHOLDER = "placeholder"
COMMENTS = "comments"
SHARE_BAR = "share_bar"
BREADCRUMB = "breadcrumb"
MENU = "menu"
RELATED_LIST = "related_list"
CAPTION = "caption"
WIDGET = "widget"
FOOTER = "footer"
BYLINE = "byline"
BARE_NUMBER = "bare_number"
TITLE = "title"
NEAR_DUPLICATE = "near_duplicate"
OFF_LANGUAGE = "off_language"
OUTSIDE_ARTICLE = "outside_article"
BORDER = "border"
NOT_MAIN_CONTENT = "not_main_content"
SITE_TEMPLATE = "site_template"
REPEATED_PARAGRAPH = "repeated_paragraph"

_LABEL = _roles(JOINS_MENU, BETWEEN_TITLE_AND_ARTICLE)  # what every short template label may do

#: The table, line detectors in the order they run (the first that matches names the line).
REGISTRY: tuple[Reason | Check, ...] = (
    Reason(PLACEHOLDER, "Unfilled template code: `{{ user.name }}`, `{% if %}`, `${price}`.", LINE_DETECTOR,
           _roles(ENDS_COMMENTS, BETWEEN_TITLE_AND_ARTICLE), ("placeholder.matches",)),
    Reason(COMMENTS, "A comments heading (\"3 Comments\", \"Leave a Reply\") and the comments below it.", BLOCK_DETECTOR,
           _roles(WALL, COMMENT_EVIDENCE), ("comments.is_heading",)),
    Reason(SHARE_BAR, "Share buttons: \"Facebook Twitter LinkedIn Email\", \"Share this:\".", LINE_DETECTOR,
           _roles(ENDS_COMMENTS, BETWEEN_TITLE_AND_ARTICLE), ("share_bar.matches",)),
    Reason(BREADCRUMB, "A breadcrumb trail: \"Home > News > Ships stuck in canal\".", LINE_DETECTOR,
           _roles(BETWEEN_TITLE_AND_ARTICLE), ("breadcrumb.matches",)),
    Reason(MENU, "Navigation: menu runs, one-line menus, pagers (\"Next: ...\"), the word \"Menu\".", BLOCK_DETECTOR,
           _roles(COMMENT_PART, DOUBTFUL_IN_EXTRACTED, JOINS_MENU, BETWEEN_TITLE_AND_ARTICLE),
           ("navigation.is_pager", "navigation.is_menu_label")),
    Reason(RELATED_LIST, "Links to other articles: \"Related Posts\" and its list, \"Read more: <headline>\".", BLOCK_DETECTOR,
           _roles(ENDS_COMMENTS, IN_RELATED_LIST), ("related_list.is_heading", "related_list.is_inline_link")),
    Reason(CAPTION, "An image caption or credit marked as such: \"Photo: ...\", \"(Getty Images)\".", LINE_DETECTOR,
           _roles(DOUBTFUL_IN_EXTRACTED, BETWEEN_TITLE_AND_ARTICLE), ("caption.matches",)),
    Reason(WIDGET, "A login, registration, subscription or search widget.", LINE_DETECTOR,
           _roles(ENDS_COMMENTS, BETWEEN_TITLE_AND_ARTICLE), ("widget.matches",)),
    Reason(FOOTER, "A footer: copyright, policy links, contact lines.", LINE_DETECTOR,
           _roles(WEAK_IN_PROSE, ENDS_COMMENTS), ("footer.matches",)),
    # The short template labels ("boilerplate" in 0.1.0): each kind its own reason.
    Reason("text_browser_label", "What a text browser prints for images and form fields: \"[logo]\", \"[Search]\".",
           LINE_DETECTOR, _LABEL, ("boilerplate.is_text_browser_label",)),
    Reason(BARE_NUMBER, "A number alone on its line: a counter, a page number, \"1.2k\".", LINE_DETECTOR,
           _LABEL | {DOUBTFUL_IN_EXTRACTED}, ("boilerplate.is_bare_number_label",)),
    Reason("advertisement", "An ad slot's label: \"Advertisement\", \"Sponsored\", \"Anzeige\".", LINE_DETECTOR,
           _LABEL, ("boilerplate.is_advertisement",)),
    Reason("skip_link", "A jump link: \"Skip to content\", \"Back to top\", \"Jump to recipe\".", LINE_DETECTOR,
           _LABEL, ("boilerplate.is_skip_link",)),
    Reason("cookie_notice", "A cookie banner or its buttons: \"We use cookies ...\", \"Accept all\", \"Got it\".",
           LINE_DETECTOR, _LABEL, ("boilerplate.is_cookie_button",)),
    Reason("more_link", "A link to more: \"Read more\" (\"Continue reading\"), \"Click here\", \"Load more\", \"More\".",
           LINE_DETECTOR, _LABEL, ("boilerplate.is_more_link",)),
    Reason("pager_link", "A link to the neighbouring page: \"Next\", \"Older posts\", \"« 2\".", LINE_DETECTOR,
           _LABEL, ("boilerplate.is_pager_link",)),
    Reason("page_tool", "A page control: \"Print\", \"Font size\", \"Listen to this article\", \"Loading...\".",
           LINE_DETECTOR, _LABEL, ("boilerplate.is_page_tool",)),
    Reason("follow_prompt", "A call to follow or engage: \"Follow us on ...\", \"Download our app\".", LINE_DETECTOR,
           _LABEL, ("boilerplate.is_follow_prompt",)),
    Reason("shop_link", "A shopping button: \"Buy now\", \"Check price on Amazon\".", LINE_DETECTOR,
           _LABEL, ("boilerplate.is_shop_link",)),
    Reason("news_label", "A news desk's label: \"Breaking news\", \"Live\", \"For immediate release\", \"Source: ...\".",
           LINE_DETECTOR, _LABEL, ("boilerplate.is_news_label",)),
    Reason("answer_count", "A question page's counters: \"3 Answers\", \"Sorted by: ...\".", LINE_DETECTOR,
           _LABEL, ("boilerplate.is_answer_count",)),
    Reason("tag_list", "Tags, categories and archives: \"Tags: ...\", \"Filed under ...\", \"Posted in ...\".",
           LINE_DETECTOR, _LABEL, ("boilerplate.is_tag_list",)),
    Reason(BYLINE, "Author, date or reading time; its facts go to the record's metadata.", LINE_DETECTOR,
           _roles(COMMENT_PART, COMMENT_EVIDENCE, DOUBTFUL_IN_EXTRACTED, BETWEEN_TITLE_AND_ARTICLE, IN_RELATED_LIST, STAMP),
           ("byline.matches",)),
    Check(MENU, "navigation.is_inline_menu"),
    Check("cookie_notice", "boilerplate.is_cookie_notice"),
    Reason("disclosure", "An affiliate or sponsorship disclosure: \"We may earn a commission ...\".", LINE_DETECTOR,
           _LABEL, ("boilerplate.is_disclosure",)),
    Reason(TITLE, "The article's title (it goes to the record's title) and its copies.", PAGE_PASS, _roles(COMMENT_PART)),
    Reason(NEAR_DUPLICATE, "A line that repeats an earlier line of the page.", PAGE_PASS, _roles(COMMENT_PART)),
    Reason(OFF_LANGUAGE, "A line in another language or script than the article's.", PAGE_PASS),
    Reason(OUTSIDE_ARTICLE, "A line outside the article's span that no detector named.", PAGE_PASS, _roles(JOINS_MENU)),
    Reason(BORDER, "A table border or rule alone on its line: layout, no text.", PAGE_PASS),
    Reason(NOT_MAIN_CONTENT, "(explain only) a page line the extractor left out of the main content.", PAGE_PASS),
    Reason(SITE_TEMPLATE, "A line the site repeats on most of its pages (learned with --site-templates).", CORPUS_PASS,
           _roles(ENDS_COMMENTS)),
    Reason(REPEATED_PARAGRAPH, "A paragraph many documents of the run repeat across sites (--dedup-paragraphs).",
           CORPUS_PASS),
)

REASONS: tuple[Reason, ...] = tuple(entry for entry in REGISTRY if isinstance(entry, Reason))
NAMES: frozenset[str] = frozenset(reason.name for reason in REASONS)
BY_NAME: dict[str, Reason] = {reason.name: reason for reason in REASONS}


def with_role(role: str, reasons: Iterable[Reason] = REASONS) -> frozenset[str]:
    """The names of the reasons that play ``role``."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    return frozenset(reason.name for reason in reasons if role in reason.roles)


def line_checks(registry: Iterable[Reason | Check] = REGISTRY) -> tuple[tuple[str, str], ...]:
    """(reason name, ``"module.function"``) of every line check, in the order they run."""
    checks: list[tuple[str, str]] = []
    for entry in registry:
        if isinstance(entry, Check):
            checks.append((entry.reason, entry.check))
        else:
            checks.extend((entry.name, check) for check in entry.checks)
    return tuple(checks)


def _check_registry(registry: tuple[Reason | Check, ...]) -> None:
    names = [entry.name for entry in registry if isinstance(entry, Reason)]
    if len(names) != len(set(names)):
        raise ValueError("a reason is listed twice")
    for entry in registry:
        if isinstance(entry, Check) and entry.reason not in names:
            raise ValueError(f"check {entry.check} names no listed reason: {entry.reason}")
        if isinstance(entry, Reason) and (entry.kind not in KINDS or not entry.roles <= set(ROLES)):
            raise ValueError(f"reason {entry.name}: unknown kind or role")


_check_registry(REGISTRY)


def markdown(reasons: Iterable[Reason] = REASONS) -> str:
    """docs/reasons.md: every reason a record's ``removed[].reason`` can hold."""
    out = [
        "# Why a line was removed",
        "",
        "Every removed line of a record (`removed[].reason`, `cleanscrape explain`) carries one of these",
        "reasons. This page is generated from the table in `cleanscrape/reasons.py`, which also says which",
        "roles each reason plays in the decision; `tests/test_reasons.py` checks the page is in sync.",
        "",
        "In 0.1.0, the short template labels (`text_browser_label` to `tag_list`, `cookie_notice`,",
        "`disclosure`), the lines outside the article (`outside_article`) and table borders alone on a",
        "line (`border`) were all `boilerplate`.",
        "",
        "| reason | kind | what it means | roles in the decision |",
        "| --- | --- | --- | --- |",
    ]
    out += [
        f"| `{reason.name}` | {reason.kind} | {reason.meaning.replace('|', '&#124;')} | "
        f"{', '.join(role for role in ROLES if role in reason.roles)} |"
        for reason in reasons
    ]
    return "\n".join(out) + "\n"
