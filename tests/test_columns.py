"""Table columns a text renderer printed side by side: read one column after the other."""

from hypothesis import given
from hypothesis import strategies as st

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.columns import split_columns
from cleanscrape.lines import split_lines

from .test_text_path import STORY, wrap

TEXT = Cleaner(CleanerConfig(input_format="text"))
MENU = ["Home", "News", "Local News", "Sports", "Business", "Weather", "Opinion", "Obituaries", "Classifieds",
        "Contact Us", "Advertise", "Subscribe", "Archives", "Site Map"]


def side_by_side(left: list[str], right: list[str], gutter: int = 24) -> str:
    """Two cells laid out as w3m lays out a table row: the left one padded to ``gutter`` columns."""
    rows = max(len(left), len(right))
    left = left + [""] * (rows - len(left))
    right = right + [""] * (rows - len(right))
    return "\n".join((cell.ljust(gutter) + text).rstrip() for cell, text in zip(left, right))


def test_a_menu_column_beside_the_story_leaves_the_story_whole() -> None:
    story = wrap(STORY, 60)
    page = "City Gazette\n\n" + side_by_side(MENU, story) + "\n\nCopyright 2006 City Gazette. All rights reserved.\n"
    record = TEXT.clean(page)
    # Before: each line held a menu item and a piece of a sentence, and the story was cut up or removed.
    # The story's wrapped lines joined (a line that ends a sentence ends a paragraph, as on any page).
    assert " ".join(record.text.split("\n")) == STORY
    removed = {item.text for item in record.removed}
    assert {"Home", "Local News", "Site Map"} <= removed


def test_removed_column_pieces_keep_their_page_line_numbers() -> None:
    story = wrap(STORY, 60)
    page = side_by_side(MENU, story)
    lines = split_lines(page)
    for item in TEXT.clean(page).removed:
        assert item.text in lines[item.line]
    decisions = TEXT.explain(page)
    assert [decision.line for decision in decisions] == sorted(decision.line for decision in decisions)
    assert {decision.line for decision in decisions} == {index for index, line in enumerate(lines) if line.strip()}


def test_a_data_table_is_read_row_by_row() -> None:
    table = side_by_side(["Kingdom", "Phylum", "Class", "Order", "Family", "Genus"],
                         ["Animalia", "Chordata", "Mammalia", "Primates", "Cebidae", "Lagothrix"])
    assert split_columns(table) is None


def test_one_wrapped_column_alone_is_no_layout() -> None:
    assert split_columns("\n".join(wrap(STORY, 60, indent="    "))) is None


def test_cleaning_a_page_in_columns_is_idempotent() -> None:
    page = side_by_side(MENU, wrap(STORY, 60)) + "\n\n" + side_by_side(wrap(STORY, 30), ["Related", "Weather", "Ferry times"])
    once = TEXT.clean(page).text
    assert once
    assert TEXT.clean(once).text == once


@given(st.lists(st.sampled_from(MENU), min_size=5, max_size=14), st.integers(min_value=14, max_value=40))
def test_column_text_is_only_slices_of_page_lines(menu: list[str], gutter: int) -> None:
    page = side_by_side(menu, wrap(STORY, 50), gutter)
    columns = split_columns(page)
    assert columns is not None
    text, page_index = columns
    lines = split_lines(page)
    for piece, index in zip(split_lines(text), page_index):
        assert piece.strip() in lines[index]
    assert sorted(text.split()) == sorted(page.split())
