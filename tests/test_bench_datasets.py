"""`bench` reads the ScrapingHub and WCXB gold formats as published (a few pages of ../shared/data)."""

import gzip
import json
from pathlib import Path

import pytest

from cleanscrape.bench import GoldError, read_gold

from .terminal import run_with_pipes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _needs(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    return folder


def test_scrapinghub_folder_as_published() -> None:
    folder = _needs(DATA / "scrapinghub")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = read_gold(folder, limit=3)
    assert [page.id for page in pages] == sorted(truth)[:3]
    assert all(page.gold_text == truth[page.id]["articleBody"] and page.html.lstrip()[:1] == "<" for page in pages)
    run = run_with_pipes(["bench", str(folder), "--limit", "2", "-q"])
    assert run.exit_code == 0, run.stderr
    assert "2 pages, mode html" in run.stdout and run.stdout.splitlines()[-1].startswith("cleanscrape")


def test_wcxb_folder_as_published() -> None:
    folder = _needs(DATA / "wcxb-dev")
    pages = read_gold(folder, limit=2)
    gold = json.loads((folder / "ground-truth" / f"{pages[0].id}.json").read_text(encoding="utf-8"))["ground_truth"]
    assert pages[0].gold_text == gold["main_content"] and pages[0].with_snippets == tuple(gold.get("with") or ())
    assert pages[0].page_type is not None
    run = run_with_pipes(["bench", str(folder), "--limit", "2", "-q"])
    assert run.exit_code == 0, run.stderr
    assert "2 pages, mode html" in run.stdout


def test_a_dataset_folder_with_a_missing_page_is_reported(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth.json").write_text(json.dumps({"a": {"articleBody": "Text", "url": "https://x"},
                                                            "b": {"articleBody": "More", "url": "https://y"}}))
    (tmp_path / "html" / "a.html.gz").write_bytes(gzip.compress(b"<html><body><p>Text</p></body></html>"))
    with pytest.raises(GoldError, match="b: no html/b.html.gz"):
        read_gold(tmp_path)
    (tmp_path / "html" / "b.html.gz").write_bytes(gzip.compress(b"<html><body><p>More</p></body></html>"))
    assert [page.id for page in read_gold(tmp_path)] == ["a", "b"]
