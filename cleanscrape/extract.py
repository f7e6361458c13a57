"""Main content and metadata of an HTML page, by trafilatura, within a time limit."""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from .config import CleanerConfig
from .pagemeta import page_metadata
from .region import count_words, listing_text, marks_a_main_region
from .title import without_site_name
from .urls import url_host

#: The page's structured data says it is a schema.org QAPage (JSON-LD "@type", alone or
#: in a list, or a microdata itemtype): the answers and replies trafilatura files under
#: "comments" are its content there. A page that merely names the type does not match.
_QUESTION_PAGE = re.compile(
    r'"@type"\s*:\s*(?:"QAPage"|\[[^\]]*"QAPage")|itemtype\s*=\s*["\']?https?://schema\.org/QAPage\b', re.IGNORECASE
)


class PageTimeout(BaseException):
    """Extraction of one page took longer than its time limit.

    A BaseException, like KeyboardInterrupt, because trafilatura catches
    ``Exception`` around its parsers and fallbacks: a TimeoutError raised
    there would be swallowed and the page would run on unbounded.
    """


#: ``Extraction.source`` values.
TRAFILATURA = "trafilatura"
MAIN_ELEMENT = "main_element"


@dataclass(frozen=True, slots=True)
class Extraction:
    """What trafilatura found: the article text (one paragraph, heading or list item per line) and metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)
    sitename: str | None = None
    description: str | None = None
    #: Where the text comes from: TRAFILATURA (its main content) or MAIN_ELEMENT
    #: (the page's own <main> region, a listing that trafilatura mostly left out).
    source: str = TRAFILATURA


def extract_main_content(
    html: str,
    *,
    url: str | None = None,
    timeout: float | None = None,
    date_extensive_search: bool = CleanerConfig.html_date_extensive_search,
    listing_min_ratio: float | None = CleanerConfig.html_listing_min_ratio,
    listing_min_link_share: float = CleanerConfig.html_listing_min_link_share,
) -> Extraction:
    """The page's main content, comments left out (but for the answers of a
    question page), and its metadata.

    ``date_extensive_search`` lets htmldate guess a date from the page's whole
    text when the markup names none (see ``CleanerConfig.html_date_extensive_search``).
    When the page's ``<main>`` region has ``listing_min_ratio`` times the words
    trafilatura kept and at least ``listing_min_link_share`` of it is link text,
    the region is the text (:mod:`cleanscrape.region`); None never takes it.

    Raises :class:`PageTimeout` when ``timeout`` seconds pass first. The
    limit needs a timer signal: it holds in the main thread of a Unix
    process (the library called from a script, ``cleanscrape clean`` with
    any ``-j``); in other threads (Dask workers among them) and on Windows
    the page runs unbounded.
    """
    import trafilatura
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    # The substring test first: the pattern over a whole page costs milliseconds.
    answers_are_content = "QAPage" in html and bool(_QUESTION_PAGE.search(html))
    with _time_limit(timeout):
        # Parsed here once: the metadata and the main region are read from this tree, and
        # trafilatura extracts from its own copy.
        tree = load_html(html)
        if tree is None:
            return Extraction(text="")
        # trafilatura's own default date parameters, but for the extensive search.
        metadata = page_metadata(tree, url, set_date_params(date_extensive_search))
        document = trafilatura.bare_extraction(
            tree,
            url=url or metadata.url,
            # A process-wide cache would make one page's result depend on the pages before it.
            deduplicate=False,
            # Reader comments are not the article (and most of trafilatura's false positives),
            # but on a question page they are the answers.
            include_comments=answers_are_content,
            include_formatting=False,
            # Not fast=True: trafilatura's second opinions (readability, jusText) cost
            # a third of its time but carry forums, listings and products (WCXB 0.79 -> 0.82).
            with_metadata=False,
        )
        text = _with_answers(document.text or "", document.comments if answers_are_content else None) if document else ""
        source = TRAFILATURA
        if listing_min_ratio is not None and marks_a_main_region(html):
            listing = listing_text(tree, count_words(text), listing_min_ratio, listing_min_link_share)
            if listing is not None:
                text, source = listing, MAIN_ELEMENT
    url = url or _clean_field(metadata.url)
    sitename = _clean_field(metadata.sitename)
    title = _clean_field(metadata.title)
    return Extraction(
        text=text,
        source=source,
        # <title> often carries the site's name ("Story | Site"); the record's title is the story's.
        title=without_site_name(title, sitename, url_host(url)) if title else None,
        author=_clean_field(metadata.author),
        date=_clean_field(metadata.date),
        sitename=sitename,
        description=_clean_field(metadata.description),
    )


def _with_answers(text: str, comments: str | None) -> str:
    """The main text, then the comments it does not already hold (a fallback extractor that
    won may have put the answers in the main text too)."""
    if not comments:
        return text
    in_text = set(text.split("\n"))
    new_lines = [line for line in comments.split("\n") if line not in in_text]
    return "\n".join(part for part in (text, *new_lines) if part)


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
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
        if outer_delay > 0:  # a caller's own timer keeps running, less the time spent here
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - (time.monotonic() - started), 1e-3), outer_interval)
