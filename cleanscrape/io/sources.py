"""Input pages from files, folders, globs and stdin, in every format the CLI reads.

Each input yields, in order, an :class:`InputPage` per page it holds or a
:class:`ReadFailure` naming the source and line or offset that could not be
read, so that nothing read goes unaccounted for.
"""

from __future__ import annotations

import errno
import fnmatch
import functools
import glob
import io
import json
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compression import DEFAULT_MAX_RECORD_BYTES, DecompressedTooLarge, open_read, read_whole, strip_compression
from .page_url import declared_url
from .sniff import sniff_stdin

try:  # a corrupt zstd frame raises zstandard's own error, not an OSError
    from zstandard import ZstdError as _ZstdError

    ZSTD_ERRORS: tuple[type[BaseException], ...] = (_ZstdError,)
except ImportError:  # pragma: no cover - depends on the install
    ZSTD_ERRORS = ()

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
STDIN_FORMATS = ("auto", "jsonl", "json", "warc", "parquet", "html", "page")
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


def expand(inputs, folder_glob: str | None = None) -> Iterator[str]:
    """The file names of :func:`expand_inputs`, without what a folder walk could not read."""
    return (found for found in expand_inputs(inputs, folder_glob) if isinstance(found, str))


def expand_inputs(inputs, folder_glob: str | None = None) -> Iterator[str | ReadFailure | Skipped]:
    """Files named, globbed, or found below folders (in path order); "-" stays stdin.

    A folder gives its page and corpus files (``FOLDER_ENDINGS``, plain or
    compressed), or the files matching ``folder_glob`` (``"*.json"``) below it.
    What a folder walk cannot read is never passed over in silence: an
    unreadable subfolder is a ReadFailure; a dangling or looping symlink, a
    FIFO, socket or device (reading one could hang) is Skipped. An item
    already read or skipped passes through as it is.
    """
    for name in inputs:
        if not isinstance(name, str):
            yield name
        elif name == "-":
            yield name
        elif Path(name).is_dir():
            yield from _walk_folder(name, folder_glob)
        elif any(ch in name for ch in "*?[") and not Path(name).exists():
            matches = sorted(glob.glob(name, recursive=True))
            yield from matches if matches else [name]
        else:
            yield name


def _walk_folder(root: str, folder_glob: str | None) -> Iterator[str | ReadFailure | Skipped]:
    """Depth first, entries sorted by name (the order of sorted paths); symlinked folders are followed, loops reported."""

    def wanted(path: str) -> bool:
        if folder_glob is None:
            return strip_compression(os.path.basename(path).lower()).endswith(FOLDER_ENDINGS)
        relative = Path(os.path.relpath(path, root)).as_posix()
        return fnmatch.fnmatch(os.path.basename(path), folder_glob) if "/" not in folder_glob else (
            fnmatch.fnmatch(relative, folder_glob) or fnmatch.fnmatch(relative, "*/" + folder_glob)
        )

    def walk(folder: str, ancestors: frozenset[tuple[int, int]]) -> Iterator[str | ReadFailure | Skipped]:
        try:
            status = os.stat(folder)
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError as error:
            yield ReadFailure(folder, 0, f"cannot read folder: {error.strerror or error}")
            return
        inside = ancestors | {(status.st_dev, status.st_ino)}
        for entry in entries:
            try:
                is_folder = entry.is_dir()  # follows a symlink
            except OSError:
                is_folder = False
            if is_folder:
                try:
                    target = os.stat(entry.path)
                except OSError as error:
                    yield ReadFailure(entry.path, 0, f"cannot read folder: {error.strerror or error}")
                    continue
                if (target.st_dev, target.st_ino) in inside:
                    yield Skipped(entry.path, 0, "symlink_loop")
                else:
                    yield from walk(entry.path, inside)
                continue
            if not wanted(entry.path):
                continue
            try:
                target = os.stat(entry.path)
            except FileNotFoundError:
                yield Skipped(entry.path, 0, "dangling_symlink")
                continue
            except OSError as error:
                reason = "symlink_loop" if error.errno == errno.ELOOP else None
                yield Skipped(entry.path, 0, reason) if reason else ReadFailure(entry.path, 0, f"cannot read: {error.strerror or error}")
                continue
            if stat.S_ISREG(target.st_mode):
                yield entry.path
            else:  # a FIFO, socket or device: reading it could block the run for ever
                yield Skipped(entry.path, 0, "not_a_regular_file")

    yield from walk(root, frozenset())


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
    for name in expand_inputs(inputs, folder_glob):
        if not isinstance(name, str):
            yield name
        elif name == "-":
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
            yield from _read_json(name, fields, handle, max_record_bytes)
        elif kind == "warc":
            yield from _read_warc(name, handle)
        elif kind == "parquet":
            yield from read_parquet_rows(name if handle is None else handle, fields, source=name)
        else:
            content = handle.read() if handle is not None else read_page_bytes(name, max_record_bytes)
            yield _page_file(name, content, "html" if kind == "html" else "auto")
    except (OSError, EOFError, ValueError, *ZSTD_ERRORS) as error:
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


