"""Gold files, scoring, and the `cleanscrape bench` command."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanscrape.bench import GoldError, GoldPage, read_gold, score_page, summarize
from cleanscrape.cli import main
from cleanscrape.scoring import macro_score, shingle_match, snippet_share, word_prf

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "news_page.txt").read_text(encoding="utf-8")
ARTICLE = "\n".join(EXAMPLE.split("\n")[10:14])


def test_shingle_match_follows_the_published_method() -> None:
    assert shingle_match("a b c d e", "a b c d e") == shingle_match("x y z w", "x y z w")
    perfect = shingle_match(ARTICLE, ARTICLE)
    assert (perfect.tp, perfect.fp, perfect.fn) == (1.0, 0.0, 0.0)
    half = shingle_match("one two three four five six seven", "one two three four")
    assert half.precision == 1.0 and half.recall == pytest.approx(0.25)
    empty = macro_score([shingle_match("one two three four", ""), shingle_match("a b c d", "a b c d")])
    # A page with no extraction has no precision; its recall of 0 still counts.
    assert empty.precision == 1.0 and empty.recall == 0.5


def test_word_prf_and_snippets_follow_wcxb() -> None:
    assert word_prf("The cat sat", "the cat") == pytest.approx((1.0, 2 / 3, 0.8))
    assert word_prf("", "") == (1.0, 1.0, 1.0)
    assert word_prf("", "noise") == (0.0, 0.0, 0.0)
    assert snippet_share("A Cat sat", ["cat", "dog"]) == 0.5
    assert snippet_share("anything", []) == 1.0


def test_score_and_summarize() -> None:
    page = GoldPage(id="p", gold_text=ARTICLE, text=EXAMPLE, with_snippets=("cargo ships",), without_snippets=("Related Posts",))
    score = score_page(page, ARTICLE)
    assert score.word_f1 == 1.0 and score.with_share == 1.0 and score.without_share == 0.0
    summary = summarize([score, score_page(page, EXAMPLE)])
    assert summary["pages"] == 2 and summary["without_share"] == 0.5


def _write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_read_gold_reports_every_bad_line(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "a", "text": EXAMPLE, "gold_text": ARTICLE},
        "{not json",
        {"id": "c", "text": EXAMPLE},
        {"id": "d", "gold_text": ARTICLE},
        ["a list"],
    ])
    with pytest.raises(GoldError) as error:
        read_gold(gold)
    message = str(error.value)
    assert "gold.jsonl:2: bad JSON" in message
    assert "gold.jsonl:3: missing gold_text" in message
    assert 'gold.jsonl:4: missing "html" or "text"' in message
    assert "gold.jsonl:5: expected a JSON object" in message


def test_read_gold_rejects_duplicate_ids(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "gold.jsonl", [{"id": 1, "text": "x", "gold_text": "x"}] * 2)
    with pytest.raises(GoldError, match="more than once"):
        read_gold(gold)


def test_read_gold_folder(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "one.gold.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    (tmp_path / "two.gold.txt").write_text(ARTICLE, encoding="utf-8")
    pages = read_gold(tmp_path)
    assert [(p.id, p.html is not None) for p in pages] == [("one.txt", False), ("two.html", True)]


def test_bench_command_prints_per_page_and_overall(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "news", "text": EXAMPLE, "gold_text": ARTICLE},
        {"id": "html", "html": f"<html><body><nav><a>Home</a></nav><p>{ARTICLE}</p></body></html>", "gold_text": ARTICLE},
    ])
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(main, ["bench", str(gold), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "news" in result.stdout and "2 pages" in result.stdout
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["overall"]["cleanscrape"]["shingle_f1"] > 0.9
    assert [row["id"] for row in scores["pages"]["cleanscrape"]] == ["news", "html"]


def test_bench_compare_scores_every_system(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "gold.jsonl", [{"id": "news", "text": EXAMPLE, "gold_text": ARTICLE}])
    result = CliRunner().invoke(main, ["bench", str(gold), "--compare", "--mode", "text", "-q"])
    assert result.exit_code == 0, result.output
    for system in ("cleanscrape", "trafilatura", "jusText", "keep everything"):
        assert system in result.stdout


def test_bench_command_explains_bad_gold(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "gold.jsonl", ["{oops"])
    result = CliRunner().invoke(main, ["bench", str(gold)])
    assert result.exit_code == 1
    assert "gold.jsonl:1: bad JSON" in result.output
