"""`explain` on one record of a JSONL, WARC or Parquet file (--id), and as JSON (--json)."""

import io
import json
from pathlib import Path

import pytest

from .terminal import run_in_terminal, run_with_pipes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "news_page.txt").read_text(encoding="utf-8")
ARTICLE = EXAMPLE.split("\n")[10:14]
HTML = ("<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><h1>Storm</h1>"
        + "".join(f"<p>{line}</p>" for line in ARTICLE) + "</article><footer>© 2025 Example News.</footer></body></html>")


def test_explain_json_on_one_jsonl_record(tmp_path: Path) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Just a line"}) + "\n" + json.dumps({"id": "b", "text": EXAMPLE}) + "\n")
    run = run_with_pipes(["explain", str(source), "--id", "b", "--json"])
    assert run.exit_code == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["id"] == "b" and result["source"] == f"{source}:2" and result["extractor"] == "text"
    reasons = {line["text"]: line["reason"] for line in result["lines"]}
    assert reasons["Facebook Twitter LinkedIn Email"] == "share_bar" and reasons[ARTICLE[0]] is None
    # By place, too; and an id that is not there is an error.
    assert json.loads(run_with_pipes(["explain", str(source), "--id", f"{source}:1", "--json"]).stdout)["id"] == "a"
    missing = run_with_pipes(["explain", str(source), "--id", "zzz"])
    assert missing.exit_code == 1 and "no record with id" in missing.stderr


def test_explain_a_warc_record_by_url_names_the_extractor(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    source = tmp_path / "crawl.warc.gz"
    with source.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number in range(2):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.org/{number}", "response",
                                                          payload=io.BytesIO(HTML.encode()), http_headers=http))
    run = run_in_terminal(["explain", str(source), "--id", "https://example.org/1"], cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert f"{source}:2: extractor trafilatura; lines outside its main content: not_main_content" in run.stderr
    assert "not_main_content" in run.stdout and ARTICLE[0] in run.stdout


def test_explain_a_parquet_row(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    source = tmp_path / "pages.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "p1", "html": HTML}, {"id": "p2", "text": EXAMPLE}]), source)
    result = json.loads(run_with_pipes(["explain", str(source), "--id", "p1", "--json"]).stdout)
    assert result["id"] == "p1" and result["extractor"] == "trafilatura"
    kept = [line["text"] for line in result["lines"] if line["reason"] is None]
    assert kept == ARTICLE
    assert {line["reason"] for line in result["lines"]} >= {"not_main_content", None}


def test_explain_reads_a_page_file_as_clean_does(tmp_path: Path) -> None:
    # The page's canonical URL is its URL (it names the site in a profile), as in `clean`.
    page = tmp_path / "saved.html"
    page.write_text(HTML.replace("<html>", "<html><head><link rel='canonical' href='https://news.example/storm'></head>"))
    run = run_with_pipes(["explain", str(page), "--json"])
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["url"] == "https://news.example/storm"
    cleaned = run_with_pipes(["clean", str(page)])
    assert json.loads(cleaned.stdout)["url"] == "https://news.example/storm"
    # A binary file is skipped by `clean`; `explain` says so rather than cleaning its bytes.
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    run = run_with_pipes(["explain", str(binary)])
    assert run.exit_code == 1 and "binary" in run.stderr
