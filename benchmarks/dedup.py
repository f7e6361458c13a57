"""Near-duplicate documents: pair precision and recall on an edited corpus of real articles, and speed at scale.

The corpus: every gold article body of ../shared/data (ScrapingHub and WCXB,
at least ``--min-words`` words; articles that already overlap another by
shingle Jaccard >= 0.5 are left out, so that the only duplicates are the ones
made here). About 60% of the articles get one to three copies with
controlled edits:

* ``exact``    the same text;
* ``words``    word insertions, deletions and substitutions (0.5-2% of the words);
* ``reorder``  paragraphs moved;
* ``template`` the article inside another site's header and footer;
* ``mixed``    all three, with lighter word edits (0.5-1.5%).

``mashup`` documents (the first half of one article, the second half of
another) are hard negatives: they share a third of their shingles with each.
Pairs are scored against two truths: copies of the same article
(provenance), and pairs whose exact shingle-set Jaccard similarity reaches
the threshold.

    python benchmarks/dedup.py [--threshold 0.8] [--seed 0] [--jobs 1] [--json out.json]
    python benchmarks/dedup.py --scale 100000 [--jobs 2]   # ~3 KB documents, 10% edited copies
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_articles import Article, load_articles  # noqa: E402

from cleanscrape.corpus import DedupConfig, find_duplicates  # noqa: E402
from cleanscrape.corpus.signatures import document_shingles, line_tokens  # noqa: E402

KINDS = ("exact", "words", "reorder", "template", "mixed")
FILLER = "the a of and new local more report said also very today year people city work".split()
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


def distinct_articles(articles: list[Article], size: int, limit: float = 0.5) -> list[Article]:
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


def edit_words(paragraphs: list[str], rate: float, rng: random.Random) -> list[str]:
    """Insert, delete or substitute about ``rate`` of the words, at random places."""
    lines = [paragraph.split() for paragraph in paragraphs]
    total = sum(len(words) for words in lines)
    for _ in range(max(1, round(total * rate))):
        words = rng.choice([words for words in lines if words])
        position = rng.randrange(len(words))
        action = rng.choice(("insert", "delete", "substitute"))
        if action == "insert":
            words.insert(position, rng.choice(FILLER))
        elif action == "delete" and len(words) > 1:
            del words[position]
        else:
            words[position] = rng.choice(FILLER)
    return [" ".join(words) for words in lines]


def reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    moved = list(paragraphs)
    for _ in range(max(1, len(moved) // 4)):
        first, second = rng.randrange(len(moved)), rng.randrange(len(moved))
        moved[first], moved[second] = moved[second], moved[first]
    return moved


def variant(paragraphs: list[str], kind: str, rng: random.Random) -> list[str]:
    if kind == "exact":
        return list(paragraphs)
    if kind == "words":
        return edit_words(paragraphs, rng.uniform(0.005, 0.02), rng)
    if kind == "reorder":
        return reorder(paragraphs, rng)
    head, foot = rng.choice(TEMPLATES)
    if kind == "template":
        return [*head, *paragraphs, *foot]
    return [*head, *reorder(edit_words(paragraphs, rng.uniform(0.005, 0.015), rng), rng), *foot]


def edited_corpus(articles: list[Article], seed: int) -> tuple[list[dict], dict[str, str], dict[str, str]]:
    """Documents, each document's source article (its group), and each copy's edit kind."""
    rng = random.Random(seed)
    documents, group, kind_of = [], {}, {}
    for article in articles:
        paragraphs = article.paragraphs
        documents.append({"id": f"{article.id}#0", "text": "\n".join(paragraphs)})
        group[documents[-1]["id"]] = article.id
        if rng.random() < 0.6:
            for number, kind in enumerate(rng.sample(KINDS, rng.randint(1, 3)), start=1):
                id = f"{article.id}#{number}"
                documents.append({"id": id, "text": "\n".join(variant(paragraphs, kind, rng))})
                group[id], kind_of[id] = article.id, kind
    for number in range(len(articles) // 10):
        first, second = rng.sample(articles, 2)
        halves = first.paragraphs[: len(first.paragraphs) // 2] + second.paragraphs[len(second.paragraphs) // 2:]
        id = f"mashup/{number}"
        documents.append({"id": id, "text": "\n".join(halves)})
        group[id] = id
    return documents, group, kind_of


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


def quality_run(args: argparse.Namespace, config: DedupConfig) -> dict:
    size = config.scheme.shingle_words
    articles = load_articles(min_words=args.min_words)
    distinct = distinct_articles(articles, size)
    documents, group, kind_of = edited_corpus(distinct, args.seed)

    started = time.perf_counter()
    clusters = find_duplicates(documents, config, jobs=args.jobs)
    elapsed = time.perf_counter() - started
    # Pairs found at a much lower threshold, to look for high-Jaccard pairs beyond the two sets compared.
    loose = find_duplicates(documents, config.replace(threshold=0.5, bands=None, rows=None), jobs=args.jobs)

    predicted = pairs_within(grouped(dict(clusters.cluster_of)))
    provenance = pairs_within(grouped(group))
    sets = {document["id"]: shingle_set(document["text"], size) for document in documents}
    similarity = {
        pair: jaccard(sets[pair[0]], sets[pair[1]])
        for pair in provenance | predicted | pairs_within(grouped(dict(loose.cluster_of)))
    }
    by_jaccard = {pair for pair, value in similarity.items() if value >= config.threshold}

    rows = []
    for name, truth in (("provenance (copies of one article)", provenance), (f"exact Jaccard >= {config.threshold}", by_jaccard)):
        precision, recall = precision_recall(predicted, truth)
        rows.append({"truth": name, "true_pairs": len(truth), "predicted_pairs": len(predicted), "precision": precision, "recall": recall})

    copies_found: dict[str, list[bool]] = defaultdict(list)
    for id, kind in kind_of.items():
        copies_found[kind].append(clusters.dup_cluster(id) == clusters.dup_cluster(f"{group[id]}#0"))
    words = {a.id: a.words for a in distinct}
    by_length: dict[str, list[bool]] = defaultdict(list)
    for first, second in provenance:
        length = words[group[first]]
        bucket = "50-199" if length < 200 else "200-499" if length < 500 else "500+"
        by_length[bucket].append((first, second) in predicted)
    true_similarity = sorted(similarity[pair] for pair in provenance)
    cluster_sizes = Counter(clusters.cluster_of.values())
    mashups = [id for id in group if id.startswith("mashup/")]
    return {
        "documents": len(documents),
        "articles": len(distinct),
        "articles_left_out_as_overlapping": len(articles) - len(distinct),
        "seconds": elapsed,
        "summary": clusters.summary(),
        "pairs": rows,
        "copy_recall_by_kind": {kind: sum(found) / len(found) for kind, found in sorted(copies_found.items())},
        "pair_recall_by_article_words": {bucket: sum(found) / len(found) for bucket, found in sorted(by_length.items())},
        "true_pair_jaccard": {
            "min": true_similarity[0],
            "p05": true_similarity[len(true_similarity) // 20],
            "median": statistics.median(true_similarity),
            "share_at_or_above_threshold": sum(value >= config.threshold for value in true_similarity) / len(true_similarity),
        },
        "mashups": len(mashups),
        "mashups_clustered": sum(cluster_sizes[clusters.dup_cluster(id)] > 1 for id in mashups),
    }


def scale_corpus(count: int, paragraphs: list[str], seed: int, copy_share: float = 0.1, chars: int = 3000) -> Iterator[dict]:
    """``count`` documents of about ``chars`` characters of real paragraphs; ``copy_share`` of them edited copies of earlier ones.

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
            kind = rng.choice(KINDS)
            yield {"id": f"doc{number:07d}", "text": "\n".join(variant(text, kind, rng)), "copy_of": f"doc{original:07d}"}
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
    started = time.perf_counter()
    clusters = find_duplicates(documents(), config, jobs=args.jobs)
    elapsed = time.perf_counter() - started
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
        "summary": clusters.summary(),
        "pair_precision": precision,
        "pair_recall": recall,
    }


