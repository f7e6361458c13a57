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
from .decoding import decode_page, page_text
from .extract import PageTimeout
from .htmltext import html_to_text
from .io.compression import DEFAULT_MAX_RECORD_BYTES
from .io.sinks import PARTIAL, JsonlSink, RowNotWritable, made_safe, open_sink
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
        """Records first written (or resumed), then found to be duplicates and moved to the rejects."""
        from_written = min(moved, self.written)
        self.written -= from_written
        self.resumed -= moved - from_written
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
    too_large = page_too_large(item, cleaner.config.max_page_mb)
    if too_large:
        return Outcome(item.key, error=too_large)
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


def page_too_large(page: InputPage, max_page_mb: float | None) -> str | None:
    """Why a page is not cleaned (larger than ``max_page_mb``: cleaning takes about 30 times a page's size in
    memory), or None. Text is measured in characters, bytes in bytes."""
    if max_page_mb is None or len(page.content) <= max_page_mb * 2**20:
        return None
    size = len(page.content) / 2**20
    return f"PageTooLarge: the page is {size:.1f} MB, over max_page_mb={max_page_mb:g} (raise it with --option max_page_mb=N)"


def _sized(item: Item, max_page_mb: float | None) -> Item:
    """A page over the size limit becomes its error here, before it is sent to a worker process."""
    if isinstance(item, InputPage):
        too_large = page_too_large(item, max_page_mb)
        if too_large:
            return ReadFailure(item.source, item.position, too_large)
    return item


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
    """Clean every input page into the output, the rejects or the error report, and count each where it went.

    With a corpus pass (dedup, repeated paragraphs), kept records wait in a scratch JSONL file
    (``OUTPUT.undeduplicated.jsonl.partial``) until every page is cleaned; an interrupted run resumes from it.
    """
    summary = Summary()
    dedup = options.dedup is not None
    corpus = options.corpus_pass
    # With a corpus pass the output is written whole at the end, from the scratch file; duplicates
    # found then are appended to the rejects, after every reject of the cleaning (a resume drops them).
    final_sink = open_sink(output, options.resume and not corpus)
    sinks = [final_sink]
    try:
        reject_sink = open_sink(rejects, options.resume, **({"resume_until_dropped": "duplicate"} if dedup else {})) if rejects else None
        sinks.append(reject_sink)
        sink = JsonlSink(_scratch_name(output), options.resume) if corpus else final_sink
        sinks.append(sink)
        done = Counter(sink.done_keys)
        if reject_sink is not None:
            done.update(reject_sink.done_keys)
        ids = DedupIds(set(sink.done_ids)) if dedup else None
        items = read_all(
            list(inputs), options.fields, options.stdin_format, options.folder_glob, max_record_bytes=options.max_record_bytes
        )
        pending = (_sized(item, options.config.max_page_mb) for item in items if not _already_done(item, done, summary))
        for outcome in _outcomes(pending, options):
            file_outcome(outcome, summary, sink, reject_sink, report_error, ids)
            if progress:
                progress(1)
        if corpus:
            if reject_sink is not None:
                reject_sink.flush()  # the cleaning's rejects end here: a resume keeps them, drops what follows
            sink.abort()  # the scratch file stays until the output is in place
            scratch = Path(_scratch_name(output) + PARTIAL)
            if options.dedup_paragraphs is not None:
                stripped = JsonlSink(_scratch_name(output, "stripped")) if dedup else final_sink
                sinks.append(stripped)
                write_without_repeated_paragraphs(scratch, options.dedup_paragraphs, stripped)
                if dedup:
                    stripped.finish()
                    scratch = Path(_scratch_name(output, "stripped"))
            if dedup:
                marked = write_marked_duplicates(scratch, options.dedup, options.jobs, final_sink, reject_sink)
                summary.count_duplicates(marked.moved)
                summary.duplicates += marked.clusters.summary()["duplicates"]
    except BaseException:
        for open_one in {id(s): s for s in sinks if s is not None}.values():
            open_one.abort()
        raise
    final_sink.finish()
    if reject_sink:
        reject_sink.finish()
    if corpus:
        Path(_scratch_name(output) + PARTIAL).unlink(missing_ok=True)
        Path(_scratch_name(output, "stripped")).unlink(missing_ok=True)
    return summary


@dataclass
class DedupIds:
    """The ids of the records kept so far: --dedup needs each kept record to have its own."""

    seen: set[str] = field(default_factory=set)

    def problem(self, row: dict[str, Any]) -> str | None:
        """Why a kept row cannot be deduplicated (no id, or one already kept), or None; its id is then taken."""
        value = row.get("id")
        if value is None or value == "":
            return "DedupIdError: the record has an empty id; --dedup needs an id for every record (--id-field)"
        key = made_safe(str(value))  # as it is written
        if key in self.seen:
            return f"DedupIdError: id {key!r} is already taken by an earlier record; --dedup needs distinct ids (--id-field)"
        self.seen.add(key)
        return None


def file_outcome(
    outcome: Outcome, summary: Summary, sink, reject_sink, report_error: Callable[[str], None], ids: DedupIds | None = None,
) -> None:
    """Put one item's outcome where it belongs (output, rejects or error report) and count it there.

    A row that cannot be written (values nested too deeply), or with ``ids``
    a kept row whose id is empty or taken, is an error for that record alone.
    """
    summary.read += 1
    error = outcome.error
    if error is None and outcome.skipped is None:
        kept = outcome.row["dropped"] is None
        target = sink if kept else (reject_sink or sink)
        error = ids.problem(outcome.row) if kept and ids is not None else None
        if error is None:
            try:
                target.write(outcome.row)
            except RowNotWritable as unwritable:
                error = str(unwritable)
        if error is None:
            summary.removed_lines.update(dict(outcome.removed))
            if kept:
                summary.written += 1
            else:
                summary.rejected[outcome.row["dropped"]] += 1
            return
    if error is not None:
        summary.errors += 1
        report_error(f"{outcome.key}: {error}")
    else:
        summary.skipped[outcome.skipped] += 1


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


def _already_done(item: Item, done: Counter, summary: Summary) -> bool:
    """An item an interrupted run already wrote; each row written stands for one item (an input listed twice has two)."""
    if isinstance(item, InputPage) and done[item.key] > 0:
        done[item.key] -= 1
        summary.read += 1
        summary.resumed += 1
        return True
    return False


def learn_site_profile(
    inputs: Iterable[str], fields: FieldNames, config: SiteProfileConfig, report_error: Callable[[str], None],
    folder_glob: str | None = None, max_record_bytes: int | None = DEFAULT_MAX_RECORD_BYTES,
) -> SiteProfile:
    """First pass of site-template cleaning: count each site's lines over every readable page."""
    learner = SiteProfileLearner(config)
    items = read_all(list(inputs), fields, folder_glob=folder_glob, max_record_bytes=max_record_bytes)
    count_site_lines(learner, items, report_error)
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
            learner.add(site, page_text(item.content, item.content_type), item.input_format)
