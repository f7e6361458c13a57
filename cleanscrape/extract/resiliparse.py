"""Candidate: resiliparse's main content, which keeps more of a service page, forum thread or
collection than trafilatura's default mode (:mod:`cleanscrape.resiliparse_text`)."""

from __future__ import annotations

from ..guard import guarded
from ..resiliparse_text import main_content_text
from .candidate import RESILIPARSE, Candidate, Page


def read(page: Page, warnings: list[str]) -> Candidate | None:
    """None where resiliparse cannot read the page (too deep, unencodable) or raises."""
    if page.kind.too_deep:
        return None
    text = guarded(warnings, "main content", "resiliparse", lambda: main_content_text(page.html), None)
    return None if text is None else Candidate(RESILIPARSE, text)
