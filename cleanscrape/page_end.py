"""Where the page ends: the site's copyright notice closes the article.

Below the notice a page holds only what the site repeats on every page (more
stories, teasers of other articles, trending lists), and teasers read as prose:
without an end, the article search runs on through them. A notice is the site's
when it names a year or reserves all rights ("© 2019 CBS Interactive Inc. All
Rights Reserved."); a photo credit ("© Reuters") is not.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from . import reasons as why
from .lines import Line
from .mainblock import BARRIER

_SITE_NOTICE = regex.compile(
    r"(?:©|\(c\)|\bcopyright\b).{0,60}?\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.{0,60}?(?:©|\(c\)|\bcopyright\b)"
    r"|\ball\s+rights\s+reserved\b|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|derechos\s+reservados"
    r"|direitos\s+reservados|tutti\s+i\s+diritti\s+riservati",
    regex.IGNORECASE,
)


def is_site_notice(line: Line, reason: str | None) -> bool:
    """A footer line that is the site's copyright notice."""
    return reason == why.FOOTER and names_rights(line)


def names_rights(line: Line) -> bool:
    """The line holds a copyright notice (a year with ©, or rights reserved)."""
    return bool(_SITE_NOTICE.search(line.content[:500]))


def with_page_end(weights: Sequence[float], lines: Sequence[Line], reasons: Sequence[str | None]) -> list[float]:
    """``weights`` with each site notice a barrier that the article's run does not cross. Not a
    wall that ends the search: a mobile menu at the top can hold the whole footer, notice included."""
    return [BARRIER if is_site_notice(line, reason) else weight for weight, line, reason in zip(weights, lines, reasons)]
