"""A third-party library that raises on a page costs that page a step, never its record."""

import sys
from pathlib import Path

import pytest

from cleanscrape import Cleaner, CleanerConfig, clean, extract, pagemeta

HOSTILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "hostile" / "htmldate_assertion.html"

ARTICLE = (
    "<html><head><title>Night trains return</title><meta name='author' content='Jane Roe'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article><h1>Night trains return</h1>"
    + "".join(
        f"<p>The council said on Monday that the night train service number {n} would run again from the "
        f"harbour station to the city every evening of the summer season, as workers and engineers asked.</p>"
        for n in range(8)
    )
    + "</article></main><footer>© 2025 Example News</footer></body></html>"
)


class LibraryFailure(RuntimeError):
    pass


def _raise(*args, **kwargs):
    raise LibraryFailure("raised on this page")


@pytest.mark.skipif(not HOSTILE.exists(), reason="hostile data set not present")
def test_the_htmldate_assertion_page_cleans_to_a_record() -> None:
    record = clean(HOSTILE.read_bytes())
    assert record.text
    assert record.metadata.date is None
    assert record.warnings == ("metadata: htmldate raised AssertionError",)
    assert record.to_dict()["warnings"] == ["metadata: htmldate raised AssertionError"]


def test_a_page_with_no_failure_has_no_warnings() -> None:
    record = clean(ARTICLE)
    assert record.warnings == ()
    assert record.to_dict()["warnings"] == []
    assert clean("plain text, one line of it").warnings == ()


def test_a_date_extractor_failure_costs_the_date_only(monkeypatch) -> None:
    before = clean(ARTICLE)
    monkeypatch.setattr(pagemeta, "find_date", _raise)
    record = clean(ARTICLE)
    assert record.warnings == ("metadata: htmldate raised LibraryFailure",)
    assert record.text == before.text
    assert record.metadata.author == before.metadata.author == "Jane Roe"


def test_a_metadata_extractor_failure_costs_its_field(monkeypatch) -> None:
    monkeypatch.setattr(pagemeta, "examine_meta", _raise)
    monkeypatch.setattr(pagemeta, "extract_title", _raise)
    record = clean(ARTICLE)
    assert record.warnings == ("metadata: trafilatura raised LibraryFailure",) * 2
    assert record.text


