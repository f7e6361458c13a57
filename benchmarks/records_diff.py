"""The records of every quality page, written once and compared after a change.

A refactor must leave cleanscrape's output alone. This script cleans every page
that ``benchmarks/quality.py`` scores (ScrapingHub, WCXB dev, CleanEval dev) in
each of its modes (the HTML as served, its full text, its w3m dump) and writes
the whole records (text, title, language, metadata, removed lines with their
reasons, warnings) to a gzipped JSONL file; ``--compare`` then reports every
field that differs, page by page.

    python benchmarks/records_diff.py --write before.jsonl.gz
    ... change the code ...
    python benchmarks/records_diff.py --write after.jsonl.gz --compare before.jsonl.gz

A change that renames reasons on purpose says so with ``--same-reason``:
``--same-reason boilerplate=outside_article,advertisement,...`` compares each
removed line's reason after mapping the old name to the new (any of the listed
names counts as the old one), so text, title, metadata and which lines were
removed must still be identical; the new names are counted.

Exit status 0: identical; 1: records differ (each listed).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import multiprocessing
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import QUALITY_MODES, BenchPage, cleaneval_pages, scrapinghub_pages, wcxb_pages  # noqa: E402

#: Fields that say how the run went, not what was decided.
_RUN_FIELDS = ("seconds", "elapsed_ms")


def _page_inputs(bench: BenchPage) -> list[tuple[str, str]]:
    """The inputs cleaned for one page, by mode, as quality.py cleans them."""
    inputs = []
    for mode in QUALITY_MODES:
        if mode == "html":
            inputs.append((mode, bench.gold.html or ""))
        elif mode == "w3m":
            inputs.append((mode, bench.dump))
        else:
            inputs.append((mode, bench.gold.page_text()))
    return inputs


def _records(item: tuple[str, BenchPage]) -> list[dict]:
    dataset, bench = item
    from cleanscrape import Cleaner

    cleaner = Cleaner(html_timeout=None)  # decisions, not deadlines: a loaded machine must not change them
    rows = []
    for mode, page in _page_inputs(bench):
        record = cleaner.clean(page, id=bench.gold.id).to_dict()
        for field in _RUN_FIELDS:
            record.pop(field, None)
        rows.append({"key": f"{dataset}/{bench.gold.id}/{mode}", "record": record})
    return rows


def collect(jobs: int, limit: int | None) -> list[dict]:
    items = []
    for dataset, load in (("scrapinghub", scrapinghub_pages), ("cleaneval", cleaneval_pages), ("wcxb", wcxb_pages)):
        pages = load()
        items.extend((dataset, page) for page in (pages[:limit] if limit else pages))
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        return [row for rows in pool.imap(_records, items, chunksize=4) for row in rows]


def _read(path: Path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return {row["key"]: row["record"] for row in map(json.loads, lines)}


def parse_same_reasons(values: list[str]) -> dict[str, str]:
    """``old=new1,new2`` arguments as {new name: old name}."""
    renamed: dict[str, str] = {}
    for value in values:
        old, _, new = value.partition("=")
        if not old or not new:
            raise argparse.ArgumentTypeError(f"--same-reason wants old=new[,new...], got {value!r}")
        renamed.update({name.strip(): old.strip() for name in new.split(",") if name.strip()})
    return renamed


def with_old_reasons(record: dict, renamed: dict[str, str], counts: Counter[str]) -> dict:
    """The record with each renamed reason of its removed lines back under its old name (``counts`` the new names)."""
    if not renamed or not record.get("removed"):
        return record
    removed = []
    for item in record["removed"]:
        if item.get("reason") in renamed:
            counts[f"{renamed[item['reason']]} -> {item['reason']}"] += 1
            item = {**item, "reason": renamed[item["reason"]]}
        removed.append(item)
    return {**record, "removed": removed}


def compare(before: dict[str, dict], after: dict[str, dict], shown: int, renamed: dict[str, str] | None = None) -> int:
    """Print the differing records, field by field; the number that differ.

    ``renamed`` maps a new reason name to the old one it replaces: ``after``'s reasons
    are read under their old names, and how many lines took each new name is printed.
    """
    renames: Counter[str] = Counter()
    if renamed:
        after = {key: with_old_reasons(record, renamed, renames) for key, record in after.items()}
    differing = 0
    fields: Counter[str] = Counter()
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        differing += 1
        if old is None or new is None:
            fields["(missing)"] += 1
            if differing <= shown:
                print(f"{key}: only {'after' if old is None else 'before'}")
            continue
        changed = sorted(field for field in old.keys() | new.keys() if old.get(field) != new.get(field))
        fields.update(changed)
        if differing <= shown:
            print(f"{key}: {', '.join(changed)}")
            for field in changed:
                print(f"  - {field}: {json.dumps(old.get(field))[:300]}")
                print(f"  + {field}: {json.dumps(new.get(field))[:300]}")
    print(f"{len(after)} records, {differing} differ" + (f" (fields: {dict(fields)})" if fields else ""))
    if renamed:
        print("removed lines under a new reason name: " + (", ".join(f"{name} {count}" for name, count in sorted(renames.items())) or "none"))
    return differing


def score_changed_texts(before: dict[str, dict], after: dict[str, dict]) -> None:
    """Word precision, recall and F1 against the gold text, before and after, of every record
    whose text changed: a difference must be measured as no worse."""
    from cleanscrape.scoring import word_prf

    gold = {}
    for dataset, load in (("scrapinghub", scrapinghub_pages), ("cleaneval", cleaneval_pages), ("wcxb", wcxb_pages)):
        gold.update({f"{dataset}/{page.gold.id}": page.gold.gold_text for page in load()})
    changed = sorted(key for key in before.keys() & after.keys() if before[key]["text"] != after[key]["text"])
    if not changed:
        print("no text changed")
        return
    sums = [0.0] * 6
    for key in changed:
        truth = gold[key.rsplit("/", 1)[0]]
        old, new = word_prf(truth, before[key]["text"]), word_prf(truth, after[key]["text"])
        print(f"  {key}: word F1 {old[2]:.3f} -> {new[2]:.3f} (P {old[0]:.3f} -> {new[0]:.3f}, R {old[1]:.3f} -> {new[1]:.3f})")
        for place, value in enumerate((*old, *new)):
            sums[place] += value
    means = [total / len(changed) for total in sums]
    print(f"{len(changed)} texts changed; mean word P/R/F1 before {means[0]:.4f}/{means[1]:.4f}/{means[2]:.4f}, "
          f"after {means[3]:.4f}/{means[4]:.4f}/{means[5]:.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, required=True, help="the records of this code, gzipped JSONL")
    parser.add_argument("--compare", type=Path, help="records written before the change")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, help="only the first N pages of each dataset")
    parser.add_argument("--show", type=int, default=20, help="differing records printed in full")
    parser.add_argument("--same-reason", action="append", default=[], metavar="OLD=NEW[,NEW...]",
                        help="reasons renamed on purpose: compare NEW names as OLD (repeatable)")
    parser.add_argument("--score", action="store_true", help="score every changed text against the gold, before and after")
    parser.add_argument("--new-field", action="append", default=[], metavar="NAME",
                        help="a field added on purpose: left out of the comparison (repeatable)")
    args = parser.parse_args(argv)
    rows = collect(args.jobs, args.limit)
    with gzip.open(args.write, "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(rows)} records to {args.write}")
    if args.compare is None:
        return 0
    renamed = parse_same_reasons(args.same_reason)
    after = {key: {field: value for field, value in record.items() if field not in args.new_field}
             for key, record in _read(args.write).items()}
    before = _read(args.compare)
    differing = compare(before, after, args.show, renamed)
    if args.score:
        score_changed_texts(before, after)
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
