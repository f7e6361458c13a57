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


#: The polynomial hash's base.
POLY_BASE = 0x100000001B3
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


#: Classes of code points when a batch is tokenised in numpy (:func:`batch_shingle_hashes`).
_SEPARATOR, _WORD, _CJK_CHARACTER, _LINE_BREAK = 0, 1, 2, 3
_CODE_POINTS = 0x110000


@functools.cache
def _code_point_classes() -> np.ndarray:
    """The class of every code point, read-only: word characters are what ``_TOKEN`` matches, so both tokenisers agree."""
    everything = "".join(map(chr, range(_CODE_POINTS)))
    classes = np.zeros(_CODE_POINTS, dtype=np.uint8)
    for match in re.finditer(r"[^\W_]+", everything):
        classes[match.start():match.end()] = _WORD
    for match in re.finditer(rf"[{_CJK}]+", everything):
        classes[match.start():match.end()] = _CJK_CHARACTER
    for match in re.finditer(rf"[{_LINE_BREAKS}]", everything):
        classes[match.start()] = _LINE_BREAK
    classes.flags.writeable = False
    return classes


def _power_table(base: int, highest: int) -> np.ndarray:
    """``base ** k`` modulo 2**64 for k = 0..highest (uint64)."""
    powers = np.full(highest + 1, base, dtype=np.uint64)
    powers[0] = 1
    return np.cumprod(powers)


