"""The one immutable set of options a Cleaner runs with."""

from __future__ import annotations

import dataclasses
import functools
import os
from dataclasses import dataclass


@functools.cache
def known_language_codes() -> frozenset[str]:
    """The ISO 639-1 codes a page's language can be detected as (langdetect's profiles; zh-cn and zh-tw are zh)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return frozenset(name.split("-")[0].lower() for name in os.listdir(PROFILES_DIRECTORY))


def language_codes(codes: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Language codes case-folded ("EN" -> "en"), from a tuple or an "en,de" string; an unknown code raises ValueError."""
    if isinstance(codes, str):
        codes = codes.split(",")
    folded = tuple(dict.fromkeys(str(code).strip().lower() for code in codes if str(code).strip()))
    unknown = [code for code in folded if code not in known_language_codes()]
    if unknown:
        raise ValueError(
            f"unknown language code(s) {', '.join(map(repr, unknown))}: give ISO 639-1 codes, one of "
            + ", ".join(sorted(known_language_codes()))
        )
    if not folded:
        raise ValueError("languages is empty: give ISO 639-1 codes such as 'en,de', or None to keep every language")
    return folded


@dataclass(frozen=True, slots=True)
class ExtractionPolicy:
    """How the main content of an HTML page is chosen (:mod:`cleanscrape.extract.arbiter`).

    ``CleanerConfig.extraction`` builds it from the ``html_*`` options, which say
    what each field does (``timeout`` is ``html_timeout``, and so on); it has no
    defaults of its own. Invalid values raise ValueError naming the option.
    """

    timeout: float | None
    min_main_words: int
    date_extensive_search: bool
    listing_min_ratio: float | None
    listing_min_link_share: float
    article_precision_min_share: float | None
    resiliparse_min_ratio: float | None

    def __post_init__(self) -> None:
        if self.timeout is not None and not self.timeout > 0:
            raise ValueError(f"html_timeout must be a positive number of seconds or None, got {self.timeout!r}")
        if self.min_main_words < 0:
            raise ValueError(f"html_min_main_words must not be negative, got {self.min_main_words!r}")
        if self.listing_min_ratio is not None and not self.listing_min_ratio > 0:
            raise ValueError(f"html_listing_min_ratio must be a positive number or None, got {self.listing_min_ratio!r}")
        if self.resiliparse_min_ratio is not None and not self.resiliparse_min_ratio > 0:
            raise ValueError(f"html_resiliparse_min_ratio must be a positive number or None, got {self.resiliparse_min_ratio!r}")
        share = self.article_precision_min_share
        if share is not None and not 0.0 <= share <= 1.0:
            raise ValueError(f"html_article_precision_min_share must be in [0, 1] or None, got {share!r}")
        if not 0.0 <= self.listing_min_link_share <= 1.0:
            raise ValueError(f"html_listing_min_link_share must be in [0, 1], got {self.listing_min_link_share!r}")


