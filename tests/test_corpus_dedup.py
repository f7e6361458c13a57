"""Near-duplicate documents: signatures, LSH bands, clusters and their representatives."""

import random
import subprocess
import sys
import zlib

import numpy as np
import pytest
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import Record
from cleanscrape.corpus import DedupConfig, SignatureScheme, deduplicate, find_duplicates, mark_duplicates
from cleanscrape.corpus.banding import BandIndex, band_buckets, band_keys, candidate_buckets, lsh_bands, row_band_keys, similar_pairs
from cleanscrape import minhash
from cleanscrape.corpus import signatures
from cleanscrape.corpus.signatures import (
    batch_shingle_hashes,
    content_digest,
    document_shingles,
    line_tokens,
    normalized_text,
    shingle_hash,
    sign_texts,
)
from cleanscrape.minhash import MinHasher

from .strategies import paragraph

ARTICLE = "\n".join(
    [
        "The harbour council met on Tuesday to discuss the storm damage along the eastern quay and the old fish market.",
        "Engineers reported that the sea wall had lost several large stones during the night and that water reached the road.",
        "Farmers from the village asked whether the budget for the new bridge would be delayed by the cost of the repairs.",
        "The mayor said the library and the museum would stay open while the workers cleared the debris from the square.",
        "Doctors at the city hospital treated eleven people for minor injuries, most of them caused by falling branches.",
        "The railway company expects trains to run normally again by the end of the week once the tracks are inspected.",
    ]
)
OTHER = "\n".join(
    [
        "A new exhibition of winter landscapes opens at the museum next month with paintings lent by private collectors.",
        "The curator spent two years tracing the works, some of which have not been shown in public for over a century.",
        "Tickets are free for school groups, and the museum will open late on Thursdays for the whole of the season.",
        "Several of the painters lived in the valley and painted the same frozen river from the same bridge for decades.",
    ]
)


def edited(text: str, changes: int, seed: int = 0) -> str:
    """The text with ``changes`` words replaced, on different lines where possible."""
    rng = random.Random(seed)
    lines = [line.split() for line in text.split("\n")]
    for number in range(changes):
        words = lines[number % len(lines)]
        words[rng.randrange(len(words))] = "zebra"
    return "\n".join(" ".join(words) for words in lines)


def clusters_of(texts: dict[str, str], **options) -> dict[str, str]:
    records = [{"id": id, "text": text} for id, text in texts.items()]
    return dict(find_duplicates(records, DedupConfig().replace(**options) if options else None).cluster_of)


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.9])
@pytest.mark.parametrize("num_perm", [32, 128])
def test_bands_follow_datasketchs_derivation(threshold, num_perm):
    for weight in (0.5, 0.9):
        assert lsh_bands(threshold, num_perm, weight) == _optimal_param(threshold, num_perm, 1 - weight, weight)


@pytest.mark.parametrize(("bands", "rows", "max_comparisons"), [(8, 2, 2), (4, 4, 64), (16, 1, 3)])
def test_buckets_of_two_compared_at_once_find_what_bucket_by_bucket_finds(bands, rows, max_comparisons):
    signatures = np.random.default_rng(bands).integers(0, 3, (2000, 16)).astype(np.uint32)
    expected = set()
    for bucket in candidate_buckets(signatures, bands, rows):
        for offset in range(1, len(bucket)):
            earlier = bucket[:min(offset, max_comparisons)]
            close = earlier[(signatures[earlier] == signatures[bucket[offset]]).mean(axis=1) >= 0.5]
            expected.update((int(other), int(bucket[offset])) for other in close)
    assert similar_pairs(signatures, bands, rows, 0.5, max_comparisons) == expected and expected
    members = np.arange(0, 2000, 3)
    assert similar_pairs(signatures, bands, rows, 0.5, max_comparisons, members=members) == similar_pairs(
        signatures[members], bands, rows, 0.5, max_comparisons)


