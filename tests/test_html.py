"""HTML input: main content and metadata by trafilatura, the full-page fallback, time limits and encodings."""

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from cleanscrape import Cleaner, CleanerConfig, clean
from cleanscrape.cli import main
from cleanscrape.decoding import decode_page
from cleanscrape.extract import PageTimeout

PARAGRAPHS = [
    "The harbour authority said on Tuesday that dozens of cargo ships had been held outside the port for a week.",
    "Captains waited for the storm to pass while pilots checked the channel for debris left by the high winds.",
    "Traders said the delay would push up the price of grain shipments that were due to arrive before the holiday.",
]
PAGE = (
    "<html><head><title>Ships wait outside the harbour - Example News</title>"
    '<meta name="author" content="Jane Roe">'
    '<meta property="article:published_time" content="2025-03-04T10:00:00Z">'
    '<meta property="og:site_name" content="Example News">'
    '<meta name="description" content="A storm holds cargo ships outside the port.">'
    "</head><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
    "<li><a href='/sport'>Sport</a></li></ul></nav><article><h1>Ships wait outside the harbour</h1>"
    + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    + "<h2>Related posts</h2><ul><li><a href='/a'>Port reopens after strike</a></li>"
    "<li><a href='/b'>Grain prices climb</a></li><li><a href='/c'>Storm season begins</a></li></ul>"
    "</article><footer>© 2025 Example News. All rights reserved. Privacy policy</footer></body></html>"
)


def test_main_content_and_metadata() -> None:
    record = clean(PAGE, url="https://news.example/ships")
    assert record.extractor == "trafilatura"
    assert record.text.split("\n") == PARAGRAPHS
    assert record.title == "Ships wait outside the harbour"
    assert record.metadata.author == "Jane Roe"
    assert record.metadata.date == "2025-03-04"
    assert record.metadata.sitename == "Example News"
    assert record.metadata.description == "A storm holds cargo ships outside the port."
    assert record.language == "en"
    # The title at the top of the article is the record's title, not its text.
    assert (record.removed[0].text, record.removed[0].reason) == ("Ships wait outside the harbour", "title")


ARTICLE_PAGE = PAGE.replace("<head>", '<head><meta property="og:type" content="article">')


