"""A page where the article search found no run of prose: its unnamed lines are its text.

The article search keeps the run of lines whose prose outweighs the template
around it. A short page (a directory stub, a listing of a few items, one
sentence of description under a site's menus) can hold no run that weighs
anything: each of its lines is short, or wrapped into pieces that end no
sentence. Every line is then removed, the named template and the page's own
text alike, and the record is empty. The lines that no detector named
(``outside_article``: only outside the span) are what is left of the page once
its template is gone, so they are kept when one of them writes a sentence (a
word closed by a full stop, inside a line of several words, that is no
copyright notice: "All rights reserved." is the footer's). A page of labels
alone (a shop's product tiles, a mega-menu's columns, a tagline) has none: its
gold text is empty as often as not, and it still gives nothing.
"""

from __future__ import annotations

import regex

from . import reasons as why
from .lines import Line
from .page_context import PageContext
from .page_end import names_rights

#: The unnamed lines must hold this many words to be a page's text, not a stray label.
MIN_WORDS = 8
#: A line writing a sentence has this many words at least.
SENTENCE_MIN_WORDS = 4
#: A word closed by a sentence's mark: "centre. Located", "locations." (not "4.8", "csi.user").
_SENTENCE_END = regex.compile(r"\p{Ll}[.!?](?:\s|$)")


def keep_unnamed_when_empty(page: PageContext) -> None:
    """When no line is kept, the lines only the article search removed come back."""
    reasons = page.reasons
    if any(reason is None for reason in reasons):
        return
    unnamed = [position for position, reason in enumerate(reasons) if reason == why.OUTSIDE_ARTICLE]
    if sum(page.lines[position].words for position in unnamed) < MIN_WORDS:
        return
    if not any(_writes_sentence(page.lines[position]) for position in unnamed):
        return
    for position in unnamed:
        reasons[position] = None


def _writes_sentence(line: Line) -> bool:
    return line.words >= SENTENCE_MIN_WORDS and bool(_SENTENCE_END.search(line.content)) and not names_rights(line)
