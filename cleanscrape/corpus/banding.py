"""LSH banding over MinHash signatures: how many bands, and which signatures share one.

Two signatures become candidates when all ``rows`` hash values of any one
band agree; for Jaccard similarity ``s`` that happens with probability
``1 - (1 - s**rows)**bands``. Candidates are then checked against the
signatures, so a false candidate costs one comparison while a missed one is
lost for good.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

#: Weight of a missed pair when candidates are checked against their
#: signatures afterwards: a false candidate then costs only a comparison.
CHECKED_FALSE_NEGATIVE_WEIGHT = 0.9


def lsh_bands(threshold: float, num_perm: int, false_negative_weight: float = 0.5) -> tuple[int, int]:
    """Bands and rows (``bands * rows <= num_perm``) that fit the threshold best.

    The derivation of datasketch's ``MinHashLSH`` (Leskovec et al., *Mining of
    Massive Datasets*, ch. 3): minimise ``w_fp * FP + w_fn * FN``, where FP is
    the area under the candidate probability below the threshold and FN the
    area above it that candidates miss, with ``w_fn = false_negative_weight``
    and ``w_fp = 1 - w_fn``.
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
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


def _band_groups(signatures: np.ndarray, band: int, rows: int, members: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers (of ``members``, when given) ordered so that equal band values are adjacent (ascending
    within each), and where each run starts (with the end)."""
    columns = slice(band * rows, (band + 1) * rows)
    block = np.ascontiguousarray(signatures[:, columns] if members is None else signatures[members, columns])
    # One opaque value per row, so that sorting compares whole bands at once.
    keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
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
        self._buckets: dict[tuple[int, bytes], list[int]] = {}
        for row, signature in enumerate(signatures):
            for key in self._keys(signature):
                self._buckets.setdefault(key, []).append(row)

    def _keys(self, signature: np.ndarray) -> Iterator[tuple[int, bytes]]:
        for band in range(self._bands):
            yield band, signature[band * self._rows:(band + 1) * self._rows].tobytes()

    def best_match(self, signature: np.ndarray) -> float:
        """The highest estimated Jaccard similarity to an indexed signature sharing a band (0.0 for none)."""
        candidates = sorted({row for key in self._keys(signature) for row in self._buckets.get(key, ())})
        if not candidates:
            return 0.0
        return float((self.signatures[candidates] == signature).mean(axis=1).max())
