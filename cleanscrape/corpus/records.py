"""What the corpus steps read from a record.

A record is a mapping (a JSON object: ``{"id", "url", "text", "source", "site", ...}``)
or an object with those attributes, such as :class:`cleanscrape.Record`.
Missing fields read as None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..decoding import page_text
from ..urls import url_host


def record_field(record: object, name: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def record_id(record: object) -> str:
    value = record_field(record, "id")
    if value is None or value == "":
        raise ValueError(f"record has no id: {str(record)[:120]}")
    return str(value)


def record_text(record: object) -> str:
    """The record's ``text``; bytes are decoded as the cleaner decodes pages."""
    value = record_field(record, "text")
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return page_text(value)
    return str(value)


def record_row(record: object) -> dict[str, Any]:
    """The record as a new dict (a Record through its JSON-safe ``to_dict``)."""
    if isinstance(record, Mapping):
        return dict(record)
    to_dict = getattr(record, "to_dict", None)
    if to_dict is None:
        raise TypeError(f"a record must be a mapping or have to_dict(), not {type(record).__name__}")
    return to_dict()


def site_key(record: object) -> str | None:
    """Which site a page belongs to: its URL's host, else its ``site``, else its ``source`` field."""
    host = url_host(record_field(record, "url"))
    if host:
        return host
    for name in ("site", "source"):
        value = record_field(record, name)
        if value:
            return str(value)
    return None