def test_band_keys_are_the_band_values_as_bytes():
    """The one definition of a band's key, vectorised or one signature at a time (neardup, site templates, Dask)."""
    signatures = np.random.default_rng(1).integers(0, 3, size=(40, 24)).astype(np.uint32)
    bands, rows = 6, 4
    keys = row_band_keys(signatures, bands, rows)
    assert keys == [[row[band * rows:(band + 1) * rows].tobytes() for band in range(bands)] for row in signatures]
    assert [key.tobytes() for key in band_keys(signatures, 2, rows)] == [row[2] for row in keys]
    assert row_band_keys(signatures[7], bands, rows) == [keys[7]]
    _, buckets = band_buckets(signatures, bands, rows)
    for band in range(bands):
        expected: dict[bytes, list[int]] = {}
        for number, row in enumerate(keys):
            expected.setdefault(row[band], []).append(number)
        assert buckets[band] == expected
    index = BandIndex(signatures, bands, rows)
    assert index.best_match(signatures[3]) == 1.0
    assert BandIndex(signatures[:0], bands, rows).best_match(signatures[3]) == 0.0


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.8, 0.9])
def test_line_banding_keeps_datasketchs_layout(threshold):
    """neardup's long pages band lines as datasketch's MinHashLSH did (equal weights), now through lsh_bands."""
    from datasketch import MinHashLSH

    shape = MinHashLSH(threshold=threshold, num_perm=64)
    assert lsh_bands(threshold, 64) == (shape.b, shape.r)


def test_lines_at_threshold_one_get_a_layout():
    """A page's near-duplicate lines may ask for exact copies only (threshold 1.0): one band of every row, not an error
    (datasketch's MinHashLSH refused a single band, so a long page at 1.0 raised)."""
    from cleanscrape.config import CleanerConfig
    from cleanscrape.neardup import earlier_duplicates

    assert lsh_bands(1.0, 64) == (1, 64)
    texts = [f"Buy the cheap widget model {number} today at our store near you and save on every order" for number in range(400)]
    found = earlier_duplicates([*texts, texts[5]], CleanerConfig(near_duplicate_threshold=1.0))
    assert found[-1] == 5 and found[:400] == [None] * 400


def test_default_bands_find_pairs_just_above_the_threshold():
    bands, rows = DedupConfig().band_layout()
    assert bands * rows <= DedupConfig().scheme.num_perm
    threshold = DedupConfig().threshold
    assert 1 - (1 - (threshold + 0.1) ** rows) ** bands > 0.98  # candidate probability just above the threshold
    assert 1 - (1 - (threshold - 0.35) ** rows) ** bands < 0.05


def test_signatures_are_datasketch_minhashes_of_line_shingles():
    lines = line_tokens("Ships stuck in the canal, after a storm!\nThe port is closed.")
    assert lines == [b"ships stuck in the canal after a storm".split(), b"the port is closed".split()]
    shingles = document_shingles(lines, 5)
    assert shingles == [b"ships stuck in the canal", b"stuck in the canal after", b"in the canal after a",
                        b"the canal after a storm", b"the port is closed"]
    expected = MinHash(num_perm=64, seed=3, hashfunc=zlib.crc32)
    expected.update_batch(shingles)
    assert np.array_equal(MinHasher(64, 3).signature(shingles), expected.hashvalues)
    assert np.array_equal(MinHasher(64, 3).signature([]), MinHash(num_perm=64, seed=3).hashvalues)


@pytest.mark.parametrize("size", [1, 3, 5])
def test_document_signatures_follow_the_documented_scheme(size):
    """The vectorised signer equals the scheme done one shingle at a time: poly64 hashes, then datasketch's affine32."""
    texts = ["Ships stuck in the canal, after a storm!\n\nThe port is closed.\nNo", "", "!!", "東京の天気 today is fine", ARTICLE]
    scheme = SignatureScheme(num_perm=32, seed=5, shingle_words=size)
    signed = sign_texts(scheme, texts)
    for text, row, has_shingles in zip(texts, signed.hashvalues, signed.has_shingles):
        shingles = document_shingles(line_tokens(text), size)
        expected = MinHash(num_perm=32, seed=5, hashfunc=shingle_hash)
        expected.update_batch(shingles)
        assert np.array_equal(row, expected.hashvalues) and has_shingles == bool(shingles)


TRICKY_TEXTS = [
    "a\r\nb c d\u2028e_f g\x1c h", "x", "\ud800abc déjà 𝔘𝔫𝔦 ß STRASSE", "  \n\n  ", "東京の天気・today is ｆｉｎｅ",
    "one two\n\nthree four five six", "One, two!\nthree four five six", "İstanbul ǅ ﬁ", "١٢٣ ½ ² x",
]


