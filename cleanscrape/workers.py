"""Worker processes that map a function over items in order, and survive their own deaths.

``multiprocessing.Pool.imap`` waits forever for a chunk whose worker was
killed (the kernel's out-of-memory killer, a crash in C code), and cannot stop
a page stuck in C code. Here each worker holds one item at a time, so the
parent always knows which item a worker has: when a worker dies, or passes the
hard deadline and is killed, only that item is lost (``on_lost`` turns it into
a result) and a new worker takes its place.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

#: Items read ahead of the oldest unfinished one, per worker: bounds memory when one item is slow.
LOOKAHEAD = 8


def _serve(work: Callable[[Any], Any], tasks: Connection) -> None:
    # Ctrl-C reaches every process of the terminal's group; the parent alone ends the run.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            item = tasks.recv()
        except EOFError:
            return
        tasks.send(work(item))


@dataclass(eq=False)
class _Worker:
    process: Any
    connection: Connection
    #: (sequence number, item, time it was sent), or None when idle.
    job: tuple[int, Any, float] | None = None


@dataclass
class WorkerPool:
    """``imap`` over worker processes: results in input order, one lost item per dead worker."""

    work: Callable[[Any], Any]
    processes: int
    #: Turns an item whose worker died or was killed into its result: ``on_lost(item, why)``.
    on_lost: Callable[[Any, str], Any]
    #: Seconds one item may hold a worker before the worker is killed; None: no limit.
    hard_deadline: float | None = None
    start_method: str = "fork"
    _context: Any = field(init=False, repr=False)
    _workers: list[_Worker] = field(init=False, default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.processes < 1:
            raise ValueError(f"processes must be at least 1, got {self.processes}")
        self._context = multiprocessing.get_context(self.start_method)

    def imap(self, items: Iterable[Any]) -> Iterator[Any]:
        source = iter(items)
        exhausted = False
        next_sent = 0  # sequence number of the next item read
        next_out = 0  # sequence number of the next result to yield
        done: dict[int, Any] = {}
        self._workers = [self._start() for _ in range(self.processes)]
        try:
            while True:
                for worker in self._workers:
                    if worker.job is None and not exhausted and next_sent - next_out < LOOKAHEAD * self.processes:
                        try:
                            item = next(source)
                        except StopIteration:
                            exhausted = True
                            break
                        worker.job = (next_sent, item, time.monotonic())
                        worker.connection.send(item)
                        next_sent += 1
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                if exhausted and next_out == next_sent:
                    return
                self._collect(done)
        finally:
            self._stop_all()

    def _collect(self, done: dict[int, Any]) -> None:
        """Wait for a result, a death, or the next deadline; place each result by its sequence number."""
        busy = [w for w in self._workers if w.job is not None]
        watched = {w.connection: w for w in busy} | {w.process.sentinel: w for w in busy}
        for ready in wait(list(watched), timeout=self._wait_seconds(busy)):
            worker = watched[ready]
            if worker.job is None:
                continue  # both its connection and its sentinel were ready
            sequence, item, _ = worker.job
            if ready is worker.connection:
                try:
                    done[sequence] = worker.connection.recv()
                    worker.job = None
                    continue
                except (EOFError, OSError):
                    pass  # it died while answering
            worker.process.join(1)
            done[sequence] = self.on_lost(item, f"worker process died ({_exit_reason(worker.process.exitcode)})")
            self._replace(worker)
        if self.hard_deadline is not None:
            now = time.monotonic()
            for worker in self._workers:
                if worker.job is not None and now - worker.job[2] > self.hard_deadline:
                    sequence, item, _ = worker.job
                    worker.process.kill()
                    worker.process.join(5)
                    done[sequence] = self.on_lost(item, f"killed after {self.hard_deadline:g} s (the page deadline)")
                    self._replace(worker)

    def _wait_seconds(self, busy: list[_Worker]) -> float | None:
        if self.hard_deadline is None or not busy:
            return None
        oldest = min(w.job[2] for w in busy)
        return max(0.0, oldest + self.hard_deadline - time.monotonic()) + 0.01

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(self.work, child_end), daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _replace(self, worker: _Worker) -> None:
        worker.job = None  # its item is accounted for; a late sign of its death is ignored
        worker.connection.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        self._workers[self._workers.index(worker)] = self._start()

    def _stop_all(self) -> None:
        for worker in self._workers:
            worker.connection.close()  # an idle worker sees EOF and returns
        for worker in self._workers:
            worker.process.join(1 if worker.job is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(5)
        self._workers = []


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"
