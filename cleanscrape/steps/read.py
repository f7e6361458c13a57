"""The read step: the items of a run's inputs, and the site each page belongs to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..corpus.records import site_key
from ..io.sources import InputPage, Item, read_all
from .options import BatchOptions


def read_pages(inputs: Iterable[str], options: BatchOptions) -> Iterator[Item]:
    """Every page, read failure and skipped record of the inputs, in input order."""
    return read_all(list(inputs), options.fields, options.stdin_format, options.folder_glob, max_record_bytes=options.max_record_bytes)


def page_site(page: InputPage) -> str | None:
    """The site a page belongs to, as site profiles key it: URL host, else a ``site`` or ``source`` field."""
    return site_key({"url": page.url, "site": page.extra.get("site"), "source": page.extra.get("source")})
