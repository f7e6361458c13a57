"""Which candidate text is a page's main content: ordered, named rules over an extraction policy.

The rules run in order over the choice so far (none at first). Each may take a
candidate in its place, and the one that made the final choice is named on the
record (``Record.extractor_rule``). Candidates are read lazily, each at most
once a page (:class:`Trial`), so a rule that does not fire costs no extraction.

1. ``article_precision_confirmed``: on an article, trafilatura's precision text
   (first without its readability and jusText comparisons) holds the article as
   far as resiliparse's main content tells (``holds_the_article``).
2. ``article_precision_long``: on an article, the precision text has
   _PRECISE_TEXT_TRUSTED_WORDS words: it has not cut the story to a paragraph.
3. ``article_precision_share``: on an article, the precision text keeps
   ``policy.article_precision_min_share`` of the default mode's words.
4. ``trafilatura_default``: trafilatura's default mode (any page not chosen yet).
5. ``listing_main_region``: the page's <main> region is a listing with several
   times the words kept (:mod:`cleanscrape.region`).
6. ``resiliparse_found_more``: resiliparse's main content has
   ``policy.resiliparse_min_ratio`` times the default mode's words (more where a
   precision text cut what the default mode kept) and a paragraph more, in the
   page's order; not on a product page, and on a question page only where it
   holds trafilatura's answers.
7. ``main_content_too_short``: the text has under ``policy.min_main_words``
   words (lines counted as the line cleaner counts them): the whole page's text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..config import ExtractionPolicy
from ..lines import Line, segment
from . import full_page, main_region, resiliparse, trafilatura_default, trafilatura_precision
from .candidate import TRAFILATURA, TRAFILATURA_PRECISION, Candidate, Page

_WORDS = re.compile(r"\w+")

#: A precision-mode text this long has not cut the story to a paragraph or two: it is taken
#: without the default mode's run to compare with. On ScrapingHub and WCXB the scores are the
#: same as always comparing, with a second run on 75 of 170 and 130 of 699 article pages
#: (before resiliparse's test below, which leaves the second run out on most of them).
_PRECISE_TEXT_TRUSTED_WORDS = 500
#: resiliparse's main content with fewer than this many times the words of the precision
#: mode's text (and some words) says the page holds no more article. Then the text is taken
#: from a run without trafilatura's readability and jusText comparisons (a third of its
#: time), and with no default-mode run to compare it with. On ScrapingHub and WCXB the
#: same text as always running them on all pages but two of WCXB's 1,497.
_PRECISE_TEXT_CONFIRMED_RATIO = 1.5
#: A shorter precision text may be the one block that both extractors kept (both drop
#: blocks by their class names): the default mode's run still checks it.
_PRECISE_TEXT_CONFIRMED_MIN_WORDS = 100
#: What resiliparse adds must come to a paragraph's words at least: a line or two more
#: is the page's edge (an address footer, a category label), not content trafilatura missed.
_RESILIPARSE_MIN_MORE_WORDS = 30
#: Where the precision mode's text was taken after a default run that kept more,
#: resiliparse must find half as much again as the default mode: at the general ratio,
#: ScrapingHub falls from 0.970 to 0.968.
_ARTICLE_RESILIPARSE_MIN_RATIO = 1.5
#: On a question page resiliparse's text must hold this share of trafilatura's words.
_QUESTION_PAGE_MIN_COVER = 0.9


@dataclass(frozen=True)
class Readers:
    """The candidate readers the rules call. Tests pass their own (``dataclasses.replace``)."""

    trafilatura_default: Callable[[Page, list[str]], Candidate] = trafilatura_default.read
    #: ``(page, fast, warnings)``
    trafilatura_precision: Callable[[Page, bool, list[str]], Candidate] = trafilatura_precision.read
    #: None where resiliparse cannot read the page.
    resiliparse: Callable[[Page, list[str]], Candidate | None] = resiliparse.read
    #: ``(page, kept_words, policy, warnings)``; None where the region is no listing.
    main_region: Callable[[Page, int, ExtractionPolicy, list[str]], Candidate | None] = main_region.read
    full_page: Callable[[Page, list[str]], Candidate] = full_page.read


@dataclass(frozen=True, slots=True)
class Choice:
    """The candidate chosen so far, and the rule that chose it."""

    candidate: Candidate
    rule: str
    #: The words the listing thresholds are measured against: the default mode's where it
    #: ran, else the precision mode's.
    kept_words: int


@dataclass
class Trial:
    """One page's candidates, each read at most once, on first use. ``warnings`` collects
    what failed, in the order the readers ran."""

    page: Page
    policy: ExtractionPolicy
    readers: Readers
    warnings: list[str] = field(default_factory=list)
    _read: dict = field(default_factory=dict)

    def _once(self, key: object, read: Callable[[], object]):
        if key not in self._read:
            self._read[key] = read()
        return self._read[key]

    def default(self) -> Candidate:
        return self._once("default", lambda: self.readers.trafilatura_default(self.page, self.warnings))

    def precision(self, fast: bool) -> Candidate:
        return self._once(("precision", fast), lambda: self.readers.trafilatura_precision(self.page, fast, self.warnings))

    def resiliparse(self) -> Candidate | None:
        """None where resiliparse is off or cannot read the page."""
        if self.policy.resiliparse_min_ratio is None:
            return None
        return self._once("resiliparse", lambda: self.readers.resiliparse(self.page, self.warnings))

    def page_letters(self) -> str:
        """The word characters of the page's text, run together."""
        return self._once("letters", lambda: "".join(_WORDS.findall("".join(self.page.tree.itertext()))))

    def lines(self, candidate: Candidate) -> tuple[Line, ...]:
        """``candidate``'s text as the line cleaner reads it, segmented once for the last candidate asked."""
        known = self._read.get("lines")
        if known is None or known[0] is not candidate:
            known = self._read["lines"] = (candidate, tuple(segment(candidate.text)))
        return known[1]

    @property
    def reads_article_precision(self) -> bool:
        return self.policy.article_precision_min_share is not None and self.page.kind.article


