"""Main content and metadata of an HTML page, by trafilatura (resiliparse where it kept
little), within a time limit."""

from __future__ import annotations

import contextlib
import json
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .config import CleanerConfig
from .guard import guarded
from .lines import fold_spaces
from .region import count_words, listing_text, marks_a_main_region
from .resiliparse_text import main_content_text
from .tabs import NO_TABS, TabVariants, marks_tab_panels, tab_variants
from .title import without_site_name
from .urls import url_host

#: The page's structured data says it is a schema.org QAPage (JSON-LD "@type", alone or
#: in a list, or a microdata itemtype): the answers and replies trafilatura files under
#: "comments" are its content there. A page that merely names the type does not match.
#: The list is bounded, so that many unclosed lists cannot make the search quadratic.
_QUESTION_PAGE = re.compile(
    r'"@type"\s*:\s*(?:"QAPage"|\[[^\]]{0,200}"QAPage")|itemtype\s*=\s*["\']?https?://schema\.org/QAPage\b', re.IGNORECASE
)


#: The page declares itself an article: Open Graph ``og:type`` "article" (either attribute
#: order), or a schema.org Article, NewsArticle, BlogPosting or ReportageNewsArticle in
#: JSON-LD, alone or in a list.
#: The repeats are bounded so that odd markup cannot make the search quadratic.
_ARTICLE_PAGE = re.compile(
    r"""(?i:(?<![\w-])property\s*=\s*["']og:type["'][^>]{0,200}?(?<![\w-])content\s*=\s*["']article["']"""
    r"""|(?<![\w-])content\s*=\s*["']article["'][^>]{0,200}?(?<![\w-])property\s*=\s*["']og:type["'])"""
    r"""|"@type"\s*:\s*(?:\[[^\]]{0,200})?"(?:Article|NewsArticle|BlogPosting|ReportageNewsArticle)\""""
)


#: schema.org types that make a page a product page (see ``_declares_product``).
_PRODUCT_TYPES = frozenset({"product", "productgroup", "individualproduct"})
_WORDS = re.compile(r"\w+")
#: ``extract_main_content``'s mark for resiliparse's text not read yet (None: it cannot run).
_UNREAD = object()
#: resiliparse's main-content step slows with nesting (10,000 nested <div>s take seconds,
#: and it cannot be stopped by the time limit while it runs); lxml stops a tree at 255
#: levels. Real pages nest far less (at most 55 on WCXB), so a tree this deep gets none.
_RESILIPARSE_MAX_DEPTH = 200
#: On a question page resiliparse's text must hold this share of trafilatura's words.
_QUESTION_PAGE_MIN_COVER = 0.9


class PageTimeout(BaseException):
    """Extraction of one page took longer than its time limit.

    A BaseException, like KeyboardInterrupt, because trafilatura catches
    ``Exception`` around its parsers and fallbacks: a TimeoutError raised
    there would be swallowed and the page would run on unbounded.
    """


#: A precision-mode text this long has not cut the story to a paragraph or two: it is taken
#: without the default mode's run to compare with. On ScrapingHub and WCXB the scores are the
#: same as always comparing, with a second run on 75 of 170 and 130 of 699 article pages
#: (before resiliparse's test below, which leaves the second run out on most of them).
_PRECISE_TEXT_TRUSTED_WORDS = 500

#: resiliparse's main content with fewer than this many times the words of the precision
#: mode's text (and some words) says the page holds no more article. Then the text is taken
#: from a run without trafilatura's readability and jusText comparisons (a third of its
#: time), and with no default-mode run to compare it with. On ScrapingHub and WCXB the
#: same text as always running them on all pages but two of WCXB's 1,497.
_PRECISE_TEXT_CONFIRMED_RATIO = 1.5
#: A shorter precision text may be the one block that both extractors kept (both drop
#: blocks by their class names): the default mode's run still checks it.
_PRECISE_TEXT_CONFIRMED_MIN_WORDS = 100

