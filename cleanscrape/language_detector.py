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

import contextlib
import functools
import hashlib
import json
import os
import random
import re
import tempfile
import zipfile
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


def _load_profiles(directory: str, cache_directory: str | None = None) -> _Profiles:
    """langdetect's profiles from ``directory``, through a cache file in ``cache_directory`` (when
    given) named by a hash of the profile files' names and bytes: parsing 55 JSON files is most of
    a one-page run's start-up, reading the cache a tenth of it. A cache file is written only after
    it was read back equal, bit for bit, to the profiles parsed from the JSON files."""
    sources = _profile_sources(directory)
    if cache_directory is None:
        return _parse_profiles(directory, sources)
    path = os.path.join(cache_directory, f"langdetect-profiles-{_sources_key(sources)}.npz")
    try:
        return _profiles_from_file(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass  # absent, unreadable or from an interrupted writer: parse and write it again
    profiles = _parse_profiles(directory, sources)
    _write_profiles_file(profiles, path)
    return profiles


def _profile_sources(directory: str) -> list[tuple[str, bytes]]:
    """Each profile file's name and bytes, in langdetect's (directory listing) order."""
    sources = []
    for filename in os.listdir(directory):
        path = os.path.join(directory, filename)
        if filename.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, "rb") as handle:
            sources.append((filename, handle.read()))
    return sources


def _sources_key(sources: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(f"cache format {PROFILE_CACHE_FORMAT}".encode())
    for filename, content in sources:
        for part in (filename.encode("utf-8"), content):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
    return digest.hexdigest()[:32]


def _parse_profiles(directory: str, sources: list[tuple[str, bytes]]) -> _Profiles:
    """langdetect's ``DetectorFactory.load_profile``, into one matrix: same languages in the same
    (directory listing) order, same n-grams, each probability ``1.0 * freq / n_words[len - 1]``
    (float64 division, as Python's)."""
    import numpy as np

    languages: list[str] = []
    rows: dict[str, int] = {}
    columns: list[tuple[np.ndarray, np.ndarray]] = []  # per language: its n-grams' rows, their probabilities
    for _, content in sources:
        profile = json.loads(content.decode("utf-8"))
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


#: Version of the cache file's layout, part of its name: bump it when the layout changes.
PROFILE_CACHE_FORMAT = 1
_GRAM_SEPARATOR = "\n"


def _profile_arrays(profiles: _Profiles) -> dict[str, np.ndarray]:
    """The profiles as arrays: n-grams in row order, and the matrix's nonzero cells (4% of it)."""
    import numpy as np

    nonzero_rows, nonzero_columns = np.nonzero(profiles.probabilities)
    return {
        "languages": np.frombuffer(_GRAM_SEPARATOR.join(profiles.languages).encode("utf-8"), dtype=np.uint8),
        "grams": np.frombuffer(_GRAM_SEPARATOR.join(profiles.rows).encode("utf-8"), dtype=np.uint8),
        "shape": np.asarray(profiles.probabilities.shape, dtype=np.int64),
        "rows": nonzero_rows.astype(np.int32),
        "columns": nonzero_columns.astype(np.int8),
        "values": profiles.probabilities[nonzero_rows, nonzero_columns],
    }


def _profiles_from_arrays(arrays: dict[str, np.ndarray]) -> _Profiles:
    import numpy as np

    languages = tuple(arrays["languages"].tobytes().decode("utf-8").split(_GRAM_SEPARATOR))
    grams = arrays["grams"].tobytes().decode("utf-8").split(_GRAM_SEPARATOR)
    shape = tuple(int(size) for size in arrays["shape"])
    if shape != (len(grams), len(languages)):
        raise ValueError(f"profile cache shape {shape} does not match its n-grams and languages")
    probabilities = np.zeros(shape, dtype=np.float64)
    probabilities[arrays["rows"], arrays["columns"]] = arrays["values"]
    probabilities.setflags(write=False)
    return _Profiles(languages, dict(zip(grams, range(len(grams)))), probabilities)


def _profiles_from_file(path: str) -> _Profiles:
    import numpy as np

    with np.load(path, allow_pickle=False) as stored:
        return _profiles_from_arrays({name: stored[name] for name in stored.files})


def _same_profiles(first: _Profiles, second: _Profiles) -> bool:
    import numpy as np

    return (
        first.languages == second.languages
        and list(first.rows.items()) == list(second.rows.items())
        and first.probabilities.shape == second.probabilities.shape
        and np.array_equal(first.probabilities.view(np.uint64), second.probabilities.view(np.uint64))
    )


def _write_profiles_file(profiles: _Profiles, path: str) -> None:
    """Writes the cache file if it reads back as ``profiles`` exactly; a directory that cannot be
    written leaves the profiles uncached (the next process parses the JSON files again)."""
    import numpy as np

    arrays = _profile_arrays(profiles)
    if not _same_profiles(_profiles_from_arrays(arrays), profiles):
        return  # an n-gram holding the separator, say: not worth a cache
    directory = os.path.dirname(path)
    try:
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".langdetect-profiles-", suffix=".npz", dir=directory)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **arrays)
        os.replace(temporary, path)  # atomic: a reader sees the old file, none, or the whole new one
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def default_cache_directory() -> str | None:
    """Where the profile cache lives: ``$CLEANSCRAPE_CACHE_DIR`` (empty: no cache), else
    ``$XDG_CACHE_HOME/cleanscrape``, else ``~/.cache/cleanscrape``."""
    configured = os.environ.get("CLEANSCRAPE_CACHE_DIR")
    if configured is not None:
        return configured or None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no home directory: no cache, rather than one under the working directory
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "cleanscrape")


