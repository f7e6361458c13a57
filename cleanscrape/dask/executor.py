"""The Dask executor: a run's passes (:func:`cleanscrape.run.clean_run`) on a cluster."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..corpus.site_profile import SiteProfile, SiteProfileConfig
from ..io.shards import DEFAULT_SHARD_BYTES
from ..steps import BatchOptions, Summary
from .cleaning import clean
from .site_profile import learn_site_profile


class DaskExecutor:
    """Runs each pass as tasks of ``scheduler`` (a ``distributed.Client``, "synchronous", or None: the active client),
    ``shard_bytes`` of input per task; outputs are folders of part files."""

    def __init__(self, scheduler: Any = None, shard_bytes: int = DEFAULT_SHARD_BYTES) -> None:
        self.scheduler = scheduler
        self.shard_bytes = shard_bytes

    def learn_site_profile(self, inputs: Sequence[str], options: BatchOptions, config: SiteProfileConfig,
                           report_error: Callable[[str], None]) -> SiteProfile:
        return learn_site_profile(inputs, options.fields, config, scheduler=self.scheduler, shard_bytes=self.shard_bytes,
                                  report_error=report_error, input_format=options.config.input_format)

    def clean(self, inputs: Sequence[str], output: str, rejects: str | None, options: BatchOptions,
              report_error: Callable[[str], None], progress: Callable[[int], None] | None = None) -> Summary:
        summary = clean(inputs, output, rejects, options, scheduler=self.scheduler, shard_bytes=self.shard_bytes,
                        report_error=report_error)
        if progress is not None:  # the tasks report nothing as they go: the whole run, once done
            progress(summary.read)
        return summary
