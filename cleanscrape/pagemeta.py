"""A page's title, author, date, site name, URL and description, by trafilatura's own extractors.

trafilatura's ``extract_metadata`` also looks for categories, tags and a
licence, which a record does not hold: those three searches are half of its
time (2 to 3 ms on a median ScrapingHub page; ``benchmarks/speed.py``). This
runs the rest of it, field by field and rule by rule, so the fields a record
keeps are the ones trafilatura gives.
"""

from __future__ import annotations

from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

from .guard import guarded


def page_metadata(
    tree: HtmlElement, url: str | None, date_params: dict[str, Any], warnings: list[str] | None = None
) -> Document:
    """``trafilatura.metadata.extract_metadata`` without categories, tags and licence.
    Reads ``tree`` and leaves it as it was.

    A field whose extractor raises is left empty, and ``warnings`` (when given) says
    which library failed (:mod:`cleanscrape.guard`)."""
    warnings = [] if warnings is None else warnings

    def trafilatura(call, fallback=None):
        return guarded(warnings, "metadata", "trafilatura", call, fallback)

    metadata = trafilatura(lambda: examine_meta(tree), None) or Document()
    # A one-word author in the meta tags is most often a site's handle.
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    # Malformed JSON-LD costs the page its structured data, not its record.
    metadata = trafilatura(lambda: extract_meta_json(tree, metadata), metadata)
    if not metadata.title:
        metadata.title = trafilatura(lambda: extract_title(tree))
    if not metadata.author:
        metadata.author = trafilatura(lambda: extract_author(tree))
    if not metadata.url:
        metadata.url = trafilatura(lambda: extract_url(tree, url))
    metadata.date = guarded(warnings, "metadata", "htmldate", lambda: find_date(tree, **{**date_params, "url": metadata.url}), None)
    if not metadata.sitename:
        metadata.sitename = trafilatura(lambda: extract_sitename(tree))
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")  # a Twitter handle
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (host := META_URL.match(metadata.url)):
        metadata.sitename = host[1]
    trafilatura(metadata.clean_and_trim)
    return metadata
