"""Cleaning speed on one core, cleanscrape beside trafilatura and jusText, in the same run.

Page sets:
* the 181 ScrapingHub pages as HTML (cleanscrape's HTML mode, the same with
  ``html_article_precision_min_share=None`` (one trafilatura run per page),
  ``trafilatura.extract`` with and without metadata, jusText, and cleanscrape's
  own trafilatura step alone: main content with comments left out, and metadata);
* WCXB dev pages as HTML (every ``--wcxb-html-every``-th page: cleanscrape's HTML
  mode against ``trafilatura.extract(..., with_metadata=True)``);
* the w3m dumps of ScrapingHub and of WCXB dev (cleanscrape's text mode, jusText
  on the lines as paragraphs with each page's stop list);
* 20 synthetic 5,000-word pages: real gold article paragraphs wrapped in the
  template of examples/news_page.txt;
* start-up: ``cleanscrape clean page.html -q`` against ``trafilatura -i page.html`` (its
  start-up alone: ``-i`` reads a list of URLs) and ``trafilatura < page.html`` (one page
  extracted) on one page, each a fresh process (best of ``--startup-repeat``).

Each page is cleaned ``--repeat`` times by each system in turn and each
system's best time kept (the machines are shared; the minimum is the least
disturbed figure). Ratios compare systems on the same pages in this one run.
The 1-minute load average before and after the run is printed with the table.

    python benchmarks/speed.py [--repeat 3] [--wcxb-html-every 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
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
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
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


def trafilatura_with_metadata(html: str) -> object:
    """trafilatura's main content and metadata: the same kind of output as a cleanscrape record."""
    import trafilatura

    return trafilatura.extract(html, deduplicate=False, with_metadata=True)


def _gunzip(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def scrapinghub_dumps(keys: list[str]) -> list[str]:
    return [_gunzip(DATA / "scrapinghub" / "dumps-w3m" / f"{key}.txt.gz") for key in keys]


def wcxb_ids() -> list[str]:
    return sorted(path.stem for path in (DATA / "wcxb-dev" / "ground-truth").glob("*.json"))


def wcxb_html(ids: list[str]) -> list[str]:
    return [_gunzip(DATA / "wcxb-dev" / "html" / f"{key}.html.gz") for key in ids]


def wcxb_dumps(ids: list[str]) -> list[str]:
    return [_gunzip(DATA / "wcxb-dev" / "dumps-w3m" / f"{key}.txt.gz") for key in ids]


def startup_seconds(page: Path, repeat: int) -> dict[str, float]:
    """Best wall time of a fresh process cleaning one page, each command in turn.

    ``trafilatura -i FILE`` reads FILE as a list of URLs to download (it logs "Discarding
    URL" for each line of a page and extracts nothing), so it times trafilatura's start-up
    alone; ``trafilatura < FILE`` extracts the page, as ``cleanscrape clean FILE`` does."""
    trafilatura_script = shutil.which("trafilatura", path=str(Path(sys.executable).parent)) or shutil.which("trafilatura")
    commands = {
        "cleanscrape clean page.html -q": ([sys.executable, "-m", "cleanscrape", "clean", str(page), "-q"], False),
        "trafilatura -i page.html": ([sys.executable, trafilatura_script, "-i", str(page)], False),
        "trafilatura < page.html": ([sys.executable, trafilatura_script], True),
    }
    best = {name: float("inf") for name in commands}
    for _ in range(repeat):
        for name, (command, page_on_stdin) in commands.items():
            with page.open("rb") as stdin:
                started = time.perf_counter()
                subprocess.run(command, stdin=stdin if page_on_stdin else subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                best[name] = min(best[name], time.perf_counter() - started)
    return best


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
    parser.add_argument("--wcxb-html-every", type=int, default=5, help="time every N-th WCXB dev page in HTML mode")
    parser.add_argument("--wcxb-text-every", type=int, default=1, help="time every N-th WCXB dev w3m dump")
    parser.add_argument("--startup-repeat", type=int, default=5)
    parser.add_argument("--sets", help="comma-separated page set names to run (default: all), 'start-up' included")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]

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
                "trafilatura with metadata": trafilatura_with_metadata,
                "cleanscrape's trafilatura step": extraction_step,
                "jusText": justext_html,
            },
        ),
        "wcxb-dev HTML": (
            wcxb_html(wcxb_ids()[::args.wcxb_html_every]),
            {"cleanscrape": html_cleaner.clean, "trafilatura with metadata": trafilatura_with_metadata},
        ),
        "scrapinghub w3m dumps": (scrapinghub_dumps(list(loaded)), text_systems),
        "wcxb-dev w3m dumps": (wcxb_dumps(wcxb_ids()[::args.wcxb_text_every]), text_systems),
        "scrapinghub text dumps (inscriptis)": ([render(html, "inscriptis") for html in html_pages], text_systems),
        "synthetic 5,000-word pages": (synthetic_pages([gold for _, gold in loaded.values()]), text_systems),
    }
    chosen = set(args.sets.split(",")) if args.sets else None
    if chosen is not None:
        page_sets = {name: page_set for name, page_set in page_sets.items() if name in chosen}
    for pages, systems in page_sets.values():  # load profiles, stop lists and modules before timing
        for system in systems.values():
            system(pages[0])

    results: dict[str, dict] = {}
    table = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python benchmarks/speed.py --repeat {args.repeat} "
        f"--wcxb-html-every {args.wcxb_html_every} --wcxb-text-every {args.wcxb_text_every}` "
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
        throughput = ", ".join(
            f"{row['cleanscrape']['pages_per_second'] / row[other]['pages_per_second']:.2f}x {other}'s"
            for other in row if other != "cleanscrape"
        )
        print(f"cleanscrape, pages per second: {throughput}")
        table.append(f"| {set_name} | cleanscrape's pages per second | {throughput} | | | | |")
        results[set_name] = row
    if chosen is None or "start-up" in chosen:
        with_page = Path(os.environ.get("TMPDIR", "/tmp")) / f"cleanscrape-speed-{os.getpid()}.html"
        with_page.write_text(html_pages[0], encoding="utf-8")
        try:
            startup = startup_seconds(with_page, args.startup_repeat)
        finally:
            with_page.unlink()
        names = list(startup)
        results["start-up"] = startup
        print("\nstart-up, one page: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in startup.items()))
        table.append("")
        table.append(
            f"Start-up, one ScrapingHub page, fresh process each, best of {args.startup_repeat}: "
            + ", ".join(f"`{name}` {seconds:.2f} s" for name, seconds in startup.items())
            + "; cleanscrape's time is " + " and ".join(f"{startup[names[0]] / startup[name]:.2f}x `{name}`'s" for name in names[1:])
            + " (`-i` reads the file as a list of URLs and extracts nothing: trafilatura's start-up alone)."
        )
    load_after = os.getloadavg()[0]
    table.append(f"1-minute load average {load_before:.1f} before the run, {load_after:.1f} after (2 cores).")
    print(table[-1])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not args.no_readme:
        replace_section("speed", "\n".join(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
