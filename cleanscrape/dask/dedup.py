"""Near-duplicate documents across record files, on Dask, with the single-machine result.

1. Each file is signed where it lies (:func:`..corpus.signatures.sign_texts`);
   the signatures stay on the workers.
2. Each record gives one row per LSH band, ``((band, band values), record)``;
   Dask groups the rows by band bucket (a shuffle; rows travel in batches
   bound for the same group of buckets).
3. In each bucket: texts with the same words found in band 0 are exact
   duplicates (equal texts have equal signatures, so they always share it);
   one text per exact group, the lowest id, enters LSH, as on one machine,
   and each entrant is compared with at most ``max_bucket_comparisons`` of
   the bucket's first entrants, in id order. That gives the same candidate
   pairs as :func:`..corpus.banding.similar_pairs`.
4. The driver gathers the candidate pairs and the signatures of the texts
   in them, keeps the pairs at or above the threshold, and joins the edges
   into clusters (union-find). It holds only records that have a candidate
   or an exact twin, never the whole corpus, at about a kilobyte each (id,
   length, signature, edges): that is where this stops scaling, some 10 GB
   per 10 million such records.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import dask
import dask.bag as db
import numpy as np

from ..corpus.banding import row_band_keys
from ..corpus.dedup import DedupConfig, DuplicateClusters, clustered
from ..corpus.records import record_id, record_text
from ..corpus.signatures import SignatureScheme, sign_texts
from ..io.sources import jsonl_rows
from .cluster import RETRIES, compute

#: Bucket groups per record file. Rows of a partition bound for one group
#: travel as one element: Dask's shuffle hashes and moves an element at a
#: time, and one per band row would cost more than the grouping itself.
GROUPS_PER_FILE = 16


class SignedRecord(NamedTuple):
    id: str
    length: int
    digest: bytes
    signature: np.ndarray
    has_shingles: bool


class Member(NamedTuple):
    """What a bucket knows of a record: enough to pick entrants, order them and choose representatives."""

    id: str
    length: int
    digest: bytes
    has_shingles: bool


def _signed_records(files: Iterable[str], scheme: SignatureScheme, batch_size: int) -> list[SignedRecord]:
    """A list, not a generator: the partition is kept (persisted) and read more than once."""
    return list(_signing(files, scheme, batch_size))


def _signing(files: Iterable[str], scheme: SignatureScheme, batch_size: int) -> Iterator[SignedRecord]:
    for name in files:
        rows = jsonl_rows(Path(name))
        while batch := list(islice(rows, batch_size)):
            texts = [record_text(row) for row in batch]
            signed = sign_texts(scheme, texts)
            for row, text, digest, signature, has_shingles in zip(batch, texts, signed.digests, signed.hashvalues, signed.has_shingles):
                yield SignedRecord(record_id(row), len(text), digest, signature, bool(has_shingles))


def _band_rows(records: Sequence[SignedRecord], bands: int, rows: int) -> Iterator[tuple[tuple[int, bytes], Member]]:
    if not records:
        return
    keys = row_band_keys(np.stack([record.signature for record in records]), bands, rows)
    for record, record_keys in zip(records, keys):
        member = Member(record.id, record.length, record.digest, record.has_shingles)
        # Band 0 for every record, so exact twins meet; the other bands only for texts that can be compared.
        for band in range(bands if record.has_shingles else 1):
            yield (band, record_keys[band]), member


def _bucket_groups(records: Sequence[SignedRecord], bands: int, rows: int, groups: int) -> list[tuple[int, list]]:
    """A partition's band rows, gathered by the bucket group they go to: one shuffled element per group, not per row."""
    bound: dict[int, list] = {}
    for key, member in _band_rows(records, bands, rows):
        bound.setdefault(zlib.crc32(key[1], key[0]) % groups, []).append((key, member))
    return list(bound.items())


def _buckets(grouped: Iterable[tuple[int, list[tuple[int, list]]]]) -> Iterator[tuple[tuple[int, bytes], list[Member]]]:
    for _, parts in grouped:
        buckets: dict[tuple[int, bytes], list[Member]] = {}
        for _, rows in parts:
            for key, member in rows:
                buckets.setdefault(key, []).append(member)
        yield from buckets.items()


