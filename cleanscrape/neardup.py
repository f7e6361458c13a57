"""Near-duplicate lines within a page, by MinHash over word shingles (datasketch).

Exact copies (after case and punctuation folding) are matched by key; longer
lines are also matched by estimated Jaccard similarity, so the title with a
changed suffix or a menu with one item highlighted is caught.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

from .config import CleanerConfig
from .minhash import MinHasher

_NON_WORD = regex.compile(r"[\W_]+")
#: Up to this many lines, every pair is compared; beyond it, LSH bands pick candidates
#: (a page of 20,000 list lines would otherwise cost 200 million comparisons).
ALL_PAIRS_LIMIT = 300


def normalize(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of a normalised line (the whole line when it is shorter)."""
    words = text.split()
    if len(words) <= size:
        return {text.encode("utf-8")}
    return {" ".join(words[start:start + size]).encode("utf-8") for start in range(len(words) - size + 1)}


def earlier_duplicates(texts: Sequence[str], config: CleanerConfig) -> list[int | None]:
    """For each text, the position of the first earlier text it nearly repeats, else None."""
    keys = [normalize(text) for text in texts]
    result: list[int | None] = [None] * len(texts)
    first_with_key: dict[str, int] = {}
    long_positions: list[int] = []
    for position, key in enumerate(keys):
        if not key:
            continue
        if key in first_with_key:
            result[position] = first_with_key[key]
            continue
        first_with_key[key] = position
        if config.near_duplicate_min_chars <= len(key) and key.count(" ") < config.near_duplicate_max_words:
            long_positions.append(position)
    if len(long_positions) < 2:
        return result

    hasher = MinHasher(config.minhash_num_perm, config.minhash_seed)
    matrix = np.stack([hasher.signature(shingles(keys[position], config.shingle_size)) for position in long_positions])
    if len(long_positions) <= ALL_PAIRS_LIMIT:
        candidates = _all_earlier
    else:
        candidates = _banded_earlier(matrix, config.near_duplicate_threshold, config.minhash_seed, MinHasher.SCHEME)
    for row in range(1, len(long_positions)):
        earlier = candidates(row)
        if len(earlier) == 0:
            continue
        # The share of equal hash values estimates Jaccard similarity, as MinHash.jaccard does.
        agreement = (matrix[earlier] == matrix[row]).mean(axis=1)
        similar = earlier[agreement >= config.near_duplicate_threshold]
        if similar.size:
            result[long_positions[row]] = long_positions[int(similar.min())]
    return result


def _all_earlier(row: int) -> np.ndarray:
    return np.arange(row)


def _banded_earlier(matrix: np.ndarray, threshold: float, seed: int, scheme: str):
    """LSH banding (datasketch's MinHashLSH) for pages too long to compare every pair of lines."""
    from datasketch import MinHashLSH
    from datasketch.lean_minhash import LeanMinHash

    index = MinHashLSH(threshold=threshold, num_perm=matrix.shape[1])
    signatures = [LeanMinHash(seed=seed, hashvalues=values, scheme=scheme) for values in matrix]
    for row, signature in enumerate(signatures):
        index.insert(row, signature)

    def earlier(row: int) -> np.ndarray:
        return np.array(sorted(other for other in index.query(signatures[row]) if other < row), dtype=np.int64)

    return earlier
