"""langdetect's detector with its scoring loop on numpy arrays: the same random draws, the same results.

langdetect scores a text by drawing its character n-grams at random (seeded)
and multiplying 55 per-language probabilities in a Python loop, 7 trials of up
to 1,000 draws. Here the profiles are one (n-grams, languages) float64 matrix
and each draw multiplies one row in place: every float operation is the one
langdetect does, in the same order (the normalising sum too: Python's ``sum``
over the same floats), so results are bit-identical to
``DetectorFactory.create()`` with the same seed (tests/test_language_detector.py
compares them on the lingua sentences and on texts of several lengths).
"""

from __future__ import annotations

import functools
import json
import os
import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# langdetect's own constants (detector.Detector), so the two cannot drift apart silently.
ALPHA_DEFAULT = 0.5
ALPHA_WIDTH = 0.05
ITERATION_LIMIT = 1000
PROB_THRESHOLD = 0.1
CONV_THRESHOLD = 0.99999
BASE_FREQ = 10000
N_TRIAL = 7
MAX_TEXT_LENGTH = 10000
N_GRAM = 3

_URL = re.compile(r"https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}")
_MAIL = re.compile(r"[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}")
_SPACES = re.compile(" {2,}")


@dataclass(frozen=True)
class _Profiles:
    languages: tuple[str, ...]
    rows: dict[str, int]  # n-gram -> its row of ``probabilities``
    probabilities: np.ndarray  # (n-grams, languages) float64, read-only


def _load_profiles(directory: str) -> _Profiles:
    """langdetect's ``DetectorFactory.load_profile``, into one matrix: same languages in the same
    (directory listing) order, same n-grams, each probability ``1.0 * freq / n_words[len - 1]``
    (float64 division, as Python's)."""
    import numpy as np

    languages: list[str] = []
    rows: dict[str, int] = {}
    columns: list[tuple[np.ndarray, np.ndarray]] = []  # per language: its n-grams' rows, their probabilities
    for filename in os.listdir(directory):
        path = os.path.join(directory, filename)
        if filename.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            profile = json.load(handle)
        if profile["name"] in languages:
            raise ValueError(f"duplicate language profile {profile['name']!r} in {directory}")
        languages.append(profile["name"])
        freq: dict[str, int] = profile["freq"]
        setdefault = rows.setdefault
        word_rows = np.fromiter((setdefault(word, len(rows)) for word in freq), dtype=np.int64, count=len(freq))
        lengths = np.fromiter(map(len, freq), dtype=np.int64, count=len(freq))
        counts = np.fromiter(freq.values(), dtype=np.float64, count=len(freq))
        kept = (lengths >= 1) & (lengths <= N_GRAM)
        n_words = np.asarray(list(profile["n_words"]) + [1] * N_GRAM, dtype=np.float64)
        columns.append((word_rows[kept], counts[kept] / n_words[lengths[kept] - 1]))
    if not languages:
        raise ValueError(f"no language profiles in {directory}")
    probabilities = np.zeros((len(rows), len(languages)), dtype=np.float64)
    for column, (word_rows, values) in enumerate(columns):
        probabilities[word_rows, column] = values
    probabilities.setflags(write=False)
    return _Profiles(tuple(languages), rows, probabilities)


