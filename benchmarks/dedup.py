"""Near-duplicate documents: pair precision and recall on edited copies of real articles, and speed at scale.

The corpus: every gold article body of ../shared/data (ScrapingHub and WCXB,
at least ``--min-words`` words; articles that already overlap another by
5-word-shingle Jaccard >= 0.5 are left out, so that the only duplicates are
the ones made here). Each run holds every article once and one copy of each,
made one way:

* ``words R``        R of the words (1%, 3%, 5%, 10%, 20%) inserted, deleted or
                     substituted, at places spread evenly at random over the text;
* ``words R + moved`` the same edits, a quarter of the paragraphs swapped, and
                     the article inside another site's header and footer;
* ``exact``, ``reorder``, ``template``: no word edit, one change alone.

and ``mashup`` documents (the first half of one article's words, the second half of
another's, from the same site where it has one) as hard negatives. A pair is
true when both are copies of one article. Pairs of distinct articles from one
site (WCXB's metadata.json domain, else the URL host) are the negatives that
matter most: same topic, same house style, same boilerplate.

    python benchmarks/dedup.py [--threshold T] [--shingle-words N] [--seed 0] [--json out.json]
    python benchmarks/dedup.py --scale 100000 [--jobs 2]   # signs in 2 processes by default; ~3 KB documents, 10% edited copies (1-5% of words)
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_articles import DATA, Article, load_articles  # noqa: E402

from cleanscrape.corpus import DedupConfig, find_duplicates  # noqa: E402
from cleanscrape.corpus import dedup as corpus_dedup  # noqa: E402
from cleanscrape.corpus.signatures import document_shingles, line_tokens  # noqa: E402

#: Share of the words edited in the copies; the acceptance range is 1-5%.
EDIT_RATES = (0.01, 0.03, 0.05, 0.10, 0.20)
#: Shingle size of the fixed overlap filter (what "distinct articles" means here, whatever the scheme measured).
FILTER_SHINGLE_WORDS = 5
FILLER = (
    "the a of and new local more report said also very today year people city work first last week time "
    "government company market group team state world million public school home water police court"
).split()
TEMPLATES = (
    (
        ["The Daily Ledger", "Home | World | Business | Tech | Sport | Culture", "Subscribe | Sign in"],
        ["Share this article", "Facebook Twitter LinkedIn Email", "© 2024 The Daily Ledger. All rights reserved.", "Privacy Policy | Terms of Use | Cookies"],
    ),
    (
        ["Riverside Post", "News Opinion Sport Culture Video"],
        ["Sign up for our newsletter", "Get the best stories in your inbox every morning.", "Copyright 2025 Riverside Media Group"],
    ),
    (
        ["MENU", "Search", "Northern Courier — independent since 1902"],
        ["Related topics: Economy, Politics", "Read more from the Northern Courier", "Contact us · Advertise · Careers"],
    ),
    (
        ["Syndicated by Wire Partners"],
        ["This story was originally published elsewhere and is republished with permission.", "Wire Partners © 2023"],
    ),
)


def shingle_set(text: str, size: int) -> frozenset[bytes]:
    return frozenset(document_shingles(line_tokens(text), size))


def jaccard(first: frozenset, second: frozenset) -> float:
    union = len(first | second)
    return len(first & second) / union if union else 1.0


def containment(first: frozenset, second: frozenset) -> float:
    """Shared shingles over the smaller set's."""
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 1.0


def distinct_articles(articles: list[Article], size: int = FILTER_SHINGLE_WORDS, limit: float = 0.5) -> list[Article]:
    """Articles in id order, leaving out any whose shingle Jaccard with a kept one reaches ``limit``."""
    sets = [shingle_set(article.text, size) for article in articles]
    postings: dict[bytes, list[int]] = defaultdict(list)
    for index, shingles in enumerate(sets):
        for shingle in shingles:
            postings[shingle].append(index)
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for holders in postings.values():
        for pair in itertools.combinations(holders, 2):
            overlap[pair] += 1
    dropped = set()
    for (first, second), shared in sorted(overlap.items()):
        if first not in dropped and shared / (len(sets[first]) + len(sets[second]) - shared) >= limit:
            dropped.add(second)
    return [article for index, article in enumerate(articles) if index not in dropped]


