"""Paragraphs repeated across the run: counts, thresholds, order independence, the CLI flag."""

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape.cli import main
from cleanscrape.corpus.repeated_paragraphs import (
    REASON,
    ParagraphCounter,
    RepeatedParagraphConfig,
    count_paragraphs,
    remove_repeated_paragraphs,
)

from .strategies import paragraph

NOTICE = "This article is republished under a Creative Commons licence; read the original on the partner site."
COOKIES = "We use cookies to improve your experience on our website and to show you relevant advertising."
SHORT = "Read more here."


def _article(seed: int) -> str:
    rng = random.Random(seed)
    words = "harbour council river engineers report water storm budget season farmers market village bridge".split()
    return "\n".join(" ".join(rng.choice(words) for _ in range(14)) + "." for _ in range(3))


def _records(notice_documents: int, notice_sites: int, count: int = 12) -> list[dict]:
    records = []
    for number in range(count):
        lines = _article(number).split("\n")
        if number < notice_documents:
            lines.insert(1, NOTICE if number % 2 else NOTICE.upper().replace(";", ","))  # folded alike
        lines.append(SHORT)
        records.append({"id": f"r{number:02d}", "url": f"https://site{number % notice_sites}.example/{number}",
                        "text": "\n".join(lines), "removed": [], "word_count": 0})
    return records


def test_a_paragraph_on_enough_documents_of_two_sites_is_removed_with_its_reason():
    rows = remove_repeated_paragraphs(_records(notice_documents=5, notice_sites=2))
    stripped = [row for row in rows if row["removed"]]
    assert len(stripped) == 5
    for row in stripped:
        assert NOTICE.casefold() not in row["text"].casefold()
        assert [(item["line"], item["reason"]) for item in row["removed"]] == [(1, REASON)]
        assert row["removed"][0]["text"] in (NOTICE, NOTICE.upper().replace(";", ","))
        assert row["word_count"] == len(row["text"].split())
    assert all(SHORT in row["text"] for row in rows)  # under min_words: never counted


@pytest.mark.parametrize(("documents", "sites"), [(4, 2), (8, 1)])
def test_fewer_documents_or_one_site_keep_the_paragraph(documents, sites):
    rows = remove_repeated_paragraphs(_records(notice_documents=documents, notice_sites=sites))
    assert not any(row["removed"] for row in rows)


def test_a_paragraph_repeated_inside_one_document_counts_once():
    records = _records(notice_documents=4, notice_sites=2)
    records[0]["text"] += f"\n{NOTICE}\n{NOTICE}"
    assert len(count_paragraphs(records)) == 0
    assert len(count_paragraphs(records, RepeatedParagraphConfig(min_documents=4))) == 1


def test_thresholds_are_options():
    records = _records(notice_documents=3, notice_sites=1)
    assert len(count_paragraphs(records, RepeatedParagraphConfig(min_documents=3, min_sites=1))) == 1
    repeated = count_paragraphs(records, RepeatedParagraphConfig(min_documents=12, min_sites=1, min_words=3))
    assert len(repeated) == 1 and SHORT not in repeated.strip(records[0])["text"]
    with pytest.raises(ValueError):
        RepeatedParagraphConfig(min_documents=1)


def test_records_without_a_site_count_as_one_site():
    records = [{**record, "url": None} for record in _records(notice_documents=8, notice_sites=2)]
    assert len(count_paragraphs(records)) == 0
    for number, record in enumerate(records):
        record["metadata"] = {"site": f"feed{number % 2}"}
    assert len(count_paragraphs(records)) == 1


@settings(max_examples=30, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=4), st.data())
def test_counts_do_not_depend_on_order_or_how_the_run_is_split(shared, data):
    records = []
    for number in range(10):
        lines = _article(number).split("\n") + [shared[number % len(shared)]] * (number % 3 > 0)
        records.append({"id": f"d{number}", "url": f"https://s{number % 3}.example/", "text": "\n".join(lines)})
    config = RepeatedParagraphConfig(min_documents=3)
    whole = ParagraphCounter(config).add_records(records)
    shuffled = data.draw(st.permutations(records))
    cut = data.draw(st.integers(0, len(records)))
    parts = [ParagraphCounter(config).add_records(shuffled[:cut]), ParagraphCounter(config).add_records(shuffled[cut:])]
    merged = ParagraphCounter(config)
    for part in data.draw(st.permutations(parts)):
        merged.update(part)
    assert merged.counts == whole.counts and merged.documents == whole.documents == 10
    repeated = whole.repeated()
    assert merged.repeated() == repeated
    by_id = {row["id"]: row for row in (repeated.strip(r) for r in records)}
    assert [repeated.strip(r) for r in shuffled] == [by_id[r["id"]] for r in shuffled]


def _pages(folder: Path, count: int = 10, site=lambda number: {"url": f"https://site{number % 2}.example/{number}"}) -> Path:
    """``count`` pages sharing the notice; ``site(number)`` gives each page's fields that name its site."""
    rows = []
    for number in range(count):
        lines = _article(number).split("\n")
        lines.insert(2, NOTICE)
        rows.append({"id": f"p{number}", **site(number), "text": "\n".join(lines)})
    path = folder / "pages.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("dedup", [False, True])
