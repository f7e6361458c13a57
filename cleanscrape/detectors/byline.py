"""Bylines: author, date and reading time above or below the article.

A byline is removed from the text and its facts move into the record's
metadata (see :func:`parse`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from ..lines import Line
from ..vocabulary import BYLINE_LEAD, READING_TIME, READING_TIME_LEAD

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)\.?"
)
_DATE = regex.compile(
    rf"(?:\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|"
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?\d{{4}}\b|"
    rf"\b{_MONTH}\s+\d{{4}}\b)",
    regex.IGNORECASE,
)
_RELATIVE_DATE = regex.compile(
    r"\b(?:\d+|a|an|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b", regex.IGNORECASE
)
_BY_NAME = regex.compile(r"(?:^|\s|[·|•])(?:by|von|par|por|oleh)\s+\p{Lu}", regex.IGNORECASE)
# (?<!\s): a run of spaces is tried from its start only, not from each of its spaces (quadratic).
_PARTS = regex.compile(r"(?:(?<!\s)\s*)?[|·•]\s*")
_TIME = regex.compile(r"\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b", regex.IGNORECASE)
_NAME = regex.compile(r"^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|le|la|del|di|bin)){0,4}")
_SEPARATORS = regex.compile(r"(?:(?<!\s)\s*)?(?:\||•|·|—|–|\s-\s|,|/|\bon\b|\bat\b|\bam\b|\ble\b|\bel\b|\bem\b)\s*")
_NOT_NAMES = regex.compile(r"^(?:the|a|an|this|that|these|in|on|at|for|with|admin)$", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Byline:
    """What a page's bylines say."""

    author: str | None
    date: str | None  # ISO 8601 date
    reading_minutes: int | None


def _has_date(text: str) -> bool:
    return bool(_DATE.search(text))


def matches(line: Line) -> bool:
    if line.words > 22:
        return False
    text = line.content
    if READING_TIME_LEAD.match(text):
        return True
    lead = BYLINE_LEAD.match(text)
    # Without a lead word, a byline needs a date: digits, or "a day ago".
    if not lead and line.digit_share == 0 and "ago" not in text.casefold():
        return False
    if READING_TIME.search(text) and line.words <= 8:
        return True
    if lead and lead.end() < len(text):
        rest = text[lead.end():]
        # "By 2030 the city will..." is prose; a byline names someone or a date.
        return bool(_NAME.match(rest) and not _NOT_NAMES.match(rest.split()[0])) or _has_date(rest)
    if not (_has_date(text) or _RELATIVE_DATE.search(text)) or line.words > 15:
        return False
    # A date with a name ("March 14 · by Hanna Weiss"), or with short parts
    # around it ("Staff Report | October 6, 2024"), or alone, stamps the article.
    if _BY_NAME.search(text) or _RELATIVE_DATE.search(text):
        return True
    parts = [part for part in _PARTS.split(text) if part.strip()]
    if len(parts) >= 2 and all(len(part.split()) <= 4 for part in parts):
        return True
    stripped = _TIME.sub(" ", _DATE.sub(" ", text))
    return len(regex.findall(r"\w+", stripped)) <= 2


def parse(text: str) -> Byline:
    """Author, date and reading time found in one byline line."""
    reading = READING_TIME.search(text)
    reading_minutes = int(reading.group(1)) if reading else None
    date = _parse_date(text)
    author = None
    lead = BYLINE_LEAD.match(text)
    if lead and regex.match(r"(?i)(?:by|written\s+by|posted\s+by|von|par|por|oleh|author)\b", text):
        rest = text[lead.end():]
        first = _SEPARATORS.split(_DATE.split(rest)[0], maxsplit=1)[0].strip(" :")
        name = _NAME.match(first)
        if name and not _NOT_NAMES.match(name.group(0)):
            author = regex.sub(r"(?<!\s)\s+\d.*$", "", name.group(0)).strip()
    return Byline(author=author or None, date=date, reading_minutes=reading_minutes)


def _parse_date(text: str) -> str | None:
    found = _DATE.search(text)
    if not found:
        return None
    from dateutil import parser

    try:
        # A fixed default keeps parsing independent of today's date.
        parsed = parser.parse(found.group(0), fuzzy=True, default=dt.datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat()
