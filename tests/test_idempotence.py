"""Cleaning its own output changes nothing: counterexamples the fuzz run and the page dumps found, shrunk.

Each case is a page (the shrunk input of ``benchmarks/fuzz.py --seed 1 --kinds text``,
input number in its id) on which the clean text, cleaned again as page text, lost a line.
The first seven were two headings stacked above the article's first paragraph: the lower one
was taken as the title, and in the clean text the upper one stood where the title had been.
In the last three the page's language guess changed once a removed line left its sample.
"""

import gzip

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

#: Pages of little prose whose language guess changed once a removed line left the sample
#: (en -> it, cy -> ca), and with it which lines were prose (``decide.classify_page``).
LANGUAGE_CASES = [
    pytest.param('x="unterminated>\n</figcaption><dialog a="1" a="2" id="comment" role="main" ><title x="unterminated role="tabpanel" style="display:none"></title></dialog>', id="fuzz_seed2026_45700_language_flips_when_the_title_goes"),
    pytest.param('\x00t\x00y\x00p\x00e\x00=\x00"\x00a\x00p\x00p\x00l\x00i\x00c\x00a\x00t\x00i\x00o\x00n\x00/\x00l\x00d\x00+\x00j\x00s\x00o\x00n\x00"\x00>\x00{\x00"\x00@\x00c\x00o\x00n\x00t\x00e\x00x\x00t\x00"\x00:\x00"\x00h\x00t\x00t\x00p\x00s\x00:\x00/\x00/\x00s\x00c\x00h\x00e\x00m\x00a\x00.\x00o\x00r\x00g\x00"\x00,\x00"\x00@\x00t\x00y\x00p\x00e\x00"\x00:\x00"\x00A\x00r\x00t\x00i\x00c\x00l\x00e\x00"\x00,\x00"\x00h\x00e\x00a\x00d\x00l\x00i\x00n\x00e\x00"\x00:\x00"\x00S\x00t\x00o\x00r\x00m\x00"\x00,\x00"\x00d\x00a\x00t\x00e\x00P\x00u\x00b\x00l\x00i\x00s\x00h\x00e\x00d\x00"\x00:\x00"\x002\x000\x002\x005\x00-\x000\x003\x00-\x000\x003\x00"\x00,\x00"\x00a\x00u\x00t\x00h\x00o\x00r\x00"\x00:\x00{\x00"\x00@\x00t\x00y\x00p\x00e\x00"\x00:\x00"\x00P\x00e\x00r\x00s\x00o\x00n\x00"\x00,\x00"\x00n\x00a\x00m\x00e\x00"\x00:\x00"\x00J\x00a\x00n\x00e\x00 \x00w\x00e\x00r\x00e\x00 \x00d\x00a\x00t\x00e\x00t\x00i\x00m\x00e\x00=\x00"\x000\x000\x000\x000\x00-\x000\x000\x00-\x000\x000\x00"\x00/\x00>\x00&\x00#\x001\x002\x008\x00;\x00&\x00#\x001\x002\x008\x00;\x00<\x00/\x00l\x00a\x00b\x00e\x00l\x00>\x00<\x00i\x00s\x00i\x00n\x00d\x00e\x00x\x00 \x00e\x00n\x00g\x00i\x00n\x00e\x00e\x00r\x00s\x00 \x00v\x00i\x00l\x00l\x00a\x00g\x00e\x00 ����\x00.\x00<\x00h\x00r\x00 \x00l\x00a\x00n\x00g\x00=\x00"\x00a\x00r\x00"\x00 \x00c\x00i\x00t\x00y\x00<\x00/\x00t\x00i\x00t\x00l\x00e\x00>\x00\x0c\x00?\x00 \x00=\x00w\x00e\x00i\x00r\x00d\x00', id="fuzz_seed2026_14526_utf16_read_as_latin1_language_flips"),
    pytest.param('\x00<\x00m\x00e\x00t\x00a\x00 \x00c\x00h\x00a\x00r\x00s\x00e\x00t\x00=\x00"\x00l\x00a\x00t\x00i\x00n\x00-\x001\x00"\x00>þÿ\x00<\x00h\x00t\x00m\x00l\x00>\x00<\x00h\x00e\x00a\x00d\x00>\x00<\x00m\x00e\x00t\x00a\x00 \x00c\x00h\x00a\x00r\x00s\x00e\x00t\x00=\x00"\x00u\x00t\x00f\x00-\x008\x00"\x00>\x00<\x00p\x00>\x00W\x00e\x00r\x00e\x00 \x00t\x00h\x00e\x00y\x00 \x00s\x00c\x00h\x00o\x00o\x00l\x00 h\x00 \x00r\x00a\x00i\x00l\x00w\x00a\x00y\x00 \x06\x1c\x00 \x00h\x00a\x00v\x00e\x00 \x00C\x00o\x00m\x00m\x00e\x00n\x00t\x00s\x00 \x00F\x00a\x00c\x00e\x00b\x00o\x00o\x00k\x00 \x00h\x00a\x00r\x00b\x00o\x00u\x00r\x00 \x00a\x00n\x00d\x00 \x00p\x00o\x00s\x00t\x00s\x00 \x04@\x04C\x04A\x04A\x04:\x048\x049\x00 \x00·\x00 û\x01\x00 \x00s\x00e\x00a\x00s\x00o\x00n\x00 \x00c\x00o\x00u\x00n\x00c\x00i\x00l\x00 \x00f\x00r\x00o\x00m\x00 \x00|\x00:\x00<\x00l\x00i\x00 \x00i\x00t\x00e\x00m\x00s\x00c\x00o\x00p\x00e\x00 \x00i\x00t\x00e\x00m\x00t\x00y\x00p\x00e\x00=\x00"\x00h\x00t\x00t\x00p\x00:\x00/\x00/\x00s\x00c\x00h\x00e\x00m\x00a\x00.\x00o\x00r\x00g\x00/\x00P\x00r\x00o\x00d\x00u\x00c\x00t\x00"\x00 \x00l\x00a\x00n\x00g\x00=\x00"\x00a\x00r\x00"\x00\n\x00<\x00t\x00e\x00x\x00t\x00a\x00r\x00e\x00a\x00>\x00<\x00i\x00m\x00a\x00g\x00e\x00>\x00<\x00/\x00d\x00i\x00a\x00l\x00o\x00g\x00>\x00<\x00s\x00o\x00u\x00r\x00c\x00e\x00 \x00d\x00a\x00t\x00e\x00t\x00i\x00m\x00e\x00=\x00"\x009\x009\x009\x009\x00-\x009\x009\x00-\x009\x009\x00T\x009\x009\x00"\x00>\x00?\x00 \x00o\x00f\x00 \x00·\x00 \x06\x1c\x00 \x00R\x00e\x00a\x00d\x00', id="fuzz_seed2026_37029_utf16_read_as_latin1_language_flips_again"),
]

