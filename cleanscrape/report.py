"""A corpus-wide view of cleaned records: one self-contained HTML page.

Counts (records kept and dropped by reason, removed lines by reason,
duplicates, errors), languages, the word-count distribution, the duplicate
clusters, charts drawn by matplotlib (inline SVG), and a sample of pages
line by line with kept and removed lines coloured and their reasons.
"""

from __future__ import annotations

import html
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io.compression import open_read, strip_compression
from .schema import conform

#: Pages shown line by line.
SAMPLE_PAGES = 6
#: Duplicate clusters listed (the largest first).
LISTED_CLUSTERS = 20


def read_records(paths: Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """Rows of JSONL (.gz/.zst) and Parquet record files, each in the output schema."""
    for path in paths:
        path = Path(path)
        if strip_compression(path.name.lower()).endswith(".parquet"):
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=512):
                yield from (conform(row) for row in batch.to_pylist())
            continue
        with open_read(path) as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    try:
                        yield conform(json.loads(raw))
                    except (json.JSONDecodeError, AttributeError) as error:
                        raise ValueError(f"{path}:{number}: not a record: {error}") from None


@dataclass
class CorpusCounts:
    records: int = 0
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)
    removed_lines: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    extractors: Counter = field(default_factory=Counter)
    word_counts: list[int] = field(default_factory=list)
    #: Representative id -> ids of its duplicates (only clusters with duplicates).
    clusters: dict[str, list[str]] = field(default_factory=dict)
    duplicates: int = 0
    deduplicated: bool = False
    errors: int = 0
    #: Rows with removed lines listed (written with --explain), for the line-by-line sample.
    sample: list[dict[str, Any]] = field(default_factory=list)

    def add(self, row: dict[str, Any], sample_size: int) -> None:
        self.records += 1
        if row["dropped"] is None:
            self.kept += 1
            self.word_counts.append(row["word_count"])
        else:
            self.dropped[row["dropped"]] += 1
        self.languages[row["language"] or "none"] += 1
        self.extractors[row["extractor"] or "none"] += 1
        self.removed_lines.update(item["reason"] for item in row["removed"])
        if row["dup_cluster"] is not None:
            self.deduplicated = True
        if row["is_duplicate"]:
            self.duplicates += 1
            self.clusters.setdefault(row["dup_cluster"], []).append(row["id"])
        if row["removed"] and row["dropped"] != "duplicate" and len(self.sample) < sample_size:
            self.sample.append(row)


def count_records(rows: Iterable[dict[str, Any]], sample_size: int = SAMPLE_PAGES) -> CorpusCounts:
    counts = CorpusCounts()
    for row in rows:
        counts.add(row, sample_size)
    return counts


def page_lines(row: dict[str, Any]) -> list[tuple[int | None, str, str | None]]:
    """(line number or None, text, reason or None) in page order: removed lines stand at their
    numbers, kept lines (which carry none) fill the places between them in order."""
    removed = {item["line"]: item for item in row["removed"]}
    kept = [line for line in row["text"].split("\n") if line.strip()][::-1]
    lines: list[tuple[int | None, str, str | None]] = []
    for position in range(max(removed, default=-1) + 1):
        if position in removed:
            lines.append((position, removed[position]["text"], removed[position]["reason"]))
        elif kept:
            lines.append((None, kept.pop(), None))
    lines.extend((None, line, None) for line in reversed(kept))
    return lines


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _bar_chart(counts: Counter, title: str, colour: str) -> str:
    # A bare Figure draws without pyplot: no backend, no global state.
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    items = counts.most_common(15)[::-1]
    figure = Figure(figsize=(5, 0.35 * max(len(items), 2) + 0.8))
    axes = figure.subplots()
    axes.barh([str(name) for name, _ in items], [value for _, value in items], color=colour)
    axes.set_title(title)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def _histogram(values: list[int], title: str) -> str:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5, 2.8))
    axes = figure.subplots()
    axes.hist(values, bins=min(30, max(5, len(set(values)))), color="#4878a8")
    axes.set_title(title)
    axes.set_xlabel("words in the clean text")
    axes.set_ylabel("records")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
