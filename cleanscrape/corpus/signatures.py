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

from ..minhash import MinHasher

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
    shingle_words: int = 5
    #: datasketch's permutation scheme (its default since 2.0).
    permutation: str = "affine32"
    #: Hash of each shingle before the permutations: CRC-32 of its UTF-8 bytes.
    hash: str = "crc32"
    #: Shingles are word n-grams within each line over case-folded ``\\w`` tokens
    #: (punctuation dropped, each CJK character a token).
    shingles: str = "line_word_ngrams"

    def __post_init__(self) -> None:
        if self.num_perm < 16:
            raise ValueError(f"num_perm must be at least 16, got {self.num_perm}")
        if self.shingle_words < 1:
            raise ValueError(f"shingle_words must be positive, got {self.shingle_words}")
        # The fields below name what this code does; another value would be a
        # signature made elsewhere, which cannot be compared with ours.
        for name, only in (("permutation", "affine32"), ("hash", "crc32"), ("shingles", "line_word_ngrams")):
            if getattr(self, name) != only:
                raise ValueError(f"{name} must be {only!r}, got {getattr(self, name)!r}")

    def to_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def line_tokens(text: str) -> list[list[bytes]]:
    """The case-folded word tokens (UTF-8) of each line that has any."""
    folded = text.casefold()
    pattern = _TOKEN_CJK if _HAS_CJK.search(folded) else _TOKEN
    # One findall over the page and C-level splits: a regex call per line costs twice as much.
    lines = (line.encode("utf-8").split() for line in " ".join(pattern.findall(folded)).splitlines())
    return [words for words in lines if words]


def document_shingles(lines: Sequence[Sequence[bytes]], size: int) -> list[bytes]:
    """Word n-grams within each line (a shorter line is one shingle).

    Repeats are kept: a MinHash takes the minimum either way, and building a
    set costs more than hashing a repeat.
    """
    shingles: list[bytes] = []
    for words in lines:
        if len(words) <= size:
            shingles.append(b" ".join(words))
        else:
            shingles.extend(map(b" ".join, zip(*(words[start:] for start in range(size)))))
    return shingles


def content_digest(lines: Sequence[Sequence[bytes]]) -> bytes:
    """Equal for texts with the same words in the same lines (case, punctuation and spacing aside)."""
    return hashlib.blake2b(b"\n".join(b" ".join(words) for words in lines), digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class SignedBatch:
    """Signatures of a batch of texts, in input order, with the scheme that made them."""

    scheme: SignatureScheme
    digests: list[bytes]
    hashvalues: np.ndarray  # (texts, num_perm) uint32
    has_shingles: np.ndarray  # bool: False for texts without a word


def sign_texts(scheme: SignatureScheme, texts: Sequence[str]) -> SignedBatch:
    """Content digests and MinHash signatures of the texts (the work of one batch, in any process)."""
    hasher = MinHasher(scheme.num_perm, scheme.seed)
    digests = []
    hashvalues = np.empty((len(texts), scheme.num_perm), dtype=np.uint32)
    has_shingles = np.zeros(len(texts), dtype=bool)
    for row, text in enumerate(texts):
        lines = line_tokens(text)
        digests.append(content_digest(lines))
        hashvalues[row] = hasher.signature(document_shingles(lines, scheme.shingle_words))
        has_shingles[row] = bool(lines)
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
