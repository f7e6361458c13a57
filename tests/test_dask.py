"""Cleaning, dedup and site templates on Dask give the single-machine results, also when a worker dies."""

import io
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

import cleanscrape.dask as on_dask
from cleanscrape import CleanerConfig
from cleanscrape.batch import learn_site_profile, run_batch
from cleanscrape.steps import BatchOptions
from cleanscrape.cli import main
from cleanscrape.corpus import DedupConfig, SiteProfileConfig, find_duplicates
from cleanscrape.io.sources import FieldNames

WORDS = [
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "by", "on", "council",
    "harbour", "river", "engineers", "report", "water", "storm", "budget", "season", "farmers", "market", "village",
    "bridge", "school", "museum", "railway", "library", "winter", "summer", "workers", "doctors", "election", "plans",
]
MENU = "Home | News | Sport | Weather | Contact"
FOOTER = "© 2025 The Valley Courier. All rights reserved."


def _article(seed: int) -> str:
    pick = random.Random(seed).choice
    return "\n".join(f"The {pick(WORDS)} " + " ".join(pick(WORDS) for _ in range(18)) + "." for _ in range(5))


def _pages() -> list:
    """Pages of two sites with a menu and footer, exact and edited copies, empty pages and bad lines."""
    rows = []
    for number in range(48):
        text = f"{MENU}\n{_article(number % 30)}\n{FOOTER}"
        if number % 30 != number and number % 2:
            text = text.replace(" the ", " a ", 1)  # an edited copy
        rows.append({"id": f"doc{number:02d}", "url": f"https://site{number % 2}.example/{number}", "text": text, "crawl": "c1"})
    rows[5] = "{broken json"
    rows[9] = {"id": "empty", "url": "https://site1.example/e", "text": ""}
    rows[13] = {"id": "no-text", "body": "nothing"}
    return rows


def _inputs(folder: Path) -> list[str]:
    """The same kinds of page as JSONL (cut into byte ranges), WARC, Parquet and a plain HTML file."""
    folder.mkdir(exist_ok=True)
    pages = _pages()
    jsonl = folder / "pages.jsonl"
    jsonl.write_text("".join((p if isinstance(p, str) else json.dumps(p)) + "\n" for p in pages[:30]), encoding="utf-8")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with (folder / "crawl.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number, page in enumerate(pages[30:40]):
            content_type = "image/png" if number == 3 else "text/html"
            body = "".join(f"<p>{line}</p>" for line in page["text"].split("\n")).encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(page["url"], "response", payload=io.BytesIO(body), http_headers=http))
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(pages[40:]), folder / "rows.parquet", row_group_size=3)
    (folder / "page.html").write_text(f"<p>{_article(99)}</p>", encoding="utf-8")
    return [str(jsonl), str(folder / "crawl.warc.gz"), str(folder / "rows.parquet"), str(folder / "page.html")]


def _joined(folder: Path) -> bytes:
    return b"".join(part.read_bytes() for part in sorted(folder.glob("part-*")))


def _single_machine(inputs: list[str], folder: Path, options: BatchOptions) -> tuple[str, list[str]]:
    errors: list[str] = []
    summary = run_batch(inputs, str(folder / "one.jsonl"), str(folder / "one-rejects.jsonl"), options, errors.append)
    assert summary.adds_up()
    return summary.line(), errors


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


@pytest.mark.parametrize("shard_bytes", [400, 10**8])
@pytest.mark.parametrize("dedup", [False, True])
def test_synchronous_run_writes_the_single_machine_records(tmp_path: Path, shard_bytes: int, dedup: bool) -> None:
    inputs = _inputs(tmp_path / "in")
    options = BatchOptions(dedup=DedupConfig() if dedup else None, explain=True)
    line, errors = _single_machine(inputs, tmp_path, options)
    dask_errors: list[str] = []
    summary = on_dask.clean(inputs, str(tmp_path / "out"), str(tmp_path / "rejects"), options,
                            scheduler="synchronous", shard_bytes=shard_bytes, report_error=dask_errors.append)
    assert summary.line() == line and summary.adds_up()
    assert dask_errors == errors and len(errors) == 2
    assert _joined(tmp_path / "out") == (tmp_path / "one.jsonl").read_bytes()
    assert _joined(tmp_path / "rejects") == (tmp_path / "one-rejects.jsonl").read_bytes()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in (tmp_path / "out").glob("part-*.jsonl"))
    if dedup:
        assert summary.rejected["duplicate"] > 0


