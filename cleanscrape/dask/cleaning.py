"""Cleaning on a Dask cluster: one task per shard, each writing its own part of the output.

A task reads its shard, cleans every item with the single-machine step
(:func:`cleanscrape.steps.cleaning_step`, in a worker process of its own under the page deadline) and files each outcome
with :func:`cleanscrape.steps.file_outcome`, into part ``k`` of the output
and of the rejects. It returns its counts and error messages; the driver
adds them up and reports the errors in input order. With dedup, parts are
written unmarked to a scratch folder first, then marked by a second task
per part once the duplicates of the whole run are known.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dask
from distributed import Client, default_client

from ..steps import BatchOptions, Summary, file_outcome, write_marked
from ..corpus.dedup import DuplicateClusters
from ..io.shards import DEFAULT_SHARD_BYTES, Shard
from ..io.sources import jsonl_rows
from .cluster import compute, plan
from .dedup import find_duplicates
from .parts import PartFiles, written_parts
from .sandboxes import PageSandboxes, sandbox
from .paragraphs import without_repeated_paragraphs

#: Where kept records wait, unmarked, until the duplicates of the run are known.
UNMARKED = "_unmarked"


@dataclass
class ShardReport:
    summary: Summary = field(default_factory=Summary)
    errors: list[str] = field(default_factory=list)


def clean_shard(shard: Shard, options: BatchOptions, part: str, reject_part: str | None) -> ShardReport:
    """Clean one shard into its output part (and rejects part); written completely or not at all."""
    report = ShardReport()
    with sandbox(options) as pool, written_parts(part, reject_part) as (sink, reject_sink):
        for outcome in pool.imap(shard.read(options.fields)):
            file_outcome(outcome, report.summary, sink, reject_sink, report.errors.append)
    return report


@contextmanager
def _page_sandboxes(scheduler: Any) -> Iterator[None]:
    """Each Dask worker keeps its cleaning processes between tasks for this run, and ends them after it."""
    client = scheduler if isinstance(scheduler, Client) else _default_client() if scheduler is None else None
    if client is None:
        yield
        return
    client.register_plugin(PageSandboxes())
    try:
        yield
    finally:
        client.unregister_worker_plugin(PageSandboxes.name)


def _default_client() -> Client | None:
    try:
        return default_client()
    except ValueError:
        return None


def mark_part(unmarked: str, clusters: DuplicateClusters, part: str, duplicate_part: str | None) -> int:
    """Write one part's records marked with their clusters; returns the duplicates moved to ``duplicate_part``."""
    with written_parts(part, duplicate_part) as (sink, reject_sink):
        return write_marked(jsonl_rows(Path(unmarked)), clusters, sink, reject_sink)


def clean(
    inputs: Sequence[str],
    output: str,
    rejects: str | None = None,
    options: BatchOptions | None = None,
    *,
    scheduler: Any = None,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    report_error: Callable[[str], None] = lambda message: None,
) -> Summary:
    """Clean ``inputs`` on Dask into the folder ``output`` (and ``rejects``) of part files.

    The parts, joined in name order, hold the same records, byte for byte
    for JSONL, as :func:`cleanscrape.batch.run_batch` writes to one file.
    ``scheduler`` is a ``distributed.Client``, ``"synchronous"``, or None for
    Dask's default (the active client). ``options.jobs`` is not used here:
    the cluster decides how many tasks run at once.
    """
    options = options or BatchOptions()
    if options.resume:
        raise ValueError("--resume works on one machine only; on a cluster, rerun into a new folder")
    out, rejected = PartFiles.named_like(output), PartFiles.named_like(rejects) if rejects else None
    for folder in (out, rejected):
        if folder is not None:
            folder.check_new()
    shards = plan(inputs, shard_bytes, scheduler)
    for folder in (out, rejected):
        if folder is not None:
            folder.create()
    unmarked = PartFiles(out.folder / UNMARKED, ".jsonl").create() if options.corpus_pass else None
    cleaned_into = unmarked or out
    run = uuid.uuid4().hex[:8]
    # One graph node for the options (a site profile can be large), not a copy per task.
    shared_options = dask.delayed(options, traverse=False)
    tasks = [
        dask.delayed(clean_shard, pure=True)(
            shard, shared_options, cleaned_into.part(number), rejected.part(number) if rejected else None,
            dask_key_name=f"cleanscrape-clean-{number:05d}-{run}",
        )
        for number, shard in enumerate(shards)
    ]
    summary = Summary()
    with _page_sandboxes(scheduler):
        reports = compute(*tasks, scheduler=scheduler)
    for report in reports:
        summary.add(report.summary)
        for message in report.errors:
            report_error(message)
    # The rejects parts: the cleaning's, then those of records left too short without their
    # repeated paragraphs, then the duplicates, as in the single-machine rejects file.
    later_rejects = len(shards)
    if options.dedup_paragraphs is not None:
        reject_parts = [rejected.part(later_rejects + number) for number in range(len(shards))] if rejected else None
        later_rejects += len(shards)
        unmarked, stripped = without_repeated_paragraphs(
            unmarked, len(shards), options.dedup_paragraphs, out, options.dedup is not None, scheduler,
            reject_parts=reject_parts, min_words=options.config.min_words,
        )
        stripped.count_in(summary)
    if unmarked is not None:
        clusters = find_duplicates([str(part) for part in unmarked.parts()], options.dedup, scheduler=scheduler)
        shared_clusters = dask.delayed(clusters, traverse=False)
        marking = [
            dask.delayed(mark_part, pure=True)(
                unmarked.part(number), shared_clusters, out.part(number),
                rejected.part(later_rejects + number) if rejected else None,
                dask_key_name=f"cleanscrape-mark-{number:05d}-{run}",
            )
            for number in range(len(shards))
        ]
        moved = sum(compute(*marking, scheduler=scheduler))
        unmarked.remove()
        summary.count_duplicates(moved)
        summary.duplicates += clusters.summary()["duplicates"]
    for folder in (out, rejected):
        if folder is not None:
            folder.remove_partials()
    return summary
