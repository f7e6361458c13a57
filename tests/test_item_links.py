"""A comments link repeated under each item of a listing starts no comment section."""

from cleanscrape import Cleaner, CleanerConfig

from .test_text_path import STORY

TEXT = Cleaner(CleanerConfig(input_format="text"))
ITEMS = [
    ("Harbour council weighs the future of the old ferry pier", STORY),
    ("Town jetty to close to walkers within two years", STORY.replace("harbour", "town").replace("pier", "jetty")),
    ("Lifeboat crews ask for the pier to be kept", STORY.replace("council", "trust")),
    ("Three firms asked for estimates before the winter", STORY.replace("Tuesday", "Monday")),
]


def listing(link: str) -> str:
    blocks = ["Home | News | Sport", "Latest news"]
    for day, (headline, teaser) in enumerate(ITEMS, start=1):
        blocks += [headline, f"November {day}, 2025", teaser, link]
    return "\n\n".join(blocks)


def test_a_comment_link_under_every_item_leaves_the_items() -> None:
    record = TEXT.clean(listing("Comment"))
    # Before: the first "Comment" link was read as the comments heading, and every later item as comments.
    for _, teaser in ITEMS:
        assert teaser in record.text


def test_a_comments_heading_after_the_article_still_ends_it() -> None:
    page = "\n\n".join(["Old ferry pier faces closure", STORY, "Comments", "Jane Roe says:", "I walk there every day and it is lovely.",
                        "March 3, 2025 at 10:12 am", "Reply"])
    record = TEXT.clean(page)
    assert record.text == STORY
