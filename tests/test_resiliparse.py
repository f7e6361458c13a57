"""resiliparse's main content as a second opinion where trafilatura kept little of an HTML page."""

import dataclasses

import pytest

from cleanscrape import CleanerConfig, clean
from cleanscrape.extract import Candidate, Readers, extract_main_content
from cleanscrape.extract.page_kind import declares_product
from cleanscrape.region import count_words
from cleanscrape.resiliparse_text import main_content_text

SECTIONS = [
    ("Moving services", "We pack, load and move the furniture of families across the state with our own trucks and crews."),
    ("Storage", "Our climate controlled storage units keep your belongings safe for a week, a month or as long as you need."),
    ("Office moves", "Businesses move over a weekend with our office team, so that the staff find every desk ready on Monday."),
    ("Packing supplies", "Boxes, tape, bubble wrap and wardrobe cartons are delivered to your door the day before the move begins."),
]
SERVICE_PAGE = (
    "<html><head><title>Services - Example Movers</title></head><body>"
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/quote'>Get a quote</a></li></ul></nav><main>"
    + "".join(f"<section><h2>{heading}</h2><p>{text}</p></section>" for heading, text in SECTIONS)
    + "<ol><li>Call us for a free estimate of the move.</li><li>Pick the day that suits you best.</li></ol>"
    "</main><footer>© 2025 Example Movers. Privacy policy</footer></body></html>"
)
PRODUCT_PAGE = SERVICE_PAGE.replace(
    "<head>", '<head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product"}</script>'
)
ARTICLE_PAGE = SERVICE_PAGE.replace("<head>", '<head><meta property="og:type" content="article">')


def _words(prefix: str, count: int) -> str:
    return " ".join(f"{prefix}{n}" for n in range(count))


def _trafilatura_keeps(default: str, precise: str | None = None, readers: Readers = Readers()) -> Readers:
    """Readers whose trafilatura default mode (and precision mode) return these texts."""
    precise = precise if precise is not None else default
    return dataclasses.replace(
        readers,
        trafilatura_default=lambda page, warnings: Candidate("trafilatura", default),
        trafilatura_precision=lambda page, fast, warnings: Candidate("trafilatura_precision", precise),
    )


def _recording_second_opinions(calls: list[str]) -> Readers:
    """Readers whose resiliparse reader records the pages it is asked for."""

    def recording(page, warnings):
        calls.append(page.html)
        return Readers.resiliparse(page, warnings)

    return dataclasses.replace(Readers(), resiliparse=recording)


def _config(**options) -> object:
    return CleanerConfig(**options).extraction


def _extract(page: str, readers: Readers, **options):
    """The extraction, the full-page fallback off (these texts are short) unless ``options`` set it."""
    return extract_main_content(page, policy=_config(**{"html_min_main_words": 0, **options}), readers=readers)


def test_main_content_keeps_the_sections_and_leaves_out_menus_and_footers() -> None:
    text = main_content_text(SERVICE_PAGE)
    lines = [line.strip() for line in text.split("\n")]  # list items come indented
    for heading, paragraph in SECTIONS:
        assert heading in lines and paragraph in lines
    assert "Get a quote" not in text and "Privacy policy" not in text
    # No list numbers or bullets: every word is the page's own.
    assert "Call us for a free estimate of the move." in lines


def test_text_that_cannot_be_encoded_gives_no_second_opinion() -> None:
    assert main_content_text("<p>broken \ud800 surrogate</p>") is None


def test_where_trafilatura_kept_one_block_resiliparse_gives_the_text() -> None:
    extraction = _extract(SERVICE_PAGE, _trafilatura_keeps(SECTIONS[0][1]))
    assert (extraction.source, extraction.rule) == ("resiliparse", "resiliparse_found_more")
    assert all(paragraph in extraction.text for _, paragraph in SECTIONS)
    # The metadata is still trafilatura's.
    assert extraction.title == "Services"


def test_resiliparse_must_find_a_fifth_more_and_a_paragraph_more() -> None:
    resiliparse_words = count_words(main_content_text(SERVICE_PAGE))
    # Nearly everything resiliparse found: trafilatura's text stays.
    readers = _trafilatura_keeps(_words("w", int(resiliparse_words / 1.2) + 1))
    assert _extract(SERVICE_PAGE, readers).source == "trafilatura"
    # A fifth more, but fewer than 30 words more: the page's edge, not missed content.
    short_page = "<html><body><main><p>" + _words("x", 60) + "</p></main></body></html>"
    assert _extract(short_page, _trafilatura_keeps(_words("x", 40))).source == "trafilatura"


def test_a_product_page_keeps_trafilaturas_text() -> None:
    calls = []
    readers = _trafilatura_keeps(SECTIONS[0][1], readers=_recording_second_opinions(calls))
    assert _extract(PRODUCT_PAGE, readers).source == "trafilatura"
    assert calls == []  # the product test comes first: resiliparse does not run


