"""Invariants of cleaning, checked on generated pages and on arbitrary input."""

import html

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.lines import split_lines

from .strategies import article_page

TEXT = Cleaner(CleanerConfig(input_format="text"))


def _is_subsequence(items: list[str], of: list[str]) -> bool:
    remaining = iter(of)
    return all(any(item == candidate for candidate in remaining) for item in items)


@given(st.text())
def test_never_raises_on_any_string(page: str) -> None:
    record = TEXT.clean(page)
    assert isinstance(record.text, str)
    record.to_dict()


@given(st.binary())
def test_never_raises_on_any_bytes(page: bytes) -> None:
    record = Cleaner().clean(page)
    assert isinstance(record.text, str)


@given(st.one_of(st.text(), article_page))
def test_never_invents_text_and_keeps_line_order(page: str) -> None:
    record = TEXT.clean(page)
    source = [line.strip() for line in split_lines(page) if line.strip()]
    output = [line for line in record.text.split("\n") if line]
    assert all(line == line.strip() for line in output)
    assert _is_subsequence(output, source)


@given(article_page)
def test_cleaning_is_idempotent(page: str) -> None:
    once = TEXT.clean(page).text
    assert TEXT.clean(once).text == once


@given(st.one_of(st.text(), article_page))
def test_is_deterministic_across_cleaners(page: str) -> None:
    first = TEXT.clean(page).to_dict()
    second = Cleaner(CleanerConfig(input_format="text")).clean(page).to_dict()
    assert first == second


@given(article_page)
def test_every_line_is_kept_or_removed_with_a_reason(page: str) -> None:
    record = TEXT.clean(page)
    kept = [line for line in record.text.split("\n") if line]
    assert len(kept) + len(record.removed) == sum(1 for line in split_lines(page) if line.strip())
    assert all(item.reason for item in record.removed)


HTML = Cleaner(CleanerConfig(input_format="html"))
_TAG = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<br>", "<li>", "<ul>", "</ul>", "<script>", "<!--", "-->", "<h1>", "&amp;", "&#0;",
    "<html>", "<main>", "</main>", "<div role=main>", "<a href=x>", "</a>", "<nav>", "</nav>",
    "<table>", "</table>", "<tr>", "<td>", "</td>",
])


@given(st.lists(st.one_of(st.text(max_size=40), _TAG), max_size=30).map("".join))
def test_html_mode_never_raises_and_keeps_only_page_words(page: str) -> None:
    record = HTML.clean(page)
    record.to_dict()
    assert record.extractor in ("trafilatura", "trafilatura_precision", "main_element", "resiliparse", "html_text")
    # Whatever the extractor made of the markup, the record's words are the
    # page's characters in page order (markup and invisible characters between).
    page_text = html.unescape(page)
    assert _is_subsequence(list("".join(regex.findall(r"\w+", record.text))), list(page_text))
