"""The local executor: the steps of a run (:mod:`cleanscrape.steps`) on this machine, pages cleaned in worker processes.

Every page read ends in the output, the rejects file, or the error report;
pages already written by an interrupted run are counted as resumed. Output
order is input order whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .cleaner import Cleaner
from .corpus.site_profile import SiteProfile, SiteProfileConfig, SiteProfileLearner
from .io.compression import DEFAULT_MAX_RECORD_BYTES
from .io.sinks import PARTIAL, JsonlSink, open_sink
from .io.sources import FieldNames, InputPage, Item
from .steps import (
    BatchOptions, DedupIds, Outcome, Summary, count_site_lines, file_outcome, page_pool, read_pages,
    write_marked_duplicates, write_without_repeated_paragraphs,
)
from .steps.clean import sized, warm_up


class LocalExecutor:
    """Runs a run's passes on this machine (see :func:`cleanscrape.run.clean_run`)."""

    def learn_site_profile(self, inputs: Iterable[str], options: BatchOptions, config: SiteProfileConfig,
                           report_error: Callable[[str], None]) -> SiteProfile:
        learner = SiteProfileLearner(config)
        count_site_lines(learner, read_pages(inputs, options), report_error, options.config.input_format)
        return learner.profile()

    def clean(self, inputs: Iterable[str], output: str, rejects: str | None, options: BatchOptions,
              report_error: Callable[[str], None], progress: Callable[[int], None] | None = None) -> Summary:
        return run_batch(inputs, output, rejects, options, report_error, progress)


def _outcomes(items: Iterable[Item], options: BatchOptions) -> Iterator[Outcome]:
    # Forked workers start at once and share the language profiles loaded here; spawn (the
    # only way elsewhere) re-imports everything in each worker. One worker loads only what its
    # pages need (a run of text pages never imports trafilatura).
    launch = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    cleaner = Cleaner(options.config)
    if launch == "fork" and options.jobs > 1:
        warm_up(cleaner)
    # Even one job cleans in a worker process: only there does the page deadline hold for
    # every step, and a page that kills its process costs only itself.
    with page_pool(options, options.jobs, launch, cleaner) as pool:
        yield from pool.imap(items)


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
    # With a corpus pass the output is written whole at the end, from the scratch file; the rejects
    # it finds then (duplicates, records left too short) follow every reject of the cleaning, and a
    # resume drops them: they are the rows of kept records, or of duplicates.
    final_sink = open_sink(output, options.resume and not corpus)
    sinks = [final_sink]
    scratch_sink = stripped = reject_sink = None
    try:
        scratch_sink = JsonlSink(_scratch_name(output), options.resume) if corpus else None
        sinks.append(scratch_sink)
        kept_before = set(scratch_sink.done_keys) if scratch_sink is not None else set()

        def written_by_corpus_pass(row: dict) -> bool:
            return row.get("dropped") == "duplicate" or row.get("source") in kept_before

        reject_sink = open_sink(rejects, options.resume, **({"resume_until_dropped": written_by_corpus_pass} if corpus else {})) \
            if rejects else None
        sinks.append(reject_sink)
        sink = scratch_sink or final_sink
        done = Counter(sink.done_keys)
        if reject_sink is not None:
            done.update(reject_sink.done_keys)
        ids = DedupIds(set(sink.done_ids)) if dedup else None
        pending = (sized(item, options.config.max_page_mb) for item in read_pages(inputs, options) if not _already_done(item, done, summary))
        for outcome in _outcomes(pending, options):
            file_outcome(outcome, summary, sink, reject_sink, report_error, ids)
            if progress:
                progress(1)
        if corpus:
            if reject_sink is not None:
                reject_sink.flush()  # the cleaning's rejects end here: a resume keeps them, drops what follows
            scratch_sink.abort()  # the scratch file stays until the output is in place
            scratch = Path(_scratch_name(output) + PARTIAL)
            if options.dedup_paragraphs is not None:
                stripped = JsonlSink(_scratch_name(output, "stripped")) if dedup else final_sink
                sinks.append(stripped)
                result = write_without_repeated_paragraphs(
                    scratch, options.dedup_paragraphs, stripped, reject_sink, options.config.min_words
                )
                result.count_in(summary)
                if dedup:
                    stripped.finish()
                    scratch = Path(_scratch_name(output, "stripped"))
            if dedup:
                marked = write_marked_duplicates(scratch, options.dedup, options.jobs, final_sink, reject_sink)
                summary.count_duplicates(marked.moved)
                summary.duplicates += marked.clusters.summary()["duplicates"]
    except BaseException:
        for open_one in {id(s): s for s in sinks if s is not None}.values():
            # A scratch file only a finished run could use (the stripped records; any of a run
            # into stdout, which cannot resume) goes; the rest stays for --resume.
            if (open_one is stripped and stripped is not final_sink) or (open_one is scratch_sink and output == "-"):
                open_one.discard()
            else:
                open_one.abort()
        if stripped is not None and stripped is not final_sink:
            Path(_scratch_name(output, "stripped")).unlink(missing_ok=True)
        raise
    final_sink.finish()
    if reject_sink:
        reject_sink.finish()
    if corpus:
        Path(_scratch_name(output) + PARTIAL).unlink(missing_ok=True)
        Path(_scratch_name(output, "stripped")).unlink(missing_ok=True)
    return summary


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
    options = BatchOptions(fields=fields, folder_glob=folder_glob, max_record_bytes=max_record_bytes)
    return LocalExecutor().learn_site_profile(inputs, options, config, report_error)