def _long_integer(digits: str) -> int | str:
    """An integer too long for Python to convert (over 4,300 digits) is kept as its digits."""
    try:
        return int(digits)
    except ValueError:
        return digits


def _no_constant(name: str) -> None:
    """NaN, Infinity and -Infinity are not JSON (RFC 8259): such a value is read as null."""
    return None


def parse_json_line(raw: bytes | str) -> Any:
    """One JSON value; values JSON cannot hold or Python cannot convert are made safe (see above)."""
    return json.loads(raw, parse_int=_long_integer, parse_constant=_no_constant)


def _parsed_lines(handle, first_line: int = 1) -> Iterator[tuple[int, Any, str | None]]:
    """(line number, parsed value, error message) for each non-blank line of a JSONL stream.

    A line that cannot be parsed (bad JSON, not UTF-8, nested too deeply) is
    an error for that line alone. A stream that stops being readable (a
    truncated or corrupt archive) raises StreamStopped naming the last line read.
    """
    number = first_line - 1
    lines = iter(handle)
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError, ValueError, *ZSTD_ERRORS) as error:
            raise StreamStopped(number, error) from error
        number += 1
        if not raw.strip():
            continue
        try:
            yield number, parse_json_line(raw), None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            yield number, None, f"bad JSON: {error}"
        except RecursionError:
            yield number, None, "bad JSON: nested too deeply to read"
        except ValueError as error:
            yield number, None, f"bad JSON: {error}"


