"""Candidate: the whole page's text, where no extractor found main content."""

from __future__ import annotations

from ..guard import guarded
from ..htmltext import html_to_text
from .candidate import FULL_PAGE, Candidate, Page


def read(page: Page, warnings: list[str]) -> Candidate:
    """inscriptis's text of the page; none where it raises (``warnings`` says so)."""
    return Candidate(FULL_PAGE, full_page_text(page.html, warnings))


def full_page_text(html: str, warnings: list[str]) -> str:
    return guarded(warnings, "page text", "inscriptis", lambda: html_to_text(html), "")
