"""Breadcrumbs: "Home > News > Ships stuck in canal", "You are here: Home / Blog"."""

import regex

from ..lines import Line
from ..vocabulary import BREADCRUMB_HOME, BREADCRUMB_LEAD

REASON = "breadcrumb"

_ARROWS = regex.compile(r"\s*(?:>|›|»|→|⟩|>>|::)\s*")
_SLASHES = regex.compile(r"\s+(?:/|\||\\)\s+")


def matches(line: Line) -> bool:
    if line.words > 30:
        return False
    text = line.content
    lead = BREADCRUMB_LEAD.match(text)
    if lead:
        text = text[lead.end():]
    from_home = bool(BREADCRUMB_HOME.match(text))
    for separator, needs_home in ((_ARROWS, False), (_SLASHES, True)):
        parts = [part for part in separator.split(text) if part.strip()]
        if len(parts) < 2:
            continue
        if needs_home and not (from_home or lead):
            continue
        # Every crumb but the last (the page's own title) is a short link.
        if all(len(part.split()) <= 5 for part in parts[:-1]) and len(parts[-1].split()) <= 20:
            if from_home or lead or len(parts) >= 3:
                return True
    return False
