"""The Cleaner: one page in, one Record out."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from .config import CleanerConfig
from .decide import PageVerdict, classify_extracted, classify_text
from .decoding import page_text_and_utf8
from .extract import FULL_PAGE, Extraction, extract_main_content
from .extract.full_page import full_page_text
from .htmltext import reads_as_html
from .lines import segment
from .neardup import normalize
from .reasons import NOT_MAIN_CONTENT  # explain's reason for page lines outside the extracted main content
from .record import Metadata, Record, RemovedLine
from .words import word_count

#: ``Record.extractor`` values: how the text was produced.
TEXT = "text"  # page text, cleaned line by line
# HTML is named by Extraction.source, the candidate the extraction arbiter chose
# (cleanscrape.extract.candidate); FULL_PAGE is the whole page's text, cleaned as page text.


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
        text, utf8, extraction, verdict, extractor, warnings = self._read(page, input_format, url, is_site_template, content_type)
        body = verdict.clean_text
        # An empty record has no language: the guess came from the lines that were all removed.
        language = verdict.language if body.strip() else None
        facts = extraction or Extraction(text="")
        return Record(
            id=id if id is not None else _content_id(url, utf8),
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
            extractor_rule=extraction.rule if extraction is not None else None,
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
        text, _, _, verdict, extractor, _ = self._read(page, None, url, is_site_template, content_type)
        decisions = [LineDecision(line.index, line.text, reason) for line, reason in verdict.page_decisions()]
        if extractor in (TEXT, FULL_PAGE):  # the page's own lines, not an extraction from it
            return decisions
        return _on_full_page(segment(full_page_text(text, [])), decisions)

    def _read(
        self,
        page: str | bytes,
        input_format: str | None,
        url: str | None,
        is_site_template: Callable[[str], bool] | None,
        content_type: str | None,
    ) -> tuple[str, bytes, Extraction | None, PageVerdict, str, tuple[str, ...]]:
        """The page's text, its UTF-8 bytes, its extraction (HTML only), every line's verdict, the extractor used,
        and what failed on the way (``Record.warnings``)."""
        text, utf8, is_html = self._page_text(page, input_format, content_type)
        extraction = extract_main_content(text, url=url, policy=self.config.extraction) if is_html else None
        verdict, extractor = self._classify(text, extraction, is_site_template)
        return text, utf8, extraction, verdict, extractor, extraction.warnings if extraction is not None else ()

    def _classify(
        self, text: str, extraction: Extraction | None, is_site_template: Callable[[str], bool] | None
    ) -> tuple[PageVerdict, str]:
        if extraction is None:
            return classify_text(text, self.config, is_site_template), TEXT
        if extraction.source == FULL_PAGE:  # the page's own lines: cleaned as page text
            return classify_text(extraction.text, self.config, is_site_template), FULL_PAGE
        lines = list(extraction.lines) if extraction.lines is not None else segment(extraction.text)
        return classify_extracted(
            lines, self.config, is_site_template, extraction.title, extraction.code_lines, extraction.tab_variants
        ), extraction.source

    def _page_text(self, page: str | bytes, input_format: str | None = None, content_type: str | None = None) -> tuple[str, bytes, bool]:
        """The page as text, its UTF-8 bytes, and whether that text is HTML."""
        text, utf8 = page_text_and_utf8(page, content_type)
        return text, utf8, reads_as_html(text, input_format or self.config.input_format)

    def _drop_reason(self, body: str, language: str | None) -> str | None:
        if not body.strip():
            return "empty"
        if self.config.languages is not None and language not in self.config.languages:
            return "language"
        if word_count(body) < self.config.min_words:
            return "too_short"
        return None


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


def _content_id(url: str | None, utf8: bytes) -> str:
    digest = hashlib.sha1()
    digest.update((url or "").encode("utf-8"))
    digest.update(b"\0")
    digest.update(utf8)
    return digest.hexdigest()[:16]


def clean(
    page: str | bytes, *, url: str | None = None, id: str | None = None, content_type: str | None = None, **options: object
) -> Record:
    """Clean one page with default options, overridden by keyword (``clean(page, min_words=50)``)."""
    return Cleaner(**options).clean(page, url=url, id=id, content_type=content_type)
