"""The command line: parse arguments, open streams, map errors to exit codes.

All cleaning logic lives in the library; this module only moves records.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from . import __version__
from .batch import LocalExecutor, learn_site_profile
from .cleaner import Cleaner
from .config import CleanerConfig
from .corpus import DedupConfig, SiteProfile, SiteProfileConfig
from .io.compression import DEFAULT_MAX_RECORD_BYTES
from .corpus.repeated_paragraphs import RepeatedParagraphConfig
from .io.shards import DEFAULT_SHARD_BYTES
from .io.sinks import PARTIAL, open_sink
from .io.sources import STDIN_FORMATS, FieldNames, InputPage, ReadFailure, expand_inputs, format_of, read_all
from .options import load_config_file, parse_option
from .reasons import NAMES as REASON_NAMES
from .reasons import NOT_MAIN_CONTENT
from .run import clean_run
from .steps import BatchOptions, write_marked_duplicates
from .urls import url_host

#: ``explain`` lines up the page's text after the longest reason name.
_REASON_WIDTH = max(len(name) for name in REASON_NAMES)

EXIT_FAILURE = 1
#: The shell's code for a run ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
#: Errors printed on stderr before the rest are only counted (all go to --errors FILE).
PRINTED_ERRORS = 20


class _Interrupts:
    """SIGINT handler that remembers it ran: Ctrl-C, wherever it lands, ends the run as interrupted."""

    def __init__(self) -> None:
        self.seen = False

    def __call__(self, signum, frame) -> None:
        self.seen = True
        raise KeyboardInterrupt


class ErrorReport:
    """Per-page errors: the first few on stderr, every one in the errors file when there is one."""

    def __init__(self, path: str | None = None, limit: int = PRINTED_ERRORS) -> None:
        self.path = path
        self.limit = limit
        self.count = 0
        # A message may quote a file name that is not UTF-8 (surrogate escapes): written escaped, never a crash.
        self._file = open(path, "w", encoding="utf-8", errors="backslashreplace") if path else None

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.count <= self.limit:
            click.echo(f"cleanscrape: error: {message}", err=True)
        if self._file is not None:
            self._file.write(message + "\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        if self.count > self.limit:
            where = f"all {self.count} are in {self.path}" if self.path else "--errors FILE keeps them all"
            click.echo(f"cleanscrape: ... {self.count - self.limit} more errors not shown; {where}", err=True)


class _Commands(click.Group):
    """Ctrl-C in any command exits 130 with one line (click would print "Aborted!" and exit 1)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\ncleanscrape: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="cleanscrape")
