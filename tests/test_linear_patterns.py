"""Every regular expression cleanscrape holds is linear in its input's length on hostile input.

The patterns are collected, not listed: every compiled ``re``/``regex`` pattern found at
module level in a cleanscrape module (or in a dict, list or tuple there), and every pattern
written as a string literal in a ``re.``/``regex.`` call in the source. Each meets input
built from its own text: a long run of each of its characters, of each literal fragment
(``<!--``, ``@type``, ``Read more``), a fragment followed by a long run of spaces or letters,
alternating pairs of its characters, and generic hostile runs (``<!---->`` * n, whitespace,
nested brackets). Each input is searched through (every match, as findall would) at two
sizes four times apart: a linear pattern takes about four times as long on the larger, a
quadratic one sixteen, an exponential one never ends (a timeout). ``re`` patterns are timed
as ``regex`` ones, whose searches take a timeout. Patterns built at run time (language's
script classes) are not collected.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import random
import re
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex

import cleanscrape

#: Characters of the larger input. A quadratic pattern spends tens of milliseconds here.
LARGE = 4_000
#: The larger input's time below which a pattern is linear without a closer look (CPU seconds).
FLOOR = 0.004
#: How much longer four times the input may take: 4 for a linear pattern, 16 for a quadratic.
MAX_GROWTH = 10
#: Seconds a single search may run before it counts as exponential.
TIMEOUT = 2.0

_GENERIC = [
    "<!---->", "<!--", "<a ", "<?", "((", "[[", "{{", " ", "\t", " \n", "\xa0", "\u3000", "a", "A", "a ", "a.", "-a", "a(",
    "1", "1,", ". ", " | ", " > ", "//", "\\", "=", ":", "&amp;", "中", "中文 ", "é", "— ", "a@b", "http://", '"@type":[',
    "Read more ", "By ",
]
#: Pieces of pattern syntax, not literal text: what a pattern's fragments are split at.
_SYNTAX = regex.compile(r"\\[pPN]\{[^}]*\}|\\.|\(\?[#:=!<>a-zA-Z]*|[()\[\]{}|*+?^$.]|\{\d*,?\d*\}")


@dataclass(frozen=True)
class Found:
    where: str  # module.NAME, or module:line for a literal in a call
    pattern: regex.Pattern | re.Pattern

    def __str__(self) -> str:
        return self.where


def _modules():
    for info in pkgutil.walk_packages(cleanscrape.__path__, "cleanscrape."):
        if info.name.endswith("__main__"):
            continue  # runs the CLI
        yield importlib.import_module(info.name)


def _patterns_in(value, depth: int = 0):
    if isinstance(value, (re.Pattern, regex.Pattern)):
        yield value
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _patterns_in(item, depth + 1)


_CALLS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


def _literal_calls(module) -> list[Found]:
    """Patterns written as a string literal in a re./regex. call (inside functions, say)."""
    source = Path(module.__file__).read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id in ("re", "regex") and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            continue
        library = re if node.func.value.id == "re" else regex
        flags = 0
        for keyword in node.keywords:
            if keyword.arg == "flags" and isinstance(keyword.value, ast.Attribute):
                flags = getattr(library, keyword.value.attr)
        found.append(Found(f"{module.__name__}:{node.lineno}", library.compile(node.args[0].value, flags)))
    return found


def all_patterns() -> list[Found]:
    found: dict[tuple, Found] = {}
    for module in _modules():
        for name, value in vars(module).items():
            for pattern in _patterns_in(value):
                found.setdefault((type(pattern), pattern.pattern, pattern.flags), Found(f"{module.__name__}.{name}", pattern))
        for literal in _literal_calls(module):
            found.setdefault((type(literal.pattern), literal.pattern.pattern, literal.pattern.flags), literal)
    return sorted(found.values(), key=str)


PATTERNS = [found for found in all_patterns() if isinstance(found.pattern.pattern, str)]


def _as_regex(pattern) -> regex.Pattern:
    """``re`` patterns are timed as ``regex`` ones (same syntax and backtracking), which can be stopped by a timeout."""
    if isinstance(pattern, regex.Pattern):
        return pattern
    flags = 0
    for name in ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "ASCII"):
        if pattern.flags & getattr(re, name):
            flags |= getattr(regex, name)
    return regex.compile(pattern.pattern, flags)


def hostile_units(source: str) -> list[str]:
    """What runs of the hostile inputs are made of, for a pattern whose text is ``source``."""
    fragments = [piece for piece in _SYNTAX.split(source) if len(piece) >= 2][:12]
    characters = sorted({ch for ch in _SYNTAX.sub("", source)} | set("\\<>-![]"))
    pairs = random.Random(zlib.crc32(source.encode("utf-8", "surrogatepass"))).sample([a + b for a in characters for b in characters if a != b], k=min(12, len(characters) ** 2 - len(characters)))
    units = [*_GENERIC, *characters, *pairs, *fragments, *(fragment + " " for fragment in fragments)]
    return list(dict.fromkeys(unit for unit in units if unit))


def hostile_inputs(source: str, size: int):
    """(label, text) of about ``size`` characters each."""
    for unit in hostile_units(source):
        yield f"{unit!r} * n", (unit * (size // len(unit) + 1))[:size]
    for fragment in [piece for piece in _SYNTAX.split(source) if len(piece) >= 2][:12]:
        yield f"{fragment!r} + ' ' * n", fragment + " " * size
        yield f"{fragment!r} + 'a' * n", fragment + "a" * size
    half = size // 2
    yield "nested ( )", "(" * half + ")" * half
    yield "nested [ ]", "[" * half + "]" * half
    yield "nested { }", "{" * half + "}" * half
    yield "nested < >", "<" * half + ">" * half
    yield "nested <div>", ("<div>" * (half // 5) + "</div>" * (half // 6))[:size]


def _cost(pattern: regex.Pattern, text: str) -> float:
    started = time.process_time()
    for _ in pattern.finditer(text, timeout=TIMEOUT):
        pass
    return time.process_time() - started


def superlinear_inputs(found: Found, first_only: bool = False) -> list[str]:
    pattern = _as_regex(found.pattern)
    slow = []
    for label, large in hostile_inputs(pattern.pattern, LARGE):
        if slow and first_only:
            break
        try:
            spent = _cost(pattern, large)
            if spent < FLOOR:
                continue
            small = dict(hostile_inputs(pattern.pattern, LARGE // 4))[label]
            # The best of three of each: a loaded machine only ever adds time.
            spent = min(spent, *(_cost(pattern, large) for _ in range(2)))
            spent_small = min(_cost(pattern, small) for _ in range(3))
        except TimeoutError:
            slow.append(f"{label}: over {TIMEOUT:g} s on {LARGE:,} characters")
            continue
        if spent >= FLOOR and spent > MAX_GROWTH * max(spent_small, FLOOR / MAX_GROWTH):
            slow.append(f"{label}: {spent_small * 1000:.1f} ms -> {spent * 1000:.1f} ms for 4x the input")
    return slow


def test_patterns_are_collected_from_every_kind_of_module() -> None:
    modules = {str(found).split(".")[1].split(":")[0] for found in PATTERNS}
    for expected in ("detectors", "htmltext", "lines", "language", "extract", "pagemeta", "title", "paragraphs", "neardup"):
        assert expected in modules, expected
    assert len(PATTERNS) >= 90


@pytest.mark.parametrize("found", PATTERNS, ids=str)
def test_pattern_is_linear_on_hostile_input(found: Found) -> None:
    assert superlinear_inputs(found) == [], found.pattern.pattern


def test_the_check_catches_quadratic_and_exponential_patterns() -> None:
    quadratic = Found("quadratic", regex.compile(r"--?[a-z][\w-]*\s"))  # "-a" * n: each "-" scans to the end
    # htmltext's sniffing pattern before issue 23: "<!---->" * 30 took 101 s.
    exponential = Found("exponential", regex.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", regex.I | regex.S))
    assert superlinear_inputs(quadratic, first_only=True)
    assert superlinear_inputs(exponential, first_only=True)
    assert not superlinear_inputs(Found("linear", regex.compile(r"[^<>]*>")))


# Each fix above kept what the pattern finds: the pattern before it, beside the one now, on
# short text made of the characters that matter to it.
_BEFORE_AND_NOW = [
    ("split", r"\s*[|·•]\s*", "cleanscrape.detectors.byline._PARTS"),
    ("split", r"\s*(?:\||•|·|—|–|\s-\s|,|/|\bon\b|\bat\b|\bam\b|\ble\b|\bel\b|\bem\b)\s*", "cleanscrape.detectors.byline._SEPARATORS"),
    ("sub", r"\s+\d.*$", r"(?<!\s)\s+\d.*$"),
    ("match", r"^(?:\(?\s*(?:photo|image|picture|pic|foto|bild|imagem|imagen|gambar|video|illustration|graphic|"
              r"credit|photograph|file\s+photo)s?\s*(?:credits?|courtesy|by|source)?\s*[:|/]|"
              r"\(\s*(?:photo|image|picture|foto|credit)[^)]*\)\s*$|"
              r"(?:photo|image|picture)\s+(?:credit|courtesy|by)\b|left\s*:.{3,200}\bright\s*:)", "cleanscrape.vocabulary.CAPTION"),
    ("search", r"(?:\b(?:tel|phone|fax|telefon|téléphone|teléfono)\.?\s*[:.]?\s*\+?[\d(][\d\s().\-/]{6,}|"
               r"\b[\w.+-]+@[\w-]+\.[\w.]+\b)", "cleanscrape.vocabulary.CONTACT"),
]
_PIECES = ["a", "Bo", "1", "12", " ", "  ", "\t", "\n", "|", " | ", "·", "•", "—", "-", " - ", ",", "/", "on", " on ", "at",
           "le", ".", "+", "@", "x@y.z", "a.b@c-d.e", ":", " : ", "(", ")", "photo", "Photo", "s", "credit", "by", "image",
           "tel", "Tel.", "phone", "+44", "(0)", "555", "left", "right"]


def _now(where: str) -> regex.Pattern:
    if not where.startswith("cleanscrape."):
        return regex.compile(where)
    module, name = where.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize(("operation", "before", "now"), _BEFORE_AND_NOW, ids=[now for _, _, now in _BEFORE_AND_NOW])
def test_a_linear_rewrite_finds_what_the_pattern_found(operation: str, before: str, now: str) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    old, new = regex.compile(before, regex.IGNORECASE if "photo" in before or "tel" in before else 0), _now(now)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
    def same(text: str) -> None:
        if operation == "split":
            assert new.split(text) == old.split(text)
            assert new.split(text, maxsplit=1) == old.split(text, maxsplit=1)
        elif operation == "sub":
            assert new.sub("", text) == old.sub("", text)
        elif operation == "match":
            assert (new.match(text) or None) and new.match(text).group(0) == (old.match(text) and old.match(text).group(0)) or \
                (new.match(text) is None and old.match(text) is None)
        else:
            assert bool(new.search(text)) == bool(old.search(text))

    same()


def test_the_code_and_title_separator_rewrites_find_what_they_found() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cleanscrape.lines import _CODE
    from cleanscrape.title import _SITE_SEPARATOR

    code_before = regex.compile(r"[{}\[\];=]\s*$|^\s*[{}\]\[]|\$[A-Z_]{2,}|\\$|^\s*(?:\$|>>>|#!|import\s|from\s\S+\simport|def\s|class\s|return\b)|\w\([^()]*\)|--?[a-z][\w-]*\s")
    separator_before = regex.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
    pieces = ["a", "B", "1", "_", "-", "--", "-a", "--force", " ", "  ", "\t", "|", "::", "»", "·", " - ", " | ", "x(", ")", "=", "$PATH"]

    @settings(max_examples=600, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=14).map("".join))
    def same(text: str) -> None:
        assert bool(_CODE.search(text)) == bool(code_before.search(text))
        assert [m.span() for m in _SITE_SEPARATOR.finditer(text)] == [m.span() for m in separator_before.finditer(text)]

    same()
