"""Transparent .gz and .zst: open a path for reading or writing by its ending.

A compressed input is read with a limit on what one record decompresses to (a
line of JSONL, or a whole page file): a few KB of gzip or zstd can decompress to
gigabytes (a "bomb"), and a line or page is held in memory whole. A record past
the limit raises :class:`DecompressedTooLarge` (a ValueError, so the readers
report it as an input that cannot be read) before it is held.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import BinaryIO


#: The most bytes one record (a JSONL line, a page file) of a compressed input may
#: decompress to; ``cleanscrape clean --max-decompressed-mb``. A web page is rarely
#: over 10 MB; past this it is a bomb or not a page.
DEFAULT_MAX_RECORD_BYTES = 256 * 2**20


class DecompressedTooLarge(ValueError):
    """A record of a compressed input decompresses to more than the limit."""


def is_compressed(name: str) -> bool:
    return strip_compression(name) != name


def strip_compression(name: str) -> str:
    for ending in (".gz", ".zst"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def open_read(path: Path, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES) -> BinaryIO:
    """``path`` for reading, decompressed by its ending; in a compressed file no line may
    decompress to more than ``max_record_bytes`` (None: no limit)."""
    if path.name.endswith(".gz"):
        stream = gzip.open(path, "rb")
    elif path.name.endswith(".zst"):
        import zstandard

        stream = zstandard.ZstdDecompressor().stream_reader(path.open("rb"), read_across_frames=True, closefd=True)
    else:
        return path.open("rb")
    if max_record_bytes is None:
        return io.BufferedReader(stream)
    return io.BufferedReader(_LineLimit(stream, max_record_bytes, path.name))


def read_whole(path: Path, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES) -> bytes:
    """A whole file (one page), decompressed by its ending; a compressed one may decompress
    to ``max_record_bytes`` at most (None: no limit)."""
    with open_read(path, max_record_bytes) as handle:
        if max_record_bytes is None or not is_compressed(path.name):
            return handle.read()
        data = handle.read(max_record_bytes + 1)
    if len(data) > max_record_bytes:
        raise DecompressedTooLarge(_too_large(path.name, max_record_bytes))
    return data


class _LineLimit(io.RawIOBase):
    """A decompressed stream that raises once a line grows past ``limit`` bytes, counted as
    the bytes are decompressed, so a bomb is refused before it is held."""

    def __init__(self, stream, limit: int, name: str) -> None:
        self._stream, self._limit, self._name = stream, limit, name
        self._line_bytes = 0  # bytes since the last newline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._stream.readinto(buffer)
        if count:
            newline = bytes(memoryview(buffer)[:count]).rfind(b"\n")
            self._line_bytes = count - newline - 1 if newline >= 0 else self._line_bytes + count
            if self._line_bytes > self._limit:
                raise DecompressedTooLarge(_too_large(self._name, self._limit))
        return count

    def close(self) -> None:
        self._stream.close()
        super().close()


def _too_large(name: str, limit: int) -> str:
    return f"{name}: a record decompresses to more than {limit / 2**20:g} MB (a compression bomb?); see --max-decompressed-mb"


def open_write(path: Path, final_name: str, append: bool = False) -> BinaryIO:
    """Open ``path`` for writing, compressed as ``final_name``'s ending says.

    Appending to a compressed file adds a new member (gzip) or frame (zstd);
    both formats read such files as one stream.
    """
    mode = "ab" if append else "wb"
    if final_name.endswith(".gz"):
        # zlib's default level: level 9 (gzip.open's default) costs about twice the time for ~2% smaller files.
        return gzip.open(path, mode, compresslevel=6)
    if final_name.endswith(".zst"):
        import zstandard

        # Closing the writer ends the frame, then closes the file.
        return zstandard.ZstdCompressor().stream_writer(path.open(mode), closefd=True)
    return path.open(mode)