#: What resiliparse adds must come to a paragraph's words at least: a line or two more
#: is the page's edge (an address footer, a category label), not content trafilatura missed.
_RESILIPARSE_MIN_MORE_WORDS = 30
#: Where the precision mode's text was taken after a default run (an article page that
#: trafilatura reads best of all), resiliparse must find half as much again as the default
#: mode: at the general ratio, ScrapingHub falls from 0.970 to 0.968.
_ARTICLE_RESILIPARSE_MIN_RATIO = 1.5

#: ``Extraction.source`` values.
TRAFILATURA = "trafilatura"
TRAFILATURA_PRECISION = "trafilatura_precision"
MAIN_ELEMENT = "main_element"
RESILIPARSE = "resiliparse"


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractors found: the article text (one paragraph, heading or list item per line) and metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)
    sitename: str | None = None
    description: str | None = None
    #: Where the text comes from: TRAFILATURA (its main content), TRAFILATURA_PRECISION
    #: (its main content in its precision mode, on an article page) or MAIN_ELEMENT
    #: (the page's own <main> region, a listing that trafilatura mostly left out) or
    #: RESILIPARSE (resiliparse's main content, where trafilatura kept little).
    source: str = TRAFILATURA
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
    html: str,
    *,
    url: str | None = None,
    timeout: float | None = None,
    date_extensive_search: bool = CleanerConfig.html_date_extensive_search,
    listing_min_ratio: float | None = CleanerConfig.html_listing_min_ratio,
    listing_min_link_share: float = CleanerConfig.html_listing_min_link_share,
    article_precision_min_share: float | None = CleanerConfig.html_article_precision_min_share,
    resiliparse_min_ratio: float | None = CleanerConfig.html_resiliparse_min_ratio,
) -> Extraction:
    """The page's main content, comments left out (but for the answers of a
    question page), and its metadata.

    ``date_extensive_search`` lets htmldate guess a date from the page's whole
    text when the markup names none (see ``CleanerConfig.html_date_extensive_search``).
    When the page's ``<main>`` region has ``listing_min_ratio`` times the words
    trafilatura kept and at least ``listing_min_link_share`` of it is link text,
    the region is the text (:mod:`cleanscrape.region`); None never takes it.
    On a page that declares itself an article, trafilatura's precision mode
    runs first. Where resiliparse is on (``resiliparse_min_ratio`` set) and
    can read the page, it runs without trafilatura's readability and jusText
    comparisons, and its text is taken when it holds the article
    (``_holds_the_article``: resiliparse's main content has under
    _PRECISE_TEXT_CONFIRMED_RATIO times its words). Otherwise it runs with
    them, and its text is taken when it holds the article, or has
    _PRECISE_TEXT_TRUSTED_WORDS words, or else when it keeps at least
    ``article_precision_min_share`` of the default mode's, which then runs
    (see ``CleanerConfig.html_article_precision_min_share``); None never
    runs it. Where trafilatura's default mode gave the text, on a
    page that does not declare a product, resiliparse's main content is taken
    when it has ``resiliparse_min_ratio`` times the words and
    _RESILIPARSE_MIN_MORE_WORDS more; where the precision mode's text was
    taken after a default run that kept more, when it has
    _ARTICLE_RESILIPARSE_MIN_RATIO times the default mode's words (see
    ``CleanerConfig.html_resiliparse_min_ratio``); None never runs it.

    A library that raises on the page costs its step (the metadata field, that
    extractor's text; the next one is taken) and is named in ``warnings``.

    Raises :class:`PageTimeout` when ``timeout`` seconds pass first. The
    limit needs a timer signal: it holds in the main thread of a Unix
    process (the library called from a script, ``cleanscrape clean`` with
    any ``-j``); in other threads (Dask workers among them) and on Windows
    the page runs unbounded.
    """
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    from .pagemeta import page_metadata

    # The substring test first: the pattern over a whole page costs milliseconds.
    answers_are_content = "QAPage" in html and bool(_QUESTION_PAGE.search(html))
    warnings: list[str] = []
    with _time_limit(timeout):
        # Parsed here once: the metadata and the main region are read from this tree, and
        # trafilatura extracts from its own copy.
        tree = guarded(warnings, "parse", "trafilatura", lambda: load_html(html), None)
        if tree is None:
            return Extraction(text="", warnings=tuple(warnings))
        # trafilatura's own default date parameters, but for the extensive search.
        metadata = page_metadata(tree, url, set_date_params(date_extensive_search), warnings)
        # Read before the listing check, which prunes the tree.
        variants = tab_variants(tree) if marks_tab_panels(html) else NO_TABS
        page_url = url or metadata.url
        # resiliparse's main content, read at most once, where a rule below needs it. Its depth
        # limit is read here, before the listing check prunes the tree.
        second_text = _UNREAD
        if resiliparse_min_ratio is not None and _too_deep_for_resiliparse(tree):
            second_text = None
        precise, precise_words, confirmed = None, 0, False
        if article_precision_min_share is not None and not answers_are_content and _declares_article(html):
            if resiliparse_min_ratio is not None and second_text is _UNREAD:
                second_text = _resiliparse_text(html, warnings)
            second_words = count_words(second_text) if isinstance(second_text, str) else None
            # First without trafilatura's own second opinions (readability, jusText), which
            # are not needed where resiliparse's finds no more article. (On a product page
            # resiliparse adds reviews: it does not confirm, and they run.)
            for fast in (True, False) if second_words is not None else (False,):
                precise = _main_content(tree, page_url, False, warnings, favor_precision=True, fast=fast)
                precise_words = count_words(precise[0])
                confirmed = second_words is not None and _holds_the_article(precise_words, second_words)
                if confirmed:
                    break
        if confirmed or precise_words >= _PRECISE_TEXT_TRUSTED_WORDS:
            (text, code_lines), source, kept_words = precise, TRAFILATURA_PRECISION, precise_words
        else:
            text, code_lines = _main_content(tree, page_url, answers_are_content, warnings, favor_precision=False)
            source, kept_words = TRAFILATURA, count_words(text)
            # A smaller share: the precision mode cut the story itself, not only its teasers.
            if precise is not None and precise[0] and precise_words >= article_precision_min_share * kept_words:
                (text, code_lines), source = precise, TRAFILATURA_PRECISION
        # kept_words: the default mode's words where it ran (the listing thresholds were
        # measured against them), else the precision mode's.
        # A second opinion (resiliparse) where trafilatura's default mode gave the text, or ran
        # and kept more than the precision mode's text that was taken (which cut something).
        min_ratio = None
        if resiliparse_min_ratio is not None and source == TRAFILATURA:
            min_ratio = resiliparse_min_ratio
        elif resiliparse_min_ratio is not None and source == TRAFILATURA_PRECISION and precise_words < kept_words:
            min_ratio = max(resiliparse_min_ratio, _ARTICLE_RESILIPARSE_MIN_RATIO)
        # Read before the listing check too.
        if min_ratio is not None and _declares_product(tree):
            min_ratio = None
        page_letters = None
        if listing_min_ratio is not None and marks_a_main_region(html):
            if min_ratio is not None:  # the page's text for resiliparse's order test
                page_letters = _page_letters(tree)
            listing = listing_text(tree, kept_words, listing_min_ratio, listing_min_link_share, warnings)
            if listing is not None:
                text, source, code_lines = listing, MAIN_ELEMENT, frozenset()
                min_ratio = None
        if min_ratio is not None:
            if second_text is _UNREAD:
                second_text = _resiliparse_text(html, warnings)
            second = _second_opinion(second_text, tree, page_letters, kept_words, min_ratio)
            # On a question page trafilatura's text holds the answers, which resiliparse may
            # file as comments and leave out: it may add to them, not drop them.
            if second is not None and answers_are_content and not _covers(second, text, _QUESTION_PAGE_MIN_COVER):
                second = None
            # trafilatura's code lines stay: those that resiliparse's text holds are still code.
            if second is not None:
                text, source = second, RESILIPARSE
    url = url or _clean_field(metadata.url)
    sitename = _clean_field(metadata.sitename)
    title = _clean_field(metadata.title)
    return Extraction(
        text=text,
        source=source,
        code_lines=code_lines,
        tab_variants=variants,
        # <title> often carries the site's name ("Story | Site"); the record's title is the story's.
        title=without_site_name(title, sitename, url_host(url)) if title else None,
        author=_clean_field(metadata.author),
        date=_clean_field(metadata.date),
        sitename=sitename,
        description=_clean_field(metadata.description),
        warnings=tuple(warnings),
    )


