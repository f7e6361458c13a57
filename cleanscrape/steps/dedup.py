"""The dedup step: near-duplicate records found over the whole run, then each record written marked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus.dedup import DedupConfig, DuplicateClusters, find_duplicates
from ..io.sinks import made_safe
from ..io.sources import jsonl_rows


@dataclass
class DedupIds:
    """The ids of the records kept so far: --dedup needs each kept record to have its own."""

    seen: set[str] = field(default_factory=set)

    def problem(self, row: dict[str, Any]) -> str | None:
        """Why a kept row cannot be deduplicated (no id, or one already kept), or None; its id is then taken."""
        value = row.get("id")
        if value is None or value == "":
            return "DedupIdError: the record has an empty id; --dedup needs an id for every record (--id-field)"
        key = made_safe(str(value))  # as it is written
        if key in self.seen:
            return f"DedupIdError: id {key!r} is already taken by an earlier record; --dedup needs distinct ids (--id-field)"
        self.seen.add(key)
        return None


@dataclass(frozen=True, slots=True)
class MarkedDuplicates:
    clusters: DuplicateClusters
    #: Duplicates written to the rejects sink rather than the output.
    moved: int


def write_marked_duplicates(records: Path, config: DedupConfig, jobs: int, sink, reject_sink=None) -> MarkedDuplicates:
    """Read JSONL records twice: find near-duplicate clusters, then write every record marked.

    Each record gets ``dup_cluster`` and ``is_duplicate``; with a rejects
    sink, duplicates go there with ``dropped: "duplicate"``.
    """
    clusters = find_duplicates(jsonl_rows(records), config, jobs=jobs)
    return MarkedDuplicates(clusters, write_marked(jsonl_rows(records), clusters, sink, reject_sink))


def write_marked(rows: Iterable[dict[str, Any]], clusters: DuplicateClusters, sink, reject_sink=None) -> int:
    """Write each row with its cluster; with a rejects sink, duplicates go there. Returns how many went there."""
    moved = 0
    for row in rows:
        row = clusters.annotate(row)
        if row["is_duplicate"] and reject_sink is not None:
            reject_sink.write({**row, "dropped": "duplicate"})
            moved += 1
        else:
            sink.write(row)
    return moved
