"""Worker processes in which Dask tasks clean pages, so that the page deadline holds on a cluster.

A task runs in a thread of a daemonic Dask worker: no signal reaches it and
multiprocessing may not fork there, so pages are cleaned in a fresh interpreter
(:class:`cleanscrape.workers.WorkerPool` with ``launch="command"``). Starting one
costs about half a second, so each thread of each Dask worker keeps its own
between tasks, in this worker plugin, for as long as the run's options are the same.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from ..steps import BatchOptions, page_pool
from ..workers import WorkerPool


class PageSandboxes(WorkerPlugin):
    name = "cleanscrape-page-sandboxes"

    def setup(self, worker) -> None:
        self._lock = threading.Lock()
        #: thread id -> (digest of the options, its pool)
        self._pools: dict[int, tuple[str, WorkerPool]] = {}

    def teardown(self, worker) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for _, pool in pools:
            pool.close()

    def pool(self, options: BatchOptions) -> WorkerPool:
        digest = hashlib.sha256(pickle.dumps(options)).hexdigest()
        thread = threading.get_ident()
        with self._lock:
            kept = self._pools.get(thread)
        if kept is not None and kept[0] == digest:
            return kept[1]
        if kept is not None:
            kept[1].close()
        pool = page_pool(options, 1, "command")
        with self._lock:
            self._pools[thread] = (digest, pool)
        return pool


@contextmanager
def sandbox(options: BatchOptions) -> Iterator[WorkerPool]:
    """A pool of one worker process for this task: the thread's own on a Dask worker, else a new one."""
    if multiprocessing.current_process().daemon is False and "fork" in multiprocessing.get_all_start_methods():
        # The synchronous scheduler, or threads of this process: a fork is cheap and allowed here.
        with page_pool(options, 1, "fork") as pool:
            yield pool
        return
    try:
        plugin = get_worker().plugins.get(PageSandboxes.name)
    except ValueError:  # not on a Dask worker
        plugin = None
    if plugin is not None:
        yield plugin.pool(options)
        return
    with page_pool(options, 1, "command") as pool:
        yield pool