def test_an_article_page_is_read_in_trafilaturas_precision_mode_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    modes = []
    real = trafilatura.bare_extraction

    def recording(*args, favor_precision=False, fast=False, **kwargs):
        modes.append((favor_precision, fast))
        return real(*args, favor_precision=favor_precision, fast=fast, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", recording)
    record = clean(ARTICLE_PAGE)
    # A short text (under 100 words, which resiliparse's agreement does not settle): the
    # precision mode runs without, then with trafilatura's comparisons, and the default
    # mode runs too, to compare with.
    assert modes == [(True, True), (True, False), (False, False)]
    assert record.extractor == "trafilatura_precision"
    assert record.text.split("\n") == PARAGRAPHS
    modes.clear()
    assert clean(ARTICLE_PAGE, html_resiliparse_min_ratio=None).extractor == "trafilatura_precision"
    assert modes == [(True, False), (False, False)]
    modes.clear()
    assert clean(ARTICLE_PAGE, html_article_precision_min_share=None).extractor == "trafilatura"
    assert modes == [(False, False)]
    modes.clear()
    # A page that does not say it is an article, or says it is a forum thread, is read once.
    forum = ARTICLE_PAGE.replace("<head>", '<head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>')
    assert [clean(page).extractor for page in (PAGE, forum)] == ["trafilatura", "trafilatura"]
    assert modes == [(False, False), (False, False)]


def _trafilatura_readers(default_text: str, precise_text: str, runs: list[bool] | None = None):
    """Readers whose trafilatura modes return these texts (each run noted in ``runs``: precision or not)."""
    from cleanscrape.extract import Candidate, Readers

    def precision(page, fast, warnings):
        (runs if runs is not None else []).append(True)
        return Candidate("trafilatura_precision", precise_text)

    def default(page, warnings):
        (runs if runs is not None else []).append(False)
        return Candidate("trafilatura", default_text)

    return Readers(trafilatura_default=default, trafilatura_precision=precision)


@pytest.mark.parametrize(("precise_words", "expected"), [(30, "trafilatura_precision"), (24, "trafilatura")])
def test_the_precision_mode_is_not_taken_when_it_cut_the_story(precise_words: int, expected: str) -> None:
    from cleanscrape.extract import extract_main_content

    story = " ".join(f"word{number}" for number in range(100))
    readers = _trafilatura_readers(story, " ".join(story.split()[:precise_words]))
    # The default share is a quarter of the default mode's words.
    assert extract_main_content(ARTICLE_PAGE, readers=readers).source == expected


def test_a_long_precision_mode_text_is_taken_without_the_default_run() -> None:
    from cleanscrape.extract import extract_main_content

    runs: list[bool] = []
    story = " ".join(f"word{number}" for number in range(5000))
    readers = _trafilatura_readers(story, " ".join(story.split()[:600]), runs)
    # resiliparse off: no confirmation, and the precision mode runs once, with trafilatura's comparisons.
    policy = CleanerConfig(html_resiliparse_min_ratio=None).extraction
    extraction = extract_main_content(ARTICLE_PAGE, policy=policy, readers=readers)
    assert (extraction.source, extraction.rule) == ("trafilatura_precision", "article_precision_long")
    assert runs == [True]  # no default run


def test_a_date_named_only_in_the_text_needs_the_extensive_search() -> None:
    page = (
        "<html><head><title>Harbour</title></head><body><article><h1>Ships wait</h1>"
        + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
        + "<p>Posted on March 4, 2025 by the harbour desk.</p></article></body></html>"
    )
    assert clean(page).metadata.date == "2025-03-04"
    assert clean(page, html_date_extensive_search=False).metadata.date is None
    # A date in the markup is found either way.
    assert clean(PAGE, html_date_extensive_search=False).metadata.date == "2025-03-04"


def test_explain_shows_the_whole_page() -> None:
    decisions = Cleaner().explain(PAGE)
    reasons = {decision.text: decision.reason for decision in decisions}
    assert all(reasons[text] is None for text in PARAGRAPHS)
    assert reasons["Ships wait outside the harbour"] == "title"
    for template in ("© 2025 Example News. All rights reserved. Privacy policy", "* Home", "* World", "* Sport", "* Grain prices climb"):
        assert reasons[template] == "not_main_content"


def test_explain_is_not_thrown_off_by_a_sidebar_line_the_article_repeats() -> None:
    # "Storm season begins" stands in the sidebar before the article and in its related list after it.
    page = PAGE.replace("<nav>", "<aside><p>Storm season begins</p></aside><nav>")
    reasons = {decision.text: decision.reason for decision in Cleaner().explain(page)}
    assert all(reasons[text] is None for text in PARAGRAPHS)


def test_template_left_inside_extracted_content_is_removed() -> None:
    from cleanscrape.decide import classify_extracted
    from cleanscrape.lines import segment

    extracted = "\n".join(["Ships wait outside the harbour", *PARAGRAPHS, "Related posts", "- Port reopens after strike",
                           "- Grain prices climb", "Facebook Twitter LinkedIn Email"])
    # The "Related posts" heading is also a line the site repeats on every page.
    verdict = classify_extracted(segment(extracted), CleanerConfig(), lambda text: text == "Related posts",
                                 title="Ships wait outside the harbour")
    reasons = {line.text: reason for line, reason in zip(verdict.lines, verdict.reasons)}
    assert [text for text, reason in reasons.items() if reason is None] == PARAGRAPHS
    assert reasons["Ships wait outside the harbour"] == "title"
    assert reasons["Related posts"] == "site_template"
    assert reasons["- Grain prices climb"] == "related_list"
    assert reasons["Facebook Twitter LinkedIn Email"] == "share_bar"


@pytest.mark.parametrize(
    ("heading", "is_related"),
    [
        ("More in Politics", True),
        ("More from The Associated Press", True),
        ("Read more", True),
        ("See also", False),  # a manual's or a reference page's own cross-references
        ("More on Postgres Performance by Craig Kerstiens", False),  # a headline in the list, not its heading
        ("PFT Most Commented", True),  # a short site prefix
        ("Create a top-level drop-in for services:", False),
        ("Top-level drop-in for services", False),  # "in" inside "drop-in" is no cue
        ("create a top pick", False),  # a site prefix is capitalised words
        ("More on Postgres Performance from Craig Kerstiens", False),
    ],
)
def test_related_list_headings(heading: str, is_related: bool) -> None:
    from cleanscrape.detectors import related_list
    from cleanscrape.lines import segment

    assert related_list.is_heading(segment(heading)[0]) is is_related


def test_inside_extracted_content_only_long_lines_count_as_repeats() -> None:
    from cleanscrape.decide import classify_extracted
    from cleanscrape.lines import segment

    # A meal plan: its short headings repeat by design; the closing paragraph is the first one again.
    extracted = "\n".join([
        PARAGRAPHS[0], "Eat every 2-3 hours", PARAGRAPHS[1], "Eat every 2-3 hours", PARAGRAPHS[2],
        PARAGRAPHS[0].replace("Tuesday", "Wednesday"),
    ])
    verdict = classify_extracted(segment(extracted), CleanerConfig())
    assert verdict.reasons == [None, None, None, None, None, "near_duplicate"]


def test_the_repeat_check_in_extracted_content_starts_at_its_configured_length() -> None:
    from cleanscrape.decide import classify_extracted
    from cleanscrape.lines import segment

    fourteen = "Add the flour and sugar to the bowl and stir together for two minutes"
    fifteen = "Pour the batter into the tin and bake it in the oven for forty minutes"
    extracted = "\n".join([fourteen, fifteen, PARAGRAPHS[0], fourteen, fifteen])
    assert [line.words for line in segment(extracted)][:2] == [14, 15]
    assert classify_extracted(segment(extracted), CleanerConfig()).reasons == [None, None, None, None, "near_duplicate"]
    every_length = CleanerConfig(extracted_repeat_min_words=1)
    assert classify_extracted(segment(extracted), every_length).reasons == [None, None, None, "near_duplicate", "near_duplicate"]


def _question_page(schema: str) -> str:
    answers = "".join(f'<div class="comment"><p>{text}</p></div>' for text in PARAGRAPHS[1:])
    return (
        f"<html><head><title>Ships</title>{schema}</head><body><main><h1>Ships</h1><p>{PARAGRAPHS[0]}</p>"
        f'<div id="comments" class="comments"><h2>2 Answers</h2>{answers}</div></main></body></html>'
    )


@pytest.mark.parametrize(
    "structured_data",
    [
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "QAPage"}</script>',
        '<script type="application/ld+json">{"@type": ["QAPage", "WebPage"]}</script>',
        '<meta itemscope itemtype="https://schema.org/QAPage">',
    ],
)
def test_the_answers_of_a_question_page_are_content(structured_data: str) -> None:
    assert clean(_question_page(structured_data)).text.split("\n") == PARAGRAPHS


