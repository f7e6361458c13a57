"""Output files written atomically: rows go to ``NAME.partial``, renamed to NAME when the run ends.

An interrupted run leaves the ``.partial`` file; ``resume=True`` keeps the
rows in it (dropping a torn last row) and appends the rest, so a resumed run
neither loses nor repeats a record. Tasks that may run twice at once (a
cluster retrying a task it thought lost) each give their own ``partial``
name; the last rename wins, and both wrote the same rows.

A ``.partial`` file is held under an exclusive lock while it is written
(a second run on the same output fails at once), is never a symlink, and
compressed output is written as independent gzip members or zstd frames of
at most ``FLUSH_ROWS`` rows, so a killed run leaves every row before the
last flush readable for ``--resume``.
"""

from __future__ import annotations

import datetime
import decimal
import errno
import fcntl
import gzip
import json
import math
import os
import re
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..schema import arrow_schema, conform
from .compression import strip_compression

PARTIAL = ".partial"
#: Rows per gzip member or zstd frame of compressed output: what a kill can take back from --resume.
FLUSH_ROWS = 100
#: ... or fewer rows when they reach this many bytes, or have waited this many seconds (a slow run).
FLUSH_BYTES = 2**20
FLUSH_SECONDS = 10.0
#: Values nested deeper than this in a row are not written (the row is an error).
MAX_DEPTH = 200
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class RowNotWritable(ValueError):
    """A row holds values that cannot be written as JSON even made safe; it is an error for that record alone."""


class OutputBusy(ValueError):
    """Another run is writing the same output, or its ``.partial`` is a symlink."""


def encode_row(row: dict[str, Any]) -> bytes:
    """One JSON line (UTF-8) in the output schema; values JSON or UTF-8 cannot hold are made safe.

    Made safe rather than refused, because each is a value of the input the
    record can live without: a lone surrogate (``"\\ud800"`` in JSON, or a
    file name that is not UTF-8) becomes U+FFFD, as invalid UTF-8 in a page
    does; NaN and Infinity become null (JSON has no such numbers); an integer
    too long to print, its decimal digits if it has them, else null;
    dates and times become ISO 8601 strings, decimals strings, bytes
    UTF-8 text. A row nested too deeply to write raises RowNotWritable.
    """
    try:
        line = json.dumps(conform(row), ensure_ascii=False, allow_nan=False)
        return (line + "\n").encode("utf-8")
    except (ValueError, TypeError, UnicodeError, RecursionError):
        pass
    try:
        line = json.dumps(conform(made_safe(row)), ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError, UnicodeError, RecursionError) as error:
        raise RowNotWritable(f"record cannot be written as JSON: {type(error).__name__}: {error}") from None
    return (line + "\n").encode("utf-8")


