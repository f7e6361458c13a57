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
from .page_url import declared_url
from .sniff import sniff_stdin

JSONL_ENDINGS = (".jsonl", ".ndjson")
#: One JSON document (an array of rows, or one row) or JSON lines.
JSON_ENDINGS = (".json",)
WARC_ENDINGS = (".warc", ".arc")
PARQUET_ENDINGS = (".parquet",)
HTML_ENDINGS = (".html", ".htm", ".xhtml")
TEXT_ENDINGS = (".txt", ".text")
#: What a folder is read for unless --glob says otherwise: page and corpus files (plain, .gz or .zst),
#: not a dataset's LICENSE, README or metadata .json.
FOLDER_ENDINGS = JSONL_ENDINGS + WARC_ENDINGS + PARQUET_ENDINGS + HTML_ENDINGS + TEXT_ENDINGS
#: The formats stdin may be named as (``--stdin-format``); "auto" sniffs it.
STDIN_FORMATS = ("auto", "jsonl", "warc", "parquet", "html", "page")
#: Page bytes with a NUL in their first this many bytes (and no UTF-16/32 mark) are a binary file.
BINARY_SNIFF_BYTES = 8192


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
    #: WARC responses: the HTTP status, WARC-Date and WARC-Record-ID.
    http_status: int | None = None
    warc_date: str | None = None
    warc_record_id: str | None = None

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


def expand(inputs: tuple[str, ...] | list[str], folder_glob: str | None = None) -> Iterator[str]:
    """Files named, globbed, or found below folders (sorted); "-" stays stdin.

    A folder gives its page and corpus files (``FOLDER_ENDINGS``, plain or
    compressed), or the files matching ``folder_glob`` (``"*.json"``) below it.
    """
    for name in inputs:
        if name == "-":
            yield name
        elif Path(name).is_dir():
            found = Path(name).rglob(folder_glob) if folder_glob else (
                p for p in Path(name).rglob("*") if strip_compression(p.name.lower()).endswith(FOLDER_ENDINGS)
            )
            yield from (str(p) for p in sorted(found) if p.is_file())
        elif any(ch in name for ch in "*?[") and not Path(name).exists():
            matches = sorted(glob.glob(name, recursive=True))
            yield from matches if matches else [name]
        else:
            yield name


def format_of(name: str) -> str:
    base = strip_compression(name.lower())
    if base.endswith(JSONL_ENDINGS):
        return "jsonl"
    if base.endswith(JSON_ENDINGS):
        return "json"
    if base.endswith(WARC_ENDINGS):
        return "warc"
    if base.endswith(PARQUET_ENDINGS):
        return "parquet"
    if base.endswith(HTML_ENDINGS):
        return "html"
    return "page"


Item = InputPage | ReadFailure | Skipped


def read_all(
    inputs, fields: FieldNames = FieldNames(), stdin_format: str = "auto", folder_glob: str | None = None,
    max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES,
) -> Iterator[Item]:
    """``max_record_bytes``: what one record of a compressed input may decompress to (io.compression)."""
    for name in expand(inputs, folder_glob):
        if name == "-":
            yield from read_stdin(fields, stdin_format)
        else:
            yield from read_file(name, fields, format_of(name), max_record_bytes=max_record_bytes)