def _batch_as_reference(texts, size):
    hashes, counts, digests = batch_shingle_hashes(texts, size)
    starts = np.cumsum(counts) - counts
    assert digests == [content_digest(normalized_text(text)) for text in texts]
    for text, start, count in zip(texts, starts, counts):
        assert hashes[start:start + count].tolist() == [shingle_hash(s) for s in document_shingles(line_tokens(text), size)]


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_batch_shingle_hashes_are_the_reference_hashes(size):
    """Tokenised by code point classes in numpy, hashed word by word: the same hashes and digests as one string at a time."""
    _batch_as_reference([*TRICKY_TEXTS, "", ARTICLE, *TRICKY_TEXTS[::-1], ""], size)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=80), min_size=1, max_size=5), st.integers(1, 4))
def test_batch_shingle_hashes_equal_the_reference_on_any_text(texts, size):
    _batch_as_reference(texts, size)


def test_signing_in_chunks_changes_nothing(monkeypatch):
    texts = [ARTICLE, OTHER, "", edited(ARTICLE, 3), ARTICLE * 40]
    whole = sign_texts(SignatureScheme(), texts)
    monkeypatch.setattr(minhash, "CHUNK_INPUTS", 7)
    monkeypatch.setattr(signatures, "SHINGLE_PART_CHARS", 50)
    parts = sign_texts(SignatureScheme(), texts)
    assert np.array_equal(parts.hashvalues, whole.hashvalues) and parts.digests == whole.digests
    assert np.array_equal(parts.has_shingles, whole.has_shingles) and not whole.has_shingles[2]


def test_dedup_does_not_import_scipy():
    code = "import sys; from cleanscrape.corpus import find_duplicates; find_duplicates([{'id': 'a', 'text': 'x y z'}]); print('scipy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_cjk_characters_are_words_of_their_own():
    assert line_tokens("東京の天気 today") == [["東".encode(), "京".encode(), "の".encode(), "天".encode(), "気".encode(), b"today"]]


def test_the_scheme_is_recorded_and_checked():
    summary = find_duplicates([{"id": "a", "text": ARTICLE}]).summary()
    assert summary["signature"] == {"num_perm": 128, "seed": 1, "shingle_words": 3, "permutation": "affine32",
                                    "hash": "poly64", "shingles": "line_word_ngrams"}
    for old in ("sha1", "crc32"):  # crc32: the scheme of cleanscrape 0.1's signatures
        with pytest.raises(ValueError, match="hash"):
            SignatureScheme(hash=old)
    with pytest.raises(ValueError, match="num_perm"):
        SignatureScheme(num_perm=8)


def test_exact_copies_cluster_whatever_their_case_spacing_and_punctuation():
    copy = ARTICLE.upper().replace(",", "").replace(" ", "  ")
    assert clusters_of({"b": ARTICLE, "a": copy, "c": OTHER}) == {"a": "a", "b": "a", "c": "c"}


def test_near_duplicates_cluster_and_distinct_texts_do_not():
    texts = {"orig": ARTICLE, "edit": edited(ARTICLE, 2), "other": OTHER, "far": edited(ARTICLE, 30)}
    found = clusters_of(texts)
    assert found["edit"] == found["orig"]
    assert found["other"] == "other"
    assert found["far"] == "far"


def test_moving_paragraphs_does_not_hide_a_copy():
    lines = ARTICLE.split("\n")
    found = clusters_of({"x": ARTICLE, "y": "\n".join(lines[3:] + lines[:3])})
    assert found["x"] == found["y"]


def test_the_representative_is_the_longest_text_then_the_lowest_id():
    longer = ARTICLE + "\nThe council will meet again next week."
    found = find_duplicates(
        [{"id": "1", "text": ARTICLE}, {"id": "2", "text": longer}, {"id": "0", "text": ARTICLE.lower()}]
    )
    assert {id: found.dup_cluster(id) for id in "012"} == {"0": "2", "1": "2", "2": "2"}
    assert [found.is_duplicate(id) for id in "012"] == [True, True, False]
    assert found.clusters() == [("2", "0", "1")]
    tie = find_duplicates([{"id": "b", "text": ARTICLE}, {"id": "a", "text": ARTICLE}])
    assert tie.dup_cluster("b") == "a"