h1{margin-bottom:.2em} .sub{color:#666;margin-top:0}
.cards{display:flex;flex-wrap:wrap;gap:1em}
.card{border:1px solid #ddd;border-radius:6px;padding:.5em .9em;min-width:7em}
.card b{display:block;font-size:1.6em}
.tables{display:flex;flex-wrap:wrap;gap:2em}
.tables h2{font-size:1.1em}
.charts{display:flex;flex-wrap:wrap;gap:1em}
.charts figure{margin:0;border:1px solid #eee;padding:.5em}
.charts svg{width:340px;height:auto}
table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border-bottom:1px solid #eee;padding:2px 8px;text-align:left;vertical-align:top}
tr.kept td{background:#e9f7ec} tr.removed td{background:#fdecea;color:#8a2b2b}
td.reason{font-family:monospace;white-space:nowrap}
"""


def render_html(counts: CorpusCounts, title: str = "cleanscrape corpus report") -> str:
    """The whole report, self-contained (inline CSS and SVG; no script, no external file)."""
    e = html.escape
    cards = [("records", counts.records), ("kept", counts.kept), ("dropped", sum(counts.dropped.values())),
             ("removed lines", sum(counts.removed_lines.values())),
             ("duplicates", counts.duplicates if counts.deduplicated else "not deduplicated"), ("errors", counts.errors)]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(title)}</h1><p class='sub'>{counts.records} records</p>",
        "<section id='counts'><div class='cards'>",
        *(f"<div class='card' data-count='{e(name)}'><b>{e(str(value))}</b>{e(name)}</div>" for name, value in cards),
        "</div><div class='tables'>",
        _count_table("Dropped records", "dropped", counts.dropped),
        _count_table("Removed lines", "removed-lines", counts.removed_lines,
                     empty="no removed lines listed: clean with --explain to see them"),
        _count_table("Languages", "languages", counts.languages),
        _count_table("Extractors", "extractors", counts.extractors),
        "</div></section><section id='charts' class='charts'>",
    ]
    charts = []
    if counts.removed_lines:
        charts.append(("removed lines by reason", _bar_chart(counts.removed_lines, "Removed lines by reason", "#c0504d")))
    if counts.languages:
        charts.append(("languages", _bar_chart(counts.languages, "Records by language", "#4f9a6e")))
    if counts.word_counts:
        charts.append(("word counts", _histogram(counts.word_counts, "Word count of kept records")))
    if counts.dropped:
        charts.append(("dropped", _bar_chart(counts.dropped, "Dropped records by reason", "#8064a2")))
    parts += [f"<figure data-chart='{e(name)}'>{svg}</figure>" for name, svg in charts]
    parts.append("</section>")
    parts.append(_clusters(counts))
    parts.append(_sample(counts))
    parts.append("</body></html>")
    return "\n".join(parts)


def _count_table(heading: str, name: str, counts: Counter, empty: str = "none") -> str:
    e = html.escape
    if not counts:
        return f"<div><h2>{e(heading)}</h2><p id='{name}'>{e(empty)}</p></div>"
    rows = "".join(f"<tr><td>{e(str(key))}</td><td>{value}</td></tr>" for key, value in counts.most_common())
    return f"<div><h2>{e(heading)}</h2><table id='{name}'><tr><th>{e(name)}</th><th>count</th></tr>{rows}</table></div>"


def _clusters(counts: CorpusCounts) -> str:
    e = html.escape
    if not counts.deduplicated:
        return "<section id='clusters'><h2>Duplicate clusters</h2><p>not deduplicated: clean with --dedup</p></section>"
    largest = sorted(counts.clusters.items(), key=lambda item: (-len(item[1]), item[0]))[:LISTED_CLUSTERS]
    rows = "".join(
        f"<tr><td>{e(representative)}</td><td>{len(members) + 1}</td><td>{e(', '.join(members[:10]))}"
        f"{' ...' if len(members) > 10 else ''}</td></tr>"
        for representative, members in largest
    )
    return (f"<section id='clusters'><h2>Duplicate clusters ({len(counts.clusters)})</h2>"
            f"<table><tr><th>representative</th><th>records</th><th>duplicates</th></tr>{rows}</table></section>")


def _sample(counts: CorpusCounts) -> str:
    e = html.escape
    parts = ["<section id='sample'><h2>Sample pages, line by line</h2>"]
    if not counts.sample:
        parts.append("<p>no record lists its removed lines: clean with --explain</p>")
    for row in counts.sample:
        heading = f"{row['id']} ({row['url'] or row['source'] or ''}; {row['extractor']}, {row['word_count']} words kept)"
        parts.append(f"<h3>{e(heading)}</h3><table class='page'>")
        for number, text, reason in page_lines(row):
            state = "kept" if reason is None else "removed"
            parts.append(f"<tr class='{state}'><td>{'' if number is None else number}</td>"
                         f"<td class='reason'>{e(reason or 'keep')}</td><td>{e(text)}</td></tr>")
        parts.append("</table>")
    parts.append("</section>")
    return "".join(parts)


def write_report(paths: Iterable[str | Path], output: str | Path, errors: int = 0, sample_size: int = SAMPLE_PAGES) -> CorpusCounts:
    counts = count_records(read_records(paths), sample_size)
    counts.errors = errors
    Path(output).write_text(render_html(counts), encoding="utf-8")
    return counts
