"""A page as a list of lines, each with the cheap features detectors read."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

# Bullet glyphs crawlers and html-to-text converters put before list items.
_BULLET = regex.compile(r"^(?:[*•·◦▪▫■□►▸▹‣⁃●○+o\-–—»›]\s+|[•·◦▪▫■□►▸▹‣⁃●○])")
# CJK characters carry no spaces, so each is counted as its own token.
_TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[^\W\p{Han}\p{Hiragana}\p{Katakana}]+")
# On ASCII text that pattern is \w+, which the standard library's engine finds in half the time.
_ASCII_TOKEN = re.compile(r"\w+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# Searched backwards ((?r)): it can only match at the line's end, which a forward search reaches last.
_SENTENCE_END = regex.compile(r"(?r)[.!?。！？…]['\"”’»)\]]*$")
_SENTENCE_PUNCT = regex.compile(r"[.!?。！？,;，、：:]")
_ASCII_SENTENCE_PUNCT = ".!?,;:"  # the ASCII ones of _SENTENCE_PUNCT
_DIGIT = regex.compile(r"\d")
# Signs of program text, each searched alone: one alternation of them all costs the regex
# module several times more per line (it loses each pattern's own fast scan).
_CODE_SIGNS = tuple(
    regex.compile(sign)
    for sign in (
        r"[{}\[\];=]\s*$", r"^\s*[{}\]\[]", r"\$[A-Z_]{2,}", r"\\$",
        r"^\s*(?:\$|>>>|#!|import\s|from\s\S+\simport|def\s|class\s|return\b)", r"\w\([^()]*\)",
    )
)
# A command-line option ("--force "), sought only on a line with a "-" (it is the costliest sign), and
# from the start of its run of [\w-] only: from each "-" of "-a-a-a..." the run was scanned to its end (quadratic).
_CODE_OPTION = regex.compile(r"(?<![\w-])(?=[\w-]*?--?[a-z])[\w-]*\s")
#: All the signs in one pattern: what ``Line.looks_like_code`` tests.
_CODE = regex.compile("|".join(sign.pattern for sign in (*_CODE_SIGNS, _CODE_OPTION)))
# Box-drawing and block characters: text browsers draw table borders with them.
_BORDER = regex.compile(r"[\u2500-\u259f]+")
# The line breaks of str.splitlines, each alone ("\r\n" ends in one of them).
_LINE_BREAK_CHARS = frozenset("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")

#: A line longer than this has its features computed on a sample of this many characters:
#: the features are counts and shares, which a sample estimates, and a 10 MB line (one
#: token per CJK character) would otherwise cost seconds and gigabytes. Prose lines are
#: far shorter, so their features are exact.
MAX_FEATURE_CHARS = 100_000
#: The sample is this many windows spread evenly over the line.
_SAMPLE_WINDOWS = 20


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a page.

    ``text`` is the line trimmed of surrounding whitespace: the form it takes
    in the clean output. ``content`` also drops table borders and a leading
    bullet glyph, and is what features are computed on.
    """

    index: int
    text: str
    content: str
    bulleted: bool
    tokens: tuple[str, ...]
    words: float
    ends_sentence: bool
    punctuation_count: int
    capitalized_share: float
    digit_share: float

    @property
    def looks_like_code(self) -> bool:
        """Program text: brackets, assignments, shell variables, line continuations (on a huge
        line, in its sample: the sample keeps the line's start and end, where most of these are)."""
        sample = feature_sample(self.content)
        return any(sign.search(sample) for sign in _CODE_SIGNS) or ("-" in sample and bool(_CODE_OPTION.search(sample)))


def split_lines(text: str) -> list[str]:
    """Split on every line break Python's str.splitlines knows, keeping form feeds out."""
    # str.splitlines breaks at the same characters, five times faster, but leaves out the
    # empty line after a last break (and gives none for no text): added back here.
    raw = text.splitlines()
    if not text or text[-1] in _LINE_BREAK_CHARS:
        raw.append("")
    return raw


def strip_borders(text: str) -> str:
    """``text`` with table borders (box-drawing characters) read as spaces: they are layout, not words."""
    return _BORDER.sub(lambda match: " " * len(match.group(0)), text) if not text.isascii() else text


