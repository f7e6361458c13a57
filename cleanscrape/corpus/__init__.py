"""Corpus steps: what many pages together tell that one page cannot.

* :mod:`.dedup` — near-duplicate documents (exact hash, MinHash LSH, clusters).
* :mod:`.site_profile` — lines a site repeats on its pages (menus, footers),
  learned from many pages and removed as ``site_template``.

Records are mappings (JSON objects) or objects with the same attributes,
such as :class:`cleanscrape.Record`; see :mod:`.records`.
"""

from .dedup import DedupConfig, DuplicateClusters, deduplicate, find_duplicates, mark_duplicates
from .records import site_key
from .signatures import SignatureScheme
from .site_profile import SiteProfile, SiteProfileConfig, SiteProfileLearner, SiteTemplate, clean_with_profile

__all__ = [
    "DedupConfig",
    "DuplicateClusters",
    "SignatureScheme",
    "SiteProfile",
    "SiteProfileConfig",
    "SiteProfileLearner",
    "SiteTemplate",
    "clean_with_profile",
    "deduplicate",
    "find_duplicates",
    "mark_duplicates",
    "site_key",
]
