"""What a cleaning run does: the options every step and executor reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import CleanerConfig
from ..corpus.dedup import DedupConfig
from ..corpus.repeated_paragraphs import RepeatedParagraphConfig
from ..corpus.site_profile import SiteProfile
from ..io.compression import DEFAULT_MAX_RECORD_BYTES
from ..io.sources import FieldNames


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
