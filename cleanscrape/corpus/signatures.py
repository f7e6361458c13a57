"""MinHash signatures (datasketch) of documents and of short lines, and the scheme that made them.

A document's shingles are word n-grams taken within each line, so moving a
paragraph changes nothing and a changed word changes only the n-grams that
cover it. Signatures made under different schemes cannot be compared; the
scheme travels with them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import multiprocessing
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..minhash import EMPTY, MinHasher, fmix64

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Word tokens and line breaks; in CJK text each CJK character is a token of
# its own, since those scripts put no spaces between words.
_TOKEN = re.compile(rf"[^\W_]+|[{_LINE_BREAKS}]")
_TOKEN_CJK = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+|[{_LINE_BREAKS}]")
_HAS_CJK = re.compile(rf"[{_CJK}]")


@dataclass(frozen=True)
class SignatureScheme:
    """How document signatures are made. Record it beside them; compare only equal schemes."""

    #: MinHash permutations per signature.
    num_perm: int = 128
    #: Seed of the permutations (datasketch's ``seed``).
    seed: int = 1
    #: Words per shingle (n-gram size); a line with fewer words is one shingle.
    #: Three words keep lightly edited copies well above distinct articles of
    #: one site (benchmarks/dedup.py; see DedupConfig.threshold).
    shingle_words: int = 3
    #: datasketch's permutation scheme (its default since 2.0), rebuilt in numpy (:mod:`cleanscrape.minhash`).
    permutation: str = "affine32"
    #: Hash of each shingle before the permutations (:func:`shingle_hash`): a
    #: polynomial hash of its UTF-8 bytes modulo 2**64, mixed, top 32 bits.
    hash: str = "poly64"
    #: Shingles are word n-grams within each line over case-folded ``\\w`` tokens
    #: (punctuation dropped, each CJK character a token), words joined by one space.
    shingles: str = "line_word_ngrams"

    def __post_init__(self) -> None:
        if self.num_perm < 16:
            raise ValueError(f"num_perm must be at least 16, got {self.num_perm}")
        if self.shingle_words < 1:
            raise ValueError(f"shingle_words must be positive, got {self.shingle_words}")
        # The fields below name what this code does; another value would be a
        # signature made elsewhere (or by an older cleanscrape: "crc32"), which cannot be compared with ours.
        for name, only in (("permutation", "affine32"), ("hash", "poly64"), ("shingles", "line_word_ngrams")):
            if getattr(self, name) != only:
                raise ValueError(f"{name} must be {only!r}, got {getattr(self, name)!r}")

    def to_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


#: The polynomial hash's base (odd, so that its inverse modulo 2**64 exists) and that inverse.
POLY_BASE = 0x100000001B3
POLY_BASE_INVERSE = pow(POLY_BASE, -1, 2**64)
#: Mixed with a shingle's length, so that strings of different lengths differ more than by their bytes.
_LENGTH_MIX = 0x9E3779B97F4A7C15


def shingle_hash(shingle: bytes) -> int:
    """The documented shingle hash, one string at a time (the reference the vectorised code must equal).

    ``sum(byte_j * POLY_BASE**j) mod 2**64``, xor the length times a constant,
    through MurmurHash3's 64-bit finalizer; the top 32 bits.
    """
    value = 0
    for byte in reversed(shingle):
        value = (value * POLY_BASE + byte) % 2**64
    mixed = np.array([value ^ (len(shingle) * _LENGTH_MIX % 2**64)], dtype=np.uint64)
    return int(fmix64(mixed)[0] >> np.uint64(32))


def line_tokens(text: str) -> list[list[bytes]]:
    """The case-folded word tokens (UTF-8) of each line that has any."""
    return [line.split(b" ") for line in normalized_text(text).split(b"\n") if line]


def normalized_text(text: str) -> bytes:
    """The text's case-folded word tokens, one space between words and one line break between lines that have any (UTF-8)."""
    folded = text.casefold()
    pattern = _TOKEN_CJK if _HAS_CJK.search(folded) else _TOKEN
    # One findall over the page and C-level splits: a regex call per line costs twice as much.
    lines = (" ".join(line.split()) for line in " ".join(pattern.findall(folded)).splitlines())
    return "\n".join(line for line in lines if line).encode("utf-8")


def document_shingles(lines: Sequence[Sequence[bytes]], size: int) -> list[bytes]:
    """Word n-grams within each line (a shorter line is one shingle): the reference for :func:`shingle_hashes`."""
    shingles: list[bytes] = []
    for words in lines:
        if len(words) <= size:
            shingles.append(b" ".join(words))
        else:
            shingles.extend(map(b" ".join, zip(*(words[start:] for start in range(size)))))
    return shingles


