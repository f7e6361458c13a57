"""The article title: the heading line just above the article, and its copies."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from . import reasons as why
from .lines import Line
from .neardup import normalize

#: How many lines above the article the title is looked for.
LOOKBACK = 8
#: Reasons a line between the title and the article may carry.
_BETWEEN = why.with_role(why.BETWEEN_TITLE_AND_ARTICLE)
#: A copy may carry this many extra words ("| Example News").
MAX_SUFFIX_WORDS = 5


def looks_like_heading(line: Line) -> bool:
    """Short, not bulleted, and not closed like a sentence (a question mark is fine).

    One word will do when it is a real word ("Pagination"), not a number.
    """
    if line.bulleted or line.words > 30 or line.content.endswith((".", ",", ";", ":")):
        return False
    return line.words >= 2 or (len(line.content) >= 4 and line.content.isalpha())


def find_title(
    lines: Sequence[Line], reasons: Sequence[str | None], span: tuple[int, int], paragraphs: Sequence[bool]
) -> int | None:
    """Position of the title line: the nearest heading above the article's first paragraph."""
    start, end = span
    first = next((p for p in range(start, end) if paragraphs[p] and reasons[p] is None), None)
    if first is None:
        return None
    for position in range(first - 1, max(-1, first - 1 - LOOKBACK), -1):
        line, reason = lines[position], reasons[position]
        if reason is None and looks_like_heading(line):
            return position
        if reason is None and line.words > 3:
            return None  # other text stands between: no title here
        if reason is not None and reason not in _BETWEEN:
            return None
    return None


def title_words(title_key: str) -> int:
    return title_key.count(" ") + 1


def is_copy(title_key: str, line: Line) -> bool:
    """The title again, alone or with a few words (the site's name) before or after it."""
    if line.words > title_words(title_key) + MAX_SUFFIX_WORDS:
        return False
    # A copy's folded text holds the title's first word whole, so its case-folded text holds it
    # too (folding keeps runs of letters and digits): most lines are no copy, and go unfolded.
    if title_key.partition(" ")[0] not in line.content.casefold():
        return False
    key = normalize(line.content)
    if key == title_key:
        return True
    if key.startswith(title_key + " ") or key.endswith(" " + title_key):
        return len(key.split()) - len(title_key.split()) <= MAX_SUFFIX_WORDS
    return False


#: What stands between a page title and the site's name in <title> ("Story | Site", "Site - Story").
_SITE_SEPARATOR = regex.compile(r"(?<!\s)\s+(?:\||-|–|—|::|·|•|»)\s+")


def without_site_name(title: str, sitename: str | None, host: str | None = None) -> str:
    """The title without the site's name at its end or start ("What is X? | Google Cloud" -> "What is X?").

    A part is the site's name when, case and punctuation folded, it equals the
    sitename, or the sitename or host starts with it or holds it as a word run
    ("Tarkett" for home.tarkett.co.uk). Only the last part, else the first, is
    tested, and only that one part is dropped ("A | B | Site" -> "A | B").
    """
    separators = list(_SITE_SEPARATOR.finditer(title))
    if not separators:
        return title
    names = [normalize(name) for name in (sitename, _host_name(host)) if name]
    names = [name for name in names if name]

    def is_site(part: str) -> bool:
        key = normalize(part)
        return bool(key) and any(f" {key} " in f" {name} " for name in names)

    first, last = separators[0], separators[-1]
    if is_site(title[last.end():]):
        return title[:last.start()]
    if is_site(title[:first.start()]):
        return title[first.end():]
    return title


def _host_name(host: str | None) -> str | None:
    """The host's labels without its domain ending: "home tarkett" for home.tarkett.co.uk."""
    if not host:
        return None
    labels = host.split(".")[:-1]  # the top-level domain
    if len(labels) > 1 and len(labels[-1]) <= 3:  # co.uk, com.au
        labels = labels[:-1]
    return " ".join(labels) or None
