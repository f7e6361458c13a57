"""Breadcrumbs: "Home > News > Ships stuck in canal", "You are here: Home / Blog"."""

import regex

from ..lines import Line
from ..vocabulary import BREADCRUMB_HOME, BREADCRUMB_LEAD

REASON = "breadcrumb"

_ARROWS = regex.compile(r"\s*(?:>|›|»|→|⟩|>>|::)\s*")
_SLASHES = regex.compile(r"\s+(?:/|\\)\s+")


def matches(line: Line) -> bool:
    # Generics and markup ("impl<T, E> Result<T, E>", "<li>") pair angle brackets; crumbs never do.
    if line.words > 30 or line.looks_like_code or "<" in line.content:
        return False
    text = line.content
    lead = BREADCRUMB_LEAD.match(text)
    if lead:
        text = text[lead.end():]
    from_home = bool(BREADCRUMB_HOME.match(text))
    for separator in (_ARROWS, _SLASHES):
        parts = [part for part in separator.split(text) if part.strip()]
        if len(parts) < 2:
            continue
        # Every crumb but the last (the page's own title) is a short link.
        if not (all(len(part.split()) <= 5 for part in parts[:-1]) and len(parts[-1].split()) <= 20):
            continue
        if from_home or lead or len(parts) >= 3:
            return True
        # Two crumbs ("Science › Climate") pass with arrows when both are labels.
        if separator is _ARROWS and line.words <= 8 and len(parts[-1].split()) <= 4:
            return True
    return False
