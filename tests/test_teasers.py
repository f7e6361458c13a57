"""Teasers of other stories below the article: lone sentences between short lines."""

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.lines import make_line
from cleanscrape.teasers import with_teasers_lighter

from .test_page_end import SECOND
from .test_text_path import STORY

TEXT = Cleaner(CleanerConfig(input_format="text"))
THIRD = STORY.replace("council", "trust").replace("Tuesday", "Monday")
UNITS = [
    ["koala-rescue.jpg", "Woman risks her life to save a koala", "Jane Roe",
     "At least six people have died and hundreds of homes were destroyed by the fires."],
    ["cows.jpg", "Why farmers may want to paint their cows with stripes", "John Doe",
     "Some people thought the stripy cattle were a joke, but the science could save money."],
    ["crash.jpg", "Two troops killed in a helicopter crash", "Ann Poe",
     "Officials said the cause of the crash is being investigated by the army."],
    ["fires.jpg", "Cities urge a boycott of meat companies", "Max Moe",
     "Lawmakers in the two biggest cities want to cut ties with the businesses involved."],
]


def test_a_list_of_teasers_below_the_article_is_not_the_article() -> None:
    teasers = [line for unit in UNITS for line in ["", *unit]]
    page = "\n".join(["Home | News | Sport", "", "Old ferry pier faces closure", "", STORY, SECOND, THIRD, "", "More stories", *teasers])
    record = TEXT.clean(page)
    # Before: each teaser's sentence weighed as an article paragraph, and the article ran on through the list.
    assert record.text.split("\n") == [STORY, SECOND, THIRD]


def test_a_listing_without_a_body_keeps_its_items_weight() -> None:
    prose = [False, True, False, True, False, True, False]
    weights = [-1.0, 20.0, -1.0, 20.0, -1.0, 20.0, -1.0]
    assert with_teasers_lighter(weights, prose) == weights


def test_only_lone_prose_after_the_body_is_lighter() -> None:
    prose = [True, False, True, True, True, False, True, False, True, True]
    weights = [10.0, -1.0, 10.0, 10.0, 10.0, -1.0, 10.0, -1.0, 10.0, 10.0]
    lighter = with_teasers_lighter(weights, prose)
    assert lighter[:6] == weights[:6]  # before and in the body, and the lone line above it
    assert lighter[6] < weights[6]  # a lone line below the body
    assert lighter[8:] == weights[8:]  # two adjacent prose lines below it


def test_a_manuals_paragraph_of_several_sentences_keeps_its_weight() -> None:
    lines = [make_line(0, STORY), make_line(1, SECOND), make_line(2, THIRD), make_line(3, "2. Linear regression"),
             make_line(4, "This is one of the simplest ways to predict numbers. It finds a straight line through the points."),
             make_line(5, "3. Logistic regression")]
    prose = [True, True, True, False, True, False]
    weights = [100.0, 100.0, 100.0, -1.0, 18.0, -1.0]
    assert with_teasers_lighter(weights, prose, lines) == weights