def _utf8_polynomials(code_points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each code point's UTF-8 bytes as ``sum(byte_j * POLY_BASE**j)`` (uint64), and how many bytes it takes."""
    values = code_points.astype(np.uint64)
    widths = np.ones(len(code_points), dtype=np.int64)
    wide = np.flatnonzero(code_points >= 0x80)
    if wide.size:
        point = code_points[wide].astype(np.uint64)
        width = 2 + (point >= 0x800) + (point >= 0x10000)
        lead = np.select([width == 2, width == 3], [0xC0 | point >> 6, 0xE0 | point >> 12], 0xF0 | point >> 18).astype(np.uint64)
        # Continuation bytes, last first: bits 0-5, 6-11, 12-17 of the code point.
        value = np.zeros(len(wide), dtype=np.uint64)
        for position in range(3, 0, -1):
            shift = np.uint64(6) * (width.astype(np.uint64) - np.uint64(position) - np.uint64(1))
            byte = np.uint64(0x80) | ((point >> np.where(position < width, shift, np.uint64(0))) & np.uint64(0x3F))
            value = np.where(position < width, value * np.uint64(POLY_BASE) + byte, value)
        values[wide] = value * np.uint64(POLY_BASE) + lead
        widths[wide] = width
    return values, widths


def batch_shingle_hashes(texts: Sequence[str], size: int) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """:func:`shingle_hash` of every shingle of :func:`document_shingles` of each text, in numpy over the whole batch.

    Returns the hashes (uint32, text by text, shingles in text order), the
    number of shingles of each text and each text's :func:`content_digest`.
    Words are runs of one class in a table of code point classes (the
    classes ``_TOKEN`` matches); a word's polynomial hash is a sum over its
    characters' UTF-8 bytes, and a shingle's is put together from its words'
    (the polynomial of a concatenation), so no word or shingle is ever built
    as a string: about half the time of tokenising by regex.
    """
    folded = [text.casefold() for text in texts]
    # Texts joined by a line break, and one at the end: a line never spans two texts, and every word is followed.
    code_points = np.frombuffer(("\n".join(folded) + "\n").encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    text_starts = np.cumsum([0] + [len(text) + 1 for text in folded[:-1]])
    classes = _code_point_classes()[code_points]
    word, single = classes == _WORD, classes == _CJK_CHARACTER
    starts = np.flatnonzero(single | (word & np.concatenate(([True], ~word[:-1]))))
    ends = np.flatnonzero(single | (word & np.concatenate((~word[1:], [True])))) + 1
    counts = np.zeros(len(texts), dtype=np.int64)
    # Lines: words between two line breaks.
    line_of_word = np.searchsorted(np.flatnonzero(classes == _LINE_BREAK), starts)
    in_words = word | single
    text_words = np.append(np.searchsorted(starts, text_starts), len(starts))
    digests = _digests(code_points, in_words, starts, ends, line_of_word, text_words)
    if starts.size == 0:
        return np.empty(0, dtype=np.uint32), counts, digests
    # The words' characters, word after word, and where each word starts among them.
    characters = code_points[in_words]
    word_chars = ends - starts
    char_starts = np.concatenate(([0], np.cumsum(word_chars)))

    # Each word's polynomial hash, a sum over its characters' UTF-8 bytes shifted by the bytes before them in the word.
    values, widths = _utf8_polynomials(characters)
    byte_offsets = np.concatenate(([0], np.cumsum(widths)))
    word_bytes = np.diff(byte_offsets[char_starts])
    within = byte_offsets[:-1] - np.repeat(byte_offsets[char_starts[:-1]], word_chars)
    word_values = np.add.reduceat(values * _power_table(POLY_BASE, int(within.max()))[within], char_starts[:-1])

    line_firsts = np.flatnonzero(np.concatenate(([True], line_of_word[1:] != line_of_word[:-1])))
    line_sizes = np.diff(np.append(line_firsts, len(starts)))
    first_word = np.repeat(line_firsts, line_sizes)
    last_word = np.repeat(line_firsts + line_sizes - 1, line_sizes)
    number = np.arange(len(starts))
    begins = (number + size - 1 <= last_word) | ((number == first_word) & (line_sizes.repeat(line_sizes) < size))
    first, last = number[begins], last_word[begins]

    # A shingle's polynomial: word, space, word, ..., each part shifted by the bytes before it. Shingles
    # are done by their number of words (all but those of short lines have ``size``), so no step needs a mask.
    base_powers = _power_table(POLY_BASE, int(word_bytes.max()) * size + size)
    shingle_values = np.empty(len(first), dtype=np.uint64)
    shingle_bytes = np.empty(len(first), dtype=np.int64)
    shingle_words = np.minimum(last - first + 1, size)
    for words in range(1, size + 1):
        these = slice(None) if words == size and shingle_words.min() == size else np.flatnonzero(shingle_words == words)
        firsts = first[these]
        joined, joined_bytes = word_values[firsts], word_bytes[firsts]
        for step in range(1, words):
            joined += base_powers[joined_bytes] * (np.uint64(0x20) + np.uint64(POLY_BASE) * word_values[firsts + step])
            joined_bytes += word_bytes[firsts + step] + 1
        shingle_values[these], shingle_bytes[these] = joined, joined_bytes
    shingle_values ^= shingle_bytes.astype(np.uint64) * np.uint64(_LENGTH_MIX)
    hashes = (fmix64(shingle_values) >> np.uint64(32)).astype(np.uint32)
    counts += np.bincount(np.searchsorted(text_starts, starts[first], side="right") - 1, minlength=len(texts))
    return hashes, counts, digests


def _digests(code_points: np.ndarray, in_words: np.ndarray, word_starts: np.ndarray, word_ends: np.ndarray,
             line_of_word: np.ndarray, text_words: np.ndarray) -> list[bytes]:
    """:func:`content_digest` of each text's :func:`normalized_text`, put together from its words.

    ``code_points`` end with a line break; ``in_words`` marks the code points
    in words; ``text_words`` is where each text's words start, then the number of words.
    """
    words = len(word_starts)
    char_starts = np.concatenate(([0], np.cumsum(word_ends - word_starts)))
    # Each word followed by a space, or by a line break where the next word is on another line or in another text.
    if np.any(word_ends[:-1] == word_starts[1:]):
        # Words that touch (CJK characters): each character moved right by the separators before it.
        characters = code_points[in_words]
        normalized = np.empty(len(characters) + words, dtype=np.uint32)
        normalized[np.arange(len(characters)) + np.repeat(np.arange(words), word_ends - word_starts)] = characters
    else:
        # The code point after each word stands for its separator.
        kept = in_words.copy()
        kept[word_ends] = True
        normalized = code_points[kept]
    breaks = np.append(line_of_word[1:] != line_of_word[:-1], True)
    normalized[char_starts[1:] + np.arange(words)] = np.where(breaks, 0x0A, 0x20)
    ends = char_starts[text_words] + text_words
    raw = normalized.tobytes()
    # Less the last line break of each text that has words.
    return [content_digest(raw[4 * start:4 * max(start, end - 1)].decode("utf-32-le").encode("utf-8"))
            for start, end in zip(ends[:-1].tolist(), ends[1:].tolist())]


#: Characters tokenised and hashed at once: the arrays of a part (8 bytes a character) then stay in
#: cache; 256 texts of 3 KB at once took 1.2-1.3x as long as parts of this size.
SHINGLE_PART_CHARS = 262144


def _parts_of(texts: Sequence[str], chars: int) -> Iterator[Sequence[str]]:
    """Consecutive runs of the texts of about ``chars`` characters (at least one text each)."""
    start, size = 0, 0
    for end, text in enumerate(texts):
        if size and size + len(text) > chars:
            yield texts[start:end]
            start, size = end, 0
        size += len(text)
    if start < len(texts):
        yield texts[start:]


@dataclass(frozen=True, slots=True)
class SignedBatch:
    """Signatures of a batch of texts, in input order, with the scheme that made them."""

    scheme: SignatureScheme
    digests: list[bytes]
    hashvalues: np.ndarray  # (texts, num_perm) uint32
    has_shingles: np.ndarray  # bool: False for texts without a word


def sign_texts(scheme: SignatureScheme, texts: Sequence[str]) -> SignedBatch:
    """Content digests and MinHash signatures of the texts (the work of one batch, in any process)."""
    parts = [batch_shingle_hashes(part, scheme.shingle_words) for part in _parts_of(texts, SHINGLE_PART_CHARS)]
    hashes = np.concatenate([np.empty(0, dtype=np.uint32)] + [part[0] for part in parts])
    counts = np.concatenate([np.empty(0, dtype=np.int64)] + [part[1] for part in parts])
    digests = [digest for part in parts for digest in part[2]]
    has_shingles = counts > 0
    hashvalues = np.full((len(texts), scheme.num_perm), EMPTY, dtype=np.uint32)
    if has_shingles.any():
        starts = np.cumsum(counts) - counts
        hashvalues[has_shingles] = MinHasher(scheme.num_perm, scheme.seed).signatures(hashes, starts[has_shingles])
    return SignedBatch(scheme, digests, hashvalues, has_shingles)


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
