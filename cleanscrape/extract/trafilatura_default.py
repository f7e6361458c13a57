"""Candidate: trafilatura's main content in its default mode, the text of most pages."""

from __future__ import annotations

from .candidate import TRAFILATURA, Candidate, Page
from .trafilatura_run import trafilatura_candidate


def read(page: Page, warnings: list[str]) -> Candidate:
    return trafilatura_candidate(page, TRAFILATURA, warnings, favor_precision=False)
