"""MinHash signatures in numpy: the one signer for lines and documents.

The permutations are datasketch's ``affine32`` scheme (datasketch 2.0's
default), rebuilt here bit for bit: each 32-bit input hash is mixed by the
MurmurHash3 finalizer, then ``a_k * h + b_k`` modulo 2**32 with odd ``a_k``,
where ``a`` and ``b`` are drawn by ``numpy.random.RandomState(seed)``. A
signature is the minimum over the inputs for each ``k``. Importing datasketch
would import scipy (its package imports its LSH classes); nothing here does.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np

#: All hash values of a signature of no input (datasketch's empty MinHash).
EMPTY = np.uint32(0xFFFFFFFF)
#: Input hashes permuted at once: the (inputs, num_perm) scratch array is 2 MB at 128 permutations, small
#: enough to stay in cache between the permutation and the minimum (32,768 at once took 1.8x as long).
CHUNK_INPUTS = 4096


def affine32_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``a`` (odd) and ``b`` parameters, uint32, as datasketch's ``MinHash(num_perm, seed, scheme="affine32")`` draws them."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection), element-wise on uint32."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer (a bijection), element-wise on uint64."""
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


class MinHasher:
    """MinHash signatures under one fixed set of ``affine32`` permutations; safe to share between threads."""

    #: datasketch's name of the permutation scheme.
    SCHEME = "affine32"

    def __init__(self, num_perm: int, seed: int) -> None:
        if num_perm < 1:
            raise ValueError(f"num_perm must be positive, got {num_perm}")
        self.num_perm = num_perm
        self.a, self.b = affine32_permutations(num_perm, seed)

    def signature(self, shingles: Iterable[bytes]) -> np.ndarray:
        """The signature of a set of byte strings, each hashed by CRC-32 (datasketch's ``MinHash(hashfunc=zlib.crc32)``)."""
        hashes = np.fromiter(map(zlib.crc32, shingles), dtype=np.uint32)
        if hashes.size == 0:
            return np.full(self.num_perm, EMPTY, dtype=np.uint32)
        return self.signatures(hashes, np.zeros(1, dtype=np.int64))[0]

    def signatures(self, hashes: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """One signature per group of input hashes (uint32): group ``i`` is ``hashes[starts[i]:starts[i + 1]]``.

        ``starts`` ascends strictly from 0 (every group has an input); the result is (groups, num_perm) uint32.
        Inputs are permuted ``CHUNK_INPUTS`` at a time, so a huge group needs no huge scratch array.
        """
        mixed = fmix32(np.asarray(hashes, dtype=np.uint32))
        starts = np.asarray(starts, dtype=np.int64)
        result = np.full((len(starts), self.num_perm), EMPTY, dtype=np.uint32)
        for begin in range(0, len(mixed), CHUNK_INPUTS):
            end = min(begin + CHUNK_INPUTS, len(mixed))
            # Permutations by rows: each reduction then runs along contiguous memory (4x faster than by columns).
            permuted = np.multiply.outer(self.a, mixed[begin:end])
            permuted += self.b[:, None]
            # The groups this chunk holds a part of, and where each part starts in it.
            first = int(np.searchsorted(starts, begin, side="right")) - 1
            last = int(np.searchsorted(starts, end, side="left"))
            cuts = np.maximum(starts[first:last], begin) - begin
            np.minimum(result[first:last], np.minimum.reduceat(permuted, cuts, axis=1).T, out=result[first:last])
        return result
