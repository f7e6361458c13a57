"""A page is encoded to UTF-8 once: the text and the bytes its record id hashes agree with the old two-step way."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.decoding import page_text, page_text_and_utf8

# Lone surrogates (U+D800-U+DFFF) included: the one case where the text itself changes.
_ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=60)


@given(_ANY_TEXT)
def test_text_and_bytes_are_the_encode_replace_round_trip(page: str) -> None:
    expected = page.encode("utf-8", errors="replace").decode("utf-8")
    text, utf8 = page_text_and_utf8(page)
    assert text == expected == page_text(page)
    assert utf8 == expected.encode("utf-8")


@given(st.binary(max_size=60))
def test_bytes_pages_decode_as_before(page: bytes) -> None:
    text, utf8 = page_text_and_utf8(page)
    assert text == page_text(page) and utf8 == text.encode("utf-8")


def test_a_record_id_hashes_the_url_and_the_page_text() -> None:
    page = "Caf\u00e9 \ud800 news\nThe harbour reopened on Tuesday after the storm had closed it for days."
    record = Cleaner(CleanerConfig(input_format="text")).clean(page, url="https://example.com/a")
    expected = hashlib.sha1(b"https://example.com/a\0" + page.encode("utf-8", errors="replace")).hexdigest()[:16]
    assert record.id == expected
