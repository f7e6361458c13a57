"""One output schema: every file of a run validates against the published JSON Schema and loads
together with pyarrow, pandas and Hugging Face datasets."""

import io
import json
from pathlib import Path

import pytest

from cleanscrape import clean
from cleanscrape.schema import COLUMNS, JSON_SCHEMA_PATH, arrow_schema, conform, json_schema, markdown_table

from .terminal import run_with_pipes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "news_page.txt").read_text(encoding="utf-8")
ARTICLE = "\n".join(EXAMPLE.split("\n")[10:14])


def test_the_published_json_schema_is_the_module_s() -> None:
    assert json.loads(JSON_SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()
    assert [field.name for field in arrow_schema()] == [column.name for column in COLUMNS]


def test_the_schema_page_shows_the_schema_table() -> None:
    assert markdown_table() in (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")


def test_conform_fills_every_key_and_keeps_other_fields_under_metadata_input() -> None:
    row = conform({"id": "x", "text": "a b", "crawl": "2025-10", "metadata": {"author": "A", "lang_hint": "en"}})
    assert list(row) == [column.name for column in COLUMNS]
    assert row["word_count"] == 2 and row["removed"] == [] and row["warnings"] == [] and row["dup_cluster"] is None
    assert row["metadata"]["author"] == "A"
    assert json.loads(row["metadata"]["input"]) == {"crawl": "2025-10", "lang_hint": "en"}
    assert conform(row) == row  # a written row reads back the same


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n")) + "</article></body></html>"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/w", "response", payload=io.BytesIO(page.encode()),
                                                      http_headers=http))


def _one_run(tmp_path: Path, ending: str) -> tuple[Path, Path]:
    """Output and rejects of one run over every kind of input: text, HTML, WARC, JSONL with extra fields."""
    inputs = tmp_path / "inputs"
    if not inputs.exists():
        inputs.mkdir()
        (inputs / "page.txt").write_text(EXAMPLE)
        (inputs / "empty.txt").write_text("Home\nLogin\n")
        _warc(inputs / "crawl.warc.gz")
        rows = [
            {"id": "j1", "text": EXAMPLE, "author": "Input Author", "crawl": {"batch": 3}},
            {"id": "j2", "text": EXAMPLE.replace("Tuesday", "Monday")},
            {"id": "j3", "text": "Deutsch ist eine Sprache, die in vielen Ländern gesprochen wird, und das ist gut so."},
            {"id": "j4", "text": ""},
        ]
        (inputs / "pages.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    out, rejects = tmp_path / f"out{ending}", tmp_path / f"rejects{ending}"
    run = run_with_pipes(["clean", str(inputs), "-o", str(out), "--rejects", str(rejects), "--dedup", "--explain",
                          "--lang", "en"])
    assert run.exit_code == 0, run.stderr
    assert "duplicate: " in run.stderr and "language: 1" in run.stderr and "empty: 2" in run.stderr
    return out, rejects


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_output_validates_and_loads_together(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pq = pytest.importorskip("pyarrow.parquet")
    validator = jsonschema.Draft202012Validator(json.loads(JSON_SCHEMA_PATH.read_text(encoding="utf-8")))

    jsonl_files = _one_run(tmp_path, ".jsonl")
    parquet_files = _one_run(tmp_path, ".parquet")
    jsonl_rows = [row for path in jsonl_files for row in _jsonl(path)]
    parquet_rows = [row for path in parquet_files for row in pq.read_table(path).to_pylist()]
    assert len(jsonl_rows) == 7 and {r["dropped"] for r in jsonl_rows} == {None, "duplicate", "language", "empty"}
    for row in jsonl_rows + parquet_rows:
        validator.validate(row)
    # The same rows in both formats; input fields under metadata.input in both.
    assert sorted(jsonl_rows, key=lambda r: r["id"]) == sorted(parquet_rows, key=lambda r: r["id"])
    first = next(r for r in jsonl_rows if r["id"] == "j1")
    assert json.loads(first["metadata"]["input"]) == {"author": "Input Author", "crawl": {"batch": 3}}
    warc = next(r for r in jsonl_rows if r["http_status"] is not None)
    assert warc["http_status"] == 200 and warc["warc_record_id"] == warc["id"]

    # pyarrow: Parquet files concatenate as they are; JSONL files read with the published schema.
    import pyarrow as pa
    import pyarrow.json as pajson

    tables = [pq.read_table(path) for path in parquet_files]
    assert pa.concat_tables(tables).num_rows == 7
    schema = arrow_schema()
    jsonl_tables = [pajson.read_json(path, parse_options=pajson.ParseOptions(explicit_schema=schema)) for path in jsonl_files]
    assert pa.concat_tables(jsonl_tables).to_pylist() == [row for path in jsonl_files for row in _jsonl(path)]

    pd = pytest.importorskip("pandas")
    frame = pd.concat([pd.read_json(path, lines=True) for path in jsonl_files], ignore_index=True)
    assert list(frame.columns) == [column.name for column in COLUMNS] and len(frame) == 7
    assert len(pd.concat([pd.read_parquet(path) for path in parquet_files])) == 7


def test_output_and_rejects_load_with_datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    datasets = pytest.importorskip("datasets")
    from cleanscrape.schema import datasets_features

    out, rejects = _one_run(tmp_path, ".jsonl")
    cache = str(tmp_path / "cache")
    # JSON has no types: a column null in every row of the first file would be typed null, and the next
    # file's values could not be cast to it. With the published features any order loads.
    for files in ([out, rejects], [rejects, out]):
        loaded = datasets.load_dataset("json", data_files=[str(path) for path in files], split="train", cache_dir=cache,
                                       features=datasets_features())
        assert loaded.num_rows == 7 and loaded.features == datasets_features()
        assert sorted(loaded["id"]) == sorted(row["id"] for path in files for row in _jsonl(path))
    # Parquet files carry their types: no features needed.
    out_pq, rejects_pq = _one_run(tmp_path, ".parquet")
    loaded = datasets.load_dataset("parquet", data_files=[str(rejects_pq), str(out_pq)], split="train", cache_dir=cache)
    assert loaded.num_rows == 7 and loaded.features == datasets_features()


def test_record_to_dict_validates() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())
    for page in (EXAMPLE, "", "<html><body><p>Hello</p></body></html>"):
        validator.validate(clean(page).to_dict())


def _json_values():
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=8)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                        max_leaves=6)


def test_any_input_fields_conform_to_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from hypothesis import given, settings
    from hypothesis import strategies as st

    validator = jsonschema.Draft202012Validator(json_schema())

    names = st.sampled_from([column.name for column in COLUMNS] + ["author", "crawl", "input"]) | st.text(min_size=1, max_size=8)

    @settings(max_examples=200, deadline=None)
    @given(extra=st.dictionaries(names, _json_values(), max_size=5), text=st.text(max_size=40))
    def check(extra: dict, text: str) -> None:
        row = conform({"id": "x", "text": text, **extra})
        validator.validate(row)
        assert conform(json.loads(json.dumps(row))) == row  # written, read back and written again: the same row

    check()
