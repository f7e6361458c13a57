"""The repeated-paragraph step: paragraphs the run repeats across sites removed from every record,
and a record left empty or under ``min_words`` rejected, as the cleaner would have rejected it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus.repeated_paragraphs import REASON, ParagraphCounter, RepeatedParagraphConfig, RepeatedParagraphs
from ..io.sources import jsonl_rows
from ..words import word_count


@dataclass
class Stripped:
    """What removing the repeated paragraphs did to the records it wrote."""

    #: Paragraphs removed (each a removed line with the reason ``repeated_paragraph``).
    removed: int = 0
    #: Records that were kept, then rejected without their paragraphs, by reason ("empty", "too_short").
    rejected: Counter = field(default_factory=Counter)

    def add(self, other: Stripped) -> Stripped:
        self.removed += other.removed
        self.rejected.update(other.rejected)
        return self

    def count_in(self, summary) -> None:
        """Count this in a run's :class:`.write.Summary`: removed lines, and records moved from written to rejected."""
        if self.removed:
            summary.removed_lines[REASON] += self.removed
        for reason, count in sorted(self.rejected.items()):
            summary.count_rejected_later(reason, count)


def dropped_after_stripping(row: dict[str, Any], min_words: int) -> str | None:
    """Why a kept record that lost paragraphs is now dropped (the cleaner's rule: "empty", then "too_short"), or None."""
    if not row["text"].strip():
        return "empty"
    if word_count(row["text"]) < min_words:
        return "too_short"
    return None


def write_stripped(rows: Iterable[dict[str, Any]], repeated: RepeatedParagraphs, sink, reject_sink=None,
                   min_words: int = 0) -> Stripped:
    """Write each row without the repeated paragraphs; a kept row then dropped goes to ``reject_sink`` (else ``sink``)."""
    done = Stripped()
    for row in rows:
        before = len(row.get("removed") or [])
        row = repeated.strip(row)
        removed = len(row.get("removed") or []) - before
        done.removed += removed
        reason = dropped_after_stripping(row, min_words) if removed and row.get("dropped") is None else None
        if reason is None:
            sink.write(row)
            continue
        done.rejected[reason] += 1
        (reject_sink or sink).write({**row, "dropped": reason})
    return done


def write_without_repeated_paragraphs(records: Path, config: RepeatedParagraphConfig, sink, reject_sink=None,
                                      min_words: int = 0) -> Stripped:
    """Read JSONL records twice: count their paragraphs, then write each without the run's repeated ones."""
    repeated = ParagraphCounter(config).add_records(jsonl_rows(records)).repeated()
    return write_stripped(jsonl_rows(records), repeated, sink, reject_sink, min_words)