def _resiliparse_text(html: str, warnings: list[str]) -> str | None:
    """resiliparse's main content, None where it cannot read the page or raises."""
    return guarded(warnings, "main content", "resiliparse", lambda: main_content_text(html), None)


def _holds_the_article(words: int, resiliparse_words: int) -> bool:
    """Whether a precision-mode text of ``words`` words holds the page's article, as far as
    resiliparse's main content (``resiliparse_words``) tells: that has some words, and fewer
    than _PRECISE_TEXT_CONFIRMED_RATIO times the text's, of _PRECISE_TEXT_CONFIRMED_MIN_WORDS
    or more. resiliparse finding nothing says nothing."""
    enough = words >= _PRECISE_TEXT_CONFIRMED_MIN_WORDS
    return enough and 0 < resiliparse_words < _PRECISE_TEXT_CONFIRMED_RATIO * words


def _too_deep_for_resiliparse(tree) -> bool:
    return bool(tree.xpath("boolean(/*" + "/*" * _RESILIPARSE_MAX_DEPTH + ")"))


def _second_opinion(text: str | None, tree, page_letters: str | None, default_words: int, min_ratio: float) -> str | None:
    """resiliparse's ``text``, when it has ``min_ratio`` times the words of trafilatura's
    default mode and a paragraph more, and its words come in the page's order
    (``page_letters``, else read from ``tree``)."""
    words = count_words(text) if text is not None else 0
    if words < min_ratio * max(1, default_words) or words - default_words < _RESILIPARSE_MIN_MORE_WORDS:
        return None
    return text if _in_page_order(text, page_letters if page_letters is not None else _page_letters(tree)) else None


