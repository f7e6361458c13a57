"""cleanscrape: scraped web pages in, clean article records out."""

from .cleaner import Cleaner, clean
from .config import CleanerConfig
from .record import Metadata, Record, RemovedLine

__version__ = "0.1.0"

__all__ = ["Cleaner", "CleanerConfig", "Metadata", "Record", "RemovedLine", "clean", "__version__"]
