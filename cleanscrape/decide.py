"""Decide, line by line, what is article and what is template, and why.

The flow: language -> line detectors -> article span -> block detectors
(comments, related lists, title, menus) -> near-duplicates -> off-language
lines -> everything left outside the article span.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
import dataclasses
from dataclasses import dataclass

from . import language as lang
from .config import CleanerConfig
from .detectors import boilerplate, byline, caption, comments, first_line_reason, footer, navigation, related_list
from .lines import Line, fold_spaces, segment
from .mainblock import WALL, anchor_bonus, best_span, is_paragraph, is_prose, line_weight
from .neardup import earlier_duplicates, normalize
from .paragraphs import MAX_REGROUP_ROUNDS, group_lines, group_until_stable, has_borders, paragraph_line
from .stopwords import reads_like_other_language, stopword_density, stopwords_for
from .tabs import NO_TABS, TabVariants
from .title import find_title, is_copy, title_words

NEAR_DUPLICATE = "near_duplicate"
OFF_LANGUAGE = "off_language"
TITLE = "title"
OUTSIDE = "boilerplate"
#: A line the site repeats on most of its pages (learned by cleanscrape.corpus.site_profile).
SITE_TEMPLATE = "site_template"

# A footer word ("privacy policy") inside a real sentence does not make it a footer.
_WEAK_REASONS = frozenset({"footer"})
# Where a comments section ends: the page's own template resumes.
_AFTER_COMMENTS = frozenset({"related_list", "footer", "widget", "share_bar", "placeholder", SITE_TEMPLATE})
# What a comment is made of: its author, its date, reply links, its text.
_COMMENT_PARTS = frozenset({None, "byline", "menu", "title", "near_duplicate"})
# In an extractor's main content these detectors misfire more than they find
# (tables read as menus, step lists as bylines, credits inside the story).
_DOUBTFUL_IN_EXTRACTED = frozenset({navigation.REASON, byline.REASON, caption.REASON})
#: How far into an extracted text the page title is looked for.
_TITLE_LINES_IN_EXTRACTED = 3
#: A metadata "title" of more words is the story's first paragraph (some sites put it in
#: og:title); removing its copy would remove the story.
_TITLE_MAX_WORDS = 25
#: A "related" list that would take more than this share of the extracted words is the
#: page itself (a listing, a table of options), not an appendix to an article.
_RELATED_LIST_MAX_SHARE = 0.3


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

    def page_decisions(self) -> list[tuple[Line, str | None]]:
        """Every page line with its reason (a paragraph's reason goes to each of its lines)."""
        if self.sources is None:
            return list(zip(self.lines, self.reasons))
        # In page order: kept paragraphs joined over a removed line hold lines on both sides of it.
        return sorted(((line, reason) for source, reason in zip(self.sources, self.reasons) for line in source),
                      key=lambda pair: pair[0].index)


def classify_text(
    text: str, config: CleanerConfig, is_site_template: Callable[[str], bool] | None = None
) -> PageVerdict:
    """Page text classified by paragraph: lines a renderer wrapped are joined first
    (:mod:`cleanscrape.paragraphs`), and each page line takes its paragraph's reason.

    The clean text is the kept paragraphs, one line each: cleaning it again groups them
    again, without the removed lines between them. Where that would join kept paragraphs,
    they are joined here and the page classified again, until nothing more joins. So
    cleaning is idempotent."""
    lines = segment(text)
    detected = [first_line_reason(line) for line in lines]
    # A template line or program text stands alone even inside wrapped text.
    units = [reason is not None or line.looks_like_code for line, reason in zip(lines, detected)]
    groups = group_until_stable(text, lines, units, _stands_alone)
    verdict = _classify_groups(lines, groups, detected, config, is_site_template)
    for _ in range(MAX_REGROUP_ROUNDS):
        merged = _kept_regrouped(verdict, groups)
        if merged is None:
            break
        groups = merged
        verdict = _classify_groups(lines, groups, detected, config, is_site_template)
    return verdict


def _stands_alone(line: Line) -> bool:
    return first_line_reason(line) is not None or line.looks_like_code


def _kept_regrouped(verdict: PageVerdict, groups: list[list[int]]) -> list[list[int]] | None:
    """``groups`` with the kept paragraphs that the clean text's own grouping joins merged
    (each into the first of its run), or None when it joins none."""
    kept_at = [place for place, reason in enumerate(verdict.reasons) if reason is None]
    if len(kept_at) < 2:
        return None
    kept_text = "\n".join(verdict.lines[place].text for place in kept_at)
    kept_lines = segment(kept_text)  # a line's ``index`` is its place in ``kept_at``
    again = group_lines(kept_text, kept_lines, [_stands_alone(line) for line in kept_lines])
    if all(len(group) == 1 for group in again):
        return None
    into = {kept_at[kept_lines[member].index]: kept_at[kept_lines[group[0]].index] for group in again for member in group}
    merged: dict[int, list[int]] = {}
    for place, group in enumerate(groups):
        merged.setdefault(into.get(place, place), []).extend(group)
    return list(merged.values())


def _classify_groups(
    lines: list[Line], groups: list[list[int]], detected: list[str | None], config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None,
) -> PageVerdict:
    if all(len(group) == 1 and not has_borders(lines[group[0]]) for group in groups):
        return classify_page(lines, config, is_site_template, detected)
    joined = [paragraph_line(lines, group) for group in groups]
    joined_detected = [
        detected[group[0]] if line is lines[group[0]] else first_line_reason(line) for line, group in zip(joined, groups)
    ]
    sources = [tuple(lines[position] for position in group) for group in groups]
    template = None
    if is_site_template is not None:
        # A paragraph is the site's template when each of its page lines is.
        by_text = {line.text: all(is_site_template(part.text) for part in source) for line, source in zip(joined, sources)}
        template = by_text.__getitem__
    verdict = classify_page(joined, config, template, joined_detected)
    # A border alone is layout: nothing of it belongs in the text.
    reasons = [OUTSIDE if reason is None and not line.text else reason for line, reason in zip(joined, verdict.reasons)]
    return dataclasses.replace(verdict, reasons=reasons, sources=sources)


#: At most this many more rounds of cleaning the kept lines (``classify_page``).
_MAX_LANGUAGE_ROUNDS = 4


def classify_page(
    lines: list[Line],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None = None,
    detected: Sequence[str | None] | None = None,
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
    verdict = _classify_page_once(lines, config, is_site_template, detected)
    read = lines  # the lines whose sample gave verdict.language
    for _ in range(_MAX_LANGUAGE_ROUNDS):
        kept_at = [position for position, reason in enumerate(verdict.reasons) if reason is None]
        kept = [lines[position] for position in kept_at]
        if not kept or len(kept) == len(read):
            break
        sample = _language_sample(kept, config)
        if sample == _language_sample(read, config) or _code(lang.detect(sample, config.language_seed)) == _code(verdict.language):
            break
        again = _classify_page_once(segment("\n".join(line.text for line in kept)), config, is_site_template)
        reasons = list(verdict.reasons)
        for position, reason in zip(kept_at, again.reasons):
            reasons[position] = reason
        verdict = dataclasses.replace(verdict, reasons=reasons, language=again.language)
        read = kept
    return verdict


def _code(guess: lang.LanguageGuess | None) -> str | None:
    return guess.code if guess else None


def _language_sample(lines: Sequence[Line], config: CleanerConfig) -> str:
    return lang.sample_for_detection(list(lines), config.language_sample_chars)


def _classify_page_once(
    lines: list[Line],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None = None,
    detected: Sequence[str | None] | None = None,
) -> PageVerdict:
    guess, code, stopwords, densities, prose, reasons = _line_evidence(lines, config, (), detected)
    site_template = [is_site_template is not None and is_site_template(line.text) for line in lines]
    # Detector reasons stay for now: the related-list and comments steps read them.
    reasons = [SITE_TEMPLATE if template and reason is None else reason for reason, template in zip(reasons, site_template)]

    weights = [line_weight(line, reason, p, config) for line, reason, p in zip(lines, reasons, prose)]
    sections = _comment_sections(lines, reasons)
    # A comments label that no comment follows is template, not a wall the article stops at.
    weights = [-(3.0 + line.words) if weight == WALL and position not in sections else weight for position, (line, weight) in enumerate(zip(lines, weights))]
    boosted = anchor_bonus(weights, [reason == byline.REASON for reason in reasons], prose)
    span = best_span(boosted)
    in_span = _in_spans(boosted, span, config)

    paragraphs = [is_paragraph(line, p) for line, p in zip(lines, prose)]
    _mark_comment_sections(lines, reasons, span, sections)
    _mark_related_lists(lines, reasons, paragraphs)
    title_position = find_title(lines, reasons, span, paragraphs)
    title = lines[title_position].content if title_position is not None else None
    if title is not None:
        title_key = normalize(title)
        for position, line in enumerate(lines):
            if reasons[position] is None and is_copy(title_key, line):
                reasons[position] = TITLE
    _mark_menus(lines, reasons, in_span, config)
    _mark_near_duplicates(lines, reasons, in_span, config)
    if config.drop_off_language_lines and code:
        _mark_off_language(lines, reasons, in_span, code, stopwords, densities, config)
    for position, line in enumerate(lines):
        if reasons[position] is None and not in_span[position]:
            reasons[position] = _outside_reason(line, config)
    _settle(lines, reasons, prose, config)

    facts = _byline_facts(lines, reasons)
    # Corpus evidence names a removed line more surely than a one-page guess.
    reasons = [SITE_TEMPLATE if template else reason for reason, template in zip(reasons, site_template)]
    return PageVerdict(
        lines=lines,
        reasons=reasons,
        title=title,
        language=guess,
        author=facts.author,
        date=facts.date,
        reading_minutes=facts.reading_minutes,
        sitename=_find_sitename(lines, title),
    )


def classify_extracted(
    lines: list[Line],
    config: CleanerConfig,
    is_site_template: Callable[[str], bool] | None = None,
    title: str | None = None,
    code_lines: frozenset[str] = frozenset(),
    tab_variants: TabVariants = NO_TABS,
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
    guess, code, stopwords, densities, prose, reasons = _line_evidence(lines, config, program)
    reasons = [
        None if in_code or _doubtful_in_extracted(line, reason) else reason
        for line, reason, in_code in zip(lines, reasons, program)
    ]
    site_template = [is_site_template is not None and is_site_template(line.text) for line in lines]
    # Detector reasons stay for now: the related-list and comments steps read them.
    reasons = [SITE_TEMPLATE if template and reason is None else reason for reason, template in zip(reasons, site_template)]
    _mark_appended_related_lists(lines, reasons, [in_code or is_paragraph(line, p) for line, p, in_code in zip(lines, prose, program)])
    title_key = normalize(title) if title is not None else ""
    if title_key and title_words(title_key) <= _TITLE_MAX_WORDS:
        for position, line in enumerate(lines[:_TITLE_LINES_IN_EXTRACTED]):
            if reasons[position] is None and is_copy(title_key, line):
                reasons[position] = TITLE
    # Short repeats inside an article are its structure (config.extracted_repeat_min_words).
    long_enough = [line.words >= config.extracted_repeat_min_words and not in_code for line, in_code in zip(lines, program)]
    _mark_near_duplicates(lines, reasons, long_enough, config, tab_variants)
    if config.drop_off_language_lines and code:
        every_line = [True] * len(lines)
        _mark_off_language(lines, reasons, every_line, code, stopwords, densities, config, exempt=program)
    reasons = [SITE_TEMPLATE if template else reason for reason, template in zip(reasons, site_template)]
    return PageVerdict(
        lines=lines, reasons=reasons, title=title, language=guess,
        author=None, date=None, reading_minutes=None, sitename=None,
    )


def _doubtful_in_extracted(line: Line, reason: str | None) -> bool:
    return reason in _DOUBTFUL_IN_EXTRACTED or (reason == boilerplate.REASON and boilerplate.is_bare_number(line))


def _line_evidence(
    lines: Sequence[Line], config: CleanerConfig, program: Sequence[bool] = (), detected: Sequence[str | None] | None = None
):
    """The page language and, per line, stop-word density, prose or not, and the first line detector's reason.
    The language is read from lines not marked as ``program`` text, if there are any. ``detected``
    gives each line's first detector reason when the caller has it already."""
    if detected is None:
        detected = [first_line_reason(line) for line in lines]
    words = [(line, reason) for line, reason, in_code in zip(lines, detected, program) if not in_code] if any(program) else list(zip(lines, detected))
    # The page's language is its article's: menus and footers in another language
    # (an English template around a Chinese story) must not outvote it.
    candidates = [line for line, reason in words if reason is None and _is_article_candidate(line)]
    if sum(line.words for line in candidates) < _MIN_CANDIDATE_WORDS:
        candidates = [line for line, _ in words]
    sample = lang.sample_for_detection(candidates or lines, config.language_sample_chars)
    guess = lang.detect(sample, config.language_seed) if lines else None
    code = guess.code if guess else None
    stopwords = stopwords_for(code)
    densities = [stopword_density(line.tokens, stopwords) for line in lines]
    prose = [is_prose(line, bool(stopwords), density, config) for line, density in zip(lines, densities)]
    reasons = [_line_reason(line, reason, is_line_prose) for line, reason, is_line_prose in zip(lines, detected, prose)]
    return guess, code, stopwords, densities, prose, reasons


#: Words of article-candidate lines needed to decide the language from them alone.
_MIN_CANDIDATE_WORDS = 30


def _is_article_candidate(line: Line) -> bool:
    """A line shaped like article text in any language: sentences, not a label (the caller leaves out template lines)."""
    return line.words >= 6 and (line.ends_sentence or line.punctuation_count >= 2)


def _outside_reason(line: Line, config: CleanerConfig) -> str:
    """Lines outside the article that no detector named: menu items when bulleted links."""
    return navigation.REASON if line.bulleted and navigation.is_link_like(line, config.short_line_words) else OUTSIDE


def _settle(lines: Sequence[Line], reasons: list[str | None], prose: Sequence[bool], config: CleanerConfig) -> None:
    """Re-run the span and menu steps on the kept lines alone until nothing changes.

    Removing lines inside the article (a repeated paragraph, a menu) can leave
    a short line at its edge; cleaning the clean text again would drop it. A
    fixed point here is what makes cleaning idempotent.
    """
    while True:
        kept = [p for p in range(len(lines)) if reasons[p] is None]
        kept_lines = [lines[p] for p in kept]
        kept_weights = [line_weight(lines[p], None, prose[p], config) for p in kept]
        start, end = best_span(kept_weights)
        inside = _in_spans(kept_weights, (start, end), config)
        changed = False
        for offset, position in enumerate(kept):
            if not inside[offset]:
                reasons[position] = _outside_reason(lines[position], config)
                changed = True
        member = [inside[offset] and navigation.is_strict_menu_item(line) for offset, line in enumerate(kept_lines)]
        for run in navigation.runs(kept_lines, member, navigation.MIN_RUN + 2):
            for offset in run:
                reasons[kept[offset]] = navigation.REASON
                changed = True
        # The title as the clean text shows it: a heading that a line removed since the title
        # search stood between it and the article would be the title of that text.
        if not changed:
            paragraphs = [is_paragraph(line, prose[p]) for line, p in zip(kept_lines, kept)]
            title_at = find_title(kept_lines, [None] * len(kept), (start, end), paragraphs)
            if title_at is not None:
                title_key = normalize(kept_lines[title_at].content)
                for offset, line in enumerate(kept_lines):
                    if is_copy(title_key, line):
                        reasons[kept[offset]] = TITLE
                changed = True
        if not changed:
            return


#: Besides the article's span, a run of lines whose weight (prose words, less template) reaches
#: this much is article too: a story that an inset box or an advertisement splits in two,
#: the posts of a thread, a listing's descriptions.
_EXTRA_SPAN_MIN_WEIGHT = 150.0


def _in_spans(weights: Sequence[float], span: tuple[int, int], config: CleanerConfig) -> list[bool]:
    """Whether each line is in the article span or in another heavy run outside it.
    Comment walls end runs, and nothing after the first wall past the span counts."""
    inside = [span[0] <= position < span[1] for position in range(len(weights))]
    if span == (0, 0):
        return inside
    limit = next((position for position in range(span[1], len(weights)) if weights[position] == WALL), len(weights))
    for low, high in ((0, span[0]), (span[1], limit)):
        running, start = 0.0, low
        best = (0.0, low, low)
        runs: list[tuple[int, int]] = []
        for position in range(low, high + 1):
            weight = weights[position] if position < high else WALL
            if weight == WALL or running + weight <= 0:
                if best[0] >= _EXTRA_SPAN_MIN_WEIGHT:
                    runs.append((best[1], best[2]))
                running, start, best = 0.0, position + 1, (0.0, position + 1, position + 1)
                continue
            running += weight
            if running > best[0]:
                best = (running, start, position + 1)
        for first, end in runs:
            inside[first:end] = [True] * (end - first)
    return inside


def _line_reason(line: Line, reason: str | None, prose: bool) -> str | None:
    """The first detector's ``reason``, unless it is a weak one and the line prose."""
    if prose and reason in _WEAK_REASONS and not footer.is_notice(line):
        return None
    return reason


def _comment_sections(lines: Sequence[Line], reasons: Sequence[str | None]) -> frozenset[int]:
    """Positions of comments headings that comment-shaped lines follow."""
    return frozenset(
        position
        for position, reason in enumerate(reasons)
        if reason == comments.REASON and comments.starts_section(lines, reasons, position, byline.REASON)
    )


def _mark_comment_sections(
    lines: Sequence[Line], reasons: list[str | None], span: tuple[int, int], sections: frozenset[int]
) -> None:
    """Everything after a comments heading that follows the article, and that comments follow, is comments."""
    walls = [position for position in range(span[1], len(lines)) if position in sections]
    if not walls:
        return
    for position in range(walls[0] + 1, len(lines)):
        if reasons[position] in _AFTER_COMMENTS:
            return
        if reasons[position] in _COMMENT_PARTS:
            reasons[position] = comments.REASON


def _mark_related_lists(lines: Sequence[Line], reasons: list[str | None], paragraphs: Sequence[bool]) -> None:
    """The headlines, dates and teasers under a "Related Posts" heading, up to the next paragraph."""
    for heading in [p for p, line in enumerate(lines) if reasons[p] == related_list.REASON and related_list.is_heading(line)]:
        for position in range(heading + 1, min(len(lines), heading + 1 + related_list.MAX_LIST_LINES)):
            # The list ends at a paragraph or at another kind of template.
            if reasons[position] not in (None, byline.REASON, related_list.REASON):
                break
            if not (
                related_list.is_list_item(lines[position], paragraphs[position])
                or related_list.is_stamped_item(lines, reasons, position, heading, byline.REASON)
            ):
                break
            reasons[position] = related_list.REASON


def _mark_appended_related_lists(lines: Sequence[Line], reasons: list[str | None], paragraphs: Sequence[bool]) -> None:
    """Related lists, unless they would take more than _RELATED_LIST_MAX_SHARE of the words
    still kept: then they, and their headings, are the page's own."""
    before = list(reasons)
    _mark_related_lists(lines, reasons, paragraphs)
    kept_words = sum(line.words for line, reason in zip(lines, before) if reason is None)
    listed_words = sum(line.words for line, old, new in zip(lines, before, reasons) if old != new)
    if listed_words > _RELATED_LIST_MAX_SHARE * kept_words:
        reasons[:] = [
            None if reason == related_list.REASON and related_list.is_heading(line) else reason
            for line, reason in zip(lines, before)
        ]


def _mark_menus(lines: Sequence[Line], reasons: list[str | None], in_span: Sequence[bool], config: CleanerConfig) -> None:
    outside = [
        not in_span[p] and reasons[p] in (None, navigation.REASON, OUTSIDE) and navigation.is_link_like(line, config.short_line_words)
        for p, line in enumerate(lines)
    ]
    inside = [in_span[p] and reasons[p] is None and navigation.is_strict_menu_item(line) for p, line in enumerate(lines)]
    for member, min_run in ((outside, navigation.MIN_RUN), (inside, navigation.MIN_RUN + 2)):
        for run in navigation.runs(lines, member, min_run):
            for position in run:
                if reasons[position] is None:
                    reasons[position] = navigation.REASON


def _mark_near_duplicates(
    lines: Sequence[Line],
    reasons: list[str | None],
    compared: Sequence[bool],
    config: CleanerConfig,
    tab_variants: TabVariants = NO_TABS,
) -> None:
    """A ``compared`` line that repeats an earlier one goes; the first copy stays.

    Only lines still kept are compared: a copy of a template line is already
    gone, whatever it is a copy of. A line in one tab of the page repeats
    nothing in another (``tab_variants``).
    """
    kept = [p for p in range(len(lines)) if reasons[p] is None and compared[p]]
    duplicate_of = earlier_duplicates([lines[p].content for p in kept], config)
    for position, original in zip(kept, duplicate_of):
        if original is None:
            continue
        # Code repeats itself by nature (the same header in two curl calls).
        if lines[position].looks_like_code:
            continue
        if tab_variants and tab_variants.in_other_variants(lines[position].content, lines[kept[original]].content):
            continue
        reasons[position] = NEAR_DUPLICATE


def _mark_off_language(
    lines: Sequence[Line],
    reasons: list[str | None],
    in_span: Sequence[bool],
    code: str,
    stopwords: frozenset[str],
    densities: Sequence[float],
    config: CleanerConfig,
    exempt: Sequence[bool] = (),
) -> None:
    """``exempt`` lines are never judged (program text is in no human language)."""
    expected = lang.scripts_of(code)
    for position, line in enumerate(lines):
        if reasons[position] is not None or (exempt and exempt[position]):
            continue
        if not line.tokens:
            continue
        if not lang.is_mostly_in(line.content, expected):
            script = lang.dominant_script(line.content)
            # A few Latin words (a brand, "OK") sit in pages of any script.
            if script is not None and not (script == "Latin" and line.words <= 3):
                reasons[position] = OFF_LANGUAGE
                continue
        # langdetect is slow and unsure on short text: ask it only about long
        # article lines whose function words are another language's.
        if (
            in_span[position]
            and line.words >= config.line_language_min_words  # cheap, and never fewer than the different words
            and stopwords
            and densities[position] < 0.1
            and _distinct_words(line) >= config.line_language_min_words
            and reads_like_other_language(line.tokens, code, config.prose_min_stopword_density)
        ):
            guess = lang.detect(line.content, config.language_seed)
            if guess and guess.code != code and guess.probability >= config.line_language_min_probability:
                reasons[position] = OFF_LANGUAGE


def _distinct_words(line: Line) -> int:
    """Different words of two letters or more: numbers, units and a cell repeated
    across a table row ("Yes | Yes | Yes") give langdetect nothing to read."""
    return len({token.casefold() for token in line.tokens if len(token) >= 2 and token.isalpha()})


def _byline_facts(lines: Sequence[Line], reasons: Sequence[str | None]) -> byline.Byline:
    author = date = minutes = None
    for line, reason in zip(lines, reasons):
        if reason != byline.REASON:
            continue
        found = byline.parse(line.content)
        author = author or found.author
        date = date or found.date
        minutes = minutes or found.reading_minutes
    return byline.Byline(author=author, date=date, reading_minutes=minutes)


def _find_sitename(lines: Sequence[Line], title: str | None) -> str | None:
    """The page's first line when it is a short name that the page repeats (masthead, footer)."""
    if not lines:
        return None
    first = lines[0]
    if not 1 <= first.words <= 4 or first.ends_sentence or (title and normalize(title) == normalize(first.content)):
        return None
    key = normalize(first.content)
    if key and any(key in normalize(line.content) for line in lines[1:]):
        return first.content
    return None
