"""Candidate: the page's own <main> region, where it is a listing that trafilatura mostly left
out (:mod:`cleanscrape.region`)."""

from __future__ import annotations

from ..config import ExtractionPolicy
from ..region import listing_text, marks_a_main_region
from .candidate import MAIN_ELEMENT, Candidate, Page


def read(page: Page, kept_words: int, policy: ExtractionPolicy, warnings: list[str]) -> Candidate | None:
    """The region's text, when it has ``policy.listing_min_ratio`` times ``kept_words`` and
    ``policy.listing_min_link_share`` of it is link text; else None (and None when the
    listing test is off or the page marks no main region)."""
    if policy.listing_min_ratio is None or not marks_a_main_region(page.html):
        return None
    text = listing_text(page.tree, kept_words, policy.listing_min_ratio, policy.listing_min_link_share, warnings)
    return None if text is None else Candidate(MAIN_ELEMENT, text)
