"""Worker processes that map a function over items in order, and survive their own deaths.

``multiprocessing.Pool.imap`` waits forever for a chunk whose worker was
killed (the kernel's out-of-memory killer, a crash in C code), and no signal
can stop a page stuck in C code or reach a thread. Here each worker process
holds one item at a time, so the parent always knows which item a worker has:
when a worker dies, or passes the hard deadline and is killed, only that item
is lost (``on_lost`` turns it into a result) and a new worker takes its place.

Workers are forked where the platform allows it (they share what the parent
loaded), or started as a fresh interpreter (``launch="command"``), which works
from any thread and inside daemonic processes such as Dask's workers.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

#: Items read ahead of the oldest unfinished one, per worker: bounds memory when one item is slow.
LOOKAHEAD = 8
#: Seconds a new worker may take to load what its work needs and say it is ready.
START_SECONDS = 120.0
_READY = "ready"
#: Deaths while starting that one slot may have in a row before the run gives up.
START_ATTEMPTS = 3
#: How often an idle worker checks that its parent is still there.
ORPHAN_CHECK_SECONDS = 1.0


class _Stop:
    """Sent to an idle worker to end it (EOF alone does not come: forked siblings hold the pipe too)."""


def _serve(work: Callable[[Any], Any], tasks: Connection, results: Connection, inherited: tuple[Connection, ...] = ()) -> None:
    # Ctrl-C reaches every process of the terminal's group; the parent alone ends the run.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A fork holds its siblings' pipe ends too: closed, so that a sibling's death is seen as one
    # (a send to a dead sibling fails instead of filling a pipe that nobody reads).
    for connection in inherited:
        connection.close()
    parent = os.getppid()
    try:
        while True:
            # Between items an orphan ends itself, whatever holds its pipe open.
            while not tasks.poll(ORPHAN_CHECK_SECONDS):
                if os.getppid() != parent:
                    return
            item = tasks.recv()
            if isinstance(item, _Stop):
                return
            results.send(work(item))
    except (EOFError, OSError):
        return  # the parent is gone


def _serve_forked(
    work: Callable[[Any], Any], warm_up: Callable[[], Any] | None, connection: Connection, inherited: tuple[Connection, ...]
) -> None:
    # Only here: the kernel's signal follows the parent *thread*, and a forked worker's parent
    # thread lives as long as its pool (a Dask thread that started a command worker may not).
    _die_with_parent(os.getppid())
    _say_ready(warm_up, connection)
    _serve(work, connection, connection, inherited)


def _say_ready(warm_up: Callable[[], Any] | None, results: Connection) -> None:
    # Loading comes before "ready", so that a new worker's first page is not charged for it
    # against the page deadline.
    if warm_up is not None:
        warm_up()
    results.send(_READY)


class _ForkedWorker:
    def __init__(
        self, context: Any, work: Callable[[Any], Any], warm_up: Callable[[], Any] | None, siblings: tuple[Connection, ...] = ()
    ) -> None:
        self.connection, child_end = context.Pipe()
        self.process = context.Process(
            target=_serve_forked, args=(work, warm_up, child_end, (self.connection, *siblings)), daemon=True
        )
        self.process.start()
        child_end.close()

    def handles(self) -> list[Any]:
        return [self.connection, self.process.sentinel]

    def send(self, item: Any) -> None:
        self.connection.send(item)

    def exit_code(self) -> int | None:
        self.process.join(1)
        return self.process.exitcode

    def stop(self, now: bool) -> None:
        if not now:
            _send_stop(self.connection)
        self.connection.close()
        self.process.join(0 if now else 1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)


class _CommandWorker:
    """A fresh interpreter running this module, spoken to over its stdin and stdout."""

    def __init__(self, work: Callable[[Any], Any], warm_up: Callable[[], Any] | None) -> None:
        # It imports what this process can import (as multiprocessing's spawn does).
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cleanscrape.workers"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self.tasks = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.connection = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        try:
            self.tasks.send_bytes(pickle.dumps((work, warm_up)))
        except OSError:
            pass  # it died at once: its end of the pipe says so when it is waited on

    def handles(self) -> list[Any]:
        return [self.connection]

    def send(self, item: Any) -> None:
        self.tasks.send(item)

    def exit_code(self) -> int | None:
        try:
            return self.process.wait(1)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, now: bool) -> None:
        if not now:
            _send_stop(self.tasks)
        self.tasks.close()
        self.connection.close()
        try:
            self.process.wait(0.01 if now else 1)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


@dataclass(eq=False)
class _Slot:
    worker: _ForkedWorker | _CommandWorker
    #: (sequence number, item, time it was sent), or None when idle.
    job: tuple[int, Any, float] | None = None
    #: When the worker was started, until it says it is ready (None: ready). It is waited
    #: for like a result, so a replacement's loading never holds up the other workers.
    starting: float | None = field(default_factory=time.monotonic)
    #: Deaths while starting, one after another: a worker that cannot start ends the run.
    failed_starts: int = 0


@dataclass
class WorkerPool:
    """``imap`` over worker processes: results in input order, one lost item per dead worker."""

    work: Callable[[Any], Any]
    processes: int
    #: Turns an item whose worker died or was killed into its result: ``on_lost(item, why)``.
    on_lost: Callable[[Any, str], Any]
    #: Seconds one item may hold a worker before the worker is killed; None: no limit.
    hard_deadline: float | None = None
    #: "fork" (shares the parent's loaded modules), "spawn", or "command" (works from any thread or daemon).
    launch: str = "fork"
    #: Run by a worker that replaces a dead or killed one before it takes items (loads what
    #: ``work`` loads lazily), so that the next item is not charged for it against the deadline.
    #: The first workers start bare: a fork shares what its parent loaded, and a short run
    #: loads only what its items need.
    warm_up: Callable[[], Any] | None = None
    _slots: list[_Slot] = field(init=False, default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.processes < 1:
            raise ValueError(f"processes must be at least 1, got {self.processes}")
        if self.launch not in ("fork", "spawn", "command"):
            raise ValueError(f"launch must be 'fork', 'spawn' or 'command', got {self.launch!r}")

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def imap(self, items: Iterable[Any]) -> Iterator[Any]:
        """Results of ``work`` over ``items``, in order. The workers outlive the call, for the next one, until :meth:`close`."""
        source = iter(items)
        exhausted = False
        next_sent = 0  # sequence number of the next item read
        next_out = 0  # sequence number of the next result to yield
        done: dict[int, Any] = {}
        unsent: tuple[int, Any] | None = None  # read, but its worker died before taking it
        while len(self._slots) < self.processes:
            self._slots.append(_Slot(self._start()))  # one by one: each new fork closes its siblings' pipes
        try:
            while True:
                for slot in self._slots:
                    if slot.starting is not None or slot.job is not None:
                        continue
                    if unsent is None and not exhausted and next_sent - next_out < LOOKAHEAD * self.processes:
                        try:
                            unsent = (next_sent, next(source))
                            next_sent += 1
                        except StopIteration:
                            exhausted = True
                    if unsent is None:
                        break
                    try:
                        slot.worker.send(unsent[1])
                    except OSError:  # it died while idle: the item never reached it, and waits for the replacement
                        self._replace(slot)
                        continue
                    slot.job = (*unsent, time.monotonic())
                    unsent = None
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                if exhausted and unsent is None and next_out == next_sent:
                    return
                self._collect(done)
        finally:
            # Left early (an error, or the caller stopped reading): a busy worker's late answer
            # would be taken for the next call's, so it is stopped (the next call starts another).
            for slot in [slot for slot in self._slots if slot.job is not None]:
                slot.worker.stop(now=True)
                self._slots.remove(slot)

    def close(self) -> None:
        for slot in self._slots:
            slot.worker.stop(now=slot.job is not None or slot.starting is not None)
        self._slots = []

    def _collect(self, done: dict[int, Any]) -> None:
        """Wait for a result, a worker ready or dead, or the next deadline; place each result by its sequence number."""
        watched = {
            handle: slot for slot in self._slots if slot.job is not None or slot.starting is not None for handle in slot.worker.handles()
        }
        for ready in wait(list(watched), timeout=self._wait_seconds()):
            slot = watched[ready]
            if slot.starting is not None:
                self._take_ready(slot, ready)
                continue
            if slot.job is None:
                continue  # its connection and its exit were both ready, and are handled
            sequence, item, _ = slot.job
            if ready is slot.worker.connection:
                try:
                    done[sequence] = slot.worker.connection.recv()
                    slot.job = None
                    continue
                except (EOFError, OSError):
                    pass  # it died before or while answering
            done[sequence] = self.on_lost(item, f"worker process died ({_exit_reason(slot.worker.exit_code())})")
            self._replace(slot)
        now = time.monotonic()
        for slot in self._slots:
            if slot.starting is not None and now - slot.starting > START_SECONDS:
                raise RuntimeError(f"a worker process did not start within {START_SECONDS:g} s")
        if self.hard_deadline is not None:
            for slot in self._slots:
                if slot.job is not None and now - slot.job[2] > self.hard_deadline:
                    done[slot.job[0]] = self.on_lost(slot.job[1], f"killed after {self.hard_deadline:g} s (the page deadline)")
                    self._replace(slot)

    def _take_ready(self, slot: _Slot, handle: Any) -> None:
        """A starting worker said it is ready, or died before it could (then the run cannot go on)."""
        if handle is slot.worker.connection:
            try:
                if slot.worker.connection.recv() == _READY:
                    slot.starting = None
                    slot.failed_starts = 0
                    return
            except (EOFError, OSError):
                pass
        elif slot.worker.connection.poll(0):
            return  # its answer came before its exit: read on the next wait
        reason = _exit_reason(slot.worker.exit_code())
        slot.failed_starts += 1
        if slot.failed_starts >= START_ATTEMPTS:
            raise RuntimeError(f"a worker process died while starting, {START_ATTEMPTS} times (last: {reason})")
        self._replace(slot)  # killed from outside, perhaps: it held no item, so nothing is lost

    def _wait_seconds(self) -> float | None:
        ends = [slot.starting + START_SECONDS for slot in self._slots if slot.starting is not None]
        if self.hard_deadline is not None:
            ends += [slot.job[2] + self.hard_deadline for slot in self._slots if slot.job is not None]
        if not ends:
            return None
        return max(0.0, min(ends) - time.monotonic()) + 0.01

    def _start(self, replacing: bool = False) -> _ForkedWorker | _CommandWorker:
        warm_up = self.warm_up if replacing else None
        if self.launch == "command":
            return _CommandWorker(self.work, warm_up)
        siblings = tuple(slot.worker.connection for slot in self._slots if isinstance(slot.worker, _ForkedWorker))
        return _ForkedWorker(multiprocessing.get_context(self.launch), self.work, warm_up, siblings)

    def _replace(self, slot: _Slot) -> None:
        slot.job = None
        slot.worker.stop(now=True)
        slot.worker = self._start(replacing=True)
        slot.starting = time.monotonic()


def _die_with_parent(parent: int) -> None:
    """On Linux, the kernel ends this worker when its parent dies, even mid-message (where the
    orphan check, which runs between items, cannot)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request was made
        os._exit(0)


_PR_SET_PDEATHSIG = 1


def _send_stop(connection: Connection) -> None:
    try:
        connection.send(_Stop())
    except OSError:
        pass  # it is gone already


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def _serve_over_stdio() -> None:
    """The body of a ``launch="command"`` worker: work arrives on stdin, results leave on stdout."""
    tasks = Connection(os.dup(0), writable=False)
    results = Connection(os.dup(1), readable=False)
    # What a library prints must not reach the results channel.
    os.dup2(2, 1)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    work, warm_up = pickle.loads(tasks.recv_bytes())
    _say_ready(warm_up, results)
    _serve(work, tasks, results)


if __name__ == "__main__":
    # Through the package, so that what the parent pickles (such as _Stop) is the same class here.
    from cleanscrape.workers import _serve_over_stdio as serve

    serve()
