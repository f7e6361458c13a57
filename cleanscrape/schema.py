"""The one output schema: every key of every record row, with one type, in JSONL and Parquet alike.

Both sinks, :meth:`Record.to_dict` and the dedup step put rows through
:func:`conform`, so every row of every file has every key, in this order,
with this type (``null`` where there is no value, never a missing key).
The same definition gives the Arrow schema of Parquet files and the JSON
Schema shipped as ``cleanscrape/record.schema.json``.

The input row's other fields (JSONL and Parquet inputs vary from corpus to
corpus) are kept in ``metadata.input`` as one JSON object text: a column
whose type changed with the corpus could not be loaded with another file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .words import word_count

#: The file published beside this module: the JSON Schema of one output row.
JSON_SCHEMA_PATH = Path(__file__).with_name("record.schema.json")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    #: "string", "integer", "number", "boolean", "struct", "list_of_struct" or "list_of_string"
    kind: str
    nullable: bool
    doc: str
    children: tuple[Column, ...] = ()


REMOVED_LINE = (
    Column("line", "integer", False, "0-based line number in the page (HTML: in its extracted text)"),
    Column("text", "string", False, "the line"),
    Column("reason", "string", False, "why it was removed (menu, share_bar, off_language, ...)"),
)

METADATA = (
    Column("author", "string", True, "the page's author"),
    Column("date", "string", True, "publication date, ISO 8601"),
    Column("sitename", "string", True, "the site's name"),
    Column("reading_minutes", "integer", True, "minutes to read the clean text"),
    Column("description", "string", True, "the page's own summary (meta description)"),
    Column("input", "string", True, "the input row's other fields, as one JSON object text"),
)

COLUMNS = (
    Column("id", "string", False, "the input's id, WARC-Record-ID, or its place (file:line)"),
    Column("url", "string", True, "the page's URL (input field, WARC target, or the page's canonical URL)"),
    Column("title", "string", True, "the article's title"),
    Column("text", "string", False, "the clean text, one paragraph per line"),
    Column("language", "string", True, "ISO 639-1 code of the text's language; null when there is no text"),
    Column("language_probability", "number", True, "langdetect's probability for it"),
    Column("metadata", "struct", False, "what the page says about itself, and the input's other fields", METADATA),
    Column("removed", "list_of_struct", False, "removed lines with their reason (with --explain; else empty)", REMOVED_LINE),
    Column("dropped", "string", True, "why the record was rejected (empty, language, too_short, duplicate), or null"),
    Column("extractor", "string", True, "how the text was produced: text, trafilatura, resiliparse, html_text, ... (null: not cleaned here)"),
    Column("extractor_rule", "string", True, "why: the rule that chose an HTML page's text (trafilatura_default, listing_main_region, ...; null: page text)"),
    Column("word_count", "integer", False, "words in text"),
    Column("warnings", "list_of_string", False, "what failed on the page without failing it (e.g. 'htmldate: AssertionError')"),
    Column("source", "string", True, "where the page was read: file, file:line (JSONL), file:row (Parquet), file:record (WARC)"),
    Column("http_status", "integer", True, "the HTTP status of a WARC response"),
    Column("warc_date", "string", True, "the WARC-Date of a WARC response"),
    Column("warc_record_id", "string", True, "the WARC-Record-ID of a WARC response"),
    Column("dup_cluster", "string", True, "id of the near-duplicate cluster's representative (null: not deduplicated)"),
    Column("is_duplicate", "boolean", True, "whether the record is a near-duplicate of its cluster's representative"),
)

def conform(row: dict[str, Any]) -> dict[str, Any]:
    """A new row with every schema key, in schema order, each value of its column's type.

    Other top-level and metadata keys, and a known key whose value has
    another type (a corpus's own ``title: 5``), go to ``metadata.input``.
    """
    known = {column.name for column in COLUMNS}
    metadata_in = row.get("metadata")
    metadata_in = dict(metadata_in) if isinstance(metadata_in, dict) else {}
    extra = _input_fields(metadata_in.pop("input", None))
    if "metadata" in row and not isinstance(row["metadata"], dict):
        extra["metadata"] = row["metadata"]
    metadata_names = {c.name for c in METADATA}
    extra.update({k: v for k, v in metadata_in.items() if k not in metadata_names})
    extra.update({k: v for k, v in row.items() if k not in known})
    metadata: dict[str, Any] = {}
    for column in METADATA[:-1]:
        metadata[column.name] = _fitted(column, metadata_in.get(column.name), extra)
    out: dict[str, Any] = {}
    for column in COLUMNS:
        if column.name == "metadata":
            metadata["input"] = json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str) if extra else None
            out["metadata"] = metadata
        elif column.name == "word_count" and row.get("word_count") is None:
            out["word_count"] = word_count(out["text"])
        else:
            out[column.name] = _fitted(column, row.get(column.name), extra)
    return out


def _fitted(column: Column, value: Any, extra: dict[str, Any]) -> Any:
    """``value`` if it has the column's type; else it is kept in ``extra`` and the column gets its empty value."""
    if value is None and column.nullable:
        return None
    if _fits(column, value):
        return float(value) if column.kind == "number" else list(value) if column.kind.startswith("list") else value
    if value is not None:
        extra.setdefault(column.name, value)
    if column.kind.startswith("list"):
        return []
    if column.name == "id" and value is not None:
        return str(value)
    return "" if column.kind == "string" and not column.nullable else 0 if not column.nullable else None


def _fits(column: Column, value: Any) -> bool:
    kind = column.kind
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "list_of_string":
        return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)
    if kind == "list_of_struct":
        return isinstance(value, (list, tuple)) and all(
            isinstance(item, dict) and set(item) == {c.name for c in column.children}
            and all(_fits(child, item[child.name]) for child in column.children)
            for item in value
        )
    return False


