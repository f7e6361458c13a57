"""Near-duplicate documents in a corpus: exact content hash, then MinHash LSH, then clusters.

1. Each text is reduced to its words per line (:mod:`.signatures`); texts
   with the same words are exact duplicates, whatever their case,
   punctuation or spacing.
2. One text per exact group gets a MinHash signature into LSH bands
   (:mod:`.banding`); texts that share a band are candidates, and a candidate
   pair is a near-duplicate when its estimated Jaccard similarity reaches
   ``threshold``.
3. Clusters are the connected groups of duplicate pairs. Each keeps one
   representative: the longest text (in characters), then the lowest id.
   Its id names the cluster (``dup_cluster``); every other member has
   ``is_duplicate = True``.

Records are processed in id order, so the result does not depend on the
order they arrive in, the batch size or the number of worker processes.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import numpy as np

from .banding import CHECKED_FALSE_NEGATIVE_WEIGHT, lsh_bands, similar_pairs
from .records import record_id, record_row, record_text
from .signatures import SignatureScheme, sign_batches


@dataclass(frozen=True)
class DedupConfig:
    """Options for finding near-duplicate documents. Every field has a documented default."""

    #: Estimated Jaccard similarity of two texts' shingle sets at or above
    #: which they are near-duplicates. With 3-word shingles, copies of an
    #: article with 5% of the words edited, paragraphs moved and another
    #: template around it are at 0.64 or more (99 in 100), distinct articles
    #: of one site at 0.36 or less, and half of one article joined to half of
    #: another at about 0.5 or less (benchmarks/dedup.py). At 0.55 pair
    #: precision and recall are both 0.98 or more for copies with 1-5% of the
    #: words edited. Raise it to join only closer copies (0.8: about 1%).
    threshold: float = 0.55
    #: How signatures are made (permutations, seed, shingle size).
    scheme: SignatureScheme = field(default_factory=SignatureScheme)
    #: LSH bands and rows per band; both None derives them from ``threshold``
    #: and the number of permutations (:func:`.banding.lsh_bands`).
    bands: int | None = None
    rows: int | None = None
    #: How much a missed pair weighs against a false candidate when the bands
    #: are derived. Candidates are checked against their signatures, so a
    #: false one costs a comparison while a missed one is lost: weigh misses more.
    false_negative_weight: float = CHECKED_FALSE_NEGATIVE_WEIGHT
    #: In each LSH bucket a text is compared with at most this many of the
    #: bucket's first members; bounds the work when thousands share a band.
    max_bucket_comparisons: int = 64
    #: Texts per signing batch (the unit of work for a worker process).
    batch_size: int = 256

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1), got {self.threshold}")
        if (self.bands is None) != (self.rows is None):
            raise ValueError("give both bands and rows, or neither")
        if self.bands is not None and (self.bands < 1 or self.rows < 1 or self.bands * self.rows > self.scheme.num_perm):
            raise ValueError(f"{self.bands} bands of {self.rows} rows need more than {self.scheme.num_perm} permutations")
        if self.max_bucket_comparisons < 1 or self.batch_size < 1:
            raise ValueError("max_bucket_comparisons and batch_size must be positive")

    def replace(self, **changes: Any) -> "DedupConfig":
        """A copy with some options changed, scheme fields included (``replace(num_perm=256)``)."""
        scheme_fields = {f.name for f in dataclasses.fields(SignatureScheme)}
        scheme_changes = {name: changes.pop(name) for name in list(changes) if name in scheme_fields}
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise TypeError(f"unknown dedup option(s): {', '.join(sorted(unknown))}")
        if scheme_changes:
            changes["scheme"] = dataclasses.replace(self.scheme, **scheme_changes)
        return dataclasses.replace(self, **changes)

    def band_layout(self) -> tuple[int, int]:
        if self.bands is not None and self.rows is not None:
            return self.bands, self.rows
        return lsh_bands(self.threshold, self.scheme.num_perm, self.false_negative_weight)


@dataclass(frozen=True)
class DuplicateClusters:
    """Which cluster each record id belongs to, and how the clusters were found."""

    #: Record id -> its cluster's id (the representative's record id).
    cluster_of: Mapping[str, str]
    config: DedupConfig
    bands: int
    rows: int
    #: Records whose text repeats a kept text word for word.
    exact_duplicates: int
    #: Pairs of distinct texts found similar enough (before clustering).
    similar_pairs: int
    #: None: ``cluster_of`` holds every record. A count: ``cluster_of`` holds
    #: only records in clusters of two or more, and any other id is its own
    #: cluster (a corpus too big to list every id in one process).
    records: int | None = None

    def dup_cluster(self, id: str) -> str:
        if self.records is not None:
            return self.cluster_of.get(id, id)
        return self.cluster_of[id]

    def is_duplicate(self, id: str) -> bool:
        return self.dup_cluster(id) != id

    @property
    def duplicates(self) -> int:
        return sum(1 for id, cluster in self.cluster_of.items() if id != cluster)

    def clusters(self) -> list[tuple[str, ...]]:
        """Clusters of two or more records, representative first, then the others by id; sorted."""
        members: dict[str, list[str]] = {}
        for id, cluster in self.cluster_of.items():
            if id != cluster:
                members.setdefault(cluster, []).append(id)
        return sorted((cluster, *sorted(others)) for cluster, others in members.items())

    def summary(self) -> dict[str, Any]:
        """Counts and settings, JSON-safe: what a run report or a CLI summary line needs."""
        return {
            "records": len(self.cluster_of) if self.records is None else self.records,
            "duplicates": self.duplicates,
            "exact_duplicates": self.exact_duplicates,
            "clusters": len(self.clusters()),
            "similar_pairs": self.similar_pairs,
            "threshold": self.config.threshold,
            "bands": self.bands,
            "rows": self.rows,
            "signature": self.config.scheme.to_dict(),
        }

    def annotate(self, record: object) -> dict[str, Any]:
        """The record as a dict with ``dup_cluster`` and ``is_duplicate`` added."""
        id = record_id(record)
        if self.records is None and id not in self.cluster_of:
            raise KeyError(f"record {id!r} was not among the records deduplicated")
        row = record_row(record)
        row["dup_cluster"] = self.dup_cluster(id)
        row["is_duplicate"] = row["dup_cluster"] != id
        return row


def clustered(ids: Sequence[str], lengths: Sequence[int], edges: Iterable[tuple[int, int]]) -> dict[str, str]:
    """Each record joined to another by ``edges`` (pairs of positions) -> its cluster's representative.

    A cluster is a connected group; its representative is the longest text,
    then the lowest id. Records that no edge touches are left out.
    """
    sets = _DisjointSets(len(ids))
    touched: set[int] = set()
    for first, second in edges:
        sets.union(first, second)
        touched.update((first, second))
    groups: dict[int, list[int]] = {}
    for position in sorted(touched):
        groups.setdefault(sets.find(position), []).append(position)
    cluster_of: dict[str, str] = {}
    for members in groups.values():
        representative = ids[min(members, key=lambda p: (-lengths[p], ids[p]))]
        for position in members:
            cluster_of[ids[position]] = representative
    return cluster_of


class _DisjointSets:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        first, second = self.find(first), self.find(second)
        if first != second:
            self.parent[max(first, second)] = min(first, second)


@dataclass(frozen=True, slots=True)
class _SignedCorpus:
    """What is kept of each record: ids, lengths and digests in id order; signatures as they arrived."""

    ids: list[str]
    lengths: list[int]
    digests: list[bytes]
    signatures: np.ndarray  # (records, num_perm), in arrival order
    arrival_row: np.ndarray  # the signature row of each record in id order
    has_shingles: np.ndarray


def _sign_records(records: Iterable[object], config: DedupConfig, jobs: int) -> _SignedCorpus:
    ids: list[str] = []
    lengths: list[int] = []

    def text_batches() -> Iterator[list[str]]:
        iterator = iter(records)
        while batch := list(islice(iterator, config.batch_size)):
            texts = [record_text(record) for record in batch]
            ids.extend(record_id(record) for record in batch)
            lengths.extend(len(text) for text in texts)
            yield texts

    digests: list[bytes] = []
    # One array grown in place (realloc) as batches arrive, each batch let go once copied: one copy of
    # the signatures at any time, never a list of batches beside the whole (1M records: 512 MB, not twice that).
    signatures = np.empty((0, config.scheme.num_perm), dtype=np.uint32)
    filled = 0
    has_shingles: list[np.ndarray] = [np.empty(0, dtype=bool)]
    for signed in sign_batches(config.scheme, text_batches(), jobs):
        digests.extend(signed.digests)
        if filled + len(signed.hashvalues) > len(signatures):
            signatures.resize((max(2 * len(signatures), filled + len(signed.hashvalues), 1024), config.scheme.num_perm), refcheck=False)
        signatures[filled:filled + len(signed.hashvalues)] = signed.hashvalues
        filled += len(signed.hashvalues)
        has_shingles.append(signed.has_shingles)
    signatures.resize((filled, config.scheme.num_perm), refcheck=False)
    if len(set(ids)) != len(ids):
        repeated = [id for id, count in Counter(ids).items() if count > 1]
        raise ValueError(f"record ids must be unique; {len(repeated)} repeat, e.g. {repeated[0]!r}")
    order = np.array(sorted(range(len(ids)), key=ids.__getitem__), dtype=np.int64)
    return _SignedCorpus(
        ids=[ids[p] for p in order.tolist()],
        lengths=[lengths[p] for p in order.tolist()],
        digests=[digests[p] for p in order.tolist()],
        signatures=signatures,
        arrival_row=order,
        has_shingles=np.concatenate(has_shingles)[order],
    )


def find_duplicates(records: Iterable[object], config: DedupConfig | None = None, *, jobs: int = 1) -> DuplicateClusters:
    """Cluster near-duplicate records; reads ``records`` once and keeps only ids, lengths and signatures.

    Each record needs a unique ``id`` and a ``text`` (see :mod:`.records`).
    ``jobs`` > 1 computes signatures in that many processes; the result is the same.
    """
    config = config or DedupConfig()
    bands, rows = config.band_layout()
    corpus = _sign_records(records, config, jobs)
    ids = corpus.ids  # position p is the p-th record in id order

    first_with_digest: dict[bytes, int] = {}
    exact_edges = []
    for position, digest in enumerate(corpus.digests):
        first = first_with_digest.setdefault(digest, position)
        if first != position:
            exact_edges.append((first, position))
    # One text per exact group goes into LSH; the others have the same signature.
    entrants = np.fromiter((p for p in first_with_digest.values() if corpus.has_shingles[p]), dtype=np.int64)
    # Entrants in id order, read where their signatures lie: pairs are of positions in ``entrants``.
    pairs = similar_pairs(corpus.signatures, bands, rows, config.threshold, config.max_bucket_comparisons,
                          members=corpus.arrival_row[entrants])
    near_edges = ((int(entrants[first]), int(entrants[second])) for first, second in pairs)
    cluster_of = {id: id for id in ids}
    cluster_of.update(clustered(ids, corpus.lengths, [*exact_edges, *near_edges]))
    return DuplicateClusters(
        cluster_of=cluster_of,
        config=config,
        bands=bands,
        rows=rows,
        exact_duplicates=len(ids) - len(first_with_digest),
        similar_pairs=len(pairs),
    )


def mark_duplicates(records: Iterable[object], clusters: DuplicateClusters) -> Iterator[dict[str, Any]]:
    """Each record as a dict with ``dup_cluster`` and ``is_duplicate`` (a second pass over the same records)."""
    for record in records:
        yield clusters.annotate(record)


def deduplicate(records: Iterable[object], config: DedupConfig | None = None, *, jobs: int = 1) -> list[dict[str, Any]]:
    """Find and mark near-duplicates in one call; holds all records in memory (use the two steps for streams)."""
    records = list(records)
    return list(mark_duplicates(records, find_duplicates(records, config, jobs=jobs)))

