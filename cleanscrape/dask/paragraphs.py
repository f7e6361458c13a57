"""Repeated paragraphs across a run on Dask: the single-machine counts and removal, one task per part.

Each part's paragraphs are counted where it lies; the driver merges the
counters (the counts add up, so the order of the parts does not matter) and
shares the repeated keys with one task per part that writes it without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dask

from ..corpus.repeated_paragraphs import ParagraphCounter, RepeatedParagraphConfig, RepeatedParagraphs, strip_repeated
from ..io.sources import jsonl_rows
from .cluster import compute
from .parts import PartFiles, written_parts

#: Where records wait without their repeated paragraphs until the duplicates of the run are known.
STRIPPED = "_stripped"


def count_part(part: str, config: RepeatedParagraphConfig) -> ParagraphCounter:
    return ParagraphCounter(config).add_records(jsonl_rows(Path(part)))


def strip_part(part: str, repeated: RepeatedParagraphs, into: str) -> int:
    with written_parts(into, None) as (sink, _):
        for row in strip_repeated(jsonl_rows(Path(part)), repeated):
            sink.write(row)
    return 0


def without_repeated_paragraphs(
    parts: PartFiles, count: int, config: RepeatedParagraphConfig, out: PartFiles, more_to_come: bool, scheduler: Any
) -> PartFiles | None:
    """Write the ``count`` parts without the run's repeated paragraphs: into ``out``, or with ``more_to_come``
    (dedup follows) into a scratch folder, which is returned. ``parts`` is removed."""
    counters = compute(*(dask.delayed(count_part, pure=True)(parts.part(n), config) for n in range(count)), scheduler=scheduler)
    merged = ParagraphCounter(config)
    for counter in counters:
        merged.update(counter)
    shared = dask.delayed(merged.repeated(), traverse=False)
    into = PartFiles(out.folder / STRIPPED, ".jsonl").create() if more_to_come else out
    compute(*(dask.delayed(strip_part, pure=True)(parts.part(n), shared, into.part(n)) for n in range(count)), scheduler=scheduler)
    parts.remove()
    return into if more_to_come else None
