"""Where the work runs: an existing Dask scheduler, or a local cluster started for one run."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import dask
from distributed import Client, LocalCluster

from ..io.shards import DEFAULT_SHARD_BYTES, Shard, newlines, plan_shards

#: Times a task that raised is run again (a transient read error on shared storage);
#: a task whose worker died is rescheduled by Dask itself (``distributed.scheduler.allowed-failures``).
RETRIES = 2


@contextmanager
def connect(scheduler: str | None = None, workers: int = 2) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler`` (``tcp://host:8786``), or of a local cluster of ``workers`` processes.

    Cleaning holds Python's global lock, so local workers are processes of one thread each.
    """
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    with local, Client(local) as client:
        yield client


def compute(*collections: Any, scheduler: Any = None) -> tuple:
    """``dask.compute`` with the run's retries; ``scheduler`` is a Client, "synchronous", or None for the default."""
    return dask.compute(*collections, scheduler=scheduler, retries=RETRIES)


def plan(inputs: Sequence[str], shard_bytes: int = DEFAULT_SHARD_BYTES, scheduler: Any = None) -> list[Shard]:
    """The inputs' shards, with the newlines of JSONL byte ranges counted on the cluster."""

    def count_newlines(ranges):
        return list(compute(*(dask.delayed(newlines, pure=True)(byte_range) for byte_range in ranges), scheduler=scheduler))

    return plan_shards(inputs, shard_bytes, count_newlines)
