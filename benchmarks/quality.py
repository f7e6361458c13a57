"""Cleaning quality on real gold data, every system side by side in one run.

Datasets (read from ../shared/data, never copied):
* scrapinghub: 181 article pages, scored with its published method
  (4-token shingles, precision and recall averaged over pages);
* wcxb-dev: 1,497 pages of 7 types, word F1 against ``main_content`` and the
  shares of ``with`` snippets found and ``without`` snippets left in.

Modes: "html" (the page as served) and "text" (the page rendered to full
text with inscriptis, every visible line kept). Systems: cleanscrape,
trafilatura (extract, deduplicate=False), jusText and keeping everything; in
text mode trafilatura and jusText get the lines wrapped as paragraphs.

A full run (no --limit, no --no-readme) writes benchmarks/results/quality.json,
benchmarks/quality.png and the results section of benchmarks/README.md.

    python benchmarks/quality.py [--limit N] [--jobs 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import json
import multiprocessing
import platform
import sys
import time
from collections import defaultdict
from importlib import metadata
from pathlib import Path

from cleanscrape.bench import COMPARED, MODES, GoldPage, cleanscrape_system, score_page, summarize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import replace_section  # noqa: E402
from scrapinghub_text import load_pages  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data"
WCXB_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


def scrapinghub_pages() -> list[GoldPage]:
    return [GoldPage(id=key, gold_text=gold, html=html) for key, (html, gold) in load_pages().items()]


def wcxb_pages() -> list[GoldPage]:
    folder = DATA / "wcxb-dev"
    pages = []
    for gold_file in sorted((folder / "ground-truth").glob("*.json")):
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        truth = data.get("ground_truth") or {}
        page_type = ((data.get("_internal") or {}).get("page_type") or {}).get("primary", "article")
        pages.append(
            GoldPage(
                id=gold_file.stem,
                gold_text=truth.get("main_content") or "",
                html=_gunzip(folder / "html" / f"{gold_file.stem}.html.gz"),
                page_type="collection" if page_type == "category" else page_type,
                with_snippets=tuple(truth.get("with") or ()),
                without_snippets=tuple(truth.get("without") or ()),
            )
        )
    return pages


def _gunzip(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def _extract_all(page: GoldPage) -> dict[str, dict[str, str]]:
    """Every system's output for one page in both modes (runs in a worker process)."""
    # Rendered once here rather than by every system in text mode.
    page = dataclasses.replace(page, text=page.page_text())
    systems = {"cleanscrape": cleanscrape_system(), **COMPARED}
    return {name: {mode: system(page, mode) for mode in MODES} for name, system in systems.items()}


def run(pages: list[GoldPage], jobs: int) -> list[dict[str, dict[str, str]]]:
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        return pool.map(_extract_all, pages, chunksize=4)


def evaluate(name: str, pages: list[GoldPage], outputs: list[dict]) -> dict:
    result: dict = {}
    for system in outputs[0]:
        for mode in MODES:
            scores = [score_page(page, output[system][mode]) for page, output in zip(pages, outputs)]
            row = {"overall": summarize(scores)}
            if pages[0].page_type is not None:
                by_type = defaultdict(list)
                for score in scores:
                    by_type[score.page_type].append(score)
                row["by_type"] = {kind: summarize(by_type[kind]) for kind in WCXB_TYPES if by_type.get(kind)}
            result.setdefault(mode, {})[system] = row
    return result


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("cleanscrape", "trafilatura", "resiliparse", "jusText", "inscriptis", "datasketch", "langdetect"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def markdown(results: dict, meta: dict) -> str:
    lines = [
        f"Measured {meta['date']} by `python benchmarks/quality.py` on {meta['machine']} "
        f"({meta['seconds']:.0f} s, {meta['jobs']} processes). Versions: "
        + ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
        + ".",
        "",
    ]
    metric = {"scrapinghub": ("shingle", "4-token shingle P/R/F1, averaged as published"),
              "wcxb-dev": ("word", "word-level P/R/F1 against main_content, mean over pages")}
    for dataset, by_mode in results.items():
        kind, note = metric[dataset]
        for mode, systems in by_mode.items():
            pages = next(iter(systems.values()))["overall"]["pages"]
            lines += [f"### {dataset}, {mode} input ({pages} pages; {note})", ""]
            extra = " with found | without left |" if dataset == "wcxb-dev" else ""
            lines += [f"| system | precision | recall | F1 |{extra}", "|---|---|---|---|" + ("---|---|" if extra else "")]
            for system, row in systems.items():
                o = row["overall"]
                cells = f"| {system} | {o[kind + '_precision']:.3f} | {o[kind + '_recall']:.3f} | {o[kind + '_f1']:.3f} |"
                if extra:
                    cells += f" {o['with_share']:.3f} | {o['without_share']:.3f} |"
                lines.append(cells)
            lines.append("")
            if dataset == "wcxb-dev":
                kinds = [k for k in WCXB_TYPES if k in next(iter(systems.values()))["by_type"]]
                lines += ["| word F1 by page type | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
                for system, row in systems.items():
                    lines.append(f"| {system} | " + " | ".join(f"{row['by_type'][k]['word_f1']:.3f}" for k in kinds) + " |")
                lines.append("")
    return "\n".join(lines)


def chart(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [(dataset, mode) for dataset in results for mode in results[dataset]]
    figure, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 3.6), sharey=True)
    for axis, (dataset, mode) in zip(axes, panels):
        kind = "shingle" if dataset == "scrapinghub" else "word"
        systems = results[dataset][mode]
        names = list(systems)
        values = [systems[name]["overall"][kind + "_f1"] for name in names]
        bars = axis.bar(range(len(names)), values, color=["#2b6cb0", "#718096", "#a0aec0", "#e2e8f0"][: len(names)])
        axis.bar_label(bars, fmt="%.3f", fontsize=8)
        axis.set_xticks(range(len(names)), names, rotation=30, ha="right", fontsize=8)
        axis.set_title(f"{dataset}, {mode}", fontsize=9)
        axis.set_ylim(0, 1.05)
    axes[0].set_ylabel("F1")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages of each dataset (a quick look)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    results = {}
    for name, loader in (("scrapinghub", scrapinghub_pages), ("wcxb-dev", wcxb_pages)):
        pages = loader()[: args.limit]
        outputs = run(pages, args.jobs)
        results[name] = evaluate(name, pages, outputs)
        print(f"{name}: {len(pages)} pages done after {time.perf_counter() - started:.0f} s", flush=True)
    meta = {
        "date": dt.date.today().isoformat(),
        "seconds": time.perf_counter() - started,
        "jobs": args.jobs,
        "machine": f"{platform.machine()}, {multiprocessing.cpu_count()} cores",
        "versions": versions(),
        "limit": args.limit,
    }
    section = markdown(results, meta)
    print(section)
    # A --limit look must not overwrite the published full-run results.
    if not args.no_readme and args.limit is None:
        (HERE / "results").mkdir(exist_ok=True)
        (HERE / "results" / "quality.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2), encoding="utf-8")
        chart(results, HERE / "quality.png")
        replace_section("quality", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
