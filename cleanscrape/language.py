"""Document language (langdetect, seeded) and the script of single lines (regex)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import regex

from .language_detector import LanguageDetector
from .lines import Line, feature_sample


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str  # ISO 639-1
    probability: float


@functools.cache
def default_detector() -> LanguageDetector:
    """The detector ``detect`` uses: its profiles load at its first detection, once per
    process; they are read-only, so sharing it cannot make one result depend on another."""
    return LanguageDetector()


def load_language_profiles() -> None:
    """Load langdetect's profiles now (before forking workers, say) rather than on first use."""
    default_detector().load()


def detect(text: str, seed: int, detector: LanguageDetector | None = None) -> LanguageGuess | None:
    """Most probable language of ``text``, or None when langdetect finds no features.
    Seeded per call, so the answer does not depend on what was detected before."""
    if not _LETTER.search(text):
        return None
    best = (detector or default_detector()).probabilities(text, seed)
    if not best:
        return None
    code, probability = best[0]
    return LanguageGuess(code=code.split("-")[0], probability=round(probability, 4))


def letter_count(text: str) -> int:
    """Letters of ``text``; of a huge line, as many as its sample's at its length (lines.feature_sample)."""
    sample = feature_sample(text)
    if sample.isascii():  # the letters of ASCII are A-Z and a-z: dropping the rest is a bytes table's job
        letters = len(sample.encode("ascii").translate(None, _ASCII_NOT_LETTERS))
    else:
        letters = len(_NOT_LETTERS.sub("", sample))
    return letters if sample is text else round(letters * len(text) / len(sample))


def sample_for_detection(lines: list[Line], max_chars: int, count_letters: Callable[[str], int] | None = None) -> str:
    """The lines with the most letters, in page order, up to ``max_chars``: prose says more
    than menus. Letters, not characters: a table row of rating stars padded with spaces
    is a long line that says nothing of the language. No line gives more than a quarter
    of the sample while other lines can fill it, so one long blurb in another language
    (an agency's footer) cannot outvote the article; a page of one paragraph still
    gives all of ``max_chars``. ``count_letters`` counts a line's letters (a memo of :func:`letter_count`, say)."""
    count = count_letters or letter_count
    by_letters = sorted(lines, key=lambda item: (-count(item.content), item.index))
    share = max(1, max_chars // 4)
    taken: dict[int, int] = {}  # line index -> characters taken from its start
    budget = max_chars
    for cap in (share, 2 * share, 3 * share, max_chars):  # a share each, then a share more, while the budget lasts
        for line in by_letters:
            if budget <= 0:
                break
            already = taken.get(line.index, 0)
            more = min(len(line.content), cap, already + budget) - already
            if more > 0:
                taken[line.index] = already + more
                budget -= more
    chosen = sorted((line for line in lines if line.index in taken), key=lambda item: item.index)
    return "\n".join(line.content[:taken[line.index]] for line in chosen)


_SCRIPTS = {
    name: regex.compile(rf"\p{{Script={name}}}")
    for name in (
        "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Hiragana", "Katakana", "Hangul",
        "Devanagari", "Bengali", "Tamil", "Telugu", "Kannada", "Malayalam", "Gujarati", "Gurmukhi",
        "Thai", "Georgian", "Armenian", "Ethiopic", "Khmer", "Lao", "Myanmar", "Sinhala",
    )
}
_LETTER = regex.compile(r"\p{L}")
_ASCII_LETTER = regex.compile(r"[A-Za-z]")  # what str.isalpha accepts in ASCII
_NOT_LETTERS = regex.compile(r"\P{L}+")
_ASCII_NOT_LETTERS = bytes(code for code in range(128) if not _LETTER.match(chr(code)))

# The scripts a language is written in; Latin is the default for the rest.
_LANGUAGE_SCRIPTS = {
    **{code: {"Cyrillic"} for code in ("ru", "uk", "bg", "mk", "sr", "be", "kk", "ky", "mn", "tg")},
    "el": {"Greek"},
    **{code: {"Arabic"} for code in ("ar", "fa", "ur", "ps", "ug")},
    "he": {"Hebrew"},
    "yi": {"Hebrew"},
    "zh": {"Han"},
    "ja": {"Han", "Hiragana", "Katakana"},
    "ko": {"Hangul", "Han"},
    **{code: {"Devanagari"} for code in ("hi", "mr", "ne", "sa")},
    "bn": {"Bengali"},
    "ta": {"Tamil"},
    "te": {"Telugu"},
    "kn": {"Kannada"},
    "ml": {"Malayalam"},
    "gu": {"Gujarati"},
    "pa": {"Gurmukhi"},
    "th": {"Thai"},
    "ka": {"Georgian"},
    "hy": {"Armenian"},
    "am": {"Ethiopic"},
    "km": {"Khmer"},
    "lo": {"Lao"},
    "my": {"Myanmar"},
    "si": {"Sinhala"},
}


def scripts_of(language: str | None) -> frozenset[str]:
    return frozenset(_LANGUAGE_SCRIPTS.get(language or "", {"Latin"}))


@functools.cache
def _letters_outside(scripts: frozenset[str]) -> regex.Pattern:
    return regex.compile("[^\\P{L}" + "".join(f"\\p{{Script={name}}}" for name in sorted(scripts)) + "]")


@functools.cache
def _dense_letters_outside(scripts: frozenset[str]) -> regex.Pattern:
    """The letters outside ``scripts`` that are also _DENSE characters: one scan, not a match per letter."""
    return regex.compile(f"(?={_DENSE.pattern}){_letters_outside(scripts).pattern}")


#: Scripts written without spaces, where one character carries about as much as a
#: short word: "Kindle for PCの起動ホットキー" is Japanese, though most of its letters are Latin.
_DENSE = regex.compile(r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]")
#: What one such character weighs against one letter of an alphabet.
DENSE_CHARACTER_WEIGHT = 3


def is_mostly_in(text: str, scripts: frozenset[str]) -> bool:
    """Whether at least half the letters of ``text`` (if any) are in ``scripts``, a Han,
    kana or Hangul character weighing DENSE_CHARACTER_WEIGHT letters. A huge line is
    judged on a sample of it (lines.feature_sample)."""
    if text.isascii():
        return "Latin" in scripts or not _ASCII_LETTER.search(text)
    text = feature_sample(text)
    outside_letters = len(_letters_outside(scripts).findall(text))
    if not outside_letters:
        return True
    extra = DENSE_CHARACTER_WEIGHT - 1
    outside = outside_letters + extra * len(_dense_letters_outside(scripts).findall(text))
    total = len(_LETTER.findall(text)) + extra * len(_DENSE.findall(text))
    return outside * 2 <= total


def dominant_script(text: str) -> str | None:
    """The script most of the letters of ``text`` are in, or None for no letters; a huge line
    is judged on a sample of it (lines.feature_sample)."""
    if text.isascii():
        return "Latin" if _ASCII_LETTER.search(text) else None
    text = feature_sample(text)
    letters = len(_LETTER.findall(text))
    if not letters:
        return None
    best, best_count = None, 0
    for name, pattern in _SCRIPTS.items():
        count = len(pattern.findall(text))
        if count > best_count:
            best, best_count = name, count
        if best_count * 2 > letters:
            break
    return best
