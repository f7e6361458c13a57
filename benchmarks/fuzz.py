"""Hostile inputs for ``cleanscrape.clean``: no exception escapes, no page hangs, cleaning is idempotent.

A seeded generator makes each input from its number alone (``random.Random(f"{seed}:{number}")``),
so any failure is replayed with ``--only NUMBER``. The kinds of input:

* ``tag_soup``: random HTML with unbalanced and rare elements (frameset, template, math, svg,
  table soup, select, plaintext...), comments, CDATA, entities, JSON-LD and meta tags;
* ``text``: page text from template words, separators, control characters, lone surrogates
  and bidi marks, lines repeated;
* ``random_bytes``;
* ``encoded_html``: tag soup in one of many encodings, some bytes flipped, its declared
  charset (``<meta>`` or HTTP header) sometimes a lie;
* ``deep_nesting``, ``huge_attribute``, ``entity_flood``, ``long_line`` (up to 10 MB on one line).

Each input is cleaned once (HTML, text or bytes as generated, with the default options and
the page deadline as ``html_timeout``), then the record's text is cleaned again as page text
with the same options. Where the record came from the text path (``extractor == "text"``)
it must come back unchanged: that is idempotence. An HTML record's text was cleaned by the
rules for an extractor's main content, which leave more in than the page-text rules; a
change there is counted apart (``html_text_recleaned_differently``), not as a failure.
The report gives exceptions by type, hangs (inputs not done at twice the deadline in CPU time: not stopped by it), pages stopped at the
deadline (``PageTimeout``) or done after it, the worst time,
peak memory (max RSS) and non-idempotent texts, with the numbers of the inputs that
showed them. With ``--bombs`` it also writes gzip
and zstd bombs and runs ``cleanscrape clean`` on them, which must refuse each one per record.

    python benchmarks/fuzz.py --count 3000 --seed 1 [--shard 0/2] [--json out.json] [--save DIR]
    python benchmarks/fuzz.py --only 1234 --seed 1 --save DIR     # replay one input
    python benchmarks/fuzz.py --merge a.json b.json               # one report from shards
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleanscrape import Cleaner, CleanerConfig  # noqa: E402
from cleanscrape.extract import PageTimeout  # noqa: E402

#: Seconds one page may take; html_timeout is set to it, a page past it (plus slack for the
#: text steps after extraction) is a hang.
DEFAULT_DEADLINE = 30.0

# ---------------------------------------------------------------- generators

WORDS = (
    "the of and to in a is that for it as was with be by on not this are or from at which have an they were "
    "harbour council river engineers report water storm budget season farmers market village bridge school "
    "museum railway library winter summer city workers doctors election committee article posts reply"
).split()
TEMPLATE = [
    "Home", "Share", "Tweet", "Comments", "3 Comments", "Leave a reply", "Read more", "Read more:", "Next:",
    "Previous", "Advertisement", "Subscribe to our newsletter", "Privacy Policy", "Terms of Use", "Login",
    "© 2025 Example Media. All rights reserved.", "By Jane Doe", "March 3, 2025", "Photo: Getty Images",
    "Related Posts", "{{ user.name }}", "{% block %}", "${x}", "Facebook Twitter LinkedIn Email", "• HOME",
    "1.", "-", "-a", "tel: +1 555 0100", "5 min read", "广告", "中文", "русский", "عربي", "😀", "QAPage",
    '"@type": "Article"', "og:type", "]]>", "-->", "role=main", ">", "»", "›", "|", "/", "&amp;", "&#0;",
]
SEPARATORS = [" ", " ", " ", "  ", " | ", " > ", " · ", " — ", "\t", "\n", "\n", "\n\n", "\r\n", "\r",
              "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\xa0", "\u200b", "\ufeff", "\u3000"]
CONTROLS = [chr(code) for code in (*range(0, 9), 0x0E, 0x1B, 0x1F, 0x7F, 0x80, 0x9F)]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"]
ODD = ["\ufffd", "\ufffe", "\uffff", "\U0010ffff", "\u0301", "\u034f", "\u00ad", "ﬁ", "Ⅻ", "\U0001d400", "İ", "ß", "ǅ"]

ELEMENTS = (
    "html head body title meta link base style script noscript template frameset frame iframe object embed "
    "math mi mo mn msup svg g path foreignObject desc table caption colgroup col thead tbody tfoot tr td th "
    "select option optgroup textarea xmp plaintext listing pre code main article section nav header footer "
    "aside h1 h2 h3 h4 h5 h6 p div span a ul ol li dl dt dd blockquote figure figcaption form button input "
    "label ruby rt rp marquee nobr image isindex font center br hr img wbr picture source video audio "
    "details summary dialog slot time address"
).split()
CLASSES = ["nav", "menu", "comment", "comments", "share", "footer", "sidebar", "related", "content", "article",
           "post-body", "entry-content", "byline", "author", "ad", "widget", "breadcrumb", "tabpanel", "hidden"]
ATTRIBUTES = [
    lambda r: f'class="{r.choice(CLASSES)}"', lambda r: f'id="{r.choice(CLASSES)}"', lambda r: 'role="main"',
    lambda r: 'role="tabpanel"', lambda r: "hidden", lambda r: 'style="display:none"',
    lambda r: 'itemtype="https://schema.org/QAPage"', lambda r: 'itemscope itemtype="http://schema.org/Product"',
    lambda r: 'property="og:type" content="article"', lambda r: 'name="author" content="Jane Doe"',
    lambda r: f'href="{r.choice(["/", "#", "javascript:void(0)", "http://[::1", "//x", "mailto:"])}"',
    lambda r: 'lang="ar" dir="rtl"', lambda r: f'datetime="{r.choice(["2025-03-03", "0000-00-00", "9999-99-99T99"])}"',
    lambda r: "x=\"unterminated", lambda r: "=weird", lambda r: 'a="1" a="2"',
]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&#0;", "&#x0;", "&#xD800;", "&#x110000;", "&#65;", "&#x1F600;",
            "&bogus;", "&amp", "&", "&#", "&#x;", "&NotNestedGreaterGreater;", "&#128;", "&#x202E;"]
JSON_LD = [
    '{"@context":"https://schema.org","@type":"Article","headline":"Storm","datePublished":"2025-03-03","author":{"@type":"Person","name":"Jane Doe"}}',
    '{"@type":["NewsArticle"],"datePublished":"not a date","author":[{"name":null}]}',
    '{"@type":"QAPage","mainEntity":{"@type":"Question","acceptedAnswer":{"text":"yes"}}}',
    '{"@graph":[{"@type":"Product","name":"Lamp"}]}',
    '{"@type":"Article",', "[[[[", '{"@type":', '{"datePublished":"2025-13-45T99:99"}', "null", '"string"',
    '{"author":{"name":{"name":{"name":"x"}}}}', '{"@type":"DiscussionForumPosting"}',
]
META = [
    '<meta property="og:type" content="article">', '<meta name="date" content="2025-03-03">',
    '<meta name="author" content="Jane">', '<meta property="article:published_time" content="3025-99-01">',
    '<meta charset="utf-8">', '<meta http-equiv="content-type" content="text/html; charset=windows-1251">',
    '<meta name="description" content="A page about nothing">', '<meta property="og:site_name" content="@site">',
    '<link rel="canonical" href="http://[bad">', '<meta name="date" content="">',
]
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1251", "koi8-r",
             "shift_jis", "euc-jp", "gb18030", "big5", "euc-kr", "iso-8859-7", "cp1256", "utf-7"]


def _word(r: random.Random) -> str:
    pick = r.random()
    if pick < 0.6:
        return r.choice(WORDS)
    if pick < 0.8:
        return r.choice(TEMPLATE)
    if pick < 0.85:
        return r.choice(CONTROLS)
    if pick < 0.88:
        return r.choice(SURROGATES)
    if pick < 0.93:
        return r.choice(BIDI)
    if pick < 0.97:
        return r.choice(ODD)
    return str(r.randint(0, 10**r.randint(1, 12)))


def _sentence(r: random.Random) -> str:
    words = [_word(r) for _ in range(r.randint(1, 25))]
    text = "".join(word + r.choice(SEPARATORS[:8]) for word in words).strip(" ")
    if r.random() < 0.6:
        text = text[:1].upper() + text[1:] + r.choice([".", ".", "?", "!", ":", "…", ""])
    return text


def page_text(r: random.Random, lines: int | None = None) -> str:
    """Lines of template words and sentences, some repeated, joined by odd separators."""
    made: list[str] = []
    for _ in range(lines if lines is not None else r.randint(0, 60)):
        if made and r.random() < 0.15:
            made.append(r.choice(made))  # a repeat: near-duplicate and site-template paths
        elif r.random() < 0.3:
            made.append(" ".join(r.choice(TEMPLATE) for _ in range(r.randint(1, 4))))
        else:
            made.append(" ".join(_sentence(r) for _ in range(r.randint(1, 4))))
    return "".join(line + r.choice(SEPARATORS[9:]) for line in made)


def _attributes(r: random.Random) -> str:
    return "".join(" " + r.choice(ATTRIBUTES)(r) for _ in range(r.choice((0, 0, 1, 1, 2, 3))))


def tag_soup(r: random.Random, tokens: int | None = None) -> str:
    """Random markup: tags opened and closed at random (unbalanced), text, entities, scripts."""
    parts = [r.choice(["", "<!DOCTYPE html>", "<!doctype html>", "<?xml version='1.0'?>", "\ufeff<html>", "<html>"])]
    if r.random() < 0.5:
        parts.append("<head>" + "".join(r.choice(META) for _ in range(r.randint(0, 4))))
        if r.random() < 0.7:
            parts.append(f"<title>{_sentence(r)}</title>")
        if r.random() < 0.4:
            parts.append(f'<script type="application/ld+json">{r.choice(JSON_LD)}</script>')
    open_tags: list[str] = []
    for _ in range(tokens if tokens is not None else r.randint(1, 300)):
        pick = r.random()
        if pick < 0.35:
            tag = r.choice(ELEMENTS)
            parts.append(f"<{tag}{_attributes(r)}{r.choice(['>', '>', '/>', ' >', ''])}")
            open_tags.append(tag)
        elif pick < 0.55 and open_tags:
            parts.append(f"</{open_tags.pop(r.randrange(len(open_tags))) if r.random() < 0.3 else open_tags.pop()}>")
        elif pick < 0.58:
            parts.append(f"</{r.choice(ELEMENTS)}>")  # closing what was never opened
        elif pick < 0.85:
            parts.append(_sentence(r))
        elif pick < 0.9:
            parts.append(r.choice(ENTITIES) * r.randint(1, 3))
        elif pick < 0.93:
            parts.append(r.choice(["<!--", "-->", "<!-- a -->", "<![CDATA[", "]]>", "<!", "<?php ?>", "<", ">", "</", "<a", "<p <p>"]))
        elif pick < 0.95:
            parts.append(f'<script type="application/ld+json">{r.choice(JSON_LD)}</script>')
        elif pick < 0.97:
            parts.append(f"<p>{' '.join(_sentence(r) for _ in range(r.randint(3, 12)))}</p>")
        else:
            parts.append(r.choice(SEPARATORS))
    if r.random() < 0.5:
        parts.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(parts)


def _flip_bytes(r: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    mutable = bytearray(data)
    for _ in range(r.randint(0, 8)):
        mutable[r.randrange(len(mutable))] = r.randrange(256)
    return bytes(mutable)


def encoded_html(r: random.Random) -> tuple[bytes, str | None]:
    """Tag soup encoded in one encoding, with flipped bytes; the charset it declares (in the page
    or the HTTP header) is right, wrong or absent."""
    encoding = r.choice(ENCODINGS)
    declared = r.choice([encoding, r.choice(ENCODINGS), "x-no-such-charset", "", None])
    soup = tag_soup(r)
    if declared is not None and r.random() < 0.5:
        soup = f'<meta charset="{declared}">' + soup
    data = soup.encode(encoding, errors="replace")
    if r.random() < 0.3:
        data = r.choice([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b""]) + data
    content_type = f"text/html; charset={declared}" if declared is not None and r.random() < 0.5 else None
    return _flip_bytes(r, data), content_type


def deep_nesting(r: random.Random, big: bool) -> str:
    depth = r.choice([300, 1000, 5000] + ([50_000, 200_000] if big else []))
    tag = r.choice(["div", "span", "table", "li", "b", "blockquote", "svg", "math", "template", "a", "p"])
    inner = " ".join(_sentence(r) for _ in range(r.randint(1, 20)))
    close = f"</{tag}>" * depth if r.random() < 0.5 else ""
    return f"<html><body>{f'<{tag}>' * depth}{inner}{close}</body></html>"


def huge_attribute(r: random.Random, big: bool) -> str:
    size = r.choice([10_000, 200_000] + ([2_000_000, 8_000_000] if big else []))
    value = r.choice(["x", "a b ", "&amp;", '"', "\u202e", "<p>"]) * (size // 4)
    attribute = r.choice([f'class="{value}"', f"data-x='{value}'", f"style={value}", f'href="{value}"'])
    return f"<html><body><div {attribute}><p>{_sentence(r)}</p></div>{tag_soup(r, 20)}</body></html>"


def entity_flood(r: random.Random, big: bool) -> str:
    count = r.choice([1_000, 20_000] + ([200_000, 1_000_000] if big else []))
    entity = r.choice(ENTITIES)
    body = entity * count if r.random() < 0.5 else "".join(r.choice(ENTITIES) for _ in range(count))
    return f"<html><body><p>{_sentence(r)}</p><p>{body}</p></body></html>"


def long_line(r: random.Random, big: bool) -> str:
    size = r.choice([50_000, 500_000] + ([2_000_000, 10_000_000] if big else []))
    unit = r.choice([_sentence(r) + " ", "word ", "x", "a" * 50 + " ", "中文", "|", "<b>word</b> "])
    line = (unit * (size // max(1, len(unit)) + 1))[:size]
    return r.choice([line, f"<html><body><p>{line}</p></body></html>", page_text(r, 3) + "\n" + line])


#: Input kinds and their weights; the big-input kinds are rare, since each costs seconds.
KINDS = {
    "tag_soup": 40, "text": 25, "encoded_html": 15, "random_bytes": 8,
    "deep_nesting": 4, "huge_attribute": 3, "entity_flood": 3, "long_line": 2,
}


@dataclass(frozen=True)
class FuzzInput:
    number: int
    kind: str
    page: str | bytes
    content_type: str | None = None

    @property
    def size(self) -> int:
        return len(self.page)


def make_input(seed: int, number: int, big: bool = True, kinds: tuple[str, ...] | None = None) -> FuzzInput:
    """Input ``number`` of the run seeded ``seed``: the same on every machine and run.
    ``big=False`` keeps every input under a few hundred KB (for the test suite);
    ``kinds`` limits the kinds drawn from."""
    r = random.Random(f"{seed}:{number}")
    names = kinds or tuple(KINDS)
    kind = r.choices(names, weights=[KINDS[name] for name in names])[0]
    # Only a few in a thousand of the size-driven kinds reach the largest sizes.
    big = big and r.random() < 0.05
    if kind == "tag_soup":
        return FuzzInput(number, kind, tag_soup(r))
    if kind == "text":
        return FuzzInput(number, kind, page_text(r))
    if kind == "encoded_html":
        data, content_type = encoded_html(r)
        return FuzzInput(number, kind, data, content_type)
    if kind == "random_bytes":
        return FuzzInput(number, kind, r.randbytes(r.choice([0, 1, 10, 1000, 20_000])))
    generate = {"deep_nesting": deep_nesting, "huge_attribute": huge_attribute, "entity_flood": entity_flood, "long_line": long_line}[kind]
    return FuzzInput(number, kind, generate(r, big))


# ---------------------------------------------------------------- running


class FuzzHang(BaseException):
    """The harness's own deadline passed (a step without a time limit of its own ran on)."""


