"""Decide, line by line, what is article and what is template, and why.

A page is read once (:func:`cleanscrape.page_passes.read_page`: language, prose,
the line detectors' first verdicts), then each pass of one of the two lists
below marks reasons on it, in order; the verdict closes both the same way.
Reason names and the roles the passes read are :mod:`cleanscrape.reasons`'.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import language as lang
from . import reasons as why
from .columns import split_columns
from .config import CleanerConfig
from .detectors import LINE_DETECTORS, FirstReasons, LineDetectors, comments, navigation, related_list
from .detectors.byline import Byline
from .lines import Line, LineBook, fold_spaces, segment
from .no_article import keep_unnamed_when_no_article
from .page_context import Pass, PageContext
from .page_facts import byline_facts, find_sitename, mark_title, mark_title_in_extracted
from .page_passes import (
    find_article,
    forgive_doubtful,
    mark_long_near_duplicates,
    mark_near_duplicates_in_span,
    mark_off_language_everywhere,
    mark_off_language_in_span,
    mark_outside,
    mark_paragraphs_in_extracted,
    mark_site_template,
    name_site_template,
    read_page,
    settle,
)
from .paragraphs import MAX_REGROUP_ROUNDS, group_lines, group_until_stable, has_borders, paragraph_line
from .tabs import NO_TABS, TabVariants

class _PageMemo:
    """What one page's readings share, each by the text it depends on alone: the lines
    (``book``), their first verdicts, whether they stand alone in wrapped text, their
    layouts and letter counts, and the language guessed from a sample. Cleaning reads a
    page again as paragraphs and as its clean text, which repeat most of its lines and
    often its language sample. Make one per page, never share: it grows with the page."""

    __slots__ = ("first_reason", "book", "layouts", "_alone", "_letters", "_guesses", "_config")

    def __init__(self, first_reason: FirstReasons, config: CleanerConfig) -> None:
        self.first_reason = first_reason
        self.book = LineBook()
        self.layouts: dict = {}  # by raw line (paragraphs.group_lines)
        self._alone: dict[str, bool] = {}  # by line text
        self._letters: dict[str, int] = {}  # by line content
        self._guesses: dict[str, lang.LanguageGuess | None] = {}  # by language sample
        self._config = config

    def stands_alone(self, line: Line) -> bool:
        """A template line or program text stands alone even inside wrapped text."""
        alone = self._alone.get(line.text)
        if alone is None:
            alone = self._alone[line.text] = self.first_reason(line) is not None or line.looks_like_code
        return alone

    def language_sample(self, lines: Sequence[Line]) -> str:
        return lang.sample_for_detection(list(lines), self._config.language_sample_chars, self._letter_count)

    def guess_language(self, lines: Sequence[Line]) -> lang.LanguageGuess | None:
        """``lang.detect`` on the lines' sample: seeded per call, so its answer depends on the sample alone."""
        return self.detect(self.language_sample(lines))

    def detect(self, sample: str) -> lang.LanguageGuess | None:
        if sample not in self._guesses:
            self._guesses[sample] = lang.detect(sample, self._config.language_seed)
        return self._guesses[sample]

    def _letter_count(self, content: str) -> int:
        count = self._letters.get(content)
        if count is None:
            count = self._letters[content] = lang.letter_count(content)
        return count


#: A whole page: find the article, then the template around and inside it.
PAGE_PASSES: tuple[Pass, ...] = (
    mark_site_template,
    find_article,
    comments.mark_sections,
    related_list.mark_lists,
    mark_title,
    navigation.mark_menus,
    mark_near_duplicates_in_span,
    mark_off_language_in_span,
    mark_outside,
    settle,
    keep_unnamed_when_no_article,
)

