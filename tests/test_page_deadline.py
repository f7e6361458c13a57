"""The page deadline holds wherever cleaning runs: a worker thread, a worker process, a Dask worker."""

import random
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from cleanscrape.steps import BatchOptions, page_pool
from cleanscrape.config import CleanerConfig
from cleanscrape.io.sources import InputPage

DEADLINE = 1.0
WORDS = "the of and to in a is that for it as was with by on council harbour river engineers report water storm".split()


def _slow_page() -> InputPage:
    """20,000 lines of text: seconds of honest cleaning, well past the deadline (text pages get no signal)."""
    pick = random.Random(1).choice
    text = "\n".join(" ".join(pick(WORDS) for _ in range(15)) + "." for _ in range(20_000))
    return InputPage(source="slow.txt", position=0, content=text, input_format="text", id="slow")


def _small_page() -> InputPage:
    return InputPage(source="small.txt", position=0, content="Home\nThe river rose all night and the council met at dawn.",
                     input_format="text", id="small")


def _options() -> BatchOptions:
    return BatchOptions(config=CleanerConfig(html_timeout=DEADLINE / 1.5))


def _timed_outcomes(pool) -> tuple[float, list]:
    list(pool.imap([_small_page()]))  # the worker is up and has loaded what cleaning loads
    results = pool.imap([_slow_page(), _small_page()])
    started = time.monotonic()
    slow = next(results)
    elapsed = time.monotonic() - started
    return elapsed, [slow, *results]


def _check(elapsed: float, outcomes: list) -> None:
    slow, small = outcomes
    assert slow.key == "slow.txt" and slow.row is None
    assert slow.error.startswith("killed after 1 s")
    assert small.row is not None and small.error is None  # the next page gets a new worker
    assert elapsed < 2 * DEADLINE


def test_deadline_holds_from_a_worker_thread() -> None:
    def in_thread():
        with page_pool(_options(), 1, "fork") as pool:
            return _timed_outcomes(pool)

    with ThreadPoolExecutor(1) as threads:
        _check(*threads.submit(in_thread).result(timeout=120))


def _on_dask_worker() -> tuple[float, list]:
    from cleanscrape.dask.sandboxes import sandbox

    with sandbox(_options()) as pool:
        return _timed_outcomes(pool)


def test_deadline_holds_on_a_dask_worker() -> None:
    distributed = pytest.importorskip("distributed")
    from cleanscrape.dask.sandboxes import PageSandboxes

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            client.register_plugin(PageSandboxes())
            _check(*client.submit(_on_dask_worker, pure=False).result(timeout=180))
