"""Batch runs under faults (issue 23): every record read ends in the output, the rejects or the
error report, the counts add up, the exit code says whether anything went wrong, and no fault
(a poisoned line, a corrupt archive, a strange folder, a second run) stops the rest of the run."""

import gzip
import io
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape.steps import Outcome, Summary, file_outcome
from cleanscrape.io.sinks import FLUSH_ROWS, JsonlSink, _resume_point
from cleanscrape.io.sources import ReadFailure, Skipped, read_all

from .terminal import run_with_pipes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "news_page.txt").read_text(encoding="utf-8")
PROSE = "\n".join(EXAMPLE.split("\n")[10:14])


WORDS = ("the council said river water harbour engineers report storm bridge market school train "
         "garden museum festival library budget election doctors farmers weather season").split()


def _page(number: int) -> dict:
    """A page of prose of its own: no two pages are near-duplicates."""
    rng = random.Random(number)
    lines = [" ".join(rng.choice(WORDS) for _ in range(18)).capitalize() + "." for _ in range(6)]
    return {"id": f"p{number}", "url": f"https://example.org/{number}", "text": f"Story {number}.\n{PROSE}\n" + "\n".join(lines)}


def _jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def _strict_rows(path: Path) -> list[dict]:
    """Rows of an output file, read as strictly as a downstream tool would: UTF-8, JSON with no NaN."""
    if not path.exists():
        return []
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    text = data.decode("utf-8")  # invalid UTF-8 raises

    def no_constants(name: str):
        raise AssertionError(f"{name} in output")

    return [json.loads(line, parse_constant=no_constants) for line in text.splitlines() if line.strip()]


SUMMARY = re.compile(
    r"cleanscrape: read (\d+), written (\d+)(?:, resumed (\d+))?, rejected (\d+)(?: \([^)]*\))?"
    r"(?:, skipped (\d+)(?: \([^)]*\))?)?, errors (\d+)"
)


def _counts(stderr: str) -> dict[str, int]:
    found = SUMMARY.findall(stderr)
    assert found, stderr
    read, written, resumed, rejected, skipped, errors = (int(v or 0) for v in found[-1])
    assert read == written + resumed + rejected + skipped + errors, stderr  # the counts add up
    return {"read": read, "written": written, "resumed": resumed, "rejected": rejected, "skipped": skipped, "errors": errors}


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("cleanscrape: error:")]


def _accounted(run, out: Path, rejects: Path, records: int) -> dict[str, int]:
    """Every input record is in the output, the rejects or the error report; the counts say so too."""
    counts = _counts(run.stderr)
    rows, rejected = _strict_rows(out), _strict_rows(rejects)
    assert (len(rows), len(rejected), len(_errors(run.stderr))) == (counts["written"], counts["rejected"], counts["errors"])
    assert counts["read"] == records
    return counts


# 3. One bad record never aborts the run


POISON = [
    '{"id": "a\\ud800", "text": "hi there, a lone surrogate in the id"}',
    '{"id": "u\\udfff", "url": "https://x.example/\\ud800", "text": "a lone surrogate in the url", "x": "\\udc80"}',
    '{"id": "deep", "text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"id": "bigint", "text": "a long number", "n": ' + "9" * 5000 + "}",
    '{"id": "nan", "text": "not a number", "score": NaN}',
    '{"id": "inf", "text": "infinite", "score": Infinity, "low": -Infinity}',
    '["a", "list"]',
    "{broken json",
]


def test_poisoned_jsonl_lines_cost_only_themselves(tmp_path: Path) -> None:
    good = [json.dumps(_page(n)) for n in range(6)]
    raw = ("\n".join(good[:3] + POISON + good[3:]) + "\n").encode() + b'{"id": "latin1", "text": "caf\xe9 au lait"}\n'
    (tmp_path / "in.jsonl").write_bytes(raw)
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    run = run_with_pipes(["clean", "in.jsonl", "-o", str(out), "--rejects", str(rejects)], cwd=tmp_path)
    counts = _accounted(run, out, rejects, len(good) + len(POISON) + 1)
    assert run.exit_code == 1  # some lines were errors
    kept = {row["id"] for row in _strict_rows(out) + _strict_rows(rejects)}
    # made safe, not lost: a lone surrogate becomes U+FFFD, NaN/Infinity null, a long integer its digits
    assert {"a\ufffd", "u\ufffd", "nan", "inf", "bigint"} <= kept
    assert {f"p{n}" for n in range(6)} <= kept  # lines after every poisoned one are read
    errors = "\n".join(_errors(run.stderr))
    for place in ("in.jsonl:6", "in.jsonl:10", "in.jsonl:11", "in.jsonl:15"):  # deep, list, broken, not UTF-8
        assert place + ":" in errors
    assert counts["errors"] == 4
    bigint = next(row for row in _strict_rows(out) + _strict_rows(rejects) if row["id"] == "bigint")
    assert json.loads(bigint["metadata"]["input"])["n"] == "9" * 5000


