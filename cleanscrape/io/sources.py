"""Input pages from files, folders, globs and stdin, in every format the CLI reads.

Each input yields, in order, an :class:`InputPage` per page it holds or a
:class:`ReadFailure` naming the source and line or offset that could not be
read, so that nothing read goes unaccounted for.
"""

from __future__ import annotations

import glob
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compression import DEFAULT_MAX_RECORD_BYTES, open_read, read_whole, strip_compression

JSONL_ENDINGS = (".jsonl", ".json", ".ndjson")
WARC_ENDINGS = (".warc", ".arc")
PARQUET_ENDINGS = (".parquet",)
HTML_ENDINGS = (".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class FieldNames:
    """Which fields of JSONL and Parquet rows hold what."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"


def place(source: str, position: int) -> str:
    """Where an item stands in the inputs ("file:line", or the file for a whole-file page): stable across runs."""
    return f"{source}:{position}" if position else source


@dataclass(frozen=True, slots=True)
class InputPage:
    source: str  # the file it came from ("-" for stdin)
    position: int  # 1-based line (JSONL), row (Parquet), record (WARC); 0 for a whole file
    content: str | bytes
    input_format: str  # "auto", "html" or "text"
    id: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: The HTTP Content-Type the page was served with (WARC responses): its charset decodes the bytes.
    content_type: str | None = None

    @property
    def key(self) -> str:
        return place(self.source, self.position)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that holds no page (an image response in a WARC file), counted but not cleaned."""

    source: str
    position: int
    reason: str

    @property
    def key(self) -> str:
        return place(self.source, self.position)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    source: str
    position: int
    message: str

    @property
    def key(self) -> str:
        return place(self.source, self.position)


def expand(inputs: tuple[str, ...] | list[str]) -> Iterator[str]:
    """Files named, globbed, or found below folders (sorted); "-" stays stdin."""
    for name in inputs:
        if name == "-":
            yield name
        elif Path(name).is_dir():
            yield from (str(p) for p in sorted(Path(name).rglob("*")) if p.is_file())
        elif any(ch in name for ch in "*?[") and not Path(name).exists():
            matches = sorted(glob.glob(name, recursive=True))
            yield from matches if matches else [name]
        else:
            yield name


def format_of(name: str) -> str:
    base = strip_compression(name.lower())
    if base.endswith(JSONL_ENDINGS):
        return "jsonl"
    if base.endswith(WARC_ENDINGS):
        return "warc"
    if base.endswith(PARQUET_ENDINGS):
        return "parquet"
    if base.endswith(HTML_ENDINGS):
        return "html"
    return "page"


Item = InputPage | ReadFailure | Skipped


def read_all(
    inputs, fields: FieldNames = FieldNames(), stdin_format: str = "page", max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[Item]:
    """``max_record_bytes``: what one record of a compressed input may decompress to (io.compression)."""
    for name in expand(inputs):
        yield from read_file(name, fields, stdin_format if name == "-" else format_of(name), max_record_bytes)


def read_file(
    name: str, fields: FieldNames, kind: str, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[Item]:
    """The items of one input whose format is known; what cannot be read ends in a ReadFailure."""
    try:
        if kind == "jsonl":
            yield from _read_jsonl(name, fields, max_record_bytes)
        elif kind == "warc":
            yield from _read_warc(name)
        elif kind == "parquet":
            yield from read_parquet_rows(name, fields)
        else:
            yield InputPage(name, 0, read_page_bytes(name, max_record_bytes), "html" if kind == "html" else "auto")
    except (OSError, EOFError, ValueError) as error:
        yield ReadFailure(name, 0, f"cannot read: {error}")


def read_page_bytes(name: str, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES) -> bytes:
    """A whole page file, decompressed by its ending; "-" reads stdin."""
    if name == "-":
        return sys.stdin.buffer.read()
    return read_whole(Path(name), max_record_bytes)


def _row_page(source: str, position: int, row: Any, fields: FieldNames) -> InputPage | ReadFailure:
    if not isinstance(row, dict):
        return ReadFailure(source, position, f"expected an object, got {type(row).__name__}")
    if isinstance(row.get(fields.html), str):
        content, kind = row[fields.html], "html"
    elif isinstance(row.get(fields.text), str):
        content, kind = row[fields.text], "text"
    else:
        return ReadFailure(source, position, f"no string field {fields.html!r} or {fields.text!r}")
    page_id = row.get(fields.id)
    url = row.get(fields.url)
    extra = {k: v for k, v in row.items() if k not in (fields.html, fields.text, fields.id, fields.url)}
    return InputPage(
        source, position, content, kind,
        id=None if page_id is None else str(page_id),
        url=url if isinstance(url, str) else None,
        extra=extra,
    )


def _parsed_lines(handle, first_line: int = 1) -> Iterator[tuple[int, Any, str | None]]:
    """(line number, parsed value, error message) for each non-blank line of a JSONL stream."""
    for number, raw in enumerate(handle, start=first_line):
        if not raw.strip():
            continue
        try:
            yield number, json.loads(raw), None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            yield number, None, f"bad JSON: {error}"


def _read_jsonl(name: str, fields: FieldNames, max_record_bytes: int | None) -> Iterator[InputPage | ReadFailure]:
    handle = sys.stdin.buffer if name == "-" else open_read(Path(name), max_record_bytes)
    with handle:
        yield from _jsonl_pages(name, handle, 1, fields)


def read_jsonl_range(name: str, start: int, end: int, first_line: int, fields: FieldNames) -> Iterator[InputPage | ReadFailure]:
    """The pages of an uncompressed JSONL file's bytes ``start:end``, which begin on line ``first_line``.

    ``start`` must be where a line begins; lines are numbered as a read of
    the whole file numbers them, so keys do not depend on how a file is split.
    """
    with open(name, "rb") as handle:
        handle.seek(start)
        chunk = io.BytesIO(handle.read(end - start))
    yield from _jsonl_pages(name, chunk, first_line, fields)


def _jsonl_pages(name: str, handle, first_line: int, fields: FieldNames) -> Iterator[InputPage | ReadFailure]:
    for number, row, error in _parsed_lines(handle, first_line):
        yield ReadFailure(name, number, error) if error else _row_page(name, number, row, fields)


def read_parquet_rows(
    name: str, fields: FieldNames, row_groups: list[int] | None = None, first_row: int = 1
) -> Iterator[InputPage | ReadFailure]:
    """The pages of a Parquet file, or of some of its row groups (whose first row is number ``first_row``)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the install
        yield ReadFailure(name, 0, "reading Parquet needs pyarrow: pip install 'cleanscrape[parquet]'")
        return
    number = first_row - 1
    for batch in pq.ParquetFile(name).iter_batches(batch_size=512, row_groups=row_groups):
        for row in batch.to_pylist():
            number += 1
            yield _row_page(name, number, row, fields)


def _read_warc(name: str) -> Iterator[InputPage | ReadFailure | Skipped]:
    """HTTP response records of a WARC file; requests, metadata and the like are not pages."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    with open(name, "rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                number += 1
                headers = record.http_headers
                content_type = headers.get_header("Content-Type") if headers is not None else None
                if "html" not in (content_type or "text/html").lower():
                    yield Skipped(name, number, "not_html")
                    continue
                try:
                    content = record.content_stream().read()
                except Exception as error:  # a truncated or badly encoded payload: report, go on
                    yield ReadFailure(name, number, f"cannot read payload: {error}")
                    continue
                yield InputPage(
                    name, number, content, "html",
                    id=record.rec_headers.get_header("WARC-Record-ID"),
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    content_type=content_type,
                )
        except ArchiveLoadFailed as error:
            yield ReadFailure(name, number + 1, f"not a readable WARC record: {error}")


def jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSONL file (.gz/.zst too); a bad line raises ValueError naming file and line."""
    with open_read(Path(path)) as handle:
        for number, row, error in _parsed_lines(handle):
            if error or not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: {error or 'expected an object'}")
            yield row
