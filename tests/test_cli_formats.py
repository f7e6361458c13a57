"""Batch cleaning over every input format, with counts that add up and nothing lost."""

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanscrape.batch import run_batch
from cleanscrape.steps import BatchOptions
from cleanscrape.cli import main

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "news_page.txt").read_text(encoding="utf-8")
ARTICLE = "\n".join(EXAMPLE.split("\n")[10:14])
HTML = "<html><body><nav><ul><li>Home</li><li>World</li><li>Sport</li></ul></nav>" + "".join(
    f"<p>{line}</p>" for line in ARTICLE.split("\n")
) + "<footer>© 2025 Example News. All rights reserved.</footer></body></html>"


def _rows(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    if path.name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdDecompressor().stream_reader(path.open("rb"), read_across_frames=True).read()
        return [json.loads(line) for line in data.decode().splitlines() if line]
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows), encoding="utf-8")
    return path


def test_jsonl_ids_urls_and_fields_carry_over_and_bad_lines_are_reported(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "pages.jsonl", [
        {"id": "a", "url": "https://example.org/a", "text": EXAMPLE, "crawl": "2025-10"},
        "{broken",
        {"url": "https://example.org/c", "html": HTML},
        {"id": "d", "body": "no text field"},
        {"id": "e", "text": ""},
    ])
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "--rejects", str(rejects)])
    assert result.exit_code == 1
    assert f"{source}:2: bad JSON" in result.stderr
    assert f"{source}:4: no string field" in result.stderr
    assert "read 5, written 2, rejected 1 (empty: 1), errors 2" in result.stderr
    rows = _rows(out)
    assert [(r["id"], r["url"]) for r in rows] == [("a", "https://example.org/a"), (f"{source}:3", "https://example.org/c")]
    assert json.loads(rows[0]["metadata"]["input"]) == {"crawl": "2025-10"}
    assert rows[0]["text"] == ARTICLE and rows[1]["text"] == ARTICLE
    assert rows[1]["extractor"] == "trafilatura"
    assert [r["id"] for r in _rows(rejects)] == ["e"]


@pytest.mark.parametrize("ending", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_input_and_output(tmp_path: Path, ending: str) -> None:
    source = tmp_path / ("pages" + ending)
    payload = (json.dumps({"id": "a", "text": EXAMPLE}) + "\n").encode()
    if ending.endswith(".gz"):
        source.write_bytes(gzip.compress(payload))
    else:
        import zstandard

        source.write_bytes(zstandard.ZstdCompressor().compress(payload))
    out = tmp_path / ("out" + ending)
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert [r["text"] for r in _rows(out)] == [ARTICLE]
    assert not Path(str(out) + ".partial").exists()


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number, (content_type, body) in enumerate([("text/html; charset=utf-8", HTML), ("image/png", "\x89PNG"), ("text/html", HTML)]):
            url = f"https://example.org/{number}"
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=http))
    return path


def test_warc_responses_are_pages_and_the_rest_is_counted(tmp_path: Path) -> None:
    source = _warc(tmp_path / "crawl.warc.gz")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert [r["url"] for r in rows] == ["https://example.org/0", "https://example.org/2"]
    assert all(r["id"].startswith("<urn:uuid:") and r["text"] == ARTICLE for r in rows)
    assert "read 3, written 2, rejected 0, skipped 1 (not_html: 1), errors 0" in result.stderr


def test_warc_pages_decode_with_the_charset_of_their_http_header(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    # Short Turkish text in ISO-8859-9 with no <meta> charset: only the header says which code page.
    sentence = "Çok güzel bir gün, şehir sakin ve deniz durgun."
    body = f"<html><body><article><h1>Gün</h1><p>{sentence}</p></article></body></html>".encode("iso-8859-9")
    source = tmp_path / "crawl.warc.gz"
    with source.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=ISO-8859-9")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/tr", "response", payload=io.BytesIO(body), http_headers=http))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "--min-words", "1"])
    assert result.exit_code == 0, result.output
    assert sentence in _rows(out)[0]["text"]