#: An extractor's main content: only the template left inside it.
EXTRACTED_PASSES: tuple[Pass, ...] = (
    forgive_doubtful,
    mark_site_template,
    mark_paragraphs_in_extracted,
    related_list.mark_appended_lists,
    mark_title_in_extracted,
    mark_long_near_duplicates,
    mark_off_language_everywhere,
)


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """``lines`` are what was classified (a page line, or a paragraph rebuilt from
    several); ``sources`` names the page lines each was made of (None: itself)."""

    lines: list[Line]
    reasons: list[str | None]  # None: the line is kept
    title: str | None
    language: lang.LanguageGuess | None
    author: str | None
    date: str | None
    reading_minutes: int | None
    sitename: str | None
    sources: list[tuple[Line, ...]] | None = None

    @property
    def clean_text(self) -> str:
        """The kept lines, one a line: the record's text, and what a second cleaning reads."""
        return "\n".join(line.text for line, reason in zip(self.lines, self.reasons) if reason is None)

    def page_decisions(self) -> list[tuple[Line, str | None]]:
        """Every page line with its reason (a paragraph's reason goes to each of its lines)."""
        if self.sources is None:
            return list(zip(self.lines, self.reasons))
        # In page order: kept paragraphs joined over a removed line hold lines on both sides of it.
        return sorted(((line, reason) for source, reason in zip(self.sources, self.reasons) for line in source),
                      key=lambda pair: pair[0].index)


def classify_text(
    text: str,
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None = None,
    detectors: LineDetectors = LINE_DETECTORS,
) -> PageVerdict:
    """Page text classified by paragraph: lines a renderer wrapped are joined first
    (:mod:`cleanscrape.paragraphs`), and each page line takes its paragraph's reason.
    ``detectors`` are the line checks (:func:`cleanscrape.detectors.line_detectors`).

    The clean text is the kept paragraphs, one line each: cleaning it again groups them
    again, without the removed lines between them. Where that would join kept paragraphs,
    they are joined here and the page classified again, until nothing more joins. So
    cleaning is idempotent.

    Table columns a renderer printed side by side are read one after the other
    (:mod:`cleanscrape.columns`); their lines keep the page's line numbers."""
    # A page's lines, and each line's first verdict, are read once for all its readings.
    memo = _PageMemo(FirstReasons(detectors), config)
    columns = split_columns(text)
    if columns is None:
        verdict = _classify_wrapped(text, config, is_site_template, memo)
    else:
        column_text, page_index = columns
        verdict = _on_page_lines(_classify_wrapped(column_text, config, is_site_template, memo), page_index)
    # The clean text is read without the page's other lines: kept lines can then stand in
    # columns that a removed line hid (a word of it crossed the boundary), table rows come
    # out without their borders, and runs of short lines or the article's extent read
    # otherwise once the template between them is gone. The clean text is read here as its
    # second cleaning would read it, and that reading is taken, until it changes nothing.
    # So cleaning is idempotent.
    for _ in range(MAX_CLEAN_TEXT_ROUNDS):
        kept_at = [place for place, reason in enumerate(verdict.reasons) if reason is None]
        if not kept_at:
            break
        clean_text = verdict.clean_text
        columns = split_columns(clean_text)
        column_text, kept_index = columns if columns is not None else (clean_text, range(len(kept_at)))
        again = _classify_wrapped(column_text, config, is_site_template, memo)
        if again.clean_text == clean_text:
            break
        verdict = _reread_kept(verdict, kept_at, again, kept_index)
    return verdict


#: At most this many more readings of the clean text (``classify_text``). A wide table can
#: take several: each reading of its clean text may split one more row into columns (six
#: readings on the text render of WCXB dev 4064).
MAX_CLEAN_TEXT_ROUNDS = 8


def _sources(verdict: PageVerdict, place: int) -> tuple[Line, ...]:
    return verdict.sources[place] if verdict.sources is not None else (verdict.lines[place],)


def _reread_kept(verdict: PageVerdict, kept_at: Sequence[int], again: PageVerdict, kept_index: Sequence[int]) -> PageVerdict:
    """``verdict``'s removed lines as they were, and in place of its kept lines ``again``'s
    verdict on them (read as columns: ``kept_index`` gives the kept line each line of it is a slice of)."""
    kept = set(kept_at)
    removed = [place for place in range(len(verdict.lines)) if place not in kept]
    lines = [verdict.lines[place] for place in removed]
    reasons = [verdict.reasons[place] for place in removed]
    sources = [_sources(verdict, place) for place in removed]
    for place, line in enumerate(again.lines):
        of = [kept_at[kept_index[part.index]] for part in _sources(again, place)]
        lines.append(dataclasses.replace(line, index=verdict.lines[of[0]].index))
        reasons.append(again.reasons[place])
        sources.append(tuple(dict.fromkeys(source for kept in of for source in _sources(verdict, kept))))
    return dataclasses.replace(verdict, lines=lines, reasons=reasons, sources=sources)


