"""Cleaning many pages: read, clean (in worker processes), write, and account for every page.

Every page read ends in the output, the rejects file, or the error report;
pages already written by an interrupted run are counted as resumed. Output
order is input order whatever the number of workers.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cleaner import Cleaner
from .config import CleanerConfig
from .corpus.dedup import DedupConfig, DuplicateClusters, find_duplicates
from .corpus.records import site_key
from .corpus.repeated_paragraphs import ParagraphCounter, RepeatedParagraphConfig, strip_repeated
from .corpus.site_profile import SiteProfile, SiteProfileConfig, SiteProfileLearner
from .decoding import decode_page
from .extract import PageTimeout
from .htmltext import html_to_text
from .io.compression import DEFAULT_MAX_RECORD_BYTES
from .io.sinks import JsonlSink, open_sink
from .io.sources import FieldNames, InputPage, Item, ReadFailure, Skipped, jsonl_rows, read_all
from .workers import WorkerPool

#: A worker still on one page this many times the page timeout is killed, and the page is an error.
HARD_DEADLINE_FACTOR = 1.5


def warm_up(cleaner: Cleaner) -> None:
    """Load what cleaning loads lazily (trafilatura, inscriptis, langdetect's profiles,
    stop lists, the charset helpers) before forking, so workers share it instead of each loading
    it: clean one small page of each kind."""
    # Two different sentences of 15 to 29 words: a repeat is matched by key and never reaches
    # MinHash, and inside HTML main content shorter lines are not compared at all.
    first = "The harbour reopened on Tuesday after the storm, and the ships that had waited all week came in."
    second = "Fishing boats went out again on Wednesday morning, although the sea was still rough near the rocks."
    cleaner.clean(f"<html><body><article><h1>Harbour</h1><p>{first}</p><p>{second}</p></article></body></html>", input_format="html")
    cleaner.clean(f"Home\n{first}\n{second}", input_format="text")
    html_to_text(f"<p>{first}</p>")  # the full-page path, for pages with no main content
    decode_page("Caf\xe9 cr\xe8me".encode("cp1252"))  # bytes that are not UTF-8: w3lib, charset-normalizer


@dataclass
class Summary:
    read: int = 0
    written: int = 0
    resumed: int = 0
    errors: int = 0
    rejected: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    #: Lines removed from the pages written or rejected, by reason.
    removed_lines: Counter = field(default_factory=Counter)
    #: Near-duplicates found (with --dedup), wherever they were written.
    duplicates: int = 0

    def add(self, other: Summary) -> None:
        """Count another part of the run (a shard cleaned elsewhere) in this one."""
        self.read += other.read
        self.written += other.written
        self.resumed += other.resumed
        self.errors += other.errors
        self.rejected.update(other.rejected)
        self.skipped.update(other.skipped)
        self.removed_lines.update(other.removed_lines)
        self.duplicates += other.duplicates

    def count_duplicates(self, moved: int) -> None:
        """Records first written, then found to be duplicates and moved to the rejects."""
        self.written -= moved
        if moved:
            self.rejected["duplicate"] += moved

    def adds_up(self) -> bool:
        return self.read == self.written + self.resumed + self.errors + sum(self.rejected.values()) + sum(self.skipped.values())

    def line(self) -> str:
        def detail(counts: Counter) -> str:
            return f" ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))})" if counts else ""

        parts = [f"read {self.read}", f"written {self.written}"]
        if self.resumed:
            parts.append(f"resumed {self.resumed}")
        parts.append(f"rejected {sum(self.rejected.values())}{detail(self.rejected)}")
        if self.skipped:
            parts.append(f"skipped {sum(self.skipped.values())}{detail(self.skipped)}")
        parts.append(f"errors {self.errors}")
        line = "cleanscrape: " + ", ".join(parts)
        if self.duplicates:
            line += f"; duplicates {self.duplicates}"
        if self.removed_lines:
            line += f"\ncleanscrape: removed lines {sum(self.removed_lines.values())}{detail(self.removed_lines)}"
        return line


@dataclass(frozen=True)
class BatchOptions:
    config: CleanerConfig = field(default_factory=CleanerConfig)
    jobs: int = 1
    explain: bool = False
    fields: FieldNames = field(default_factory=FieldNames)
    resume: bool = False
    #: Template lines learned from many pages of each site (``cleanscrape learn-templates``).
    site_profile: SiteProfile | None = None
    #: Mark near-duplicate documents across the run (duplicates go to the rejects file when there is one).
    dedup: DedupConfig | None = None
    #: What stdin holds ("auto" sniffs it; see io.sources.STDIN_FORMATS).
    stdin_format: str = "auto"
    #: Which files below a folder input are read (default: page and corpus endings).
    folder_glob: str | None = None
    #: What one record (a JSONL line, a page file) of a compressed input may decompress to; None: no limit.
    max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES
    #: Remove paragraphs that many documents of the run repeat across sites (``repeated_paragraph``).
    dedup_paragraphs: RepeatedParagraphConfig | None = None

    @property
    def corpus_pass(self) -> bool:
        """Whether kept records wait for a second pass over the whole run before they are written."""
        return self.dedup is not None or self.dedup_paragraphs is not None


@dataclass(frozen=True, slots=True)
class Outcome:
    key: str
    row: dict[str, Any] | None = None
    error: str | None = None
    skipped: str | None = None
    #: The page's removed lines by reason (counted before --explain decides whether the row lists them).
    removed: tuple[tuple[str, int], ...] = ()


def page_site(page: InputPage) -> str | None:
    """The site a page belongs to, as site profiles key it: URL host, else a ``site`` or ``source`` field."""
    return site_key({"url": page.url, "site": page.extra.get("site"), "source": page.extra.get("source")})


def _process(cleaner: Cleaner, explain: bool, profile: SiteProfile | None, item: Item) -> Outcome:
    if isinstance(item, ReadFailure):
        return Outcome(item.key, error=item.message)
    if isinstance(item, Skipped):
        return Outcome(item.key, skipped=item.reason)
    try:
        record = cleaner.clean(
            item.content,
            url=item.url,
            id=item.id if item.id is not None else item.key,
            # A file's ending or a row's field says what the page is; otherwise the configuration does.
            input_format=None if item.input_format == "auto" else item.input_format,
            is_site_template=profile.matcher(page_site(item)) if profile is not None else None,
            content_type=item.content_type,
        )
    except (Exception, PageTimeout) as error:  # one bad page must not end the batch; it is reported with its place
        return Outcome(item.key, error=f"{type(error).__name__}: {error}")
    removed = tuple(record.removed_by_reason().items())
    return Outcome(item.key, row=_row(item, record.to_dict(), explain), removed=removed)


def _row(page: InputPage, row: dict[str, Any], explain: bool) -> dict[str, Any]:
    if not explain:
        row["removed"] = []
    row["source"] = page.key
    if row["url"] is None:
        row["url"] = page.url
    row["http_status"] = page.http_status
    row["warc_date"] = page.warc_date
    row["warc_record_id"] = page.warc_record_id
    # The input's other fields travel with the record, apart from cleanscrape's own (metadata.input).
    row["metadata"]["input"] = dict(page.extra) or None
    return row


def cleaning_step(options: BatchOptions, cleaner: Cleaner | None = None) -> Callable[[Item], Outcome]:
    """What happens to each item read: the same function in this process, a worker process or a cluster task."""
    return functools.partial(_process, cleaner or Cleaner(options.config), options.explain, options.site_profile)


def _outcomes(items: Iterable[Item], options: BatchOptions) -> Iterator[Outcome]:
    # Forked workers start at once and share the language profiles loaded here;
    # spawn (the only way elsewhere) re-imports everything in each worker.
    launch = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    cleaner = Cleaner(options.config)
    if launch == "fork":
        warm_up(cleaner)
    # Even one job cleans in a worker process: only there does the page deadline hold for
    # every step, and a page that kills its process costs only itself.
    with page_pool(options, options.jobs, launch, cleaner) as pool:
        yield from pool.imap(items)


def page_pool(options: BatchOptions, processes: int, launch: str, cleaner: Cleaner | None = None) -> WorkerPool:
    """Worker processes that clean items into outcomes, each page under the hard deadline."""
    timeout = options.config.html_timeout
    return WorkerPool(
        cleaning_step(options, cleaner), processes, on_lost=_lost_page, launch=launch,
        # The timeout inside the worker ends a slow extraction with its own error; this ends anything else.
        hard_deadline=timeout * HARD_DEADLINE_FACTOR if timeout is not None else None,
    )


def _lost_page(item: Item, why: str) -> Outcome:
    return Outcome(item.key, error=why)


def run_batch(
    inputs: Iterable[str],
    output: str,
    rejects: str | None,
    options: BatchOptions,
    report_error: Callable[[str], None],
    progress: Callable[[int], None] | None = None,
) -> Summary:
    if options.corpus_pass and options.resume:
        raise ValueError("--dedup and --dedup-paragraphs need the whole run at once; they cannot be resumed")
    summary = Summary()
    final_sink = open_sink(output, options.resume)
    reject_sink = open_sink(rejects, options.resume) if rejects else None
    # With dedup, kept records wait in a scratch file until every text has been seen.
    sink = JsonlSink(_scratch_name(output)) if options.corpus_pass else final_sink
    done = final_sink.done_keys | (reject_sink.done_keys if reject_sink else set())
    try:
        items = read_all(
            list(inputs), options.fields, options.stdin_format, options.folder_glob, max_record_bytes=options.max_record_bytes
        )
        pending = (item for item in items if not _already_done(item, done, summary))
        for outcome in _outcomes(pending, options):
            file_outcome(outcome, summary, sink, reject_sink, report_error)
            if progress:
                progress(1)
        if options.corpus_pass:
            sink.finish()
            scratch = Path(_scratch_name(output))
            if options.dedup_paragraphs is not None:
                stripped = JsonlSink(_scratch_name(output, "stripped")) if options.dedup is not None else final_sink
                write_without_repeated_paragraphs(scratch, options.dedup_paragraphs, stripped)
                scratch.unlink()
                if options.dedup is not None:
                    stripped.finish()
                    scratch = Path(_scratch_name(output, "stripped"))
            if options.dedup is not None:
                marked = write_marked_duplicates(scratch, options.dedup, options.jobs, final_sink, reject_sink)
                scratch.unlink()
                summary.count_duplicates(marked.moved)
                summary.duplicates += marked.clusters.summary()["duplicates"]
    except BaseException:
        for open_one in {id(s): s for s in (sink, final_sink, reject_sink) if s is not None}.values():
            open_one.abort()
        raise
    final_sink.finish()
    if reject_sink:
        reject_sink.finish()
    return summary


def file_outcome(outcome: Outcome, summary: Summary, sink, reject_sink, report_error: Callable[[str], None]) -> None:
    """Put one item's outcome where it belongs (output, rejects or error report) and count it there."""
    summary.read += 1
    if outcome.error is not None:
        summary.errors += 1
        report_error(f"{outcome.key}: {outcome.error}")
    elif outcome.skipped is not None:
        summary.skipped[outcome.skipped] += 1
    else:
        summary.removed_lines.update(dict(outcome.removed))
        dropped = outcome.row["dropped"]
        if dropped is None:
            summary.written += 1
            sink.write(outcome.row)
        else:
            summary.rejected[dropped] += 1
            (reject_sink or sink).write(outcome.row)


