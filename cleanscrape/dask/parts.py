"""An output written by many tasks: a folder of part files, ``part-00000.jsonl`` and on, one per shard.

The parts, read in name order, hold the records in input order: joined,
they are the file a single-machine run writes. Each part is written to a
temporary name of its own and renamed when complete, so a task that runs
again (its worker died) replaces its part rather than adding to it.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from ..io.compression import strip_compression
from ..io.sinks import PARTIAL, open_sink
from ..io.sources import JSONL_ENDINGS

PART_DIGITS = 5


class PartFiles:
    def __init__(self, folder: str | Path, ending: str) -> None:
        self.folder = Path(folder)
        self.ending = ending

    @classmethod
    def named_like(cls, output: str) -> PartFiles:
        """Parts in the folder ``output``, in the format its name says (``out.jsonl.gz`` -> ``part-00000.jsonl.gz``)."""
        if output == "-":
            raise ValueError("output on a cluster is a folder of part files, not '-'")
        name = output.lower().rstrip("/")
        compression = name[len(strip_compression(name)):]
        base = strip_compression(name)
        if base.endswith(".parquet"):
            return cls(output, ".parquet")
        ending = next((ending for ending in JSONL_ENDINGS if base.endswith(ending)), ".jsonl")
        return cls(output, ending + compression)

    def check_new(self) -> None:
        """Refuse a folder that already holds files: stale parts would join the output."""
        if self.folder.exists() and (not self.folder.is_dir() or any(self.folder.iterdir())):
            raise ValueError(f"{self.folder} exists and is not an empty folder; parts would mix with what is there")

    def create(self) -> PartFiles:
        self.check_new()
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def part(self, number: int) -> str:
        return str(self.folder / f"part-{number:0{PART_DIGITS}d}{self.ending}")

    def parts(self) -> list[Path]:
        return sorted(self.folder.glob(f"part-*{self.ending}"))

    def remove_partials(self) -> None:
        """Drop what attempts that died mid-write left behind."""
        for leftover in self.folder.glob(f"*{PARTIAL}"):
            leftover.unlink()

    def remove(self) -> None:
        shutil.rmtree(self.folder)


def open_part(name: str):
    """A sink for one part, written under a temporary name no other attempt at the same part uses."""
    return open_sink(name, partial=f"{name}.{uuid.uuid4().hex[:12]}{PARTIAL}")


@contextlib.contextmanager
def written_parts(part: str, reject_part: str | None) -> Iterator[tuple]:
    """Sinks for one part and its rejects part: both finished (renamed) on success, both discarded on failure."""
    sink = open_part(part)
    reject_sink = open_part(reject_part) if reject_part else None
    try:
        yield sink, reject_sink
    except BaseException:
        for unfinished in (sink, reject_sink):
            if unfinished is not None:
                unfinished.discard()
        raise
    sink.finish()
    if reject_sink is not None:
        reject_sink.finish()