#: The same shape in words: a question heading over the headline, then the story.
STACKED_HEADINGS = (
    "Who pays for the new lanes?\n"
    "Council votes on bike lanes\n"
    "The council voted on Monday to build new bike lanes on the harbour road, after workers and "
    "doctors asked for a safer way to the city centre in the winter season."
)


#: The shape of a CleanEval w3m dump (28) in other words: a bordered data table between two
#: paragraphs. Its rows were kept without their borders, and in the clean text, short lines
#: side by side with no border between them, they read as a menu.
BORDERED_TABLE = (
    "            The harbour seal (Phoca vitulina), also known as the common seal, is found along the coasts of the "
    "North Atlantic and North Pacific oceans.  They rest on rocky shores, sandbanks and beaches, and have been seen "
    "in river mouths far from the open sea.  The classification of the\n"
    "│Order                              │Carnivora                            │\n"
    "│Family                             │Phocidae                             │\n"
    "│Genus                              │Phoca                                │\n"
    "│Species                            │vitulina                             │\n"
    "├───────────────────────────────────┼─────────────────────────────────────┤\n"
    "│Subspecies                         │concolor                             │\n"
    "heavier than the females, which sometimes makes it easy to tell them apart on the beach. \n"
)


#: The shape of another (59): a narrow column of film titles beside the story, both far to
#: the right. The page as a whole showed no columns, its clean text did, and the second
#: cleaning read that text in columns.
COLUMNS_IN_THE_CLEAN_TEXT = "\n".join([
    " " * 168 + 'the early 1970s. A band of small bike-racers is',
    " " * 168 + 'repairing bicycles, the local craze. This rooster',
    " " * 147 + 'the Road to Perth    animal is chased and shouted at by the small children',
    " " * 147 + 'beats The Harvest    until luck leads her under the wheels of a market',
    " " * 147 + 'Emeralds are         Story continues[arrow9x7]',
    " " * 147 + 'The Lighthou Story   A race between the small riders of the harbor and',
    " " * 168 + 'choice to be part of Town of Sea was shaped by the',
    " " * 168 + 'There are more than 40,000 traffic stops  a year in',
    " " * 168 + 'Norway, more than three times the whole number of',
    " " * 168 + 'visits in Monaco. Many of these visits in our rural',
    " " * 168 + 'areas are the result of trade between boat',
    " " * 168 + 'crews, or between farmers and the market. What Town',
    " " * 168 + 'of Sea achieves is the chance to understand how',
    " " * 168 + 'we came to this noise.',
]) + "\n"


