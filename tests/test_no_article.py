"""A page whose article search finds no article, or a scrap of one, keeps the lines no detector named,
when one of them writes a sentence; a page of labels alone still gives nothing."""

from cleanscrape import Cleaner, CleanerConfig

TEXT = Cleaner(CleanerConfig(input_format="text"))

#: A business directory's stub as a text browser prints it: menus, a search form, one
#: description wrapped in a narrow cell, the site's notice.
DIRECTORY_STUB = "\n".join([
    "Login  |  Create an Account",
    "Search Maine     Restaurant Guide",
    "Classifieds  |  Job Listings  |  High School Sports  |  Contact Us  |  Star Rating System",
    "",
    "Visit our featured business",
    "Full service lumber and building supply center. Located in 3",
    "convenient locations.",
    "Copyright © 2002-2006 PHD Consulting Inc. All rights reserved. Our Disclaimer.",
]) + "\n"

#: A shop's tiles and links: no line writes a sentence.
LABELS_ONLY = "\n".join([
    "Home | Shop | Deals | Help",
    "Best of the best",
    "Our tried-and-true fan favorites",
    "Rating 4.8 out of 5 stars with 333 reviews",
    "The price was $1,199.99",
]) + "\n"

#: Link lists and a notice: its one sentence is the site's rights, the footer's.
FOOTER_ONLY = "\n".join([
    "Help Center, Disputes & Reports, Return&refund policy, Report IPR infringement",
    "Russian, Portuguese, Spanish, French, German, Italian, Dutch, Turkish",
    "Privacy Policy - Sitemap - Terms of Use ©️2010-2025 Example.com. All rights reserved.",
]) + "\n"


def test_a_stub_keeps_its_description() -> None:
    record = TEXT.clean(DIRECTORY_STUB)
    # Before: every line was template or outside the (absent) article, and the record was empty.
    assert "Full service lumber and building supply center." in record.text
    assert "convenient locations." in record.text
    assert "Copyright" not in record.text and "Classifieds" not in record.text


def test_a_stub_cleans_to_a_fixed_point() -> None:
    once = TEXT.clean(DIRECTORY_STUB).text
    assert TEXT.clean(once).text == once


def test_labels_alone_give_nothing() -> None:
    assert TEXT.clean(LABELS_ONLY).text == ""


def test_a_rights_notice_is_no_sentence_of_the_page() -> None:
    assert TEXT.clean(FOOTER_ONLY).text == ""


#: A front page of links: a one-line intro the search keeps (a scrap, not an article), then
#: the entries, headlines with their facts, that no detector names.
FRONT_PAGE = "\n".join([
    "Hacker Jobs  |  new  |  past  |  ask  |  submit",
    "These are jobs at young startups, posted by the founders themselves. See more on our jobs board.",
    "",
    *(line for number, (company, role) in enumerate([
        ("SigNoz", "is hiring for engineering, growth and product roles"),
        ("Multifactor", "is hiring an engineering lead to run the platform team."),
        ("Stardex", "is hiring customer success engineers in New York"),
        ("Roboflow", "is hiring a security engineer for its vision models"),
    ], start=1) for line in (f"{number}. {company} {role} ({company.lower()}.com)", f"{number + 2} days ago")),
    "",
    "Guidelines | FAQ | Lists | API | Security | Legal | Contact",
]) + "\n"


def test_a_scrap_of_an_intro_keeps_the_pages_entries() -> None:
    record = TEXT.clean(FRONT_PAGE)
    # Before: only the intro was kept, every entry went as outside the article.
    assert record.text.startswith("These are jobs at young startups")
    assert "SigNoz is hiring for engineering" in record.text
    assert "Roboflow is hiring a security engineer" in record.text
    assert "Guidelines" not in record.text
    assert TEXT.clean(record.text).text == record.text
