"""The public API: clean(), Cleaner, CleanerConfig, Record.to_dict()."""

import codecs
import json
from pathlib import Path

import pytest

import cleanscrape
from cleanscrape import Cleaner, CleanerConfig, Record, clean

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "news_page.txt").read_text(encoding="utf-8")


def test_example_page_record() -> None:
    record = clean(EXAMPLE)
    assert record.title == "Ships stuck in canal after storm"
    assert record.language == "en"
    assert record.text.startswith("Dozens of cargo ships were stuck on Tuesday")
    assert record.text.endswith("began moving again under escort.")
    assert len(record.text.split("\n")) == 4
    assert record.metadata.author == "Jane Roe"
    assert record.metadata.date == "2025-03-03"
    assert record.metadata.reading_minutes == 4
    assert record.metadata.sitename == "Example News"
    reasons = {item.text: item.reason for item in record.removed}
    assert reasons["Home > World > Ships stuck in canal after storm"] == "breadcrumb"
    assert reasons["Facebook Twitter LinkedIn Email"] == "share_bar"
    assert reasons["{{ user.name }}"] == "placeholder"
    assert reasons["广告位招租 广告位招租"] == "off_language"
    assert reasons["Related Posts"] == "related_list"


def test_to_dict_is_json_ready_with_every_key() -> None:
    for page in (EXAMPLE, "", "just one line"):
        row = clean(page).to_dict()
        assert set(row) == {
            "id", "url", "title", "text", "language", "language_probability",
            "metadata", "removed", "dropped", "extractor", "extractor_rule", "word_count", "warnings",
            "source", "http_status", "warc_date", "warc_record_id", "dup_cluster", "is_duplicate",
        }
        assert set(row["metadata"]) == {"author", "date", "sitename", "reading_minutes", "description", "input"}
        json.dumps(row)


def test_empty_page_is_dropped_not_an_error() -> None:
    record = clean("")
    assert record.text == "" and record.dropped == "empty" and record.language is None


def test_keyword_options_override_defaults() -> None:
    assert clean(EXAMPLE, min_words=1000).dropped == "too_short"
    assert clean(EXAMPLE, languages=("de",)).dropped == "language"
    assert clean(EXAMPLE, languages=("en",)).dropped is None


def test_unknown_option_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="unknown cleaning option"):
        clean(EXAMPLE, no_such_option=True)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"near_duplicate_threshold": 0}, "near_duplicate_threshold"),
        ({"minhash_num_perm": 4}, "minhash_num_perm"),
        ({"input_format": "pdf"}, "input_format"),
        ({"min_words": -1}, "min_words"),
    ],
)
def test_config_validates(options, message) -> None:
    with pytest.raises(ValueError, match=message):
        CleanerConfig(**options)


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        CleanerConfig().min_words = 3  # type: ignore[misc]


def test_languages_accepts_comma_string() -> None:
    assert CleanerConfig(languages="en, de").languages == ("en", "de")


@pytest.mark.parametrize(
    "data",
    [
        EXAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + EXAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + EXAMPLE.encode("utf-16-le"),
    ],
)
def test_bytes_are_decoded(data: bytes) -> None:
    assert clean(data).text == clean(EXAMPLE).text


def test_legacy_encoding_is_detected() -> None:
    page = "Café society\n" + "Les élèves ont étudié à la bibliothèque pendant toute la journée, et ils étaient très fatigués le soir. " * 3
    record = clean(page.encode("cp1252"))
    assert "élèves" in record.text


def test_undecodable_bytes_never_crash() -> None:
    record = clean(b"\xff\xfe\xfa\x00\x81" * 50)
    assert isinstance(record.text, str)


def test_wrong_type_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        clean(123)  # type: ignore[arg-type]


def test_ids_are_stable_and_overridable() -> None:
    assert clean(EXAMPLE).id == clean(EXAMPLE).id
    assert clean(EXAMPLE, url="https://a.example/x").id != clean(EXAMPLE).id
    assert clean(EXAMPLE, id="doc-1").id == "doc-1"


def test_html_main_content_is_extracted() -> None:
    html = "<html><body><nav><ul><li>Home</li><li>World</li><li>Sport</li></ul></nav><article>" + "".join(
        f"<p>{line}</p>" for line in EXAMPLE.split("\n")[10:14]
    ) + "</article><footer>© 2025 Example News. All rights reserved.</footer></body></html>"
    record = clean(html)
    assert record.extractor == "trafilatura"
    assert record.text.startswith("Dozens of cargo ships")
    assert "All rights reserved" not in record.text and "Sport" not in record.text


def test_german_quote_in_german_article_is_kept() -> None:
    article = "\n".join(
        [
            "Die Stadtverwaltung hat am Montag neue Pläne für den Ausbau des Hafens vorgestellt, die bis zum Jahr 2030 umgesetzt werden sollen.",
            "„Wir haben lange darauf gewartet, dass die Stadt endlich handelt und die Menschen hier ernst nimmt“, sagte eine Anwohnerin.",
            "Die Kosten werden auf mehrere hundert Millionen Euro geschätzt, ein Teil davon soll aus Mitteln des Bundes kommen.",
        ]
    )
    record = clean(article)
    assert record.language == "de"
    assert record.text == article


