"""Template lines of one site: the key a line is counted under, and matching lines against known keys.

A key is the line case- and punctuation-folded with every number made
``0``, so "© 2023 Example" and "© 2024 Example", or "1,204 views" and
"87 views", are one line. Keys that still differ a little (an added menu
item, a changed word) are matched by MinHash over character 3-grams.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import regex

from ..neardup import normalize
from .banding import CHECKED_FALSE_NEGATIVE_WEIGHT, BandIndex, lsh_bands
from ..minhash import MinHasher

_NUMBER = regex.compile(r"\d+(?:[.,:/]\d+)*")
#: Characters per shingle of a key.
CHAR_SHINGLE = 3


def template_key(line: str) -> str:
    """The folded form of a line that its variants on other pages share ("" for a line with no word)."""
    return normalize(_NUMBER.sub("0", line))


def _char_shingles(key: str) -> list[bytes]:
    return [key[start:start + CHAR_SHINGLE].encode("utf-8") for start in range(max(1, len(key) - CHAR_SHINGLE + 1))]


class KeySigner:
    """MinHash signatures of keys, and the LSH layout for a similarity threshold."""

    def __init__(self, num_perm: int, seed: int, threshold: float) -> None:
        self._hasher = MinHasher(num_perm, seed)
        self.threshold = threshold
        self.bands, self.rows = lsh_bands(threshold, num_perm, CHECKED_FALSE_NEGATIVE_WEIGHT)

    def signatures(self, keys: Iterable[str]) -> np.ndarray:
        rows = [self._hasher.signature(_char_shingles(key)) for key in keys]
        return np.stack(rows) if rows else np.empty((0, 0), dtype=np.uint32)

    def signature(self, key: str) -> np.ndarray:
        return self._hasher.signature(_char_shingles(key))


class TemplateLineMatcher:
    """Says whether a line is one of a site's template lines, or nearly one.

    Lines longer than ``max_line_chars`` are never template lines (they were
    not counted when learning); keys shorter than ``min_similar_chars`` must
    match exactly, as their 3-gram sets are too small to compare.
    """

    def __init__(self, keys: Iterable[str], signer: KeySigner, max_line_chars: int, min_similar_chars: int) -> None:
        self._keys = frozenset(keys)
        self._signer = signer
        self._max_line_chars = max_line_chars
        self._min_similar_chars = min_similar_chars
        similar = sorted(key for key in self._keys if len(key) >= min_similar_chars)
        self._index = BandIndex(signer.signatures(similar), signer.bands, signer.rows) if similar else None

    def __call__(self, line: str) -> bool:
        if len(line) > self._max_line_chars:
            return False
        key = template_key(line)
        if not key:
            return False
        if key in self._keys:
            return True
        if self._index is None or len(key) < self._min_similar_chars:
            return False
        return self._index.best_match(self._signer.signature(key)) >= self._signer.threshold