@dataclass(frozen=True, slots=True)
class MarkedDuplicates:
    clusters: DuplicateClusters
    #: Duplicates written to the rejects sink rather than the output.
    moved: int


def write_marked_duplicates(records: Path, config: DedupConfig, jobs: int, sink, reject_sink=None) -> MarkedDuplicates:
    """Read JSONL records twice: find near-duplicate clusters, then write every record marked.

    Each record gets ``dup_cluster`` and ``is_duplicate``; with a rejects
    sink, duplicates go there with ``dropped: "duplicate"``.
    """
    clusters = find_duplicates(jsonl_rows(records), config, jobs=jobs)
    return MarkedDuplicates(clusters, write_marked(jsonl_rows(records), clusters, sink, reject_sink))


def write_marked(rows: Iterable[dict[str, Any]], clusters: DuplicateClusters, sink, reject_sink=None) -> int:
    """Write each row with its cluster; with a rejects sink, duplicates go there. Returns how many went there."""
    moved = 0
    for row in rows:
        row = clusters.annotate(row)
        if row["is_duplicate"] and reject_sink is not None:
            reject_sink.write({**row, "dropped": "duplicate"})
            moved += 1
        else:
            sink.write(row)
    return moved


def write_without_repeated_paragraphs(records: Path, config: RepeatedParagraphConfig, sink) -> int:
    """Read JSONL records twice: count their paragraphs, then write each without the run's repeated ones.

    Returns how many paragraphs were found repeated.
    """
    repeated = ParagraphCounter(config).add_records(jsonl_rows(records)).repeated()
    for row in strip_repeated(jsonl_rows(records), repeated):
        sink.write(row)
    return len(repeated)


