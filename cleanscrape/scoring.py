"""Scores of extracted text against gold text, as the public benchmarks compute them.

* ScrapingHub article-extraction-benchmark: ``\\w+`` tokens, 4-token
  shingles with counts, precision and recall per page normalised by the
  page's total, each averaged over pages; F1 of the two averages.
* WCXB: word-level F1 of the extracted text against ``main_content``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

_TOKEN = regex.compile(r"\w+")


def harmonic_f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class Match:
    """Shares of true positives, false positives and false negatives for one page (sum 1)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        if self.fp == self.fn == 0:
            return 1.0
        return None if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        if self.fp == self.fn == 0:
            return 1.0
        return None if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)


    @property
    def f1(self) -> float:
        """This page's own F1 (the benchmark averages precision and recall instead)."""
        return harmonic_f1(self.precision or 0.0, self.recall or 0.0)

@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    pages: int


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[start:start + size]) for start in range(max(1, len(tokens) - size + 1)) if tokens[start:start + size])


def shingle_match(gold: str, extracted: str, size: int = 4) -> Match:
    true, predicted = shingles(gold, size), shingles(extracted, size)
    tp = fp = fn = 0
    for key in true.keys() | predicted.keys():
        t, p = true.get(key, 0), predicted.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    # Normalised so that long pages weigh no more than short ones.
    return Match(tp / total, fp / total, fn / total) if total else Match(0.0, 0.0, 0.0)


def macro_score(matches: Iterable[Match]) -> Score:
    """Precision and recall averaged over pages (a page without extraction has no precision)."""
    matches = list(matches)
    if not matches:
        raise ValueError("no pages to score")
    precisions = [m.precision for m in matches if m.tp + m.fp > 0 and m.precision is not None]
    recalls = [m.recall for m in matches if m.tp + m.fn > 0 and m.recall is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return Score(precision, recall, harmonic_f1(precision, recall), len(matches))


def word_prf(gold: str, extracted: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 (lower-cased ``\\w+`` tokens, with counts), as WCXB scores."""
    true = Counter(token.lower() for token in _TOKEN.findall(gold or ""))
    predicted = Counter(token.lower() for token in _TOKEN.findall(extracted or ""))
    if not true:
        return (1.0, 1.0, 1.0) if not predicted else (0.0, 0.0, 0.0)
    if not predicted:
        return 0.0, 0.0, 0.0
    overlap = sum((true & predicted).values())
    precision = overlap / sum(predicted.values())
    recall = overlap / sum(true.values())
    return precision, recall, harmonic_f1(precision, recall)


def snippet_share(text: str, snippets: Iterable[str]) -> float:
    """Share of ``snippets`` found in ``text`` (case-insensitive); 1.0 when there are none."""
    snippets = list(snippets)
    if not snippets:
        return 1.0
    lowered = (text or "").lower()
    return sum(1 for snippet in snippets if snippet.lower() in lowered) / len(snippets)
