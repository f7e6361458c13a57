"""The Cleaner: one page in, one Record out."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from .config import CleanerConfig
from .decide import PageVerdict, classify_extracted, classify_text
from .decoding import decode_page
from .extract import Extraction, extract_main_content
from .guard import guarded
from .htmltext import html_to_text, looks_like_html
from .lines import segment
from .neardup import normalize
from .reasons import NOT_MAIN_CONTENT  # explain's reason for page lines outside the extracted main content
from .record import Metadata, Record, RemovedLine

#: ``Record.extractor`` values: how the text was produced.
TEXT = "text"  # page text, cleaned line by line
# The four HTML paths that clean an extraction are named by Extraction.source, where its text came from:
# "trafilatura" (its main content), "trafilatura_precision" (an article, in its precision mode),
# "main_element" (a listing: the page's <main> region, which trafilatura mostly left out),
# "resiliparse" (a page where trafilatura kept little: resiliparse's main content).
FULL_PAGE = "html_text"  # HTML whose main content came out (nearly) empty: the whole page's text, cleaned


@dataclass(frozen=True, slots=True)
class LineDecision:
    """One non-blank line of the page and what happened to it (reason None: kept)."""

    line: int
    text: str
    reason: str | None


class Cleaner:
    """Cleans pages with one fixed configuration; safe to reuse and share across threads."""

    def __init__(self, config: CleanerConfig | None = None, **options: object) -> None:
        base = config or CleanerConfig()
        self.config = base.replace(**options) if options else base

    def clean(
        self,
        page: str | bytes,
        *,
        url: str | None = None,
        id: str | None = None,
        input_format: str | None = None,
        is_site_template: Callable[[str], bool] | None = None,
        content_type: str | None = None,
    ) -> Record:
        """Clean one page; ``input_format`` overrides the configured one for this page.

        ``content_type`` is the HTTP header the page's bytes were served with;
        for bytes that are not UTF-8, its charset comes before the one the
        page's ``<meta>`` declares, as in browsers.

        ``is_site_template`` marks lines (by their text) that the site repeats on
        its pages, as learned by :mod:`cleanscrape.corpus.site_profile`; they are
        removed with the reason ``site_template``.
        """
        text, extraction, verdict, extractor, warnings = self._read(page, input_format, url, is_site_template, content_type)
        body = "\n".join(line.text for line, reason in zip(verdict.lines, verdict.reasons) if reason is None)
        # An empty record has no language: the guess came from the lines that were all removed.
        language = verdict.language if body.strip() else None
        facts = extraction or Extraction(text="")
        return Record(
            id=id if id is not None else _content_id(url, text),
            url=url,
            title=facts.title or verdict.title,
            text=body,
            language=language.code if language else None,
            language_probability=language.probability if language else None,
            metadata=Metadata(
                author=facts.author or verdict.author,
                date=facts.date or verdict.date,
                sitename=facts.sitename or verdict.sitename,
                reading_minutes=verdict.reading_minutes,
                description=facts.description,
            ),
            removed=tuple(
                RemovedLine(line=line.index, text=line.text, reason=reason)
                for line, reason in verdict.page_decisions()
                if reason is not None
            ),
            dropped=self._drop_reason(body, language.code if language else None),
            extractor=extractor,
            warnings=warnings,
        )

    def explain(
        self,
        page: str | bytes,
        *,
        url: str | None = None,
        is_site_template: Callable[[str], bool] | None = None,
        content_type: str | None = None,
    ) -> list[LineDecision]:
        """Every non-blank line of the page, kept or removed, in page order.

        For HTML, the page is its full text; lines outside the extracted main
        content are marked ``not_main_content``.
        """
        text, _, verdict, extractor, _ = self._read(page, None, url, is_site_template, content_type)
        decisions = [LineDecision(line.index, line.text, reason) for line, reason in verdict.page_decisions()]
        if extractor in (TEXT, FULL_PAGE):  # the page's own lines, not an extraction from it
            return decisions
        return _on_full_page(segment(_full_page_text(text, [])), decisions)

    def _read(
        self,
        page: str | bytes,
        input_format: str | None,
        url: str | None,
        is_site_template: Callable[[str], bool] | None,
        content_type: str | None,
    ) -> tuple[str, Extraction | None, PageVerdict, str, tuple[str, ...]]:
        """The page's text, its extraction (HTML only), every line's verdict, the extractor used,
        and what failed on the way (``Record.warnings``)."""
        text, is_html = self._page_text(page, input_format, content_type)
        extraction = (
            extract_main_content(
                text,
                url=url,
                timeout=self.config.html_timeout,
                date_extensive_search=self.config.html_date_extensive_search,
                listing_min_ratio=self.config.html_listing_min_ratio,
                listing_min_link_share=self.config.html_listing_min_link_share,
                article_precision_min_share=self.config.html_article_precision_min_share,
                resiliparse_min_ratio=self.config.html_resiliparse_min_ratio,
            )
            if is_html
            else None
        )
        warnings = list(extraction.warnings) if extraction is not None else []
        verdict, extractor = self._classify(text, extraction, is_site_template, warnings)
        return text, extraction, verdict, extractor, tuple(warnings)

    def _classify(
        self, text: str, extraction: Extraction | None, is_site_template: Callable[[str], bool] | None, warnings: list[str]
    ) -> tuple[PageVerdict, str]:
        if extraction is None:
            return classify_text(text, self.config, is_site_template), TEXT
        lines = segment(extraction.text)
        if sum(line.words for line in lines) >= self.config.html_min_main_words:
            return classify_extracted(
                lines, self.config, is_site_template, extraction.title, extraction.code_lines, extraction.tab_variants
            ), extraction.source
        return classify_text(_full_page_text(text, warnings), self.config, is_site_template), FULL_PAGE

    def _page_text(self, page: str | bytes, input_format: str | None = None, content_type: str | None = None) -> tuple[str, bool]:
        """The page as text, and whether that text is HTML."""
        if isinstance(page, (bytes, bytearray, memoryview)):
            text = decode_page(bytes(page), content_type)
        elif isinstance(page, str):
            text = page
        else:
            raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
        # Lone surrogates cannot be written as UTF-8 JSON; they are never text.
        text = text.encode("utf-8", errors="replace").decode("utf-8")
        form = input_format or self.config.input_format
        return text, form == "html" or (form == "auto" and looks_like_html(text))

    def _drop_reason(self, body: str, language: str | None) -> str | None:
        if not body.strip():
            return "empty"
        if self.config.languages is not None and language not in self.config.languages:
            return "language"
        if len(body.split()) < self.config.min_words:
            return "too_short"
        return None


def _full_page_text(html: str, warnings: list[str]) -> str:
    """The whole page's text; none where inscriptis raises on it (``warnings`` says so)."""
    return guarded(warnings, "page text", "inscriptis", lambda: html_to_text(html), "")


