"""The clean article record and the account of what was removed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .schema import conform
from .words import word_count


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line that is not in the clean text: where it stood, what it said, and why."""

    line: int  # 0-based line number in the input page
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Metadata:
    author: str | None = None
    date: str | None = None  # ISO 8601
    sitename: str | None = None
    reading_minutes: int | None = None
    #: The page's own summary (meta description), where it has one.
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """One cleaned page. ``to_dict`` gives the JSON- and Arrow-safe form."""

    id: str
    url: str | None
    title: str | None
    text: str
    language: str | None
    language_probability: float | None
    metadata: Metadata = field(default_factory=Metadata)
    removed: tuple[RemovedLine, ...] = ()
    #: Why the whole record should be dropped ("empty", "language", "too_short"), or None.
    dropped: str | None = None
    #: Which way the text was produced: "text" (page text), "trafilatura" (HTML: the
    #: extracted main content), "trafilatura_precision" (an HTML article: the main
    #: content in trafilatura's precision mode), "main_element" (an HTML listing: the
    #: page's <main> region, which trafilatura mostly left out), "resiliparse" (HTML
    #: where trafilatura kept little: resiliparse's main content) or "html_text" (HTML
    #: with no main content found: the whole page's text).
    extractor: str = "text"
    #: Why: the extraction arbiter's rule that chose an HTML page's text
    #: ("trafilatura_default", "listing_main_region", "main_content_too_short", ...;
    #: :mod:`cleanscrape.extract.arbiter`). None for page text.
    extractor_rule: str | None = None
    #: What failed on the page without failing it (e.g. "htmldate: AssertionError").
    warnings: tuple[str, ...] = ()

    @property
    def word_count(self) -> int:
        return word_count(self.text)

    def removed_by_reason(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.removed:
            counts[item.reason] = counts.get(item.reason, 0) + 1
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        """Every key of the output schema (:mod:`cleanscrape.schema`), one type per key; keys a
        batch run fills (``source``, ``dup_cluster``, WARC fields, ...) are None."""
        return conform({
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "language": self.language,
            "language_probability": None if self.language_probability is None else float(self.language_probability),
            "metadata": asdict(self.metadata),
            "removed": [asdict(item) for item in self.removed],
            "dropped": self.dropped,
            "extractor": self.extractor,
            "extractor_rule": self.extractor_rule,
            "warnings": list(self.warnings),
            "word_count": self.word_count,
        })
