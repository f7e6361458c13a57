"""Repeated paragraphs across a run on Dask: the single-machine counts and removal, one task per part.

Each part's paragraphs are counted where it lies; the driver merges the
counters (the counts add up, so the order of the parts does not matter) and
shares the repeated keys with one task per part that writes it without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dask

from ..corpus.repeated_paragraphs import ParagraphCounter, RepeatedParagraphConfig, RepeatedParagraphs
from ..io.sources import jsonl_rows
from ..steps import Stripped
from ..steps.paragraphs import write_stripped
from .cluster import compute
from .parts import PartFiles, written_parts

#: Where records wait without their repeated paragraphs until the duplicates of the run are known.
STRIPPED = "_stripped"


def count_part(part: str, config: RepeatedParagraphConfig) -> ParagraphCounter:
    return ParagraphCounter(config).add_records(jsonl_rows(Path(part)))


def strip_part(part: str, repeated: RepeatedParagraphs, into: str, reject_into: str | None, min_words: int) -> Stripped:
    with written_parts(into, reject_into) as (sink, reject_sink):
        return write_stripped(jsonl_rows(Path(part)), repeated, sink, reject_sink, min_words)


def without_repeated_paragraphs(
    parts: PartFiles, count: int, config: RepeatedParagraphConfig, out: PartFiles, more_to_come: bool, scheduler: Any,
    *, reject_parts: list[str] | None = None, min_words: int = 0,
) -> tuple[PartFiles | None, Stripped]:
    """Write the ``count`` parts without the run's repeated paragraphs: into ``out``, or with ``more_to_come``
    (dedup follows) into a scratch folder, which is returned with what was stripped. A record left empty
    or under ``min_words`` goes to its ``reject_parts`` part (else stays in its part, marked dropped).
    ``parts`` is removed."""
    counters = compute(*(dask.delayed(count_part, pure=True)(parts.part(n), config) for n in range(count)), scheduler=scheduler)
    merged = ParagraphCounter(config)
    for counter in counters:
        merged.update(counter)
    shared = dask.delayed(merged.repeated(), traverse=False)
    into = PartFiles(out.folder / STRIPPED, ".jsonl").create() if more_to_come else out
    done = compute(*(
        dask.delayed(strip_part, pure=True)(parts.part(n), shared, into.part(n), reject_parts[n] if reject_parts else None, min_words)
        for n in range(count)
    ), scheduler=scheduler)
    parts.remove()
    stripped = Stripped()
    for part in done:
        stripped.add(part)
    return (into if more_to_come else None), stripped