@dataclass(frozen=True)
class CleanerConfig:
    """Options for cleaning one page. Every field has a documented default.

    Line thresholds are counted in a line's words (``\\w+`` runs; CJK characters
    count as half a word each, see :mod:`cleanscrape.lines`); ``min_words`` counts
    the record's ``word_count`` (:func:`cleanscrape.words.word_count`).
    """

    #: "auto" (HTML when the page looks like HTML), "text" or "html".
    input_format: str = "auto"

    #: Seconds one HTML page may spend in main-content extraction; the page
    #: then fails with PageTimeout (a per-record error in batch runs). None: no limit.
    html_timeout: float | None = 30.0
    #: A page larger than this many MB (characters of text, or bytes) is not cleaned: in batch runs it
    #: is an error for that record ("PageTooLarge"). Cleaning takes about 30 times a page's size in
    #: memory, so a 50 MB page would need 1.5 GB. None: no limit.
    max_page_mb: float | None = 20.0
    #: An HTML page whose extracted main content has fewer words is cleaned
    #: from its full text instead (the record's extractor says "html_text").
    html_min_main_words: int = 20
    #: Let the date search read the whole page text (htmldate's extensive search)
    #: when the markup and structured data name no date, as trafilatura does by
    #: default. Off, WCXB pages clean an eighth faster and half as many pages
    #: whose gold has no date get one, but 3% fewer dated pages get theirs right
    #: (benchmarks/metadata.py).
    html_date_extensive_search: bool = True
    #: An HTML page whose <main> (or role="main") region has this many times the
    #: words trafilatura kept, and at least ``html_listing_min_link_share`` of it
    #: link text, is a listing: the region is cleaned instead (the record's
    #: extractor says "main_element"). None: always trafilatura's main content.
    html_listing_min_ratio: float | None = 4.0
    html_listing_min_link_share: float = 0.25
    #: On a page that declares itself an article (og:type "article", a schema.org
    #: Article, NewsArticle, BlogPosting or ReportageNewsArticle in JSON-LD) and is
    #: not a forum thread (DiscussionForumPosting) or a question page, trafilatura's
    #: precision mode runs first: it leaves out more teasers, bylines and appended
    #: stories. A text of 500 words or more is taken; a shorter one only when it
    #: keeps at least this share of the default mode's words (keeping less, it cut
    #: the story itself). The record's extractor says "trafilatura_precision". The
    #: comparison costs a second extraction on short articles. With resiliparse on,
    #: its main content is read first, and the precision mode runs first without
    #: trafilatura's readability and jusText comparisons. Where that text has 100
    #: words or more and resiliparse's some but under 1.5 times as many, the page holds
    #: no more article: the text is taken with no other run. Otherwise the precision
    #: mode runs again with them, and that text is also taken if resiliparse confirms it.
    #: None never runs the precision mode (benchmarks/quality.py, benchmarks/speed.py).
    html_article_precision_min_share: float | None = 0.25
    #: Where trafilatura's default mode gave the text (no listing region) and the page
    #: does not declare a product, resiliparse's main-content text is taken when it has
    #: at least this many times the words, and 30 words more: on such a page trafilatura
    #: often keeps one block of a service page, forum thread or collection. Where the
    #: precision mode's text was taken after a default run that kept more, resiliparse
    #: needs 1.5 times the default mode's words. The record's extractor says
    #: "resiliparse". None never runs resiliparse (benchmarks/quality.py).
    html_resiliparse_min_ratio: float | None = 1.2

    #: ISO 639-1 codes of the document languages to keep; ``None`` keeps all.
    #: A page in another language is returned with ``dropped="language"``.
    languages: tuple[str, ...] | None = None
    #: Remove lines written in a script or language the page does not use.
    drop_off_language_lines: bool = True
    #: A line needs this many different words (of two letters or more) before its own
    #: language is checked: shorter lines, and table rows of numbers and repeated cells,
    #: give langdetect too little to read.
    line_language_min_words: int = 8
    #: langdetect's verdict on a line must be at least this sure.
    line_language_min_probability: float = 0.95
    #: Characters of the page given to langdetect: the lines with the most letters first,
    #: a quarter at most from one line while others can fill the sample.
    language_sample_chars: int = 800
    #: Seed for langdetect's random sampling, so detection is deterministic.
    language_seed: int = 0

    #: Estimated Jaccard similarity at which two lines are near-duplicates.
    near_duplicate_threshold: float = 0.7
    #: MinHash permutations for line signatures (datasketch).
    minhash_num_perm: int = 64
    #: MinHash seed; signatures are only comparable under the same seed.
    minhash_seed: int = 1
    #: Word shingle length (n-gram size) over the case- and punctuation-folded line.
    shingle_size: int = 2
    #: Lines shorter than this many characters (normalised) are compared
    #: exactly rather than by MinHash: their shingle sets are too small.
    near_duplicate_min_chars: int = 12
    #: Longer lines (paragraphs) are compared exactly: templates that nearly
    #: repeat are short, and MinHash on every paragraph costs more than it finds.
    near_duplicate_max_words: int = 30
    #: Inside the main content an extractor returns (HTML), only lines of at
    #: least this many words are checked for repeats: the extractor has already
    #: dropped the page's repeated template, and the short lines that repeat
    #: inside an article are mostly its own structure (recipe steps, labels).
    extracted_repeat_min_words: int = 15

    #: A prose line needs at least this many words to count as article text.
    prose_min_words: int = 10
    #: ... and at least this share of its words in the language's stop list.
    prose_min_stopword_density: float = 0.2
    #: Lines of at most this many words count as short (menu items, labels).
    short_line_words: int = 4

    #: Records whose clean text has fewer words are dropped ("too_short").
    min_words: int = 0

    def __post_init__(self) -> None:
        if self.input_format not in ("auto", "text", "html"):
            raise ValueError(f"input_format must be 'auto', 'text' or 'html', got {self.input_format!r}")
        # The html_* options, checked as the policy the extraction reads (its errors name the options).
        object.__setattr__(self, "_extraction", ExtractionPolicy(
            timeout=self.html_timeout,
            min_main_words=self.html_min_main_words,
            date_extensive_search=self.html_date_extensive_search,
            listing_min_ratio=self.html_listing_min_ratio,
            listing_min_link_share=self.html_listing_min_link_share,
            article_precision_min_share=self.html_article_precision_min_share,
            resiliparse_min_ratio=self.html_resiliparse_min_ratio,
        ))
        if self.max_page_mb is not None and not self.max_page_mb > 0:
            raise ValueError(f"max_page_mb must be a positive number of MB or None, got {self.max_page_mb!r}")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ValueError(
                f"near_duplicate_threshold must be in (0, 1], got {self.near_duplicate_threshold}"
            )
        if not 0.0 <= self.line_language_min_probability <= 1.0:
            raise ValueError("line_language_min_probability must be in [0, 1]")
        if self.minhash_num_perm < 16:
            raise ValueError(f"minhash_num_perm must be at least 16, got {self.minhash_num_perm}")
        if self.shingle_size < 1:
            raise ValueError(f"shingle_size must be positive, got {self.shingle_size}")
        for name in ("prose_min_words", "short_line_words", "min_words", "language_sample_chars", "extracted_repeat_min_words"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.languages is not None:
            # A bare "en,de" string is a common slip; accept it. Codes are case-folded, and an unknown
            # one ("english") is an error rather than a filter that drops every page.
            object.__setattr__(self, "languages", language_codes(self.languages))

    @property
    def extraction(self) -> ExtractionPolicy:
        """The html_* options, as the policy that chooses an HTML page's main content."""
        return self._extraction  # type: ignore[attr-defined]  # set in __post_init__

    def replace(self, **changes: object) -> "CleanerConfig":
        """A copy with some options changed; unknown names raise TypeError."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise TypeError(f"unknown cleaning option(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)