@pytest.mark.parametrize("structured_data", ["", '<meta name="description" content="How to mark up a schema.org/QAPage">'])
def test_other_pages_comments_stay_out(structured_data: str) -> None:
    assert clean(_question_page(structured_data)).text.split("\n") == PARAGRAPHS[:1]


def test_answers_already_in_the_main_text_are_not_added_twice() -> None:
    from cleanscrape.extract.trafilatura_run import with_answers

    assert with_answers("Question\nAnswer one", "Answer one\nAnswer two") == "Question\nAnswer one\nAnswer two"


def test_a_title_as_long_as_a_paragraph_does_not_remove_the_paragraph() -> None:
    from cleanscrape.decide import classify_extracted
    from cleanscrape.lines import segment

    # Some sites put the story's first paragraph in og:title; it is then the whole extracted text.
    story = " ".join(PARAGRAPHS[:2])
    assert classify_extracted(segment(story), CleanerConfig(), title=story).reasons == [None]
    assert classify_extracted(segment("Ships wait\n" + story), CleanerConfig(), title="Ships wait").reasons == ["title", None]


def test_bare_numbers_and_code_inside_extracted_content_stay() -> None:
    from cleanscrape.decide import classify_extracted
    from cleanscrape.lines import segment

    # A ranking's scores, and Rust signatures whose generics look like "Home > News" arrows.
    extracted = "\n".join([PARAGRAPHS[0], "1. Harbour Authority", "9.1", "2. Pilots Guild", "8.8",
                           "impl<T, E> Result<T, E>", "pub fn is_ok_and<F>(self, f: F) -> bool"])
    assert classify_extracted(segment(extracted), CleanerConfig()).reasons == [None] * 7