def test_site_templates_learned_from_a_warc_decode_as_cleaning_does(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    # A short Turkish line on every page of a site, served as ISO-8859-9 with no <meta> charset
    # (short, because a long one would still match a copy with a few letters decoded wrong).
    promo = "Şimdi üye olun, haklarınızı kaçırmayın."
    source = tmp_path / "crawl.warc.gz"
    with source.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=ISO-8859-9")], protocol="HTTP/1.1")
        for number in range(12):
            body = f"<html><body><article><p>{ARTICLE.replace(chr(10), f' Report {number}. ')}</p><p>{promo}</p></article></body></html>"
            record = writer.create_warc_record(f"https://haber.example/{number}", "response",
                                               payload=io.BytesIO(body.encode("iso-8859-9")), http_headers=http)
            writer.write_record(record)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "--site-templates", "--explain"])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert len(rows) == 12 and all(promo not in row["text"] for row in rows)
    assert all(any(r["text"] == promo and r["reason"] == "site_template" for r in row["removed"]) for row in rows)


def test_parquet_in_and_out(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    source = tmp_path / "pages.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "p1", "text": EXAMPLE, "lang_hint": "en"}, {"id": "p2", "text": ""}]), source)
    out = tmp_path / "out.parquet"
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == ["p1", "p2"]
    assert table.column("dropped").to_pylist() == [None, "empty"]
    assert json.loads(table.column("metadata").to_pylist()[0]["input"]) == {"lang_hint": "en"}


def test_jsonl_output_loads_with_pyarrow(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.json

    source = _jsonl(tmp_path / "pages.jsonl", [{"id": str(n), "text": EXAMPLE if n % 2 else ""} for n in range(6)])
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "--explain", "-q"]).exit_code == 0
    table = pyarrow.json.read_json(out)
    assert table.num_rows == 6
    assert table.column("id").to_pylist() == [str(n) for n in range(6)]


def test_two_workers_write_the_same_records_in_the_same_order(tmp_path: Path) -> None:
    pages = [{"id": str(n), "text": EXAMPLE.replace("Tuesday", f"day {n}")} for n in range(12)]
    source = _jsonl(tmp_path / "pages.jsonl", pages)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert CliRunner().invoke(main, ["clean", str(source), "-o", str(one), "-q"]).exit_code == 0
    assert CliRunner().invoke(main, ["clean", str(source), "-o", str(two), "-q", "-j", "2"]).exit_code == 0
    assert one.read_bytes() == two.read_bytes()


def test_interrupted_run_resumes_without_loss_or_repeats(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "pages.jsonl", [{"id": str(n), "text": EXAMPLE} for n in range(10)])
    out = tmp_path / "out.jsonl"
    seen = []

    def stop_after_four(_: int) -> None:
        seen.append(1)
        if len(seen) == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([str(source)], str(out), None, BatchOptions(), report_error=print, progress=stop_after_four)
    partial = Path(str(out) + ".partial")
    assert not out.exists() and partial.exists()
    # A torn last row, as a kill mid-write leaves it.
    partial.write_bytes(partial.read_bytes() + b'{"id": "4", "tex')

    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in _rows(out)] == [str(n) for n in range(10)]
    assert "read 10, written 6, resumed 4, rejected 0, errors 0" in result.stderr


def test_summary_counts_add_up(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "pages.jsonl", [{"id": "1", "text": EXAMPLE}, "oops", {"id": "3", "text": ""}])
    summary = run_batch([str(source), str(tmp_path / "missing.txt")], str(tmp_path / "o.jsonl"), None, BatchOptions(), report_error=lambda _: None)
    assert (summary.read, summary.written, summary.errors, sum(summary.rejected.values())) == (4, 1, 2, 1)
    assert summary.adds_up()


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "pages.jsonl", [{"id": str(n), "text": EXAMPLE} for n in range(200)])
    command = f"{sys.executable} -m cleanscrape.cli clean {source} | head -n 1"
    finished = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True, timeout=120)
    assert finished.stdout.count("\n") == 1
    assert "Traceback" not in finished.stderr
