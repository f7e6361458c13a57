"""Near-duplicate lines: signing only the lines that share a shingle hash with another line
finds exactly what signing every line finds, and a page of distinct lines needs no numpy."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleanscrape.config import CleanerConfig
from cleanscrape.minhash import MinHasher
from cleanscrape.neardup import ALL_PAIRS_LIMIT, _banded_earlier, earlier_duplicates, exact_repeats, normalize, shingles

WORDS = "the menu home news sport weather travel about contact share print save next older newer page".split()


def _every_line_signed(texts: list[str], config: CleanerConfig) -> list[int | None]:
    """The search as it was before the gate: every long line signed and compared."""
    keys = [normalize(text) for text in texts]
    result, long_positions = exact_repeats(keys, config)  # the exact pass is not what the gate changed
    if len(long_positions) < 2:
        return result
    hasher = MinHasher(config.minhash_num_perm, config.minhash_seed)
    matrix = np.stack([hasher.signature(shingles(keys[position], config.shingle_size)) for position in long_positions])
    if len(long_positions) <= ALL_PAIRS_LIMIT:
        for row in range(1, len(long_positions)):
            earlier = np.arange(row)
            similar = earlier[(matrix[earlier] == matrix[row]).mean(axis=1) >= config.near_duplicate_threshold]
            if similar.size:
                result[long_positions[row]] = long_positions[int(similar.min())]
        return result
    candidates = _banded_earlier(matrix, config.near_duplicate_threshold)
    for row in range(1, len(long_positions)):
        for other in candidates(row):
            if np.count_nonzero(matrix[other] == matrix[row]) >= config.near_duplicate_threshold * matrix.shape[1]:
                result[long_positions[row]] = long_positions[other]
                break
    return result


_LINE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)


@given(st.lists(_LINE, max_size=40), st.sampled_from([0.3, 0.5, 0.7, 1.0]))
def test_the_gate_finds_what_signing_every_line_finds(texts: list[str], threshold: float) -> None:
    config = CleanerConfig(near_duplicate_threshold=threshold)
    assert earlier_duplicates(texts, config) == _every_line_signed(texts, config)


def test_the_gate_finds_what_signing_every_line_finds_on_a_banded_page() -> None:
    # More long lines than ALL_PAIRS_LIMIT: candidates come from LSH bands.
    generator = np.random.default_rng(7)
    texts: list[str] = []
    for number in range(ALL_PAIRS_LIMIT + 60):
        if number % 10 == 9:  # an earlier line with its last word changed: a near duplicate
            texts.append(texts[number - 5].rsplit(" ", 1)[0] + " changed")
        else:
            texts.append(" ".join(generator.choice(WORDS, size=int(generator.integers(8, 14)))) + f" item{number}")
    config = CleanerConfig()
    expected = _every_line_signed(texts, config)
    assert earlier_duplicates(texts, config) == expected
    assert any(found is not None for found in expected)


_DISTINCT_LINES = """
import sys
from cleanscrape.config import CleanerConfig
from cleanscrape.neardup import earlier_duplicates
texts = [f"alpha{n} bravo{n} charlie{n} delta{n} echo{n} foxtrot{n}" for n in range(50)]
assert earlier_duplicates(texts, CleanerConfig()) == [None] * 50
print("numpy" in sys.modules)
"""


def test_a_page_of_distinct_lines_imports_no_numpy() -> None:
    result = subprocess.run([sys.executable, "-c", _DISTINCT_LINES], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False"]


def test_all_pairs_compared_in_blocks_find_what_one_row_at_a_time_finds() -> None:
    # Fewer long lines than ALL_PAIRS_LIMIT but several blocks of rows compared at once.
    generator = np.random.default_rng(11)
    texts: list[str] = []
    for number in range(150):
        if number % 7 == 6:
            texts.append(texts[int(generator.integers(0, number))].rsplit(" ", 1)[0] + " changed")
        else:
            texts.append(" ".join(generator.choice(WORDS, size=int(generator.integers(8, 14)))) + f" item{number}")
    config = CleanerConfig()
    expected = _every_line_signed(texts, config)
    assert earlier_duplicates(texts, config) == expected
    assert sum(found is not None for found in expected) >= 10
