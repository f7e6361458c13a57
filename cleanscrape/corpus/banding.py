"""LSH banding over MinHash signatures: how many bands, and which signatures share one.

The one definition of a band's key (:func:`band_keys`), used by corpus
dedup, site templates, a page's near-duplicate lines
(:mod:`cleanscrape.neardup`) and the Dask dedup. Two signatures become
candidates when all ``rows`` hash values of any one band agree; for
Jaccard similarity ``s`` that happens with probability
``1 - (1 - s**rows)**bands``. Candidates are then checked against the
signatures, so a false candidate costs one comparison while a missed one is
lost for good.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import numpy as np

#: Weight of a missed pair when candidates are checked against their
#: signatures afterwards: a false candidate then costs only a comparison.
CHECKED_FALSE_NEGATIVE_WEIGHT = 0.9


@functools.lru_cache(maxsize=64)  # a pure function of its arguments, asked again for every long page
def lsh_bands(threshold: float, num_perm: int, false_negative_weight: float = 0.5) -> tuple[int, int]:
    """Bands and rows (``bands * rows <= num_perm``) that fit the threshold best.

    The derivation of datasketch's ``MinHashLSH`` (Leskovec et al., *Mining of
    Massive Datasets*, ch. 3): minimise ``w_fp * FP + w_fn * FN``, where FP is
    the area under the candidate probability below the threshold and FN the
    area above it that candidates miss, with ``w_fn = false_negative_weight``
    and ``w_fp = 1 - w_fn``.
    """
    # 1.0 is allowed, as datasketch allows it (a page's near-duplicate lines may ask for exact copies only).
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if not 0.0 <= false_negative_weight <= 1.0:
        raise ValueError(f"false_negative_weight must be in [0, 1], got {false_negative_weight}")
    if num_perm < 1:
        raise ValueError(f"num_perm must be positive, got {num_perm}")
    # The integrand is a polynomial of degree bands * rows <= num_perm, which
    # Gauss-Legendre quadrature with this many nodes integrates exactly.
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    below = (nodes + 1) * threshold / 2, weights * threshold / 2
    above = threshold + (nodes + 1) * (1 - threshold) / 2, weights * (1 - threshold) / 2
    best, best_error = (1, 1), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = float(np.dot(1 - (1 - below[0] ** rows) ** bands, below[1]))
            false_negative = float(np.dot((1 - above[0] ** rows) ** bands, above[1]))
            error = (1 - false_negative_weight) * false_positive + false_negative_weight * false_negative
            if error < best_error:
                best, best_error = (bands, rows), error
    return best


def band_keys(signatures: np.ndarray, band: int, rows: int, members: np.ndarray | None = None) -> np.ndarray:
    """Each signature's key in ``band`` (of ``members`` only, when given): its ``rows`` hash values there as one
    opaque value, so that equal keys mean a shared band; ``key.tobytes()`` is the same key as bytes."""
    columns = slice(band * rows, (band + 1) * rows)
    matrix = np.atleast_2d(signatures)
    block = np.ascontiguousarray(matrix[:, columns] if members is None else matrix[members, columns])
    return block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()


def row_band_keys(signatures: np.ndarray, bands: int, rows: int) -> list[list[bytes]]:
    """Each signature's keys, band by band, as bytes (``keys[row][band]``)."""
    by_band = [band_keys(signatures, band, rows).tolist() for band in range(bands)]
    return [list(keys) for keys in zip(*by_band)] if by_band else [[] for _ in range(len(np.atleast_2d(signatures)))]


def band_buckets(signatures: np.ndarray, bands: int, rows: int) -> tuple[list[list[bytes]], list[dict[bytes, list[int]]]]:
    """Each signature's keys (:func:`row_band_keys`), and for each band the rows of each key, ascending."""
    keys = row_band_keys(signatures, bands, rows)
    buckets: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]
    for row, row_keys in enumerate(keys):
        for band, key in enumerate(row_keys):
            buckets[band].setdefault(key, []).append(row)
    return keys, buckets