def test_code_in_the_pages_markup_is_never_template() -> None:
    # A template engine's manual: its examples look like unfilled placeholders, an email
    # address in a command like a footer, a language-less line like another language.
    page = (
        "<html><head><title>Forms</title></head><body><article><h1>Working with forms</h1>"
        + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
        + "<p>Render the whole form in a template with one tag:</p>"
        "<pre><code>{% csrf_token %}\n{{ form }}\n$ git send-email --to=dev@example.com</code></pre>"
        "<p>Captains said the form renders every field with its label and errors.</p>"
        "<p>{{ user.name }}</p></article></body></html>"
    )
    record = clean(page)
    kept = record.text.split("\n")
    assert ["{% csrf_token %}", "{{ form }}", "$ git send-email --to=dev@example.com"] == [
        line for line in kept if line.startswith(("{", "$"))
    ]
    # The same kind of line outside the code is still a placeholder.
    assert ("{{ user.name }}", "placeholder") in [(removed.text, removed.reason) for removed in record.removed]


def test_code_lines_split_at_breaks_and_inline_code_exempts_no_other_line() -> None:
    page = (
        "<html><body><article><h1>Forms</h1>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
        + "<p>Render it:</p><pre><code>{{ form }}<br>{% csrf_token %}</code></pre>"
        "<p>Set <code>Privacy Policy</code> as the link text of the footer in your settings file.</p>"
        "<p>Privacy Policy</p></article></body></html>"
    )
    record = clean(page)
    assert "{{ form }}\n{% csrf_token %}" in record.text
    assert ("Privacy Policy", "footer") in [(removed.text, removed.reason) for removed in record.removed]


def test_program_text_is_exempt_from_the_detectors_and_the_language_check() -> None:
    from cleanscrape.decide import classify_extracted
    from cleanscrape.lines import segment

    code = ["{{ form.subject.errors }}", "Posted by admin@example.com | Privacy Policy | Terms of Use"]
    lines = segment("\n".join([*PARAGRAPHS, *code]))
    assert classify_extracted(lines, CleanerConfig()).reasons[3:] == ["placeholder", "footer"]
    assert classify_extracted(lines, CleanerConfig(), code_lines=frozenset(code)).reasons == [None] * 5


def test_a_related_list_that_is_most_of_the_page_is_the_page() -> None:
    from cleanscrape.decide import classify_extracted
    from cleanscrape.lines import segment

    # A listing page: one line of introduction, then the list the page exists for.
    routes = [f"- Cypress Creek Trail number {n}, intermediate, 9.4 miles, Spring, Texas" for n in range(8)]
    extracted = "\n".join(["Mountain bike routes around Houston, chosen by riders.", "Recommended Routes in Houston", *routes])
    assert classify_extracted(segment(extracted), CleanerConfig()).reasons == [None] * 10