def test_a_trafilatura_failure_takes_the_next_extractor(monkeypatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", _raise)
    record = clean(ARTICLE)
    assert "main content: trafilatura raised LibraryFailure" in record.warnings
    assert record.extractor in ("resiliparse", "html_text")
    assert "night train service number 3" in record.text


def test_a_parse_failure_falls_back_to_the_page_text(monkeypatch) -> None:
    import trafilatura.utils

    monkeypatch.setattr(trafilatura.utils, "load_html", _raise)
    record = clean(ARTICLE)
    assert record.warnings == ("parse: trafilatura raised LibraryFailure",)
    assert record.extractor == "html_text"
    assert "night train service number 3" in record.text


def test_a_resiliparse_failure_costs_its_opinion(monkeypatch) -> None:
    import resiliparse.extract.html2text

    monkeypatch.setattr(resiliparse.extract.html2text, "extract_plain_text", _raise)
    record = clean(ARTICLE)
    assert record.warnings == ("main content: resiliparse raised LibraryFailure",)
    assert record.extractor.startswith("trafilatura")


def test_an_inscriptis_failure_on_the_full_page_leaves_an_empty_record(monkeypatch) -> None:
    import inscriptis

    monkeypatch.setattr(inscriptis, "get_text", _raise)
    record = Cleaner(CleanerConfig(input_format="html")).clean("<html><body><p>Two words</p></body></html>")
    assert record.extractor == "html_text"
    assert record.warnings == ("page text: inscriptis raised LibraryFailure",)
    assert record.dropped == "empty"


def test_an_inscriptis_failure_on_the_main_region_keeps_trafilaturas_text(monkeypatch) -> None:
    import inscriptis

    intro = "Every story the harbour desk filed this month, newest first, with its author and the day it ran in print."
    links = "".join(f"<li><a href='/s/{n}'>Cargo ships wait outside the harbour as storm {n} passes</a></li>" for n in range(30))
    listing = f"<html><body><nav><a href='/'>Home</a></nav><main><h1>Latest stories</h1><p>{intro}</p><ul>{links}</ul></main></body></html>"
    assert clean(listing).extractor == "main_element"
    monkeypatch.setattr(inscriptis, "Inscriptis", _raise)
    record = clean(listing)
    assert record.extractor != "main_element"
    assert "main region: inscriptis raised LibraryFailure" in record.warnings


def test_a_bug_of_our_own_still_raises() -> None:
    import dataclasses

    readers = dataclasses.replace(extract.Readers(), trafilatura_default=_raise)
    with pytest.raises(LibraryFailure):
        extract.extract_main_content(ARTICLE, readers=readers)


def test_a_time_limit_is_not_swallowed(monkeypatch) -> None:
    def slow(*args, **kwargs):
        raise extract.PageTimeout("extraction took longer than 1 s")

    monkeypatch.setattr(pagemeta, "find_date", slow)
    with pytest.raises(extract.PageTimeout):
        clean(ARTICLE)


def test_a_control_character_beside_a_script_in_the_main_region_costs_the_region_only() -> None:
    # Found by benchmarks/fuzz.py (seed 2026, input 47756, tag soup in latin-1): pruning the
    # region's <script>, lxml's drop_tree joins its tail ("&#\x05 min read") to the text
    # before it and refuses the control character (ValueError).
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import fuzz

    item = fuzz.make_input(2026, 47756)
    record = clean(item.page, content_type=item.content_type)
    assert record.warnings[-1] == "main region: lxml raised ValueError"
    assert record.extractor != "main_element"


def test_question_page_search_is_linear_in_unclosed_type_lists() -> None:
    # 60,000 unclosed "@type" lists took 42 s when each scanned to the page's end.
    import time

    from cleanscrape.extract.page_kind import QUESTION_PAGE as _QUESTION_PAGE

    page = '<script type="application/ld+json">' + '"@type":[' * 60_000 + '"QAPage"</script>'
    started = time.process_time()
    assert _QUESTION_PAGE.search(page)  # the last list names the type
    assert time.process_time() - started < 2.0
    assert _QUESTION_PAGE.search('{"@type": ["WebPage", "QAPage"]}')


@pytest.mark.parametrize("head", ["", "<head><meta property='og:type' content='article'></head>"], ids=["page", "article"])
def test_a_paragraph_of_many_inline_tags_is_not_given_to_trafilatura(monkeypatch, head: str) -> None:
    """trafilatura's tag stripping leaves a row of one text node per tag, which lxml joins in
    quadratic time inside one C call that the time limit cannot stop (a 10 MB paragraph of
    such tags ran for 510 s). The page's other extractors read it instead."""
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", _raise)
    page = f"<html>{head}<body><p>" + "<b>tide</b> " * 120_000 + "</p></body></html>"
    record = clean(page)
    assert record.warnings == ("main content: trafilatura skipped (too many tags for the page's length)",)
    assert record.text.split()[:3] == ["tide", "tide", "tide"]


def test_the_largest_real_pages_are_given_to_trafilatura() -> None:
    """The bound is three times the largest real page's tags by characters (20,032 tags in 3.3 MB,
    WCXB dev 2923): pages of that shape, and longer pages of few tags, are read as always."""
    from cleanscrape.extract.page_kind import too_big_for_trafilatura

    assert not too_big_for_trafilatura("<p>" * 10_016 + "x" * 3_300_000)
    assert not too_big_for_trafilatura("<p>" * 5_000 + "x" * 10_000_000)
    assert too_big_for_trafilatura("<p>" * 100_000 + "x" * 3_300_000)
