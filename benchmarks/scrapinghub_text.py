"""Cleaning quality on ScrapingHub article pages rendered to full-page text.

Every page of ../shared/data/scrapinghub is rendered to text (every visible
line kept), then cleaned by each system in the same run, and scored with the
benchmark's own method (4-token shingles, macro precision and recall).

    python benchmarks/scrapinghub_text.py [--renderer inscriptis|html_text] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.baselines import justext_text
from cleanscrape.scoring import macro_score, shingle_match

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "scrapinghub"


def load_pages(data: Path = DATA) -> dict[str, tuple[str, str]]:
    """{id: (html, gold article body)} in id order."""
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return {
        key: (gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace"), gold[key]["articleBody"])
        for key in sorted(gold)
    }


def render(html: str, renderer: str) -> str:
    if renderer == "inscriptis":
        from inscriptis import get_text

        return get_text(html)
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renderer", choices=["inscriptis", "html_text"], default="inscriptis")
    parser.add_argument("--json", type=Path, help="write the scores here")
    args = parser.parse_args(argv)

    pages = load_pages()
    texts = {key: render(html, args.renderer) for key, (html, _) in pages.items()}
    cleaner = Cleaner(CleanerConfig(input_format="text"))
    systems = {
        "keep everything": lambda text: text,
        "jusText (lines)": justext_text,
        "cleanscrape": lambda text: cleaner.clean(text).text,
    }
    results = {}
    print(f"ScrapingHub, {len(pages)} pages as {args.renderer} text dumps")
    print(f"{'system':<18} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/page':>8}")
    for name, system in systems.items():
        started = time.perf_counter()
        outputs = {key: system(text) for key, text in texts.items()}
        elapsed = (time.perf_counter() - started) / len(texts) * 1000
        score = macro_score(shingle_match(pages[key][1], outputs[key]) for key in pages)
        results[name] = {"precision": score.precision, "recall": score.recall, "f1": score.f1, "ms_per_page": elapsed}
        print(f"{name:<18} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f} {elapsed:8.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
