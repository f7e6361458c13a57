"""The command line: parse arguments, open streams, map errors to exit codes.

All cleaning logic lives in the library; this module only moves records.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from . import __version__
from .cleaner import Cleaner
from .config import CleanerConfig

EXIT_FAILURE = 1


def _iter_input_files(inputs: tuple[str, ...]) -> Iterator[str]:
    """Files named, and every file below folders named, in sorted order; "-" is stdin."""
    for name in inputs:
        if name == "-":
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield str(child)
        else:
            yield name


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    data = Path(name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data


class _Summary:
    def __init__(self) -> None:
        self.read = self.written = self.errors = 0
        self.dropped: Counter[str] = Counter()

    def line(self) -> str:
        dropped = sum(self.dropped.values())
        detail = ", ".join(f"{reason}: {count}" for reason, count in sorted(self.dropped.items()))
        return (
            f"cleanscrape: read {self.read}, written {self.written}, rejected {dropped}"
            + (f" ({detail})" if detail else "")
            + f", errors {self.errors}"
        )


@click.group()
@click.version_option(__version__, prog_name="cleanscrape")
def main() -> None:
    """Turn scraped web pages into clean article records."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="JSONL file to write ('-' for stdout).")
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True)
@click.option("--lang", "languages", default=None, help="Keep only pages in these languages, e.g. 'en,de'.")
@click.option("--min-words", type=click.IntRange(min=0), default=0, show_default=True, help="Reject pages with fewer clean words.")
@click.option("--explain", is_flag=True, help="Include every removed line with its reason.")
@click.option("--rejects", type=click.Path(dir_okay=False), default=None, help="JSONL file for rejected pages (with 'dropped' reason).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def clean(inputs, output, input_format, languages, min_words, explain, rejects, quiet) -> None:
    """Clean page files (text or HTML, .gz too; folders recursively) into JSONL records.

    Every input ends in the output, in the rejects file, or in the error
    report on stderr; the summary's counts add up to the pages read.
    """
    config = CleanerConfig(
        input_format=input_format,
        languages=tuple(code.strip() for code in languages.split(",") if code.strip()) if languages else None,
        min_words=min_words,
    )
    cleaner = Cleaner(config)
    summary = _Summary()
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    rejected = open(rejects, "w", encoding="utf-8") if rejects else None
    try:
        for name in _iter_input_files(inputs):
            summary.read += 1
            try:
                record = cleaner.clean(_read_bytes(name), id=None if name == "-" else name)
            except (OSError, ValueError) as error:
                summary.errors += 1
                click.echo(f"cleanscrape: error: {name}: {error}", err=True)
                continue
            row = record.to_dict()
            if not explain:
                row["removed"] = []
            target = out
            if record.dropped is not None:
                summary.dropped[record.dropped] += 1
                if rejected is not None:
                    target = rejected
                else:
                    summary.written += 1
            else:
                summary.written += 1
            target.write(json.dumps(row, ensure_ascii=False) + "\n")
    except BrokenPipeError:
        # `cleanscrape clean ... | head` is a normal way to look; end quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    finally:
        if out is not sys.stdout:
            out.close()
        if rejected is not None:
            rejected.close()
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.errors:
        sys.exit(EXIT_FAILURE)


@main.command()
@click.argument("page", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True)
def explain(page, input_format) -> None:
    """Show PAGE line by line, each line marked kept or removed with its reason."""
    try:
        decisions = Cleaner(CleanerConfig(input_format=input_format)).explain(_read_bytes(page))
        for decision in decisions:
            label = "keep" if decision.reason is None else decision.reason
            marker = click.style(f"{decision.line:5d} {label:<15}", fg="green" if decision.reason is None else "red")
            click.echo(f"{marker}{decision.text}")
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


@main.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--compare", is_flag=True, help="Also score trafilatura, jusText and keeping everything.")
@click.option("--mode", type=click.Choice(["html", "text"]), default="html", show_default=True,
              help="Give systems the HTML (when the gold page has it) or the page rendered to text.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Write all scores here.")
@click.option("-q", "--quiet", is_flag=True, help="Only the overall table, no per-page lines.")
def bench(gold, compare, mode, json_path, quiet) -> None:
    """Score cleaning against GOLD: a JSONL of {"id", "html" or "text", "gold_text"},
    or a folder of NAME.html|NAME.txt pages with NAME.gold.txt beside each."""
    from .bench import COMPARED, GoldError, cleanscrape_system, read_gold, score_page, summarize

    try:
        pages = read_gold(gold)
    except GoldError as error:
        raise click.ClickException(f"cannot read gold data:\n{error}") from None
    systems = {"cleanscrape": cleanscrape_system(), **(COMPARED if compare else {})}
    scores = {name: [score_page(page, system(page, mode)) for page in pages] for name, system in systems.items()}
    if not quiet:
        header = f"{'page':<40}" + "".join(f" {name[:15]:>15}" for name in systems)
        click.echo(header + "   (shingle F1 / word F1)")
        for index, page in enumerate(pages):
            cells = "".join(f" {_page_f1(scores[name][index].shingle):6.3f}/{scores[name][index].word_f1:5.3f}".rjust(16) for name in systems)
            click.echo(f"{page.id[:40]:<40}{cells}")
    overall = {name: summarize(page_scores) for name, page_scores in scores.items()}
    click.echo(f"\n{len(pages)} pages, mode {mode}")
    click.echo(f"{'system':<16} {'shingle P':>9} {'R':>6} {'F1':>6}   {'word P':>6} {'R':>6} {'F1':>6}")
    for name, row in overall.items():
        click.echo(
            f"{name:<16} {row['shingle_precision']:9.3f} {row['shingle_recall']:6.3f} {row['shingle_f1']:6.3f}"
            f"   {row['word_precision']:6.3f} {row['word_recall']:6.3f} {row['word_f1']:6.3f}"
        )
    if json_path:
        detail = {
            name: [
                {"id": s.id, "shingle_precision": s.shingle.precision, "shingle_recall": s.shingle.recall,
                 "word_precision": s.word_precision, "word_recall": s.word_recall, "word_f1": s.word_f1}
                for s in page_scores
            ]
            for name, page_scores in scores.items()
        }
        json_path.write_text(json.dumps({"mode": mode, "overall": overall, "pages": detail}, indent=2), encoding="utf-8")


def _page_f1(match) -> float:
    precision, recall = match.precision or 0.0, match.recall or 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