def _on_page_lines(verdict: PageVerdict, page_index: Sequence[int]) -> PageVerdict:
    """``verdict`` with each line numbered as the page line it is a slice of."""
    def renumbered(line: Line) -> Line:
        return dataclasses.replace(line, index=page_index[line.index])

    return dataclasses.replace(
        verdict,
        lines=[renumbered(line) for line in verdict.lines],
        sources=[tuple(renumbered(line) for line in source) for source in verdict.sources] if verdict.sources is not None else None,
    )


def _classify_wrapped(
    text: str, config: CleanerConfig, is_site_template: Callable[[str], bool] | None, memo: _PageMemo
) -> PageVerdict:
    lines = segment(text, memo.book)
    detected = [memo.first_reason(line) for line in lines]
    stands_alone = memo.stands_alone
    groups = group_until_stable(text, lines, [stands_alone(line) for line in lines], stands_alone, memo.book, memo.layouts)
    verdict = _classify_groups(lines, groups, detected, config, is_site_template, memo)
    for _ in range(MAX_REGROUP_ROUNDS):
        merged = _kept_regrouped(verdict, groups, stands_alone, memo.book, memo.layouts)
        if merged is None:
            break
        groups = merged
        verdict = _classify_groups(lines, groups, detected, config, is_site_template, memo)
    return verdict


def _kept_regrouped(
    verdict: PageVerdict, groups: list[list[int]], stands_alone: Callable[[Line], bool], book: LineBook, layouts: dict
) -> list[list[int]] | None:
    """``groups`` with the kept paragraphs that the clean text's own grouping joins merged
    (each into the first of its run), or None when it joins none."""
    kept_at = [place for place, reason in enumerate(verdict.reasons) if reason is None]
    if len(kept_at) < 2:
        return None
    kept_text = verdict.clean_text
    kept_lines = segment(kept_text, book)  # a line's ``index`` is its place in ``kept_at``
    again = group_lines(kept_text, kept_lines, [stands_alone(line) for line in kept_lines], layouts)
    if all(len(group) == 1 for group in again):
        return None
    into = {kept_at[kept_lines[member].index]: kept_at[kept_lines[group[0]].index] for group in again for member in group}
    merged: dict[int, list[int]] = {}
    for place, group in enumerate(groups):
        merged.setdefault(into.get(place, place), []).extend(group)
    return list(merged.values())


def _classify_groups(
    lines: list[Line],
    groups: list[list[int]],
    detected: list[str | None],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None,
    memo: _PageMemo,
) -> PageVerdict:
    if all(len(group) == 1 and not has_borders(lines[group[0]]) for group in groups):
        return _classify_page(lines, config, is_site_template, detected, memo)
    joined = [paragraph_line(lines, group, memo.book) for group in groups]
    joined_detected = [
        detected[group[0]] if line is lines[group[0]] else memo.first_reason(line) for line, group in zip(joined, groups)
    ]
    sources = [tuple(lines[position] for position in group) for group in groups]
    template = None
    if is_site_template is not None:
        # A paragraph is the site's template when each of its page lines is.
        by_text = {line.text: all(is_site_template(part.text) for part in source) for line, source in zip(joined, sources)}
        template = by_text.__getitem__
    verdict = _classify_page(joined, config, template, joined_detected, memo)
    # A border alone is layout: nothing of it belongs in the text.
    reasons = [why.BORDER if reason is None and not line.text else reason for line, reason in zip(joined, verdict.reasons)]
    return dataclasses.replace(verdict, reasons=reasons, sources=sources)


#: At most this many more rounds of cleaning the kept lines (``classify_page``).
_MAX_LANGUAGE_ROUNDS = 4


