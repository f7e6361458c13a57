"""The text path's shortcuts give what the plain computation gives: openings in front of the
line checks, memoised lines and layouts, ASCII fast paths in a line's features."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import language
from cleanscrape.detectors import LINE_DETECTORS, FirstReasons
from cleanscrape.detectors.opening import SHORT_LINE_OPENING, Opening, opening_of
from cleanscrape.lines import _CODE, _TOKEN, LineBook, make_line, segment
from cleanscrape.paragraphs import group_lines

# Words and marks the line checks look for, with plain words and layout around them.
_PIECES = st.sampled_from(
    [
        "Home", "News", "Share", "share this:", "Facebook", "Twitter", "Email", "Print", "Next", "Previous", "«", "»", ">",
        "›", "/", "|", "·", "Read more", "Related Posts", "Comments", "3 Comments", "Leave a Reply", "jane says:",
        "Advertisement", "Sponsored", "Skip to content", "Back to top", "Accept all", "Got it", "Load more", "More",
        "Tags:", "Filed under", "Posted in", "Menu", "Navigation", "Login", "Sign in", "Search", "Subscribe to",
        "Enter your email", "Photo:", "(Getty Images)", "Reuters", "By", "Jane Doe", "March 4, 2024", "5 min read",
        "© 2024", "All rights reserved", "Privacy Policy", "contact@example.com", "Tel: +1 555 123 4567",
        "We use cookies to improve your experience on our website", "affiliate links", "{{ user.name }}", "{%", "%}",
        "[logo]", "[Search]", "12", "1.2k", "3 Answers", "Breaking news", "Source: AP", "Buy now", "Follow us on",
        "Font size", "Loading...", "the", "harbour", "storm", "came", "in", "Über", "für", "東京", "の", "天気", "—",
        "--force", "x = 1;", "f(x)", "$PATH", "import os", ">>>", "  ", " ", ".", ",", ":", "!", "?", "\t",
    ]
)
_LINE = st.lists(_PIECES, min_size=1, max_size=12).map(" ".join)


def _plain_first_reason(line) -> str | None:
    """Every line check in order, none skipped."""
    for reason, check in LINE_DETECTORS:
        if check(line):
            return reason
    return None


@settings(max_examples=400, deadline=None)
@given(_LINE)
def test_first_reasons_with_openings_name_what_every_check_in_turn_names(text: str) -> None:
    line = make_line(0, text)
    assert FirstReasons().reason(line) == _plain_first_reason(line)


def test_some_checks_are_guarded_and_a_guarded_check_runs_on_what_its_opening_opens() -> None:
    guarded = [check for _, check in LINE_DETECTORS if opening_of(check) is not None]
    assert len(guarded) >= 15
    label = make_line(0, "Advertisement")
    assert SHORT_LINE_OPENING.opens(label.content)
    assert FirstReasons().reason(label) == "advertisement"
    assert not SHORT_LINE_OPENING.opens(make_line(0, "The storm came in over the harbour.").content)


@settings(max_examples=400, deadline=None)
@given(_LINE)
def test_a_guarded_check_matches_no_line_its_opening_does_not_open(text: str) -> None:
    line = make_line(0, text)
    for _, check in LINE_DETECTORS:
        opening = opening_of(check)
        if opening is not None and not opening.opens(line.content):
            assert not check(line)


def test_an_opening_keeps_each_pattern_s_own_case_flag() -> None:
    opening = Opening(regex.compile(r"abc"), regex.compile(r"xyz", regex.IGNORECASE))
    assert opening.opens("abc") and not opening.opens("ABC")
    assert opening.opens("XYZ")


@settings(max_examples=300, deadline=None)
@given(_LINE)
def test_looks_like_code_is_one_search_of_all_the_signs(text: str) -> None:
    assert make_line(0, text).looks_like_code == bool(_CODE.search(make_line(0, text).content))


_OLD_SENTENCE_END = regex.compile(r"[.!?。！？…]['\"”’»)\]]*$")
_OLD_SENTENCE_PUNCT = regex.compile(r"[.!?。！？,;，、：:]")


@settings(max_examples=300, deadline=None)
@given(st.one_of(_LINE, st.text(max_size=60)))
def test_make_line_s_fast_paths_give_the_regex_features(text: str) -> None:
    if not text.strip():
        return
    line = make_line(0, text)
    assert line.tokens == tuple(_TOKEN.findall(line.content))
    assert line.ends_sentence == bool(_OLD_SENTENCE_END.search(line.content))
    assert line.punctuation_count == len(_OLD_SENTENCE_PUNCT.findall(line.content))


@settings(max_examples=300, deadline=None)
@given(st.one_of(_LINE, st.text(max_size=60)))
def test_letters_of_ascii_text_are_the_regex_s_letters(text: str) -> None:
    assert language.letter_count(text) == len(regex.findall(r"\p{L}", text))


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=20), st.lists(st.integers(0, 19), max_size=10))
def test_a_shared_line_book_and_layout_memo_change_nothing(texts: list[str], repeats: list[int]) -> None:
    texts = texts + [texts[position] for position in repeats if position < len(texts)]
    page = "\n".join(texts)
    book = LineBook()
    first = segment(page, book)
    assert first == segment(page)
    again = segment(page, book)  # every line from the memo, at its own index
    assert again == first
    layouts: dict = {}
    assert group_lines(page, first, (), layouts) == group_lines(page, first)
    assert group_lines(page, first, (), layouts) == group_lines(page, first)  # from the memo


def _plain_is_copy(title_key: str, line) -> bool:
    from cleanscrape.neardup import normalize
    from cleanscrape.title import MAX_SUFFIX_WORDS, title_words

    if line.words > title_words(title_key) + MAX_SUFFIX_WORDS:
        return False
    key = normalize(line.content)
    if key == title_key:
        return True
    if key.startswith(title_key + " ") or key.endswith(" " + title_key):
        return len(key.split()) - len(title_key.split()) <= MAX_SUFFIX_WORDS
    return False


_TITLE_PIECES = st.sampled_from(["The", "Storm", "storm's", "STORM", "Straße", "strasse", "_", "-", "|", "Site", "News", "ﬁx", "fix", "İstanbul", "K", "1", " ", "  "])
_TITLE_TEXT = st.lists(_TITLE_PIECES, min_size=1, max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TITLE_TEXT, _TITLE_TEXT)
def test_a_title_copy_is_found_with_or_without_the_first_word_gate(title: str, text: str) -> None:
    from cleanscrape.neardup import normalize
    from cleanscrape.title import is_copy

    if not text.strip():
        return
    line = make_line(0, text)
    assert is_copy(normalize(title), line) == _plain_is_copy(normalize(title), line)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TITLE_TEXT, min_size=1, max_size=6))
def test_the_sitename_is_found_with_or_without_the_word_gate(texts: list[str]) -> None:
    from cleanscrape.neardup import normalize
    from cleanscrape.page_facts import find_sitename

    lines = segment("\n".join(texts))
    if not lines:
        return
    first = lines[0]
    key = normalize(first.content)
    plain = first.content if (
        1 <= first.words <= 4 and not first.ends_sentence and key and any(key in normalize(line.content) for line in lines[1:])
    ) else None
    assert find_sitename(lines, None) == plain


_NOTICE_PIECES = st.sampled_from(
    ["We", "use", "COOKIES", "Cookie", "coo", "kie", "on", "this", "website", "site", "we", "may", "EARN", "a", "commission",
     "Affiliate", "links", "Sponsored", "by", "paid", "partnership", "Disclosure", "policy", "Photo", "photos", "Foto",
     "Bild", "Crédit", "CRÉDIT", "Getty", "Images", "AP", "AFP", "via", "Reuters", "EPA", "dpa", "Picture", "alliance",
     "Unsplash", "Wikimedia", "Commons", "Jane", "Doe", ":", "(", ")", ".", "ſ", "\u212a", " ", "  "]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_NOTICE_PIECES, min_size=1, max_size=12).map(" ".join))
def test_the_cue_words_in_front_of_the_notice_and_credit_searches_change_no_answer(text: str) -> None:
    from cleanscrape.detectors import boilerplate, caption
    from cleanscrape.vocabulary import CAPTION, CAPTION_CREDIT, COOKIE_NOTICE, DISCLOSURE

    line = make_line(0, text)
    assert boilerplate.is_cookie_notice(line) == (line.words <= 60 and bool(COOKIE_NOTICE.search(line.content)))
    assert boilerplate.is_disclosure(line) == (line.words <= 60 and bool(DISCLOSURE.search(line.content)))
    plain_caption = line.words <= 45 and bool(
        CAPTION.match(line.content)
        or (line.words <= 30 and CAPTION_CREDIT.search(line.content) and not line.content.endswith("."))
    )
    assert caption.matches(line) == plain_caption