def main() -> None:
    """Turn scraped web pages into clean article records."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True,
              help="Where records go: '-' (stdout), FILE.jsonl[.gz|.zst] or FILE.parquet.")
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True,
              help="What pages and JSONL/Parquet text fields hold (.html files and html fields are always HTML).")
@click.option("--stdin-format", type=click.Choice(STDIN_FORMATS), default="auto", show_default=True,
              help="What '-' (stdin) holds; auto sniffs gzip/zstd, WARC, Parquet, JSONL, a JSON document or a page.")
@click.option("--glob", "folder_glob", default=None, metavar="PATTERN",
              help="Read the files matching PATTERN below folder inputs (default: page and corpus endings).")
@click.option("--errors", "errors_path", default=None, type=click.Path(dir_okay=False),
              help=f"Write every per-page error here (stderr shows the first {PRINTED_ERRORS}).")
@click.option("--option", "option_pairs", multiple=True, metavar="NAME=VALUE",
              help="Set any CleanerConfig option, e.g. --option html_timeout=10 (repeatable; see README).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A TOML file of CleanerConfig options (name = value); flags and --option override it.")
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
              help="Seconds an HTML page may take to extract; a page still cleaning at 1.5x this has its worker stopped. Both are per-page errors.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Clean on this machine, or on a Dask cluster (the 'dask' extra): then -o and --rejects are folders of part files.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the cluster's scheduler, e.g. tcp://host:8786 (default: a local cluster of -j workers).")
@click.option("--shard-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_SHARD_BYTES / 2**20, show_default=True,
              help="With --engine dask: MB of input per task (JSONL files are cut by byte range).")
@click.option("--max-decompressed-mb", type=click.FloatRange(min=0), default=DEFAULT_MAX_RECORD_BYTES / 2**20, show_default=True,
              help="Refuse a record (JSONL line, page file) of a .gz/.zst input that decompresses to more (a bomb); 0: no limit.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.pass_context
def clean(ctx, inputs, output, input_format, stdin_format, folder_glob, errors_path, option_pairs, config_path, text_field,
          html_field, id_field, url_field, jobs, languages, min_words, explain, rejects, resume, site_profile,
          site_templates, dedup, dedup_paragraphs, timeout, engine, scheduler, shard_mb, max_decompressed_mb,
          quiet) -> None:
    """Clean pages into records, one per input page, in input order.

    INPUTS are files, folders (recursively), globs or '-' (stdin): HTML and
    text pages, JSONL, WARC and Parquet, plain or .gz/.zst. Every page ends
    in the output, the rejects file, or the error report on stderr, and the
    summary's counts add up to the pages read.
    """
    config = _cleaner_config(ctx, config_path, option_pairs, input_format=input_format, languages=languages,
                             min_words=min_words, html_timeout=timeout)
    fields = FieldNames(text=text_field, html=html_field, id=id_field, url=url_field)
    names = _input_names(inputs, folder_glob)
    names = _without_own_files(names, inputs, output, rejects, errors_path, quiet)
    _check_outputs(names, output, rejects)
    if site_profile and site_templates:
        raise click.UsageError("give --site-profile or --site-templates, not both")
    if site_templates and "-" in inputs:
        raise click.UsageError("--site-templates reads the inputs twice; stdin cannot be read twice")
    if engine == "dask" and ("-" in inputs or output == "-" or resume):
        raise click.UsageError("--engine dask reads files (not stdin) into an output folder (not '-'), and cannot --resume")
    options = BatchOptions(
        config=config, jobs=jobs, explain=explain, resume=resume, fields=fields,
        site_profile=_load_profile(site_profile) if site_profile else None,
        dedup=DedupConfig() if dedup else None, stdin_format=stdin_format,
        # The learn pass refuses what the cleaning pass refuses.
        max_record_bytes=int(max_decompressed_mb * 2**20) or None,
        dedup_paragraphs=RepeatedParagraphConfig() if dedup_paragraphs else None,
    )
    interrupts = _Interrupts()
    previous = signal.signal(signal.SIGINT, interrupts)
    show_progress = not quiet and sys.stderr.isatty()
    # The bar counts the cleaning pass: it shows once templates are learned.
    bar = _progress_bar() if show_progress and not site_templates else None
    errors = ErrorReport(errors_path)

    def progress(pages: int) -> None:
        if interrupts.seen:  # an interrupt that library code caught and dropped still ends the run
            raise KeyboardInterrupt
        if bar is not None:
            bar.update(pages)

    def learned(profile: SiteProfile) -> None:
        nonlocal bar
        if not quiet:
            click.echo(f"cleanscrape: learned {profile!r}", err=True)
        _warn_if_no_sites(profile)
        bar = _progress_bar() if show_progress else None

    try:
        with _executor(engine, scheduler, jobs, int(shard_mb * 2**20)) as executor:
            summary = clean_run(
                executor, names, output, rejects, options, report_error=errors, progress=progress,
                learn_templates=SiteProfileConfig() if site_templates else None, learned=learned,
                report_learn_error=_report_error,
            )
    except BrokenPipeError:
        _end_quietly()
    except BaseException as error:
        # A library may turn the KeyboardInterrupt it was reading in into its own error (langdetect does).
        if interrupts.seen or isinstance(error, KeyboardInterrupt):
            if bar is not None:
                bar.close()
                bar = None
            partial = Path(f"{output}.partial")
            # With --dedup or --dedup-paragraphs the kept records wait in a scratch file.
            partial = next((p for p in (partial, Path(f"{output}.undeduplicated.jsonl.partial")) if p.exists()), partial)
            resume_hint = f"; --resume continues from {partial}" if output != "-" and partial.exists() else ""
            click.echo(f"\ncleanscrape: interrupted{resume_hint}", err=True)
            sys.exit(EXIT_INTERRUPTED)
        if isinstance(error, (OSError, ValueError)):
            raise click.ClickException(str(error)) from None
        raise
    finally:
        signal.signal(signal.SIGINT, previous)
        if bar is not None:
            bar.close()
        errors.close()
    _finish(summary, quiet)


def _cleaner_config(ctx, config_path, option_pairs, **flags) -> CleanerConfig:
    """Defaults, then the --config file, then the flags given, then each --option; the config checks them all."""
    values = {}
    try:
        if config_path:
            values.update(load_config_file(config_path))
        for name, value in flags.items():
            param = {"html_timeout": "timeout"}.get(name, name)
            if name not in values or ctx.get_parameter_source(param) is not ParameterSource.DEFAULT:
                values[name] = value
        for pair in option_pairs:
            name, value = parse_option(pair)
            values[name] = value
        return CleanerConfig(**values)
    except (ValueError, TypeError) as error:
        raise click.UsageError(str(error)) from None


def _input_names(inputs, folder_glob: str | None) -> list:
    """The files the inputs name, with what a folder walk could not read (reported as the run reads them);
    none at all (an empty folder, a glob matching nothing) is an error."""
    names = list(expand_inputs(inputs, folder_glob))
    if not names:
        raise click.ClickException(f"no input files in {' '.join(inputs)}" + (f" matching {folder_glob!r}" if folder_glob else ""))
    return names


def _check_outputs(names: list, output: str, rejects: str | None) -> None:
    """Writing over an input would destroy it before it is read."""
    inputs = {os.path.realpath(name) for name in names if isinstance(name, str) and name != "-"}
    for flag, target in (("-o", output), ("--rejects", rejects)):
        if target and target != "-" and os.path.realpath(target) in inputs:
            raise click.UsageError(f"{flag} {target} is one of the inputs; writing it would destroy it")
    if rejects and output != "-" and os.path.realpath(rejects) == os.path.realpath(output):
        raise click.UsageError("-o and --rejects name the same file")


def _without_own_files(names: list, inputs, output: str, rejects: str | None, errors_path: str | None, quiet: bool) -> list:
    """Files of this run (an output, rejects or errors file or its .partial, the --dedup scratch file)
    found below an input folder are not inputs: a run inside its own input folder must not clean its output."""
    own = set()
    for target in (output, rejects):
        if target and target != "-":
            for name in (target, target + PARTIAL, f"{target}.undeduplicated.jsonl", f"{target}.undeduplicated.jsonl{PARTIAL}"):
                own.add(os.path.realpath(name))
    if errors_path:
        own.add(os.path.realpath(errors_path))
    named = {os.path.realpath(name) for name in inputs if name != "-"}
    kept = []
    for name in names:
        if isinstance(name, str) and name != "-" and os.path.realpath(name) in own and os.path.realpath(name) not in named:
            if not quiet:
                click.echo(f"cleanscrape: not reading {name}: it is this run's own output", err=True)
            continue
        kept.append(name)
    if not kept:
        raise click.ClickException(f"no input files in {' '.join(inputs)} apart from this run's own output")
    return kept


def _warn_if_no_sites(profile: SiteProfile) -> None:
    if not profile.sites:
        click.echo(
            f"cleanscrape: warning: no site has enough pages for a template profile "
            f"({profile.stats.get('pages_without_site', 0)} pages had no URL, 'site' or 'source' to name their site)",
            err=True,
        )


def _finish(summary, quiet: bool) -> None:
    """The summary line on stderr, and exit 1 when any record failed."""
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.errors:
        sys.exit(EXIT_FAILURE)


@contextlib.contextmanager
def _executor(engine: str, scheduler: str | None, jobs: int, shard_bytes: int):
    """Where the run's passes run: this machine, or a Dask cluster (the scheduler's, or a local one of ``jobs`` workers)."""
    if engine == "local":
        yield LocalExecutor()
        return
    try:
        from . import dask as on_dask
    except ImportError:
        raise click.ClickException("--engine dask needs Dask: pip install 'cleanscrape[dask]'") from None
    with on_dask.connect(scheduler, jobs) as client:
        yield on_dask.DaskExecutor(client, shard_bytes)


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
@click.option("--id", "record_id", default=None,
              help="In a JSONL, WARC or Parquet file: the record to explain (its id, URL or place file:line); default the first.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: the record's facts and every line with its reason.")
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True)
@click.option("--text-field", default="text", show_default=True)
@click.option("--html-field", default="html", show_default=True)
@click.option("--id-field", default="id", show_default=True)
@click.option("--url-field", default="url", show_default=True)
@click.option("--site-profile", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Also mark the site's template lines, learned by 'cleanscrape learn-templates'.")
@click.option("--url", default=None, help="The page's URL: names its site in the profile.")
@click.option("--option", "option_pairs", multiple=True, metavar="NAME=VALUE", help="Set any CleanerConfig option (repeatable).")
def explain(page, record_id, as_json, input_format, text_field, html_field, id_field, url_field, site_profile, url,
            option_pairs) -> None:
    """Show PAGE line by line, each line marked kept or removed with its reason.

    PAGE is a page file or '-', or a JSONL, WARC or Parquet file with --id
    naming one of its records. For HTML, lines outside the main content are
    'not_main_content', and the header says which extractor gave that content.
    """
    values = dict(parse_option(pair) for pair in option_pairs) if option_pairs else {}
    try:
        config = CleanerConfig(input_format=input_format, **values)
    except (ValueError, TypeError) as error:
        raise click.UsageError(str(error)) from None
    fields = FieldNames(text=text_field, html=html_field, id=id_field, url=url_field)
    item = _page_to_explain(page, record_id, fields)
    url = url or item.url
    matcher = _load_profile(site_profile).matcher(url_host(url)) if site_profile else None
    # A file's ending or a row's field says what the page is; otherwise the configuration does.
    cleaner = Cleaner(config if item.input_format == "auto" else config.replace(input_format=item.input_format))
    try:
        record = cleaner.clean(item.content, url=url, id=item.id or item.key, is_site_template=matcher,
                               content_type=item.content_type)
        decisions = cleaner.explain(item.content, url=url, is_site_template=matcher, content_type=item.content_type)
    except Exception as error:  # a page that cannot be cleaned is reported, not a traceback
        raise click.ClickException(f"{item.key}: {type(error).__name__}: {error}") from None
    try:
        if as_json:
            click.echo(json.dumps({
                "id": record.id, "url": record.url, "source": item.key, "title": record.title,
                "extractor": record.extractor, "language": record.language, "dropped": record.dropped,
                "word_count": record.word_count,
                "lines": [{"line": d.line, "text": d.text, "reason": d.reason} for d in decisions],
            }, ensure_ascii=False, indent=1))
            return
        outside = f"; lines outside its main content: {NOT_MAIN_CONTENT}" if record.extractor not in ("text", "html_text") else ""
        click.echo(click.style(f"# {item.key}: extractor {record.extractor}{outside}; "
                               f"language {record.language}; {record.word_count} words kept"
                               + (f"; dropped: {record.dropped}" if record.dropped else ""), dim=True), err=True)
        for decision in decisions:
            label = "keep" if decision.reason is None else decision.reason
            marker = click.style(f"{decision.line:5d} {label:<{_REASON_WIDTH}} ", fg="green" if decision.reason is None else "red")
            click.echo(f"{marker}{decision.text}")
    except BrokenPipeError:
        _end_quietly()


def _page_to_explain(page: str, record_id: str | None, fields: FieldNames) -> InputPage:
    """The one page to explain: the file itself, or one record of a corpus file."""
    whole_file = page != "-" and format_of(page) not in ("jsonl", "json", "warc", "parquet")
    if whole_file and record_id:
        raise click.UsageError("--id picks a record of a JSONL, WARC or Parquet file")
    first = None
    # Read as `clean` reads it: a page file's canonical URL, a binary file skipped.
    for item in read_all([page], fields):
        if whole_file and not isinstance(item, InputPage):
            why = item.message if isinstance(item, ReadFailure) else f"skipped ({item.reason}): not a page"
            raise click.ClickException(f"{item.key}: {why}")
        if not isinstance(item, InputPage):
            continue
        if record_id is None or record_id in (item.id, item.key, item.url):
            return item
        first = first or item
    if record_id is None:
        raise click.ClickException(f"{page}: no readable page")
    raise click.ClickException(f"{page}: no record with id, URL or place {record_id!r}")


@main.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--compare", is_flag=True, help="Also score trafilatura, jusText and keeping everything.")
@click.option("--mode", type=click.Choice(["html", "text"]), default="html", show_default=True,
              help="Give systems the HTML (when the gold page has it) or the page rendered to text.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Write all scores here.")
@click.option("-q", "--quiet", is_flag=True, help="Only the overall table, no per-page lines.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N gold pages (by id).")
def bench(gold, compare, mode, json_path, quiet, limit) -> None:
    """Score cleaning against GOLD: a JSONL of {"id", "html" or "text", "gold_text"}, a folder of
    NAME.html|NAME.txt pages with NAME.gold.txt beside each, or the ScrapingHub (ground-truth.json +
    html/ID.html.gz) or WCXB (ground-truth/NNNN.json + html/NNNN.html.gz) folder as published."""
    from .bench import COMPARED, GoldError, cleanscrape_system, read_gold, score_page, summarize

    try:
        pages = read_gold(gold, limit)
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
@click.option("--glob", "folder_glob", default=None, metavar="PATTERN",
              help="Read the files matching PATTERN below folder inputs (default: page and corpus endings).")
@click.option("--errors", "errors_path", default=None, type=click.Path(dir_okay=False), help="Write every read error here.")
def learn_templates(inputs, output, text_field, html_field, url_field, min_site_pages, min_pages, min_share, folder_glob,
                    errors_path) -> None:
    """Learn each site's template lines from many of its pages (site: URL host, else a 'site' or 'source' field).

    Exits 1 when an input could not be read (the profile is still written from the rest).
    """
    config = SiteProfileConfig(min_site_pages=min_site_pages, min_pages=min_pages, min_share=min_share)
    fields = FieldNames(text=text_field, html=html_field, url=url_field)
    names = _input_names(inputs, folder_glob)
    errors = ErrorReport(errors_path)
    try:
        profile = learn_site_profile(names, fields, config, errors)
    finally:
        errors.close()
    profile.save(output)
    lines = sum(len(site.lines) for site in profile.sites.values())
    click.echo(f"cleanscrape: {len(profile.sites)} sites profiled, {lines} template lines; {profile.stats}", err=True)
    _warn_if_no_sites(profile)
    if errors.count:
        click.echo(f"cleanscrape: {errors.count} inputs could not be read", err=True)
        sys.exit(EXIT_FAILURE)


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


@main.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML page to write.")
@click.option("--errors", "errors_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="The run's errors file (clean --errors), to count its errors.")
@click.option("--sample", type=click.IntRange(min=0), default=6, show_default=True,
              help="Pages shown line by line (records written with --explain).")
def report(records, output, errors_path, sample) -> None:
    """Write one self-contained HTML page about RECORDS (output and rejects of 'cleanscrape clean', JSONL or Parquet):
    counts, languages, word counts, duplicate clusters, charts and a sample of pages line by line."""
    try:
        from .report import write_report
    except ImportError:  # pragma: no cover - depends on the install
        raise click.ClickException("report needs matplotlib: pip install 'cleanscrape[report]'") from None
    errors = sum(1 for line in Path(errors_path).read_text(encoding="utf-8").splitlines() if line) if errors_path else 0
    try:
        counts = write_report(records, output, errors=errors, sample_size=sample)
    except ImportError:
        raise click.ClickException("report needs matplotlib: pip install 'cleanscrape[report]'") from None
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"cleanscrape: {counts.records} records ({counts.kept} kept) -> {output}", err=True)


if __name__ == "__main__":
    main()