def test_page_without_main_content_falls_back_to_its_full_text() -> None:
    # Main content below the configured minimum: the full-page cleaner answers instead.
    page = "<html><body><p>" + "<br>".join(PARAGRAPHS) + "</p></body></html>"
    record = Cleaner(html_min_main_words=1000).clean(page)
    assert record.extractor == "html_text"
    assert record.text.split("\n") == PARAGRAPHS


def test_a_page_trafilatura_discards_keeps_its_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    # trafilatura returns nothing for a page whose text is too short; its metadata is read apart.
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    # resiliparse's main content where it is on, the full page's text where it is off.
    for options, extractor in (({}, "resiliparse"), ({"html_resiliparse_min_ratio": None}, "html_text")):
        record = clean(PAGE, url="https://news.example/ships", **options)
        assert record.extractor == extractor
        assert record.text.split("\n") == PARAGRAPHS
        assert record.title == "Ships wait outside the harbour"
        assert (record.metadata.author, record.metadata.date) == ("Jane Roe", "2025-03-04")
        assert record.metadata.sitename == "Example News"


METADATA_PAGES = {
    "meta tags": PAGE,
    "JSON-LD": (
        '<html><head><title>Ignored title</title><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ships wait", "author": {"@type": "Person", "name": "Jane Roe"},'
        ' "datePublished": "2024-11-02", "publisher": {"@type": "Organization", "name": "Harbour Times"}}'
        "</script></head><body><p>" + PARAGRAPHS[0] + "</p></body></html>"
    ),
    "byline and URL only": (
        '<html><head><link rel="canonical" href="https://blog.example.org/post/1"></head><body>'
        '<h1>Ships</h1><p class="byline">By John Smith</p><p>Posted 2023-06-07</p><p>' + PARAGRAPHS[1] + "</p></body></html>"
    ),
    "one-word author, lower-case site name": (
        '<html><head><meta name="author" content="admin"><meta property="og:site_name" content="@harbourdesk">'
        "</head><body><p>" + PARAGRAPHS[2] + "</p></body></html>"
    ),
    "nothing but text": "<html><body><p>" + PARAGRAPHS[0] + "</p></body></html>",
}


@pytest.mark.parametrize("page", METADATA_PAGES.values(), ids=METADATA_PAGES.keys())
@pytest.mark.parametrize("extensive", [True, False])
def test_page_metadata_gives_trafilaturas_fields(page: str, extensive: bool) -> None:
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    from cleanscrape.pagemeta import page_metadata

    tree = load_html(page)
    before = etree.tostring(tree)
    ours = page_metadata(tree, "https://given.example/page", set_date_params(extensive))
    assert etree.tostring(tree) == before  # the tree is left for the extraction and the region
    theirs = extract_metadata(load_html(page), "https://given.example/page", set_date_params(extensive))
    for field in ("title", "author", "date", "sitename", "url", "description"):
        assert getattr(ours, field) == getattr(theirs, field), field


def test_a_slow_page_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: time.sleep(5))
    started = time.monotonic()
    with pytest.raises(PageTimeout, match="longer than 0.2 s"):
        Cleaner(html_timeout=0.2).clean(PAGE)
    assert time.monotonic() - started < 3


def test_the_time_limit_is_not_swallowed_by_a_broad_except() -> None:
    # trafilatura wraps its parsers in ``except Exception``; the limit must still end the page.
    from cleanscrape.extract.deadline import time_limit

    started = time.monotonic()
    with pytest.raises(PageTimeout), time_limit(0.2):
        try:
            time.sleep(5)
        except Exception:
            pass
        time.sleep(5)
    assert time.monotonic() - started < 3