def made_safe(value: Any, depth: int = 0) -> Any:
    """``value`` with every part JSON and UTF-8 can hold (see :func:`encode_row`)."""
    if depth > MAX_DEPTH:
        raise RowNotWritable(f"record cannot be written: values nested more than {MAX_DEPTH} deep")
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        try:
            str(value)
        except ValueError:
            return None
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {made_safe(str(key), depth + 1): made_safe(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [made_safe(item, depth + 1) for item in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value) if value.is_finite() else None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    return made_safe(str(value), depth + 1)


def lock_partial(partial: Path, final: str) -> int:
    """Open (creating) ``partial`` without following a symlink, and hold an exclusive lock on it: a file descriptor."""
    try:
        fd = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OutputBusy(f"{partial} is a symlink; refusing to write {final} through it (remove it first)") from None
        raise
    try:
        # A POSIX record lock, not flock: worker processes forked later do not inherit it, so a worker
        # that outlives a killed run cannot keep its --resume out.
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise OutputBusy(f"{final} is being written by another run ({partial} is locked); wait for it or choose another -o") from None
        raise
    return fd


def _compression_of(name: str) -> str | None:
    lowered = name.lower()
    return "gz" if lowered.endswith(".gz") else "zst" if lowered.endswith(".zst") else None


class JsonlSink:
    """JSON lines to stdout ("-") or to a file (.gz and .zst by its ending), each row in the output schema.

    After a resume, ``done_keys`` counts the rows already written by source
    (an input listed twice has its keys twice) and ``done_ids`` holds their ids.
    """

    def __init__(self, name: str, resume: bool = False, partial: str | None = None,
                 resume_until_dropped: str | Callable[[dict[str, Any]], bool] | None = None) -> None:
        self.name = name
        self.done_keys: Counter[str] = Counter()
        self.done_ids: set[str] = set()
        self._handle = None
        if name == "-":
            return
        self._final = Path(name)
        self._partial = Path(partial or name + PARTIAL)
        self._compression = _compression_of(name)
        fd = lock_partial(self._partial, name)
        self._handle = os.fdopen(fd, "r+b")
        keep = _resume_point(self._handle, self._compression, self.done_keys, self.done_ids, resume_until_dropped) if resume else 0
        self._handle.truncate(keep)
        self._handle.seek(keep)
        self._pending: list[bytes] = []
        self._pending_bytes = 0
        self._flushed_at = time.monotonic()

    def write(self, row: dict[str, Any]) -> None:
        """Write one row; a row that cannot be written raises RowNotWritable and nothing of it is written."""
        line = encode_row(row)
        if self._handle is None:
            sys.stdout.write(line.decode("utf-8"))
        elif self._compression is None:
            self._handle.write(line)
        else:
            self._pending.append(line)
            self._pending_bytes += len(line)
            if (len(self._pending) >= FLUSH_ROWS or self._pending_bytes >= FLUSH_BYTES
                    or time.monotonic() - self._flushed_at >= FLUSH_SECONDS):
                self._flush_member()

    def _flush_member(self) -> None:
        """The rows waiting, as one independent gzip member or zstd frame, handed to the OS."""
        if not self._pending:
            return
        data = b"".join(self._pending)
        if self._compression == "gz":
            # zlib's default level: level 9 costs about twice the time for ~2% smaller files.
            member = gzip.compress(data, compresslevel=6, mtime=0)
        else:
            import zstandard

            member = zstandard.ZstdCompressor(write_checksum=True).compress(data)
        self._handle.write(member)
        self._handle.flush()
        self._pending, self._pending_bytes = [], 0
        self._flushed_at = time.monotonic()

    def flush(self) -> None:
        """Hand every row written so far to the OS (compressed: end the member or frame)."""
        if self._handle is None:
            sys.stdout.flush()
            return
        self._flush_member()
        self._handle.flush()

    def finish(self) -> None:
        """Close and move the finished file into place."""
        self.flush()
        if self._handle is None:
            return
        os.replace(self._partial, self._final)
        self._handle.close()  # the lock is held until the file has its final name

    def abort(self) -> None:
        """Close, leaving the .partial file for a later --resume (rows not yet flushed are written first)."""
        if self._handle is not None and not self._handle.closed:
            try:
                self._flush_member()
            finally:
                self._handle.close()

    def discard(self) -> None:
        """Close and delete the unfinished file (a task that failed and will run again)."""
        if self._handle is not None and not self._handle.closed:
            self._pending = []
            self._handle.close()
        if self._handle is not None:
            self._partial.unlink(missing_ok=True)


def _resume_point(handle, compression: str | None, done: Counter, ids: set[str], until_dropped=None) -> int:
    """Bytes of an interrupted run's file worth keeping: whole rows (uncompressed) or whole members
    (compressed) up to the first one cut off or unreadable, or dropped as ``until_dropped`` (a reason,
    or a test of the row: the rows a later pass of the run wrote, which it writes again).
    Counts their sources in ``done`` and their ids in ``ids``. Reads the file as a stream:
    memory does not grow with its size."""
    handle.seek(0)
    if compression is None:
        keep = 0
        for raw in handle:
            row = _row_key(raw, until_dropped)
            if row is None:
                break
            done[row[0]] += 1
            if row[1] is not None:
                ids.add(row[1])
            keep += len(raw)
        return keep
    return _whole_members(handle, compression, done, ids, until_dropped)


def _row_key(raw: bytes, until_dropped=None) -> tuple[str, str | None] | None:
    """(source, id) of one written line, or None if it was cut off, is not a row, or was dropped as ``until_dropped``."""
    if not raw.endswith(b"\n"):
        return None
    try:
        row = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(row, dict) or not isinstance(row.get("source"), str):
        return None
    if until_dropped is not None and (until_dropped(row) if callable(until_dropped) else row.get("dropped") == until_dropped):
        return None
    return row["source"], row.get("id") if isinstance(row.get("id"), str) else None


def _decompressor(compression: str):
    if compression == "gz":
        return zlib.decompressobj(wbits=31)
    import zstandard

    return zstandard.ZstdDecompressor().decompressobj()


def _whole_members(handle, compression: str, done: Counter, ids: set[str], until_dropped) -> int:
    keep = 0  # end of the last whole member whose rows are all whole
    position = 0  # file offset where ``data`` starts
    data = b""
    decompressor = _decompressor(compression)
    rows: list[tuple[str, str | None]] = []
    tail = b""
    while True:
        if not data:
            data = handle.read(2**16)
            if not data:
                return keep
        try:
            out = decompressor.decompress(data)
        except Exception:  # corrupt: keep what came before
            return keep
        lines = (tail + out).split(b"\n")
        tail = lines.pop()
        for line in lines:
            row = _row_key(line + b"\n", until_dropped)
            if row is None:
                return keep
            rows.append(row)
        if not decompressor.eof:
            position += len(data)
            data = b""
            continue
        rest = decompressor.unused_data
        member_end = position + len(data) - len(rest)
        if tail:  # a member that ends inside a row is not ours
            return keep
        for source, row_id in rows:
            done[source] += 1
            if row_id is not None:
                ids.add(row_id)
        keep, position, data = member_end, member_end, rest
        rows = []
        decompressor = _decompressor(compression)


class ParquetSink:
    """Rows to a Parquet file in row groups, with the output schema's Arrow schema."""

    BATCH = 1000

    def __init__(self, name: str, resume: bool = False, partial: str | None = None, **_ignored) -> None:
        if resume:
            raise ValueError("--resume works with JSONL output only; Parquet files cannot be appended to")
        self.name = name
        self.done_keys: Counter[str] = Counter()
        self.done_ids: set[str] = set()
        self._final = Path(name)
        self._partial = Path(partial or name + PARTIAL)
        self._file = os.fdopen(lock_partial(self._partial, name), "r+b")
        self._file.truncate(0)
        self._rows: list[dict[str, Any]] = []
        self._schema = arrow_schema()
        self._writer = None

    def write(self, row: dict[str, Any]) -> None:
        """Keep one row for the next row group; values Arrow cannot hold are made safe as in JSON output."""
        try:
            safe = made_safe(row)
        except RecursionError:
            raise RowNotWritable(f"record cannot be written: values nested more than {MAX_DEPTH} deep") from None
        self._rows.append(conform(safe))
        if len(self._rows) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self._file, self._schema)
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
        self._rows = []

    def flush(self) -> None:
        """Nothing to do: rows are kept for the next row group, written when a resume could not use them anyway."""

    def finish(self) -> None:
        if self._rows or self._writer is None:
            self._flush()
        self._writer.close()
        self._file.flush()
        os.replace(self._partial, self._final)
        self._file.close()  # the lock is held until the file has its final name

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if not self._file.closed:
            self._file.close()

    def discard(self) -> None:
        self.abort()
        self._partial.unlink(missing_ok=True)


def open_sink(name: str, resume: bool = False, partial: str | None = None, resume_until_dropped=None):
    """A sink for ``name`` by its ending; ``resume_until_dropped`` (JSONL: a reason, or a test of the row) keeps
    resumed rows only up to the first so dropped."""
    if strip_compression(name.lower()).endswith(".parquet"):
        return ParquetSink(name, resume, partial)
    return JsonlSink(name, resume, partial, resume_until_dropped)
