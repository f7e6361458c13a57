"""Site templates: learning the lines a site repeats, saving the profile, and cleaning with it."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import Cleaner, CleanerConfig
from cleanscrape.corpus import SiteProfile, SiteProfileConfig, SiteProfileLearner, SiteTemplate, clean_with_profile, site_key
from cleanscrape.corpus.site_profile import FORMAT, VERSION
from cleanscrape.corpus.template_lines import template_key

TEXT = Cleaner(CleanerConfig(input_format="text"))
SUBJECTS = ["harbour", "river", "bridge", "library", "market", "railway", "museum", "school", "orchard", "stadium",
            "ferry", "tunnel", "garden", "theatre", "clinic", "airport", "canal", "castle", "forest", "village"]
SECTIONS = ["Home", "News", "Sport", "Culture"]
# Reads like prose, so one page alone keeps it; only the site's other pages show it is template.
PROMO = "Support our newsroom today and you will help us keep every story free for all of our readers."


def article(subject: str) -> list[str]:
    return [
        f"The {subject} committee met on Tuesday to decide what should happen to the old {subject} after the storm.",
        f"Engineers told the members of the committee that the {subject} needed repairs before the winter season began.",
        f"Residents who live near the {subject} said they were worried about the noise and the cost of the work.",
        f"The council will publish its final decision about the {subject} in a report at the end of the month.",
    ]


def page(number: int, *, quote: str | None = None) -> tuple[list[str], set[int]]:
    """Lines of one page of the example site, and which of them are template."""
    current = SECTIONS[number % len(SECTIONS)]
    head = [
        "Example Gazette",
        " | ".join(f"*{s}*" if s == current else s for s in SECTIONS),  # the current section is marked
        f"{1000 + 37 * number:,} views",
    ]
    body = article(SUBJECTS[number % len(SUBJECTS)])
    if quote:
        body.insert(2, quote)
    foot = [PROMO, f"© {2015 + number % 9} Example Gazette. All rights reserved."]
    lines = head + body + foot
    return lines, {*range(len(head)), *range(len(head) + len(body), len(lines))}


def site_records(pages: int, site: str = "gazette.example", **quotes: str) -> list[dict]:
    records = []
    for number in range(pages):
        lines, _ = page(number, quote=quotes.get(f"p{number}"))
        records.append({"url": f"https://www.{site}/story/{number}", "text": "\n".join(lines)})
    return records


def test_variants_of_a_template_line_share_one_key():
    assert template_key("© 2023 Example Gazette.") == template_key("© 2024 Example Gazette") == "0 example gazette"
    assert template_key("1,204 views") == template_key("87 views")
    assert template_key("Home | *News* | Sport") == template_key("HOME | News | Sport")
    assert template_key("-----") == ""


def test_site_is_the_url_host_then_site_then_source():
    assert site_key({"url": "https://WWW.Example.org:8080/a?b=1"}) == "example.org"
    assert site_key({"url": "not a url", "site": "blog", "source": "crawl-7"}) == "blog"
    assert site_key({"source": "crawl-7"}) == "crawl-7"
    assert site_key({"text": "x"}) is None


def test_learns_template_lines_and_not_article_lines():
    profile = SiteProfile.learn(site_records(20))
    lines = profile.sites["gazette.example"].lines
    assert set(lines) == {
        "example gazette",
        "home news sport culture",
        "0 views",
        template_key(PROMO),
        "0 example gazette all rights reserved",
    }
    assert all(count == 20 for count in lines.values())


def test_cleaning_with_the_profile_removes_template_lines_as_site_template():
    profile = SiteProfile.learn(site_records(20))
    lines, template = page(3)
    record = clean_with_profile(TEXT, profile, "\n".join(lines), url="https://gazette.example/new-story")
    removed = {item.line: item.reason for item in record.removed}
    assert {line: removed.get(line) for line in template} == {line: "site_template" for line in template}
    assert record.text == "\n".join(article(SUBJECTS[3]))
    # One page alone keeps the promotion, which reads like prose.
    assert PROMO in TEXT.clean("\n".join(lines)).text


def test_cleaning_with_the_profile_is_idempotent():
    profile = SiteProfile.learn(site_records(20))
    for number in range(4):
        once = clean_with_profile(TEXT, profile, "\n".join(page(number)[0]), url="https://gazette.example/x").text
        assert clean_with_profile(TEXT, profile, once, url="https://gazette.example/x").text == once


def test_a_new_page_with_changed_numbers_and_a_new_menu_item_still_matches():
    profile = SiteProfile.learn(site_records(20))
    matcher = profile.matcher("gazette.example")
    assert matcher("© 2031 Example Gazette. All rights reserved.")
    assert matcher("98,765 views")
    assert matcher("Home | News | Sports | Culture")  # a near-identical menu
    assert not matcher("Home")
    assert not matcher(article("harbour")[0])


def test_a_quote_on_two_pages_of_a_large_site_is_not_template():
    quote = "“We will rebuild, whatever it takes,” the mayor told reporters outside the town hall on Tuesday."
    profile = SiteProfile.learn(site_records(40, p4=quote, p9=quote))
    assert template_key(quote) not in profile.sites["gazette.example"].lines
    lines, _ = page(4, quote=quote)
    assert quote in clean_with_profile(TEXT, profile, "\n".join(lines), url="https://gazette.example/4").text.split("\n")


def test_a_line_needs_both_the_page_count_and_the_share():
    config = SiteProfileConfig(min_site_pages=10, min_pages=5, min_share=0.5)
    learner = SiteProfileLearner(config)
    for number in range(20):
        extra = ["Listen to this article"] if number < 10 else []  # on half the pages
        rare = ["Corrections policy"] if number < 9 else []  # on 9 of 20: under the share
        learner.add("site", "\n".join(extra + rare + article(SUBJECTS[number])))
    small = SiteProfileLearner(config.replace(min_site_pages=4))
    for number in range(4):
        small.add("small", "\n".join(["Tiny footer"] + article(SUBJECTS[number])))
    lines = learner.profile().sites["site"].lines
    assert "listen to this article" in lines
    assert "corrections policy" not in lines
    assert small.profile().sites["small"].lines == {}  # on every page, but fewer than min_pages


def test_near_identical_lines_lend_each_other_their_pages():
    learner = SiteProfileLearner()
    for number in range(20):
        menu = "Home Hiking Camping Gear Reviews Trail Maps Deals Newsletter" + (" Sale" if number % 3 == 0 else "")
        learner.add("trail", "\n".join([menu] + article(SUBJECTS[number])))
    lines = learner.profile().sites["trail"].lines
    # 7 pages alone is under half of 20, but the menu's other 13 pages count for it.
    assert lines["home hiking camping gear reviews trail maps deals newsletter sale"] == 20
    assert lines["home hiking camping gear reviews trail maps deals newsletter"] == 20


def test_a_small_site_gets_no_profile_and_is_cleaned_as_before():
    profile = SiteProfile.learn(site_records(9) + site_records(12, site="other.example"))
    assert "gazette.example" not in profile.sites and "other.example" in profile.sites
    assert profile.stats["sites_too_small"] == 1 and profile.stats["pages_of_sites_too_small"] == 9
    assert profile.matcher("gazette.example") is None
    text = "\n".join(page(2)[0])
    assert clean_with_profile(TEXT, profile, text, url="https://gazette.example/2") == TEXT.clean(text, url="https://gazette.example/2")


def test_pages_without_a_site_are_counted_and_skipped():
    learner = SiteProfileLearner()
    assert not learner.add_record({"text": "Example Gazette"})
    assert learner.pages_without_site == 1
    assert learner.profile().stats["pages_without_site"] == 1


def test_html_pages_are_learned_as_the_cleaner_reads_them():
    records = [
        {"site": "html-site", "text": f"<html><body><p>Example Gazette</p><p>{' '.join(article(SUBJECTS[n]))}</p></body></html>"}
        for n in range(12)
    ]
    assert "example gazette" in SiteProfile.learn(records).sites["html-site"].lines


def test_memory_cap_drops_rare_lines_and_keeps_template_lines():
    config = SiteProfileConfig(max_keys_per_site=40)
    profile = SiteProfile.learn(site_records(20), config)
    site = profile.sites["gazette.example"]
    assert site.max_undercount >= 1
    assert {"example gazette", "home news sport culture", "0 views"} <= set(site.lines)


def test_learning_does_not_depend_on_page_order():
    records = site_records(20, p3="A line that appears on a single page of the whole site, and only there.")
    assert SiteProfile.learn(records[::-1]).to_dict() == SiteProfile.learn(records).to_dict()


@settings(max_examples=20)
@given(st.permutations(site_records(12) + site_records(10, site="b.example")))
def test_learning_is_order_independent_for_any_order(records):
    assert SiteProfile.learn(records).to_dict() == SiteProfile.learn(site_records(12) + site_records(10, site="b.example")).to_dict()


def test_profile_is_saved_as_readable_versioned_json(tmp_path):
    profile = SiteProfile.learn(site_records(20))
    path = tmp_path / "profile.json"
    profile.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    assert data["sites"]["gazette.example"]["template_lines"]["example gazette"] == 20
    assert data["config"]["min_share"] == 0.5
    loaded = SiteProfile.load(path)
    assert loaded == profile
    assert loaded.matcher("gazette.example")("© 1999 Example Gazette. All rights reserved.")


def test_bad_profile_files_are_refused():
    data = SiteProfile.learn(site_records(12)).to_dict()
    with pytest.raises(ValueError, match="not a cleanscrape site profile"):
        SiteProfile.from_dict({**data, "format": "something else"})
    with pytest.raises(ValueError, match="newer"):
        SiteProfile.from_dict({**data, "version": VERSION + 1})
    with pytest.raises(TypeError, match="unknown"):
        SiteProfile.from_dict({**data, "config": {"min_shares": 0.4}})


keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)
site_templates = st.builds(
    lambda pages, lines, undercount: SiteTemplate(pages, {k: min(v, pages) for k, v in lines.items()}, undercount),
    st.integers(1, 10_000),
    st.dictionaries(keys, st.integers(1, 10_000), max_size=8),
    st.integers(0, 5),
)


@settings(max_examples=50)
@given(
    st.dictionaries(keys, site_templates, max_size=4),
    st.builds(SiteProfileConfig, min_share=st.floats(0.01, 1.0), min_pages=st.integers(1, 50)),
    st.dictionaries(st.sampled_from(["sites_too_small", "pages_without_site"]), st.integers(0, 10**6)),
)
def test_json_round_trip(sites, config, stats):
    profile = SiteProfile(sites, config, stats)
    assert SiteProfile.from_dict(json.loads(json.dumps(profile.to_dict()))) == profile


def test_config_is_validated():
    with pytest.raises(ValueError, match="min_share"):
        SiteProfileConfig(min_share=0)
    with pytest.raises(ValueError, match="min_pages"):
        SiteProfileConfig(min_pages=0)
    with pytest.raises(ValueError, match="line_similarity"):
        SiteProfileConfig(line_similarity=1.0)


def test_corpus_evidence_names_lines_a_detector_also_removes():
    lines, _ = page(1)
    footer = lines[-1]
    assert dict((d.text, d.reason) for d in TEXT.explain("\n".join(lines)))[footer] == "footer"
    decisions = TEXT.explain("\n".join(lines), is_site_template=lambda text: text == footer)
    assert dict((d.text, d.reason) for d in decisions)[footer] == "site_template"