class StopRun(BaseException):
    """SIGTERM or SIGINT: the run stops where it is and reports the inputs done (a partial run)."""


def _stop(signum, frame):
    raise StopRun(signal.Signals(signum).name)


@dataclass
class Outcome:
    seconds: float
    cpu_seconds: float = 0.0
    error: str | None = None  # "Type: message" of an exception out of clean
    traceback: str | None = None
    timed_out: bool = False  # PageTimeout: the page hit html_timeout
    hung: bool = False  # the harness's watchdog fired
    idempotent: bool = True
    extractor: str | None = None
    text: str | None = None
    again: str | None = None
    warnings: tuple[str, ...] = ()


def check(item: FuzzInput, cleaner: Cleaner, again: Cleaner, watchdog: float) -> Outcome:
    """Clean ``item``, then its record's text again as page text; catch everything.

    The watchdog counts CPU time (a profiling timer): a page that is still working after
    ``watchdog`` CPU seconds is a hang on any machine, while wall time on a shared machine
    says as much of the other jobs as of the page. A wall-clock backstop of ten times
    that catches a page blocked without using the CPU."""

    def expire(signum, frame):
        clock = "CPU" if signum == signal.SIGPROF else "wall-clock"
        raise FuzzHang(f"past {watchdog:g} s of {clock} time")

    previous = {signum: signal.signal(signum, expire) for signum in (signal.SIGPROF, signal.SIGALRM)}
    signal.setitimer(signal.ITIMER_PROF, watchdog)
    signal.setitimer(signal.ITIMER_REAL, 10 * watchdog)
    started, started_cpu = time.perf_counter(), time.process_time()

    def spent() -> dict:
        return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - started_cpu}

    try:
        record = cleaner.clean(item.page, content_type=item.content_type)
        timing = spent()
        cleaned_again = again.clean(record.text).text
        return Outcome(**timing, idempotent=cleaned_again == record.text, extractor=record.extractor, text=record.text,
                       again=cleaned_again, warnings=record.warnings)
    except PageTimeout:
        return Outcome(**spent(), timed_out=True)
    except FuzzHang:
        return Outcome(**spent(), hung=True)
    except Exception as error:  # noqa: BLE001 - what the fuzz run is for
        return Outcome(**spent(), error=f"{type(error).__name__}: {error}"[:300], traceback=traceback.format_exc())
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Report:
    seed: int
    deadline: float = DEFAULT_DEADLINE
    requested: int = 0  # inputs the run was asked for; more than ``inputs`` when it was stopped
    stopped: str | None = None  # what stopped it early (a signal's name), None for a whole run
    inputs: int = 0
    by_kind: Counter = field(default_factory=Counter)
    exceptions: Counter = field(default_factory=Counter)  # exception type -> count
    examples: dict = field(default_factory=dict)  # "exception Type" / "timeout" / ... -> first few input numbers
    timeouts: int = 0
    hangs: int = 0
    over_deadline: int = 0  # returned (or timed out) after more than the deadline, wall clock
    cpu_over_deadline: int = 0  # spent more than the deadline in CPU time: slow on any machine, not only a loaded one
    worst_cpu_seconds: float = 0.0
    non_idempotent: int = 0
    text_records: int = 0
    html_text_recleaned_differently: int = 0
    warnings: Counter = field(default_factory=Counter)
    worst_seconds: float = 0.0
    worst_input: int | None = None
    worst_kind: str | None = None
    worst_size: int = 0
    total_seconds: float = 0.0
    peak_memory_mb: float = 0.0

    def note(self, label: str, number: int) -> None:
        numbers = self.examples.setdefault(label, [])
        if len(numbers) < 10:
            numbers.append(number)

    def add(self, item: FuzzInput, outcome: Outcome) -> None:
        self.inputs += 1
        self.by_kind[item.kind] += 1
        self.total_seconds += outcome.seconds
        self.worst_cpu_seconds = max(self.worst_cpu_seconds, outcome.cpu_seconds)
        if outcome.seconds > self.deadline and not outcome.hung:
            self.over_deadline += 1
            self.note("over_deadline", item.number)
        if outcome.cpu_seconds > self.deadline:
            self.cpu_over_deadline += 1
            self.note("cpu_over_deadline", item.number)
        if outcome.seconds > self.worst_seconds:
            self.worst_seconds, self.worst_input, self.worst_kind, self.worst_size = outcome.seconds, item.number, item.kind, item.size
        if outcome.error:
            name = outcome.error.split(":", 1)[0]
            self.exceptions[name] += 1
            self.note(f"exception {name}", item.number)
        if outcome.timed_out:
            self.timeouts += 1
            self.note("timeout", item.number)
        if outcome.hung:
            self.hangs += 1
            self.note("hang", item.number)
        if outcome.extractor == "text":
            self.text_records += 1
        if not outcome.idempotent and outcome.extractor == "text":
            self.non_idempotent += 1
            self.note("non_idempotent", item.number)
        elif not outcome.idempotent:
            self.html_text_recleaned_differently += 1
            self.note("html_text_recleaned_differently", item.number)
        self.warnings.update(outcome.warnings)
        self.peak_memory_mb = max(self.peak_memory_mb, peak_memory_mb())

    def as_dict(self) -> dict:
        return {
            "seed": self.seed, "requested": self.requested, "stopped": self.stopped, "inputs": self.inputs,
            "by_kind": dict(sorted(self.by_kind.items())),
            "deadline": self.deadline, "exceptions": dict(sorted(self.exceptions.items())), "timeouts": self.timeouts,
            "hangs": self.hangs, "over_deadline": self.over_deadline,
            "cpu_over_deadline": self.cpu_over_deadline, "worst_cpu_seconds": round(self.worst_cpu_seconds, 3),
            "non_idempotent": self.non_idempotent, "text_records": self.text_records,
            "html_text_recleaned_differently": self.html_text_recleaned_differently, "warnings": dict(sorted(self.warnings.items())),
            "worst_seconds": round(self.worst_seconds, 3), "worst_input": self.worst_input, "worst_kind": self.worst_kind,
            "worst_size": self.worst_size, "mean_seconds": round(self.total_seconds / max(1, self.inputs), 4),
            "peak_memory_mb": round(self.peak_memory_mb, 1), "examples": self.examples,
        }


