"""Site-template learning on Dask: each shard's lines counted by a task, the counts merged into one profile."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import dask.bag as db

from ..steps import count_site_lines
from ..corpus.site_profile import SiteProfile, SiteProfileConfig, SiteProfileLearner
from ..io.shards import DEFAULT_SHARD_BYTES, Shard
from ..io.sources import FieldNames
from .cluster import compute, plan

#: Learners merged per task as the counts are reduced to one.
MERGED_PER_TASK = 8


def _count_shards(
    shards: Iterable[Shard], fields: FieldNames, config: SiteProfileConfig, input_format: str
) -> tuple[SiteProfileLearner, list[str]]:
    learner, errors = SiteProfileLearner(config), []
    for shard in shards:
        count_site_lines(learner, shard.read(fields), errors.append, input_format)
    return learner, errors


def _merge(counted: Iterable[tuple[SiteProfileLearner, list[str]]]) -> tuple[SiteProfileLearner, list[str]]:
    # Into a fresh learner, never into an input: a retried task must not count its inputs twice.
    # In shard order, so that error messages come out in input order.
    counted = list(counted)
    learner, errors = SiteProfileLearner(counted[0][0].config), []
    for other, their_errors in counted:
        learner.merge(other)
        errors.extend(their_errors)
    return learner, errors


def learn_site_profile(
    inputs: Sequence[str],
    fields: FieldNames | None = None,
    config: SiteProfileConfig | None = None,
    *,
    scheduler: Any = None,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    report_error: Callable[[str], None] = lambda message: None,
    input_format: str = "auto",
) -> SiteProfile:
    """The profile :func:`cleanscrape.batch.learn_site_profile` learns, from counts made shard by shard
    (``input_format``: what a page of no known format is read as, the cleaning's ``input_format``).

    The merged counts sit in one process before the profile is settled:
    at most ``max_keys_per_site`` lines per site, some 10 MB a site.
    """
    fields, config = fields or FieldNames(), config or SiteProfileConfig()
    shards = plan(inputs, shard_bytes, scheduler)
    if not shards:
        return SiteProfileLearner(config).profile()
    counted = db.from_sequence(shards, npartitions=len(shards)).reduction(
        lambda partition: _count_shards(partition, fields, config, input_format), _merge, split_every=MERGED_PER_TASK
    )
    (learner, errors), = compute(counted, scheduler=scheduler)
    for message in errors:
        report_error(message)
    return learner.profile()
