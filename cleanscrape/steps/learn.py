"""The learn step of site-template cleaning: count each site's lines over every readable page."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..corpus.site_profile import SiteProfileLearner
from ..decoding import page_text
from ..io.sources import InputPage, Item, ReadFailure
from .read import page_site


def count_site_lines(
    learner: SiteProfileLearner, items: Iterable[Item], report_error: Callable[[str], None], input_format: str = "auto"
) -> None:
    """Count the lines of every readable page under its site; unreadable items are reported.

    A page is read as the cleaner reads it: its own format (a file's ending, a row's
    field), else ``input_format`` (the run's configured one).
    """
    for item in items:
        if isinstance(item, ReadFailure):
            report_error(f"{item.key}: {item.message}")
        elif isinstance(item, InputPage):
            site = page_site(item)
            if site is None:
                learner.pages_without_site += 1
                continue
            form = input_format if item.input_format == "auto" else item.input_format
            learner.add(site, page_text(item.content, item.content_type), form)