def print_quality(result: dict) -> None:
    summary = result["summary"]
    print(
        f"{result['documents']} documents from {result['articles']} articles "
        f"({result['articles_left_out_as_overlapping']} overlapping articles left out); "
        f"threshold {summary['threshold']}, {summary['bands']} bands x {summary['rows']} rows, "
        f"{summary['signature']['num_perm']} permutations, {summary['signature']['shingle_words']}-word shingles; "
        f"{result['seconds']:.1f} s"
    )
    print()
    print("| truth | true pairs | predicted pairs | precision | recall |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in result["pairs"]:
        print(f"| {row['truth']} | {row['true_pairs']} | {row['predicted_pairs']} | {row['precision']:.3f} | {row['recall']:.3f} |")
    print()
    print("copies found, by edit: " + ", ".join(f"{kind} {share:.3f}" for kind, share in result["copy_recall_by_kind"].items()))
    print("pair recall, by article words: " + ", ".join(f"{bucket} {share:.3f}" for bucket, share in result["pair_recall_by_article_words"].items()))
    similarity = result["true_pair_jaccard"]
    print(
        f"exact Jaccard of the true pairs: min {similarity['min']:.3f}, 5th percentile {similarity['p05']:.3f}, "
        f"median {similarity['median']:.3f}, {similarity['share_at_or_above_threshold']:.1%} at or above the threshold"
    )
    print(f"mashups (hard negatives) put in a cluster: {result['mashups_clustered']} of {result['mashups']}")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--num-perm", type=int, default=DedupConfig().scheme.num_perm)
    parser.add_argument("--shingle-words", type=int, default=DedupConfig().scheme.shingle_words)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--min-words", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--scale", type=int, default=0, help="run the speed test on this many ~3 KB documents")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    config = DedupConfig().replace(threshold=args.threshold, num_perm=args.num_perm, shingle_words=args.shingle_words)
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