def _read_jsonl(
    name: str, fields: FieldNames, handle=None, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[InputPage | ReadFailure]:
    with handle if handle is not None else open_read(Path(name), max_record_bytes) as stream:
        yield from _jsonl_pages(name, stream, 1, fields)


def _read_json(
    name: str, fields: FieldNames, handle=None, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[InputPage | ReadFailure]:
    """A .json file (or stdin): one document (an array of rows, or one row), else JSON lines."""
    # One document: the limit is the whole file's.
    data = handle.read() if handle is not None else read_whole(Path(name), max_record_bytes)
    try:
        document = parse_json_line(data)
    except (ValueError, RecursionError):  # not one document (bad JSON, not UTF-8, too deep): JSON lines
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
    """Each line's page or error; a stream that stops early ends in one error naming the file, the line and why."""
    cut = zstd_truncation(name) if name != "-" and name.lower().endswith(".zst") else None
    held: InputPage | ReadFailure | None = None  # the last line waits: a cut stream's last line is the cut record
    last = first_line - 1
    try:
        for number, row, error in _parsed_lines(handle, first_line):
            if held is not None:
                yield held
            held = ReadFailure(name, number, error) if error else _row_page(name, number, row, fields)
            last = number
            if cut is None:  # only a cut file holds its last line back (stdin streams line by line)
                yield held
                held = None
    except StreamStopped as stopped:
        if held is not None:
            yield held
        yield ReadFailure(name, stopped.line + 1, stream_stop_message(stopped.error, stopped.line))
        return
    if cut is not None and isinstance(held, ReadFailure):
        held = ReadFailure(name, held.position, f"{cut}; line {held.position} is cut off and nothing after it can be read")
    if held is not None:
        yield held
    if cut is not None and not isinstance(held, ReadFailure):
        yield ReadFailure(name, last + 1, f"{cut}; nothing after line {last} can be read")


class StreamStopped(ValueError):
    """A compressed or archived stream could not be read past ``line``."""

    def __init__(self, line: int, error: BaseException) -> None:
        super().__init__(line, error)
        self.line = line
        self.error = error


def stream_stop_message(error: BaseException, line: int) -> str:
    """Why a stream stopped, in words an operator searches for: truncated, or corrupt."""
    text = str(error) or type(error).__name__
    if isinstance(error, DecompressedTooLarge):  # not damage: the file's rest is refused, unread
        return f"cannot read: {text}"
    cut = isinstance(error, EOFError) or "end-of-stream" in text or "ended" in text
    what = "truncated" if cut else "corrupt"
    return f"{what}: cannot read the file after line {line} ({text})"


def zstd_truncation(name: str) -> str | None:
    """Why a .zst file is cut off (a frame runs past the end of the file), or None if its frames are whole.

    Walks the frame and block headers only (no decompression): zstandard's
    stream reader ends a cut frame as if the file had ended there.
    """
    try:
        with open(name, "rb", buffering=0) as handle:  # a few header bytes per block: no read-ahead
            size = os.fstat(handle.fileno()).st_size
            offset = 0
            while offset < size:
                handle.seek(offset)
                header = handle.read(18)
                if len(header) < 8:
                    return f"truncated: the zstd stream ends inside a frame header at byte {offset}"
                magic = int.from_bytes(header[:4], "little")
                if 0x184D2A50 <= magic <= 0x184D2A5F:  # a skippable frame: magic, size, data
                    offset += 8 + int.from_bytes(header[4:8], "little")
                    continue
                if magic != 0xFD2FB528:
                    return None  # not zstd frames: the decompressor reports it
                descriptor = header[4]
                single_segment = descriptor >> 5 & 1
                checksum = descriptor >> 2 & 1
                dict_id_size = (0, 1, 2, 4)[descriptor & 3]
                fcs_code = descriptor >> 6
                fcs_size = (1 if single_segment else 0, 2, 4, 8)[fcs_code]
                offset += 5 + (0 if single_segment else 1) + dict_id_size + fcs_size
                while True:
                    handle.seek(offset)
                    block = handle.read(3)
                    if len(block) < 3:
                        return f"truncated: the zstd stream ends inside a frame at byte {offset}"
                    value = int.from_bytes(block, "little")
                    last_block, kind, block_size = value & 1, value >> 1 & 3, value >> 3
                    offset += 3 + (1 if kind == 1 else block_size)  # an RLE block holds one byte
                    if offset > size:
                        return f"truncated: the zstd stream ends inside a frame at byte {size}"
                    if last_block:
                        break
                offset += 4 if checksum else 0
                if offset > size:
                    return f"truncated: the zstd stream ends inside a frame at byte {size}"
    except OSError:
        return None  # reading the file reports it
    return None


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
            records = ArchiveIterator(stream)
            records.reader.__class__ = _strict_reader_class()
            for record in records:
                if record.rec_type != "response":
                    cut = _cut_short(record, drain=True)
                    if cut:
                        yield ReadFailure(name, number + 1, f"truncated: {cut}, after record {number}")
                        return
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
                except CorruptArchive:
                    raise
                except Exception as error:  # a badly encoded payload: report, go on
                    yield ReadFailure(name, number, f"cannot read payload: {error}")
                    continue
                cut = _cut_short(record)
                if cut:
                    yield ReadFailure(name, number, f"truncated: {cut} (record {number})")
                    return
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
            unread = _unread_bytes(stream, records.offset) if handle is None else 0
            if unread:
                yield ReadFailure(name, number + 1, f"truncated: the last {unread} bytes are a record cut off in its headers")
        except CorruptArchive as error:
            yield ReadFailure(name, number + 1, f"corrupt: the file cannot be read from record {number + 1} on ({error})")
        except ArchiveLoadFailed as error:
            detail = str(error).split(",")[0]  # its first line of raw bytes says nothing to an operator
            yield ReadFailure(name, number + 1, f"corrupt: record {number + 1} is not a readable WARC record ({detail})")
        except Exception as error:  # warcio on a record cut or garbled in its headers fails in its own ways
            yield ReadFailure(
                name, number + 1, f"corrupt: the file cannot be read from record {number + 1} on ({type(error).__name__}: {error})"
            )


def _cut_short(record, drain: bool = False) -> str | None:
    """Why a record is incomplete (the file ends inside it), or None; ``drain`` reads a record not kept to its end."""
    if record.format == "warc" and record.rec_headers.get_header("Content-Length") is None:
        return "a record has no Content-Length (its headers are cut off)"
    if drain:
        while record.raw_stream.read(65536):
            pass
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        return f"the file ends inside a record, {missing} bytes short of its length"
    return None


def _unread_bytes(stream, offset: int) -> int:
    """Bytes after the last whole record that hold more than blank lines (a record cut in its headers)."""
    try:
        size = os.fstat(stream.fileno()).st_size
        if offset >= size:
            return 0
        stream.seek(offset)
        return 0 if not stream.read(4096).strip() else size - offset
    except (OSError, ValueError, AttributeError):
        return 0


class CorruptArchive(Exception):
    """A compressed WARC member that does not decompress (warcio would print the error and go on as if it had ended)."""


@functools.cache
def _strict_reader_class():
    from warcio.bufferedreaders import DecompressingBufferedReader

    class StrictDecompressingReader(DecompressingBufferedReader):
        def _decompress(self, data):
            if self.decompressor and data and self.num_block_read:
                try:
                    return self.decompressor.decompress(data)
                except Exception as error:
                    raise CorruptArchive(str(error)) from error
            return super()._decompress(data)

    return StrictDecompressingReader


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
