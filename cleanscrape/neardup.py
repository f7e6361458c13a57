"""Near-duplicate lines within a page, by MinHash over word shingles (datasketch).

Exact copies (after case and punctuation folding) are matched by key; longer
lines are also matched by estimated Jaccard similarity, so the title with a
changed suffix or a menu with one item highlighted is caught.
"""

from __future__ import annotations

import heapq
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
    # The share of equal hash values estimates Jaccard similarity, as MinHash.jaccard does.
    if len(long_positions) <= ALL_PAIRS_LIMIT:
        for row in range(1, len(long_positions)):
            earlier = np.arange(row)
            agreement = (matrix[earlier] == matrix[row]).mean(axis=1)
            similar = earlier[agreement >= config.near_duplicate_threshold]
            if similar.size:
                result[long_positions[row]] = long_positions[int(similar.min())]
        return result
    candidates = _banded_earlier(matrix, config.near_duplicate_threshold)
    needed = config.near_duplicate_threshold * matrix.shape[1]
    for row in range(1, len(long_positions)):
        for other in candidates(row):
            if np.count_nonzero(matrix[other] == matrix[row]) >= needed:
                result[long_positions[row]] = long_positions[other]
                break
    return result


def _banded_earlier(matrix: np.ndarray, threshold: float):
    """LSH banding (datasketch's MinHashLSH parameters) for pages too long to compare every pair of lines.

    Each band keeps its rows in page order, and a row's candidates are read from
    its buckets lazily in that order: the caller stops at the first similar one,
    so 10,000 near-identical lines cost one comparison each, not all earlier ones.
    """
    from .corpus.banding import band_buckets, lsh_bands  # here: cleanscrape.corpus imports the cleaner, which imports this

    bands, rows = lsh_bands(threshold, matrix.shape[1])  # datasketch's MinHashLSH layout (equal weights)
    keys, buckets = band_buckets(matrix, bands, rows)

    def earlier(row: int):
        """Rows before ``row`` that share a band with it, in increasing order, each once."""
        lists = [buckets[band][key] for band, key in enumerate(keys[row])]
        last = -1
        for other in heapq.merge(*lists):
            if other >= row:
                return
            if other != last:
                last = other
                yield other

    return earlier