def test_the_time_limit_keeps_a_callers_own_timer() -> None:
    import signal

    from cleanscrape.extract.deadline import time_limit

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_limit(5):
            pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        time.sleep(1)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_slow_page_is_a_per_record_error_in_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    real = trafilatura.bare_extraction

    def slow_on_marked_pages(tree, *args, **kwargs):  # cleanscrape hands trafilatura a parsed page
        if "HANG" in etree.tostring(tree, encoding="unicode"):
            time.sleep(5)
        return real(tree, *args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", slow_on_marked_pages)
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE.replace("<body>", "<body class=\"HANG\">"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "-o", str(out), "--timeout", "0.2"])
    assert result.exit_code == 1
    assert "b.html" in result.stderr and "PageTimeout" in result.stderr
    assert "read 2, written 1, rejected 0, errors 1" in result.stderr
    assert out.read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize(
    ("encoding", "declare"),
    [("koi8-r", True), ("windows-1251", True), ("shift_jis", True), ("utf-8", False), ("utf-16", False)],
)
def test_encodings(encoding: str, declare: bool) -> None:
    words = {"koi8-r": "Привет, мир", "windows-1251": "Привет, мир", "shift_jis": "こんにちは世界", "utf-8": "Grüße, café", "utf-16": "Grüße, café"}[encoding]
    meta = f'<meta charset="{encoding}">' if declare else ""
    html = f"<html><head>{meta}</head><body><p>{words}</p></body></html>"
    data = html.encode(encoding)  # Python's utf-16 codec writes a BOM
    assert words in decode_page(data)


def test_a_utf16_declaration_in_single_byte_text_is_ignored() -> None:
    data = '<html><head><meta charset="utf-16"></head><body><p>Caf\xe9 cr\xe8me</p></body></html>'.encode("windows-1252")
    assert "Café crème" in decode_page(data)


def test_http_charset_is_used_when_the_page_declares_none() -> None:
    data = "<p>Привет, мир</p>".encode("koi8-r")
    assert decode_page(data, "text/html; charset=KOI8-R") == "<p>Привет, мир</p>"


def test_the_http_charset_comes_before_the_meta_one() -> None:
    data = '<html><head><meta charset="windows-1252"></head><body><p>şehir</p></body></html>'.encode("iso-8859-9")
    assert "<p>şehir</p>" in decode_page(data, "text/html; charset=ISO-8859-9")
    assert "<p>þehir</p>" in decode_page(data)


def test_clean_and_explain_take_the_http_content_type() -> None:
    page = PAGE.replace("holiday", "holiday in şehir").encode("iso-8859-9")
    served_as = "text/html; charset=ISO-8859-9"
    assert "şehir" in clean(page, content_type=served_as).text
    assert any("şehir" in decision.text for decision in Cleaner().explain(page, content_type=served_as))


def test_html_bytes_with_meta_charset_clean_to_the_right_text() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("holiday", "holiday café")
    record = clean(page.encode("windows-1252"))
    assert "café" in record.text


def test_config_rejects_a_bad_timeout() -> None:
    with pytest.raises(ValueError, match="html_timeout"):
        CleanerConfig(html_timeout=0)


@pytest.mark.parametrize(
    ("title", "sitename", "host", "expected"),
    [
        ("What is Cloud Computing? | Google Cloud", "Google Cloud", "cloud.google.com", "What is Cloud Computing?"),
        ("10 Easy Steps for a Great Interior Design | Tarkett", "home.tarkett.co.uk", "home.tarkett.co.uk", "10 Easy Steps for a Great Interior Design"),
        ("Example News - Ships wait outside the harbour", "Example News", None, "Ships wait outside the harbour"),
        ("Spider-Man - a review", "Example News", "news.example", "Spider-Man - a review"),
        ("Ships wait outside the harbour", "Example News", "news.example", "Ships wait outside the harbour"),
        ("Brexit talks resume - UK", "BBC News", "bbc.co.uk", "Brexit talks resume - UK"),
        ("How the bill died - Pro", "ProPublica", "propublica.org", "How the bill died - Pro"),
        ("Story | Politics | Example News", "Example News", None, "Story | Politics"),
    ],
)
def test_title_without_site_name(title: str, sitename: str, host: str | None, expected: str) -> None:
    from cleanscrape.title import without_site_name

    assert without_site_name(title, sitename, host) == expected