def test_none_never_runs_resiliparse() -> None:
    calls = []
    readers = _trafilatura_keeps(SECTIONS[0][1], readers=_recording_second_opinions(calls))
    policy = _config(html_resiliparse_min_ratio=None, html_min_main_words=0)
    assert extract_main_content(SERVICE_PAGE, policy=policy, readers=readers).source == "trafilatura"
    # One short block: the full page's text.
    extraction = extract_main_content(SERVICE_PAGE, policy=_config(html_resiliparse_min_ratio=None), readers=readers)
    assert (extraction.source, extraction.rule) == ("html_text", "main_content_too_short")
    assert calls == []
    # The option reaches the extraction from the Cleaner.
    assert CleanerConfig(html_resiliparse_min_ratio=None).extraction.resiliparse_min_ratio is None
    with pytest.raises(ValueError, match="html_resiliparse_min_ratio"):
        CleanerConfig(html_resiliparse_min_ratio=0)


def test_on_an_article_the_precision_text_needs_half_as_much_again_against_it() -> None:
    calls = []
    recording = _recording_second_opinions(calls)
    resiliparse_words = count_words(main_content_text(SERVICE_PAGE))
    default = _words("w", int(resiliparse_words / 1.3))
    # The precision mode's text is taken (it keeps over a quarter of the default mode's words);
    # resiliparse has 1.3 times the default mode's words, under the 1.5 an article needs.
    readers = _trafilatura_keeps(default, precise=" ".join(default.split()[:40]), readers=recording)
    assert _extract(ARTICLE_PAGE, readers).rule == "article_precision_share"
    assert len(calls) == 1
    # Against a default text of a third of resiliparse's, it is taken.
    default = _words("w", resiliparse_words // 3)
    readers = _trafilatura_keeps(default, precise=" ".join(default.split()[:20]), readers=recording)
    assert _extract(ARTICLE_PAGE, readers).source == "resiliparse"
    # A precision text that kept all the default mode had gives no second opinion (resiliparse
    # is read once, to tell whether the default mode must run).
    calls.clear()
    readers = _trafilatura_keeps(default, precise=default, readers=recording)
    assert _extract(ARTICLE_PAGE, readers).source == "trafilatura_precision"
    assert len(calls) == 1


def test_resiliparse_confirming_the_precision_text_saves_trafilaturas_other_runs() -> None:
    runs, words, resiliparse = [], {}, {}

    def default(page, warnings):
        runs.append((False, False))
        return Candidate("trafilatura", _words("w", words[False, False]))

    def precision(page, fast, warnings):
        runs.append((True, fast))
        return Candidate("trafilatura_precision", _words("w", words[True, fast]))

    def second(page, warnings):
        return None if resiliparse["text"] is None else Candidate("resiliparse", resiliparse["text"])

    readers = Readers(trafilatura_default=default, trafilatura_precision=precision, resiliparse=second)

    def source(resiliparse_words, fast, full, **options):
        """The text's source, with resiliparse's text of ``resiliparse_words`` (None: it cannot
        run) and these precision-mode texts with and without trafilatura's comparisons."""
        runs.clear()
        words.update({(True, True): fast, (True, False): full, (False, False): 2000})
        resiliparse["text"] = None if resiliparse_words is None else _words("r", resiliparse_words)
        return _extract(ARTICLE_PAGE, readers, **options).source

    # Under 1.5 times the fast run's words: the page holds no more article, one run.
    assert source(299, fast=200, full=250) == "trafilatura_precision"
    assert runs == [(True, True)]
    # 1.5 times: the precision mode runs again with the comparisons, whose text it confirms.
    assert source(300, fast=200, full=250) == "trafilatura_precision"
    assert runs == [(True, True), (True, False)]
    # Neither confirmed: the default mode runs, and shows that the precision mode cut the
    # story (250 words, under a quarter of its 2,000).
    assert source(400, fast=200, full=250) == "trafilatura"
    assert runs == [(True, True), (True, False), (False, False)]
    # Under 100 words the precision text may be the one block both extractors kept.
    assert source(60, fast=80, full=80) == "trafilatura"
    assert runs == [(True, True), (True, False), (False, False)]
    # resiliparse finding nothing confirms nothing.
    assert source(0, fast=200, full=250) == "trafilatura"
    assert len(runs) == 3
    # Where resiliparse cannot run, or is off, the comparisons always run.
    for options in ({}, {"html_resiliparse_min_ratio": None}):
        assert source(None, fast=200, full=600, **options) == "trafilatura_precision"
        assert runs == [(True, False)]
    assert source(299, fast=200, full=250, html_resiliparse_min_ratio=None) == "trafilatura"
    assert runs == [(True, False), (False, False)]


@pytest.mark.parametrize(
    ("head", "product"),
    [
        ('<meta property="og:type" content="product">', True),
        ('<meta property="og:type" content="product.item">', True),
        ('<meta name="og:type" content="og:product">', True),
        ('<script type="application/ld+json">{"@type": ["Thing", "Product"]}</script>', True),
        ('<script type="application/LD+JSON">{"@type": "http://schema.org/ProductGroup"}</script>', True),
        ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "schema:Product"}]}</script>', True),
        ('<meta property="og:type" content="article">', False),
        ('<script type="application/ld+json">{"@type": "ProductModel"}</script>', False),
        # A review of a product, or a list of products, is no product page.
        ('<script type="application/ld+json">{"@type": "Review", "itemReviewed": {"@type": "Product"}}</script>', False),
        ('<script type="application/ld+json">{"@type": "ItemList", "itemListElement": [{"@type": "Product"}]}</script>', False),
        ('<script type="application/ld+json">{"@type": "Product",</script>', False),  # malformed: declares nothing
        # A shop's search form names products; the page is no product.
        ('<input type="hidden" name="post_type" value="product">', False),
    ],
)
def test_what_declares_a_product(head: str, product: bool) -> None:
    from trafilatura.utils import load_html

    assert declares_product(load_html(SERVICE_PAGE.replace("<head>", "<head>" + head))) is product