def _page_letters(tree) -> str:
    """The word characters of the page's text, run together."""
    return "".join(_WORDS.findall("".join(tree.itertext())))


def _in_page_order(text: str, page_letters: str) -> bool:
    """Whether the word characters of ``text`` come in the page's text in its order, others
    between them: a record's words must be the page's own, in the page's order. resiliparse
    parses as browsers do, and a browser moves text that stands loose inside a <table> to
    before it. Characters, not words: resiliparse runs "Assistance</a><a>Download" together."""
    cursor = 0
    for character in "".join(_WORDS.findall(text)):
        cursor = page_letters.find(character, cursor) + 1
        if cursor == 0:
            return False
    return True


def _covers(text: str, other: str, share: float) -> bool:
    """Whether ``text`` holds at least ``share`` of the words of ``other``, repeats counted."""
    needed = Counter(_WORDS.findall(other))
    held = needed & Counter(_WORDS.findall(text))
    return sum(held.values()) >= share * sum(needed.values())


def _declares_product(tree) -> bool:
    """Whether the page declares itself a product: Open Graph ``og:type`` "product" (or
    "product.item", "product.group"), or a schema.org Product, ProductGroup or
    IndividualProduct as a top-level JSON-LD item (alone, in a list or in "@graph") or a
    top-level microdata item. What resiliparse adds to trafilatura's text there is reviews
    and other products (WCXB products 0.669 -> 0.636 without this test). A Review of a
    product or a list of products is no product page. Read from the tree: "product" is on
    most shop pages, and a pattern over the whole page cost 5 ms on a median ScrapingHub page."""
    for value in tree.xpath("//meta[@property='og:type' or @name='og:type']/@content"):
        if value.strip().lower().removeprefix("og:").split(".")[0] == "product":
            return True
    for value in tree.xpath("//*[@itemtype][not(ancestor::*[@itemscope])]/@itemtype"):
        if any(_schema_type(name) in _PRODUCT_TYPES for name in value.split()):
            return True
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]/text()"):
        try:
            data = json.loads(script, strict=False)
        except ValueError:  # malformed JSON-LD declares nothing
            continue
        for item in _top_level_items(data):
            types = item.get("@type")
            if any(isinstance(name, str) and _schema_type(name) in _PRODUCT_TYPES for name in (types if isinstance(types, list) else [types])):
                return True
    return False


