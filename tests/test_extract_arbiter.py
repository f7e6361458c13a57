"""The extraction arbiter: each rule fires on a page built for it, and the record names the rule that chose."""

import dataclasses
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanscrape import Cleaner, CleanerConfig, clean
from cleanscrape.extract import RULES, Candidate, Readers, extract_main_content
from cleanscrape.extract.page_kind import _JSON_LD_ARTICLE, _OG_ARTICLE, declares_article, read_page_kind
from cleanscrape.options import parse_option

PARAGRAPH = (
    "The harbour authority said on Tuesday that dozens of cargo ships had been held outside the port for a week, "
    "while pilots checked the channel for debris left by the storm. "
)


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>Harbour news</title>{head}</head><body>{body}</body></html>"


def _words(prefix: str, count: int) -> str:
    return " ".join(f"{prefix}{n}" for n in range(count))


# The fake readers' words are the page's own, in its order (resiliparse's text must be).
TEXT = "<div><p>" + _words("d", 400) + "</p></div>"
ARTICLE = _page('<meta property="og:type" content="article">', TEXT)
PLAIN = _page(body=TEXT)
LISTING = _page(body=TEXT + "<main><ul>" + "".join(f"<li><a href='/s/{n}'>Ship {n}</a></li>" for n in range(30)) + "</ul></main>")


def _readers(default: int, precise: int | None = None, fast: int | None = None, second: int | None = None,
             region: str | None = None, calls: list[str] | None = None) -> Readers:
    """Readers giving texts of these many words (``second``: resiliparse's; None: it cannot read
    the page), ``region`` as the <main> region's listing text; ``calls`` notes each read."""
    calls = [] if calls is None else calls

    def note(name: str, candidate: Candidate | None) -> Candidate | None:
        calls.append(name)
        return candidate

    return Readers(
        trafilatura_default=lambda page, warnings: note("default", Candidate("trafilatura", _words("d", default))),
        trafilatura_precision=lambda page, is_fast, warnings: note(
            "fast" if is_fast else "precision",
            Candidate("trafilatura_precision", _words("p", fast if is_fast and fast is not None else precise or 0)),
        ),
        resiliparse=lambda page, warnings: note("resiliparse", None if second is None else Candidate("resiliparse", _words("d", second))),
        main_region=lambda page, kept, policy, warnings: note("region", None if region is None else Candidate("main_element", region)),
        full_page=lambda page, warnings: note("full_page", Candidate("html_text", "the whole page")),
    )


# Each rule, the page and readers it fires on, and the candidate it takes.
RULE_CASES = {
    "article_precision_confirmed": (ARTICLE, _readers(default=900, precise=300, fast=300, second=320), "trafilatura_precision"),
    "article_precision_long": (ARTICLE, _readers(default=900, precise=600, fast=100, second=2000), "trafilatura_precision"),
    "article_precision_share": (ARTICLE, _readers(default=200, precise=60, fast=60, second=None), "trafilatura_precision"),
    "trafilatura_default": (PLAIN, _readers(default=200, second=210), "trafilatura"),
    "listing_main_region": (LISTING, _readers(default=25, second=400, region=_words("item", 300)), "main_element"),
    "resiliparse_found_more": (PLAIN, _readers(default=50, second=200), "resiliparse"),
    "main_content_too_short": (PLAIN, _readers(default=5, second=None), "html_text"),
}


def test_every_rule_has_a_case_and_the_rules_run_in_their_documented_order() -> None:
    assert [rule.__name__ for rule in RULES] == list(RULE_CASES)


@pytest.mark.parametrize("rule", RULE_CASES)
def test_each_rule_fires_on_its_page(rule: str) -> None:
    page, readers, source = RULE_CASES[rule]
    extraction = extract_main_content(page, readers=readers)
    assert (extraction.rule, extraction.source) == (rule, source)


def test_the_rules_read_each_candidate_once_and_only_where_needed() -> None:
    calls: list[str] = []
    extract_main_content(ARTICLE, readers=_readers(default=900, precise=300, fast=300, second=320, calls=calls))
    # Confirmed at once: no other trafilatura run (the region reader is asked, and declines).
    assert calls == ["resiliparse", "fast", "region"]
    calls.clear()
    extract_main_content(ARTICLE, readers=_readers(default=200, precise=60, fast=60, second=400, calls=calls))
    # Neither run confirmed: the default mode runs; the listing region is asked; resiliparse is not read again.
    assert calls == ["resiliparse", "fast", "precision", "default", "region"]
    calls.clear()
    extract_main_content(PLAIN, readers=_readers(default=200, second=210, calls=calls))
    assert calls == ["default", "region", "resiliparse"]


def test_a_product_page_gets_no_second_opinion() -> None:
    product = PLAIN.replace("<head>", '<head><meta property="og:type" content="product">')
    calls: list[str] = []
    extraction = extract_main_content(product, readers=_readers(default=50, second=200, calls=calls))
    assert extraction.rule == "trafilatura_default"
    assert "resiliparse" not in calls


def test_an_unparsable_page_takes_the_whole_page_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura.utils

    monkeypatch.setattr(trafilatura.utils, "load_html", lambda html: None)
    extraction = extract_main_content(PLAIN, readers=_readers(default=200))
    assert (extraction.rule, extraction.source) == ("main_content_too_short", "html_text")
    off = CleanerConfig(html_min_main_words=0).extraction
    assert extract_main_content(PLAIN, policy=off, readers=_readers(default=200)).rule == "unparsed"


