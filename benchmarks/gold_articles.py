"""The gold article bodies of both datasets, as material for the corpus benchmarks.

ScrapingHub's ``articleBody`` and WCXB's ``ground_truth.main_content`` are
real article texts, one paragraph per line. Read from ../shared/data; never
copied into the repository.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class Article:
    id: str  # "scrapinghub/<key>" or "wcxb/<NNNN>"
    url: str
    text: str
    page_type: str  # WCXB's primary page type; "article" for every ScrapingHub page

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    @property
    def words(self) -> int:
        return len(self.text.split())


def load_articles(data: Path = DATA, min_words: int = 0) -> list[Article]:
    """Every gold body with at least ``min_words`` words, in id order (of every page type: articles,
    forums, products, documentation ...)."""
    articles = []
    scrapinghub = json.loads((data / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    for key, gold in scrapinghub.items():
        articles.append(Article(f"scrapinghub/{key}", gold.get("url") or "", gold["articleBody"], "article"))
    for path in sorted((data / "wcxb-dev" / "ground-truth").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        body = gold.get("ground_truth", {}).get("main_content")
        page_type = gold.get("_internal", {}).get("page_type", {}).get("primary", "unknown")
        if body:  # a few files hold only snippets, no main content
            articles.append(Article(f"wcxb/{path.stem}", gold.get("url") or "", body, page_type))
    return sorted((a for a in articles if a.words >= min_words), key=lambda a: a.id)