def test_empty_texts_are_exact_duplicates_of_each_other_only():
    found = clusters_of({"e1": "", "e2": "  \n ", "x": ARTICLE, "y": "?!"})
    assert found["e1"] == found["e2"] == found["y"] != found["x"]


def test_records_get_dup_cluster_and_is_duplicate():
    records = [
        {"id": "a", "text": ARTICLE, "url": "https://a.example/1"},
        {"id": "b", "text": ARTICLE.replace("large ", ""), "url": "https://b.example/1"},
    ]
    rows = deduplicate(records)
    assert [(row["id"], row["url"], row["dup_cluster"], row["is_duplicate"]) for row in rows] == [
        ("a", "https://a.example/1", "a", False),
        ("b", "https://b.example/1", "a", True),
    ]
    assert "dup_cluster" not in records[0]  # the input is not changed


def test_cleanscrape_records_are_accepted():
    records = [Record(id=str(n), url=None, title=None, text=ARTICLE, language="en", language_probability=1.0) for n in range(2)]
    clusters = find_duplicates(records)
    rows = list(mark_duplicates(records, clusters))
    assert [row["is_duplicate"] for row in rows] == [False, True]
    assert rows[1]["word_count"] == records[1].word_count


def test_ids_must_be_present_and_unique():
    with pytest.raises(ValueError, match="unique"):
        find_duplicates([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}])
    with pytest.raises(ValueError, match="no id"):
        find_duplicates([{"text": "x"}])
    clusters = find_duplicates([{"id": "a", "text": "x"}])
    with pytest.raises(KeyError, match="not among"):
        clusters.annotate({"id": "b", "text": "x"})


def test_config_is_validated():
    with pytest.raises(ValueError, match="threshold"):
        DedupConfig(threshold=1.0)
    with pytest.raises(ValueError, match="both"):
        DedupConfig(bands=4)
    with pytest.raises(ValueError, match="permutations"):
        DedupConfig(bands=20, rows=10)
    with pytest.raises(TypeError, match="unknown"):
        DedupConfig().replace(treshold=0.5)
    assert DedupConfig().replace(num_perm=64, threshold=0.9).scheme.num_perm == 64


def _corpus(seed: int) -> list[dict]:
    rng = random.Random(seed)
    texts = [ARTICLE, OTHER, edited(ARTICLE, 1, seed), OTHER.upper(), OTHER + "\nAsk at the museum desk.", "", ARTICLE]
    return [{"id": f"r{rng.randrange(10**6)}-{n}", "text": text} for n, text in enumerate(texts)]


def test_workers_batches_and_order_do_not_change_the_result():
    records = _corpus(1)
    expected = find_duplicates(records).cluster_of
    assert find_duplicates(records[::-1], DedupConfig(batch_size=2), jobs=2).cluster_of == expected
    assert len(set(expected.values())) == 3  # ARTICLE and its copies, OTHER and its copies, the empty text


@settings(max_examples=25)
@given(st.lists(paragraph, min_size=1, max_size=6), st.data())
def test_clusters_do_not_depend_on_input_order(paragraphs, data):
    texts = paragraphs + [paragraphs[0].upper()] + [p + " Extra words at the end of it." for p in paragraphs[:2]]
    records = [{"id": f"doc{n}", "text": text} for n, text in enumerate(texts)]
    shuffled = data.draw(st.permutations(records))
    assert find_duplicates(shuffled).cluster_of == find_duplicates(records).cluster_of


@settings(max_examples=25)
@given(st.lists(st.text(min_size=0, max_size=200), min_size=1, max_size=6), st.data())
def test_exact_duplicates_always_share_a_cluster(texts, data):
    copied = data.draw(st.integers(0, len(texts) - 1))
    records = [{"id": f"t{n}", "text": text} for n, text in enumerate(texts)]
    records.append({"id": "copy", "text": f"  {texts[copied].upper()} "})
    found = find_duplicates(records)
    # Case folding can change a text's words (ß -> SS -> ss); compare on what the signature reads.
    if line_tokens(texts[copied].upper()) == line_tokens(texts[copied]):
        assert found.dup_cluster("copy") == found.dup_cluster(f"t{copied}")
    assert found.dup_cluster(found.dup_cluster("copy")) == found.dup_cluster("copy")
