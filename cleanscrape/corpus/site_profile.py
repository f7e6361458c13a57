"""Site templates: lines a site repeats across its pages, learned from many pages and removed when cleaning.

One page cannot always tell a menu or a newsletter box from content; a
hundred pages of the same site can. A line is a template line of its site
when it, or a near-identical line (:mod:`.template_lines`), appears on

* at least ``min_pages`` pages, and
* at least ``min_share`` of the site's pages.

Both are required: a quote that two pages of a large site share is not a
template, nor is a coincidence among a few pages. A site with fewer than
``min_site_pages`` pages gets no profile; its pages are cleaned one by one
as before. Two passes::

    profile = SiteProfile.learn(records)      # streaming; {"url" or "site"/"source", "text"}
    profile.save("profile.json")              # readable JSON, versioned
    profile = SiteProfile.load("profile.json")
    record = clean_with_profile(cleaner, profile, page_text, url=url)

Learning is order-independent and exact while each site stays under
``max_keys_per_site`` distinct lines. Past that, lines seen on few pages are
dropped (lossy counting): the profile records the count below which lines
may have been dropped, and only such rare lines are affected.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cleaner import Cleaner
from ..htmltext import html_to_text, reads_as_html
from ..lines import split_lines
from ..record import Record
from ..urls import url_host
from .banding import similar_pairs
from .records import record_text, site_key
from .template_lines import CHAR_SHINGLE, KeySigner, TemplateLineMatcher, template_key

FORMAT = "cleanscrape.site_profile"
VERSION = 1
#: In an LSH bucket of keys, each key is compared with at most this many others.
_MAX_BUCKET_COMPARISONS = 64


@dataclass(frozen=True)
class SiteProfileConfig:
    """Options for learning site templates. Every field has a documented default."""

    #: Sites with fewer pages get no profile (single-page cleaning only).
    min_site_pages: int = 10
    #: A template line appears on at least this many pages of its site ...
    min_pages: int = 5
    #: ... and on at least this share of them.
    min_share: float = 0.5
    #: Estimated Jaccard similarity (character 3-grams of the folded line) at
    #: which two lines count as one: an added menu item, a changed word.
    line_similarity: float = 0.7
    #: Shorter folded lines must match exactly.
    min_similar_chars: int = 12
    #: Longer lines are never template candidates (and are not counted).
    max_line_chars: int = 300
    #: Distinct lines counted per site; beyond it the rarest are dropped.
    #: About 100 bytes each: 100,000 lines is some 10 MB per site.
    max_keys_per_site: int = 100_000
    #: MinHash permutations and seed for line signatures.
    num_perm: int = 64
    seed: int = 1

    def __post_init__(self) -> None:
        if not 0.0 < self.min_share <= 1.0:
            raise ValueError(f"min_share must be in (0, 1], got {self.min_share}")
        if not 0.0 < self.line_similarity < 1.0:
            raise ValueError(f"line_similarity must be in (0, 1), got {self.line_similarity}")
        for name in ("min_site_pages", "min_pages", "max_line_chars", "max_keys_per_site"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.num_perm < 16:
            raise ValueError(f"num_perm must be at least 16, got {self.num_perm}")

    def replace(self, **changes: object) -> SiteProfileConfig:
        """A copy with some options changed; unknown names raise TypeError."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise TypeError(f"unknown site profile option(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class SiteTemplate:
    """One site's template lines: folded line -> pages it (or a near-identical line) is on."""

    pages: int
    lines: Mapping[str, int]
    #: 0 when every line was counted. Otherwise the site outgrew
    #: ``max_keys_per_site``: lines on at most this many pages may be missing,
    #: and any count may be short by as much.
    max_undercount: int = 0


@dataclass(slots=True)
class _SiteCounts:
    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    max_undercount: int = 0


class SiteProfileLearner:
    """Counts, page by page, the lines of each site; ``profile()`` settles the template lines."""

    def __init__(self, config: SiteProfileConfig | None = None) -> None:
        self.config = config or SiteProfileConfig()
        self._sites: dict[str, _SiteCounts] = {}
        self.pages_without_site = 0

    def add(self, site: str, page_text: str, input_format: str = "auto") -> None:
        """Count one page of ``site``; a page read as HTML (``input_format``, as the cleaner reads it) is
        rendered to text first."""
        if reads_as_html(page_text, input_format):
            page_text = html_to_text(page_text)
        counts = self._sites.setdefault(site, _SiteCounts())
        counts.pages += 1
        keys = {template_key(line) for line in split_lines(page_text) if len(line.strip()) <= self.config.max_line_chars}
        keys.discard("")
        for key in keys:
            counts.counts[key] = counts.counts.get(key, 0) + 1
        if len(counts.counts) > self.config.max_keys_per_site:
            self._prune(counts)

    def add_record(self, record: object) -> bool:
        """Count a record's page under its site (see :func:`.records.site_key`); False when it has none."""
        site = site_key(record)
        if site is None:
            self.pages_without_site += 1
            return False
        self.add(site, record_text(record))
        return True

    def merge(self, other: SiteProfileLearner) -> SiteProfileLearner:
        """Add the counts of another learner's pages (counted apart, on a cluster) to this one's; returns self.

        The result is the counts of both page sets read by one learner, as
        long as no site outgrew ``max_keys_per_site``; otherwise undercounts
        add up, and the profile says so through ``max_undercount``.
        """
        if other.config != self.config:
            raise ValueError("cannot merge site counts learned under different options")
        self.pages_without_site += other.pages_without_site
        for name, theirs in other._sites.items():
            counts = self._sites.setdefault(name, _SiteCounts())
            counts.pages += theirs.pages
            counts.max_undercount += theirs.max_undercount
            for key, count in theirs.counts.items():
                counts.counts[key] = counts.counts.get(key, 0) + count
            if len(counts.counts) > self.config.max_keys_per_site:
                self._prune(counts)
        return self

    def _prune(self, site: _SiteCounts) -> None:
        """Drop the rarest lines until half the cap is used (lossy counting)."""
        while len(site.counts) > self.config.max_keys_per_site // 2:
            site.max_undercount += 1
            site.counts = {key: count for key, count in site.counts.items() if count > site.max_undercount}

    def profile(self) -> SiteProfile:
        config = self.config
        signer = KeySigner(config.num_perm, config.seed, config.line_similarity)
        sites, small_sites, small_site_pages = {}, 0, 0
        for name in sorted(self._sites):
            counts = self._sites[name]
            if counts.pages < config.min_site_pages:
                small_sites += 1
                small_site_pages += counts.pages
                continue
            sites[name] = SiteTemplate(counts.pages, self._template_lines(counts, signer), counts.max_undercount)
        stats = {
            "sites_too_small": small_sites,
            "pages_of_sites_too_small": small_site_pages,
            "pages_without_site": self.pages_without_site,
        }
        return SiteProfile(sites, config, stats)

    def _template_lines(self, site: _SiteCounts, signer: KeySigner) -> dict[str, int]:
        """Lines whose pages, with those of near-identical lines, reach both thresholds.

        Near-identical lines lend each other their pages, but only directly
        (no chains: "how to grow beans" and "how to grow peas" do not make
        every "how to grow" heading a template). A page holding two variants
        counts twice; the result is capped at the site's page count.
        """
        counts = site.counts
        pages = dict(counts)
        # Keys seen on one page only are left out: they would lend a single page.
        similar = sorted(key for key, count in counts.items() if count >= 2 and len(key) >= self.config.min_similar_chars)
        if len(similar) >= 2:
            pairs = similar_pairs(signer.signatures(similar), signer.bands, signer.rows, signer.threshold, _MAX_BUCKET_COMPARISONS)
            for first, second in pairs:
                pages[similar[first]] += counts[similar[second]]
                pages[similar[second]] += counts[similar[first]]
        config = self.config
        return {
            key: min(count, site.pages)
            for key, count in sorted(pages.items())
            if count >= config.min_pages and min(count, site.pages) >= config.min_share * site.pages
        }


class SiteProfile:
    """The template lines of each profiled site, with the options they were learned under."""

    def __init__(
        self, sites: Mapping[str, SiteTemplate], config: SiteProfileConfig | None = None, stats: Mapping[str, int] | None = None
    ) -> None:
        self.sites = dict(sites)
        self.config = config or SiteProfileConfig()
        self.stats = dict(stats or {})
        # Built on first use per site; building them all up front would cost
        # a signature per template line of every site.
        self._matchers: dict[str, TemplateLineMatcher] = {}
        self._signer: KeySigner | None = None

    @classmethod
    def learn(cls, records: Iterable[object], config: SiteProfileConfig | None = None) -> SiteProfile:
        """Learn from page records (``url`` or ``site``/``source``, and ``text``: the page text), read once."""
        learner = SiteProfileLearner(config)
        for record in records:
            learner.add_record(record)
        return learner.profile()

    def matcher(self, site: str | None) -> TemplateLineMatcher | None:
        """A line test for the site's template lines; None when the site has no profile."""
        if site is None or site not in self.sites:
            return None
        if site not in self._matchers:
            if self._signer is None:
                self._signer = KeySigner(self.config.num_perm, self.config.seed, self.config.line_similarity)
            self._matchers[site] = TemplateLineMatcher(
                self.sites[site].lines, self._signer, self.config.max_line_chars, self.config.min_similar_chars
            )
        return self._matchers[site]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "config": dataclasses.asdict(self.config),
            # What the line keys and their signatures are, beyond the config.
            "line_keys": {"numbers": "0", "fold": "casefold, punctuation to spaces", "char_shingle": CHAR_SHINGLE,
                          "minhash": "datasketch affine32, crc32"},
            "stats": dict(sorted(self.stats.items())),
            "sites": {
                name: {"pages": site.pages, "max_undercount": site.max_undercount, "template_lines": dict(site.lines)}
                for name, site in sorted(self.sites.items())
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SiteProfile:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a cleanscrape site profile (format {data.get('format')!r})")
        if not isinstance(data.get("version"), int) or data["version"] > VERSION:
            raise ValueError(f"site profile version {data.get('version')!r} is newer than this cleanscrape reads ({VERSION})")
        config = SiteProfileConfig().replace(**data.get("config", {}))
        sites = {
            name: SiteTemplate(int(site["pages"]), {str(k): int(v) for k, v in site["template_lines"].items()}, int(site.get("max_undercount", 0)))
            for name, site in data.get("sites", {}).items()
        }
        return cls(sites, config, data.get("stats"))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SiteProfile:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SiteProfile):
            return NotImplemented
        return (self.sites, self.config, self.stats) == (other.sites, other.config, other.stats)

    def __repr__(self) -> str:
        return f"SiteProfile({len(self.sites)} sites, {sum(len(s.lines) for s in self.sites.values())} template lines)"


def clean_with_profile(
    cleaner: Cleaner,
    profile: SiteProfile,
    page: str | bytes,
    *,
    url: str | None = None,
    id: str | None = None,
    site: str | None = None,
    input_format: str | None = None,
    content_type: str | None = None,
) -> Record:
    """Clean one page, removing its site's template lines as ``site_template``.

    The site is the URL's host, else ``site``, as when learning. A page of a
    site without a profile is cleaned as by ``cleaner.clean``.
    """
    matcher = profile.matcher(url_host(url) or site)
    return cleaner.clean(page, url=url, id=id, input_format=input_format, is_site_template=matcher, content_type=content_type)
