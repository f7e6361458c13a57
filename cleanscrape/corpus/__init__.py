"""Corpus steps: what many pages together tell that one page cannot.

* :mod:`.dedup` — near-duplicate documents (exact hash, MinHash LSH, clusters).
* :mod:`.site_profile` — lines a site repeats on its pages (menus, footers),
  learned from many pages and removed as ``site_template``.
* :mod:`.repeated_paragraphs` — paragraphs many documents of a run repeat
  across sites (legal notices, cookie texts), removed as ``repeated_paragraph``.

Records are mappings (JSON objects) or objects with the same attributes,
such as :class:`cleanscrape.Record`; see :mod:`.records`.
"""

from .dedup import DedupConfig, DuplicateClusters, deduplicate, find_duplicates, mark_duplicates
from .records import site_key
from .repeated_paragraphs import ParagraphCounter, RepeatedParagraphConfig, RepeatedParagraphs, remove_repeated_paragraphs
from .signatures import SignatureScheme
from .site_profile import SiteProfile, SiteProfileConfig, SiteProfileLearner, SiteTemplate, clean_with_profile

__all__ = [
    "DedupConfig",
    "DuplicateClusters",
    "ParagraphCounter",
    "RepeatedParagraphConfig",
    "RepeatedParagraphs",
    "SignatureScheme",
    "SiteProfile",
    "SiteProfileConfig",
    "SiteProfileLearner",
    "SiteTemplate",
    "clean_with_profile",
    "deduplicate",
    "find_duplicates",
    "mark_duplicates",
    "remove_repeated_paragraphs",
    "site_key",
]
