"""Fixed slices of the benchmarks with pinned F1 floors (ScrapingHub text dumps and
HTML, WCXB listings), so a change that makes cleaning worse fails here. The full
runs are benchmarks/scrapinghub_text.py and benchmarks/quality.py."""

import gzip
import json

import pytest

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.scoring import macro_score, shingle_match

PAGES = 30
#: Measured 0.878 on 2026-11-22 on these 30 pages (inscriptis text dumps); see benchmarks/README.md.
F1_FLOOR = 0.86
#: Measured 0.959 on 2026-11-23 on these 30 pages as HTML (trafilatura's extract alone: 0.944).
HTML_F1_FLOOR = 0.95
LISTING_PAGES = 30
#: Measured 0.788 on 2026-12-01 on the first 30 WCXB dev listings (trafilatura's extract alone: 0.711).
LISTING_WORD_F1_FLOOR = 0.76


@pytest.fixture(scope="module")
def scrapinghub_html(shared_data):
    folder = shared_data / "scrapinghub"
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[:PAGES]
    return [(gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8"), gold[key]["articleBody"]) for key in keys]


@pytest.fixture(scope="module")
def scrapinghub_slice(scrapinghub_html):
    from inscriptis import get_text

    return [(get_text(html), gold) for html, gold in scrapinghub_html]


def test_text_dump_f1_floor(scrapinghub_slice) -> None:
    cleaner = Cleaner(CleanerConfig(input_format="text"))
    score = macro_score(shingle_match(gold, cleaner.clean(text).text) for text, gold in scrapinghub_slice)
    keep_all = macro_score(shingle_match(gold, text) for text, gold in scrapinghub_slice)
    assert score.f1 >= F1_FLOOR, f"F1 {score.f1:.3f} fell below the floor {F1_FLOOR}"
    assert score.f1 > keep_all.f1 + 0.1


def test_html_f1_floor(scrapinghub_html) -> None:
    cleaner = Cleaner(CleanerConfig(input_format="html"))
    score = macro_score(shingle_match(gold, cleaner.clean(html).text) for html, gold in scrapinghub_html)
    assert score.f1 >= HTML_F1_FLOOR, f"F1 {score.f1:.3f} fell below the floor {HTML_F1_FLOOR}"


@pytest.fixture(scope="module")
def wcxb_listings(shared_data):
    folder = shared_data / "wcxb-dev"
    pages = []
    for gold_file in sorted((folder / "ground-truth").glob("*.json")):
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        if ((data.get("_internal") or {}).get("page_type") or {}).get("primary") != "listing":
            continue
        html = gzip.decompress((folder / "html" / f"{gold_file.stem}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        pages.append((html, data["ground_truth"]["main_content"]))
        if len(pages) == LISTING_PAGES:
            break
    return pages


def test_html_listing_word_f1_floor(wcxb_listings) -> None:
    from cleanscrape.scoring import word_prf

    cleaner = Cleaner(CleanerConfig(input_format="html"))
    scores = [word_prf(gold, cleaner.clean(html).text)[2] for html, gold in wcxb_listings]
    mean = sum(scores) / len(scores)
    assert mean >= LISTING_WORD_F1_FLOOR, f"word F1 {mean:.3f} fell below the floor {LISTING_WORD_F1_FLOOR}"