def test_a_file_name_that_is_not_utf8_never_reaches_the_output_as_invalid_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(EXAMPLE.encode())
    out = tmp_path / "out.jsonl"
    errors_file = tmp_path / "errors.txt"
    run = run_with_pipes(["clean", str(folder), "-o", str(out), "--errors", str(errors_file)], cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    [row] = _strict_rows(out)
    assert row["source"].endswith("caf\ufffd.txt")
    assert _counts(run.stderr)["written"] == 1


def test_parquet_timestamp_binary_and_decimal_columns_are_written(tmp_path: Path) -> None:
    import datetime
    import decimal

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "id": ["a", "b"],
        "text": [EXAMPLE, EXAMPLE + "\nMore."],
        "fetched": pa.array([datetime.datetime(2024, 1, 2, 3, 4, 5), None], pa.timestamp("us")),
        "raw": pa.array([b"\xff\x00bytes", b"ok"], pa.binary()),
        "price": pa.array([decimal.Decimal("1.50"), decimal.Decimal("2.25")], pa.decimal128(5, 2)),
        "score": pa.array([float("nan"), float("inf")], pa.float64()),
    })
    pq.write_table(table, tmp_path / "in.parquet")
    for output in ("out.jsonl", "out.parquet"):
        run = run_with_pipes(["clean", "in.parquet", "-o", output], cwd=tmp_path)
        assert run.exit_code == 0, run.stderr
        assert _counts(run.stderr)["written"] == 2
    rows = _strict_rows(tmp_path / "out.jsonl")
    extra = json.loads(rows[0]["metadata"]["input"])
    assert extra["fetched"].startswith("2024-01-02") and extra["price"] == "1.50"
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 2


def test_a_row_that_cannot_be_written_is_an_error_for_that_record_only() -> None:
    deep: list = []
    for _ in range(1000):
        deep = [deep]
    summary, errors = Summary(), []
    sink = io.StringIO()

    class Sink:
        def write(self, row):
            from cleanscrape.io.sinks import encode_row

            sink.write(encode_row(row).decode())

    row = {"id": "x", "text": "t", "dropped": None, "metadata": {"input": {"deep": deep}}}
    file_outcome(Outcome("f:1", row=row), summary, Sink(), None, errors.append)
    file_outcome(Outcome("f:2", row={"id": "y", "text": "t", "dropped": None, "metadata": {}}), summary, Sink(), None, errors.append)
    assert (summary.read, summary.written, summary.errors) == (2, 1, 1) and summary.adds_up()
    assert errors[0].startswith("f:1: ") and "nested" in errors[0]
    assert [json.loads(line)["id"] for line in sink.getvalue().splitlines()] == ["y"]


# 4. Corrupt and truncated archives: an error naming the file and where it stopped, exit 1


def _warc(path: Path, count: int, gzip_records: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records)
        for number in range(count):
            body = "".join(f"<p>{line} ({number})</p>" for line in PROSE.split("\n")).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/{number}", "response", payload=io.BytesIO(body), http_headers=headers))


def _damaged_run(tmp_path: Path, name: str, records: int):
    out, rejects = tmp_path / f"{name}.out.jsonl", tmp_path / f"{name}.rejects.jsonl"
    run = run_with_pipes(["clean", name, "-o", str(out), "--rejects", str(rejects)], cwd=tmp_path)
    counts = _counts(run.stderr)
    assert run.exit_code == 1, run.stderr
    errors = _errors(run.stderr)
    assert len(errors) == counts["errors"] >= 1
    assert counts["written"] + counts["rejected"] + counts["errors"] <= records
    return counts, errors, _strict_rows(rejects)


