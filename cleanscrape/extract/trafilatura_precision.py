"""Candidate: trafilatura's main content in its precision mode, which leaves out more teasers,
bylines and appended stories of an article (and, on other pages, content)."""

from __future__ import annotations

from .candidate import TRAFILATURA_PRECISION, Candidate, Page
from .trafilatura_run import trafilatura_candidate


def read(page: Page, fast: bool, warnings: list[str]) -> Candidate:
    """``fast``: without trafilatura's readability and jusText comparisons (a third of its time)."""
    return trafilatura_candidate(page, TRAFILATURA_PRECISION, warnings, favor_precision=True, fast=fast)