@pytest.mark.parametrize(
    ("itemtype", "product"),
    [("https://schema.org/Product", True), ("http://schema.org/IndividualProduct", True), ("https://schema.org/Offer", False)],
)
def test_what_declares_a_product_in_microdata(itemtype: str, product: bool) -> None:
    from trafilatura.utils import load_html

    page = SERVICE_PAGE.replace("<main>", f'<main itemscope itemtype="{itemtype}">')
    assert declares_product(load_html(page)) is product
    # An item inside another (a product in a review) says nothing of the page.
    nested = SERVICE_PAGE.replace("<main>", f'<main itemscope itemtype="https://schema.org/Review"><div itemscope itemtype="{itemtype}">x</div>')
    assert not declares_product(load_html(nested))


def test_text_a_browser_would_move_keeps_trafilaturas_text() -> None:
    # Text loose in a <table> comes before the table in resiliparse's (a browser's) reading:
    # not the page's order, so no second opinion.
    rows = "".join(f"<tr><td>Zone {n} delivery takes {n + 1} working days from the depot</td></tr>" for n in range(8))
    page = SERVICE_PAGE.replace("</main>", f"<table>{rows}<b>Prices exclude the fuel surcharge set every month by the carrier.</b></table></main>")
    second = main_content_text(page)
    assert second.index("Prices exclude") < second.index("Zone 0")
    readers = _trafilatura_keeps(SECTIONS[0][1])
    assert _extract(page, readers).source == "trafilatura"
    assert _extract(SERVICE_PAGE, readers).source == "resiliparse"


def test_a_deeply_nested_page_gets_no_second_opinion() -> None:
    calls = []
    deep = SERVICE_PAGE.replace("<main>", "<main>" + "<div>" * 20000).replace("</main>", "</div>" * 20000 + "</main>")
    readers = _trafilatura_keeps(SECTIONS[0][1], readers=_recording_second_opinions(calls))
    assert _extract(deep, readers).source == "trafilatura"
    # The real reader is asked, and declines without running resiliparse.
    assert calls and "<div>" * 100 in calls[0]


def test_a_question_page_keeps_its_answers() -> None:
    answer = "Drain the tank first, then loosen the valve a quarter turn at a time until the pressure drops."
    question = SERVICE_PAGE.replace("<head>", '<head><script type="application/ld+json">{"@type": "QAPage"}</script>')
    filed_as_comments = question.replace("</main>", f'</main><div id="comments"><div class="comment"><p>{answer}</p></div></div>')
    # resiliparse files the answer under comments, which it leaves out.
    from resiliparse.extract.html2text import extract_plain_text

    assert answer not in main_content_text(filed_as_comments)
    assert answer in extract_plain_text(filed_as_comments, main_content=True, comments=True)
    # trafilatura's text (answers included on a question page) stays: resiliparse would drop the answer.
    readers = _trafilatura_keeps(SECTIONS[0][1] + "\n" + answer)
    extraction = _extract(filed_as_comments, readers)
    assert extraction.source == "trafilatura"
    assert answer in extraction.text
    # Where resiliparse holds the answer too, it is taken.
    in_main = question.replace("</main>", f"<div><p>{answer}</p></div></main>")
    extraction = _extract(in_main, readers)
    assert extraction.source == "resiliparse"
    assert answer in extraction.text


def test_a_listing_region_is_not_second_guessed() -> None:
    calls = []
    links = "".join(f"<li><a href='/item/{n}'>Item number {n} in the catalogue of this shop</a></li>" for n in range(60))
    listing = "<html><body><main><ul>" + links + "</ul></main></body></html>"
    readers = _trafilatura_keeps("Item number 0 in the catalogue", readers=_recording_second_opinions(calls))
    extraction = _extract(listing, readers)
    assert (extraction.source, extraction.rule) == ("main_element", "listing_main_region")
    assert calls == []