def _schema_type(name: str) -> str:
    """ "https://schema.org/Product", "schema:Product" and "Product" alike: "product"."""
    return name.strip().rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()


def _top_level_items(data: object) -> Iterator[dict]:
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (member for member in graph if isinstance(member, dict))


def _declares_article(html: str) -> bool:
    """Whether the page declares itself an article and not a forum thread, whose replies
    the precision mode drops (WCXB forums 0.719 -> 0.714 without this test)."""
    return "DiscussionForumPosting" not in html and bool(_ARTICLE_PAGE.search(html))


def _main_content(
    tree, url: str | None, answers_are_content: bool, warnings: list[str], *, favor_precision: bool, fast: bool = False
) -> tuple[str, frozenset[str]]:
    """trafilatura's main content of (a copy of) ``tree``, and the lines of it that are code;
    ``fast`` leaves out trafilatura's comparison with readability and jusText. Where
    trafilatura raises, no text (the next extractor is taken) and a warning."""
    import trafilatura

    document = guarded(warnings, "main content", "trafilatura", lambda: trafilatura.bare_extraction(
        tree,
        url=url,
        # A process-wide cache would make one page's result depend on the pages before it.
        deduplicate=False,
        # Reader comments are not the article (and most of trafilatura's false positives),
        # but on a question page they are the answers.
        include_comments=answers_are_content,
        include_formatting=False,
        favor_precision=favor_precision,
        # trafilatura's second opinions (readability, jusText) cost a third of its time but
        # carry forums, listings and products (WCXB 0.79 -> 0.82): fast only where
        # resiliparse stands in for them.
        fast=fast,
        with_metadata=False,  # read apart, from the tree before trafilatura prunes it (pagemeta)
    ), None)
    if document is None:
        return "", frozenset()
    comments, comments_body = (document.comments, document.commentsbody) if answers_are_content else (None, None)
    return _with_answers(document.text or "", comments), _code_lines(document.body, comments_body)


def _with_answers(text: str, comments: str | None) -> str:
    """The main text, then the comments it does not already hold (a fallback extractor that
    won may have put the answers in the main text too)."""
    if not comments:
        return text
    in_text = set(text.split("\n"))
    new_lines = [line for line in comments.split("\n") if line not in in_text]
    return "\n".join(part for part in (text, *new_lines) if part)


#: Where a code element is part of a line of prose (inline code), not a block of its own.
_PROSE_PARENTS = frozenset({"p", "head", "item", "cell", "quote", "hi", "ref"})


def _code_lines(*bodies) -> frozenset[str]:
    """The lines of the code blocks in trafilatura's output trees. Inline code counts only
    when it is its line's whole text: ``<code>Privacy Policy</code>`` inside a sentence
    must not exempt a footer line of the same words."""
    lines = set()
    for body in bodies:
        if body is None:
            continue
        for code in body.iter("code"):
            text = _text_with_breaks(code)
            parent = code.getparent()
            if parent is not None and parent.tag in _PROSE_PARENTS and fold_spaces(_text_with_breaks(parent)) != fold_spaces(text):
                continue
            lines.update(folded for line in text.split("\n") if (folded := fold_spaces(line)))
    return frozenset(lines)


def _text_with_breaks(element) -> str:
    """The element's text, with trafilatura's line breaks (``<lb/>``, from ``<br>``) as newlines."""
    parts = []

    def walk(node) -> None:
        if node.tag == "lb":
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return fold_spaces(value) or None


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise PageTimeout(f"extraction took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        # A handler not set from Python reads as None; the default stands in for it.
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        if outer_delay > 0:  # a caller's own timer keeps running, less the time spent here
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - (time.monotonic() - started), 1e-3), outer_interval)