Rule = Callable[[Trial, "Choice | None"], "Choice | None"]


def article_precision_confirmed(trial: Trial, choice: Choice | None) -> Choice | None:
    if choice is not None or not trial.reads_article_precision:
        return None
    second = trial.resiliparse()
    if second is None:
        return None
    # First without trafilatura's own second opinions (readability, jusText), which are not
    # needed where resiliparse's finds no more article. (On a product page resiliparse adds
    # reviews: it does not confirm, and they run.)
    for fast in (True, False):
        precise = trial.precision(fast)
        if holds_the_article(precise.words, second.words):
            return Choice(precise, "article_precision_confirmed", precise.words)
    return None


def article_precision_long(trial: Trial, choice: Choice | None) -> Choice | None:
    if choice is not None or not trial.reads_article_precision:
        return None
    precise = trial.precision(fast=False)
    return Choice(precise, "article_precision_long", precise.words) if precise.words >= _PRECISE_TEXT_TRUSTED_WORDS else None


def article_precision_share(trial: Trial, choice: Choice | None) -> Choice | None:
    if choice is not None or not trial.reads_article_precision:
        return None
    precise, default = trial.precision(fast=False), trial.default()
    # A smaller share: the precision mode cut the story itself, not only its teasers.
    if precise.text and precise.words >= trial.policy.article_precision_min_share * default.words:
        return Choice(precise, "article_precision_share", default.words)
    return None


def trafilatura_default(trial: Trial, choice: Choice | None) -> Choice | None:
    if choice is not None:
        return None
    default = trial.default()
    return Choice(default, "trafilatura_default", default.words)


def listing_main_region(trial: Trial, choice: Choice | None) -> Choice | None:
    region = trial.readers.main_region(trial.page, choice.kept_words, trial.policy, trial.warnings)
    return None if region is None else Choice(region, "listing_main_region", choice.kept_words)