#: The shape of a WCXB w3m dump (0152) in other words: a service list between two paragraphs,
#: one item below a rule. Kept beside the paragraphs, the items read as a menu once the
#: rule was gone from the clean text.
LIST_ACROSS_A_RULE = "\n".join([
    "Since 2012 I have worked as a garden designer and planting adviser for councils, schools and small estates, "
    "where I gained wide experience in native planting, soil care, drainage, pond building and the design of small public parks.",
    "Garden Design",
    "Soil Care",
    "Pond Building",
    "Tree Surgery",
    "━" * 120,
    "Hedge Planting",
    "With over 12 years of experience in planting, park design and soil advice I help schools, councils, housing "
    "trusts and small estates grow healthy gardens through careful planning and native plants.",
]) + "\n"

#: And of another (4874): a chat sample, an image label, then a bulleted list. Without the
#: label the article's extent was read otherwise, and the list fell outside it.
CHAT_OVER_A_LIST = "\n".join([
    "It started getting harder when I changed jobs. Now I feel tired all the time.",
    "Big changes like a new job are not always easy. You are doing well to take such a bold step.",
    "[member-tex]",
    "Thanks. I think I am ready to try that walking routine you suggested.",
    "  • Daily reminders to help you through busy weeks.",
    "  • Goals and a plan to reach them.",
    "  • Tailored advice to make better choices, build your habits, meet challenges and more.",
]) + "\n"


@pytest.mark.parametrize("page", [
    *FUZZ_CASES, *LANGUAGE_CASES, pytest.param(STACKED_HEADINGS, id="question_heading_over_the_headline"),
    pytest.param(BORDERED_TABLE, id="bordered_table_rows_read_as_a_menu_once_unbordered"),
    pytest.param(COLUMNS_IN_THE_CLEAN_TEXT, id="columns_only_in_the_clean_text"),
    pytest.param(LIST_ACROSS_A_RULE, id="list_items_read_as_a_menu_once_the_rule_is_gone"),
    pytest.param(CHAT_OVER_A_LIST, id="article_extent_read_otherwise_once_a_label_is_gone"),
])
def test_cleaning_the_clean_text_again_changes_nothing(page: str) -> None:
    once = TEXT.clean(page).text
    assert TEXT.clean(once).text == once
    assert clean(once).text == once


def test_both_stacked_headings_leave_the_story() -> None:
    record = TEXT.clean(STACKED_HEADINGS)
    assert record.text.startswith("The council voted on Monday")
    assert [item.reason for item in record.removed] == ["title", "title"]


#: w3m dumps a second cleaning changed before the clean text was read again (decide.classify_text).
CHANGED_ONCE = [
    "cleaneval-dev/28", "cleaneval-dev/59",
    "scrapinghub/680c2848e94a96f961a0964631de94ac572f83c45bfd0bec2deafa893bcfe15c",
    "scrapinghub/c13b9c0e04fb28d445d22e92bff6ab7f7800a429930677c28c4dad89f3269869",
    *(f"wcxb-dev/{key}" for key in ("0152", "0209", "0264", "0517", "0698", "0714", "1674", "2035", "2961", "3034",
                                     "4460", "4583", "4589", "4612", "4835", "4857", "4874")),
    # Where the article search kept a scrap and the page's unnamed lines all came back, a second
    # reading found a run of prose among them and dropped the rest (cleanscrape.no_article).
    *(f"wcxb-dev/{key}" for key in ("0629", "0635", "1371", "2846", "3013", "4361", "4736", "4805")),
]


def _dump(shared_data, name: str) -> str:
    dataset, key = name.split("/")
    folder = shared_data / dataset / "dumps-w3m"
    path = folder / f"{key}.txt.gz"
    return gzip.decompress(path.read_bytes()).decode("utf-8") if path.exists() else (folder / f"{key}.txt").read_text(encoding="utf-8")


def test_page_dumps_clean_to_a_fixed_point(shared_data) -> None:
    """Every 10th w3m dump of the three sets, and those a second cleaning once changed."""
    every_tenth = [
        f"{dataset}/{path.name.split('.')[0]}"
        for dataset in ("cleaneval-dev", "scrapinghub", "wcxb-dev")
        for path in sorted((shared_data / dataset / "dumps-w3m").iterdir())[::10]
    ]
    changed = []
    for name in dict.fromkeys(CHANGED_ONCE + every_tenth):
        once = TEXT.clean(_dump(shared_data, name)).text
        if TEXT.clean(once).text != once:
            changed.append(name)
    assert changed == []


#: Text renders of HTML pages (inscriptis, the text mode of benchmarks/quality.py) a second
#: cleaning changed: a wide product table whose clean text each reading split into columns
#: by one row more, six readings in all (more than decide.classify_text took).
RENDERS_CHANGED_ONCE = ["wcxb-dev/4064"]


def test_page_renders_clean_to_a_fixed_point(shared_data) -> None:
    from cleanscrape.htmltext import html_to_text

    changed = []
    for name in RENDERS_CHANGED_ONCE:
        dataset, key = name.split("/")
        html = gzip.decompress((shared_data / dataset / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        once = TEXT.clean(html_to_text(html)).text
        if TEXT.clean(once).text != once:
            changed.append(name)
    assert changed == []
