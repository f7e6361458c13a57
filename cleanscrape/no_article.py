"""A page where the article search found no article, or a scrap of one: its unnamed lines are its text.

The article search keeps the run of lines whose prose outweighs the template
around it. A page without an article (a directory stub, a listing, a shop's
category, a front page of links) has no such run: its lines are short, or
wrapped into pieces that end no sentence. The search then keeps nothing, or a
scrap (an intro sentence, a heading that read as prose), and every other line
goes, the named template and the page's own text alike. The lines that no
detector named (``outside_article``: removed only for lying outside the span)
are what is left of such a page once its template is gone, so they come back
when the search kept less than a short paragraph and one of them writes a
sentence (a word closed by a full stop, inside a line of several words, that
is no copyright notice: "All rights reserved." is the footer's). Where the
lines brought back hold a run of prose, only that run (and heavy runs beside
it) comes back: a second cleaning reads them alone and would keep no more. A page of
labels alone (a shop's product tiles, a mega-menu's columns, a tagline) has
no such line: its gold text is empty as often as not, and it gives what the
search kept.
"""

from __future__ import annotations

import regex

from . import reasons as why
from .lines import Line
from .mainblock import best_span, in_spans, line_weight
from .page_context import PageContext
from .page_end import names_rights

#: At most this many kept words: the search found no article, only a scrap (on the w3m dumps
#: 50, 60 and 100 were tried: 100 also reopened short ScrapingHub news articles of 60-90 words).
SCRAP_MAX_WORDS = 50
#: The unnamed lines must hold this many words to be a page's text, not a stray label.
MIN_WORDS = 8
#: A line writing a sentence has this many words at least.
SENTENCE_MIN_WORDS = 4
#: A word closed by a sentence's mark: "centre. Located", "locations." (not "4.8", "csi.user").
_SENTENCE_END = regex.compile(r"\p{Ll}[.!?](?:\s|$)")


def keep_unnamed_when_no_article(page: PageContext) -> None:
    """When the search kept less than a short paragraph, the lines only it removed come back."""
    lines, reasons = page.lines, page.reasons
    if sum(lines[position].words for position, reason in enumerate(reasons) if reason is None) > SCRAP_MAX_WORDS:
        return
    unnamed = [position for position, reason in enumerate(reasons) if reason == why.OUTSIDE_ARTICLE]
    if sum(lines[position].words for position in unnamed) < MIN_WORDS:
        return
    if not any(_writes_sentence(lines[position]) for position in unnamed):
        return
    # The page cleaned again reads the lines kept here alone, and its article search keeps
    # their run of prose, when they hold one, and drops the rest: so where they hold one,
    # only that run (and the heavy runs beside it) comes back, and cleaning stays idempotent.
    back = sorted([*unnamed, *(position for position, reason in enumerate(reasons) if reason is None)])
    weights = [line_weight(lines[position], None, page.prose[position], page.config) for position in back]
    span = best_span(weights)
    inside = in_spans(weights, span) if span != (0, 0) else [True] * len(back)
    for position, is_in in zip(back, inside):
        if is_in and reasons[position] == why.OUTSIDE_ARTICLE:
            reasons[position] = None


def _writes_sentence(line: Line) -> bool:
    return line.words >= SENTENCE_MIN_WORDS and bool(_SENTENCE_END.search(line.content)) and not names_rights(line)
