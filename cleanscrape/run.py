"""A cleaning run's passes, in order, on any executor: learn the sites' templates (when asked), then clean.

An executor (:class:`cleanscrape.batch.LocalExecutor`, :class:`cleanscrape.dask.DaskExecutor`)
runs the steps of :mod:`cleanscrape.steps` where it likes; the order of the passes is written here once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Protocol

from .corpus.site_profile import SiteProfile, SiteProfileConfig
from .steps import BatchOptions, Summary


class Executor(Protocol):
    def learn_site_profile(self, inputs: Sequence[str], options: BatchOptions, config: SiteProfileConfig,
                           report_error: Callable[[str], None]) -> SiteProfile:
        """Count each site's lines over every readable page of the inputs into a profile."""

    def clean(self, inputs: Sequence[str], output: str, rejects: str | None, options: BatchOptions,
              report_error: Callable[[str], None], progress: Callable[[int], None] | None = None) -> Summary:
        """Clean every page into the output, the rejects or the error report, and count each where it went."""


def clean_run(
    executor: Executor,
    inputs: Sequence[str],
    output: str,
    rejects: str | None,
    options: BatchOptions,
    *,
    report_error: Callable[[str], None],
    learn_templates: SiteProfileConfig | None = None,
    learned: Callable[[SiteProfile], None] = lambda profile: None,
    report_learn_error: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Clean the inputs; with ``learn_templates``, first learn the sites' template lines from the same inputs
    (``learned`` is told the profile) and remove them as the pages are cleaned.

    What the learn pass cannot read goes to ``report_learn_error`` (default ``report_error``): the
    cleaning pass reads it again and reports it as a page's error.
    """
    if learn_templates is not None:
        profile = executor.learn_site_profile(inputs, options, learn_templates, report_learn_error or report_error)
        learned(profile)
        options = dataclasses.replace(options, site_profile=profile)
    return executor.clean(inputs, output, rejects, options, report_error, progress)