def merge(reports: list[dict]) -> dict:
    merged: dict = {"seed": sorted({report["seed"] for report in reports}), "requested": 0,
                    "stopped": sorted({report["stopped"] for report in reports if report.get("stopped")}) or None,
                    "inputs": 0, "by_kind": Counter(),
                    "exceptions": Counter(), "timeouts": 0, "hangs": 0, "over_deadline": 0, "non_idempotent": 0, "text_records": 0, "worst_cpu_seconds": 0.0,
                    "html_text_recleaned_differently": 0, "warnings": Counter(),
                    "worst_seconds": 0.0, "peak_memory_mb": 0.0, "examples": {}}
    weighted = 0.0
    for report in reports:
        merged["requested"] += report.get("requested", report["inputs"])
        for key in ("inputs", "timeouts", "hangs", "over_deadline", "non_idempotent", "text_records", "html_text_recleaned_differently"):
            merged[key] += report[key]
        for key in ("by_kind", "exceptions", "warnings"):
            merged[key].update(report[key])
        if report["worst_seconds"] >= merged["worst_seconds"]:
            for key in ("worst_seconds", "worst_input", "worst_kind", "worst_size"):
                merged[key] = report[key]
        merged["peak_memory_mb"] = max(merged["peak_memory_mb"], report["peak_memory_mb"])
        merged["worst_cpu_seconds"] = max(merged["worst_cpu_seconds"], report["worst_cpu_seconds"])
        merged["deadline"] = report["deadline"]
        weighted += report["mean_seconds"] * report["inputs"]
        for label, numbers in report["examples"].items():
            merged["examples"].setdefault(label, []).extend(numbers)
    merged["mean_seconds"] = round(weighted / max(1, merged["inputs"]), 4)
    # Reports of an older script have no CPU count: unknown, not zero.
    known = [report.get("cpu_over_deadline") for report in reports]
    merged["cpu_over_deadline"] = None if None in known else sum(known)
    for key in ("by_kind", "exceptions", "warnings"):
        merged[key] = dict(sorted(merged[key].items()))
    return merged