def _input_fields(value: Any) -> dict[str, Any]:
    """``metadata.input`` as a dict, whether a row holds it as JSON text (written by us) or as an object."""
    if value is None:
        return {}
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            return {"input": value}
        return parsed if isinstance(parsed, dict) else {"input": parsed}
    return dict(value) if isinstance(value, dict) else {"input": value}


def input_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The input row's other fields of an output row, as a dict."""
    return _input_fields((row.get("metadata") or {}).get("input"))


def arrow_schema():
    """The schema of Parquet output files."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _arrow_type(pa, c), nullable=c.nullable) for c in COLUMNS])


def _arrow_type(pa, column: Column):
    simple = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    if column.kind in simple:
        return simple[column.kind]
    if column.kind == "list_of_string":
        return pa.list_(pa.string())
    fields = [pa.field(c.name, _arrow_type(pa, c), nullable=c.nullable) for c in column.children]
    return pa.list_(pa.struct(fields)) if column.kind == "list_of_struct" else pa.struct(fields)


def datasets_features():
    """The same schema as Hugging Face ``datasets`` Features, for ``load_dataset("json", ..., features=...)``."""
    from datasets import Features

    return Features.from_arrow_schema(arrow_schema())


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output row, as published in ``record.schema.json``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/cleanscrape/cleanscrape/record.schema.json",
        "title": "cleanscrape record",
        "description": "One output row of cleanscrape (JSONL line or Parquet row); every key is always present.",
        **_object_schema(COLUMNS),
    }


def _object_schema(columns: tuple[Column, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {c.name: _json_type(c) for c in columns},
        "required": [c.name for c in columns],
        "additionalProperties": False,
    }


def _json_type(column: Column) -> dict[str, Any]:
    if column.kind == "struct":
        schema = _object_schema(column.children)
    elif column.kind == "list_of_struct":
        schema = {"type": "array", "items": _object_schema(column.children)}
    elif column.kind == "list_of_string":
        schema = {"type": "array", "items": {"type": "string"}}
    else:
        schema = {"type": column.kind}
    if column.nullable:
        schema["type"] = [schema["type"], "null"]
    return {"description": column.doc, **schema}


def write_json_schema(path: Path = JSON_SCHEMA_PATH) -> None:
    """Regenerate the published file (a test checks it matches this module)."""
    path.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")


def markdown_table() -> str:
    """The schema as README's table."""
    rows = ["| key | type | meaning |", "|---|---|---|"]
    for column in COLUMNS:
        rows.append(f"| `{column.name}` | {_type_name(column)} | {column.doc} |")
        for child in column.children:
            rows.append(f"| `{column.name}.{child.name}` | {_type_name(child)} | {child.doc} |")
    return "\n".join(rows)


def _type_name(column: Column) -> str:
    name = {"list_of_struct": "list of struct", "list_of_string": "list of string"}.get(column.kind, column.kind)
    return f"{name} or null" if column.nullable else name