def _on_full_page(page_lines, decisions: list[LineDecision]) -> list[LineDecision]:
    """The main content's decisions placed on the full page's lines, in page order.

    The two line lists are aligned by their (case- and punctuation-folded)
    text with difflib, so a sidebar headline that the article repeats later
    does not pull the match past the article. A page line matched to an
    extracted line takes its decision; the rest are ``not_main_content``.
    """
    page_keys = [normalize(line.text) for line in page_lines]
    extracted_keys = [normalize(decision.text) for decision in decisions]
    reasons: list[str | None] = [NOT_MAIN_CONTENT] * len(page_lines)
    matcher = difflib.SequenceMatcher(None, page_keys, extracted_keys, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            if page_keys[block.a + offset]:
                reasons[block.a + offset] = decisions[block.b + offset].reason
    return [LineDecision(line.index, line.text, reason) for line, reason in zip(page_lines, reasons)]


def _content_id(url: str | None, text: str) -> str:
    digest = hashlib.sha1()
    digest.update((url or "").encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:16]


def clean(
    page: str | bytes, *, url: str | None = None, id: str | None = None, content_type: str | None = None, **options: object
) -> Record:
    """Clean one page with default options, overridden by keyword (``clean(page, min_words=50)``)."""
    return Cleaner(**options).clean(page, url=url, id=id, content_type=content_type)
