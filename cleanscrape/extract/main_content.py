"""The main content and metadata of an HTML page: parsed once, its kind read once, its text
chosen by the arbiter, all within the page's time limit."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import CleanerConfig, ExtractionPolicy
from ..guard import guarded
from ..lines import Line, fold_spaces
from ..tabs import NO_TABS, TabVariants, marks_tab_panels, tab_variants
from ..title import without_site_name
from ..urls import url_host
from .arbiter import Readers, Trial, choose, choose_unparsed
from .candidate import FULL_PAGE, TRAFILATURA, Page
from .deadline import time_limit
from .page_kind import PageKind, read_page_kind

#: The warning of a page too big for trafilatura (``PageKind.too_big_for_trafilatura``).
TRAFILATURA_SKIPPED = "main content: trafilatura skipped (too many tags for the page's length)"


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractors found: the text (one paragraph, heading or list item per line), why, and metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)
    sitename: str | None = None
    description: str | None = None
    #: Where the text comes from: a candidate's name (:mod:`cleanscrape.extract.candidate`),
    #: "html_text" for the whole page's text.
    source: str = TRAFILATURA
    #: The arbiter's rule that chose it (:mod:`cleanscrape.extract.arbiter`).
    rule: str | None = None
    #: ``text`` segmented (``lines.segment``), where it is an extractor's main content (not the
    #: whole page's text, which is cleaned as page text).
    lines: tuple[Line, ...] | None = field(default=None, compare=False)
    #: Lines of ``text`` that trafilatura's markup holds as code (``<pre>``, ``<code>``),
    #: spaces folded (``lines.fold_spaces``): program text, not template.
    code_lines: frozenset[str] = frozenset()
    #: The variants (distinct texts) of the page's tab panels (:mod:`cleanscrape.tabs`):
    #: a line in one is no repeat of a line in another.
    tab_variants: TabVariants = field(default=NO_TABS, compare=False)
    #: What failed on this page, in order ("metadata: htmldate raised AssertionError"):
    #: a third-party library's failure costs its step's result (:mod:`cleanscrape.guard`).
    warnings: tuple[str, ...] = ()


def extract_main_content(
    html: str, *, url: str | None = None, policy: ExtractionPolicy | None = None, readers: Readers = Readers()
) -> Extraction:
    """The page's main content (comments left out, but for the answers of a question page)
    as the arbiter chooses it under ``policy`` (the default: ``CleanerConfig().extraction``),
    and its metadata. ``readers`` are the candidate extractors (tests pass their own).

    A library that raises on the page costs its step (the metadata field, that
    extractor's text; the next one is taken) and is named in ``warnings``.
    Raises :class:`PageTimeout` when ``policy.timeout`` seconds pass first
    (:mod:`cleanscrape.extract.deadline` says where that limit holds).
    """
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    from ..pagemeta import page_metadata

    policy = policy if policy is not None else CleanerConfig().extraction
    warnings: list[str] = []
    with time_limit(policy.timeout):
        # Parsed here once: the kind, the metadata and the main region are read from this
        # tree, and trafilatura extracts from its own copy.
        tree = guarded(warnings, "parse", "trafilatura", lambda: load_html(html), None)
        if tree is None:
            choice = choose_unparsed(Trial(Page(html, None, url, PageKind()), policy, readers, warnings))
            return Extraction(text=choice.candidate.text, source=choice.candidate.name, rule=choice.rule, warnings=tuple(warnings))
        # trafilatura's own default date parameters, but for the extensive search.
        metadata = page_metadata(tree, url, set_date_params(policy.date_extensive_search), warnings)
        variants = tab_variants(tree) if marks_tab_panels(html) else NO_TABS
        page = Page(html, tree, url or metadata.url, read_page_kind(html, tree))
        if page.kind.too_big_for_trafilatura:  # each trafilatura reader then gives no text
            warnings.append(TRAFILATURA_SKIPPED)
        trial = Trial(page, policy, readers, warnings)
        choice = choose(trial)
    url = url or _clean_field(metadata.url)
    sitename = _clean_field(metadata.sitename)
    title = _clean_field(metadata.title)
    return Extraction(
        text=choice.candidate.text,
        source=choice.candidate.name,
        rule=choice.rule,
        lines=trial.lines(choice.candidate) if choice.candidate.name != FULL_PAGE else None,
        code_lines=choice.candidate.code_lines,
        tab_variants=variants,
        # <title> often carries the site's name ("Story | Site"); the record's title is the story's.
        title=without_site_name(title, sitename, url_host(url)) if title else None,
        author=_clean_field(metadata.author),
        date=_clean_field(metadata.date),
        sitename=sitename,
        description=_clean_field(metadata.description),
        warnings=tuple(warnings),
    )


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return fold_spaces(value) or None
