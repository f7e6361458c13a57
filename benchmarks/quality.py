"""Cleaning quality on real gold data, every system side by side in one run.

Datasets (read from ../shared/data, never copied):
* scrapinghub: 181 article pages, scored with its published method
  (4-token shingles, precision and recall averaged over pages);
* wcxb-dev: 1,497 pages of 7 types, word F1 against ``main_content`` and the
  shares of ``with`` snippets found and ``without`` snippets left in;
* cleaneval-dev: 57 pages of the CleanEval 2007 development set, word P/R/F1
  against the annotators' text.

Word scores are given two ways: F1 of the precision and recall averaged over
pages ("F1 of means", as the text-dump targets are set) and the mean of each
page's F1 (WCXB's own figure).

Modes: "html" (the page as served), "text" (the page rendered to full text
with inscriptis, every visible line kept) and "w3m" (the page as w3m dumped
it: wrapped paragraphs, table borders, padding; ``dumps-w3m/`` beside each
set). Systems: cleanscrape, trafilatura (extract, deduplicate=False), jusText
and keeping everything; on page text trafilatura and jusText get the lines
wrapped as paragraphs. The slowest page of each mode is timed for cleanscrape.

A full run (no --limit, no --no-readme) writes benchmarks/results/quality.json,
benchmarks/quality.png and the results section of benchmarks/README.md.

    python benchmarks/quality.py [--limit N] [--jobs 2]

While developing, a subset runs faster (never written to the README):

    python benchmarks/quality.py --sets cleaneval-dev --modes w3m --systems cleanscrape,keep --every 3
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
from cleanscrape.decoding import decode_page
from cleanscrape.scoring import harmonic_f1

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import replace_section  # noqa: E402
from scrapinghub_text import load_pages  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data"
WCXB_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
#: Every mode of every dataset: the page as served, its inscriptis text, its w3m dump.
QUALITY_MODES = (*MODES, "w3m")
ALL_SYSTEMS = ("cleanscrape", *COMPARED)
DATASETS = ("scrapinghub", "wcxb-dev", "cleaneval-dev")


@dataclasses.dataclass(frozen=True)
class BenchPage:
    """A gold page and its w3m dump."""

    gold: GoldPage
    dump: str


def scrapinghub_pages() -> list[BenchPage]:
    dumps = DATA / "scrapinghub" / "dumps-w3m"
    return [
        BenchPage(GoldPage(id=key, gold_text=gold, html=html), _gunzip(dumps / f"{key}.txt.gz"))
        for key, (html, gold) in load_pages().items()
    ]


def cleaneval_pages() -> list[BenchPage]:
    folder = DATA / "cleaneval-dev"
    pages = []
    for gold_file in sorted((folder / "gold").glob("*.txt"), key=lambda path: int(path.stem)):
        html = decode_page((folder / "html" / f"{gold_file.stem}.html").read_bytes())
        dump = (folder / "dumps-w3m" / gold_file.name).read_text(encoding="utf-8", errors="replace")
        pages.append(BenchPage(GoldPage(id=gold_file.stem, gold_text=gold_file.read_text(encoding="utf-8", errors="replace"), html=html), dump))
    return pages


def wcxb_pages() -> list[BenchPage]:
    folder = DATA / "wcxb-dev"
    pages = []
    for gold_file in sorted((folder / "ground-truth").glob("*.json")):
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        truth = data.get("ground_truth") or {}
        page_type = ((data.get("_internal") or {}).get("page_type") or {}).get("primary", "article")
        gold = GoldPage(
            id=gold_file.stem,
            gold_text=truth.get("main_content") or "",
            html=_gunzip(folder / "html" / f"{gold_file.stem}.html.gz"),
            page_type="collection" if page_type == "category" else page_type,
            with_snippets=tuple(truth.get("with") or ()),
            without_snippets=tuple(truth.get("without") or ()),
        )
        pages.append(BenchPage(gold, _gunzip(folder / "dumps-w3m" / f"{gold_file.stem}.txt.gz")))
    return pages


def _gunzip(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def _warm_up() -> None:
    """Imports (dateutil, datasketch) and langdetect's profiles load before the first timed page."""
    import datasketch  # noqa: F401  (the near-duplicate step's MinHash, with scipy: a second to import)
    import dateutil.parser  # noqa: F401

    page = "By Jane Roe | March 3, 2025\nSign up for our weekly newsletter today\nSign up for our weekly newsletters today\n"
    cleanscrape_system()(GoldPage(id="warm-up", gold_text="", text=page + "A first sentence of the page, read once. " * 20), "text")


