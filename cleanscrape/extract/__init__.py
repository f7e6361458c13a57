"""An HTML page's main content: candidate extractors, the page's kind, and the arbiter that
chooses among them and says why (:mod:`cleanscrape.extract.arbiter`)."""

from .arbiter import RULES, Readers
from .candidate import FULL_PAGE, MAIN_ELEMENT, RESILIPARSE, TRAFILATURA, TRAFILATURA_PRECISION, Candidate, Page
from .deadline import PageTimeout
from .main_content import Extraction, extract_main_content
from .page_kind import PageKind

__all__ = [
    "FULL_PAGE", "MAIN_ELEMENT", "RESILIPARSE", "RULES", "TRAFILATURA", "TRAFILATURA_PRECISION",
    "Candidate", "Extraction", "Page", "PageKind", "PageTimeout", "Readers", "extract_main_content",
]