def test_clean_dedup_paragraphs_flag(tmp_path: Path, dedup: bool) -> None:
    pages = _pages(tmp_path)
    plain, stripped = tmp_path / "plain.jsonl", tmp_path / "stripped.jsonl"
    assert CliRunner().invoke(main, ["clean", str(pages), "-o", str(plain), "-q"]).exit_code == 0
    assert all(NOTICE in json.loads(line)["text"] for line in plain.read_text().splitlines())  # one page cannot tell
    options = ["--dedup"] * dedup
    result = CliRunner().invoke(main, ["clean", str(pages), "-o", str(stripped), "--dedup-paragraphs", "-q", *options])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in stripped.read_text().splitlines()]
    assert len(rows) == 10 and not any(NOTICE in row["text"] for row in rows)
    assert all([item["reason"] for item in row["removed"]] == [REASON] for row in rows)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages.jsonl", "plain.jsonl", "stripped.jsonl"]  # no scratch left
    assert (rows[0]["is_duplicate"] is not None) == dedup  # every row has the keys; only a dedup run fills them


def test_site_field_of_pages_without_urls_names_their_site(tmp_path: Path) -> None:
    # The input's `site` field travels in metadata.input; pages of three sites share the notice.
    pages = _pages(tmp_path, 6, site=lambda number: {"site": f"site{number % 3}"})
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["clean", str(pages), "-o", str(out), "--dedup-paragraphs", "-q"]).exit_code == 0
    texts = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(texts) == 6 and not any(NOTICE in text for text in texts)


# The run's account of what the paragraph pass did (review findings of issue 18).

ARTICLE_WORDS = 42  # three lines of 14 words
NOTICE_WORDS = len(NOTICE.split())


def _run(pages: Path, out: Path, rejects: Path | None, **options):
    from cleanscrape.batch import run_batch
    from cleanscrape.steps import BatchOptions

    errors: list[str] = []
    summary = run_batch([str(pages)], str(out), str(rejects) if rejects else None,
                        BatchOptions(dedup_paragraphs=RepeatedParagraphConfig(), **options), report_error=errors.append)
    assert errors == [] and summary.adds_up()
    return summary


@pytest.mark.parametrize("dedup", [False, True])
def test_removed_paragraphs_are_in_the_run_summary(tmp_path: Path, dedup: bool) -> None:
    from cleanscrape.corpus import DedupConfig

    out = tmp_path / "out.jsonl"
    summary = _run(_pages(tmp_path), out, None, explain=True, dedup=DedupConfig() if dedup else None)
    listed = [item["reason"] for line in out.read_text().splitlines() for item in json.loads(line)["removed"]]
    assert summary.removed_lines[REASON] == listed.count(REASON) == 10
    assert "repeated_paragraph: 10" in summary.line()


@pytest.mark.parametrize("dedup", [False, True])
def test_min_words_is_checked_again_without_the_repeated_paragraphs(tmp_path: Path, dedup: bool) -> None:
    from cleanscrape import CleanerConfig
    from cleanscrape.corpus import DedupConfig

    pages = _pages(tmp_path)
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    config = CleanerConfig(min_words=ARTICLE_WORDS + NOTICE_WORDS // 2)  # kept with the notice, too short without
    summary = _run(pages, out, rejects, config=config, dedup=DedupConfig() if dedup else None)
    assert out.read_text() == ""
    rows = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [(row["id"], row["dropped"], row["word_count"]) for row in rows] == [(f"p{n}", "too_short", ARTICLE_WORDS) for n in range(10)]
    assert (summary.written, dict(summary.rejected)) == (0, {"too_short": 10})
    # Without --rejects the record stays in the output, marked as every reject there is.
    summary = _run(pages, out, None, config=config)
    assert {json.loads(line)["dropped"] for line in out.read_text().splitlines()} == {"too_short"}
    assert dict(summary.rejected) == {"too_short": 10}


def test_a_failed_corpus_pass_leaves_no_stripped_scratch_and_resumes_its_rejects_once(tmp_path: Path, monkeypatch) -> None:
    import cleanscrape.batch
    from cleanscrape import CleanerConfig
    from cleanscrape.corpus import DedupConfig

    pages = _pages(tmp_path)
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    # Half the pages lose the notice and go to the rejects as too short; then the dedup pass fails.
    rows = [json.loads(line) for line in pages.read_text().splitlines()]
    for number, row in enumerate(rows):
        row["text"] += f"\n{_article(100 + number).splitlines()[0]}" * (number % 2)
    pages.write_text("".join(json.dumps(row) + "\n" for row in rows))
    options = {"config": CleanerConfig(min_words=ARTICLE_WORDS + 3), "dedup": DedupConfig()}

    def failing(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(cleanscrape.batch, "write_marked_duplicates", failing)
        with pytest.raises(OSError, match="disk full"):
            _run(pages, out, rejects, **options)
    assert not [path.name for path in tmp_path.iterdir() if "stripped" in path.name]
    summary = _run(pages, out, rejects, resume=True, **options)
    rejected = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert sorted(row["id"] for row in rejected) == [f"p{n}" for n in range(0, 10, 2)]  # each once
    assert {row["dropped"] for row in rejected} == {"too_short"}
    assert (summary.read, summary.resumed, dict(summary.rejected)) == (10, 5, {"too_short": 5})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.jsonl", "pages.jsonl", "rejects.jsonl"]
