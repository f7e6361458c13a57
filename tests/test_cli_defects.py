"""The command line as a data engineer meets it (issue 17): stdin, folders, WARC, schema, errors, Ctrl-C.

Most runs go through a real process (pipes or a pseudo-terminal), as a person runs the command.
"""

import gzip
import io
import json
from pathlib import Path

import pytest

from cleanscrape import CleanerConfig, clean

from .terminal import interrupt_in_terminal, run_in_terminal, run_with_pipes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "news_page.txt").read_text(encoding="utf-8")
ARTICLE = "\n".join(EXAMPLE.split("\n")[10:14])
HTML_FRAGMENT = "".join(f'<p><span class="x">{line}</span></p>' for line in ARTICLE.split("\n"))


def _jsonl_bytes(rows: list[dict]) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _file_rows(path: Path) -> list[dict]:
    return _rows(path.read_text(encoding="utf-8"))


def _warc_bytes(responses: list[tuple[str, str, str]]) -> bytes:
    """(status line, content type, body) per response, gzipped WARC records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, (status, content_type, body) in enumerate(responses):
        headers = [("Content-Type", content_type)] + ([("Location", "https://example.org/new")] if status.startswith("3") else [])
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/{number}", "response", payload=io.BytesIO(body.encode()), http_headers=http))
    return buffer.getvalue()


# 2. stdin takes every format a file does


def test_jsonl_on_stdin_is_read_as_records_not_one_page() -> None:
    rows = [{"id": "a", "text": EXAMPLE}, {"id": "b", "text": EXAMPLE}]
    run = run_with_pipes(["clean", "-"], stdin=_jsonl_bytes(rows))
    assert run.exit_code == 0, run.stderr
    assert [r["id"] for r in _rows(run.stdout)] == ["a", "b"]
    assert [r["source"] for r in _rows(run.stdout)] == ["-:1", "-:2"]


def test_gzipped_jsonl_and_warc_on_stdin_are_sniffed() -> None:
    run = run_with_pipes(["clean", "-"], stdin=gzip.compress(_jsonl_bytes([{"id": "z", "text": EXAMPLE}])))
    assert run.exit_code == 0, run.stderr
    assert [r["id"] for r in _rows(run.stdout)] == ["z"]
    page = "<html><body><article>" + HTML_FRAGMENT + "</article></body></html>"
    run = run_with_pipes(["clean", "-"], stdin=_warc_bytes([("200 OK", "text/html", page)]))
    assert run.exit_code == 0, run.stderr
    (row,) = _rows(run.stdout)
    assert row["url"] == "https://example.org/0" and row["text"] == ARTICLE


def test_a_json_array_or_document_on_stdin_is_read_as_records() -> None:
    # As a .json file is read: an array of rows, or one (pretty-printed) row; sources name the array's rows.
    rows = [{"id": "a", "text": EXAMPLE}, {"id": "b", "text": EXAMPLE}]
    run = run_with_pipes(["clean", "-"], stdin=json.dumps(rows, indent=2).encode())
    assert run.exit_code == 0, run.stderr
    assert [(r["id"], r["source"]) for r in _rows(run.stdout)] == [("a", "-:1"), ("b", "-:2")]
    run = run_with_pipes(["clean", "-"], stdin=gzip.compress(json.dumps(rows[0], indent=2).encode()))
    assert run.exit_code == 0, run.stderr
    assert [(r["id"], r["source"]) for r in _rows(run.stdout)] == [("a", "-")]
    named = run_with_pipes(["clean", "-", "--stdin-format", "json"], stdin=json.dumps(rows).encode())
    assert [r["id"] for r in _rows(named.stdout)] == ["a", "b"]
    # A text page that opens with a bracket is still a page.
    page = "[Editor's note] " + EXAMPLE
    run = run_with_pipes(["clean", "-"], stdin=page.encode())
    assert run.exit_code == 0, run.stderr
    assert len(_rows(run.stdout)) == 1 and _rows(run.stdout)[0]["source"] == "-"


def test_stdin_format_can_be_named() -> None:
    # Named a page, JSONL on stdin is one text page.
    run = run_with_pipes(["clean", "-", "--stdin-format", "page"], stdin=_jsonl_bytes([{"id": "a", "text": "x"}] * 3))
    assert run.exit_code == 0, run.stderr
    assert len(_rows(run.stdout)) == 1


# 3. a JSONL text field holding HTML is sniffed; --format applies to fields


def test_html_in_a_jsonl_text_field_is_cleaned_as_html(tmp_path: Path) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_bytes(_jsonl_bytes([{"id": "h", "content": "<div>" + HTML_FRAGMENT + "</div>"}]))
    run = run_with_pipes(["clean", str(source), "--text-field", "content"])
    assert run.exit_code == 0, run.stderr
    (row,) = _rows(run.stdout)
    assert "<p" not in row["text"] and "<span" not in row["text"]
    assert row["text"] == ARTICLE


def test_format_html_applies_to_jsonl_text_fields(tmp_path: Path) -> None:
    # Two tags are too few to sniff as HTML; --format html says it is.
    fragment = "<b>Storm</b> " + ARTICLE.replace("\n", "<br>\n")
    source = tmp_path / "pages.jsonl"
    source.write_bytes(_jsonl_bytes([{"id": "h", "text": fragment}]))
    run = run_with_pipes(["clean", str(source), "--format", "html"])
    assert run.exit_code == 0, run.stderr
    (row,) = _rows(run.stdout)
    assert row["extractor"] != "text" and "<b>" not in row["text"] and "<br>" not in row["text"]


# 4. Parquet keeps the dedup result


def test_parquet_output_keeps_dup_cluster_and_is_duplicate(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "pages.jsonl"
    source.write_bytes(_jsonl_bytes([{"id": "a", "text": EXAMPLE}, {"id": "b", "text": EXAMPLE}]))
    out = tmp_path / "out.parquet"
    run = run_with_pipes(["clean", str(source), "--dedup", "-o", str(out)])
    assert run.exit_code == 0, run.stderr
    table = pq.read_table(out)
    assert table.column("dup_cluster").to_pylist() == ["a", "a"]
    assert table.column("is_duplicate").to_pylist() == [False, True]


def test_dedup_of_plain_jsonl_into_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    records = tmp_path / "r.jsonl"  # not written by cleanscrape: no metadata, an extra field
    records.write_bytes(_jsonl_bytes([{"id": "a", "text": ARTICLE, "lang": "en"}, {"id": "b", "text": ARTICLE, "lang": "en"}]))
    out = tmp_path / "r.parquet"
    run = run_with_pipes(["dedup", str(records), "-o", str(out)])
    assert run.exit_code == 0, run.stderr
    rows = pq.read_table(out).to_pylist()
    assert [(r["id"], r["dup_cluster"], r["is_duplicate"]) for r in rows] == [("a", "a", False), ("b", "a", True)]
    assert json.loads(rows[0]["metadata"]["input"]) == {"lang": "en"}


# 5. --lang codes are validated and case-folded


def test_lang_codes_are_case_folded_and_unknown_ones_are_usage_errors() -> None:
    run = run_with_pipes(["clean", "--lang", "EN", "examples/news_page.txt"], stdin=b"")
    assert run.exit_code == 0, run.stderr
    assert "written 1" in run.stderr
    for wrong in ("english", "en,xx"):
        run = run_with_pipes(["clean", "--lang", wrong, str(ROOT / "examples" / "news_page.txt")])
        assert run.exit_code == 2 and "unknown language code" in run.stderr
        assert run.stdout == ""


def test_cleaner_config_validates_language_codes() -> None:
    assert CleanerConfig(languages=("EN", " De ")).languages == ("en", "de")
    assert CleanerConfig(languages="fr,EN").languages == ("fr", "en")
    with pytest.raises(ValueError, match="english"):
        CleanerConfig(languages=("english",))


# 6. folders read page and corpus files; errors are capped, all kept in --errors


def test_a_folder_reads_page_and_corpus_files_only(tmp_path: Path) -> None:
    root = tmp_path / "dataset"
    (root / "pages").mkdir(parents=True)
    (root / "LICENSE").write_text("Permission is hereby granted, free of charge, to any person\n" * 5)
    (root / "meta.json").write_text(json.dumps({"name": "a dataset", "rows": 2}, indent=2))
    (root / "pages" / "one.txt").write_text(EXAMPLE)
    (root / "pages" / "two.jsonl").write_bytes(_jsonl_bytes([{"id": "j", "text": EXAMPLE}]))
    run = run_with_pipes(["clean", str(root)])
    assert run.exit_code == 0, run.stderr
    assert sorted(r["source"] for r in _rows(run.stdout)) == [f"{root}/pages/one.txt", f"{root}/pages/two.jsonl:1"]
    # --glob chooses; a .json file may hold one document.
    run = run_with_pipes(["clean", str(root), "--glob", "*.json", "--text-field", "name", "--min-words", "0"])
    assert run.exit_code == 0, run.stderr
    assert [r["source"] for r in _rows(run.stdout)] == [f"{root}/meta.json"]


def test_errors_print_capped_and_all_go_to_the_errors_file(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text("{broken\n" * 30)
    errors = tmp_path / "errors.txt"
    run = run_in_terminal(["clean", str(source), "--errors", str(errors)], cwd=tmp_path)
    assert run.exit_code == 1
    assert run.stderr.count("bad JSON") == 20
    assert "10 more errors not shown; all 30 are in" in run.stderr
    assert len(errors.read_text().splitlines()) == 30
    assert "read 30, written 0, rejected 0, errors 30" in run.stderr


# 7. one schema in every file; input fields kept under metadata.input


def test_output_and_rejects_have_the_same_keys_and_input_fields_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_bytes(_jsonl_bytes([
        {"id": "a", "text": EXAMPLE, "author": "Input Author", "date": "1999-01-01"},
        {"id": "b", "text": EXAMPLE},
        {"id": "c", "text": ""},
    ]))
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    run = run_with_pipes(["clean", str(source), "-o", str(out), "--rejects", str(rejects), "--dedup"])
    assert run.exit_code == 0, run.stderr
    rows = _file_rows(out) + _file_rows(rejects)
    assert len(rows) == 3 and len({tuple(row) for row in rows}) == 1
    assert {r["id"]: r["dropped"] for r in rows} == {"a": None, "b": "duplicate", "c": "empty"}
    first = next(r for r in rows if r["id"] == "a")
    assert json.loads(first["metadata"]["input"]) == {"author": "Input Author", "date": "1999-01-01"}
    assert first["metadata"]["author"] != "Input Author"


# 8. WARC: HTTP status, WARC date and record id


def test_warc_status_date_and_record_id(tmp_path: Path) -> None:
    page = "<html><body><article>" + HTML_FRAGMENT + "</article></body></html>"
    source = tmp_path / "crawl.warc.gz"
    source.write_bytes(_warc_bytes([
        ("200 OK", "text/html", page), ("404 Not Found", "text/html", page), ("301 Moved Permanently", "text/html", ""),
    ]))
    run = run_with_pipes(["clean", str(source)])
    assert run.exit_code == 0, run.stderr
    (row,) = _rows(run.stdout)
    assert row["http_status"] == 200 and row["warc_date"].startswith("20")
    assert row["warc_record_id"] == row["id"] and row["id"].startswith("<urn:uuid:")
    assert "read 3, written 1, rejected 0, skipped 2 (http_301: 1, http_404: 1), errors 0" in run.stderr


# 9. HTML files take the URL they declare


def test_html_files_take_their_canonical_or_og_url(tmp_path: Path) -> None:
    body = "<body><article>" + HTML_FRAGMENT + "</article></body></html>"
    (tmp_path / "a.html").write_text('<html><head><link rel="canonical" href="https://news.example/a"></head>' + body)
    (tmp_path / "b.html").write_text('<html><head><meta property="og:url" content="https://news.example/b"></head>' + body)
    (tmp_path / "c.html").write_text("<html><head></head>" + body)
    run = run_with_pipes(["clean", str(tmp_path)])
    assert run.exit_code == 0, run.stderr
    assert [r["url"] for r in _rows(run.stdout)] == ["https://news.example/a", "https://news.example/b", None]


def test_site_templates_over_a_folder_of_html_find_the_site(tmp_path: Path) -> None:
    promo = "Subscribe to the Harbour Gazette newsletter for daily news."
    for number in range(12):
        paragraphs = "".join(f"<p>{line.replace('Tuesday', f'day {number}')} Report {number}.</p>" for line in ARTICLE.split("\n"))
        (tmp_path / f"{number:02d}.html").write_text(
            f'<html><head><link rel="canonical" href="https://gazette.example/{number}"></head>'
            f"<body><article>{paragraphs}<p>{promo}</p></article></body></html>")
    run = run_with_pipes(["clean", str(tmp_path), "--site-templates", "--explain"])
    assert run.exit_code == 0, run.stderr
    assert "learned SiteProfile(1 sites" in run.stderr
    rows = _rows(run.stdout)
    assert len(rows) == 12 and all(promo not in row["text"] for row in rows)


def test_site_templates_say_when_no_site_was_found(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(EXAMPLE)
    run = run_with_pipes(["clean", str(tmp_path), "--site-templates"])
    assert run.exit_code == 0, run.stderr
    assert "warning: no site has enough pages" in run.stderr and "1 pages had no URL" in run.stderr


# 10. learn-templates and empty inputs fail; binary files are skipped; an empty record has no language


def test_learn_templates_exits_1_when_an_input_cannot_be_read(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"not gzip at all")
    run = run_with_pipes(["learn-templates", str(broken), str(ROOT / "examples" / "news_page.txt"), "-o", str(tmp_path / "p.json")])
    assert run.exit_code == 1 and "cannot read" in run.stderr


@pytest.mark.parametrize("command", ["clean", "learn-templates"])
def test_an_empty_folder_or_unmatched_glob_is_an_error(tmp_path: Path, command: str) -> None:
    (tmp_path / "empty").mkdir()
    extra = ["-o", str(tmp_path / "p.json")] if command == "learn-templates" else []
    run = run_with_pipes([command, str(tmp_path / "empty"), *extra])
    assert run.exit_code == 1 and "no input files" in run.stderr
    run = run_with_pipes([command, str(tmp_path / "nothing-*.jsonl"), *extra])
    assert run.exit_code == 1


def test_a_binary_file_is_skipped_not_cleaned(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    run = run_with_pipes(["clean", str(binary)])
    assert run.exit_code == 0, run.stderr
    assert run.stdout == "" and "skipped 1 (binary: 1)" in run.stderr


def test_an_empty_record_has_no_language() -> None:
    record = clean("Home\nShare on Facebook\nLogin")
    assert record.dropped == "empty" and record.language is None and record.language_probability is None


# 11. outputs never overwrite inputs; Ctrl-C ends with 130 and one line


@pytest.mark.parametrize("flag", ["-o", "--rejects"])
def test_an_output_naming_an_input_is_refused(tmp_path: Path, flag: str) -> None:
    source = tmp_path / "pages.jsonl"
    data = _jsonl_bytes([{"id": "a", "text": EXAMPLE}])
    source.write_bytes(data)
    args = ["clean", str(source), flag, str(source)] + (["-o", str(tmp_path / "out.jsonl")] if flag == "--rejects" else [])
    run = run_with_pipes(args)
    assert run.exit_code == 2 and "is one of the inputs" in run.stderr
    assert source.read_bytes() == data


@pytest.mark.parametrize("delay", [0.0, 1.5])  # while the workers start (profiles loading), and while they clean
def test_ctrl_c_exits_130_with_one_line(tmp_path: Path, delay: float) -> None:
    source = tmp_path / "many.jsonl"
    source.write_bytes(_jsonl_bytes([{"id": str(n), "text": EXAMPLE.replace("Tuesday", f"day {n}")} for n in range(3000)]))
    run = interrupt_in_terminal(["clean", str(source), "-j", "2", "-o", str(tmp_path / "out.jsonl")], when_seen="pages",
                                cwd=tmp_path, delay=delay)
    assert run.exit_code == 130, run.stderr
    assert "Traceback" not in run.stderr and "KeyboardInterrupt" not in run.stderr
    assert run.stderr.count("cleanscrape: interrupted") == 1
    assert not (tmp_path / "out.jsonl").exists()  # never a finished-looking file from a cut run
    if delay:  # pages were being written: the run can go on from them
        assert (tmp_path / "out.jsonl.partial").exists() and "--resume continues from" in run.stderr