def _scratch_name(output: str, stage: str = "undeduplicated") -> str:
    if output == "-":
        return f".cleanscrape-{os.getpid()}.{stage}.jsonl"
    return f"{output}.{stage}.jsonl"


def _already_done(item: Item, done: set[str], summary: Summary) -> bool:
    if isinstance(item, InputPage) and item.key in done:
        summary.read += 1
        summary.resumed += 1
        return True
    return False


def learn_site_profile(
    inputs: Iterable[str], fields: FieldNames, config: SiteProfileConfig, report_error: Callable[[str], None],
    folder_glob: str | None = None,
) -> SiteProfile:
    """First pass of site-template cleaning: count each site's lines over every readable page."""
    learner = SiteProfileLearner(config)
    count_site_lines(learner, read_all(list(inputs), fields, folder_glob=folder_glob), report_error)
    return learner.profile()


def count_site_lines(learner: SiteProfileLearner, items: Iterable[Item], report_error: Callable[[str], None]) -> None:
    """Count the lines of every readable page under its site; unreadable items are reported."""
    for item in items:
        if isinstance(item, ReadFailure):
            report_error(f"{item.key}: {item.message}")
        elif isinstance(item, InputPage):
            site = page_site(item)
            if site is None:
                learner.pages_without_site += 1
                continue
            text = item.content if isinstance(item.content, str) else decode_page(item.content, item.content_type)
            learner.add(site, text)