def test_a_corrupt_warc_gz_is_reported_as_corrupt_with_the_record_it_stopped_at(tmp_path: Path) -> None:
    _warc(tmp_path / "a.warc.gz", 20, gzip_records=True)
    data = bytearray((tmp_path / "a.warc.gz").read_bytes())
    middle = len(data) // 2
    data[middle: middle + 8] = bytes(b ^ 0xFF for b in data[middle: middle + 8])
    (tmp_path / "a.warc.gz").write_bytes(bytes(data))
    counts, errors, _ = _damaged_run(tmp_path, "a.warc.gz", 20)
    assert re.search(r"a\.warc\.gz:\d+: corrupt", errors[-1]), errors
    assert 5 <= counts["written"] < 20


def test_a_truncated_warc_is_reported_as_truncated_not_an_empty_page(tmp_path: Path) -> None:
    _warc(tmp_path / "a.warc", 20, gzip_records=False)
    data = (tmp_path / "a.warc").read_bytes()
    # cut inside a record's payload: the page must not become an `empty` reject
    cut = data.rindex(b"<p>", 0, int(len(data) * 0.6)) + 5
    (tmp_path / "a.warc").write_bytes(data[:cut])
    counts, errors, rejected = _damaged_run(tmp_path, "a.warc", 20)
    assert "truncated" in errors[-1] and "a.warc:" in errors[-1]
    assert not rejected and counts["errors"] == 1
    # cut inside a record's headers
    (tmp_path / "a.warc").write_bytes(data[: data.rindex(b"WARC-Target-URI", 0, int(len(data) * 0.6))])
    counts, errors, _ = _damaged_run(tmp_path, "a.warc", 20)
    assert "truncated" in errors[-1] or "corrupt" in errors[-1]


