"""The decision passes over a whole page: what the lines say (language, prose, the
line detectors' first verdicts), where the article is, repeats, off-language lines,
what is left outside the article. The block detectors' passes are in
:mod:`cleanscrape.detectors`; their order is :mod:`cleanscrape.decide`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import language as lang
from . import reasons as why
from .config import CleanerConfig
from .detectors import comments, first_line_reason, footer, navigation
from .item_links import repeated_comment_links
from .lines import Line
from .mainblock import WALL, anchor_bonus, best_span, in_spans, is_paragraph, is_prose, line_weight
from .neardup import earlier_duplicates, normalize
from .page_context import PageContext
from .page_end import with_page_end
from .page_facts import title_of_kept
from .stopwords import reads_like_other_language, stopword_density, stopwords_for
from .teasers import with_teasers_lighter
from .title import is_copy

#: Words of article-candidate lines needed to decide the language from them alone.
_MIN_CANDIDATE_WORDS = 30
_WEAK = why.with_role(why.WEAK_IN_PROSE)
_DOUBTFUL_IN_EXTRACTED = why.with_role(why.DOUBTFUL_IN_EXTRACTED)
_STAMPS = why.with_role(why.STAMP)


def read_page(
    lines: list[Line],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None = None,
    program: Sequence[bool] = (),
    detected: Sequence[str | None] | None = None,
    first_reason: Callable[[Line], str | None] | None = None,
    guess_language: Callable[[list[Line]], lang.LanguageGuess | None] | None = None,
) -> PageContext:
    """The page language and, per line, stop-word density, prose or not, and the first line detector's reason.

    The language is read from lines not marked as ``program`` text, if there are any.
    ``detected`` gives each line's first detector reason when the caller has it already,
    else ``first_reason`` finds it (by default, :data:`cleanscrape.detectors.LINE_DETECTORS`).
    ``guess_language`` guesses the language of some of the lines (by default, ``lang.detect`` on their
    ``lang.sample_for_detection``, with the config's sample size and seed).
    """
    if detected is None:
        detected = [(first_reason or first_line_reason)(line) for line in lines]
    words = [(line, reason) for line, reason, in_code in zip(lines, detected, program) if not in_code] if any(program) else list(zip(lines, detected))
    # The page's language is its article's: menus and footers in another language
    # (an English template around a Chinese story) must not outvote it.
    candidates = [line for line, reason in words if reason is None and _is_article_candidate(line)]
    if sum(line.words for line in candidates) < _MIN_CANDIDATE_WORDS:
        candidates = [line for line, _ in words]
    guess = (guess_language or (lambda chosen: _guess_language(chosen, config)))(candidates or lines) if lines else None
    stopwords = stopwords_for(guess.code if guess else None)
    densities = [stopword_density(line.tokens, stopwords) for line in lines]
    prose = [is_prose(line, bool(stopwords), density, config) for line, density in zip(lines, densities)]
    return PageContext(
        lines=lines,
        config=config,
        reasons=[_line_reason(line, reason, is_line_prose) for line, reason, is_line_prose in zip(lines, detected, prose)],
        language=guess,
        stopwords=stopwords,
        densities=densities,
        prose=prose,
        site_template=[is_site_template is not None and is_site_template(line.text) for line in lines],
        program=list(program) if program else [False] * len(lines),
    )


def _guess_language(lines: list[Line], config: CleanerConfig) -> lang.LanguageGuess | None:
    return lang.detect(lang.sample_for_detection(lines, config.language_sample_chars), config.language_seed)


def _is_article_candidate(line: Line) -> bool:
    """A line shaped like article text in any language: sentences, not a label (the caller leaves out template lines)."""
    return line.words >= 6 and (line.ends_sentence or line.punctuation_count >= 2)


def _line_reason(line: Line, reason: str | None, prose: bool) -> str | None:
    """The first detector's ``reason``, unless it is a weak one and the line prose."""
    if prose and reason in _WEAK and not footer.is_notice(line):
        return None
    return reason


def forgive_doubtful(page: PageContext) -> None:
    """Inside an extractor's main content, program text and the doubtful detectors' lines are kept."""
    page.reasons[:] = [
        None if in_code or reason in _DOUBTFUL_IN_EXTRACTED else reason
        for reason, in_code in zip(page.reasons, page.program)
    ]


def mark_site_template(page: PageContext) -> None:
    """Lines the site repeats go as ``site_template``; detector reasons stay for now, since
    the related-list and comments passes read them (:func:`name_site_template` ends it)."""
    page.reasons[:] = [why.SITE_TEMPLATE if template and reason is None else reason for reason, template in zip(page.reasons, page.site_template)]


def name_site_template(page: PageContext) -> None:
    """Corpus evidence names a removed line more surely than a one-page guess."""
    page.reasons[:] = [why.SITE_TEMPLATE if template else reason for reason, template in zip(page.reasons, page.site_template)]


def find_article(page: PageContext) -> None:
    """The article's span: the run of most prose and least template, where comments stop it."""
    lines, reasons, prose = page.lines, page.reasons, page.prose
    weights = [line_weight(line, reason, p, page.config) for line, reason, p in zip(lines, reasons, prose)]
    headings = comments.sections(lines, reasons)
    page.sections = headings - repeated_comment_links(lines, reasons, headings)
    # A comments label that no comment follows is template, not a wall the article stops at.
    weights = [-(3.0 + line.words) if weight == WALL and position not in page.sections else weight for position, (line, weight) in enumerate(zip(lines, weights))]
    weights = with_teasers_lighter(with_page_end(weights, lines, reasons), prose, lines)
    boosted = anchor_bonus(weights, [reason in _STAMPS for reason in reasons], prose)
    page.span = best_span(boosted)
    page.in_span = in_spans(boosted, page.span)
    page.paragraphs = [is_paragraph(line, p) for line, p in zip(lines, prose)]


def mark_paragraphs_in_extracted(page: PageContext) -> None:
    """In extracted text, program text ends a related list as a paragraph does."""
    page.paragraphs = [in_code or is_paragraph(line, p) for line, p, in_code in zip(page.lines, page.prose, page.program)]


def mark_near_duplicates_in_span(page: PageContext) -> None:
    _mark_near_duplicates(page, page.in_span)


def mark_long_near_duplicates(page: PageContext) -> None:
    # Short repeats inside an article are its structure (config.extracted_repeat_min_words).
    minimum = page.config.extracted_repeat_min_words
    _mark_near_duplicates(page, [line.words >= minimum and not in_code for line, in_code in zip(page.lines, page.program)])


def _mark_near_duplicates(page: PageContext, compared: Sequence[bool]) -> None:
    """A ``compared`` line that repeats an earlier one goes; the first copy stays.

    Only lines still kept are compared: a copy of a template line is already
    gone, whatever it is a copy of. A line in one tab of the page repeats
    nothing in another (``page.tab_variants``).
    """
    lines, reasons = page.lines, page.reasons
    kept = [p for p in range(len(lines)) if reasons[p] is None and compared[p]]
    duplicate_of = earlier_duplicates([lines[p].content for p in kept], page.config)
    for position, original in zip(kept, duplicate_of):
        if original is None:
            continue
        # Code repeats itself by nature (the same header in two curl calls).
        if lines[position].looks_like_code:
            continue
        if page.tab_variants and page.tab_variants.in_other_variants(lines[position].content, lines[kept[original]].content):
            continue
        reasons[position] = why.NEAR_DUPLICATE


def mark_off_language_in_span(page: PageContext) -> None:
    _mark_off_language(page, page.in_span)


def mark_off_language_everywhere(page: PageContext) -> None:
    _mark_off_language(page, [True] * len(page.lines))


def _mark_off_language(page: PageContext, in_span: Sequence[bool]) -> None:
    """Lines in another script, and long ``in_span`` lines in another language; program text is in none."""
    config, code = page.config, page.code
    if not (config.drop_off_language_lines and code):
        return
    expected = lang.scripts_of(code)
    for position, line in enumerate(page.lines):
        if page.reasons[position] is not None or page.program[position]:
            continue
        if not line.tokens:
            continue
        if not lang.is_mostly_in(line.content, expected):
            script = lang.dominant_script(line.content)
            # A few Latin words (a brand, "OK") sit in pages of any script.
            if script is not None and not (script == "Latin" and line.words <= 3):
                page.reasons[position] = why.OFF_LANGUAGE
                continue
        # langdetect is slow and unsure on short text: ask it only about long
        # article lines whose function words are another language's.
        if (
            in_span[position]
            and line.words >= config.line_language_min_words  # cheap, and never fewer than the different words
            and page.stopwords
            and page.densities[position] < 0.1
            and _distinct_words(line) >= config.line_language_min_words
            and reads_like_other_language(line.tokens, code, config.prose_min_stopword_density)
        ):
            guess = lang.detect(line.content, config.language_seed)
            if guess and guess.code != code and guess.probability >= config.line_language_min_probability:
                page.reasons[position] = why.OFF_LANGUAGE


def _distinct_words(line: Line) -> int:
    """Different words of two letters or more: numbers, units and a cell repeated
    across a table row ("Yes | Yes | Yes") give langdetect nothing to read."""
    return len({token.casefold() for token in line.tokens if len(token) >= 2 and token.isalpha()})


def mark_outside(page: PageContext) -> None:
    """Lines outside every article run that no pass named."""
    for position, line in enumerate(page.lines):
        if page.reasons[position] is None and not page.in_span[position]:
            page.reasons[position] = navigation.outside_reason(line, page.config.short_line_words)


def settle(page: PageContext) -> None:
    """Re-run the span and menu steps on the kept lines alone until nothing changes.

    Removing lines inside the article (a repeated paragraph, a menu) can leave
    a short line at its edge; cleaning the clean text again would drop it. A
    fixed point here is what makes cleaning idempotent.
    """
    lines, reasons, prose, config = page.lines, page.reasons, page.prose, page.config
    while True:
        kept = [p for p in range(len(lines)) if reasons[p] is None]
        kept_lines = [lines[p] for p in kept]
        kept_weights = [line_weight(lines[p], None, prose[p], config) for p in kept]
        span = best_span(kept_weights)
        inside = in_spans(kept_weights, span)
        changed = False
        for offset, position in enumerate(kept):
            if not inside[offset]:
                reasons[position] = navigation.outside_reason(lines[position], config.short_line_words)
                changed = True
        member = [inside[offset] and navigation.is_strict_menu_item(line) for offset, line in enumerate(kept_lines)]
        for run in navigation.runs(kept_lines, member, navigation.MIN_RUN + 2):
            for offset in run:
                reasons[kept[offset]] = why.MENU
                changed = True
        # The title as the clean text shows it: a heading that a line removed since the title
        # search stood between it and the article would be the title of that text.
        if not changed:
            title_at = title_of_kept(kept_lines, [prose[p] for p in kept], span)
            if title_at is not None:
                title_key = normalize(kept_lines[title_at].content)
                for offset, line in enumerate(kept_lines):
                    if is_copy(title_key, line):
                        reasons[kept[offset]] = why.TITLE
                changed = True
        if not changed:
            return