def _bucket_edges(bucket: tuple[tuple[int, bytes], list[Member]], max_comparisons: int) -> list[tuple[str, Member, Member]]:
    """("exact" | "candidate", lower id, higher id) edges of one bucket."""
    (band, _), members = bucket
    if len(members) < 2:
        return []
    by_digest: dict[bytes, list[Member]] = {}
    for member in members:
        by_digest.setdefault(member.digest, []).append(member)
    edges = []
    entrants = []
    for twins in by_digest.values():
        twins.sort(key=lambda member: member.id)
        if band == 0:
            edges.extend(("exact", twins[0], twin) for twin in twins[1:])
        if twins[0].has_shingles:
            entrants.append(twins[0])
    entrants.sort(key=lambda member: member.id)
    for offset in range(1, len(entrants)):
        edges.extend(("candidate", earlier, entrants[offset]) for earlier in entrants[:min(offset, max_comparisons)])
    return edges


def _signatures_of(records: Iterable[SignedRecord], wanted: set[str]) -> list[tuple[str, np.ndarray]]:
    return [(record.id, record.signature) for record in records if record.id in wanted]


def _repeated(ids: Iterable[tuple[str, int]]) -> list[str]:
    return [id for id, count in ids if count > 1]


def find_duplicates(record_files: Sequence[str], config: DedupConfig | None = None, *, scheduler: Any = None) -> DuplicateClusters:
    """Cluster near-duplicate records of JSONL files (each record an ``id`` and a ``text``), as
    :func:`cleanscrape.corpus.find_duplicates` clusters them in one process.

    The result lists only records in clusters of two or more (``records``
    counts them all); one task signs each file.
    """
    config = config or DedupConfig()
    bands, rows = config.band_layout()
    if not record_files:
        return DuplicateClusters({}, config, bands, rows, exact_duplicates=0, similar_pairs=0, records=0)
    signed = db.from_sequence(list(record_files), npartitions=len(record_files)).map_partitions(
        _signed_records, config.scheme, config.batch_size
    )
    (signed,) = dask.persist(signed, scheduler=scheduler, retries=RETRIES)
    edges = (
        signed.map_partitions(_bucket_groups, bands, rows, GROUPS_PER_FILE * len(record_files))
        .groupby(lambda group: group[0], shuffle="tasks")
        .map_partitions(_buckets)
        .map(_bucket_edges, config.max_bucket_comparisons)
        .flatten()
    )
    repeated_ids = signed.pluck(0).frequencies().map_partitions(_repeated)
    records, edge_list, repeated = compute(signed.count(), edges, repeated_ids, scheduler=scheduler)
    if repeated:
        raise ValueError(f"record ids must be unique; {len(repeated)} repeat, e.g. {min(repeated)!r}")

    exact = {(first.id, second.id) for kind, first, second in edge_list if kind == "exact"}
    candidates = {(first.id, second.id) for kind, first, second in edge_list if kind == "candidate"}
    length_of = {member.id: member.length for _, first, second in edge_list for member in (first, second)}
    wanted = {id for pair in candidates for id in pair}
    (found,) = compute(signed.map_partitions(_signatures_of, dask.delayed(wanted, traverse=False)), scheduler=scheduler)
    signature_of = dict(found)
    # The estimate and the comparison of banding.similar_pairs, pair by pair.
    near = {(a, b) for a, b in candidates if (signature_of[a] == signature_of[b]).mean() >= config.threshold}

    ids = sorted(length_of)
    position = {id: number for number, id in enumerate(ids)}
    cluster_of = clustered(ids, [length_of[id] for id in ids], ((position[a], position[b]) for a, b in sorted(exact | near)))
    return DuplicateClusters(
        cluster_of=cluster_of,
        config=config,
        bands=bands,
        rows=rows,
        exact_duplicates=len(exact),
        similar_pairs=len(near),
        records=records,
    )
