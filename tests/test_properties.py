"""Invariants of cleaning, checked on generated pages and on arbitrary input."""

import html

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.lines import split_lines, strip_borders

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


def _from_consecutive_lines(output: list[str], source: list[str]) -> bool:
    """Each output line is a run of consecutive source lines (a paragraph a renderer wrapped),
    joined by spaces with table borders left out, in page order."""
    clean = [strip_borders(line).strip() for line in source]
    start = 0
    for line in output:
        for first in range(start, len(source)):
            if line == source[first]:
                start = first + 1
                break
            joined = [clean[first]]
            end = first + 1
            while " ".join(joined) != line and end < len(source) and len(" ".join(joined)) < len(line):
                joined.append(clean[end])
                end += 1
            if " ".join(joined) == line:
                start = end
                break
        else:
            return False
    return True


@given(st.one_of(st.text(), article_page))
def test_never_invents_text_and_keeps_line_order(page: str) -> None:
    record = TEXT.clean(page)
    source = [line.strip() for line in split_lines(page) if line.strip()]
    output = [line for line in record.text.split("\n") if line]
    assert all(line == line.strip() for line in output)
    assert _from_consecutive_lines(output, source)


@given(article_page)
def test_cleaning_is_idempotent(page: str) -> None:
    once = TEXT.clean(page).text
    assert TEXT.clean(once).text == once


@given(st.one_of(st.text(), article_page))
def test_is_deterministic_across_cleaners(page: str) -> None:
    first = TEXT.clean(page).to_dict()
    second = Cleaner(CleanerConfig(input_format="text")).clean(page).to_dict()
    assert first == second


@given(st.one_of(st.text(), article_page))
def test_every_line_is_kept_or_removed_with_a_reason(page: str) -> None:
    record = TEXT.clean(page)
    decisions = TEXT.explain(page)
    # Each non-blank page line, in page order; a line read as side-by-side table columns
    # (cleanscrape.columns) once for each column's slice of it.
    numbers = [decision.line for decision in decisions]
    assert numbers == sorted(numbers)
    assert sorted(set(numbers)) == [index for index, line in enumerate(split_lines(page)) if line.strip()]
    assert [(d.line, d.text, d.reason) for d in decisions if d.reason] == [(r.line, r.text, r.reason) for r in record.removed]
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
