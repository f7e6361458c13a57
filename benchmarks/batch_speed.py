"""The batch CLI on the ScrapingHub pages as one WARC file: -j 1 against -j 2, same run.

    python benchmarks/batch_speed.py [--repeat 3]

The WARC file is built in a temporary folder from ../shared/data (never
kept), then `cleanscrape clean pages.warc.gz -j N -o out.jsonl.gz` runs as
a user would run it, and the outputs of both runs are compared byte for byte.
"""

from __future__ import annotations

import argparse
import gzip
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import replace_section  # noqa: E402
from scrapinghub_text import DATA  # noqa: E402


def build_warc(path: Path, copies: int = 1) -> int:
    import json

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    gold = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for key in sorted(gold) * copies:
            body = gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(gold[key]["url"], "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
    return len(gold) * copies


def timed_run(warc: Path, jobs: int, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cleanscrape.cli", "clean", str(warc), "-j", str(jobs), "-o", str(out), "-q"],
        check=True,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1, help="put every page in the WARC this many times")
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        warc = Path(folder) / "pages.warc.gz"
        pages = build_warc(warc, args.copies)
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            for jobs in (1, 2):
                times[jobs].append(timed_run(warc, jobs, Path(folder) / f"out{jobs}.jsonl.gz"))
        same = gzip.decompress((Path(folder) / "out1.jsonl.gz").read_bytes()) == gzip.decompress((Path(folder) / "out2.jsonl.gz").read_bytes())
    best = {jobs: min(values) for jobs, values in times.items()}
    ratio = best[1] / best[2]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python benchmarks/batch_speed.py --repeat {args.repeat}" + (f" --copies {args.copies}" if args.copies != 1 else "") + f"`: "
        f"`cleanscrape clean pages.warc.gz -j N -o out.jsonl.gz` on {pages} pages (the ScrapingHub pages, "
        f"{args.copies} time(s) each) in one WARC file "
        "(whole command, start-up included, best of the repeats).",
        "",
        "| jobs | seconds | pages/s |",
        "|---|---|---|",
        *(f"| {jobs} | {best[jobs]:.2f} | {pages / best[jobs]:.1f} |" for jobs in (1, 2)),
        "",
        f"-j 2 is {ratio:.2f}x as fast as -j 1; outputs identical: {same}.",
    ]
    print("\n".join(lines))
    if not args.no_readme:
        replace_section("batch", "\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
