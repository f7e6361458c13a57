"""Cleaning its own output changes nothing: counterexamples the fuzz run found, shrunk.

Each case is a page (the shrunk input of ``benchmarks/fuzz.py --seed 1 --kinds text``,
input number in its id) on which the clean text, cleaned again as page text, lost a line.
All seven were two headings stacked above the article's first paragraph: the lower one was
taken as the title, and in the clean text the upper one stood where the title had been.
"""

import pytest

from cleanscrape import Cleaner, CleanerConfig, clean

TEXT = Cleaner(CleanerConfig(input_format="text"))

FUZZ_CASES = [
    pytest.param('or it railway |?\x0cPrevious 3\nat as Images farmers harbour By Jane Doe Share 𝐀.', id="fuzz_seed1_1160_question_over_a_two_word_title"),
    pytest.param('in reply were!\u202972979957459 were!\nwater winter That Doctors doctors of as railway og:type from engineers an committee Terms of Use be block museum', id="fuzz_seed1_1324_exclamation_over_a_number_title"),
    pytest.param('water water · market | summer >!\rTerms Previous!\u2028\x7f they -a tel: +1 555 0100 Advertisement posts that Facebook Twitter LinkedIn Email school budget Terms of Use &#0; village', id="fuzz_seed1_342_exclamation_over_an_exclaimed_title"),
    pytest.param('farmers 1. it?\x0bрусский\nRead more was workers that Privacy Policy Report in 1.', id="fuzz_seed1_343_question_over_a_one_word_title"),
    pytest.param('article Advertisement ﬁ ·?\x85An this!\x85Harbour report in ͏ engineers council it عربي harbour were Terms of Use. engineers article from "@type": "Article" winter posts', id="fuzz_seed1_584_question_over_an_exclaimed_title"),
    pytest.param('a season. River!\x0b&#0; role=main ]]>\r535668755788 at committee article have a season. River!\u200bworkers engineers 2025 Example Media. Privacy Policy museum русский river market of', id="fuzz_seed1_612_exclamation_over_a_markup_title"),
    pytest.param('village harbour 3810216621 —!\r\nseason\x85March 3, 2025 this Read more: river to engineers posts election Terms of Use 8595317 at Railway doctors railway and', id="fuzz_seed1_783_exclamation_over_a_one_word_title"),
]

#: The same shape in words: a question heading over the headline, then the story.
STACKED_HEADINGS = (
    "Who pays for the new lanes?\n"
    "Council votes on bike lanes\n"
    "The council voted on Monday to build new bike lanes on the harbour road, after workers and "
    "doctors asked for a safer way to the city centre in the winter season."
)


@pytest.mark.parametrize("page", [*FUZZ_CASES, pytest.param(STACKED_HEADINGS, id="question_heading_over_the_headline")])
def test_cleaning_the_clean_text_again_changes_nothing(page: str) -> None:
    once = TEXT.clean(page).text
    assert once
    assert TEXT.clean(once).text == once
    assert clean(once).text == once


def test_both_stacked_headings_leave_the_story() -> None:
    record = TEXT.clean(STACKED_HEADINGS)
    assert record.text.startswith("The council voted on Monday")
    assert [item.reason for item in record.removed] == ["title", "title"]
