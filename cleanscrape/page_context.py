"""One page as the decision passes see it: its lines, what was read from them, and
each line's reason so far. Every pass of :mod:`cleanscrape.decide` reads and marks one.

One context is one page's, made and dropped inside one call; the passes mark
``reasons`` in place (None: kept so far).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .config import CleanerConfig
from .language import LanguageGuess
from .lines import Line
from .tabs import NO_TABS, TabVariants


@dataclass(slots=True)
class PageContext:
    lines: list[Line]
    config: CleanerConfig
    reasons: list[str | None]
    language: LanguageGuess | None
    stopwords: frozenset[str]
    densities: list[float]  # stop-word density per line
    prose: list[bool]
    #: Per line: the site repeats it on most of its pages (corpus evidence).
    site_template: list[bool]
    #: Per line: program text the extractor marked as code (never judged by a line detector).
    program: list[bool]
    #: Per line: a paragraph of the article, which ends a related list.
    paragraphs: list[bool] = field(default_factory=list)
    #: The article's span (start, end exclusive) and, per line, whether it is in an article run.
    span: tuple[int, int] = (0, 0)
    in_span: list[bool] = field(default_factory=list)
    #: Positions of comments headings that comments follow.
    sections: frozenset[int] = frozenset()
    title: str | None = None
    tab_variants: TabVariants = NO_TABS

    @property
    def code(self) -> str | None:
        """The page language's code."""
        return self.language.code if self.language else None


#: A decision pass: reads a page context and marks reasons on it.
Pass = Callable[[PageContext], None]
