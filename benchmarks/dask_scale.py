"""Clean and deduplicate a large corpus on a 2-worker local Dask cluster, beside one process on the same machine.

    python benchmarks/dask_scale.py [--documents 200000] [--single-documents 20000] [--workers 2]

The corpus is made from real article texts (the gold bodies of
../shared/data, as ``dedup.py --scale`` makes it): each page is
``--article-chars`` (1,500) characters of real paragraphs, 10% of them
edited copies of earlier ones, inside the header and footer lines of one of
50 sites. It is written as one uncompressed JSONL file, which the cluster
cuts into byte ranges.

Every run is the command a user types, timed as a whole (start-up included):

    cleanscrape clean pages.jsonl -o out.jsonl --rejects rejects.jsonl --dedup -q                 # one process
    cleanscrape clean pages.jsonl -o out --rejects rejects --dedup -q --engine dask --scheduler ADDRESS

Each Dask run gets a fresh local cluster (``--workers`` processes, one
thread each), so a worker's peak resident memory is that run's. One
process cleaning the whole corpus would take some 25 minutes or more here, so the
single-process run reads the first ``--single-documents`` documents; Dask
cleans that same slice too (the measured ratio, and a byte-for-byte check
of the outputs), then the whole corpus, whose single-process time is the
slice's time scaled by the document count and labelled as such.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup import TEMPLATES, scale_corpus
from gold_articles import load_articles
from report import replace_section

from cleanscrape.io.shards import DEFAULT_SHARD_BYTES

SITES = 50


def write_corpus(path: Path, documents: int, seed: int, chars: int) -> float:
    """Documents as pages of their site (a URL, a header and a footer); returns the mean page size in KB."""
    paragraphs = sorted({p for article in load_articles(min_words=50) for p in article.paragraphs if 80 <= len(p) <= 1000})
    rng = random.Random(seed)
    size = 0
    with path.open("w", encoding="utf-8") as handle:
        for document in scale_corpus(documents, paragraphs, seed, chars=chars):
            site = rng.randrange(SITES)
            head, foot = TEMPLATES[site % len(TEMPLATES)]
            text = "\n".join([*head, f"Section {site}", document["text"], *foot])
            line = json.dumps({"id": document["id"], "url": f"https://site{site}.example/{document['id']}", "text": text}, ensure_ascii=False)
            handle.write(line + "\n")
            size += len(text.encode("utf-8"))
    return size / documents / 1000


def head_of(source: Path, target: Path, documents: int) -> None:
    with source.open("rb") as reading, target.open("wb") as writing:
        writing.writelines(islice(reading, documents))


def command(source: Path, out: Path, rejects: Path) -> list[str]:
    return [sys.executable, "-m", "cleanscrape.cli", "clean", str(source), "-o", str(out), "--rejects", str(rejects), "--dedup", "-q"]


def single_process(source: Path, folder: Path) -> dict:
    started = time.perf_counter()
    subprocess.run(command(source, folder / "one.jsonl", folder / "one-rejects.jsonl"), check=True)
    seconds = time.perf_counter() - started
    # The largest finished child so far: this is the first child the script waits for.
    return {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def on_dask(source: Path, folder: Path, workers: int, shard_mb: float, summary_file: Path) -> dict:
    from distributed import Client, LocalCluster

    def peak_mb() -> float:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        with summary_file.open("w") as summary:
            subprocess.run(
                [*command(source, folder / "out", folder / "rejects")[:-1], "--engine", "dask", "--scheduler", cluster.scheduler_address,
                 "--shard-mb", str(shard_mb)],
                check=True, stderr=summary,
            )
        seconds = time.perf_counter() - started
        peaks = sorted(client.run(peak_mb).values())
    return {"seconds": seconds, "worker_peak_mb": peaks}


def joined_parts(folder: Path) -> bytes:
    return b"".join(part.read_bytes() for part in sorted(folder.glob("part-*.jsonl")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--single-documents", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-mb", type=float, default=DEFAULT_SHARD_BYTES / 2**20, help="input MB per Dask task")
    parser.add_argument("--article-chars", type=int, default=1500, help="article text per page, before its site's lines")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent) as temporary:
        folder = Path(temporary)
        corpus, head = folder / "pages.jsonl", folder / "head.jsonl"
        mean_kb = write_corpus(corpus, args.documents, args.seed, args.article_chars)
        load_before = os.getloadavg()
        head_of(corpus, head, args.single_documents)
        (folder / "single").mkdir()
        one = single_process(head, folder / "single")
        slice_on_dask = on_dask(head, folder / "single", args.workers, args.shard_mb, folder / "slice-summary.txt")
        same_records = joined_parts(folder / "single" / "out") == (folder / "single" / "one.jsonl").read_bytes() and joined_parts(
            folder / "single" / "rejects"
        ) == (folder / "single" / "one-rejects.jsonl").read_bytes()
        (folder / "all").mkdir()
        whole_on_dask = on_dask(corpus, folder / "all", args.workers, args.shard_mb, folder / "summary.txt")
        counts = (folder / "summary.txt").read_text().strip()
        load_after = os.getloadavg()
    scale = args.documents / args.single_documents
    estimated = one["seconds"] * scale

    def row(documents: int, engine: str, seconds: float, label: str, memory: str, ratio: str) -> str:
        return f"| {documents:,} | {engine} | {seconds:,.0f}{label} | {documents / seconds:,.0f} | {memory} | {ratio} |"

    def workers_mb(result: dict) -> str:
        return " / ".join(f"{mb:,.0f}" for mb in result["worker_peak_mb"]) + " MB"

    lines = [
        (f"Measured {time.strftime('%Y-%m-%d')} by `python benchmarks/dask_scale.py --documents {args.documents} "
        f"--single-documents {args.single_documents} --workers {args.workers} --shard-mb {args.shard_mb:g} --article-chars {args.article_chars}` on {_machine()}: "
        f"`cleanscrape clean pages.jsonl --dedup --rejects ...`, one process against `--engine dask` on a local cluster "
        f"of {args.workers} worker processes (1 thread each), {args.shard_mb:g} MB of input per task; pages of {mean_kb:.1f} KB on average (real article paragraphs, "
        f"10% edited copies, {SITES} sites' headers and footers); whole commands, start-up included."),
        "",
        "| documents | engine | seconds | docs/s | peak memory | speed vs one process |",
        "| ---: | --- | ---: | ---: | --- | ---: |",
        row(args.single_documents, "one process", one["seconds"], "", f"{one['peak_mb']:,.0f} MB", "1.00x"),
        row(args.single_documents, f"dask, {args.workers} workers", slice_on_dask["seconds"], "", f"{workers_mb(slice_on_dask)} per worker",
            f"{one['seconds'] / slice_on_dask['seconds']:.2f}x"),
        row(args.documents, "one process", estimated, " (estimated)", "not measured", "1.00x"),
        row(args.documents, f"dask, {args.workers} workers", whole_on_dask["seconds"], "", f"{workers_mb(whole_on_dask)} per worker",
            f"{estimated / whole_on_dask['seconds']:.2f}x (against the estimate)"),
        "",
        (f"The {args.documents:,}-document single-process time is an estimate: the measured {args.single_documents:,}-document "
        f"time x {scale:g}. Dask output identical to the single-process output on the {args.single_documents:,} documents "
        f"(parts joined, output and rejects): {same_records}. Dask on {args.documents:,}: `{counts}`. "
        f"The machine is shared: 1-minute load average {load_before[0]:.1f} before the runs and {load_after[0]:.1f} after "
        "(above the 2 cores, other work took CPU time from these runs)."),
    ]
    print("\n".join(lines))
    if not args.no_readme:
        replace_section("dask", "\n".join(lines))
    return 0 if same_records else 1


def _machine() -> str:
    import platform

    return f"{platform.machine()}, {os.cpu_count()} cores"


if __name__ == "__main__":
    sys.exit(main())
