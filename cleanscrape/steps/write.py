"""The write step: each outcome filed where it belongs (output, rejects, error report), and counted there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..io.sinks import RowNotWritable
from .clean import Outcome
from .dedup import DedupIds


@dataclass
class Summary:
    read: int = 0
    written: int = 0
    resumed: int = 0
    errors: int = 0
    rejected: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    #: Lines removed from the pages written or rejected, by reason.
    removed_lines: Counter = field(default_factory=Counter)
    #: Near-duplicates found (with --dedup), wherever they were written.
    duplicates: int = 0

    def add(self, other: Summary) -> None:
        """Count another part of the run (a shard cleaned elsewhere) in this one."""
        self.read += other.read
        self.written += other.written
        self.resumed += other.resumed
        self.errors += other.errors
        self.rejected.update(other.rejected)
        self.skipped.update(other.skipped)
        self.removed_lines.update(other.removed_lines)
        self.duplicates += other.duplicates

    def count_duplicates(self, moved: int) -> None:
        """Records first written (or resumed), then found to be duplicates and moved to the rejects."""
        self.count_rejected_later("duplicate", moved)

    def count_rejected_later(self, reason: str, moved: int) -> None:
        """Records first written (or resumed), then rejected by a corpus pass as ``reason``."""
        from_written = min(moved, self.written)
        self.written -= from_written
        self.resumed -= moved - from_written
        if moved:
            self.rejected[reason] += moved

    def adds_up(self) -> bool:
        return self.read == self.written + self.resumed + self.errors + sum(self.rejected.values()) + sum(self.skipped.values())

    def line(self) -> str:
        def detail(counts: Counter) -> str:
            return f" ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))})" if counts else ""

        parts = [f"read {self.read}", f"written {self.written}"]
        if self.resumed:
            parts.append(f"resumed {self.resumed}")
        parts.append(f"rejected {sum(self.rejected.values())}{detail(self.rejected)}")
        if self.skipped:
            parts.append(f"skipped {sum(self.skipped.values())}{detail(self.skipped)}")
        parts.append(f"errors {self.errors}")
        line = "cleanscrape: " + ", ".join(parts)
        if self.duplicates:
            line += f"; duplicates {self.duplicates}"
        if self.removed_lines:
            line += f"\ncleanscrape: removed lines {sum(self.removed_lines.values())}{detail(self.removed_lines)}"
        return line


def file_outcome(
    outcome: Outcome, summary: Summary, sink, reject_sink, report_error: Callable[[str], None], ids: DedupIds | None = None,
) -> None:
    """Put one item's outcome where it belongs (output, rejects or error report) and count it there.

    A row that cannot be written (values nested too deeply), or with ``ids``
    a kept row whose id is empty or taken, is an error for that record alone.
    """
    summary.read += 1
    error = outcome.error
    if error is None and outcome.skipped is None:
        kept = outcome.row["dropped"] is None
        target = sink if kept else (reject_sink or sink)
        error = ids.problem(outcome.row) if kept and ids is not None else None
        if error is None:
            try:
                target.write(outcome.row)
            except RowNotWritable as unwritable:
                error = str(unwritable)
        if error is None:
            summary.removed_lines.update(dict(outcome.removed))
            if kept:
                summary.written += 1
            else:
                summary.rejected[outcome.row["dropped"]] += 1
            return
    if error is not None:
        summary.errors += 1
        report_error(f"{outcome.key}: {error}")
    else:
        summary.skipped[outcome.skipped] += 1
