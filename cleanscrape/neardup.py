"""Near-duplicate lines within a page, by MinHash over word shingles (datasketch's permutations).

Exact copies (after case and punctuation folding) are matched by key; longer
lines are also matched by estimated Jaccard similarity, so the title with a
changed suffix or a menu with one item highlighted is caught.

Only lines that share a shingle hash with another line are signed: a MinHash
value is the minimum of a bijection over a line's hashes, so two lines with no
hash in common agree on no value, and such a line can neither repeat an earlier
one nor be repeated (most lines of a page). numpy is imported only when two
lines do share one.
"""

from __future__ import annotations

import functools
import heapq
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from .config import CleanerConfig

if TYPE_CHECKING:
    import numpy as np

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


def exact_repeats(keys: Sequence[str], config: CleanerConfig) -> tuple[list[int | None], list[int]]:
    """Each key's first earlier exact repeat (else None), and the positions of the first
    copies long enough to be compared for near repeats."""
    result: list[int | None] = [None] * len(keys)
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
    return result, long_positions


def earlier_duplicates(texts: Sequence[str], config: CleanerConfig) -> list[int | None]:
    """For each text, the position of the first earlier text it nearly repeats, else None."""
    keys = [normalize(text) for text in texts]
    result, long_positions = exact_repeats(keys, config)
    if len(long_positions) < 2:
        return result

    shingle_hashes = [{zlib.crc32(shingle) for shingle in shingles(keys[position], config.shingle_size)} for position in long_positions]
    shared = _sharing_a_hash(shingle_hashes)
    if len(shared) < 2:
        return result
    import numpy as np

    hasher = _hasher(config.minhash_num_perm, config.minhash_seed)
    flat = np.fromiter((value for row in shared for value in shingle_hashes[row]), dtype=np.uint32)
    starts = np.cumsum([0] + [len(shingle_hashes[row]) for row in shared[:-1]], dtype=np.int64)
    matrix = hasher.signatures(flat, starts)
    signed = [long_positions[row] for row in shared]  # the page positions of the matrix's rows
    # The share of equal hash values estimates Jaccard similarity, as MinHash.jaccard does.
    if len(long_positions) <= ALL_PAIRS_LIMIT:
        for row, first in _first_similar_earlier(matrix, config.near_duplicate_threshold):
            result[signed[row]] = signed[first]
        return result
    candidates = _banded_earlier(matrix, config.near_duplicate_threshold)
    needed = config.near_duplicate_threshold * matrix.shape[1]
    for row in range(1, len(signed)):
        for other in candidates(row):
            if np.count_nonzero(matrix[other] == matrix[row]) >= needed:
                result[signed[row]] = signed[other]
                break
    return result


@functools.cache
def _hasher(num_perm: int, seed: int):
    """The permutations of ``(num_perm, seed)``, drawn once per process: a :class:`MinHasher` is read-only,
    so sharing it cannot make one page's result depend on another's (drawing them took a tenth of the near-duplicate search)."""
    from .minhash import MinHasher

    return MinHasher(num_perm, seed)


#: Rows of the signature matrix compared with all the others at once (a (rows, lines, num_perm) scratch array).
_PAIR_ROWS = 32


def _first_similar_earlier(matrix: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """(row, the first earlier row whose share of equal values reaches ``threshold``) for each row that has one.
    Every pair at once: a call per row cost more than the comparisons on pages of a few dozen compared lines."""
    import numpy as np

    found = []
    rows = len(matrix)
    for begin in range(0, rows, _PAIR_ROWS):
        block = matrix[begin:begin + _PAIR_ROWS]
        # The share is a count of equal values over num_perm, whatever the order it is summed in: the same float.
        agreement = (block[:, None, :] == matrix[None, :, :]).mean(axis=2)
        similar = (agreement >= threshold) & (np.arange(rows)[None, :] < np.arange(begin, begin + len(block))[:, None])
        for offset in np.flatnonzero(similar.any(axis=1)):
            found.append((begin + int(offset), int(np.argmax(similar[offset]))))
    return found


def _sharing_a_hash(hash_sets: Sequence[set[int]]) -> list[int]:
    """The indices, ascending, of the sets that have a value in common with another set."""
    first_holder: dict[int, int] = {}
    sharing: set[int] = set()
    for index, values in enumerate(hash_sets):
        for value in values:
            holder = first_holder.setdefault(value, index)
            if holder != index:
                sharing.add(holder)
                sharing.add(index)
    return sorted(sharing)


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