@dataclasses.dataclass(frozen=True)
class Job:
    """One page and what to run on it: systems by name, modes."""

    bench: BenchPage
    systems: tuple[str, ...]
    modes: tuple[str, ...]


def _extract_all(job: Job) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    """Every chosen system's output for one page in every chosen mode, and cleanscrape's seconds per mode (runs in a worker)."""
    bench = job.bench
    # Rendered once here rather than by every system in text mode.
    page = dataclasses.replace(bench.gold, text=bench.gold.page_text()) if "text" in job.modes else bench.gold
    dumped = dataclasses.replace(bench.gold, html=None, text=bench.dump)
    systems = {name: system for name, system in {"cleanscrape": cleanscrape_system(), **COMPARED}.items() if name in job.systems}
    outputs: dict[str, dict[str, str]] = {}
    seconds: dict[str, float] = {}
    for name, system in systems.items():
        for mode in job.modes:
            started = time.perf_counter()
            outputs.setdefault(name, {})[mode] = system(dumped, "text") if mode == "w3m" else system(page, mode)
            if name == "cleanscrape":
                seconds[mode] = time.perf_counter() - started
    return outputs, seconds


def run(
    pages: list[BenchPage], jobs: int, systems: tuple[str, ...] = ALL_SYSTEMS, modes: tuple[str, ...] = QUALITY_MODES
) -> list[tuple[dict[str, dict[str, str]], dict[str, float]]]:
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_warm_up) as pool:
        return pool.map(_extract_all, [Job(page, systems, modes) for page in pages], chunksize=4)


def evaluate(name: str, pages: list[GoldPage], outputs: list[dict], seconds: list[dict[str, float]]) -> dict:
    result: dict = {}
    for system in outputs[0]:
        for mode in outputs[0][system]:
            scores = [score_page(page, output[system][mode]) for page, output in zip(pages, outputs)]
            row = {"overall": _with_f1_of_means(summarize(scores))}
            if system == "cleanscrape" and mode in seconds[0]:
                slowest = max(range(len(pages)), key=lambda index: seconds[index][mode])
                row["slowest_page"] = {"id": pages[slowest].id, "seconds": round(seconds[slowest][mode], 3)}
            if pages[0].page_type is not None:
                by_type = defaultdict(list)
                for score in scores:
                    by_type[score.page_type].append(score)
                row["by_type"] = {kind: _with_f1_of_means(summarize(by_type[kind])) for kind in WCXB_TYPES if by_type.get(kind)}
            result.setdefault(mode, {})[system] = row
    return result