def _band_groups(signatures: np.ndarray, band: int, rows: int, members: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers (of ``members``, when given) ordered so that equal band values are adjacent (ascending
    within each), and where each run starts (with the end)."""
    keys = band_keys(signatures, band, rows, members)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    return order, np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1], [True])))


def candidate_buckets(signatures: np.ndarray, bands: int, rows: int) -> Iterator[np.ndarray]:
    """For each band, every group of two or more rows whose values in that band are equal.

    Each group is an ascending array of row numbers; bands come in order, so
    the result depends only on the signatures and their row order.
    """
    if signatures.ndim != 2 or bands * rows > signatures.shape[1]:
        raise ValueError(f"{bands} bands of {rows} rows do not fit signatures of shape {signatures.shape}")
    for band in range(bands):
        order, starts = _band_groups(signatures, band, rows)
        for start, end in zip(starts[:-1], starts[1:]):
            if end - start > 1:
                yield order[start:end]


#: Pairs compared at once when buckets of two are checked together.
PAIR_CHUNK = 65536


def similar_pairs(
    signatures: np.ndarray, bands: int, rows: int, threshold: float, max_comparisons: int, members: np.ndarray | None = None
) -> set[tuple[int, int]]:
    """Row pairs (lower row first) that share a band and whose estimated Jaccard similarity reaches ``threshold``.

    The estimate is the share of equal hash values. In each bucket a row is
    compared with at most ``max_comparisons`` of the bucket's first rows,
    which bounds the work when thousands of rows share a band. Buckets of
    two, most of them, are compared all at once. With ``members`` (row
    numbers), only those rows take part, and pairs are of positions in
    ``members``, as for ``signatures[members]`` without copying it.
    """
    if signatures.ndim != 2 or bands * rows > signatures.shape[1]:
        raise ValueError(f"{bands} bands of {rows} rows do not fit signatures of shape {signatures.shape}")
    def rows_of(positions: np.ndarray) -> np.ndarray:
        return signatures[positions] if members is None else signatures[members[positions]]

    found: set[tuple[int, int]] = set()
    for band in range(bands):
        order, starts = _band_groups(signatures, band, rows, members)
        sizes = np.diff(starts)
        pair_starts = starts[:-1][sizes == 2]
        firsts, seconds = order[pair_starts], order[pair_starts + 1]
        for begin in range(0, len(firsts), PAIR_CHUNK):
            first, second = firsts[begin:begin + PAIR_CHUNK], seconds[begin:begin + PAIR_CHUNK]
            close = (rows_of(first) == rows_of(second)).mean(axis=1) >= threshold
            found.update(zip(first[close].tolist(), second[close].tolist()))
        for index in np.flatnonzero(sizes > 2):
            bucket = order[starts[index]:starts[index + 1]]
            for offset in range(1, len(bucket)):
                row, earlier = bucket[offset], bucket[:min(offset, max_comparisons)]
                close = earlier[(rows_of(earlier) == rows_of(row)).mean(axis=1) >= threshold]
                found.update((int(other), int(row)) for other in close)
    return found


class BandIndex:
    """Signatures indexed by band, for looking up the candidates of one new signature."""

    def __init__(self, signatures: np.ndarray, bands: int, rows: int) -> None:
        self.signatures = signatures
        self._rows = rows
        self._bands = bands
        _, self._buckets = band_buckets(signatures, bands, rows)

    def best_match(self, signature: np.ndarray) -> float:
        """The highest estimated Jaccard similarity to an indexed signature sharing a band (0.0 for none)."""
        (keys,) = row_band_keys(signature, self._bands, self._rows)
        candidates = sorted({row for band, key in enumerate(keys) for row in self._buckets[band].get(key, ())})
        if not candidates:
            return 0.0
        return float((self.signatures[candidates] == signature).mean(axis=1).max())
