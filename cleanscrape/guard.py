"""A third-party library's failure on one page costs that step's result, never the page's record.

htmldate, trafilatura, resiliparse, inscriptis and lxml are written for the
web as it mostly is; on a rare page they raise (htmldate's cleanup calls lxml's
``drop_tree`` on an element with no parent and trips an ``assert``). Each call
into them that can fail on a page goes through :func:`guarded`, which gives the
step's fallback instead and says what failed in the record's ``warnings``. Our
own code is never inside the guard: a bug of ours still raises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def guarded(warnings: list[str], step: str, library: str, call: Callable[[], T], fallback: T) -> T:
    """``call()``, or ``fallback`` when it raises, with "``step``: ``library`` raised ``Type``"
    added to ``warnings``. A time limit (``PageTimeout``, a BaseException) and
    KeyboardInterrupt pass through. The message holds the exception's type only: its text
    may carry object addresses, and a record must be the same on every run."""
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - a library's failure on one page degrades that page
        warnings.append(f"{step}: {library} raised {type(error).__name__}")
        return fallback
