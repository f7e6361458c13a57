"""The text path on page text as renderers give it: wrapped paragraphs, table borders,
comment labels, other languages, related lists; and the sniffing that sends a page to it."""

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.decoding import decode_page
from cleanscrape.detectors import first_line_reason
from cleanscrape.htmltext import looks_like_html
from cleanscrape.lines import make_line, segment
from cleanscrape.neardup import _banded_earlier, earlier_duplicates
from cleanscrape.paragraphs import group_lines

from .strategies import paragraph, template_line

TEXT = Cleaner(CleanerConfig(input_format="text"))

STORY = (
    "The harbour council met on Tuesday evening to decide the future of the old ferry pier, which has stood empty "
    "since the last boat to the islands was withdrawn four years ago. Engineers told the meeting that the timber "
    "piles are rotting faster than expected and that the pier will have to be closed to walkers within two years "
    "unless the council finds the money for repairs. Several residents spoke in favour of turning the pier into a "
    "fishing platform with a small cafe at its end, while the harbour master asked that it be kept for the lifeboat "
    "crews who train there every week. The council agreed to ask three firms for estimates before the winter."
)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` broken into lines as a renderer breaks it: a word that does not fit starts the next line."""
    lines, current = [], ""
    for word in text.split():
        if current and len(indent) + len(current) + 1 + len(word) > width:
            lines.append(indent + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, indent + current]


MENU = ["Home", "News", "Sport", "Weather", "Contact"]
FOOTER = ["© 2024 Harbour Gazette. All rights reserved.", "Privacy Policy | Terms of Use"]


def w3m_page(width: int = 72) -> str:
    paragraphs = [STORY, STORY.replace("harbour", "town").replace("pier", "jetty")]
    body = []
    for paragraph in paragraphs:
        body += [*wrap(paragraph, width, "   "), ""]
    return "\n".join([*MENU, "", "Old ferry pier faces closure", "", *body, *FOOTER])


def test_wrapped_paragraphs_are_kept_as_paragraphs() -> None:
    page = w3m_page()
    record = TEXT.clean(page)
    # Each wrapped paragraph comes out whole, on one line, its words in page order.
    assert record.text.split("\n")[-2:] == [
        " ".join(STORY.split()),
        " ".join(STORY.replace("harbour", "town").replace("pier", "jetty").split()),
    ]
    # Removed lines are the page's own, by their own line numbers.
    page_lines = page.split("\n")
    assert record.removed and all(page_lines[item.line].strip() == item.text for item in record.removed)
    assert {item.text for item in record.removed} >= {*MENU, *FOOTER}


def test_explain_names_every_page_line_of_a_wrapped_paragraph() -> None:
    page = w3m_page()
    decisions = TEXT.explain(page)
    page_lines = page.split("\n")
    assert [decision.line for decision in decisions] == [index for index, line in enumerate(page_lines) if line.strip()]
    assert all(decision.text == page_lines[decision.line].strip() for decision in decisions)
    wrapped = [decision for decision in decisions if decision.text in {line.strip() for line in wrap(STORY, 72, "   ")}]
    assert len(wrapped) > 3 and all(decision.reason is None for decision in wrapped)


def test_cleaning_a_wrapped_page_again_changes_nothing() -> None:
    once = TEXT.clean(w3m_page()).text
    assert TEXT.clean(once).text == once


def test_table_borders_are_layout() -> None:
    box = ["┌" + "─" * 76 + "┐", *[f"│ {line:<74} │" for line in wrap(STORY, 74)], "└" + "─" * 76 + "┘"]
    record = TEXT.clean("\n".join([*MENU, "", *box, "", *FOOTER]))
    assert record.text.split() == STORY.split()


def test_lines_broken_on_purpose_are_not_joined() -> None:
    # A list of short items and a title above a byline were not wrapped: the next word would have fitted.
    text = "\n".join(["Old ferry pier faces closure after the council vote", "By Jane Roe | March 3, 2025", *MENU])
    lines = segment(text)
    assert group_lines(text, lines) == [[position] for position in range(len(lines))]


def test_one_paragraph_per_line_text_is_not_joined() -> None:
    sentences = [sentence.strip() + "." for sentence in STORY.split(".") if sentence.strip()]
    text = "\n".join(sentences)
    lines = segment(text)
    assert all(len(group) == 1 for group in group_lines(text, lines))


@pytest.mark.parametrize(
    "label",
    ["Add a Comment", "Comments", "Comments (12)", "Discussion", "Leave a comment"],
)
def test_a_comments_label_above_the_story_does_not_remove_it(label: str) -> None:
    page = "\n".join([*MENU, "Old ferry pier faces closure", label, STORY, STORY.replace("harbour", "town"), *FOOTER])
    record = TEXT.clean(page)
    assert STORY in record.text


def test_a_comment_section_below_the_story_still_goes() -> None:
    comments = [
        "3 Comments",
        "Rachel T.",
        "March 15, 2024 at 7:12 am",
        "This was such a helpful summary of the meeting, I could not be there myself and wondered what was decided about the pier.",
        "Reply",
    ]
    record = TEXT.clean("\n".join(["Old ferry pier faces closure", STORY, *comments, *FOOTER]))
    assert STORY in record.text
    assert {item.reason for item in record.removed if item.text in comments} == {"comments"}


def test_the_page_language_is_the_article_s() -> None:
    menu = [
        "Home", "World News", "Business and Finance", "Technology and Science",
        "Subscribe to our newsletter for the latest updates",
        "Follow us on Facebook Twitter and Instagram for more stories",
        "Most read stories of the week from around the world",
    ]
    story = [
        "北京市政府周二宣布，将在未来三年内投资两百亿元，用于改善城市公共交通系统，包括新建五条地铁线路。",
        "据报道，这项计划还包括扩建公交专用道，并在主要街道增设自行车道，以缓解日益严重的交通拥堵问题。",
        "市民对此普遍表示欢迎，但也有专家指出，资金的使用需要更加透明，并应接受公众监督。",
    ]
    record = TEXT.clean("\n".join([*menu, *story, *menu]))
    assert record.language == "zh"
    assert record.text.split("\n") == story


def test_a_related_list_of_titles_and_dates_goes_whole() -> None:
    related = [
        "Related Posts",
        "The council also approved a new budget for the public library this week.",
        "March 3, 2025",
        "Residents gathered in the park to protest the closure of the public pool.",
        "February 27, 2025",
        "A new bakery has opened on the corner of Elm Street and Second Avenue.",
        "February 20, 2025",
    ]
    record = TEXT.clean("\n".join(["Old ferry pier faces closure", STORY, STORY.replace("harbour", "town"), *related, *FOOTER]))
    assert {item.reason for item in record.removed if item.text in related} == {"related_list"}


@pytest.mark.parametrize(
    "page",
    [
        "<title>Ferry pier</title>\nThe pier closes.<br><a href=/x>More</a>",
        '<meta charset="utf-8">\n<p>The pier closes.</p>',
        "<script>var a = 1;</script>\nThe pier closes.<br>",
        '<base href="https://example.com/">The pier closes.<br>',
        '<link rel="stylesheet" href="/s.css">The pier closes.<br>',
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n<html><body><p>x</p></body></html>',
        '<?xml version="1.0"?><html><body><p>x</p></body></html>',
        "<!-- saved page --><!-- another -->\n<html><p>x</p></html>",
    ],
)
def test_html_openings_sniff_as_html(page: str) -> None:
    assert looks_like_html(page)


def test_a_text_page_with_tags_in_code_samples_stays_text() -> None:
    page = "\n".join(
        [
            "How to centre a box",
            "Wrap the content in a container and give it a width.",
            '<div class="box">', "  <p>Hello</p>", "  <p>World</p>", "</div>", "<ul><li>one</li><li>two</li></ul>",
            *[STORY] * 3,
        ]
    )
    assert not looks_like_html(page)


def test_sniffing_is_linear_in_comments_before_the_page() -> None:
    started = time.perf_counter()
    looks_like_html("<!---->" * 30 + "hello world")
    looks_like_html("<!--" * 5000)
    looks_like_html("<?" * 5000)
    looks_like_html("<div " * 5000)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_decodes(encoding: str) -> None:
    page = "<html><body><p>Grüße aus Köln: the pier closes.</p></body></html>"
    assert decode_page(page.encode(encoding)) == page


_PIECES = st.sampled_from(
    [" ", "  ", "\t", ">", " > ", "|", " | ", "•", " • ", "/", " / ", "»", " » ", "::", "March 3, 2025", "2025-03-03",
     "3:45 pm", "by", "Home", "word", "{{", "${", "<", "(", "-", "—", "©", "@", "1", "Reply", "中文", "│", "─"]
)


def _warm_up() -> None:
    """Imports and langdetect's profiles load on first use: not what is timed."""
    import datasketch  # noqa: F401

    TEXT.clean("By Jane Roe | March 3, 2025\n" + STORY)


@settings(max_examples=30, deadline=None)
@given(pieces=st.lists(_PIECES, min_size=1, max_size=6), size=st.integers(min_value=1_000, max_value=100_000))
def test_every_detector_is_linear_in_line_length(pieces: list[str], size: int) -> None:
    unit = "".join(pieces)
    text = (unit * (size // len(unit) + 1))[:size]
    _warm_up()
    started = time.process_time()
    line = make_line(0, text)
    first_line_reason(line)
    TEXT.clean(text)
    # Quadratic patterns took seconds on 8 KB of spaces; linear ones take milliseconds on 100 KB
    # (CPU time: a loaded machine's wall clock says nothing of the pattern).
    assert time.process_time() - started < 1.0


def test_near_duplicate_candidates_come_first_similar_first() -> None:
    config = CleanerConfig()
    texts = [f"Buy the cheap widget model {number} today at our store near you and save on every order you place this week" for number in range(400)]
    found = earlier_duplicates(texts, config)
    assert sum(original is not None for original in found) >= 390
    assert all(original is None or original < position for position, original in enumerate(found))
    matrix = np.array([[1, 2, 3, 4] * 16] * 3, dtype=np.uint64)
    # Candidates are read lazily in page order, so the first similar line ends the search.
    candidates = _banded_earlier(matrix, config.near_duplicate_threshold)(2)
    assert next(candidates) == 0


@settings(max_examples=40, deadline=None)
@given(
    paragraphs=st.lists(paragraph, min_size=1, max_size=5),
    templates=st.lists(template_line, max_size=5),
    width=st.integers(min_value=30, max_value=140),
    border=st.booleans(),
)
def test_wrapped_pages_clean_to_a_fixed_point(paragraphs: list[str], templates: list[str], width: int, border: bool) -> None:
    body: list[str] = []
    for text in paragraphs:
        lines = wrap(text, width)
        body += [f"│ {line:<{width}} │" for line in lines] if border else lines
        body.append("")
    page = "\n".join([*templates, "", *body, *templates])
    once = TEXT.clean(page).text
    assert TEXT.clean(once).text == once
    # Words are the page's, in page order.
    words = page.split()
    position = 0
    for word in once.split():
        position = words.index(word, position) + 1


@pytest.mark.parametrize("line", ["[blank_1x1]", "[                    ]", "[logo] [Search]", "[dtme_logo]"])
def test_rendered_images_and_form_fields_are_text_browser_labels(line: str) -> None:
    assert first_line_reason(make_line(0, line)) == "text_browser_label"
