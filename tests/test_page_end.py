"""The site's copyright notice ends the article: teasers below it are not its text."""

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.lines import make_line
from cleanscrape.page_end import is_site_notice

from .test_text_path import STORY

TEXT = Cleaner(CleanerConfig(input_format="text"))
NOTICE = "© 2019 Harbour Gazette Inc. All Rights Reserved."
TEASERS = [
    "Why farmers may want to paint their cows with zebra stripes",
    "Some people thought the stripy cattle in a Japanese pasture were a practical joke, but the science behind them could save money.",
    "32M ago",
    "Two troops killed in helicopter crash as officials promptly dismiss the claim that the craft was downed.",
    "Officials say the cause of the crash is being investigated and that the crew had flown the route many times before.",
    "1H ago",
    "Cities urge a boycott of meat companies linked to the fires in the forests of the south, where the season was long.",
    "Lawmakers in the two biggest cities want to cut ties with businesses involved with the imports, they said on Monday.",
    "14H ago",
]
SECOND = STORY.replace("harbour", "town").replace("pier", "jetty")


def test_teasers_below_the_site_notice_are_not_the_article() -> None:
    page = "\n\n".join(["Home | News | Sport", "Old ferry pier faces closure", STORY, SECOND, NOTICE, *TEASERS])
    record = TEXT.clean(page)
    # Before: the teasers read as prose and the article's run went on through the notice.
    assert record.text.split("\n") == [STORY, SECOND]


def test_a_notice_in_the_menu_above_the_article_leaves_the_article() -> None:
    menu = ["Home", "News", "Terms of Use", "Privacy Policy", NOTICE, "Sport", "Weather"]
    page = "\n\n".join([*menu, "Old ferry pier faces closure", STORY, SECOND])
    assert TEXT.clean(page).text.split("\n") == [STORY, SECOND]


def test_only_the_sites_notice_is_one() -> None:
    assert is_site_notice(make_line(0, NOTICE), "footer")
    assert is_site_notice(make_line(0, "Copyright 2006 City Gazette"), "footer")
    assert not is_site_notice(make_line(0, "Photo © Reuters"), "footer")
    assert not is_site_notice(make_line(0, NOTICE), None)  # a line the footer detector did not name
