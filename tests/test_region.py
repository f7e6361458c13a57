"""HTML listings: the page's <main> region when trafilatura keeps too little of it."""

import lxml.html
import pytest

from cleanscrape import Cleaner, CleanerConfig, clean
from cleanscrape.region import count_words, listing_text, marks_a_main_region

INTRO = "Every story the harbour desk filed this month, newest first, with its author and the day it ran in print."
HEADLINES = [f"Cargo ships wait outside the harbour as storm {number} passes" for number in range(30)]


def listing_page(main: str) -> str:
    return (
        "<html><head><title>Latest stories - Example News</title></head><body>"
        "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav></header>"
        f"<main><h1>Latest stories</h1><p>{INTRO}</p>{main}</main>"
        "<footer>© 2025 Example News. Privacy policy</footer></body></html>"
    )


LINKS = "<ul>" + "".join(f"<li><a href='/s/{n}'>{headline}</a></li>" for n, headline in enumerate(HEADLINES)) + "</ul>"


def test_a_listing_that_trafilatura_mostly_drops_is_read_from_its_main_region() -> None:
    page = listing_page(LINKS)
    record = clean(page)
    assert record.extractor == "main_element"
    lines = record.text.split("\n")
    assert INTRO in lines
    assert all(any(headline in line for line in lines) for headline in HEADLINES)
    # Outside <main>: the menu and the footer are not in the record.
    assert "Home" not in record.text and "Privacy policy" not in record.text
    assert record.title == "Latest stories"
    # Switched off, trafilatura's main content stands: the intro alone.
    assert clean(page, html_listing_min_ratio=None).text == INTRO


def test_explain_places_a_listing_on_the_whole_page() -> None:
    decisions = Cleaner().explain(listing_page(LINKS))
    reasons = {decision.text: decision.reason for decision in decisions}
    assert reasons["* Home"] == "not_main_content"
    assert any(text.endswith(HEADLINES[3]) and reason is None for text, reason in reasons.items())


def _region(main: str):
    return lxml.html.fromstring(listing_page(main))


def test_a_region_of_prose_is_never_a_listing() -> None:
    prose = "".join(f"<p>{INTRO} {headline}.</p>" for headline in HEADLINES)
    assert listing_text(_region(prose), extracted_words=10, min_ratio=4.0, min_link_share=0.25) is None


def test_the_region_must_hold_min_ratio_times_the_extracted_words() -> None:
    region_words = count_words(" ".join(["Latest stories", INTRO, *HEADLINES]))
    most = region_words // 4 - 1  # the most extracted words with 4 * (words + 1) <= the region's
    assert listing_text(_region(LINKS), extracted_words=most, min_ratio=4.0, min_link_share=0.25) is not None
    assert listing_text(_region(LINKS), extracted_words=most + 1, min_ratio=4.0, min_link_share=0.25) is None


def test_scripts_in_the_region_are_not_text() -> None:
    script = "<script>" + " ".join(f"var word{n} = {n};" for n in range(2000)) + "</script>"
    # Counted with the script, the region would pass the word test; without it, it does not.
    assert listing_text(_region(script + "<ul><li><a href='/a'>One story</a></li></ul>"), 30, 4.0, 0.25) is None
    text = listing_text(_region(script + LINKS), 10, 4.0, 0.25)
    assert text is not None and "var word" not in text


def test_role_main_counts_and_pages_without_a_region_are_not_parsed_for_one() -> None:
    page = listing_page(LINKS).replace("<main>", "<div role='main'>").replace("</main>", "</div>")
    assert marks_a_main_region(page)
    assert clean(page).extractor == "main_element"
    assert not marks_a_main_region(listing_page(LINKS).replace("<main>", "<div>").replace("</main>", "</div>"))


@pytest.mark.parametrize(("field", "value"), [("html_listing_min_ratio", 0.0), ("html_listing_min_link_share", 1.5)])
def test_config_rejects_bad_listing_thresholds(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        CleanerConfig(**{field: value})


def test_text_after_the_region_is_not_the_regions() -> None:
    page = listing_page(LINKS).replace("</main>", "</main>Sponsored: cheap watches, today only")
    record = clean(page)
    assert record.extractor == "main_element"
    assert "Sponsored" not in record.text


def test_an_empty_main_does_not_hide_the_role_main_region() -> None:
    page = listing_page(LINKS).replace("<main>", "<main id='skip'></main><div role='main'>").replace("</main><footer>", "</div><footer>")
    assert clean(page).extractor == "main_element"


def test_the_whole_body_is_never_the_region() -> None:
    page = listing_page(LINKS).replace("<body>", "<body role='main'>").replace("<main>", "<div>").replace("</main>", "</div>")
    assert clean(page).extractor != "main_element"


def test_menus_and_sidebars_inside_the_region_are_left_out() -> None:
    menu = "<nav><ul>" + "".join(f"<li><a href='/t/{n}'>Topic {n}</a></li>" for n in range(12)) + "</ul></nav>"
    page = listing_page(menu + LINKS + "<aside><a href='/ad'>Subscribe to our sponsor</a></aside>")
    record = clean(page)
    assert record.extractor == "main_element"
    assert "Topic 3" not in record.text and "sponsor" not in record.text
