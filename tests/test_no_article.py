"""A page whose article search finds no article, or a scrap of one, keeps the lines no detector named
when one of them writes a sentence; a page of labels alone still gives nothing."""

import gzip
import json

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.scoring import snippet_share

TEXT = Cleaner(CleanerConfig(input_format="text"))

#: A business directory's stub as a text browser prints it: menus, a search form, one
#: description wrapped in a narrow cell, the site's notice.
DIRECTORY_STUB = "\n".join([
    "Login  |  Create an Account",
    "Search Maine     Restaurant Guide",
    "Classifieds  |  Job Listings  |  High School Sports  |  Contact Us  |  Star Rating System",
    "",
    "Visit our featured business",
    "Full service lumber and building supply center. Located in 3",
    "convenient locations.",
    "Copyright © 2002-2006 PHD Consulting Inc. All rights reserved. Our Disclaimer.",
]) + "\n"

#: A shop's tiles and links: no line writes a sentence.
LABELS_ONLY = "\n".join([
    "Home | Shop | Deals | Help",
    "Best of the best",
    "Our tried-and-true fan favorites",
    "Rating 4.8 out of 5 stars with 333 reviews",
    "The price was $1,199.99",
]) + "\n"

#: Link lists and a notice: its one sentence is the site's rights, the footer's.
FOOTER_ONLY = "\n".join([
    "Help Center, Disputes & Reports, Return&refund policy, Report IPR infringement",
    "Russian, Portuguese, Spanish, French, German, Italian, Dutch, Turkish",
    "Privacy Policy - Sitemap - Terms of Use ©️2010-2025 Example.com. All rights reserved.",
]) + "\n"


def test_a_stub_keeps_its_description() -> None:
    record = TEXT.clean(DIRECTORY_STUB)
    # Before: every line was template or outside the (absent) article, and the record was empty.
    assert "Full service lumber and building supply center." in record.text
    assert "convenient locations." in record.text
    assert "Copyright" not in record.text and "Classifieds" not in record.text


def test_a_stub_cleans_to_a_fixed_point() -> None:
    once = TEXT.clean(DIRECTORY_STUB).text
    assert TEXT.clean(once).text == once


def test_labels_alone_give_nothing() -> None:
    assert TEXT.clean(LABELS_ONLY).text == ""


def test_a_rights_notice_is_no_sentence_of_the_page() -> None:
    assert TEXT.clean(FOOTER_ONLY).text == ""



def test_a_scrap_kept_from_an_article_brings_its_unnamed_lines_back(shared_data) -> None:
    """WCXB dev 0384 as w3m dumps it: the search kept a scrap (41 words); the article's own
    lines, outside every run the search found, come back with it."""
    page = gzip.decompress((shared_data / "wcxb-dev" / "dumps-w3m" / "0384.txt.gz").read_bytes()).decode("utf-8")
    gold = json.loads((shared_data / "wcxb-dev" / "ground-truth" / "0384.json").read_text(encoding="utf-8"))
    record = TEXT.clean(page)
    # Before: 41 words kept, none of the gold's must-have sentences.
    assert snippet_share(record.text, gold["ground_truth"]["with"]) >= 0.8
    assert TEXT.clean(record.text).text == record.text
