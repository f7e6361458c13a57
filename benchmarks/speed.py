"""Cleaning speed on one core, cleanscrape beside trafilatura and jusText, in the same run.

Three page sets:
* the 181 ScrapingHub pages as HTML (cleanscrape's HTML mode, the same with
  ``html_article_precision_min_share=None`` (one trafilatura run per page),
  trafilatura's extract, jusText, and cleanscrape's own trafilatura step
  alone: main content with comments left out, and metadata);
* the same pages rendered to full-page text (cleanscrape's text mode, jusText
  on the lines);
* 20 synthetic 5,000-word pages: real gold article paragraphs wrapped in the
  template of examples/news_page.txt.

Each page is cleaned ``--repeat`` times by each system in turn and each
system's best time kept (the machines are shared; the minimum is the least
disturbed figure). Ratios compare systems on the same pages in this one run.

    python benchmarks/speed.py [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import replace_section  # noqa: E402
from scrapinghub_text import load_pages, render  # noqa: E402

from cleanscrape import Cleaner, CleanerConfig  # noqa: E402
from cleanscrape.baselines import justext_html, justext_text, trafilatura_html  # noqa: E402
from cleanscrape.extract import extract_main_content  # noqa: E402
from cleanscrape.language import detect  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "news_page.txt"
TARGET_WORDS = 5000


def synthetic_pages(gold_bodies: list[str], count: int = 20) -> list[str]:
    """English pages of about TARGET_WORDS words: real paragraphs in a real-looking template."""
    template = EXAMPLE.read_text(encoding="utf-8").split("\n")
    head, tail = template[:10], template[14:]
    english = [body for body in gold_bodies if (guess := detect(body[:800], seed=0)) and guess.code == "en"]
    paragraphs = [p for body in english for p in body.split("\n") if len(p.split()) >= 15]
    pages, cursor = [], 0
    for _ in range(count):
        body, words = [], 0
        while words < TARGET_WORDS - 150:
            paragraph = paragraphs[cursor % len(paragraphs)]
            cursor += 1
            body.append(paragraph)
            words += len(paragraph.split())
        pages.append("\n".join(head + body + tail))
    return pages


def extraction_step(html: str) -> str:
    """trafilatura as cleanscrape calls it (comments out, metadata, the precision mode's second
    run on article pages, the listing check on the page's main region), before any cleaning
    of its own."""
    return extract_main_content(html).text


def best_times(systems: dict[str, Callable[[str], object]], pages: list[str], repeat: int) -> dict[str, list[float]]:
    """Each system's best time per page. Systems take turns on each page, so a
    neighbour's burst on this shared machine slows all of them alike rather
    than whichever system happened to be running; the turn order rotates, so
    no system always runs just after another has warmed trafilatura's caches."""
    names = list(systems)
    best = {name: [float("inf")] * len(pages) for name in names}
    for position, page in enumerate(pages):
        for turn in range(repeat):
            for name in names[turn % len(names):] + names[:turn % len(names)]:
                system = systems[name]
                started = time.perf_counter()
                system(page)
                best[name][position] = min(best[name][position], time.perf_counter() - started)
    return best


def peak_memory_mb(system, pages: list[str]) -> float:
    tracemalloc.start()
    for page in pages:
        system(page)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    args = parser.parse_args(argv)

    loaded = load_pages()
    html_pages = [html for html, _ in loaded.values()]
    text_cleaner = Cleaner(CleanerConfig(input_format="text"))
    html_cleaner = Cleaner(CleanerConfig(input_format="html"))
    # One trafilatura run per page: what an article page's second (precision mode) run costs.
    single_run_cleaner = Cleaner(CleanerConfig(input_format="html", html_article_precision_min_share=None))
    text_systems = {"cleanscrape": text_cleaner.clean, "jusText (lines)": justext_text}
    page_sets = {
        "scrapinghub HTML": (
            html_pages,
            {
                "cleanscrape": html_cleaner.clean,
                "cleanscrape, precision mode off": single_run_cleaner.clean,
                "trafilatura": trafilatura_html,
                "cleanscrape's trafilatura step": extraction_step,
                "jusText": justext_html,
            },
        ),
        "scrapinghub text dumps": ([render(html, "inscriptis") for html in html_pages], text_systems),
        "synthetic 5,000-word pages": (synthetic_pages([gold for _, gold in loaded.values()]), text_systems),
    }
    for pages, systems in page_sets.values():  # load profiles, stop lists and modules before timing
        for system in systems.values():
            system(pages[0])

    results: dict[str, dict] = {}
    table = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python benchmarks/speed.py --repeat {args.repeat}` "
        "(one process, best of the repeats per page).",
        "",
        "| pages | system | pages/s | MB/s | ms/page median | ms/page worst | peak MB (tracemalloc) |",
        "|---|---|---|---|---|---|---|",
    ]
    for set_name, (pages, systems) in page_sets.items():
        words = sum(len(page.split()) for page in pages)
        megabytes = sum(len(page.encode("utf-8")) for page in pages) / 1e6
        print(f"\n{set_name}: {len(pages)} pages, {words / len(pages):,.0f} words per page on average")
        print(f"{'system':<32} {'pages/s':>8} {'MB/s':>6} {'ms/page median':>15} {'ms/page max':>12} {'peak MB':>8}")
        row = {}
        all_times = best_times(systems, pages, args.repeat)
        for name, system in systems.items():
            times = all_times[name]
            total = sum(times)
            row[name] = {
                "pages_per_second": len(pages) / total,
                "mb_per_second": megabytes / total,
                "ms_median": statistics.median(times) * 1000,
                "ms_max": max(times) * 1000,
                "peak_mb": peak_memory_mb(system, pages[:20]),
            }
            r = row[name]
            print(f"{name:<32} {r['pages_per_second']:8.1f} {r['mb_per_second']:6.2f} {r['ms_median']:15.1f} {r['ms_max']:12.1f} {r['peak_mb']:8.1f}")
            table.append(
                f"| {set_name} | {name} | {r['pages_per_second']:.1f} | {r['mb_per_second']:.2f} | {r['ms_median']:.1f} "
                f"| {r['ms_max']:.1f} | {r['peak_mb']:.1f} |"
            )
        ratios = ", ".join(
            f"{row[other]['ms_median'] / row['cleanscrape']['ms_median']:.2f}x {other}'s speed"
            for other in row if other != "cleanscrape"
        )
        print(f"cleanscrape, median page: {ratios}")
        table.append(f"| {set_name} | cleanscrape's speed, median page | {ratios} | | | | |")
        results[set_name] = row
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not args.no_readme:
        replace_section("speed", "\n".join(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