def test_chinese_ad_line_in_english_article_is_removed() -> None:
    paragraphs = EXAMPLE.split("\n")[10:14]
    page = "\n".join([*paragraphs[:2], "广告位招租 广告位招租 联系电话", *paragraphs[2:]])
    record = clean(page)
    assert record.text == "\n".join(paragraphs)
    assert [item.reason for item in record.removed] == ["off_language"]


def test_the_language_sample_reads_letters_and_no_one_line_fills_it() -> None:
    from cleanscrape.language import sample_for_detection
    from cleanscrape.lines import segment

    english = EXAMPLE.split("\n")[10:14]
    stars = "| Our Score | 9.8 " + "     ☆     ★     " * 30 + "|"
    blurb = ("Wir konzipieren, gestalten und entwickeln Web- und Digitallösungen für unsere Kunden aus aller Welt, "
             "die unsere professionelle und ehrliche Beratung schätzen. ") * 6
    sample = sample_for_detection(segment("\n".join([stars, *english, blurb])), 800)
    assert "☆" not in sample
    assert sum(len(line) for line in sample.split("\n") if line.startswith("Wir")) <= 200
    assert clean("\n".join([stars, *english, blurb])).language == "en"


def test_a_table_row_of_numbers_and_repeated_cells_is_not_another_language() -> None:
    paragraphs = EXAMPLE.split("\n")[10:14]
    rows = ["| Dimensions | 7.36 x 6.50 x 7.52 (W x D x H) |", "| Fire TV (Fire OS) | Yes | Yes | Yes | Yes | Yes |"]
    record = clean("\n".join([*paragraphs[:2], *rows, *paragraphs[2:]]), input_format="text")
    assert "off_language" not in [item.reason for item in record.removed]


def test_record_type() -> None:
    assert isinstance(Cleaner().clean(EXAMPLE), Record)
    assert cleanscrape.__version__


def test_near_duplicates_on_a_very_long_page_use_lsh_bands() -> None:
    import random

    from cleanscrape.config import CleanerConfig
    from cleanscrape.neardup import ALL_PAIRS_LIMIT, earlier_duplicates

    pick = random.Random(7).choice
    words = "harbour council river engineers report water storm budget season farmers market village bridge school".split()
    texts = [" ".join(pick(words) for _ in range(14)) for _ in range(ALL_PAIRS_LIMIT * 3)]
    texts.append(texts[42] + " again")
    found = earlier_duplicates(texts, CleanerConfig())
    assert found[-1] == 42
    assert sum(original is not None for original in found[:-1]) == sum(text in texts[:n] for n, text in enumerate(texts[:-1]))


@pytest.mark.parametrize(
    ("text", "is_breadcrumb"),
    [
        ("Home > Well-being > Sleep", True),
        ("Home / e-books / fiction", True),
        ("Home > Docs > Vec<T>", True),
        ("Science › Climate", True),
        # A ">" that closes a generic or a tag is not a crumb separator.
        ("impl<T, E> Result<T, E>", False),
        ("pub fn is_ok_and<F>(self, f: F) -> bool", False),
        ("Home >> News >> Local", True),
        ("Home :: Forum :: Topic", True),
        ("... > Forum > Topic", True),
        ("Home » Blog » Post,", True),
        # The arrows, paths and selectors of program text are not crumb separators.
        ("Partition -> Check (and repair), regardless", False),
        ("use tokio::runtime;", False),
        ("G[Indexes] --> C", False),
        ("return () => {", False),
        (".then((response) => {", False),
        ("tbody > tr > th:first-of-type {", False),
        ("$message=$twilio->messages->create(", False),
        ("A[PostgreSQL Memory Configuration] --> B[shared_buffers]", False),
        # An instruction through menus runs on past its last ">"; a title with "vs." is one phrase.
        ("Click File > New> Java Class to create a new Java class. Name the class SmsApp.", False),
        ("Articles > Careers > Insurance Consultant vs. MBB Consultant: Key Differences", True),
        ("Home > Faculty > Prof. Jane Doe", True),
        ("Home > News > Acme Corp. Announces Merger", True),
    ],
)
def test_breadcrumbs_and_generics(text: str, is_breadcrumb: bool) -> None:
    from cleanscrape.detectors import breadcrumb
    from cleanscrape.lines import segment

    assert breadcrumb.matches(segment(text)[0]) is is_breadcrumb


@pytest.mark.parametrize(
    ("text", "language", "in_script"),
    [
        # Japanese writes product names in Latin letters; the kana and Han still make the line Japanese.
        ("Kindle for PCの起動ホットキーがKeePassと被る", "ja", True),
        ("※「iPhone」は、Apple Inc.の商標です。", "ja", True),
        ("Ctrl＋Alt＋Kで", "ja", False),
        ("广告位招租 广告位招租", "en", False),
        ("The word 你好 means hello in Chinese", "en", True),
        ("Привет мир", "en", False),
    ],
)
def test_dense_scripts_weigh_a_word_a_character(text: str, language: str, in_script: bool) -> None:
    from cleanscrape.language import is_mostly_in, scripts_of

    assert is_mostly_in(text, scripts_of(language)) is in_script