def _with_f1_of_means(summary: dict) -> dict:
    """The summary with ``word_f1_of_means``: F1 of the word precision and recall averaged over pages."""
    return {**summary, "word_f1_of_means": harmonic_f1(summary["word_precision"], summary["word_recall"])}


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
              "wcxb-dev": ("word", "word-level P/R against main_content averaged over pages; F1 of means, and mean of page F1 as WCXB gives it"),
              "cleaneval-dev": ("word", "word-level P/R against the annotators' text averaged over pages; F1 of means, and mean of page F1")}
    for dataset, by_mode in results.items():
        kind, note = metric[dataset]
        for mode, systems in by_mode.items():
            pages = next(iter(systems.values()))["overall"]["pages"]
            lines += [f"### {dataset}, {mode} input ({pages} pages; {note})", ""]
            extra = " with found | without left |" if dataset == "wcxb-dev" else ""
            words = kind == "word"
            header = "| system | precision | recall | F1 |" + (" mean page F1 |" if words else "") + extra
            lines += [header, "|" + "---|" * (header.count("|") - 1)]
            for system, row in systems.items():
                o = row["overall"]
                f1 = o["word_f1_of_means"] if words else o[kind + "_f1"]
                cells = f"| {system} | {o[kind + '_precision']:.3f} | {o[kind + '_recall']:.3f} | {f1:.3f} |"
                if words:
                    cells += f" {o['word_f1']:.3f} |"
                if extra:
                    cells += f" {o['with_share']:.3f} | {o['without_share']:.3f} |"
                lines.append(cells)
            slowest = systems.get("cleanscrape", {}).get("slowest_page")
            if slowest:
                lines += ["", f"cleanscrape's slowest page: {slowest['id']}, {slowest['seconds']:.3f} s."]
            lines.append("")
            if dataset == "wcxb-dev":
                kinds = [k for k in WCXB_TYPES if k in next(iter(systems.values()))["by_type"]]
                lines += ["| word F1 of means by page type | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
                for system, row in systems.items():
                    lines.append(f"| {system} | " + " | ".join(f"{row['by_type'][k]['word_f1_of_means']:.3f}" for k in kinds) + " |")
                lines.append("")
    return "\n".join(lines)


def chart(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [(dataset, mode) for dataset in results for mode in results[dataset]]
    columns = len(MODES) + 1
    rows = -(-len(panels) // columns)
    figure, grid = plt.subplots(rows, columns, figsize=(4 * columns, 3.6 * rows), sharey=True, squeeze=False)
    axes = [axis for row in grid for axis in row]
    for axis, (dataset, mode) in zip(axes, panels):
        key = "shingle_f1" if dataset == "scrapinghub" else "word_f1_of_means"
        systems = results[dataset][mode]
        names = list(systems)
        values = [systems[name]["overall"][key] for name in names]
        bars = axis.bar(range(len(names)), values, color=["#2b6cb0", "#718096", "#a0aec0", "#e2e8f0"][: len(names)])
        axis.bar_label(bars, fmt="%.3f", fontsize=8)
        axis.set_xticks(range(len(names)), names, rotation=30, ha="right", fontsize=8)
        axis.set_title(f"{dataset}, {mode}", fontsize=9)
        axis.set_ylim(0, 1.05)
    for row in grid:
        row[0].set_ylabel("F1")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages of each dataset (a quick look)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    parser.add_argument("--sets", default=",".join(DATASETS), help="comma-separated datasets (a subset: a quick look)")
    parser.add_argument("--modes", default=",".join(QUALITY_MODES), help="comma-separated input modes (a subset: a quick look)")
    parser.add_argument("--systems", default=",".join(ALL_SYSTEMS), help="comma-separated systems (a subset: a quick look)")
    parser.add_argument("--every", type=int, default=1, help="only every Nth page of each dataset (a quick look)")
    args = parser.parse_args(argv)
    chosen_sets = tuple(args.sets.split(","))
    modes = tuple(mode for mode in QUALITY_MODES if mode in args.modes.split(","))
    systems = tuple(system for system in ALL_SYSTEMS if system in args.systems.split(","))
    full = chosen_sets == DATASETS and modes == QUALITY_MODES and systems == ALL_SYSTEMS and args.every == 1 and args.limit is None

    started = time.perf_counter()
    results = {}
    for name, loader in (("scrapinghub", scrapinghub_pages), ("wcxb-dev", wcxb_pages), ("cleaneval-dev", cleaneval_pages)):
        if name not in chosen_sets:
            continue
        pages = loader()[: args.limit][:: args.every]
        outputs = run(pages, args.jobs, systems, modes)
        results[name] = evaluate(name, [page.gold for page in pages], [out for out, _ in outputs], [sec for _, sec in outputs])
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
    # A quick look (--limit, a subset) must not overwrite the published full-run results.
    if not args.no_readme and full:
        (HERE / "results").mkdir(exist_ok=True)
        (HERE / "results" / "quality.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2), encoding="utf-8")
        chart(results, HERE / "quality.png")
        replace_section("quality", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
