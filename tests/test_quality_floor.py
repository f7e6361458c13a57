"""A fixed slice of the ScrapingHub benchmark with a pinned F1 floor, so a change
that makes cleaning worse fails here. The full run is benchmarks/scrapinghub_text.py."""

import gzip
import json

import pytest

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.scoring import macro_score, shingle_match

PAGES = 30
#: Measured 0.878 on 2026-11-22 on these 30 pages (inscriptis text dumps); see benchmarks/README.md.
F1_FLOOR = 0.86


@pytest.fixture(scope="module")
def scrapinghub_slice(shared_data):
    from inscriptis import get_text

    folder = shared_data / "scrapinghub"
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[:PAGES]
    return [
        (get_text(gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")), gold[key]["articleBody"])
        for key in keys
    ]


def test_text_dump_f1_floor(scrapinghub_slice) -> None:
    cleaner = Cleaner(CleanerConfig(input_format="text"))
    score = macro_score(shingle_match(gold, cleaner.clean(text).text) for text, gold in scrapinghub_slice)
    keep_all = macro_score(shingle_match(gold, text) for text, gold in scrapinghub_slice)
    assert score.f1 >= F1_FLOOR, f"F1 {score.f1:.3f} fell below the floor {F1_FLOOR}"
    assert score.f1 > keep_all.f1 + 0.1