def cleaners(deadline: float) -> tuple[Cleaner, Cleaner]:
    """The cleaner under test (default options, the deadline as the page time limit) and
    the one that cleans its text again (the same options, page text)."""
    config = CleanerConfig(html_timeout=deadline)
    return Cleaner(config), Cleaner(config.replace(input_format="text"))


def save_failure(directory: Path, item: FuzzInput, outcome: Outcome) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / f"{item.number}-{item.kind}"
    page = item.page if isinstance(item.page, bytes) else item.page.encode("utf-8", "surrogatepass")
    stem.with_suffix(".page").write_bytes(page)
    details = {"number": item.number, "kind": item.kind, "content_type": item.content_type, "seconds": round(outcome.seconds, 2),
               "cpu_seconds": round(outcome.cpu_seconds, 2), "error": outcome.error,
               "traceback": outcome.traceback, "timed_out": outcome.timed_out, "hung": outcome.hung,
               "idempotent": outcome.idempotent, "text": outcome.text, "again": outcome.again}
    stem.with_suffix(".json").write_text(json.dumps(details, ensure_ascii=True, indent=1), encoding="utf-8")


def run(
    seed: int, numbers, deadline: float, save: Path | None = None, progress: bool = False, big: bool = True,
    kinds: tuple[str, ...] | None = None, checkpoint: Path | None = None,
) -> Report:
    """Run the inputs ``numbers``. SIGTERM or SIGINT stops the run after the inputs done so far
    (the one being cleaned is not counted) and the report says so; with ``checkpoint``, the
    report so far is written there every 500 inputs, so even a kill -9 leaves a partial report."""
    cleaner, again = cleaners(deadline)
    report = Report(seed, deadline, requested=len(numbers))
    previous = {signum: signal.signal(signum, _stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        _run_inputs(report, seed, numbers, cleaner, again, save, progress, big, kinds, checkpoint)
    except StopRun as stop:
        report.stopped = str(stop)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return report


def _run_inputs(report: Report, seed: int, numbers, cleaner: Cleaner, again: Cleaner, save: Path | None, progress: bool,
                big: bool, kinds: tuple[str, ...] | None, checkpoint: Path | None) -> None:
    deadline = report.deadline
    # The harness's watchdog, a hang: the HTML extraction stops itself at the deadline
    # (PageTimeout); decoding before it and the text steps after it have no limit of their
    # own and get the same again. Counted in CPU time (see check).
    watchdog = 2 * deadline + 5
    for count, number in enumerate(numbers, 1):
        item = make_input(seed, number, big, kinds)
        outcome = check(item, cleaner, again, watchdog)
        report.add(item, outcome)
        failed = (outcome.error or outcome.timed_out or outcome.hung or outcome.seconds > deadline
                  or (not outcome.idempotent and outcome.extractor == "text"))
        if failed and save is not None:
            save_failure(save, item, outcome)
        if count % 500 == 0:
            if progress:
                print(f"{count} inputs, {time.strftime('%H:%M:%S')}: {json.dumps(report.as_dict())}", file=sys.stderr, flush=True)
            if checkpoint is not None:
                write_report(checkpoint, {**report.as_dict(), "stopped": f"checkpoint at {count} inputs"})


def write_report(path: Path, report: dict) -> None:
    """``report`` as JSON at ``path``, replaced whole (a reader never sees half a file)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, path)


# ---------------------------------------------------------------- shrinking


def not_idempotent(cleaner: Cleaner, page: str) -> bool:
    text = cleaner.clean(page).text
    return cleaner.clean(text).text != text


def _drop_pieces(parts: list[str], rebuild, fails) -> list[str]:
    """``parts`` less every run of them (halves, then quarters, ... then single ones) whose
    removal keeps ``fails(rebuild(parts))`` true."""
    chunk = max(1, len(parts) // 2)
    while chunk >= 1:
        index = 0
        while index < len(parts):
            candidate = parts[:index] + parts[index + chunk:]
            if candidate and fails(rebuild(candidate)):
                parts = candidate
            else:
                index += chunk
        chunk //= 2
    return parts


def shrink(page: str, fails, rounds: int = 3) -> str:
    """A smaller page on which ``fails(page)`` still holds: lines dropped, then words within
    each line, until a round changes nothing."""
    for _ in range(rounds):
        before = page
        lines = _drop_pieces(page.split("\n"), "\n".join, fails)
        for number in range(len(lines)):
            def rebuild(words: list[str], number: int = number) -> str:
                return "\n".join(lines[:number] + [" ".join(words)] + lines[number + 1:])

            lines[number] = " ".join(_drop_pieces(lines[number].split(" "), rebuild, fails))
        page = "\n".join(lines)
        if page == before:
            break
    return page


# ---------------------------------------------------------------- bombs for the CLI


def bomb_files(directory: Path, decompressed_mb: int) -> list[Path]:
    """gzip and zstd files a few KB long that decompress to ``decompressed_mb`` MB: JSONL of
    one huge line, and a page file of many short lines; and a small gzip file beside them
    that must still clean."""
    line = json.dumps({"id": "bomb", "text": "a " * (decompressed_mb * 2**19)}).encode() + b"\n"
    page = b"<p>a</p>\n" * (decompressed_mb * 2**20 // 9)
    paths = []
    for name, data in (("bomb.jsonl", line), ("bomb.html", page)):
        path = directory / f"{name}.gz"
        with gzip.open(path, "wb", compresslevel=9) as out:
            out.write(data)
        paths.append(path)
        try:
            import zstandard
        except ImportError:  # the zstd bombs need the zstd extra
            continue
        path = directory / f"{name}.zst"
        path.write_bytes(zstandard.ZstdCompressor(level=19).compress(data))
        paths.append(path)
    small = directory / "small.jsonl.gz"
    with gzip.open(small, "wb") as out:
        out.write(json.dumps({"id": "small", "text": "A short page of text about the harbour council."}).encode() + b"\n")
    paths.append(small)
    return paths


def run_bombs(decompressed_mb: int = 64, limit_mb: int = 16) -> dict:
    """``cleanscrape clean`` on each bomb with ``--max-decompressed-mb``: the bombs must be
    refused (an error on stderr naming the input, exit status 1), the small file cleaned,
    no input touched."""
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        for path in bomb_files(directory, decompressed_mb):
            before = path.read_bytes()
            output = directory / f"{path.name}.out.jsonl"
            command = [sys.executable, "-m", "cleanscrape", "clean", str(path), "-o", str(output),
                       "--max-decompressed-mb", str(limit_mb), "--quiet"]
            environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=600)
            rows = [json.loads(line) for line in output.read_text().splitlines()] if output.exists() else []
            results[path.name] = {
                "compressed_bytes": len(before), "refused": "decompresses to more than" in done.stderr,
                "exit": done.returncode, "seconds": round(time.perf_counter() - started, 2),
                "rows": len(rows), "errors": [row.get("error") for row in rows if row.get("error")],
                "input_unchanged": path.read_bytes() == before,
                "stderr": done.stderr[-300:],
            }
    return results


def markdown(report: dict, command: str) -> str:
    """The results section of benchmarks/README.md."""
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in report["by_kind"].items())
    exceptions = ", ".join(f"{name} {count}" for name, count in report["exceptions"].items()) or "none"
    warnings = "; ".join(f"{name}: {count:,}" for name, count in report["warnings"].items()) or "none"
    requested = report.get("requested", report["inputs"])
    stopped = report.get("stopped") or ["?"]
    stopped = [stopped] if isinstance(stopped, str) else stopped
    done = f"{report['inputs']:,}" if report["inputs"] >= requested else (
        f"{report['inputs']:,} of the {requested:,} asked for (stopped early: {', '.join(stopped)})")
    rows = [
        ("inputs", f"{done} ({kinds})"),
        ("exceptions out of `clean`", exceptions),
        ("hangs (not done at twice the deadline and 5 s of CPU time, or ten times that of wall time: not stopped by it)", str(report["hangs"])),
        (f"pages stopped at the {report['deadline']:g} s deadline (`PageTimeout`, a per-record error by design)", str(report["timeouts"])),
        ("pages done (or stopped) after the deadline, wall clock on a shared machine", str(report["over_deadline"])),
        *([("pages over the deadline in CPU time", str(report["cpu_over_deadline"]))] if report.get("cpu_over_deadline") is not None else []),
        ("non-idempotent texts (text-path records)", f"{report['non_idempotent']} of {report['text_records']:,}"),
        ("HTML records whose text, cleaned again as page text, changes (not idempotence: see the script)",
         str(report["html_text_recleaned_differently"])),
        ("worst time", f"{report['worst_seconds']:.1f} s (input {report['worst_input']}, {report['worst_kind']}, {report['worst_size']:,} bytes)"),
        ("worst CPU time", f"{report['worst_cpu_seconds']:.1f} s"),
        ("mean time", f"{report['mean_seconds'] * 1000:.0f} ms"),
        ("peak memory (max RSS of one process)", f"{report['peak_memory_mb']:.0f} MB"),
        ("warnings on records (a library failed, the page degraded)", warnings),
    ]
    lines = [f"Measured {time.strftime('%Y-%m-%d')} by `{command}`.", "", "| | |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    for name, bomb in report.get("bombs", {}).items():
        lines.append(f"| `{name}` ({bomb['compressed_bytes']:,} bytes) | "
                     f"{'refused' if bomb['refused'] else 'cleaned'}, exit {bomb['exit']}, {bomb['rows']} rows, input unchanged: {bomb['input_unchanged']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shard", default="0/1", help="K/N: run inputs whose number is K modulo N")
    parser.add_argument("--only", type=int, action="append", help="run only this input number (repeatable)")
    parser.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE)
    parser.add_argument("--small", action="store_true", help="no input over a few hundred KB")
    parser.add_argument("--kinds", help=f"comma-separated kinds to draw from ({', '.join(KINDS)})")
    parser.add_argument("--save", type=Path, help="write each failing input and what it gave here")
    parser.add_argument("--json", type=Path, help="write the report here")
    parser.add_argument("--bombs", action="store_true", help="also run gzip and zstd bombs through the CLI")
    parser.add_argument("--merge", type=Path, nargs="+", help="merge shard reports (no run)")
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("--readme", metavar="COMMAND", help="with --merge: write the results section of benchmarks/README.md, naming COMMAND")
    options = parser.parse_args()
    if options.merge:
        merged = merge([json.loads(path.read_text()) for path in options.merge])
        if options.bombs:
            merged["bombs"] = run_bombs()
        print(json.dumps(merged, indent=1))
        if options.readme:
            from report import replace_section

            replace_section("fuzz", markdown(merged, options.readme))
        return
    shard, shards = (int(part) for part in options.shard.split("/"))
    numbers = options.only or range(shard, options.count, shards)
    kinds = tuple(options.kinds.split(",")) if options.kinds else None
    if kinds and set(kinds) - set(KINDS):
        parser.error(f"unknown kinds: {', '.join(sorted(set(kinds) - set(KINDS)))}")
    report = run(options.seed, numbers, options.deadline, options.save, options.progress, not options.small, kinds,
                 options.json).as_dict()
    report["shard"] = options.shard
    if options.bombs and not report["stopped"]:
        report["bombs"] = run_bombs()
    print(json.dumps(report, indent=1))
    if options.json:
        write_report(options.json, report)


if __name__ == "__main__":
    main()
