"""Page metadata against the WCXB gold: title exact-match rate and date accuracy, cleanscrape beside trafilatura.

Both read the same HTML in the same run. A title matches when it equals the
gold title after whitespace is collapsed (case kept); a date is right when its
YYYY-MM-DD equals the gold ``publish_date`` (pages without a gold date count
against a system that gives one anyway, in "dates given where there is none").

    python benchmarks/metadata.py [--limit N] [--jobs 2] [--no-readme]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import DATA, _gunzip  # noqa: E402
from report import replace_section  # noqa: E402

#: cleanscrape's second row reads dates from markup and structured data alone
#: (``html_date_extensive_search=False``).
SYSTEMS = ("cleanscrape", "cleanscrape, no extensive date search", "trafilatura")


def gold_pages(limit: int | None) -> list[dict]:
    import json

    folder = DATA / "wcxb-dev"
    pages = []
    for gold_file in sorted((folder / "ground-truth").glob("*.json"))[:limit]:
        truth = json.loads(gold_file.read_text(encoding="utf-8")).get("ground_truth") or {}
        pages.append({"id": gold_file.stem, "title": truth.get("title"), "date": truth.get("publish_date"),
                      "html": folder / "html" / f"{gold_file.stem}.html.gz"})
    return pages


def found(page: dict) -> dict[str, tuple[str | None, str | None]]:
    """(title, date) by each system for one page (runs in a worker process)."""
    import trafilatura

    from cleanscrape import Cleaner

    html = _gunzip(page["html"])

    def cleanscrape(extensive: bool):
        record = Cleaner(input_format="html", html_date_extensive_search=extensive).clean(html)
        return record.title, record.metadata.date

    def extracted():
        document = trafilatura.bare_extraction(html, deduplicate=False, with_metadata=True)
        return getattr(document, "title", None), getattr(document, "date", None)

    runs = {SYSTEMS[0]: lambda: cleanscrape(True), SYSTEMS[1]: lambda: cleanscrape(False), SYSTEMS[2]: extracted}
    # htmldate keeps caches across calls, so whichever runs first on a page is slower: the order rotates.
    turn = int(page["id"]) % len(SYSTEMS)
    by_system = {}
    for system in SYSTEMS[turn:] + SYSTEMS[:turn]:
        started = time.perf_counter()
        title, date = runs[system]()
        by_system[system] = (title, date, time.perf_counter() - started)
    return by_system


def _warm_up() -> None:
    """Load trafilatura, langdetect's profiles and the rest before the first page is timed."""
    from cleanscrape import Cleaner
    from cleanscrape.batch import warm_up

    warm_up(Cleaner())


def _same_title(found_title: str | None, gold: str | None) -> bool:
    return bool(found_title and gold) and " ".join(found_title.split()) == " ".join(gold.split())


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def score(pages: list[dict], results: list[dict]) -> dict[str, dict[str, float]]:
    with_date = [i for i, page in enumerate(pages) if page["date"]]
    without_date = [i for i, page in enumerate(pages) if not page["date"]]
    table = {}
    for system in SYSTEMS:
        titles = [_same_title(results[i][system][0], pages[i]["title"]) for i in range(len(pages))]
        right = sum(_day(results[i][system][1]) == _day(pages[i]["date"]) for i in with_date)
        spurious = [results[i][system][1] is not None for i in without_date]
        given = sum(results[i][system][1] is not None for i in with_date)
        table[system] = {
            "title_exact": sum(titles) / len(titles),
            "date_accuracy": right / len(with_date) if with_date else 0.0,
            # Of the dates given on pages whose gold has one, the share that is right
            # (a right date is a given one: the gold's day is never None).
            "date_precision": right / given if given else 0.0,
            "date_spurious": sum(spurious) / len(spurious) if spurious else 0.0,
            "ms_per_page": 1000 * sum(result[system][2] for result in results) / len(results),
        }
    table["_counts"] = {"pages": len(pages), "with_date": len(with_date), "without_date": len(without_date)}
    return table


def markdown(table: dict, seconds: float, command: str) -> str:
    counts = table["_counts"]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `{command}` ({seconds:.0f} s): wcxb-dev, "
        f"{counts['pages']} pages ({counts['with_date']} with a gold date).",
        "",
        "| system | title exact match | date accuracy | right where a date is given | date given where the gold has none | ms/page (mean) |",
        "|---|---|---|---|---|---|",
        *(f"| {system} | {table[system]['title_exact']:.3f} | {table[system]['date_accuracy']:.3f} | "
          f"{table[system]['date_precision']:.3f} | {table[system]['date_spurious']:.3f} | {table[system]['ms_per_page']:.1f} |"
          for system in SYSTEMS),
        "",
        "ms/page: cleanscrape's whole cleaning, trafilatura's extraction with metadata; "
        "on each page the systems run in one worker, in an order that rotates from page to page.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    pages = gold_pages(args.limit)
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.jobs, initializer=_warm_up) as pool:
        results = pool.map(found, pages, chunksize=8)
    table = score(pages, results)
    text = markdown(table, time.perf_counter() - started, "python benchmarks/metadata.py")
    print(text)
    if not args.no_readme and args.limit is None:
        replace_section("metadata", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
