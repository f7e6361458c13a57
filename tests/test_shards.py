"""Inputs cut into shards read as the whole inputs read; merged site counts and sparse clusters as one run's."""

import json
import random
from pathlib import Path

import pytest

from cleanscrape.steps import Summary
from cleanscrape.corpus import DedupConfig, SiteProfileLearner, find_duplicates
from cleanscrape.corpus.dedup import DuplicateClusters
from cleanscrape.io.shards import JsonlRange, ParquetRowGroups, WholeFiles, plan_shards
from cleanscrape.io.sources import FieldNames, read_all


def _inputs(tmp_path: Path) -> list[str]:
    rng = random.Random(3)
    lines = [json.dumps({"id": str(n), "text": "word " * rng.randint(0, 80)}) for n in range(120)]
    lines[7] = "{broken"
    lines[30:30] = ["", "   "]  # blank lines are numbered but hold no page
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("\n".join(lines), encoding="utf-8")  # no newline after the last line
    for number in range(3):
        (tmp_path / f"page{number}.html").write_text(f"<p>page {number}</p>", encoding="utf-8")
    names = [str(jsonl), str(tmp_path / "page*.html"), str(tmp_path / "missing.txt")]
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"id": f"p{n}", "text": f"row {n}"} for n in range(50)]), tmp_path / "rows.parquet", row_group_size=7)
    return [*names, str(tmp_path / "rows.parquet")]


@pytest.mark.parametrize("shard_bytes", [1, 100, 2_000, 10**9])
def test_shards_read_the_same_items_with_the_same_keys(tmp_path: Path, shard_bytes: int) -> None:
    inputs = _inputs(tmp_path)
    shards = plan_shards(inputs, shard_bytes)
    items = [item for shard in shards for item in shard.read(FieldNames())]
    assert items == list(read_all(inputs))
    kinds = {type(shard) for shard in shards}
    assert kinds == {JsonlRange, WholeFiles, ParquetRowGroups}
    if shard_bytes == 1:
        assert sum(isinstance(shard, JsonlRange) for shard in shards) == 122  # one a line, blank ones too: no line fits in a byte


def test_stdin_cannot_be_sharded() -> None:
    with pytest.raises(ValueError, match="stdin"):
        plan_shards(["-"])


def test_summaries_add_up() -> None:
    first, second = Summary(read=3, written=1, errors=1), Summary(read=2, written=1)
    first.rejected["empty"] += 1
    second.skipped["not_html"] += 1
    first.add(second)
    assert (first.read, first.written, first.errors, first.rejected["empty"], first.skipped["not_html"]) == (5, 2, 1, 1, 1)
    assert first.adds_up()


def test_merged_site_counts_make_the_profile_of_one_learner() -> None:
    menu = "Home | News | Sport | Weather"
    pages = [(f"site{n % 2}.example", f"{menu}\nStory number {n} is about the harbour.\nFooter of site{n % 2}") for n in range(30)]
    whole = SiteProfileLearner()
    parts = [SiteProfileLearner() for _ in range(3)]
    for number, (site, text) in enumerate(pages):
        whole.add(site, text)
        parts[number % 3].add(site, text)
    merged = parts[0].merge(parts[1]).merge(parts[2])
    assert merged.profile() == whole.profile()
    assert "home news sport weather" in whole.profile().sites["site0.example"].lines


def test_sparse_clusters_answer_as_full_ones() -> None:
    records = [{"id": "a", "text": "one two three four five six"}, {"id": "b", "text": "one two three four five six"}, {"id": "c", "text": "other"}]
    full = find_duplicates(records, DedupConfig())
    sparse = DuplicateClusters({"a": "a", "b": "a"}, full.config, full.bands, full.rows, full.exact_duplicates, full.similar_pairs, records=3)
    assert sparse.summary() == full.summary() and sparse.clusters() == full.clusters()
    assert [sparse.annotate(r) for r in records] == [full.annotate(r) for r in records]