def resiliparse_found_more(trial: Trial, choice: Choice | None) -> Choice | None:
    min_ratio = _second_opinion_ratio(trial, choice)
    if min_ratio is None or trial.page.kind.product:
        return None
    second = trial.resiliparse()
    words = second.words if second is not None else 0
    default_words = choice.kept_words
    if words < min_ratio * max(1, default_words) or words - default_words < _RESILIPARSE_MIN_MORE_WORDS:
        return None
    if not _in_page_order(second.text, trial.page_letters()):
        return None
    # On a question page trafilatura's text holds the answers, which resiliparse may file
    # as comments and leave out: it may add to them, not drop them.
    if trial.page.kind.question and not _covers(second.text, choice.candidate.text, _QUESTION_PAGE_MIN_COVER):
        return None
    # trafilatura's code lines stay: those that resiliparse's text holds are still code.
    return Choice(Candidate(second.name, second.text, choice.candidate.code_lines), "resiliparse_found_more", choice.kept_words)


def _second_opinion_ratio(trial: Trial, choice: Choice) -> float | None:
    """How many times the default mode's words resiliparse must find: where that mode gave
    the text, the policy's ratio; where a precision text was taken after a default run that
    kept more (it cut something), at least _ARTICLE_RESILIPARSE_MIN_RATIO; else None."""
    ratio = trial.policy.resiliparse_min_ratio
    if ratio is None:
        return None
    if choice.candidate.name == TRAFILATURA:
        return ratio
    if choice.candidate.name == TRAFILATURA_PRECISION and choice.candidate.words < choice.kept_words:
        return max(ratio, _ARTICLE_RESILIPARSE_MIN_RATIO)
    return None


def main_content_too_short(trial: Trial, choice: Choice | None) -> Choice | None:
    if sum(line.words for line in trial.lines(choice.candidate)) >= trial.policy.min_main_words:
        return None
    return Choice(trial.readers.full_page(trial.page, trial.warnings), "main_content_too_short", choice.kept_words)


#: The rules, in the order they run.
RULES: tuple[Rule, ...] = (
    article_precision_confirmed,
    article_precision_long,
    article_precision_share,
    trafilatura_default,
    listing_main_region,
    resiliparse_found_more,
    main_content_too_short,
)


def choose(trial: Trial, rules: tuple[Rule, ...] = RULES) -> Choice:
    """The last choice a rule made, running ``rules`` in order over ``trial``'s page."""
    choice = None
    for rule in rules:
        choice = rule(trial, choice) or choice
    return choice


def choose_unparsed(trial: Trial) -> Choice:
    """The choice for a page that could not be parsed: no extractor's text, so the whole
    page's where the policy asks for any words."""
    nothing = Choice(Candidate(TRAFILATURA, ""), "unparsed", 0)
    return main_content_too_short(trial, nothing) or nothing


def holds_the_article(words: int, resiliparse_words: int) -> bool:
    """Whether a precision-mode text of ``words`` words holds the page's article, as far as
    resiliparse's main content (``resiliparse_words``) tells: that has some words, and fewer
    than _PRECISE_TEXT_CONFIRMED_RATIO times the text's, of _PRECISE_TEXT_CONFIRMED_MIN_WORDS
    or more. resiliparse finding nothing says nothing."""
    enough = words >= _PRECISE_TEXT_CONFIRMED_MIN_WORDS
    return enough and 0 < resiliparse_words < _PRECISE_TEXT_CONFIRMED_RATIO * words


def _in_page_order(text: str, page_letters: str) -> bool:
    """Whether the word characters of ``text`` come in the page's text in its order, others
    between them: a record's words must be the page's own, in the page's order. resiliparse
    parses as browsers do, and a browser moves text that stands loose inside a <table> to
    before it. Characters, not words: resiliparse runs "Assistance</a><a>Download" together."""
    cursor = 0
    for character in "".join(_WORDS.findall(text)):
        cursor = page_letters.find(character, cursor) + 1
        if cursor == 0:
            return False
    return True


def _covers(text: str, other: str, share: float) -> bool:
    """Whether ``text`` holds at least ``share`` of the words of ``other``, repeats counted."""
    needed = Counter(_WORDS.findall(other))
    held = needed & Counter(_WORDS.findall(text))
    return sum(held.values()) >= share * sum(needed.values())
