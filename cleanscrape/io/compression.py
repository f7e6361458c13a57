"""Transparent .gz and .zst: open a path for reading or writing by its ending."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import BinaryIO


def strip_compression(name: str) -> str:
    for ending in (".gz", ".zst"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def open_read(path: Path) -> BinaryIO:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    if path.name.endswith(".zst"):
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(path.open("rb"), read_across_frames=True, closefd=True)
        return io.BufferedReader(reader)
    return path.open("rb")


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