def content_digest(normalized: bytes) -> bytes:
    """Equal for texts with the same words in the same lines (case, punctuation and spacing aside)."""
    return hashlib.blake2b(normalized, digest_size=16).digest()


def shingle_hashes(normalized: Sequence[bytes], size: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`shingle_hash` of every shingle of each normalised text, in numpy over the whole batch at once.

    Returns the hashes (uint32, text by text, shingles in text order) and the
    number of shingles of each text. A substring's polynomial hash is the
    difference of two prefix sums times an inverse power of the base, so no
    shingle is ever built as a string.
    """
    data = np.frombuffer(b"\n".join(normalized), dtype=np.uint8)
    counts = np.zeros(len(normalized), dtype=np.int64)
    is_word = (data != 0x20) & (data != 0x0A)
    word_starts = np.flatnonzero(is_word & np.concatenate(([True], ~is_word[:-1])))
    if word_starts.size == 0:
        return np.empty(0, dtype=np.uint32), counts
    word_ends = np.flatnonzero(is_word & np.concatenate((~is_word[1:], [True]))) + 1
    # Lines: words between two line breaks; texts are joined by one, so a line never spans two texts.
    line_of_word = np.cumsum(data == 0x0A)[word_starts]
    line_firsts = np.flatnonzero(np.concatenate(([True], line_of_word[1:] != line_of_word[:-1])))
    line_sizes = np.diff(np.append(line_firsts, len(word_starts)))
    first_word = np.repeat(line_firsts, line_sizes)
    last_word = np.repeat(line_firsts + line_sizes - 1, line_sizes)
    word = np.arange(len(word_starts))
    begins = (word + size - 1 <= last_word) | ((word == first_word) & (line_sizes.repeat(line_sizes) < size))
    first = word[begins]
    starts = word_starts[first]
    ends = word_ends[np.minimum(first + size - 1, last_word[begins])]

    powers = np.full(len(data), POLY_BASE, dtype=np.uint64)
    powers[0] = 1
    powers = np.cumprod(powers)  # wraps modulo 2**64, as intended
    prefix = np.concatenate(([np.uint64(0)], np.cumsum(data * powers, dtype=np.uint64)))
    inverse = np.full(len(data), POLY_BASE_INVERSE, dtype=np.uint64)
    inverse[0] = 1
    inverse = np.cumprod(inverse)
    values = (prefix[ends] - prefix[starts]) * inverse[starts]
    values ^= (ends - starts).astype(np.uint64) * np.uint64(_LENGTH_MIX)
    hashes = (fmix64(values) >> np.uint64(32)).astype(np.uint32)

    text_starts = np.cumsum([0] + [len(text) + 1 for text in normalized[:-1]])
    counts += np.bincount(np.searchsorted(text_starts, starts, side="right") - 1, minlength=len(normalized))
    return hashes, counts


@dataclass(frozen=True, slots=True)
class SignedBatch:
    """Signatures of a batch of texts, in input order, with the scheme that made them."""

    scheme: SignatureScheme
    digests: list[bytes]
    hashvalues: np.ndarray  # (texts, num_perm) uint32
    has_shingles: np.ndarray  # bool: False for texts without a word


def sign_texts(scheme: SignatureScheme, texts: Sequence[str]) -> SignedBatch:
    """Content digests and MinHash signatures of the texts (the work of one batch, in any process)."""
    normalized = [normalized_text(text) for text in texts]
    hashes, counts = shingle_hashes(normalized, scheme.shingle_words)
    has_shingles = counts > 0
    hashvalues = np.full((len(texts), scheme.num_perm), EMPTY, dtype=np.uint32)
    if has_shingles.any():
        starts = np.cumsum(counts) - counts
        hashvalues[has_shingles] = MinHasher(scheme.num_perm, scheme.seed).signatures(hashes, starts[has_shingles])
    return SignedBatch(scheme, [content_digest(text) for text in normalized], hashvalues, has_shingles)


def sign_batches(scheme: SignatureScheme, batches: Iterable[Sequence[str]], jobs: int = 1) -> Iterator[SignedBatch]:
    """Signatures of each batch, in order; ``jobs`` > 1 signs in worker processes with identical results.

    At most ``2 * jobs`` batches are in flight, so a stream of texts is never
    read ahead into memory.
    """
    if jobs <= 1:
        for texts in batches:
            yield sign_texts(scheme, texts)
        return
    sign = functools.partial(sign_texts, scheme)
    with multiprocessing.Pool(jobs) as pool:
        pending: deque[multiprocessing.pool.AsyncResult] = deque()
        for texts in batches:
            pending.append(pool.apply_async(sign, (texts,)))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