class LanguageDetector:
    """Seeded language identification with langdetect's 55 profiles, loaded at this object's first
    detection (not at import); one object can serve any number of texts and threads."""

    def __init__(self, profile_directory: str | None = None) -> None:
        self._profile_directory = profile_directory

    @functools.cached_property
    def _profiles(self) -> _Profiles:
        directory = self._profile_directory
        if directory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY as directory
        return _load_profiles(directory)

    def load(self) -> None:
        """Load the profiles now (before forking workers, say) rather than at the first detection."""
        self._profiles  # noqa: B018 (the cached property loads them)

    @property
    def loaded(self) -> bool:
        return "_profiles" in self.__dict__

    @functools.cached_property
    def _folding(self) -> _CharFolding:
        return _CharFolding()

    @functools.cached_property
    def _word_rows(self) -> dict[str, tuple[int, ...]]:
        # The rows a word gives depend on the word alone: pages repeat their words.
        return {}

    def probabilities(self, text: str, seed: int) -> list[tuple[str, float]] | None:
        """langdetect's ``get_probabilities()`` for ``text`` as (language, probability) pairs, most
        probable first, those above 0.1 only; None where langdetect raises "No features in text"."""
        profiles = self._profiles
        drawn = self._ngram_rows(_cleaned(_appended(text)), profiles.rows)
        if not drawn:
            return None
        import numpy as np

        unique, positions = np.unique(np.asarray(drawn, dtype=np.int64), return_inverse=True)
        choices = positions.tolist()  # one entry per n-gram occurrence, as langdetect draws from its list
        table = profiles.probabilities[unique]
        generator = random.Random()
        generator.seed(seed)
        count = len(profiles.languages)
        total = np.zeros(count, dtype=np.float64)
        for _ in range(N_TRIAL):
            probability = np.full(count, 1.0 / count, dtype=np.float64)
            alpha = ALPHA_DEFAULT + generator.gauss(0.0, 1.0) * ALPHA_WIDTH
            # langdetect multiplies by (weight + p) each draw: the sums are the same done once.
            factors = (alpha / BASE_FREQ) + table
            step = 0
            while True:
                probability *= factors[generator.choice(choices)]
                if step % 5 == 0:
                    probability /= sum(probability.tolist())  # Python's sum: langdetect's rounding
                    if probability.max() > CONV_THRESHOLD or step >= ITERATION_LIMIT:
                        break
                step += 1
            total += probability / N_TRIAL
        pairs = [(language, p) for language, p in zip(profiles.languages, total.tolist()) if p > PROB_THRESHOLD]
        pairs.sort(key=lambda pair: pair[1], reverse=True)  # as langdetect's sort(reverse=True) orders ties
        return pairs

    def _ngram_rows(self, text: str, rows: dict[str, int]) -> list[int]:
        """langdetect's ``Detector._extract_ngrams`` (``NGram.add_char`` char by char), as profile rows.

        ``add_char`` starts afresh after each space, so the n-grams of a text are those of its
        words one by one, each read as " word " (" word" at the very end of the text)."""
        words = text.translate(self._folding).split(" ")
        memo = self._word_rows
        if len(memo) > WORD_MEMO_LIMIT:
            memo.clear()
        result: list[int] = []
        last = len(words) - 1
        for position, word in enumerate(words):
            if not word:
                continue
            key = word + " " if position < last else word
            found = memo.get(key)
            if found is None:
                found = memo[key] = _word_ngram_rows(" " + key, rows)
            result.extend(found)
        return result


#: Words whose n-gram rows a detector remembers before it starts afresh (bounds its memory).
WORD_MEMO_LIMIT = 100_000


class _CharFolding(dict):
    """``str.translate`` table of ``NGram.normalize``, filled as characters are met."""

    def __missing__(self, ordinal: int) -> str:
        from langdetect.utils.ngram import NGram

        folded = self[ordinal] = NGram.normalize(chr(ordinal))
        return folded


def _word_ngram_rows(spaced: str, rows: dict[str, int]) -> tuple[int, ...]:
    """The rows of the 1- to 3-grams ``NGram`` gives as it reads ``spaced`` (a space, one word, maybe
    a space): after each character, the suffixes of the last three, unless that character and the
    one before it are both capitals (langdetect's ``capitalword``), and never a lone space."""
    found: list[int] = []
    for end in range(1, len(spaced)):
        if spaced[end].isupper() and spaced[end - 1].isupper():
            continue
        for n in range(1, min(end + 1, N_GRAM) + 1):
            gram = spaced[end + 1 - n:end + 1]
            if gram != " ":
                row = rows.get(gram)
                if row is not None:
                    found.append(row)
    return tuple(found)


def _appended(text: str) -> str:
    """langdetect's ``Detector.append``: URLs and e-mail addresses out, Vietnamese folded, spaces collapsed."""
    from langdetect.utils.ngram import NGram

    text = _MAIL.sub(" ", _URL.sub(" ", text))
    text = NGram.normalize_vi(text)
    return _SPACES.sub(" ", text[:MAX_TEXT_LENGTH])


def _cleaned(text: str) -> str:
    """langdetect's ``Detector.cleaning_text``: Latin letters out of a text mostly in another script."""
    from langdetect.utils.unicode_block import unicode_block

    latin_count, non_latin_count = 0, 0
    for ch in text:
        if "A" <= ch <= "z":
            latin_count += 1
        elif ch >= "\u0300" and unicode_block(ch) != "Latin Extended Additional":
            non_latin_count += 1
    if latin_count * 2 < non_latin_count:
        return "".join(ch for ch in text if ch < "A" or "z" < ch)
    return text