def read_file(
    name: str, fields: FieldNames, kind: str, handle=None, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[Item]:
    """The items of one input whose format is known; what cannot be read ends in a ReadFailure.

    ``handle`` is an open (decompressed) stream to read instead of opening ``name`` (stdin).
    """
    try:
        if kind == "jsonl":
            yield from _read_jsonl(name, fields, handle, max_record_bytes)
        elif kind == "json":
            yield from _read_json(name, fields)
        elif kind == "warc":
            yield from _read_warc(name, handle)
        elif kind == "parquet":
            yield from read_parquet_rows(name if handle is None else handle, fields, source=name)
        else:
            content = handle.read() if handle is not None else read_page_bytes(name, max_record_bytes)
            yield _page_file(name, content, "html" if kind == "html" else "auto")
    except (OSError, EOFError, ValueError) as error:
        yield ReadFailure(name, 0, f"cannot read: {error}")


def read_stdin(fields: FieldNames, stdin_format: str = "auto") -> Iterator[Item]:
    """Stdin in any format a file may have: sniffed (gzip/zstd, then WARC, Parquet, JSONL or a page) or named."""
    try:
        kind, handle = sniff_stdin(sys.stdin.buffer, stdin_format)
    except (OSError, EOFError, ValueError) as error:
        yield ReadFailure("-", 0, f"cannot read: {error}")
        return
    yield from read_file("-", fields, kind, handle)


def _page_file(name: str, content: bytes, kind: str) -> InputPage | Skipped:
    """A whole-file page; a binary file (NUL bytes, no UTF-16/32 mark) is skipped, not cleaned."""
    head = content[:BINARY_SNIFF_BYTES]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return Skipped(name, 0, "binary")
    return InputPage(name, 0, content, kind, url=declared_url(content))


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
        # A text field may hold HTML: it is sniffed as a file is, unless --format names what it holds.
        content, kind = row[fields.text], "auto"
    else:
        return ReadFailure(source, position, f"no string field {fields.html!r} or {fields.text!r}")
    page_id = row.get(fields.id)
    url = row.get(fields.url)
    if not isinstance(url, str) or not url:
        url = declared_url(content)
    extra = {k: v for k, v in row.items() if k not in (fields.html, fields.text, fields.id, fields.url)}
    return InputPage(
        source, position, content, kind,
        id=None if page_id is None else str(page_id),
        url=url,
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


def _read_jsonl(
    name: str, fields: FieldNames, handle=None, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[InputPage | ReadFailure]:
    with handle if handle is not None else open_read(Path(name), max_record_bytes) as stream:
        yield from _jsonl_pages(name, stream, 1, fields)


def _read_json(name: str, fields: FieldNames) -> Iterator[InputPage | ReadFailure]:
    """A .json file: one document (an array of rows, or one row), else JSON lines."""
    with open_read(Path(name)) as handle:
        data = handle.read()
    try:
        document = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        yield from _jsonl_pages(name, io.BytesIO(data), 1, fields)
        return
    rows = document if isinstance(document, list) else [document]
    for number, row in enumerate(rows, start=1):
        yield _row_page(name, number if isinstance(document, list) else 0, row, fields)


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
    name, fields: FieldNames, row_groups: list[int] | None = None, first_row: int = 1, source: str | None = None
) -> Iterator[InputPage | ReadFailure]:
    """The pages of a Parquet file (a path or a seekable stream), or of some of its row groups
    (whose first row is number ``first_row``)."""
    source = name if source is None else source
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the install
        yield ReadFailure(source, 0, "reading Parquet needs pyarrow: pip install 'cleanscrape[parquet]'")
        return
    number = first_row - 1
    for batch in pq.ParquetFile(name).iter_batches(batch_size=512, row_groups=row_groups):
        for row in batch.to_pylist():
            number += 1
            yield _row_page(source, number, row, fields)


def _read_warc(name: str, handle=None) -> Iterator[InputPage | ReadFailure | Skipped]:
    """HTTP response records of a WARC file; requests, metadata and the like are not pages.

    Only successful (2xx) HTML responses are pages: a redirect or an error
    page is skipped, counted under its status (``http_301``, ``http_404``).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    with handle if handle is not None else open(name, "rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                number += 1
                headers = record.http_headers
                content_type = headers.get_header("Content-Type") if headers is not None else None
                status = _http_status(headers)
                if status is not None and not 200 <= status < 300:
                    yield Skipped(name, number, f"http_{status}")
                    continue
                if "html" not in (content_type or "text/html").lower():
                    yield Skipped(name, number, "not_html")
                    continue
                try:
                    content = record.content_stream().read()
                except Exception as error:  # a truncated or badly encoded payload: report, go on
                    yield ReadFailure(name, number, f"cannot read payload: {error}")
                    continue
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                yield InputPage(
                    name, number, content, "html",
                    id=record_id,
                    url=record.rec_headers.get_header("WARC-Target-URI") or declared_url(content),
                    content_type=content_type,
                    http_status=status,
                    warc_date=record.rec_headers.get_header("WARC-Date"),
                    warc_record_id=record_id,
                )
        except ArchiveLoadFailed as error:
            yield ReadFailure(name, number + 1, f"not a readable WARC record: {error}")


def _http_status(headers) -> int | None:
    if headers is None:
        return None
    try:
        return int(headers.get_statuscode())
    except (TypeError, ValueError):
        return None


def jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSONL file (.gz/.zst too); a bad line raises ValueError naming file and line."""
    with open_read(Path(path)) as handle:
        for number, row, error in _parsed_lines(handle):
            if error or not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: {error or 'expected an object'}")
            yield row
