"""Output files written atomically: rows go to ``NAME.partial``, renamed to NAME when the run ends.

An interrupted run leaves the ``.partial`` file; ``resume=True`` keeps the
rows in it (dropping a torn last row) and appends the rest, so a resumed run
neither loses nor repeats a record. Tasks that may run twice at once (a
cluster retrying a task it thought lost) each give their own ``partial``
name; the last rename wins, and both wrote the same rows.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from ..schema import arrow_schema, conform
from .compression import open_read, open_write, strip_compression

PARTIAL = ".partial"


class JsonlSink:
    """JSON lines to stdout ("-") or to a file (.gz and .zst by its ending), each row in the output schema."""

    def __init__(self, name: str, resume: bool = False, partial: str | None = None) -> None:
        self.name = name
        self.done_keys: set[str] = set()
        if name == "-":
            self._handle = None
            return
        self._final = Path(name)
        self._partial = Path(partial or name + PARTIAL)
        kept: list[tuple[bytes, str]] = []
        if resume and self._partial.exists():
            kept = _complete_rows(self._partial)
            self.done_keys = {source for _, source in kept}
        self._handle = open_write(self._partial, name)
        for raw, _ in kept:
            self._handle.write(raw)

    def write(self, row: dict[str, Any]) -> None:
        line = json.dumps(conform(row), ensure_ascii=False) + "\n"
        if self._handle is None:
            sys.stdout.write(line)
        else:
            self._handle.write(line.encode("utf-8"))

    def finish(self) -> None:
        """Close and move the finished file into place."""
        if self._handle is None:
            sys.stdout.flush()
            return
        self._handle.close()
        os.replace(self._partial, self._final)

    def abort(self) -> None:
        """Close, leaving the .partial file for a later --resume."""
        if self._handle is not None and not self._handle.closed:
            self._handle.close()

    def discard(self) -> None:
        """Close and delete the unfinished file (a task that failed and will run again)."""
        self.abort()
        if self._handle is not None:
            self._partial.unlink(missing_ok=True)


def _complete_rows(path: Path) -> list[tuple[bytes, str]]:
    """Rows of an interrupted run, each with its ``source``, up to the first one that was cut off."""
    rows: list[tuple[bytes, str]] = []
    try:
        with open_read(path) as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    break
                try:
                    source = json.loads(raw)["source"]
                except (json.JSONDecodeError, KeyError, TypeError):
                    break
                rows.append((raw, source))
    except (EOFError, OSError, ValueError):
        pass  # a compressed stream cut mid-block ends the readable rows
    return rows


class ParquetSink:
    """Rows to a Parquet file in row groups, with the output schema's Arrow schema."""

    BATCH = 1000

    def __init__(self, name: str, resume: bool = False, partial: str | None = None) -> None:
        if resume:
            raise ValueError("--resume works with JSONL output only; Parquet files cannot be appended to")
        self.name = name
        self.done_keys: set[str] = set()
        self._final = Path(name)
        self._partial = Path(partial or name + PARTIAL)
        self._rows: list[dict[str, Any]] = []
        self._schema = arrow_schema()
        self._writer = None

    def write(self, row: dict[str, Any]) -> None:
        self._rows.append(conform(row))
        if len(self._rows) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self._partial, self._schema)
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
        self._rows = []

    def finish(self) -> None:
        if self._rows or self._writer is None:
            self._flush()
        self._writer.close()
        os.replace(self._partial, self._final)

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()

    def discard(self) -> None:
        self.abort()
        self._partial.unlink(missing_ok=True)


def open_sink(name: str, resume: bool = False, partial: str | None = None):
    if strip_compression(name.lower()).endswith(".parquet"):
        return ParquetSink(name, resume, partial)
    return JsonlSink(name, resume, partial)
