"""Site templates learned from many pages: removed-line precision and recall, and text F1, against single-page cleaning.

Six made-up sites, 25 pages each. Every page wraps a different real article
(a gold body from ../shared/data of a page typed "article", English, at
least 150 words) in its site's
template: a menu whose current section is marked, a byline, a view counter
or "last updated" date, newsletter and support boxes written as sentences, a
related list with other articles' titles, a copyright year that varies.
Which line is template and which is article is known by construction.

Line precision and recall compare the removed lines with the template
lines, pooled over pages; precision is low for both ways of cleaning
because the cleaner also drops article lines (lists, references, short
lines at an article's end), counted in "article lines removed". Text F1
compares the clean text with the article (word F1 as WCXB, 4-token shingle
F1 as ScrapingHub, averaged over pages).

Cleaning is scored three ways, on the same pages:

* single-page: ``Cleaner.clean`` on each page alone;
* learn + clean: ``SiteProfile.learn`` over all pages, then ``clean_with_profile``;
* held out: learn on each site's first 20 pages, clean the other 5.

Also checked: a sentence quoted in two articles of one site is kept, and a
site with too few pages (6) is cleaned exactly as single-page cleaning does.

    python benchmarks/site_templates.py [--seed 0] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_articles import Article, load_articles  # noqa: E402

from cleanscrape import Cleaner, CleanerConfig, Record  # noqa: E402
from cleanscrape.corpus import SiteProfile, clean_with_profile  # noqa: E402
from cleanscrape.language import detect  # noqa: E402
from cleanscrape.reasons import SITE_TEMPLATE  # noqa: E402
from cleanscrape.scoring import macro_score, shingle_match, word_prf  # noqa: E402

PAGES_PER_SITE = 25
HELD_OUT = 5
SMALL_SITE_PAGES = 6
MONTHS = "January February March April May June July August September October November December".split()
AUTHORS = ["Jane Roe", "Sam Okafor", "Lena Fischer", "Priya Nair", "Tom Weller", "Ana Souza"]
QUOTE = "“We will rebuild the bridge, whatever it takes and however long it lasts,” the mayor told reporters on Tuesday."


@dataclass(frozen=True)
class Page:
    site: str
    url: str
    lines: list[str]
    template: frozenset[int]  # positions of template lines
    gold: str  # the article, one paragraph per line


def title_of(article: Article) -> str:
    words = article.paragraphs[0].split()[:9]
    return " ".join(words).rstrip(".,;:") or "Untitled"


def date(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2019, 2025)}"


def menu(items: Sequence[str], current: int, separator: str) -> str:
    marked = [f"[{item.upper()}]" if position == current else item for position, item in enumerate(items)]
    return separator.join(marked)


# Each site: (rng, related titles) -> (lines before the article, lines after it).
def daily_ledger(rng: random.Random, related: list[str]) -> tuple[list[str], list[str]]:
    sections = ["Home", "World", "Business", "Tech", "Sport", "Culture"]
    return (
        ["The Daily Ledger", menu(sections, rng.randrange(len(sections)), " | "), "Subscribe | Sign in",
         f"By {rng.choice(AUTHORS)} · {date(rng)}"],
        ["Support independent journalism. Become a member today and read every story without limits.",
         "Sign up for The Morning Brief",
         "The day's most important stories, explained, in your inbox every morning before seven.",
         "More from The Daily Ledger", *related,
         f"© {rng.randint(2019, 2025)} The Daily Ledger Ltd. All rights reserved.", "About us | Contact | Privacy | Terms"],
    )


def green_thumb(rng: random.Random, related: list[str]) -> tuple[list[str], list[str]]:
    return (
        ["GreenThumb Gardening Blog", "• Home", "• Vegetables", "• Flowers", "• Tools", "• About",
         f"Posted on {date(rng)} by {rng.choice(AUTHORS)} · {rng.randint(80, 25000):,} views"],
        ["If you enjoyed this post, please share it with a friend who loves gardening as much as you do.",
         "Recent Posts", *related, "Categories",
         f"Vegetables ({rng.randint(5, 60)})", f"Flowers ({rng.randint(5, 60)})",
         f"Copyright © {rng.randint(2019, 2025)} GreenThumb · Powered by WordPress"],
    )


def dev_notes(rng: random.Random, related: list[str]) -> tuple[list[str], list[str]]:
    return (
        ["DevNotes", "Tutorials  Guides  Reference  Blog  Search",
         f"Last updated: {date(rng)}", f"Reading time: {rng.randint(2, 15)} min"],
        ["Was this page helpful? Yes No", "Found a typo or an error? Edit this page on GitHub and send us a pull request.",
         "Next up", *related[:2], f"DevNotes {rng.randint(2019, 2025)} · Licensed under CC BY 4.0"],
    )


def city_beat(rng: random.Random, related: list[str]) -> tuple[list[str], list[str]]:
    sections = ["News", "Food", "Music", "Events", "Opinion"]
    return (
        ["We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies.",
         "CityBeat", menu(sections, rng.randrange(len(sections)), " · "), f"Trending: {related[0]}"],
        [f"Comments ({rng.randint(0, 120)})", "You must be logged in to post a comment.", "Popular this week", *related[1:],
         f"CityBeat Media © {rng.randint(2019, 2025)}", "Advertise with us · Jobs · Contact the newsroom"],
    )


def wellness_weekly(rng: random.Random, related: list[str]) -> tuple[list[str], list[str]]:
    return (
        ["Wellness Weekly", "Nutrition Fitness Sleep Mind Recipes", "Medically reviewed by our editorial board",
         f"Updated {date(rng)}"],
        ["This article is for informational purposes only and does not replace professional medical advice, diagnosis or treatment.",
         "Related articles", *related,
         "Follow us on Instagram, Facebook and Pinterest", f"© {rng.randint(2019, 2025)} Wellness Weekly Inc."],
    )


def trail_guide(rng: random.Random, related: list[str]) -> tuple[list[str], list[str]]:
    items = ["Home", "Hiking", "Camping", "Gear Reviews", "Deals", "Newsletter"]
    if rng.random() < 0.4:  # a seasonal menu item on some pages
        items.insert(5, "Winter Sale")
    return (
        ["Trail Guide", "  ".join(items), f"{rng.randint(3, 40)} min read · {rng.randint(100, 9000):,} views"],
        ["Gear we mention is chosen by our editors; we may earn a commission when you buy through our links.",
         "You might also like", *related,
         "Join 40,000 hikers who get our weekly trail report.", f"Copyright {rng.randint(2019, 2025)} Trail Guide Media"],
    )


def small_site(rng: random.Random, related: list[str]) -> tuple[list[str], list[str]]:
    return (["Tiny Notes", "Home About Archive"], ["Thanks for reading Tiny Notes.", f"© {rng.randint(2019, 2025)} Tiny Notes"])


SITES: dict[str, Callable[[random.Random, list[str]], tuple[list[str], list[str]]]] = {
    "dailyledger.example": daily_ledger,
    "greenthumb.example": green_thumb,
    "devnotes.example": dev_notes,
    "citybeat.example": city_beat,
    "wellnessweekly.example": wellness_weekly,
    "trailguide.example": trail_guide,
}


def english_articles() -> list[Article]:
    articles = []
    for article in load_articles(min_words=150):
        if article.page_type != "article":
            continue
        guess = detect(article.text[:800], seed=0)
        if guess and guess.code == "en":
            articles.append(article)
    return articles


def build_pages(articles: list[Article], seed: int) -> tuple[list[Page], list[Page]]:
    """Pages of the six sites, and of the small site, each wrapping a different article."""
    rng = random.Random(seed)
    chosen = rng.sample(articles, len(SITES) * PAGES_PER_SITE + SMALL_SITE_PAGES)
    titles = [title_of(article) for article in articles]
    pages, small = [], []
    plan = [(site, PAGES_PER_SITE) for site in SITES] + [("tinynotes.example", SMALL_SITE_PAGES)]
    for site, count in plan:
        wrap = SITES.get(site, small_site)
        for number in range(count):
            article = chosen.pop()
            body = article.paragraphs
            if site == "dailyledger.example" and number in (3, 11):
                body = body[:2] + [QUOTE] + body[2:]  # a quote two articles share: content, not template
            head, foot = wrap(rng, rng.sample(titles, 4))
            lines = [*head, *body, *foot]
            template = frozenset([*range(len(head)), *range(len(head) + len(body), len(lines))])
            page = Page(site, f"https://{site}/{number:03d}/", lines, template, "\n".join(body))
            (small if count == SMALL_SITE_PAGES else pages).append(page)
    return pages, small


def record_for(page: Page) -> dict[str, str]:
    return {"url": page.url, "text": "\n".join(page.lines)}


@dataclass(frozen=True)
class Scores:
    line_precision: float
    line_recall: float
    article_lines_removed: int
    word_f1: float
    shingle_f1: float


def score(pages: Sequence[Page], records: Sequence[Record], reason: str | None = None) -> Scores:
    """Removed lines against template lines (pooled over pages; only lines removed for ``reason`` when given)."""
    removed = true = hits = 0
    for page, record in zip(pages, records):
        lines = {item.line for item in record.removed if reason is None or item.reason == reason}
        removed += len(lines)
        true += len(page.template)
        hits += len(lines & page.template)
    return Scores(
        line_precision=hits / removed if removed else 1.0,
        line_recall=hits / true if true else 1.0,
        article_lines_removed=removed - hits,
        word_f1=statistics.mean(word_prf(page.gold, record.text)[2] for page, record in zip(pages, records)),
        shingle_f1=macro_score(shingle_match(page.gold, record.text) for page, record in zip(pages, records)).f1,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    pages, small = build_pages(english_articles(), args.seed)
    cleaner = Cleaner(CleanerConfig(input_format="text"))
    timer = time.perf_counter()
    single = [cleaner.clean("\n".join(page.lines), url=page.url) for page in pages]
    seconds = {"single-page cleaning": time.perf_counter() - timer}
    timer = time.perf_counter()
    profile = SiteProfile.learn(record_for(page) for page in [*pages, *small])
    seconds["learning"] = time.perf_counter() - timer
    timer = time.perf_counter()
    learned = [clean_with_profile(cleaner, profile, "\n".join(page.lines), url=page.url) for page in pages]
    seconds["cleaning with the profile"] = time.perf_counter() - timer

    learning = [page for page in pages if int(page.url.rstrip("/").rsplit("/", 1)[1]) < PAGES_PER_SITE - HELD_OUT]
    held_out = [page for page in pages if page not in learning]
    partial = SiteProfile.learn(record_for(page) for page in learning)
    held_single = [record for page, record in zip(pages, single) if page in held_out]
    held_learned = [clean_with_profile(cleaner, partial, "\n".join(page.lines), url=page.url) for page in held_out]

    rows = {
        "single-page (Cleaner.clean)": score(pages, single),
        "learn + clean": score(pages, learned),
        f"  of which reason {SITE_TEMPLATE}": score(pages, learned, reason=SITE_TEMPLATE),
        f"held out: single-page ({len(held_out)} pages)": score(held_out, held_single),
        f"held out: learned on {PAGES_PER_SITE - HELD_OUT}/site, clean the rest": score(held_out, held_learned),
    }
    quote_pages = [(page, record) for page, record in zip(pages, learned) if QUOTE in page.lines]
    quotes_kept = sum(QUOTE in record.text.split("\n") for _, record in quote_pages)
    small_same = all(
        clean_with_profile(cleaner, profile, "\n".join(page.lines), url=page.url).to_dict()
        == cleaner.clean("\n".join(page.lines), url=page.url).to_dict()
        for page in small
    )

    print(f"{len(pages)} pages, {len(SITES)} sites x {PAGES_PER_SITE}; profile: {profile!r}")
    print()
    print("| cleaning | line precision | line recall | article lines removed | word F1 | shingle F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, row in rows.items():
        scores = f"{row.line_precision:.3f} | {row.line_recall:.3f} | {row.article_lines_removed}"
        if name.strip().startswith("of which"):
            print(f"| {name} | {scores} | | |")
        else:
            print(f"| {name} | {scores} | {row.word_f1:.3f} | {row.shingle_f1:.3f} |")
    print()
    print(f"quote shared by two articles of one site kept: {quotes_kept} of {len(quote_pages)}")
    print(f"site with {SMALL_SITE_PAGES} pages (below min_site_pages) cleaned exactly as single-page: {small_same}")
    print("time: " + ", ".join(f"{name} {value:.2f} s" for name, value in seconds.items()) + f" ({len(pages)} pages)")
    if args.json:
        result = {
            "pages": len(pages),
            "rows": {name.strip(): row.__dict__ for name, row in rows.items()},
            "quotes_kept": quotes_kept,
            "quote_pages": len(quote_pages),
            "small_site_unchanged": small_same,
            "seconds": seconds,
            "profile": profile.to_dict(),
        }
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