@pytest.mark.parametrize("ending", [".jsonl.zst", ".jsonl.gz"])
def test_a_truncated_compressed_jsonl_is_reported_as_truncated(tmp_path: Path, ending: str) -> None:
    import zstandard

    raw = _jsonl([_page(n) for n in range(300)])
    whole = zstandard.ZstdCompressor().compress(raw) if ending.endswith(".zst") else gzip.compress(raw)
    (tmp_path / f"in{ending}").write_bytes(whole[: len(whole) // 2])
    counts, errors, _ = _damaged_run(tmp_path, f"in{ending}", 300)
    assert counts["errors"] == 1
    assert re.search(rf"in{re.escape(ending)}:\d+: truncated", errors[0]), errors


def test_a_corrupt_zst_does_not_stop_the_other_inputs(tmp_path: Path) -> None:
    import zstandard

    whole = bytearray(zstandard.ZstdCompressor(write_checksum=True).compress(_jsonl([_page(n) for n in range(50)])))
    whole[len(whole) // 2] ^= 0xFF
    (tmp_path / "bad.jsonl.zst").write_bytes(bytes(whole))
    (tmp_path / "good.jsonl").write_bytes(_jsonl([_page(n) for n in range(3)]))
    run = run_with_pipes(["clean", "bad.jsonl.zst", "good.jsonl", "-o", "out.jsonl"], cwd=tmp_path)
    counts = _counts(run.stderr)
    assert run.exit_code == 1 and counts["errors"] >= 1
    assert [r["source"] for r in _strict_rows(tmp_path / "out.jsonl")][-3:] == ["good.jsonl:1", "good.jsonl:2", "good.jsonl:3"]
    assert any("bad.jsonl.zst" in e and ("corrupt" in e or "cannot read" in e or "bad JSON" in e) for e in _errors(run.stderr))


# 4. Folder walks: what cannot be read is reported, and a FIFO never hangs the run


def test_a_folder_walk_reports_dangling_and_looping_symlinks_and_fifos(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.jsonl").write_bytes(_jsonl([_page(1)]))
    (folder / "dangling.html").symlink_to(folder / "nowhere.html")
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    os.mkfifo(folder / "pipe.txt")
    started = time.monotonic()
    run = run_with_pipes(["clean", "in", "-o", "out.jsonl"], cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 60
    counts = _counts(run.stderr)
    assert counts["written"] == 1 and counts["skipped"] == 4
    assert "dangling_symlink: 1" in run.stderr and "not_a_regular_file: 1" in run.stderr and "symlink_loop: 2" in run.stderr


def test_an_unreadable_subfolder_is_an_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(EXAMPLE)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_all([str(tmp_path)]))
    failures = [item for item in items if isinstance(item, ReadFailure)]
    assert [f.source for f in failures] == [str(tmp_path / "locked")]
    assert "cannot read folder" in failures[0].message
    assert not any(isinstance(item, Skipped) for item in items)
    assert sum(1 for item in items if not isinstance(item, ReadFailure)) == 1


# 5. --dedup: ids checked as records are filed; the run goes on and can be resumed


def test_dedup_with_duplicate_and_empty_ids_reports_those_records_and_writes_the_rest(tmp_path: Path) -> None:
    rows = [_page(1), _page(2), {**_page(3), "id": "p1"}, {**_page(4), "id": ""}, _page(5)]
    (tmp_path / "in.jsonl").write_bytes(_jsonl(rows))
    run = run_with_pipes(["clean", "in.jsonl", "-o", "out.jsonl", "--rejects", "rej.jsonl", "--dedup"], cwd=tmp_path)
    counts = _accounted(run, tmp_path / "out.jsonl", tmp_path / "rej.jsonl", 5)
    assert run.exit_code == 1 and counts["errors"] == 2
    errors = _errors(run.stderr)
    assert "in.jsonl:3:" in errors[0] and "'p1'" in errors[0] and "in.jsonl:4:" in errors[1] and "empty id" in errors[1]
    assert sorted(r["id"] for r in _strict_rows(tmp_path / "out.jsonl") + _strict_rows(tmp_path / "rej.jsonl")) == ["p1", "p2", "p5"]
    assert not list(tmp_path.glob("*undeduplicated*"))


def test_an_interrupted_dedup_run_resumes_from_its_scratch_file(tmp_path: Path) -> None:
    rows = [_page(n) for n in range(6)] + [{**_page(0), "id": "copy"}]
    (tmp_path / "in.jsonl").write_bytes(_jsonl(rows))
    args = ["clean", "in.jsonl", "-o", "out.jsonl", "--rejects", "rej.jsonl", "--dedup"]
    whole = run_with_pipes(args, cwd=tmp_path)
    assert whole.exit_code == 0, whole.stderr
    expected = (_strict_rows(tmp_path / "out.jsonl"), _strict_rows(tmp_path / "rej.jsonl"))
    assert sorted(r["id"] for r in expected[1]) in (["copy"], ["p0"])  # page 0 or its copy is the duplicate
    # what a kill during cleaning leaves: the first three rows cleaned in the scratch file, a torn fourth
    assert run_with_pipes(["clean", "in.jsonl", "-o", "plain.jsonl"], cwd=tmp_path).exit_code == 0
    scratch = [json.dumps(r) for r in _strict_rows(tmp_path / "plain.jsonl")[:3]]
    (tmp_path / "out.jsonl").unlink()
    (tmp_path / "rej.jsonl").unlink()
    (tmp_path / "out.jsonl.undeduplicated.jsonl.partial").write_text("\n".join(scratch) + '\n{"id": "p3", "te')
    resumed = run_with_pipes(args + ["--resume"], cwd=tmp_path)
    assert resumed.exit_code == 0, resumed.stderr
    counts = _counts(resumed.stderr)
    assert counts["resumed"] == 3 and counts["read"] == 7
    assert (_strict_rows(tmp_path / "out.jsonl"), _strict_rows(tmp_path / "rej.jsonl")) == expected
    assert not list(tmp_path.glob("*undeduplicated*"))


# 6. Output integrity


def test_a_second_run_on_the_same_output_fails_at_once(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(_jsonl([_page(1)]))
    holder = JsonlSink(str(tmp_path / "out.jsonl"))  # a run writing out.jsonl now
    holder.write({"id": "first", "text": "t", "source": "x:1"})
    started = time.monotonic()
    run = run_with_pipes(["clean", "in.jsonl", "-o", "out.jsonl"], cwd=tmp_path)
    assert time.monotonic() - started < 60
    assert run.exit_code == 1 and "being written by another run" in run.stderr
    holder.finish()
    assert [r["id"] for r in _strict_rows(tmp_path / "out.jsonl")] == ["first"]


def test_a_symlink_at_the_partial_output_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(_jsonl([_page(1)]))
    (tmp_path / "precious").write_text("keep me")
    (tmp_path / "out.jsonl.partial").symlink_to(tmp_path / "precious")
    run = run_with_pipes(["clean", "in.jsonl", "-o", "out.jsonl"], cwd=tmp_path)
    assert run.exit_code == 1 and "symlink" in run.stderr
    assert (tmp_path / "precious").read_text() == "keep me"


def test_output_and_rejects_the_same_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(_jsonl([_page(1)]))
    run = run_with_pipes(["clean", "in.jsonl", "-o", "x.jsonl", "--rejects", "./x.jsonl"], cwd=tmp_path)
    assert run.exit_code == 2 and "same file" in run.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_an_output_inside_an_input_folder_is_not_read_as_input(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "in.jsonl").write_bytes(_jsonl([_page(n) for n in range(3)]))
    args = ["clean", "data", "-o", "data/out.jsonl", "--rejects", "data/rej.jsonl", "--glob", "*"]
    for _ in range(2):  # the second run finds the first run's output in the folder
        (folder / "out.jsonl.partial").write_text('{"source": "stale"')  # and a stale .partial
        run = run_with_pipes(args, cwd=tmp_path)
        assert run.exit_code == 0, run.stderr
        assert _counts(run.stderr)["read"] == 3
        assert [r["source"] for r in _strict_rows(folder / "out.jsonl")] == [f"data/in.jsonl:{n}" for n in (1, 2, 3)]


def test_an_input_listed_twice_then_resume_loses_no_rows(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(_jsonl([_page(n) for n in range(4)]))
    args = ["clean", "in.jsonl", "in.jsonl", "-o", "out.jsonl"]
    whole = run_with_pipes(args, cwd=tmp_path)
    expected = _strict_rows(tmp_path / "out.jsonl")
    assert len(expected) == 8
    # interrupted after the first copy and one row of the second
    (tmp_path / "out.jsonl").unlink()
    (tmp_path / "out.jsonl.partial").write_text("".join(json.dumps(r) + "\n" for r in expected[:5]))
    run = run_with_pipes(args + ["--resume"], cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert _counts(run.stderr)["resumed"] == 5
    assert _strict_rows(tmp_path / "out.jsonl") == expected
    assert whole.exit_code == 0


def test_resume_scans_the_partial_file_without_reading_it_into_memory(tmp_path: Path) -> None:
    import tracemalloc
    from collections import Counter

    row = json.dumps({"id": "x", "source": "f:1", "text": "w " * 5000}) + "\n"
    path = tmp_path / "big.jsonl.partial"
    path.write_text(row * 3000)  # 30 MB
    tracemalloc.start()
    with path.open("rb") as handle:
        done: Counter = Counter()
        keep = _resume_point(handle, None, done, set())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert keep == path.stat().st_size and done["f:1"] == 3000
    assert peak < 2**20 * 2


@pytest.mark.parametrize("ending", [".jsonl.gz", ".jsonl.zst"])
def test_a_killed_run_with_compressed_output_leaves_every_flushed_row_resumable(tmp_path: Path, ending: str) -> None:
    out = tmp_path / f"out{ending}"
    rows = FLUSH_ROWS * 3 + 7
    script = (
        "import os, sys\n"
        "from cleanscrape.io.sinks import JsonlSink\n"
        f"sink = JsonlSink({str(out)!r})\n"
        f"for n in range({rows}):\n"
        "    sink.write({'id': f'r{n}', 'text': 'x', 'source': f'in:{n}'})\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    resumed = JsonlSink(str(out), resume=True)
    assert sum(resumed.done_keys.values()) == FLUSH_ROWS * 3
    resumed.write({"id": "last", "text": "x", "source": "in:last"})
    resumed.finish()
    data = out.read_bytes()
    if ending.endswith(".gz"):
        text = gzip.decompress(data).decode()
    else:
        import zstandard

        text = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True).read().decode()
    assert [json.loads(line)["id"] for line in text.splitlines()] == [f"r{n}" for n in range(FLUSH_ROWS * 3)] + ["last"]


def _locked_from_another_process(path: Path) -> bool:
    script = (
        "import fcntl, sys\n"
        f"handle = open({str(path)!r}, 'r+b')\n"
        "try:\n"
        "    fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "except OSError:\n"
        "    sys.exit(3)\n"
    )
    return subprocess.run([sys.executable, "-c", script], check=False).returncode == 3


def test_the_lock_is_held_while_writing_and_released_when_a_run_ends(tmp_path: Path) -> None:
    sink = JsonlSink(str(tmp_path / "o.jsonl"))
    assert _locked_from_another_process(tmp_path / "o.jsonl.partial")
    sink.abort()
    assert not _locked_from_another_process(tmp_path / "o.jsonl.partial")
    again = JsonlSink(str(tmp_path / "o.jsonl"), resume=True)
    assert _locked_from_another_process(tmp_path / "o.jsonl.partial")
    again.finish()
    assert not _locked_from_another_process(tmp_path / "o.jsonl")


def test_a_forked_worker_does_not_hold_the_lock_after_its_parent_is_killed(tmp_path: Path) -> None:
    script = (
        "import os, time\n"
        "from cleanscrape.io.sinks import JsonlSink\n"
        f"sink = JsonlSink({str(tmp_path / 'o.jsonl')!r})\n"
        "if os.fork() == 0:\n"
        "    time.sleep(10)\n"
        "    os._exit(0)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    # the forked child still runs, holding the file open; a resumed run must get the lock
    resumed = JsonlSink(str(tmp_path / "o.jsonl"), resume=True)
    resumed.finish()


# 8. A per-page size limit


def test_a_page_over_max_page_mb_is_an_error_for_that_record(tmp_path: Path) -> None:
    big = {"id": "big", "text": ("word " * 60_000 + "\n") * 4}  # about 1.2 MB
    (tmp_path / "in.jsonl").write_bytes(_jsonl([_page(1), big, _page(2)]))
    run = run_with_pipes(["clean", "in.jsonl", "-o", "out.jsonl", "--option", "max_page_mb=1"], cwd=tmp_path)
    counts = _counts(run.stderr)
    assert run.exit_code == 1 and counts["errors"] == 1 and counts["read"] == 3
    [error] = _errors(run.stderr)
    assert "in.jsonl:2: PageTooLarge" in error and "max_page_mb=1" in error
    assert [r["id"] for r in _strict_rows(tmp_path / "out.jsonl")] == ["p1", "p2"]


def test_a_dedup_run_cut_while_marking_resumes_its_rejects_without_the_duplicates(tmp_path: Path) -> None:
    rejects = tmp_path / "rej.jsonl"
    rows = [{"id": "r1", "source": "in:1", "dropped": "too_short"}, {"id": "r2", "source": "in:2", "dropped": "empty"},
            {"id": "d1", "source": "in:3", "dropped": "duplicate"}, {"id": "r3", "source": "in:4", "dropped": "empty"}]
    Path(str(rejects) + ".partial").write_text("".join(json.dumps(r) + "\n" for r in rows))
    sink = JsonlSink(str(rejects), resume=True, resume_until_dropped="duplicate")
    assert dict(sink.done_keys) == {"in:1": 1, "in:2": 1}  # the marking's rows (from the first duplicate on) are redone
    sink.finish()
    assert [r["id"] for r in _strict_rows(rejects)] == ["r1", "r2"]


#: Any character, lone surrogates often (a JSON "\\ud800" escape, a file name that is not UTF-8).
CHARACTERS = st.sampled_from(["\ud800", "\udfff", "\udc80"]) | st.characters(exclude_categories=())
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(alphabet=CHARACTERS) | st.binary(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200)
@given(st.dictionaries(st.text(max_size=8), json_values, max_size=5), st.text(alphabet=CHARACTERS))
def test_any_row_is_written_as_strict_utf8_json(extra: dict, text: str) -> None:
    from cleanscrape.io.sinks import encode_row

    line = encode_row({"id": text, "text": text, "source": text, "metadata": {"input": extra}})
    assert line.endswith(b"\n") and line.count(b"\n") == 1

    def no_constants(name: str):
        raise AssertionError(name)

    row = json.loads(line.decode("utf-8"), parse_constant=no_constants)  # strict UTF-8, no NaN
    assert row["source"] == re.sub("[\ud800-\udfff]", "\ufffd", text)
