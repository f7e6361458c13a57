"""What a candidate reader is given (the page) and what it gives back (a candidate text)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..region import count_words
from .page_kind import PageKind

#: ``Candidate.name`` values: where a text comes from (``Record.extractor`` says it).
TRAFILATURA = "trafilatura"  # trafilatura's main content
TRAFILATURA_PRECISION = "trafilatura_precision"  # the same in its precision mode (an article)
MAIN_ELEMENT = "main_element"  # the page's own <main> region (a listing)
RESILIPARSE = "resiliparse"  # resiliparse's main content (where trafilatura kept little)
FULL_PAGE = "html_text"  # the whole page's text (where no main content came out)


@dataclass(frozen=True, slots=True)
class Page:
    """One parsed HTML page, as every candidate reader sees it. Readers must not change ``tree``."""

    html: str
    tree: object  # lxml.html.HtmlElement
    #: The page's URL: the caller's, else the one its markup names.
    url: str | None
    kind: PageKind


@dataclass(frozen=True, slots=True)
class Candidate:
    """One extractor's text of a page: one paragraph, heading or list item per line."""

    name: str
    text: str
    #: Lines of ``text`` that the extractor's markup holds as code (spaces folded): program
    #: text, which the line cleaner keeps.
    code_lines: frozenset[str] = frozenset()
    #: Its ``\w+`` runs: the count the arbiter's thresholds are measured in.
    words: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", count_words(self.text))
