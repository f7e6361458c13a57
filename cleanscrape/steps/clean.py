"""The clean step: one item read in, one outcome out, in a worker process under the page deadline.

The same function runs in this process, a local worker process or a process a Dask task starts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..cleaner import Cleaner
from ..corpus.site_profile import SiteProfile
from ..decoding import decode_page
from ..extract import PageTimeout
from ..htmltext import html_to_text
from ..io.sources import InputPage, Item, ReadFailure, Skipped
from ..workers import WorkerPool
from .options import BatchOptions
from .read import page_site

#: A worker still on one page this many times the page timeout is killed, and the page is an error.
HARD_DEADLINE_FACTOR = 1.5


@dataclass(frozen=True, slots=True)
class Outcome:
    key: str
    row: dict[str, Any] | None = None
    error: str | None = None
    skipped: str | None = None
    #: The page's removed lines by reason (counted before --explain decides whether the row lists them).
    removed: tuple[tuple[str, int], ...] = ()


def clean_item(cleaner: Cleaner, explain: bool, profile: SiteProfile | None, item: Item) -> Outcome:
    """One item's outcome: its record, or why there is none (a read error, a skip, a page that failed)."""
    if isinstance(item, ReadFailure):
        return Outcome(item.key, error=item.message)
    if isinstance(item, Skipped):
        return Outcome(item.key, skipped=item.reason)
    too_large = page_too_large(item, cleaner.config.max_page_mb)
    if too_large:
        return Outcome(item.key, error=too_large)
    try:
        record = cleaner.clean(
            item.content,
            url=item.url,
            id=item.id if item.id is not None else item.key,
            # A file's ending or a row's field says what the page is; otherwise the configuration does.
            input_format=None if item.input_format == "auto" else item.input_format,
            is_site_template=profile.matcher(page_site(item)) if profile is not None else None,
            content_type=item.content_type,
        )
    except (Exception, PageTimeout) as error:  # one bad page must not end the batch; it is reported with its place
        return Outcome(item.key, error=f"{type(error).__name__}: {error}")
    removed = tuple(record.removed_by_reason().items())
    return Outcome(item.key, row=_row(item, record.to_dict(), explain), removed=removed)


def page_too_large(page: InputPage, max_page_mb: float | None) -> str | None:
    """Why a page is not cleaned (larger than ``max_page_mb``: cleaning takes about 30 times a page's size in
    memory), or None. Text is measured in characters, bytes in bytes."""
    if max_page_mb is None or len(page.content) <= max_page_mb * 2**20:
        return None
    size = len(page.content) / 2**20
    return f"PageTooLarge: the page is {size:.1f} MB, over max_page_mb={max_page_mb:g} (raise it with --option max_page_mb=N)"


def sized(item: Item, max_page_mb: float | None) -> Item:
    """A page over the size limit becomes its error here, before it is sent to a worker process."""
    if isinstance(item, InputPage):
        too_large = page_too_large(item, max_page_mb)
        if too_large:
            return ReadFailure(item.source, item.position, too_large)
    return item


def _row(page: InputPage, row: dict[str, Any], explain: bool) -> dict[str, Any]:
    if not explain:
        row["removed"] = []
    row["source"] = page.key
    if row["url"] is None:
        row["url"] = page.url
    row["http_status"] = page.http_status
    row["warc_date"] = page.warc_date
    row["warc_record_id"] = page.warc_record_id
    # The input's other fields travel with the record, apart from cleanscrape's own (metadata.input).
    row["metadata"]["input"] = dict(page.extra) or None
    return row


def cleaning_step(options: BatchOptions, cleaner: Cleaner | None = None) -> Callable[[Item], Outcome]:
    """What happens to each item read: the same function in this process, a worker process or a cluster task."""
    return functools.partial(clean_item, cleaner or Cleaner(options.config), options.explain, options.site_profile)


def warm_up(cleaner: Cleaner) -> None:
    """Load what cleaning loads lazily (trafilatura, inscriptis, langdetect's profiles,
    stop lists, the charset helpers) before forking, so workers share it instead of each loading
    it: clean one small page of each kind."""
    # Untimed: a first extraction on a busy machine may take longer than a page may, and
    # what it loads serves every page after it.
    cleaner = Cleaner(cleaner.config.replace(html_timeout=None))
    # Two different sentences of 15 to 29 words: a repeat is matched by key and never reaches
    # MinHash, and inside HTML main content shorter lines are not compared at all.
    first = "The harbour reopened on Tuesday after the storm, and the ships that had waited all week came in."
    second = "Fishing boats went out again on Wednesday morning, although the sea was still rough near the rocks."
    cleaner.clean(f"<html><body><article><h1>Harbour</h1><p>{first}</p><p>{second}</p></article></body></html>", input_format="html")
    cleaner.clean(f"Home\n{first}\n{second}", input_format="text")
    html_to_text(f"<p>{first}</p>")  # the full-page path, for pages with no main content
    decode_page("Caf\xe9 cr\xe8me".encode("cp1252"))  # bytes that are not UTF-8: w3lib, charset-normalizer


def page_pool(options: BatchOptions, processes: int, launch: str, cleaner: Cleaner | None = None) -> WorkerPool:
    """Worker processes that clean items into outcomes, each page under the hard deadline."""
    timeout = options.config.html_timeout
    cleaner = cleaner or Cleaner(options.config)
    return WorkerPool(
        cleaning_step(options, cleaner), processes, on_lost=_lost_page, launch=launch,
        # A replacement worker loads what cleaning loads before it takes a page: quick in a
        # fork of a warmed parent, seconds in a fresh interpreter on a busy machine.
        warm_up=functools.partial(warm_up, cleaner),
        # The timeout inside the worker ends a slow extraction with its own error; this ends anything else.
        hard_deadline=timeout * HARD_DEADLINE_FACTOR if timeout is not None else None,
    )


def _lost_page(item: Item, why: str) -> Outcome:
    return Outcome(item.key, error=why)
