"""Paragraphs that many documents of a run repeat across sites: legal notices, cookie texts, syndication lines.

One page cannot tell such a paragraph from its own text; the run can. Two
passes over the cleaned records:

1. :class:`ParagraphCounter` counts, for each paragraph (a line of the
   record's text, case and punctuation folded), the documents that hold it
   (once per document) and the sites they come from (:func:`record_site`). Counters of
   parts of the run merge (:meth:`ParagraphCounter.update`), so the counts do
   not depend on the order of the records or how they were split.
2. :class:`RepeatedParagraphs` removes from each record every paragraph on
   at least ``min_documents`` documents of at least ``min_sites`` sites. Each
   removed paragraph is listed in the record's ``removed`` with the reason
   ``repeated_paragraph`` and ``line`` set to its line number in the record's
   cleaned text (the page's own line numbers are not in the record).

Paragraphs of fewer than ``min_words`` words are left alone: short lines such
as "Introduction" or "Yes." repeat between unrelated documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..reasons import REPEATED_PARAGRAPH
from ..schema import input_fields
from ..urls import url_host
from ..words import word_count
from .records import record_field, record_row, record_text
from .signatures import normalized_text

REASON = REPEATED_PARAGRAPH


@dataclass(frozen=True)
class RepeatedParagraphConfig:
    """When a paragraph counts as repeated across the run. Every field has a documented default."""

    #: A paragraph on at least this many documents of the run ...
    min_documents: int = 5
    #: ... of at least this many different sites is removed from every one.
    min_sites: int = 2
    #: Paragraphs with fewer words are never counted nor removed.
    min_words: int = 5

    def __post_init__(self) -> None:
        if self.min_documents < 2 or self.min_sites < 1 or self.min_words < 1:
            raise ValueError("min_documents must be at least 2, and min_sites and min_words at least 1")


def paragraph_key(line: str, min_words: int) -> bytes | None:
    """The folded paragraph's digest, or None for a paragraph of fewer than ``min_words`` words."""
    folded = normalized_text(line)
    if folded.count(b" ") + 1 < min_words or not folded:
        return None
    return hashlib.blake2b(folded, digest_size=12).digest()


def record_site(record: object) -> str | None:
    """The record's URL host, else its ``site`` field (also inside ``metadata``, where cleaning puts the input's
    other fields). Not its ``source``: a cleaned record's source names the page's place, one per page. Records
    without a site all count as one site, so what only they repeat never reaches two."""
    host = url_host(record_field(record, "url"))
    if host:
        return host
    metadata = record_field(record, "metadata")
    site = record_field(record, "site")
    if not site and isinstance(metadata, dict):
        # A cleaned record keeps the input's fields in metadata.input (schema.input_fields).
        site = metadata.get("site") or input_fields({"metadata": metadata}).get("site")
    return str(site) if site else None


def _site_digest(site: str | None) -> bytes:
    return hashlib.blake2b((site or "").encode("utf-8"), digest_size=8).digest()


class ParagraphCounter:
    """Documents and sites per paragraph key; merges with counters of other parts of the run."""

    def __init__(self, config: RepeatedParagraphConfig | None = None) -> None:
        self.config = config or RepeatedParagraphConfig()
        #: key -> [documents, the smallest ``min_sites`` site digests seen]; the smallest, so that merging in any order keeps the same ones.
        self.counts: dict[bytes, list] = {}
        self.documents = 0

    def add(self, text: str, site: str | None) -> None:
        self.documents += 1
        digest = _site_digest(site)
        keys = {paragraph_key(line, self.config.min_words) for line in text.split("\n")}
        keys.discard(None)
        for key in keys:
            entry = self.counts.get(key)
            if entry is None:
                self.counts[key] = [1, (digest,)]
            else:
                entry[0] += 1
                entry[1] = self._fewest(entry[1], (digest,))

    def add_records(self, records: Iterable[object]) -> ParagraphCounter:
        for record in records:
            # Only kept records count: rejects share the scratch file only when there is no --rejects.
            if record_field(record, "dropped") is None:
                self.add(record_text(record), record_site(record))
        return self

    def update(self, other: ParagraphCounter) -> ParagraphCounter:
        """Add another part's counts to these."""
        if other.config != self.config:
            raise ValueError("counters of different configurations cannot be merged")
        self.documents += other.documents
        for key, (documents, sites) in other.counts.items():
            entry = self.counts.get(key)
            if entry is None:
                self.counts[key] = [documents, sites]
            else:
                entry[0] += documents
                entry[1] = self._fewest(entry[1], sites)
        return self

    def _fewest(self, first: tuple[bytes, ...], second: tuple[bytes, ...]) -> tuple[bytes, ...]:
        if len(first) >= self.config.min_sites and second[0] >= first[-1]:
            return first  # the common case: nothing smaller to keep
        return tuple(sorted(set(first) | set(second))[: self.config.min_sites])

    def repeated(self) -> RepeatedParagraphs:
        config = self.config
        keys = frozenset(
            key for key, (documents, sites) in self.counts.items()
            if documents >= config.min_documents and len(sites) >= config.min_sites
        )
        return RepeatedParagraphs(keys, config)


@dataclass(frozen=True)
class RepeatedParagraphs:
    """The paragraph keys a run repeats, and their removal from records."""

    keys: frozenset[bytes]
    config: RepeatedParagraphConfig

    def __len__(self) -> int:
        return len(self.keys)

    def strip(self, record: object) -> dict[str, Any]:
        """The record as a new dict without its repeated paragraphs, each listed in ``removed``; ``word_count`` follows."""
        row = record_row(record)
        text = record_text(record)
        if not self.keys or not text:
            return row
        kept, removed = [], []
        for number, line in enumerate(text.split("\n")):
            if paragraph_key(line, self.config.min_words) in self.keys:
                removed.append({"line": number, "text": line, "reason": REASON})
            else:
                kept.append(line)
        if removed:
            row["text"] = "\n".join(kept)
            row["removed"] = [*(row.get("removed") or []), *removed]
            if "word_count" in row:
                row["word_count"] = word_count(row["text"])
        return row


def count_paragraphs(records: Iterable[object], config: RepeatedParagraphConfig | None = None) -> RepeatedParagraphs:
    """The first pass: which paragraphs the records repeat."""
    return ParagraphCounter(config).add_records(records).repeated()


def strip_repeated(records: Iterable[object], repeated: RepeatedParagraphs) -> Iterator[dict[str, Any]]:
    """The second pass: each record without the repeated paragraphs."""
    for record in records:
        yield repeated.strip(record)


def remove_repeated_paragraphs(records: Iterable[object], config: RepeatedParagraphConfig | None = None) -> list[dict[str, Any]]:
    """Both passes in one call; holds all records in memory (use the two steps for streams)."""
    records = list(records)
    return list(strip_repeated(records, count_paragraphs(records, config)))