def article_sites(articles: Iterable[Article], data: Path = DATA) -> dict[str, str]:
    """Article id -> its site: WCXB's metadata domain, else the URL's host without ``www.``."""
    domains = {}
    metadata = data / "wcxb-dev" / "metadata.json"
    if metadata.exists():
        domains = {f"wcxb/{key}": entry.get("domain") for key, entry in json.loads(metadata.read_text(encoding="utf-8"))["files"].items()}
    sites = {}
    for article in articles:
        site = domains.get(article.id) or (urlsplit(article.url).hostname or "")
        sites[article.id] = site.removeprefix("www.") or article.id
    return sites


def edit_words(paragraphs: list[str], rate: float, rng: random.Random) -> list[str]:
    """Insert, delete or substitute ``rate`` of the words, each at a word picked uniformly over the whole text."""
    lines = [paragraph.split() for paragraph in paragraphs]
    for _ in range(max(1, round(sum(map(len, lines)) * rate))):
        # A line weighted by its words, then a word in it: a word picked uniformly over the text.
        words = rng.choices(lines, weights=[len(words) for words in lines])[0]
        position = rng.randrange(len(words))
        action = rng.choice(("insert", "delete", "substitute"))
        if action == "insert":
            words.insert(position, rng.choice(FILLER))
        elif action == "delete" and sum(map(len, lines)) > 1:
            del words[position]
        else:
            words[position] = rng.choice(FILLER)
    return [" ".join(words) for words in lines if words]


def reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    moved = list(paragraphs)
    for _ in range(max(1, len(moved) // 4)):
        first, second = rng.randrange(len(moved)), rng.randrange(len(moved))
        moved[first], moved[second] = moved[second], moved[first]
    return moved


def in_template(paragraphs: list[str], rng: random.Random) -> list[str]:
    head, foot = rng.choice(TEMPLATES)
    return [*head, *paragraphs, *foot]


def variant(paragraphs: list[str], kind: str, rate: float, rng: random.Random) -> list[str]:
    """A copy: ``kind`` is "exact", "words", "reorder", "template" or "moved" (words, reorder and template)."""
    if kind == "exact":
        return list(paragraphs)
    if kind == "reorder":
        return reorder(paragraphs, rng)
    if kind == "template":
        return in_template(paragraphs, rng)
    edited = edit_words(paragraphs, rate, rng)
    if kind == "words":
        return edited
    return in_template(reorder(edited, rng), rng)


def half(paragraphs: list[str], first: bool) -> list[str]:
    """The first (or second) half of the words, cut mid-paragraph if need be, line breaks kept."""
    total = sum(len(paragraph.split()) for paragraph in paragraphs)
    kept, seen = [], 0
    for paragraph in paragraphs:
        words = paragraph.split()
        cut = min(max(total // 2 - seen, 0), len(words))
        part = words[:cut] if first else words[cut:]
        seen += len(words)
        if part:
            kept.append(" ".join(part))
    return kept


def mashups(articles: list[Article], sites: dict[str, str], rng: random.Random) -> list[dict]:
    """First half of one article's words and second half of another's, from the same site where it has two.

    No article gives more than one half, so two mashups never share text.
    """
    by_site: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_site[sites[article.id]].append(article)
    used: set[str] = set()
    documents = []
    for first in rng.sample(articles, len(articles) // 5):
        if first.id in used:
            continue
        neighbours = [a for a in by_site[sites[first.id]] if a.id != first.id and a.id not in used]
        second = rng.choice(neighbours or [a for a in articles if a.id != first.id and a.id not in used])
        used.update((first.id, second.id))
        text = "\n".join(half(first.paragraphs, True) + half(second.paragraphs, False))
        documents.append({"id": f"mashup/{len(documents)}", "text": text})
    return documents


def pairs_within(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {pair for members in groups for pair in itertools.combinations(sorted(members), 2)}


def grouped(assignment: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for id, key in assignment.items():
        groups[key].append(id)
    return list(groups.values())


def precision_recall(predicted: set, true: set) -> tuple[float, float]:
    hits = len(predicted & true)
    return (hits / len(predicted) if predicted else 1.0), (hits / len(true) if true else 1.0)


def current_rss_mb() -> float | None:
    """Resident memory now (Linux only; None elsewhere)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return None


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child (Linux reports KiB)."""
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user + system) of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@contextlib.contextmanager
def timed_stages(stages: dict[str, float]) -> Iterator[None]:
    """Wall time of find_duplicates' stages (signing, LSH), by timing the functions it calls."""
    originals = {"signing": ("_sign_records", corpus_dedup._sign_records), "lsh": ("similar_pairs", corpus_dedup.similar_pairs)}

    def timing(stage: str, function):
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - started
        return run

    for stage, (name, function) in originals.items():
        setattr(corpus_dedup, name, timing(stage, function))
    try:
        yield
    finally:
        for name, function in originals.values():
            setattr(corpus_dedup, name, function)


def quality_runs() -> list[tuple[str, str, float]]:
    """(name, kind, edit rate) of each run."""
    runs = [(kind, kind, 0.0) for kind in ("exact", "reorder", "template")]
    for rate in EDIT_RATES:
        runs.append((f"words {rate:.0%}", "words", rate))
        runs.append((f"words {rate:.0%} + moved", "moved", rate))
    return runs


def quality_run(args: argparse.Namespace, config: DedupConfig) -> dict:
    size = config.scheme.shingle_words
    distinct = distinct_articles(load_articles(min_words=args.min_words))
    sites = article_sites(distinct)
    originals = [{"id": f"{article.id}#0", "text": "\n".join(article.paragraphs)} for article in distinct]
    site_pairs = {
        pair for members in grouped({f"{a.id}#0": sites[a.id] for a in distinct}) for pair in itertools.combinations(sorted(members), 2)
    }
    sets = {document["id"]: shingle_set(document["text"], size) for document in originals}
    rows, seconds = [], 0.0
    joined_site_pairs: set[tuple[str, str]] = set()
    mashups_joined = mashup_total = 0
    for number, (name, kind, rate) in enumerate(quality_runs()):
        rng = random.Random(args.seed * 1000 + number)
        copies = [{"id": f"{a.id}#1", "text": "\n".join(variant(a.paragraphs, kind, rate, rng))} for a in distinct]
        negatives = mashups(distinct, sites, rng)
        documents = [*originals, *copies, *negatives]
        started = time.perf_counter()
        clusters = find_duplicates(documents, config, jobs=args.jobs)
        seconds += time.perf_counter() - started
        predicted = pairs_within(grouped(dict(clusters.cluster_of)))
        true = {(f"{a.id}#0", f"{a.id}#1") for a in distinct}
        precision, recall = precision_recall(predicted, true)
        among_articles = {pair for pair in predicted if not any(id.startswith("mashup/") for id in pair)}
        joined_site_pairs |= predicted & site_pairs
        paired = {id for pair in predicted for id in pair}
        mashups_joined += sum(d["id"] in paired for d in negatives)
        mashup_total += len(negatives)
        copy_sets = {d["id"]: shingle_set(d["text"], size) for d in copies}
        similarity = sorted(jaccard(sets[f"{a.id}#0"], copy_sets[f"{a.id}#1"]) for a in distinct)
        contained = sorted(containment(sets[f"{a.id}#0"], copy_sets[f"{a.id}#1"]) for a in distinct)
        rows.append({
            "copies": name, "kind": kind, "edit_rate": rate, "true_pairs": len(true), "predicted_pairs": len(predicted),
            "precision": precision, "recall": recall, "precision_without_mashups": precision_recall(among_articles, true)[0],
            "jaccard_p02": similarity[len(similarity) // 50], "jaccard_median": statistics.median(similarity),
            "containment_p02": contained[len(contained) // 50],
            "false_pairs": sorted(predicted - true)[:5], "missed": sorted(true - predicted)[:5],
        })
    # The articles alone: a same-site pair joined here is joined by the scheme, not through a copy or a mashup.
    alone = find_duplicates(originals, config, jobs=args.jobs)
    joined_alone = pairs_within(grouped(dict(alone.cluster_of))) & site_pairs
    site_similarity = sorted(jaccard(sets[a], sets[b]) for a, b in site_pairs)
    return {
        "articles": len(distinct),
        "sites_with_two_or_more": sum(1 for members in grouped({a.id: sites[a.id] for a in distinct}) if len(members) > 1),
        "seconds": seconds,
        "summary": {k: v for k, v in clusters.summary().items() if k not in ("records", "duplicates", "clusters", "similar_pairs", "exact_duplicates")},
        "runs": rows,
        "same_site_pairs": len(site_pairs),
        "same_site_pairs_joined": len(joined_site_pairs),
        "same_site_pairs_joined_alone": len(joined_alone),
        "same_site_examples": sorted(joined_site_pairs)[:10],
        "same_site_jaccard_max": site_similarity[-1] if site_similarity else None,
        "same_site_jaccard_p999": site_similarity[int(len(site_similarity) * 0.999)] if site_similarity else None,
        "mashups": mashup_total,
        "mashups_joined": mashups_joined,
    }


def scale_corpus(count: int, paragraphs: list[str], seed: int, copy_share: float = 0.1, chars: int = 3000) -> Iterator[dict]:
    """``count`` documents of about ``chars`` characters of real paragraphs; ``copy_share`` of them edited copies
    of earlier ones (1-5% of the words edited; half also moved around and in a template).

    Each document is made when it is read, from its list of paragraph numbers,
    so the corpus never sits in memory.
    """
    rng = random.Random(seed)
    plans: list[tuple[int, ...]] = []
    for number in range(count):
        if plans and rng.random() < copy_share:
            original = rng.randrange(len(plans))
            plans.append(plans[original])
            text = [paragraphs[p] for p in plans[original]]
            kind = rng.choice(("words", "moved", "exact", "reorder", "template"))
            yield {"id": f"doc{number:07d}", "text": "\n".join(variant(text, kind, rng.uniform(0.01, 0.05), rng)),
                   "copy_of": f"doc{original:07d}"}
            continue
        plan, size = [], 0
        while size < chars:
            plan.append(rng.randrange(len(paragraphs)))
            size += len(paragraphs[plan[-1]]) + 1
        plans.append(tuple(plan))
        yield {"id": f"doc{number:07d}", "text": "\n".join(paragraphs[p] for p in plan), "copy_of": None}


def scale_run(args: argparse.Namespace, config: DedupConfig) -> dict:
    # Distinct paragraphs of 80-1,000 characters: a document is then several
    # of them, and two random documents never share most of their text.
    paragraphs = sorted({p for article in load_articles(min_words=args.min_words) for p in article.paragraphs if 80 <= len(p) <= 1000})
    started = time.perf_counter()
    generated = sum(len(document["text"]) for document in scale_corpus(args.scale, paragraphs, args.seed))
    generating = time.perf_counter() - started

    origins: dict[str, str] = {}

    def documents() -> Iterator[dict]:
        for document in scale_corpus(args.scale, paragraphs, args.seed):
            origin = document["copy_of"]
            origins[document["id"]] = origins.get(origin, origin) if origin else document["id"]
            yield document

    before = current_rss_mb()
    stages: dict[str, float] = {}
    cpu_before = cpu_seconds()
    load_before = os.getloadavg()
    started = time.perf_counter()
    with timed_stages(stages):
        clusters = find_duplicates(documents(), config, jobs=args.jobs)
    elapsed = time.perf_counter() - started
    cpu_main, cpu_workers = (after - earlier for after, earlier in zip(cpu_seconds(), cpu_before))
    own, child = peak_rss_mb()
    # Copies of the same origin are true pairs; random paragraph mixes may also share a paragraph or two.
    precision, recall = precision_recall(pairs_within(grouped(dict(clusters.cluster_of))), pairs_within(grouped(origins)))
    return {
        "documents": args.scale,
        "mean_kb": generated / args.scale / 1000,
        "jobs": args.jobs,
        "seconds": elapsed,
        "of_which_generating_seconds": generating,
        "docs_per_second": args.scale / elapsed,
        "rss_mb_before": before,
        "peak_rss_mb_main": own,
        "peak_rss_mb_largest_worker": child,
        # Main process at its peak plus every worker at the largest one's: a bound on the whole run's memory.
        "peak_rss_mb_bound_all": own + child * args.jobs,
        "stage_seconds": {
            "signing (documents made on the fly, exact digests)": stages.get("signing", 0.0),
            "LSH bands and candidate checks": stages.get("lsh", 0.0),
            "exact groups, clusters": elapsed - stages.get("signing", 0.0) - stages.get("lsh", 0.0),
        },
        "cpu_seconds_main": cpu_main,
        "cpu_seconds_workers": cpu_workers,
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "summary": clusters.summary(),
        "pair_precision": precision,
        "pair_recall": recall,
    }


def print_quality(result: dict) -> None:
    summary = result["summary"]
    signature = summary["signature"]
    print(
        f"{result['articles']} articles ({result['sites_with_two_or_more']} sites with two or more), one copy each per run; "
        f"threshold {summary['threshold']}, {summary['bands']} bands x {summary['rows']} rows, "
        f"{signature['num_perm']} permutations, {signature['shingle_words']}-word shingles; {result['seconds']:.1f} s of dedup"
    )
    print()
    print("| copies | true pairs | predicted pairs | precision | precision, mashups aside | recall | exact Jaccard p2 / median | containment p2 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in result["runs"]:
        print(
            f"| {row['copies']} | {row['true_pairs']} | {row['predicted_pairs']} | {row['precision']:.3f} "
            f"| {row['precision_without_mashups']:.3f} | {row['recall']:.3f} "
            f"| {row['jaccard_p02']:.2f} / {row['jaccard_median']:.2f} | {row['containment_p02']:.2f} |"
        )
    print()
    joined, total = result["same_site_pairs_joined"], result["same_site_pairs"]
    print(
        f"distinct articles of one site: {total} pairs; {result['same_site_pairs_joined_alone']} joined when the articles are "
        f"deduplicated alone, {joined} in a cluster in any run above (through a copy or a mashup too) "
        f"(kept apart: {1 - joined / total if total else 1:.4f}); their exact Jaccard: max {result['same_site_jaccard_max']:.2f}, "
        f"99.9th percentile {result['same_site_jaccard_p999']:.2f}"
    )
    print(f"mashups (hard negatives) put in a cluster: {result['mashups_joined']} of {result['mashups']}")


def print_scale(result: dict) -> None:
    print("| documents | mean size | jobs | seconds | docs/s | peak RSS main | peak RSS worker | duplicates | pair P | pair R |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {result['documents']} | {result['mean_kb']:.1f} KB | {result['jobs']} | {result['seconds']:.1f} "
        f"| {result['docs_per_second']:.0f} | {result['peak_rss_mb_main']:.0f} MB | {result['peak_rss_mb_largest_worker']:.0f} MB "
        f"| {result['summary']['duplicates']} | {result['pair_precision']:.3f} | {result['pair_recall']:.3f} |"
    )
    print(f"(the time includes making the documents on the fly: {result['of_which_generating_seconds']:.1f} s alone; "
          f"the main process held {result['rss_mb_before'] or float('nan'):.0f} MB before deduplicating)")
    print("stages: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result["stage_seconds"].items())
          + f"; CPU: main {result['cpu_seconds_main']:.1f} s, workers {result['cpu_seconds_workers']:.1f} s"
          + f"; peak RSS main + {result['jobs']} x largest worker <= {result['peak_rss_mb_bound_all']:.0f} MB"
          + "; load average (1, 5, 15 min) before: " + " ".join(f"{load:.1f}" for load in result["load_average_before"])
          + ", after: " + " ".join(f"{load:.1f}" for load in result["load_average_after"]))


def main() -> None:
    defaults = DedupConfig()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, default=defaults.threshold)
    parser.add_argument("--num-perm", type=int, default=defaults.scheme.num_perm)
    parser.add_argument("--shingle-words", type=int, default=defaults.scheme.shingle_words)
    parser.add_argument("--bands", type=int, default=None, help="with --rows: the LSH layout (default: derived)")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--min-words", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="signing processes (default: 2 cores)")
    parser.add_argument("--scale", type=int, default=0, help="run the speed test on this many ~3 KB documents")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    config = defaults.replace(threshold=args.threshold, num_perm=args.num_perm, shingle_words=args.shingle_words)
    if args.bands or args.rows:
        config = config.replace(bands=args.bands, rows=args.rows)
    if args.scale:
        result = scale_run(args, config)
        print_scale(result)
    else:
        result = quality_run(args, config)
        print_quality(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
