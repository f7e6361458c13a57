"""The numpy language detector gives langdetect's own answers, bit for bit, with the same seed."""

from __future__ import annotations

import functools
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanscrape.language import detect
from cleanscrape.language_detector import LanguageDetector

#: Sentences per language of the lingua set (20 languages): enough to cover every script.
SENTENCES_PER_LANGUAGE = 25


@functools.cache
def _langdetect_factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


@functools.cache
def _detector() -> LanguageDetector:
    return LanguageDetector()


def _langdetect(text: str, seed: int) -> list[tuple[str, float]] | None:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_factory().create()
    detector.seed = seed
    detector.append(text)
    try:
        return [(language.lang, language.prob) for language in detector.get_probabilities()]
    except LangDetectException:
        return None


def _lingua_sentences(folder) -> list[str]:
    texts = []
    for path in sorted((folder / "lingua" / "sentences").glob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()[:SENTENCES_PER_LANGUAGE]
    return texts


def test_same_probabilities_as_langdetect_on_the_lingua_sentences(shared_data) -> None:
    texts = _lingua_sentences(shared_data)
    assert len(texts) >= 400
    for number, text in enumerate(texts):
        seed = number % 3
        assert _detector().probabilities(text, seed) == _langdetect(text, seed), text


def test_same_probabilities_as_langdetect_on_texts_of_several_lengths(shared_data) -> None:
    # Whole paragraphs of every language run together: from one character to past
    # langdetect's 10,000-character limit, across scripts, with capitals, URLs and addresses.
    joined = " ".join(_lingua_sentences(shared_data))
    extras = "Visit https://example.com/a?b=1 or write to jane.roe@example.org NOW: NASA, the UN and the EU. "
    for start, length in ((0, 1), (5, 2), (40, 10), (300, 100), (2000, 800), (9000, 3000), (0, 12000), (20000, 15000)):
        text = joined[start:start + length]
        for seed in (0, 7):
            assert _detector().probabilities(text, seed) == _langdetect(text, seed), (start, length, seed)
            assert _detector().probabilities(extras + text, seed) == _langdetect(extras + text, seed)


@given(st.text(alphabet=st.sampled_from("aAbBeéÉ ščΑαЯя中文にほんごأب\u0301\u1ea1.-"), max_size=60), st.integers(0, 3))
def test_same_probabilities_as_langdetect_on_any_text(text: str, seed: int) -> None:
    assert _detector().probabilities(text, seed) == _langdetect(text, seed)


def test_the_answer_does_not_depend_on_what_was_detected_before() -> None:
    text = "Der Hafen wurde am Dienstag nach dem Sturm wieder geöffnet, und die Schiffe liefen ein."
    alone = LanguageDetector().probabilities(text, 0)
    detector = LanguageDetector()
    detector.probabilities("The harbour reopened on Tuesday after the storm.", 0)
    assert detector.probabilities(text, 0) == alone
    assert detect(text, seed=0).code == "de"


_IMPORT_THEN_DETECT = """
from cleanscrape.language import default_detector, detect
print(default_detector().loaded)
detect("The harbour reopened on Tuesday after the storm.", seed=0)
print(default_detector().loaded)
"""


def test_profiles_load_at_the_first_detection_not_at_import() -> None:
    result = subprocess.run([sys.executable, "-c", _IMPORT_THEN_DETECT], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_a_detector_with_no_profiles_fails_at_its_first_detection(tmp_path) -> None:
    detector = LanguageDetector(str(tmp_path))  # constructing it reads nothing
    with pytest.raises(ValueError):
        detector.probabilities("some text", 0)


def _profile_directory() -> str:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return PROFILES_DIRECTORY


_CACHE_TEXTS = ["The harbour reopened on Tuesday after the storm.", "Der Hafen wurde am Dienstag wieder geöffnet.", "港は火曜日に再開した。"]


def test_profiles_read_from_the_cache_file_are_the_parsed_ones_bit_for_bit(tmp_path, monkeypatch) -> None:
    from cleanscrape import language_detector

    uncached = LanguageDetector(cache_directory=None)
    writer = LanguageDetector(cache_directory=str(tmp_path))
    assert [writer.probabilities(text, 1) for text in _CACHE_TEXTS] == [uncached.probabilities(text, 1) for text in _CACHE_TEXTS]
    assert len(list(tmp_path.glob("langdetect-profiles-*.npz"))) == 1

    def no_parsing(*args):
        raise AssertionError("the cache file was not used")

    monkeypatch.setattr(language_detector, "_parse_profiles", no_parsing)
    reader = LanguageDetector(cache_directory=str(tmp_path))
    reader.load()
    assert language_detector._same_profiles(reader._profiles, uncached._profiles)
    assert [reader.probabilities(text, 2) for text in _CACHE_TEXTS] == [uncached.probabilities(text, 2) for text in _CACHE_TEXTS]


def test_a_damaged_cache_file_is_parsed_again_and_rewritten(tmp_path) -> None:
    from cleanscrape import language_detector

    LanguageDetector(cache_directory=str(tmp_path)).load()
    (cache_file,) = tmp_path.glob("langdetect-profiles-*.npz")
    cache_file.write_bytes(cache_file.read_bytes()[:1000])
    detector = LanguageDetector(cache_directory=str(tmp_path))
    assert detector.probabilities(_CACHE_TEXTS[0], 0) == LanguageDetector(cache_directory=None).probabilities(_CACHE_TEXTS[0], 0)
    assert language_detector._same_profiles(language_detector._profiles_from_file(str(cache_file)), detector._profiles)


def test_changed_profile_files_do_not_read_the_old_cache_file(tmp_path) -> None:
    import shutil

    profiles = tmp_path / "profiles"
    profiles.mkdir()
    for name in ("en", "de"):
        shutil.copy(f"{_profile_directory()}/{name}", profiles / name)
    cache = tmp_path / "cache"
    LanguageDetector(str(profiles), cache_directory=str(cache)).load()
    (profiles / "de").unlink()
    detector = LanguageDetector(str(profiles), cache_directory=str(cache))
    assert detector.probabilities(_CACHE_TEXTS[1], 0) == [("en", pytest.approx(1.0, abs=1e-3))]
    assert len(list(cache.glob("langdetect-profiles-*.npz"))) == 2


def test_a_cache_directory_that_cannot_be_made_only_costs_the_cache(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    detector = LanguageDetector(cache_directory=str(blocker / "cache"))
    assert detector.probabilities(_CACHE_TEXTS[0], 0) == LanguageDetector(cache_directory=None).probabilities(_CACHE_TEXTS[0], 0)


def test_the_cache_directory_follows_the_environment(monkeypatch, tmp_path) -> None:
    from cleanscrape.language_detector import default_cache_directory

    monkeypatch.setenv("CLEANSCRAPE_CACHE_DIR", str(tmp_path))
    assert default_cache_directory() == str(tmp_path)
    monkeypatch.setenv("CLEANSCRAPE_CACHE_DIR", "")
    assert default_cache_directory() is None
    monkeypatch.delenv("CLEANSCRAPE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_directory() == str(tmp_path / "cleanscrape")


def test_no_home_directory_means_no_cache_rather_than_a_relative_one(monkeypatch) -> None:
    from cleanscrape.language_detector import default_cache_directory

    monkeypatch.delenv("CLEANSCRAPE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)
    assert default_cache_directory() is None