def classify_page(
    lines: list[Line],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None = None,
    detected: Sequence[str | None] | None = None,
    detectors: LineDetectors = LINE_DETECTORS,
) -> PageVerdict:
    """Every line's reason (None: kept) and the page's facts.

    ``is_site_template`` says from corpus evidence which lines (by their
    text) are the site's template: they weigh as template in the article
    search and are removed as ``site_template``.

    Cleaning the clean text again reads the language from the kept lines alone.
    Where their language sample differs from the one read, the guess may differ
    (on a page of little prose, "en" and then "it"), and with it which lines are
    prose: where it does, the kept lines are cleaned again here, as that second
    cleaning would clean them, until the language holds still. So cleaning is
    idempotent.
    """
    return _classify_page(lines, config, is_site_template, detected, _PageMemo(FirstReasons(detectors), config))


def _classify_page(
    lines: list[Line],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None,
    detected: Sequence[str | None] | None,
    memo: _PageMemo,
) -> PageVerdict:
    verdict = _classify_page_once(lines, config, is_site_template, detected, memo)
    read = lines  # the lines whose sample gave verdict.language
    for _ in range(_MAX_LANGUAGE_ROUNDS):
        kept_at = [position for position, reason in enumerate(verdict.reasons) if reason is None]
        kept = [lines[position] for position in kept_at]
        if not kept or len(kept) == len(read):
            break
        sample = memo.language_sample(kept)
        if sample == memo.language_sample(read) or _code(memo.detect(sample)) == _code(verdict.language):
            break
        again = _classify_page_once(segment("\n".join(line.text for line in kept), memo.book), config, is_site_template, None, memo)
        reasons = list(verdict.reasons)
        for position, reason in zip(kept_at, again.reasons):
            reasons[position] = reason
        verdict = dataclasses.replace(verdict, reasons=reasons, language=again.language)
        read = kept
    return verdict


def _code(guess: lang.LanguageGuess | None) -> str | None:
    return guess.code if guess else None


def _classify_page_once(
    lines: list[Line],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None,
    detected: Sequence[str | None] | None,
    memo: _PageMemo,
) -> PageVerdict:
    page = read_page(
        lines, config, is_site_template, detected=detected, first_reason=memo.first_reason, guess_language=memo.guess_language
    )
    return _run(page, PAGE_PASSES, with_facts=True)


def classify_extracted(
    lines: list[Line],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None = None,
    title: str | None = None,
    code_lines: frozenset[str] = frozenset(),
    tab_variants: TabVariants = NO_TABS,
    detectors: LineDetectors = LINE_DETECTORS,
) -> PageVerdict:
    """Lines an extractor already chose as the article: no article search, only the template left inside it.

    Related lists, share bars, widgets, footers and comment headings that the
    extractor kept go, as do the title repeated at the top, repeats of long
    lines and off-language lines. The comments below a heading are left to the
    extractor (which leaves them out, except on question pages): on the ScrapingHub
    pages, cutting everything after a comments heading cost more article than it saved.

    Lines in ``code_lines`` (spaces folded) are program text the extractor marked as
    code: ``{{ form }}`` in a template's manual is no placeholder, nor an address in a
    command a footer. No line detector judges them, they end a related list and are
    never near-duplicates or off-language; a site template or the title they can be.
    ``tab_variants`` says which tab panels of the page hold a line: a line is no
    near-duplicate of one in another variant (:mod:`cleanscrape.tabs`).
    """
    program = [fold_spaces(line.text) in code_lines for line in lines] if code_lines else [False] * len(lines)
    page = read_page(lines, config, is_site_template, program, first_reason=FirstReasons(detectors))
    page.title, page.tab_variants = title, tab_variants
    return _run(page, EXTRACTED_PASSES, with_facts=False)


def _run(page: PageContext, passes: Sequence[Pass], with_facts: bool) -> PageVerdict:
    """The passes in order, then the verdict: the page's facts, and corpus evidence's last word."""
    for decision_pass in passes:
        decision_pass(page)
    facts = byline_facts(page.lines, page.reasons) if with_facts else Byline(None, None, None)
    name_site_template(page)
    return PageVerdict(
        lines=page.lines,
        reasons=page.reasons,
        title=page.title,
        language=page.language,
        author=facts.author,
        date=facts.date,
        reading_minutes=facts.reading_minutes,
        sitename=find_sitename(page.lines, page.title) if with_facts else None,
    )