def test_cluster_run_with_dedup_and_parquet_parts(client: Client, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    options = BatchOptions(dedup=DedupConfig())
    run_batch(inputs, str(tmp_path / "one.parquet"), str(tmp_path / "one-rejects.jsonl"), options, lambda _: None)
    summary = on_dask.clean(inputs, str(tmp_path / "out.parquet"), str(tmp_path / "rejects"), options, scheduler=client, shard_bytes=500)
    assert summary.adds_up() and summary.rejected["duplicate"] > 0
    import pyarrow.parquet as pq

    parts = sorted((tmp_path / "out.parquet").glob("part-*.parquet"))
    assert len(parts) > 3
    assert [row for part in parts for row in pq.read_table(part).to_pylist()] == pq.read_table(tmp_path / "one.parquet").to_pylist()
    assert _joined(tmp_path / "rejects") == (tmp_path / "one-rejects.jsonl").read_bytes()


def test_dedup_on_the_cluster_finds_the_single_machine_clusters(client: Client, tmp_path: Path) -> None:
    records = []
    for number in range(60):
        text = _article(number % 20)
        if number >= 20:
            words = text.split(" ")
            words[number % len(words)] = "changed"  # a near copy; some bucket members differ
            text = " ".join(words) if number % 3 else text  # ... and some exact copies
        records.append({"id": f"r{(number * 37) % 60:02d}", "text": text if number % 17 else ""})
    files = []
    for start in range(0, 60, 13):
        path = tmp_path / f"records{start}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records[start:start + 13]), encoding="utf-8")
        files.append(str(path))
    # A small bucket bound, so that which members are compared must match too.
    config = DedupConfig(max_bucket_comparisons=2)
    expected = find_duplicates(records, config)
    found = on_dask.find_duplicates(files, config, scheduler=client)
    assert found.summary() == expected.summary() and found.clusters() == expected.clusters()
    assert expected.summary()["exact_duplicates"] > 0 and expected.similar_pairs > 0
    assert [found.annotate(r) for r in records] == [expected.annotate(r) for r in records]

    (tmp_path / "again.jsonl").write_text(json.dumps(records[0]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="must be unique"):
        on_dask.find_duplicates([*files, str(tmp_path / "again.jsonl")], config, scheduler="synchronous")


def test_site_profile_learned_on_the_cluster_is_the_single_machine_one(client: Client, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    config = SiteProfileConfig(min_site_pages=5, min_pages=3)
    errors, dask_errors = [], []
    expected = learn_site_profile(inputs, FieldNames(), config, errors.append)
    learned = on_dask.learn_site_profile(inputs, FieldNames(), config, scheduler=client, shard_bytes=300, report_error=dask_errors.append)
    assert learned == expected and dask_errors == errors
    assert any("home news sport weather contact" in site.lines for site in learned.sites.values())


def test_cli_points_at_a_running_scheduler(client: Client, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    one = CliRunner().invoke(main, ["clean", *inputs, "-o", str(tmp_path / "one.jsonl.gz"), "--site-templates", "--dedup"])
    on_cluster = CliRunner().invoke(main, [
        "clean", *inputs, "-o", str(tmp_path / "out.jsonl.gz"), "--site-templates", "--dedup",
        "--engine", "dask", "--scheduler", client.scheduler.address, "--shard-mb", "0.001",
    ])
    assert on_cluster.exit_code == one.exit_code == 1, on_cluster.output  # two bad inputs
    assert on_cluster.stderr == one.stderr and "read 49, written 45" in one.stderr and "learned SiteProfile(2 sites" in one.stderr
    import gzip

    parts = sorted((tmp_path / "out.jsonl.gz").glob("part-*.jsonl.gz"))
    assert len(parts) > 3
    assert b"".join(gzip.decompress(p.read_bytes()) for p in parts) == gzip.decompress((tmp_path / "one.jsonl.gz").read_bytes())


def test_a_cluster_run_without_errors_exits_0_after_one_summary(client: Client, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")[1:]  # WARC, Parquet and HTML: no bad record among them
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", *inputs, "-o", str(out), "--engine", "dask", "--scheduler", client.scheduler.address])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("cleanscrape: read") == 1 and "errors 0" in result.stderr
    assert _joined(out) and not list(tmp_path.glob("*.partial"))


def test_cli_refuses_what_a_cluster_cannot_do(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    result = CliRunner().invoke(main, ["clean", "-", "-o", str(tmp_path / "out"), "--engine", "dask"])
    assert result.exit_code == 2 and "not stdin" in result.output
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "old.txt").write_text("x")
    with pytest.raises(ValueError, match="not an empty folder"):
        on_dask.clean(inputs, str(tmp_path / "full"), scheduler="synchronous")


class KillWorkerOnce(WorkerPlugin):
    """Ends its worker's process while it writes the first part of a clean task, once per run (a marker file)."""

    name = "kill-worker-once"

    def __init__(self, marker: str, output: str) -> None:
        self.marker, self.output = marker, output

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish == "executing" and str(key).startswith("cleanscrape-clean-") and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(key))
            threading.Thread(target=self._die_while_writing, daemon=True).start()

    def _die_while_writing(self) -> None:
        for _ in range(2000):  # a part being written, or 2 s
            if list(Path(self.output).glob("*.partial")):
                break
            time.sleep(0.001)
        os._exit(1)


def test_a_worker_dying_mid_run_loses_and_doubles_nothing(client: Client, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    line, _ = _single_machine(inputs, tmp_path, BatchOptions())
    marker = tmp_path / "killed"
    client.register_plugin(KillWorkerOnce(str(marker), str(tmp_path / "out")))
    try:
        summary = on_dask.clean(inputs, str(tmp_path / "out"), str(tmp_path / "rejects"), scheduler=client, shard_bytes=500)
    finally:
        client.unregister_worker_plugin(KillWorkerOnce.name)
    assert marker.exists()  # a worker did die mid-task
    assert summary.line() == line and summary.adds_up()
    assert _joined(tmp_path / "out") == (tmp_path / "one.jsonl").read_bytes()
    assert _joined(tmp_path / "rejects") == (tmp_path / "one-rejects.jsonl").read_bytes()
    ids = [json.loads(row)["source"] for row in (_joined(tmp_path / "out") + _joined(tmp_path / "rejects")).splitlines()]
    assert len(ids) == len(set(ids))
    assert not list((tmp_path / "out").glob("*.partial"))
    client.wait_for_workers(2, timeout=60)


def test_the_cli_does_not_import_dask() -> None:
    code = "import sys, cleanscrape, cleanscrape.cli; sys.exit(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], timeout=60, check=False).returncode == 0


def test_cli_starts_a_local_cluster_of_j_workers(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    one, out = tmp_path / "one.jsonl", tmp_path / "out"
    assert CliRunner().invoke(main, ["clean", *inputs, "-o", str(one), "-q"]).exit_code == 1
    # A process of its own, as a user runs it: the local cluster's workers are started processes.
    finished = subprocess.run(
        [sys.executable, "-m", "cleanscrape.cli", "clean", *inputs, "-o", str(out), "--engine", "dask", "-j", "2", "--shard-mb", "0.001",
         "--errors", str(tmp_path / "errors.txt")],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert finished.returncode == 1 and "read 49, written 45, rejected 1 (empty: 1), skipped 1 (not_html: 1), errors 2" in finished.stderr
    assert len((tmp_path / "errors.txt").read_text().splitlines()) == 2  # --errors holds them, as on one machine
    assert _joined(out) == one.read_bytes()


NOTICE = "This article is republished under a Creative Commons licence; read the original on the partner site."


def _pages_with_a_notice(folder: Path) -> list[str]:
    """Pages of three sites, most with the same notice paragraph, some exact and edited copies."""
    folder.mkdir(exist_ok=True)
    rows = []
    for number in range(40):
        lines = _article(number % 25).split("\n")
        if number % 5:
            lines.insert(number % 4, NOTICE)
        rows.append({"id": f"n{number:02d}", "url": f"https://site{number % 3}.example/{number}", "text": "\n".join(lines)})
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:25]), encoding="utf-8")
    (folder / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[25:]), encoding="utf-8")
    return [str(folder / "a.jsonl"), str(folder / "b.jsonl")]


# min_words 101: the pages without the notice (100 words) are rejected as they are cleaned, those with it once it is removed.
@pytest.mark.parametrize("dedup, min_words", [(False, 0), (True, 0), (True, 101)])
def test_repeated_paragraphs_on_dask_are_the_single_machine_ones(client: Client, tmp_path: Path, dedup: bool, min_words: int) -> None:
    from cleanscrape.corpus.repeated_paragraphs import RepeatedParagraphConfig

    inputs = _pages_with_a_notice(tmp_path / "in")
    options = BatchOptions(config=CleanerConfig(min_words=min_words), dedup=DedupConfig() if dedup else None,
                           dedup_paragraphs=RepeatedParagraphConfig(), explain=True)
    line, _ = _single_machine(inputs, tmp_path, options)
    expected = (tmp_path / "one.jsonl").read_bytes()
    rows = [json.loads(line) for name in ("one.jsonl", "one-rejects.jsonl") for line in (tmp_path / name).read_text().splitlines()]
    assert not any(NOTICE in row["text"] for row in rows)
    assert sum(item["reason"] == "repeated_paragraph" for row in rows for item in row["removed"]) >= 20
    if min_words:
        assert expected == b"" and "rejected 40 (too_short: 40)" in line
    for scheduler, shard_bytes, folder in (("synchronous", 10**8, "sync"), (client, 900, "cluster")):
        summary = on_dask.clean(inputs, str(tmp_path / folder), str(tmp_path / f"{folder}-rejects"), options,
                                scheduler=scheduler, shard_bytes=shard_bytes)
        assert summary.line() == line
        assert _joined(tmp_path / folder) == expected
        assert _joined(tmp_path / f"{folder}-rejects") == (tmp_path / "one-rejects.jsonl").read_bytes()
        assert sorted(p.name for p in (tmp_path / folder).iterdir()) == sorted(p.name for p in (tmp_path / folder).glob("part-*.jsonl"))
