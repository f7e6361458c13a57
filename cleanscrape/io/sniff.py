"""What a stream holds, told from its first bytes: stdin takes every format a file does."""

from __future__ import annotations

import gzip
import io
import json
from typing import BinaryIO

import regex

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
#: Bytes read to tell the format (a JSONL first line may be longer: then it is read to its end).
SNIFF_BYTES = 65536
#: How one JSON document of rows opens: an array of objects (or an empty one), or an object whose
#: first key is on a line of its own. Text that opens with "[" ("[Editor's note]") does not.
_JSON_DOCUMENT = regex.compile(rb"\[\s*[{\]]|\{\s*\"")


class PrefixedStream(io.RawIOBase):
    """A stream whose first bytes were already read: they are given back first, then the rest."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        # read1: what a pipe has now, so lines stream through as they come
        data = getattr(self._rest, "read1", self._rest.read)(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _head(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes, reading on until there are that many or the stream ends (a pipe gives less)."""
    parts, got = [], 0
    while got < size:
        chunk = stream.read(size - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _rewound(stream: BinaryIO, head: bytes) -> BinaryIO:
    return io.BufferedReader(PrefixedStream(head, stream), buffer_size=SNIFF_BYTES)


def decompressed(stream: BinaryIO) -> BinaryIO:
    """The stream, gunzipped or un-zstd'ed when its first bytes say it is compressed."""
    head = _head(stream, 4)
    stream = _rewound(stream, head)
    if head.startswith(GZIP_MAGIC):
        return io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"))
    if head.startswith(ZSTD_MAGIC):
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True))
    return stream


def sniff_format(head: bytes) -> str:
    """"warc", "parquet", "jsonl", "json" (one document, as a .json file) or "page" (HTML or text, which the
    cleaner tells apart) from a stream's first bytes."""
    if head.startswith((b"WARC/", b"\xef\xbb\xbfWARC/")):
        return "warc"
    if head.startswith(b"PAR1"):
        return "parquet"
    first = head.lstrip().split(b"\n", 1)[0].strip()
    if first.startswith(b"{") and first.endswith(b"}"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (json.JSONDecodeError, UnicodeDecodeError):
            pass
    if _JSON_DOCUMENT.match(head.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()):
        return "json"
    return "page"


def sniff_stdin(stream: BinaryIO, named: str = "auto") -> tuple[str, BinaryIO]:
    """(format, decompressed stream) of stdin; ``named`` (``--stdin-format``) overrides the sniffed format.

    Parquet needs to seek, so a Parquet stream is read into memory.
    """
    stream = decompressed(stream)
    if named == "auto":
        head = _head(stream, SNIFF_BYTES)
        if b"\n" not in head:  # a JSONL first line longer than the sniff: read on to its end
            head += stream.readline()
        kind = sniff_format(head)
        stream = _rewound(stream, head)
    else:
        kind = named
    if kind == "parquet":
        return kind, io.BytesIO(stream.read())
    return kind, stream
