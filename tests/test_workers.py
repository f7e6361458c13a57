"""Worker processes that die or hang cost only the item they held."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanscrape.workers import WorkerPool, _Slot

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "news_page.txt"


def _square_or_die(item: int) -> int:
    if item == 7:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    if item == 13:
        time.sleep(3600)  # stuck where no timeout inside the worker reaches
    return item * item


def _lost(item: int, why: str) -> str:
    return f"{item}: {why}"


@pytest.mark.parametrize("launch", ["fork", "command"])
def test_a_dead_or_stuck_worker_costs_only_its_item(launch: str) -> None:
    pool = WorkerPool(_square_or_die, 2, on_lost=_lost, hard_deadline=1.0, launch=launch)
    started = time.monotonic()
    results = list(pool.imap(range(20)))
    assert time.monotonic() - started < 10
    assert results[:7] == [i * i for i in range(7)]
    assert results[7] == "7: worker process died (signal SIGKILL)"
    assert results[13] == "13: killed after 1 s (the page deadline)"
    assert [r for i, r in enumerate(results) if i not in (7, 13)] == [i * i for i in range(20) if i not in (7, 13)]


def _slow_start() -> None:
    time.sleep(1.5)  # as a fresh interpreter loading trafilatura on a busy machine


@pytest.mark.parametrize("launch", ["fork", "command"])
def test_a_replacement_workers_loading_is_not_charged_to_its_first_item(launch: str) -> None:
    # Item 13 hangs and its worker is replaced; the replacement's 1.5 s of loading must not
    # count against the 1 s deadline of the item it takes next.
    pool = WorkerPool(_square_or_die, 1, on_lost=_lost, hard_deadline=1.0, launch=launch, warm_up=_slow_start)
    with pool:
        results = list(pool.imap([12, 13, 14]))
    assert results == [144, "13: killed after 1 s (the page deadline)", 196]


def test_a_worker_killed_while_starting_is_started_again() -> None:
    with WorkerPool(abs, 1, on_lost=_lost, warm_up=_slow_start) as pool:
        pool._slots.append(_Slot(pool._start(replacing=True)))
        os.kill(pool._slots[0].worker.process.pid, signal.SIGKILL)  # during its 1.5 s of loading
        assert list(pool.imap([-3, 4])) == [3, 4]


def _failed_start() -> None:
    raise SystemExit(3)


def test_a_worker_that_cannot_start_ends_the_run_with_a_clear_error() -> None:
    # The first worker dies on item 7; every replacement fails to load.
    with WorkerPool(_square_or_die, 1, on_lost=_lost, warm_up=_failed_start) as pool:
        with pytest.raises(RuntimeError, match="died while starting, 3 times"):
            list(pool.imap([7, 1]))


def test_results_come_in_input_order_with_one_worker() -> None:
    assert list(WorkerPool(abs, 1, on_lost=_lost).imap([-3, 2, -1])) == [3, 2, 1]


def test_no_items_no_results() -> None:
    assert list(WorkerPool(abs, 2, on_lost=_lost).imap([])) == []


def test_pool_needs_a_process_and_a_known_launch() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        WorkerPool(abs, 0, on_lost=_lost)
    with pytest.raises(ValueError, match="launch must be"):
        WorkerPool(abs, 1, on_lost=_lost, launch="thread")


def _children(pid: int) -> list[int]:
    """Children of every thread of ``pid`` (each thread lists the ones it started)."""
    return [int(p) for path in sorted(Path(f"/proc/{pid}/task").glob("*/children")) for p in path.read_text().split()]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
def test_cli_run_survives_a_killed_worker(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    pages = tmp_path / "pages.jsonl"
    with pages.open("w", encoding="utf-8") as out:
        for n in range(600):
            out.write(json.dumps({"id": f"p{n}", "text": f"{text}\nPage number {n} of the run."}) + "\n")
    output = tmp_path / "out.jsonl"
    run = subprocess.Popen(
        [sys.executable, "-m", "cleanscrape", "clean", str(pages), "-o", str(output), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    victim = None
    deadline = time.monotonic() + 300
    while victim is None and time.monotonic() < deadline and run.poll() is None:
        workers = _children(run.pid)
        partial = output.with_name(output.name + ".partial")
        if len(workers) == 2 and partial.exists() and partial.stat().st_size > 0:
            # Mid-run: pages written, so the workers are loaded and busy (one killed while
            # still loading would have held no page), and most pages are still to come.
            time.sleep(0.3)
            victim = workers[0]
            os.kill(victim, signal.SIGKILL)
        time.sleep(0.05)
    assert victim is not None, "the run ended before a worker could be killed"
    _, stderr = run.communicate(timeout=600)  # a loaded machine is slow, never stuck
    stderr = stderr.decode()
    assert run.returncode == 1  # a page was lost: the exit code says so
    lost = [line for line in stderr.splitlines() if "worker process died (signal SIGKILL)" in line]
    assert len(lost) == 1
    written = [json.loads(line)["id"] for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(written) == 599 and len(set(written)) == 599
    assert "read 600, written 599, rejected 0, errors 1" in stderr


def _sleep_forever(item: int) -> int:
    time.sleep(3600)
    return item


def _parent_of_workers(ready_file: str, busy: bool) -> None:
    import threading

    pool = WorkerPool(_sleep_forever if busy else abs, 2, on_lost=_lost)
    results = pool.imap(range(3))
    if busy:  # each worker holds an item when the parent dies
        threading.Thread(target=next, args=(results,), daemon=True).start()
        started = time.monotonic()
        # Forking from a large test process can take seconds: wait for both workers, then
        # for their ready message and their item.
        while len(_children(os.getpid())) < 2 and time.monotonic() - started < 30:
            time.sleep(0.05)
        time.sleep(1.0)
    else:
        next(results)
    Path(ready_file).write_text(" ".join(str(p) for p in _children(os.getpid())))
    time.sleep(3600)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
@pytest.mark.parametrize("busy", [False, True])
def test_workers_end_when_their_parent_is_killed(tmp_path: Path, busy: bool) -> None:
    import multiprocessing

    ready = tmp_path / "workers"
    parent = multiprocessing.get_context("fork").Process(target=_parent_of_workers, args=(str(ready), busy))
    parent.start()
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(p) for p in ready.read_text().split()]
    assert len(workers) == 2
    os.kill(parent.pid, signal.SIGKILL)
    parent.join()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{p}").exists() and "Z" not in _state(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{p}").exists() and "Z" not in _state(p) for p in workers)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


def test_a_worker_that_died_idle_is_replaced_before_its_next_item() -> None:
    with WorkerPool(abs, 2, on_lost=_lost) as pool:
        assert list(pool.imap([-1, -2])) == [1, 2]
        for slot in pool._slots:
            os.kill(slot.worker.process.pid, signal.SIGKILL)
            slot.worker.process.join(5)
        assert list(pool.imap([-3, -4, -5])) == [3, 4, 5]  # nothing lost: no item had reached them
