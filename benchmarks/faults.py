"""Fault injection for the batch CLI: does every input record end in the output, the rejects or an error report?

    python benchmarks/faults.py [--pages 600] [--seed 1] [--no-readme]

Each scenario runs `cleanscrape clean` as an operator would, in a temporary
folder, and counts the records *lost*: read from the input (or known to be in
it) but neither written, rejected, nor named by an error report. A report that
names a file and says its rest is unreadable (a corrupt or cut archive) covers
that file's missing records. Interrupted runs are resumed with `--resume` and
must then equal the uninterrupted run, row for row and in order.

Scenarios: kill -9 of the main process, SIGINT and SIGTERM (each then
resumed; kill -9 also with .jsonl.gz output); kill -9 of one worker; a corrupt .warc.gz, a truncated WARC, a
truncated .jsonl.zst and .jsonl.gz; a JSONL file with poisoned lines.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import replace_section  # noqa: E402
from scrapinghub_text import DATA  # noqa: E402

#: Words of an error report that say a file's rest could not be read (so its missing records are accounted for).
FILE_LEVEL_ERRORS = ("cannot read", "unreadable", "corrupt", "truncated")
CLEAN = [sys.executable, "-m", "cleanscrape", "clean"]
WORDS = "the of and to in a is that for it as was with by on council harbour river engineers report water storm".split()


@dataclass
class Outcome:
    scenario: str
    records: int
    written: int
    rejected: int
    errors: int
    lost: int
    same_as_uninterrupted: str = ""
    note: str = ""


def _pages(count: int, seed: int) -> list[dict]:
    """Real ScrapingHub HTML where the data is there, else made-up text pages; distinct ids and texts."""
    rng = random.Random(seed)
    html = sorted((DATA / "html").glob("*.html.gz")) if DATA.is_dir() else []
    pages = []
    for number in range(count):
        if html and number % 3 == 0:
            body = gzip.decompress(html[number % len(html)].read_bytes()).decode("utf-8", errors="replace")
            pages.append({"id": f"p{number:05d}", "url": f"https://site{number % 7}.example/{number}", "html": body})
        else:
            lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))) + "." for _ in range(rng.randint(3, 40))]
            pages.append({"id": f"p{number:05d}", "url": f"https://site{number % 7}.example/{number}",
                          "text": "Home | News | Contact\n" + "\n".join(lines) + "\n© 2025 Example"})
    return pages


def _write_jsonl(path: Path, pages: list[dict]) -> None:
    path.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(CLEAN + args + ["-q"], cwd=cwd, capture_output=True, text=True, timeout=1800)


def _ids(path: Path) -> list[str]:
    """Ids of the whole rows of an output (or of what a killed run left in its .partial)."""
    if not path.exists():
        return []
    opener = gzip.open if path.name.endswith((".gz", ".gz.partial")) else open
    ids = []
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.endswith("\n"):
                    ids.append(json.loads(line)["id"])
    except (EOFError, OSError, ValueError):
        pass  # a killed run's file ends inside a row or a gzip member
    return ids


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("cleanscrape: error:")]


def _counted(scenario: str, records: int, out: Path, rejects: Path, stderr: str, expected_ids: list[str] | None = None,
             file_errors_cover: bool = False) -> Outcome:
    written, rejected = _ids(out), _ids(rejects)
    errors = _error_lines(stderr)
    accounted = len(written) + len(rejected) + len(errors)
    lost = max(0, records - accounted)
    if file_errors_cover and lost and any(word in e for e in errors for word in FILE_LEVEL_ERRORS):
        lost = 0  # a report says where the file stopped being readable
    same = ""
    if expected_ids is not None:
        same = "yes" if written + rejected == expected_ids else "no"
    return Outcome(scenario, records, len(written), len(rejected), len(errors), lost, same)


def _interrupted(folder: Path, pages_file: Path, records: int, reference: list[str], how: str, rng: random.Random,
                 ending: str = ".jsonl") -> Outcome:
    out, rejects = folder / f"{how}{ending}", folder / f"{how}.rejects{ending}"
    args = [str(pages_file), "-o", str(out), "--rejects", str(rejects), "-j", "2"]
    process = subprocess.Popen(CLEAN + args + ["-q"], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    partial = out.with_name(out.name + ".partial")
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.stat().st_size > 0) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    time.sleep(rng.uniform(0.5, 3.0))
    signalled = process.poll() is None
    if signalled:
        process.send_signal({"kill -9": signal.SIGKILL, "SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM}[how])
    _, first_stderr = process.communicate(timeout=120)
    interrupted_at = len(_ids(partial)) if partial.exists() else None
    resumed = _run(args + ["--resume"], folder)
    output = "" if ending == ".jsonl" else f" ({ending} output)"
    outcome = _counted(f"{how} of the main process{output}, then --resume", records, out, rejects,
                       first_stderr + resumed.stderr, reference)
    outcome.note = f"stopped after about {interrupted_at} rows; exit codes {process.returncode}, {resumed.returncode}"
    if not signalled:
        # Not a test of resuming at all: say so rather than count it as one.
        outcome.note = f"NOT INTERRUPTED: the run ended before the signal (give more --pages); exit codes {process.returncode}, {resumed.returncode}"
    return outcome


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _worker_killed(folder: Path, pages_file: Path, records: int, reference: list[str]) -> Outcome:
    out, rejects = folder / "worker.jsonl", folder / "worker.rejects.jsonl"
    process = subprocess.Popen(CLEAN + [str(pages_file), "-o", str(out), "--rejects", str(rejects), "-j", "2", "-q"],
                               cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    partial = out.with_name(out.name + ".partial")
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and process.poll() is None and time.monotonic() < deadline:
        workers = _children(process.pid)
        if len(workers) >= 2 and partial.exists() and partial.stat().st_size > 0:
            time.sleep(1.0)
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    _, stderr = process.communicate(timeout=600)
    outcome = _counted("kill -9 of one worker", records, out, rejects, stderr)
    written = _ids(out) + _ids(rejects)
    # The rows that were not lost with the worker are the uninterrupted run's, in its order.
    kept = set(written)
    outcome.same_as_uninterrupted = "yes" if [i for i in reference if i in kept] == written else "no"
    outcome.note = f"exit code {process.returncode}; {records - len(written)} page(s) lost with the worker, each reported"
    return outcome


def _warc(path: Path, pages: list[dict], gzip_records: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records)
        for page in pages:
            body = (page.get("html") or "".join(f"<p>{line}</p>" for line in page["text"].split("\n"))).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(page["url"], "response", payload=io.BytesIO(body), http_headers=headers))


def _damaged_archives(folder: Path, pages: list[dict], rng: random.Random) -> list[Outcome]:
    outcomes = []
    sample = pages[:40]

    corrupt = folder / "corrupt.warc.gz"
    _warc(corrupt, sample)
    data = bytearray(corrupt.read_bytes())
    for _ in range(3):
        data[rng.randrange(len(data) // 3, len(data))] ^= 0xFF
    corrupt.write_bytes(bytes(data))

    cut_warc = folder / "cut.warc"
    _warc(cut_warc, sample, gzip_records=False)
    cut_warc.write_bytes(cut_warc.read_bytes()[: int(cut_warc.stat().st_size * 0.6)])

    import zstandard

    raw = "".join(json.dumps(p) + "\n" for p in sample).encode()
    cut_zst = folder / "cut.jsonl.zst"
    whole = zstandard.ZstdCompressor().compress(raw)
    cut_zst.write_bytes(whole[: len(whole) // 2])
    cut_gz = folder / "cut.jsonl.gz"
    whole = gzip.compress(raw)
    cut_gz.write_bytes(whole[: len(whole) // 2])

    for name in (corrupt, cut_warc, cut_zst, cut_gz):
        out, rejects = folder / f"{name.name}.out.jsonl", folder / f"{name.name}.rejects.jsonl"
        run = _run([str(name), "-o", str(out), "--rejects", str(rejects)], folder)
        outcome = _counted(f"damaged archive: {name.name}", len(sample), out, rejects, run.stderr, file_errors_cover=True)
        outcome.note = f"exit code {run.returncode}"
        outcomes.append(outcome)
    return outcomes


def _poisoned(folder: Path, pages: list[dict]) -> Outcome:
    good = [json.dumps(p) for p in pages[:20]]
    poison = [
        '{"id": "a\\ud800", "text": "hi there, a lone surrogate in the id"}',
        '{"id": "u\\udfff", "url": "https://x.example/\\ud800", "text": "a lone surrogate in the url"}',
        '{"id": "deep", "text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "bigint", "text": "a long number", "n": ' + "9" * 5000 + "}",
        '{"id": "nan", "text": "not a number", "score": NaN}',
        '{"id": "inf", "text": "infinite", "score": Infinity}',
        '["a", "list"]',
        '{"id": "no text field"}',
        '{"id": 7, "text": "an id that is a number"}',
        "{broken json",
    ]
    lines = good[:10] + poison + good[10:]
    path = folder / "poisoned.jsonl"
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    raw += b'{"id": "badutf8", "text": "caf\xe9 au lait"}\n'
    path.write_bytes(raw)
    out, rejects = folder / "poisoned.out.jsonl", folder / "poisoned.rejects.jsonl"
    run = _run([str(path), "-o", str(out), "--rejects", str(rejects)], folder)
    outcome = _counted("poisoned JSONL lines", len(lines) + 1, out, rejects, run.stderr)
    outcome.note = f"exit code {run.returncode}"
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    outcomes = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pages = _pages(args.pages, args.seed)
        pages_file = folder / "pages.jsonl"
        _write_jsonl(pages_file, pages)
        reference_out, reference_rejects = folder / "ref.jsonl", folder / "ref.rejects.jsonl"
        started = time.perf_counter()
        run = _run([str(pages_file), "-o", str(reference_out), "--rejects", str(reference_rejects), "-j", "2"], folder)
        outcome = _counted("uninterrupted run", len(pages), reference_out, reference_rejects, run.stderr)
        outcome.note = f"{time.perf_counter() - started:.1f} s"
        outcomes.append(outcome)
        reference = _ids(reference_out) + _ids(reference_rejects)
        for how in ("kill -9", "SIGINT", "SIGTERM"):
            outcomes.append(_interrupted(folder, pages_file, len(pages), reference, how, rng))
        outcomes.append(_interrupted(folder, pages_file, len(pages), reference, "kill -9", rng, ending=".jsonl.gz"))
        if Path("/proc/self/task").exists():
            outcomes.append(_worker_killed(folder, pages_file, len(pages), reference))
        outcomes.extend(_damaged_archives(folder, pages, rng))
        outcomes.append(_poisoned(folder, pages))
    table = _table(outcomes, args)
    print(table)
    if not args.no_readme:
        replace_section("faults", table)
    return 1 if any(o.lost for o in outcomes) else 0


def _table(outcomes: list[Outcome], args) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python benchmarks/faults.py --pages {args.pages} --seed {args.seed}`; "
        f"records lost in all: **{sum(o.lost for o in outcomes)}**.",
        "",
        "| scenario | records | written | rejected | errors reported | lost | same rows as uninterrupted | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {o.scenario} | {o.records} | {o.written} | {o.rejected} | {o.errors} | {o.lost} | {o.same_as_uninterrupted or '-'} | {o.note} |"
        for o in outcomes
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
