"""Where the article is: the run of lines with the most prose and least template.

Each line gets a weight, positive for prose (counted in words) and negative
for template and link-like lines; the article is the span with the largest
sum (Kadane's maximum subarray, as in Body Text Extraction, Finn et al. 2001).
A comments heading is a wall the span cannot cross, since reader comments are
prose too.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import reasons as why
from .config import CleanerConfig
from .lines import Line

WALL = float("-inf")
#: A weight no article run crosses (its sum never pays back), though unlike a wall it ends no
#: search: runs on both sides of it are weighed (:mod:`cleanscrape.page_end`).
BARRIER = -1e9
#: A line this long is body text even without a closing full stop.
LONG_LINE_WORDS = 20


def is_prose(line: Line, has_stopwords: bool, stopword_density: float, config: CleanerConfig) -> bool:
    """A sentence-like line of the page's language, long enough to be body text."""
    if line.words < config.prose_min_words:
        return False
    # Headlines run long too; body text ends its sentences.
    if not line.ends_sentence and line.words < LONG_LINE_WORDS:
        return False
    if has_stopwords:
        return stopword_density >= config.prose_min_stopword_density
    # No stop list (Chinese, Japanese, Thai...): punctuation marks sentences.
    return line.punctuation_count >= 1


def is_paragraph(line: Line, prose: bool) -> bool:
    """Prose that reads as a paragraph, not a question headline: long, or closed by a full stop."""
    return prose and (line.words >= LONG_LINE_WORDS or line.content.rstrip("'\"”’») ").endswith((".", "…")))


_WALLS = why.with_role(why.WALL)


def line_weight(line: Line, reason: str | None, prose: bool, config: CleanerConfig) -> float:
    if reason in _WALLS:
        return WALL
    if reason is not None:
        return -(3.0 + line.words)
    if prose:
        return line.words
    if line.ends_sentence and line.words >= 3 and not line.bulleted:
        return line.words * 0.5  # a short sentence: "Why does it matter?"
    if line.words <= config.short_line_words:
        return -2.0 if line.bulleted else -1.0
    return -0.5 * line.words


#: Prose words needed before a comments heading for it to end the article.
WALL_MIN_PROSE = 20


#: Lines after a byline within which the article's first paragraph is expected.
BYLINE_REACH = 4
#: Extra weight for that paragraph: a byline followed by prose marks where an article starts.
BYLINE_BONUS = 30.0


def anchor_bonus(weights: list[float], bylines: Sequence[bool], prose: Sequence[bool]) -> list[float]:
    """Weights with the first prose line after each byline raised by BYLINE_BONUS."""
    boosted = list(weights)
    for position, is_byline in enumerate(bylines):
        if not is_byline:
            continue
        for following in range(position + 1, min(len(weights), position + 1 + BYLINE_REACH)):
            if prose[following] and weights[following] > 0:
                boosted[following] += BYLINE_BONUS
                break
    return boosted


def best_span(weights: Sequence[float]) -> tuple[int, int]:
    """Start and end (exclusive) of the maximum-sum run; (0, 0) when nothing is positive.

    Reader comments can outweigh a short article, so once prose has been
    seen, the first comments heading after it ends the search.
    """
    prose_before = 0.0
    for index, weight in enumerate(weights):
        if weight == WALL and prose_before >= WALL_MIN_PROSE:
            weights = weights[:index]
            break
        if weight > 0:
            prose_before += weight
    best_sum, best = 0.0, (0, 0)
    running, start = 0.0, 0
    for index, weight in enumerate(weights):
        if weight == WALL:
            running, start = 0.0, index + 1
            continue
        if running <= 0:
            running, start = weight, index
        else:
            running += weight
        if running > best_sum:
            best_sum, best = running, (start, index + 1)
    return best


#: Besides the article's span, a run of lines whose weight (prose words, less template) reaches
#: this much is article too: a story that an inset box or an advertisement splits in two,
#: the posts of a thread, a listing's descriptions.
EXTRA_SPAN_MIN_WEIGHT = 150.0


def in_spans(weights: Sequence[float], span: tuple[int, int]) -> list[bool]:
    """Whether each line is in the article span or in another heavy run outside it.
    Comment walls end runs, and nothing after the first wall or barrier past the span counts."""
    inside = [span[0] <= position < span[1] for position in range(len(weights))]
    if span == (0, 0):
        return inside
    limit = next((position for position in range(span[1], len(weights)) if weights[position] <= BARRIER), len(weights))
    for low, high in ((0, span[0]), (span[1], limit)):
        running, start = 0.0, low
        best = (0.0, low, low)
        runs: list[tuple[int, int]] = []
        for position in range(low, high + 1):
            weight = weights[position] if position < high else WALL
            if weight == WALL or running + weight <= 0:
                if best[0] >= EXTRA_SPAN_MIN_WEIGHT:
                    runs.append((best[1], best[2]))
                running, start, best = 0.0, position + 1, (0.0, position + 1, position + 1)
                continue
            running += weight
            if running > best[0]:
                best = (running, start, position + 1)
        for first, end in runs:
            inside[first:end] = [True] * (end - first)
    return inside
