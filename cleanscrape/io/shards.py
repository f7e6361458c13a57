"""The inputs cut into shards: the unit of work when a cluster cleans them.

A shard is a run of whole files (pages, compressed JSONL, WARC), a byte
range of an uncompressed JSONL file, or some row groups of a Parquet file.
Its pages keep the keys (``file:line``, ``file:row``) that reading the whole
inputs gives them, so records do not depend on how the inputs were cut.
Shards come in input order: their outputs, joined in order, are one run's.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .compression import strip_compression
from .sources import (
    FieldNames,
    Item,
    ReadFailure,
    Skipped,
    expand_inputs,
    format_of,
    read_file,
    read_jsonl_range,
    read_parquet_rows,
)

#: Bytes of input per shard: tens of seconds of cleaning for one worker, so that a
#: task's start-up is small beside its work, and enough shards that every worker
#: stays busy to the end.
DEFAULT_SHARD_BYTES = 8 * 2**20


@dataclass(frozen=True, slots=True)
class WholeFiles:
    names: tuple[str, ...]

    def read(self, fields: FieldNames) -> Iterator[Item]:
        for name in self.names:
            yield from read_file(name, fields, format_of(name))


@dataclass(frozen=True, slots=True)
class JsonlRange:
    """Bytes ``start:end`` of a JSONL file; ``start`` is where a line begins, numbered ``first_line``."""

    name: str
    start: int
    end: int
    first_line: int

    def read(self, fields: FieldNames) -> Iterator[Item]:
        try:
            yield from read_jsonl_range(self.name, self.start, self.end, self.first_line, fields)
        except (OSError, ValueError) as error:
            yield ReadFailure(self.name, 0, f"cannot read: {error}")


@dataclass(frozen=True, slots=True)
class ParquetRowGroups:
    name: str
    row_groups: tuple[int, ...]
    first_row: int

    def read(self, fields: FieldNames) -> Iterator[Item]:
        try:
            yield from read_parquet_rows(self.name, fields, list(self.row_groups), self.first_row)
        except (OSError, ValueError) as error:
            yield ReadFailure(self.name, 0, f"cannot read: {error}")


@dataclass(frozen=True, slots=True)
class FolderProblems:
    """What walking the input folders could not read (an unreadable subfolder, a dangling symlink, a FIFO)."""

    items: tuple[ReadFailure | Skipped, ...]

    def read(self, fields: FieldNames) -> Iterator[Item]:
        yield from self.items


Shard = WholeFiles | JsonlRange | ParquetRowGroups | FolderProblems
#: An uncompressed JSONL file's bytes ``start:end``, before its lines are numbered.
ByteRange = tuple[str, int, int]


def newlines(byte_range: ByteRange) -> int:
    """Newlines in a file's bytes ``start:end`` (read in blocks: a range may be large)."""
    name, start, end = byte_range
    count = 0
    with open(name, "rb") as handle:
        handle.seek(start)
        while start < end:
            block = handle.read(min(2**20, end - start))
            if not block:
                break
            count += block.count(b"\n")
            start += len(block)
    return count


def plan_shards(
    inputs: Sequence[str],
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    count_newlines: Callable[[list[ByteRange]], list[int]] = lambda ranges: [newlines(r) for r in ranges],
) -> list[Shard]:
    """Cut the inputs into shards of about ``shard_bytes``, in input order.

    Numbering the lines of a JSONL range needs the lines of every range
    before it; ``count_newlines`` counts all ranges at once, and a cluster
    passes one that counts them in parallel.
    """
    if shard_bytes < 1:
        raise ValueError(f"shard_bytes must be positive, got {shard_bytes}")
    planned: list[Shard | ByteRange] = []
    pages: list[str] = []  # whole page files not yet in a shard
    page_bytes = 0

    def close_pages() -> None:
        nonlocal pages, page_bytes
        if pages:
            planned.append(WholeFiles(tuple(pages)))
        pages, page_bytes = [], 0

    for name in expand_inputs(list(inputs)):
        if not isinstance(name, str):
            close_pages()
            planned.append(FolderProblems((name,)))
            continue
        if name == "-":
            raise ValueError("stdin cannot be cut into shards; give files")
        kind = format_of(name)
        size = _size(name)
        if kind in ("page", "html") or size is None:
            pages.append(name)
            page_bytes += size or 0
            if page_bytes >= shard_bytes:
                close_pages()
            continue
        close_pages()
        compressed = strip_compression(name.lower()) != name.lower()
        if kind == "jsonl" and not compressed:
            planned.extend((name, start, end) for start, end in _line_aligned_ranges(name, size, shard_bytes))
        elif kind == "parquet":
            planned.extend(_row_group_shards(name, shard_bytes))
        else:  # WARC and compressed files are read from the start
            planned.append(WholeFiles((name,)))
    close_pages()
    return _numbered(planned, count_newlines)


def _size(name: str) -> int | None:
    try:
        return os.path.getsize(name)
    except OSError:
        return None  # read as a whole file, which reports why it cannot be read


def _line_aligned_ranges(name: str, size: int, shard_bytes: int) -> list[tuple[int, int]]:
    """Ranges of about ``shard_bytes`` that each start where a line starts; a long line makes a range longer."""
    starts = [0]
    with open(name, "rb") as handle:
        for nominal in range(shard_bytes, size, shard_bytes):
            if nominal <= starts[-1]:
                continue
            handle.seek(nominal - 1)
            position = nominal - 1
            while True:  # the first line start at or after ``nominal``
                block = handle.read(65536)
                if not block:
                    position = size
                    break
                found = block.find(b"\n")
                if found >= 0:
                    position += found + 1
                    break
                position += len(block)
            if position < size:
                starts.append(position)
    return [(start, end) for start, end in zip(starts, [*starts[1:], size]) if end > start]


def _row_group_shards(name: str, shard_bytes: int) -> list[Shard]:
    try:
        import pyarrow.parquet as pq

        metadata = pq.ParquetFile(name).metadata
    except (ImportError, OSError, ValueError):  # no pyarrow, or not Parquet: the whole-file read reports it
        return [WholeFiles((name,))]
    shards: list[Shard] = []
    groups: list[int] = []
    group_bytes, first_row, rows = 0, 1, 0
    for index in range(metadata.num_row_groups):
        group = metadata.row_group(index)
        groups.append(index)
        group_bytes += group.total_byte_size
        rows += group.num_rows
        if group_bytes >= shard_bytes or index == metadata.num_row_groups - 1:
            shards.append(ParquetRowGroups(name, tuple(groups), first_row))
            first_row += rows
            groups, group_bytes, rows = [], 0, 0
    return shards


def _numbered(planned: list[Shard | ByteRange], count_newlines: Callable[[list[ByteRange]], list[int]]) -> list[Shard]:
    ranges = [piece for piece in planned if isinstance(piece, tuple)]
    counts = iter(count_newlines(ranges) if ranges else [])
    lines_before: dict[str, int] = {}
    shards: list[Shard] = []
    for piece in planned:
        if isinstance(piece, tuple):
            name, start, end = piece
            first_line = lines_before.get(name, 0) + 1
            lines_before[name] = first_line - 1 + next(counts)
            shards.append(JsonlRange(name, start, end, first_line))
        else:
            shards.append(piece)
    return shards
