"""The Cleaner: one page in, one Record out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from .config import CleanerConfig
from .decide import PageVerdict, classify_page
from .decoding import decode_page
from .htmltext import html_to_text, looks_like_html
from .lines import segment
from .record import Metadata, Record, RemovedLine


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
    ) -> Record:
        """Clean one page; ``input_format`` overrides the configured one for this page.

        ``is_site_template`` marks lines (by their text) that the site repeats on
        its pages, as learned by :mod:`cleanscrape.corpus.site_profile`; they are
        removed with the reason ``site_template``.
        """
        text, extractor = self._page_text(page, input_format)
        verdict = classify_page(segment(text), self.config, is_site_template)
        body = "\n".join(line.text for line, reason in zip(verdict.lines, verdict.reasons) if reason is None)
        language = verdict.language
        return Record(
            id=id if id is not None else _content_id(url, text),
            url=url,
            title=verdict.title,
            text=body,
            language=language.code if language else None,
            language_probability=language.probability if language else None,
            metadata=Metadata(
                author=verdict.author,
                date=verdict.date,
                sitename=verdict.sitename,
                reading_minutes=verdict.reading_minutes,
            ),
            removed=tuple(
                RemovedLine(line=line.index, text=line.text, reason=reason)
                for line, reason in zip(verdict.lines, verdict.reasons)
                if reason is not None
            ),
            dropped=self._drop_reason(body, language.code if language else None),
            extractor=extractor,
        )

    def explain(self, page: str | bytes, *, is_site_template: Callable[[str], bool] | None = None) -> list[LineDecision]:
        """Every non-blank line of the page, kept or removed, in page order."""
        text, _ = self._page_text(page)
        verdict: PageVerdict = classify_page(segment(text), self.config, is_site_template)
        return [LineDecision(line.index, line.text, reason) for line, reason in zip(verdict.lines, verdict.reasons)]

    def _page_text(self, page: str | bytes, input_format: str | None = None) -> tuple[str, str]:
        if isinstance(page, (bytes, bytearray, memoryview)):
            text = decode_page(bytes(page))
        elif isinstance(page, str):
            text = page
        else:
            raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
        # Lone surrogates cannot be written as UTF-8 JSON; they are never text.
        text = text.encode("utf-8", errors="replace").decode("utf-8")
        form = input_format or self.config.input_format
        if form == "html" or (form == "auto" and looks_like_html(text)):
            return html_to_text(text), "html_text"
        return text, "text"

    def _drop_reason(self, body: str, language: str | None) -> str | None:
        if not body.strip():
            return "empty"
        if self.config.languages is not None and language not in self.config.languages:
            return "language"
        if len(body.split()) < self.config.min_words:
            return "too_short"
        return None


def _content_id(url: str | None, text: str) -> str:
    digest = hashlib.sha1()
    digest.update((url or "").encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:16]


def clean(page: str | bytes, *, url: str | None = None, id: str | None = None, **options: object) -> Record:
    """Clean one page with default options, overridden by keyword (``clean(page, min_words=50)``)."""
    return Cleaner(**options).clean(page, url=url, id=id)