def test_a_rule_set_off_by_the_policy_does_not_fire() -> None:
    page, readers, _ = RULE_CASES["listing_main_region"]
    policy = CleanerConfig(html_listing_min_ratio=None).extraction
    # The region reader is asked, and the real one declines when the listing test is off.
    real_region = dataclasses.replace(readers, main_region=Readers.main_region)
    assert extract_main_content(page, policy=policy, readers=real_region).rule == "resiliparse_found_more"
    page, readers, _ = RULE_CASES["article_precision_confirmed"]
    policy = CleanerConfig(html_article_precision_min_share=None).extraction
    assert extract_main_content(page, policy=policy, readers=readers).rule == "trafilatura_default"


# With the real extractors: the record says which rule chose its text.
STORY = "".join(
    f"<p>The council said on Monday that the night train service number {n} would run again from the harbour station "
    "to the city every evening of the summer season, as workers and engineers asked.</p>"
    for n in range(3)
)
REAL_PAGES = {
    "trafilatura_default": _page(body=f"<nav><a href='/'>Home</a></nav><article><h1>Night trains</h1>{STORY}</article>"),
    "article_precision_confirmed": _page('<meta property="og:type" content="article">', f"<article><h1>Night trains</h1>{STORY}</article>"),
    "listing_main_region": _page(body="<nav><a href='/'>Home</a></nav><main><h1>Latest stories</h1><p>Every story the harbour desk "
                                 "filed this month, newest first, with its author and the day it ran in print.</p><ul>"
                                 + "".join(f"<li><a href='/s/{n}'>Cargo ships wait outside the harbour as storm {n} passes</a></li>" for n in range(30))
                                 + "</ul></main>"),
    "main_content_too_short": _page(body="<p>Two words</p>"),
}


@pytest.mark.parametrize("rule", REAL_PAGES)
def test_the_record_names_the_rule(rule: str) -> None:
    record = clean(REAL_PAGES[rule])
    assert record.extractor_rule == rule
    assert record.to_dict()["extractor_rule"] == rule


def test_page_text_has_no_rule() -> None:
    record = clean("The harbour authority said on Tuesday that the ships would wait.")
    assert record.extractor == "text" and record.extractor_rule is None
    assert record.to_dict()["extractor_rule"] is None


def test_the_policy_is_the_html_options() -> None:
    config = Cleaner(html_listing_min_ratio=None, html_timeout=5, html_min_main_words=7).config
    policy = config.extraction
    assert (policy.listing_min_ratio, policy.timeout, policy.min_main_words) == (None, 5, 7)
    assert CleanerConfig().extraction.resiliparse_min_ratio == CleanerConfig.html_resiliparse_min_ratio
    # The flat option names still work from the command line and config files.
    assert parse_option("html_listing_min_ratio=none") == ("html_listing_min_ratio", None)
    with pytest.raises(ValueError, match="html_listing_min_link_share"):
        CleanerConfig(html_listing_min_link_share=2)
    with pytest.raises(ValueError, match="html_min_main_words"):
        CleanerConfig(html_min_main_words=-1)


def test_the_page_kind_is_read_from_the_page() -> None:
    from trafilatura.utils import load_html

    def kind(page: str):
        return read_page_kind(page, load_html(page))

    assert kind(ARTICLE).article and not kind(ARTICLE).question
    question = ARTICLE.replace("<head>", '<head><script type="application/ld+json">{"@type": "QAPage"}</script>')
    assert kind(question).question and not kind(question).article  # a question page is read for its answers
    forum = ARTICLE.replace("<head>", '<head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>')
    assert not kind(forum).article
    assert kind(PLAIN.replace("<head>", '<head><meta property="og:type" content="product">')).product
    deep = PLAIN.replace("<div>", "<div>" * 300).replace("</div>", "</div>" * 300)
    assert kind(deep).too_deep and not kind(PLAIN).too_deep


#: The pattern searched over the whole page before: both of today's, either.
_WHOLE_PAGE_ARTICLE = re.compile(_OG_ARTICLE.pattern + "|" + _JSON_LD_ARTICLE.pattern)
_MARKUP = st.lists(st.sampled_from([
    "<meta ", ">", " ", "\n", "property=", "content=", '"og:type"', "'og:type'", '"OG:Type"', '"article"', "'Article'",
    "x-property=", "data-", '"@type"', ":", "[", "]", '"NewsArticle"', '"BlogPosting"', '"WebPage"', ",", "=", '"',
    "og:type", "DiscussionForumPosting", "a" * 150,
]), max_size=40).map("".join)


@given(_MARKUP)
def test_the_article_test_gives_the_whole_page_searchs_answer(markup: str) -> None:
    expected = "DiscussionForumPosting" not in markup and bool(_WHOLE_PAGE_ARTICLE.search(markup))
    assert declares_article(markup) is expected


def test_reading_the_main_region_leaves_the_page_tree_as_it_was() -> None:
    # The page's kind and its text (resiliparse's order test) are read from the same tree.
    from lxml import etree
    from trafilatura.utils import load_html

    from cleanscrape.region import listing_text

    page = REAL_PAGES["listing_main_region"].replace("<ul>", "<script>var x = 1;</script><nav>Menu</nav><ul>")
    tree = load_html(page)
    before = etree.tostring(tree)
    assert listing_text(tree, 10, 4.0, 0.25) is not None
    assert etree.tostring(tree) == before
