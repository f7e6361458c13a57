"""A single huge line costs a bounded amount: its features come from a sample of it, and are
exact on every line of ordinary length."""

import sys
import time
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import clean, language
from cleanscrape.lines import MAX_FEATURE_CHARS, feature_sample, make_line
from cleanscrape.paragraphs import display_width

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

_LETTER = regex.compile(r"\p{L}")
_DENSE = regex.compile(r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]")
_WIDE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\uff01-\uff60\u3000-\u303f]")


def _is_mostly_in_exactly(text: str, scripts: frozenset[str]) -> bool:
    """The letter count over the whole text, a match per letter: what is_mostly_in computed before."""
    if text.isascii():
        return "Latin" in scripts or not any(ch.isalpha() for ch in text)
    outside_pattern = regex.compile("[^\\P{L}" + "".join(f"\\p{{Script={name}}}" for name in sorted(scripts)) + "]")
    outside_letters = outside_pattern.findall(text)
    if not outside_letters:
        return True
    extra = language.DENSE_CHARACTER_WEIGHT - 1
    outside = len(outside_letters) + extra * sum(1 for ch in outside_letters if _DENSE.match(ch))
    total = len(_LETTER.findall(text)) + extra * len(_DENSE.findall(text))
    return outside * 2 <= total


MIXED = st.text(alphabet=st.sampled_from(list("abc XYZ.,|-中文かなカナ한국어русскийελληνικά١٢عربي   ") + ["\u3000", "⺀", "〇"]), max_size=300)
SCRIPTS = st.sampled_from([frozenset({"Latin"}), frozenset({"Han", "Hiragana", "Katakana"}), frozenset({"Cyrillic"}),
                           frozenset({"Hangul", "Han"}), frozenset({"Arabic"})])


@settings(max_examples=300, deadline=None)
@given(MIXED, SCRIPTS)
def test_script_share_is_exact_on_ordinary_lines(text: str, scripts: frozenset[str]) -> None:
    assert language.is_mostly_in(text, scripts) == _is_mostly_in_exactly(text, scripts)


@settings(max_examples=200, deadline=None)
@given(MIXED)
def test_display_width_is_exact_on_ordinary_lines(text: str) -> None:
    assert display_width(text) == len(text) + len(_WIDE.findall(text))


def test_the_sample_is_the_line_itself_up_to_the_limit() -> None:
    line = "x" * MAX_FEATURE_CHARS
    assert feature_sample(line) is line
    longer = "ab" * MAX_FEATURE_CHARS
    sample = feature_sample(longer)
    assert MAX_FEATURE_CHARS <= len(sample) < MAX_FEATURE_CHARS + 100
    assert sample.startswith("abab") and sample.endswith(longer[-10:])


def test_a_huge_line_keeps_a_bounded_number_of_tokens_and_about_its_word_count() -> None:
    # A 10 MB line of CJK text made 10 million one-character tokens: 3 GB and seconds per step.
    line = "中文" * 2_000_000
    made = make_line(0, line)
    assert made.text == line and made.content == line
    assert len(made.tokens) <= MAX_FEATURE_CHARS
    assert abs(made.words - 2_000_000) < 20_000  # one word per two CJK characters, as on short lines
    prose = ("The council met on Monday, and the harbour stayed closed. " * 100_000).strip()
    made = make_line(1, prose)
    assert abs(made.words - 1_000_000) / 1_000_000 < 0.01
    assert made.ends_sentence and made.punctuation_count == 200_000
    assert 0.15 < made.capitalized_share < 0.25


def test_script_of_a_huge_line_is_judged_on_a_sample() -> None:
    line = "中文" * 2_000_000 + "abc"
    assert not language.is_mostly_in(line, frozenset({"Latin"}))
    assert language.is_mostly_in(line, frozenset({"Han"}))
    assert language.dominant_script(line) == "Han"


def test_the_fuzz_runs_ten_megabyte_line_cleans_in_a_few_seconds_of_cpu() -> None:
    # Input 26541 of the seed-2026 fuzz run (three short lines, then 10 MB of CJK on one line)
    # took 16 s of CPU in clean(), mostly language.is_mostly_in and lines.make_line.
    import fuzz

    item = fuzz.make_input(2026, 26541)
    assert item.kind == "long_line" and item.size > 10_000_000
    started = time.process_time()
    record = clean(item.page)
    spent = time.process_time() - started
    assert record.extractor == "text"
    assert spent < 8.0, spent  # about 2 s now