class LanguageDetector:
    """Seeded language identification with langdetect's 55 profiles, loaded at this object's first
    detection (not at import); one object can serve any number of texts and threads."""

    def __init__(self, profile_directory: str | None = None, cache_directory: str | None = "default") -> None:
        """``cache_directory``: where the parsed profiles are cached ("default":
        :func:`default_cache_directory`; None: no cache)."""
        self._profile_directory = profile_directory
        self._cache_directory = default_cache_directory() if cache_directory == "default" else cache_directory

    @functools.cached_property
    def _profiles(self) -> _Profiles:
        directory = self._profile_directory
        if directory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY as directory
        return _load_profiles(directory, self._cache_directory)

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

        # One entry per n-gram occurrence, as langdetect draws from its list: the position of its
        # profile row among the distinct rows (first-seen order), which ``table`` holds.
        distinct = list(dict.fromkeys(drawn))
        positions = dict(zip(distinct, range(len(distinct))))
        choices = list(map(positions.__getitem__, drawn))
        table = profiles.probabilities[distinct]
        generator = random.Random()
        generator.seed(seed)
        count = len(profiles.languages)
        total = np.zeros(count, dtype=np.float64)
        choose = generator.choice
        for _ in range(N_TRIAL):
            probability = np.full(count, 1.0 / count, dtype=np.float64)
            alpha = ALPHA_DEFAULT + generator.gauss(0.0, 1.0) * ALPHA_WIDTH
            # langdetect multiplies by (weight + p) each draw: the sums are the same done once.
            factors = (alpha / BASE_FREQ) + table
            step = 0
            while True:
                probability *= factors[choose(choices)]
                if step % 5 == 0:
                    values = probability.tolist()
                    norm = sum(values)  # Python's sum: langdetect's rounding
                    probability /= norm
                    # Division by a positive number keeps the order: the largest quotient is this one.
                    if max(values) / norm > CONV_THRESHOLD or step >= ITERATION_LIMIT:
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

    # Each step only where it can match (the patterns cost more than the tests).
    if "http" in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _MAIL.sub(" ", text)
    if not text.isascii():  # a combining mark comes first in what normalize_vi rewrites
        text = NGram.normalize_vi(text)
    return _SPACES.sub(" ", text[:MAX_TEXT_LENGTH])


def _cleaned(text: str) -> str:
    """langdetect's ``Detector.cleaning_text``: Latin letters out of a text mostly in another script.

    langdetect counts a character from U+0300 up as non-Latin unless ``unicode_block(ch) !=
    'Latin Extended Additional'`` fails, which it never does (``unicode_block`` gives a number):
    so every one of them counts, and the two counts are two character classes."""
    if text.isascii():
        return text  # no character from U+0300 up: never "mostly another script"
    if len(_LATIN_RANGE.findall(text)) * 2 < len(_FROM_U0300.findall(text)):
        return "".join(ch for ch in text if ch < "A" or "z" < ch)
    return text


_LATIN_RANGE = re.compile("[A-z]")
_FROM_U0300 = re.compile("[\u0300-\U0010ffff]")
