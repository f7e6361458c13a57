"""What a page's lines say about it: its title (and the copies of it that go), its
author, date and reading time (from its bylines), and its site's name.

The HTML's own metadata (``<meta>``, JSON-LD) is :mod:`cleanscrape.pagemeta`'s.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import reasons as why
from .detectors import byline
from .lines import Line
from .mainblock import is_paragraph
from .neardup import normalize
from .page_context import PageContext
from .title import find_title, is_copy, title_words

#: How far into an extracted text the page title is looked for.
TITLE_LINES_IN_EXTRACTED = 3
#: A metadata "title" of more words is the story's first paragraph (some sites put it in
#: og:title); removing its copy would remove the story.
TITLE_MAX_WORDS = 25

_STAMPS = why.with_role(why.STAMP)


def mark_title(page: PageContext) -> None:
    """The heading above the article is the title; it and its copies go."""
    at = find_title(page.lines, page.reasons, page.span, page.paragraphs)
    page.title = page.lines[at].content if at is not None else None
    if page.title is None:
        return
    title_key = normalize(page.title)
    for position, line in enumerate(page.lines):
        if page.reasons[position] is None and is_copy(title_key, line):
            page.reasons[position] = why.TITLE


def mark_title_in_extracted(page: PageContext) -> None:
    """The title the HTML names, repeated at the top of the extracted text, goes."""
    title_key = normalize(page.title) if page.title is not None else ""
    if not title_key or title_words(title_key) > TITLE_MAX_WORDS:
        return
    for position, line in enumerate(page.lines[:TITLE_LINES_IN_EXTRACTED]):
        if page.reasons[position] is None and is_copy(title_key, line):
            page.reasons[position] = why.TITLE


def title_of_kept(lines: Sequence[Line], prose: Sequence[bool], span: tuple[int, int]) -> int | None:
    """Where the title of kept ``lines`` stands, as cleaning them again would find it."""
    paragraphs = [is_paragraph(line, p) for line, p in zip(lines, prose)]
    return find_title(lines, [None] * len(lines), span, paragraphs)


def byline_facts(lines: Sequence[Line], reasons: Sequence[str | None]) -> byline.Byline:
    """The first author, date and reading time the page's bylines give."""
    author = date = minutes = None
    for line, reason in zip(lines, reasons):
        if reason not in _STAMPS:
            continue
        found = byline.parse(line.content)
        author = author or found.author
        date = date or found.date
        minutes = minutes or found.reading_minutes
    return byline.Byline(author=author, date=date, reading_minutes=minutes)


def find_sitename(lines: Sequence[Line], title: str | None) -> str | None:
    """The page's first line when it is a short name that the page repeats (masthead, footer)."""
    if not lines:
        return None
    first = lines[0]
    if not 1 <= first.words <= 4 or first.ends_sentence or (title and normalize(title) == normalize(first.content)):
        return None
    key = normalize(first.content)
    if not key:
        return None
    # Folding keeps a line's runs of letters and digits (cased): a line whose folded text holds
    # the key holds its longest word in its case-folded text. Most lines do not: no folding for them.
    word = max(key.split(), key=len)
    if any(word in line.content.casefold() and key in normalize(line.content) for line in lines[1:]):
        return first.content
    return None
