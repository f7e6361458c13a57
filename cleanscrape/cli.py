"""The command line: parse arguments, open streams, map errors to exit codes.

All cleaning logic lives in the library; this module only moves records.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .batch import BatchOptions, learn_site_profile, run_batch, write_marked_duplicates
from .cleaner import Cleaner
from .config import CleanerConfig
from .corpus import DedupConfig, SiteProfile, SiteProfileConfig
from .corpus.repeated_paragraphs import RepeatedParagraphConfig
from .io.shards import DEFAULT_SHARD_BYTES
from .io.sinks import open_sink
from .io.sources import FieldNames, read_page_bytes
from .urls import url_host

EXIT_FAILURE = 1


@click.group()
@click.version_option(__version__, prog_name="cleanscrape")
def main() -> None:
    """Turn scraped web pages into clean article records."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True,
              help="Where records go: '-' (stdout), FILE.jsonl[.gz|.zst] or FILE.parquet.")
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True,
              help="What plain page files hold (.html files are always HTML).")
@click.option("--text-field", default="text", show_default=True, help="JSONL/Parquet field with page text.")
@click.option("--html-field", default="html", show_default=True, help="JSONL/Parquet field with page HTML (preferred).")
@click.option("--id-field", default="id", show_default=True, help="JSONL/Parquet field with the record id.")
@click.option("--url-field", default="url", show_default=True, help="JSONL/Parquet field with the page URL.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option("--lang", "languages", default=None, help="Keep only pages in these languages, e.g. 'en,de'.")
@click.option("--min-words", type=click.IntRange(min=0), default=0, show_default=True, help="Reject pages with fewer clean words.")
@click.option("--explain", is_flag=True, help="Include every removed line with its reason.")
@click.option("--rejects", default=None, help="File for rejected pages, each with its 'dropped' reason (else they go to the output).")
@click.option("--resume", is_flag=True, help="Continue an interrupted run from its .partial output.")
@click.option("--site-profile", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Remove each site's template lines, learned by 'cleanscrape learn-templates'.")
@click.option("--site-templates", is_flag=True, help="Learn the sites' template lines from INPUTS first, then clean.")
@click.option("--dedup", is_flag=True,
              help="Mark near-duplicate documents across the run (dup_cluster, is_duplicate); with --rejects, duplicates go there.")
@click.option("--dedup-paragraphs", is_flag=True,
              help="Remove paragraphs that many documents of the run repeat across sites (reason 'repeated_paragraph'): "
                   f"on {RepeatedParagraphConfig.min_documents}+ documents of {RepeatedParagraphConfig.min_sites}+ sites, "
                   f"{RepeatedParagraphConfig.min_words}+ words.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=CleanerConfig.html_timeout, show_default=True,
              help="Seconds an HTML page may take to extract; a slower page is reported as an error.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Clean on this machine, or on a Dask cluster (the 'dask' extra): then -o and --rejects are folders of part files.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the cluster's scheduler, e.g. tcp://host:8786 (default: a local cluster of -j workers).")
@click.option("--shard-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_SHARD_BYTES / 2**20, show_default=True,
              help="With --engine dask: MB of input per task (JSONL files are cut by byte range).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def clean(inputs, output, input_format, text_field, html_field, id_field, url_field, jobs, languages, min_words,
          explain, rejects, resume, site_profile, site_templates, dedup, dedup_paragraphs, timeout, engine, scheduler, shard_mb, quiet) -> None:
    """Clean pages into records, one per input page, in input order.

    INPUTS are files, folders (recursively), globs or '-' (stdin): HTML and
    text pages, JSONL, WARC and Parquet, plain or .gz/.zst. Every page ends
    in the output, the rejects file, or the error report on stderr, and the
    summary's counts add up to the pages read.
    """
    config = CleanerConfig(
        input_format=input_format,
        languages=tuple(code.strip() for code in languages.split(",") if code.strip()) if languages else None,
        min_words=min_words,
        html_timeout=timeout,
    )
    fields = FieldNames(text=text_field, html=html_field, id=id_field, url=url_field)
    if site_profile and site_templates:
        raise click.UsageError("give --site-profile or --site-templates, not both")
    if site_templates and "-" in inputs:
        raise click.UsageError("--site-templates reads the inputs twice; stdin cannot be read twice")
    if engine == "dask" and ("-" in inputs or output == "-" or resume):
        raise click.UsageError("--engine dask reads files (not stdin) into an output folder (not '-'), and cannot --resume")
    profile = _load_profile(site_profile) if site_profile else None
    if site_templates and engine == "local":
        profile = learn_site_profile(inputs, fields, SiteProfileConfig(), _report_error)
        if not quiet:
            click.echo(f"cleanscrape: learned {profile!r}", err=True)
    options = BatchOptions(
        config=config, jobs=jobs, explain=explain, resume=resume, fields=fields, site_profile=profile,
        dedup=DedupConfig() if dedup else None,
        dedup_paragraphs=RepeatedParagraphConfig() if dedup_paragraphs else None,
    )
    if engine == "dask":
        try:
            summary = _clean_on_dask(inputs, output, rejects, options, site_templates, scheduler, int(shard_mb * 2**20), quiet)
        except (OSError, ValueError) as error:
            raise click.ClickException(str(error)) from None
        _finish(summary, quiet)
        return
    show_progress = not quiet and sys.stderr.isatty()
    bar = _progress_bar() if show_progress else None
    try:
        summary = run_batch(
            inputs, output, rejects, options,
            report_error=_report_error,
            progress=bar.update if bar is not None else None,
        )
    except BrokenPipeError:
        _end_quietly()
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    finally:
        if bar is not None:
            bar.close()
    _finish(summary, quiet)


def _finish(summary, quiet: bool) -> None:
    """The summary line on stderr, and exit 1 when any record failed."""
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.errors:
        sys.exit(EXIT_FAILURE)


def _clean_on_dask(inputs, output, rejects, options, learn_templates, scheduler, shard_bytes, quiet):
    try:
        from . import dask as on_dask
    except ImportError:
        raise click.ClickException("--engine dask needs Dask: pip install 'cleanscrape[dask]'") from None
    with on_dask.connect(scheduler, options.jobs) as client:
        if learn_templates:
            profile = on_dask.learn_site_profile(
                inputs, options.fields, SiteProfileConfig(), scheduler=client, shard_bytes=shard_bytes, report_error=_report_error
            )
            if not quiet:
                click.echo(f"cleanscrape: learned {profile!r}", err=True)
            options = dataclasses.replace(options, site_profile=profile)
        return on_dask.clean(inputs, output, rejects, options, scheduler=client, shard_bytes=shard_bytes, report_error=_report_error)


def _end_quietly() -> None:
    """`cleanscrape ... | head` is a normal way to look: a closed pipe ends the run without a traceback."""
    # Python would flush stdout again at exit and fail on the closed pipe.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)


def _report_error(message: str) -> None:
    click.echo(f"cleanscrape: error: {message}", err=True)


def _load_profile(path: str) -> SiteProfile:
    try:
        return SiteProfile.load(path)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise click.ClickException(f"{path}: not a readable site profile: {error}") from None


def _progress_bar():
    from tqdm import tqdm

    return tqdm(unit=" pages", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


@main.command()
@click.argument("page", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True)
@click.option("--site-profile", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Also mark the site's template lines, learned by 'cleanscrape learn-templates'.")
@click.option("--url", default=None, help="The page's URL: names its site in the profile.")
def explain(page, input_format, site_profile, url) -> None:
    """Show PAGE line by line, each line marked kept or removed with its reason."""
    matcher = _load_profile(site_profile).matcher(url_host(url)) if site_profile else None
    try:
        decisions = Cleaner(CleanerConfig(input_format=input_format)).explain(read_page_bytes(page), url=url, is_site_template=matcher)
        for decision in decisions:
            label = "keep" if decision.reason is None else decision.reason
            marker = click.style(f"{decision.line:5d} {label:<16} ", fg="green" if decision.reason is None else "red")
            click.echo(f"{marker}{decision.text}")
    except BrokenPipeError:
        _end_quietly()


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
            cells = "".join(f" {scores[name][index].shingle.f1:6.3f}/{scores[name][index].word_f1:5.3f}".rjust(16) for name in systems)
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


@main.command("learn-templates")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The site profile (JSON) to write.")
@click.option("--text-field", default="text", show_default=True)
@click.option("--html-field", default="html", show_default=True)
@click.option("--url-field", default="url", show_default=True)
@click.option("--min-site-pages", type=click.IntRange(min=1), default=SiteProfileConfig.min_site_pages, show_default=True,
              help="Sites with fewer pages get no profile.")
@click.option("--min-pages", type=click.IntRange(min=1), default=SiteProfileConfig.min_pages, show_default=True,
              help="A template line is on at least this many pages ...")
@click.option("--min-share", type=click.FloatRange(0, 1, min_open=True), default=SiteProfileConfig.min_share, show_default=True,
              help="... and on at least this share of its site's pages.")
def learn_templates(inputs, output, text_field, html_field, url_field, min_site_pages, min_pages, min_share) -> None:
    """Learn each site's template lines from many of its pages (site: URL host, else a 'site' or 'source' field)."""
    config = SiteProfileConfig(min_site_pages=min_site_pages, min_pages=min_pages, min_share=min_share)
    fields = FieldNames(text=text_field, html=html_field, url=url_field)
    profile = learn_site_profile(inputs, fields, config, _report_error)
    profile.save(output)
    lines = sum(len(site.lines) for site in profile.sites.values())
    click.echo(f"cleanscrape: {len(profile.sites)} sites profiled, {lines} template lines; {profile.stats}", err=True)


@main.command()
@click.argument("records", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", default="-", show_default=True, help="JSONL (.gz/.zst) or Parquet file, or '-'.")
@click.option("--rejects", default=None, help="Put duplicates here (dropped: 'duplicate') instead of in the output.")
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=DedupConfig.threshold,
              show_default=True, help="Estimated Jaccard similarity at which two texts are near-duplicates.")
@click.option("--num-perm", type=click.IntRange(min=16), default=128, show_default=True, help="MinHash permutations.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("-q", "--quiet", is_flag=True)
def dedup(records, output, rejects, threshold, num_perm, jobs, quiet) -> None:
    """Find near-duplicate documents among RECORDS (JSONL from 'cleanscrape clean') and mark them.

    Each record gets 'dup_cluster' (its cluster's representative id: the
    longest text, then the lowest id) and 'is_duplicate'.
    """
    config = DedupConfig().replace(threshold=threshold, num_perm=num_perm)
    sink = open_sink(output)
    reject_sink = open_sink(rejects) if rejects else None
    try:
        clusters = write_marked_duplicates(Path(records), config, jobs, sink, reject_sink).clusters
    except ValueError as error:
        sink.abort()
        if reject_sink is not None:
            reject_sink.abort()
        raise click.ClickException(str(error)) from None
    sink.finish()
    if reject_sink is not None:
        reject_sink.finish()
    if not quiet:
        summary = clusters.summary()
        click.echo(
            f"cleanscrape: {summary['records']} records, {summary['duplicates']} duplicates "
            f"({summary['exact_duplicates']} exact) in {summary['clusters']} clusters; "
            f"threshold {summary['threshold']}, {summary['bands']} bands x {summary['rows']} rows",
            err=True,
        )


if __name__ == "__main__":
    main()