def feature_sample(text: str, max_chars: int = MAX_FEATURE_CHARS) -> str:
    """``text`` itself up to ``max_chars``; past it, about ``max_chars`` characters in windows
    spread evenly over it, joined by spaces (a window's start and end are not a word's)."""
    if len(text) <= max_chars:
        return text
    width = max(1, max_chars // _SAMPLE_WINDOWS)
    step = (len(text) - width) / (_SAMPLE_WINDOWS - 1)
    return " ".join(text[round(number * step):round(number * step) + width] for number in range(_SAMPLE_WINDOWS))


def make_line(index: int, raw: str) -> Line:
    text = raw.strip()
    content = strip_borders(text).strip()
    bulleted = False
    match = _BULLET.match(content)
    if match and len(content) > match.end():
        bulleted = True
        content = content[match.end():].lstrip()
    sample = feature_sample(content)  # the content itself on all but huge lines
    ascii = sample.isascii()
    tokens = tuple(_ASCII_TOKEN.findall(sample) if ascii else _TOKEN.findall(sample))
    # max() is a C-level scan; most lines have no character at or past Hiragana.
    cjk = len(_CJK.findall(sample)) if not ascii and sample and max(sample) >= "\u3040" else 0
    words = (len(tokens) - cjk) + cjk / 2
    if sample is not content:
        words *= len(content) / len(sample)  # the sample's words, scaled to the line
    alpha = [token for token in tokens if not token.isdigit()]
    capitalized = sum(1 for token in alpha if token[0].isupper())
    digits = len(_DIGIT.findall(sample))
    non_space = (len(sample) - sample.count(" ")) or 1
    return Line(
        index=index,
        text=text,
        content=content,
        bulleted=bulleted,
        tokens=tokens,
        words=words,
        ends_sentence=bool(_SENTENCE_END.search(content)),
        punctuation_count=_punctuation_count(content, sample),
        capitalized_share=capitalized / len(alpha) if alpha else 0.0,
        digit_share=digits / non_space,
    )


def _punctuation_count(content: str, sample: str) -> int:
    """Sentence punctuation in ``content`` (all of it, even where the features read a sample)."""
    if content.isascii():
        return sum(map(content.count, _ASCII_SENTENCE_PUNCT))
    return len(_SENTENCE_PUNCT.findall(content)) if sample is content else _SENTENCE_PUNCT.subn("", content)[1]


def fold_spaces(text: str) -> str:
    """``text`` with each run of whitespace one space, and none at its ends."""
    return " ".join(text.split())


def at_index(line: Line, index: int) -> Line:
    """``line`` numbered ``index`` (a direct call: ``dataclasses.replace`` costs ten times more)."""
    if line.index == index:
        return line
    return Line(
        index, line.text, line.content, line.bulleted, line.tokens, line.words, line.ends_sentence,
        line.punctuation_count, line.capitalized_share, line.digit_share,
    )


class LineBook:
    """Lines made from one page's text, memoised by their (stripped) text.

    A line's features depend on its text alone, and a page repeats lines: a third of the
    lines of a text dump repeat an earlier one, and cleaning reads the page's lines again
    as paragraphs and as kept text. Make one per page, never share: it grows with the page.
    """

    __slots__ = ("_by_text",)

    def __init__(self) -> None:
        self._by_text: dict[str, Line] = {}

    def line(self, index: int, raw: str) -> Line:
        """``make_line(index, raw)``, from the memo when a line of the same text was made."""
        text = raw.strip()
        known = self._by_text.get(text)
        if known is None:
            known = self._by_text[text] = make_line(index, text)
            return known
        return at_index(known, index)


def segment(text: str, book: LineBook | None = None) -> list[Line]:
    """The page's non-blank lines, numbered by their position among all lines.

    A line's features depend on its text alone: ``book`` (a new one by default) makes
    each text's features once. ``str.splitlines`` breaks where ``split_lines`` does
    (it only drops a last empty line).
    """
    if book is None:
        book = LineBook()
    return [book.line(index, raw) for index, raw in enumerate(text.splitlines()) if raw and not raw.isspace()]
