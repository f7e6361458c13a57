"""The steps of a cleaning run, each a small unit that an executor runs where it likes.

read (:mod:`.read`) -> clean (:mod:`.clean`, in a worker process under the page
deadline) -> file each outcome (:mod:`.write`) -> corpus passes over the kept
records: repeated paragraphs (:mod:`.paragraphs`), near-duplicates (:mod:`.dedup`).
Site templates are learned (:mod:`.learn`) in a pass of their own before cleaning.

:class:`cleanscrape.batch.LocalExecutor` runs them on this machine,
:class:`cleanscrape.dask.DaskExecutor` on a Dask cluster; :func:`cleanscrape.run.clean_run`
orders the passes once for both.
"""

from .clean import Outcome, clean_item, cleaning_step, page_pool, page_too_large
from .dedup import DedupIds, MarkedDuplicates, write_marked, write_marked_duplicates
from .learn import count_site_lines
from .options import BatchOptions
from .paragraphs import Stripped, write_without_repeated_paragraphs
from .read import page_site, read_pages
from .write import Summary, file_outcome

__all__ = [
    "BatchOptions", "DedupIds", "MarkedDuplicates", "Outcome", "Stripped", "Summary", "clean_item", "cleaning_step",
    "count_site_lines", "file_outcome", "page_pool", "page_site", "page_too_large", "read_pages", "write_marked",
    "write_marked_duplicates", "write_without_repeated_paragraphs",
]
