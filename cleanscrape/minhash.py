"""MinHash signatures (datasketch) of shingle sets: the one signer for lines and documents."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np


class MinHasher:
    """MinHash signatures of shingle sets under one fixed set of permutations.

    Each signature starts from a copy of one prepared MinHash: datasketch then
    builds the permutations once, not once per item, and a shared MinHasher
    stays safe to use from several threads.
    """

    #: datasketch's permutation scheme for the hash values.
    SCHEME = "affine32"

    def __init__(self, num_perm: int, seed: int) -> None:
        from datasketch import MinHash

        # CRC-32 is a C call; datasketch's default sha1 through Python costs 10x more per shingle.
        self._empty = MinHash(num_perm=num_perm, seed=seed, hashfunc=zlib.crc32, scheme=self.SCHEME)

    def signature(self, shingles: Iterable[bytes]) -> np.ndarray:
        """The hash values (uint32, one per permutation); all at the maximum for no shingles."""
        minhash = self._empty.copy()
        minhash.update_batch(shingles)
        return minhash.hashvalues
