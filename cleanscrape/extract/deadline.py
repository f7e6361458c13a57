"""The in-process time limit of one page's extraction: a timer signal.

A batch run has a second deadline that holds everywhere: its worker process is
killed at ``HARD_DEADLINE_FACTOR`` times the limit (:mod:`cleanscrape.workers`,
:mod:`cleanscrape.dask.sandboxes`). This one ends the page first, with its own
error, and is the only one where the library is called in-process (``clean()``
from a script). It needs a timer signal: it holds in the main thread of a Unix
process; in other threads and on Windows the page runs on to the process deadline,
if any.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator


class PageTimeout(BaseException):
    """Extraction of one page took longer than its time limit.

    A BaseException, like KeyboardInterrupt, because trafilatura catches
    ``Exception`` around its parsers and fallbacks: a TimeoutError raised
    there would be swallowed and the page would run on unbounded.
    """


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block after ``seconds`` (None: no limit). A caller's
    own interval timer keeps running, less the time spent here."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise PageTimeout(f"extraction took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        # A handler not set from Python reads as None; the default stands in for it.
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        if outer_delay > 0:
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - (time.monotonic() - started), 1e-3), outer_interval)
