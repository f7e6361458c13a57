"""The reasons registry: one name per reason, every name documented, every check found,
and a detector added by one registry line takes effect.

To rewrite docs/reasons.md after changing the table:
    python -c "from cleanscrape.reasons import markdown; print(markdown(), end='')" > docs/reasons.md
"""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanscrape import Cleaner, CleanerConfig, reasons
from cleanscrape.decide import classify_extracted, classify_text
from cleanscrape.detectors import LINE_DETECTORS, first_line_reason, line_detectors
from cleanscrape.lines import make_line, segment

ROOT = Path(__file__).resolve().parents[1]
STORY = (
    "The harbour council met on Tuesday evening to decide the future of the old ferry pier, which has stood empty "
    "since the last boat to the islands was withdrawn four years ago. Engineers told the meeting that the timber "
    "piles are rotting faster than expected and that the pier will have to be closed to walkers within two years."
)
TOY_LINE = "Toy Company presents: a walk along the old ferry pier for the families of the harbour, with a guide who knows its history."


def test_docs_list_every_reason_as_the_registry_says() -> None:
    assert (ROOT / "docs" / "reasons.md").read_text(encoding="utf-8") == reasons.markdown()


def test_every_line_check_is_found_and_names_a_listed_reason() -> None:
    assert {reason for reason, _ in LINE_DETECTORS} <= reasons.NAMES
    assert all(callable(check) for _, check in LINE_DETECTORS)
    assert len(LINE_DETECTORS) == len(reasons.line_checks())


def test_every_role_is_played_and_every_reason_has_a_kind_and_a_meaning() -> None:
    assert all(reasons.with_role(role) for role in reasons.ROLES)
    assert all(reason.kind in reasons.KINDS and reason.meaning for reason in reasons.REASONS)
    with pytest.raises(ValueError):
        reasons.with_role("no_such_role")


def test_a_reason_listed_twice_or_a_check_for_no_reason_is_refused() -> None:
    twice = (*reasons.REGISTRY, reasons.Reason(reasons.MENU, "again", reasons.LINE_DETECTOR))
    with pytest.raises(ValueError):
        reasons._check_registry(twice)
    with pytest.raises(ValueError):
        reasons._check_registry((*reasons.REGISTRY, reasons.Check("no_such_reason", "footer.matches")))


def test_labelled_cases_name_only_listed_reasons() -> None:
    labels = {
        label
        for path in (ROOT / "tests" / "cases").glob("*.json")
        for line in json.loads(path.read_text(encoding="utf-8"))["lines"]
        for label in line.get("remove", [])
    }
    assert labels and labels <= reasons.NAMES


def test_a_line_outside_the_article_and_an_advertisement_are_told_apart() -> None:
    page = "\n".join(["Advertisement", STORY, "Ships in the night", "Weather tomorrow and the day after", "Gallery of the week"])
    removed = {item.text: item.reason for item in Cleaner(CleanerConfig(input_format="text")).clean(page).removed}
    assert removed["Advertisement"] == "advertisement"
    assert "outside_article" in removed.values()


@pytest.mark.parametrize(
    ("line", "reason"),
    [("Skip to main content", "skip_link"), ("Got it!", "cookie_notice"), ("Continue reading »", "more_link"),
     ("« Older posts", "pager_link"), ("« 2", "pager_link"), ("12k", "bare_number"), ("Tags: canal, storm", "tag_list"),
     ("Font size", "page_tool"), ("Follow us on Instagram", "follow_prompt"), ("Buy now", "shop_link"),
     ("Breaking news", "news_label"), ("3 Answers", "answer_count"), ("[logo]", "text_browser_label"),
     ("This post contains affiliate links, so we may earn a small commission.", "disclosure")],
)
def test_each_kind_of_template_label_has_its_own_reason(line: str, reason: str) -> None:
    assert first_line_reason(make_line(0, line)) == reason


def test_a_bare_number_is_kept_in_extracted_text_but_a_pager_number_is_not() -> None:
    lines = segment(f"{STORY}\n12\n« 2")
    assert classify_extracted(lines, CleanerConfig()).reasons == [None, None, "pager_link"]


def test_a_detector_added_by_one_registry_line_takes_effect() -> None:
    page = f"{STORY}\n{TOY_LINE}"
    assert first_line_reason(make_line(0, TOY_LINE)) is None
    assert classify_text(page, CleanerConfig()).reasons == [None, None]
    toy = reasons.Reason("toy_sponsor", "A toy company's sponsor line.", reasons.LINE_DETECTOR,
                         checks=("tests.toy_detector:matches",))
    detectors = line_detectors((toy, *reasons.REGISTRY))
    assert first_line_reason(make_line(0, TOY_LINE), detectors) == "toy_sponsor"
    assert classify_text(page, CleanerConfig(), detectors=detectors).reasons == [None, "toy_sponsor"]
    assert classify_extracted(segment(page), CleanerConfig(), detectors=detectors).reasons == [None, "toy_sponsor"]


#: Text near the gates: their marks and what their patterns hold around them.
_NEAR_GATES = st.text(alphabet="{}%[]_$#<>:/\\»›→⟩=- aZA", max_size=40)


@given(_NEAR_GATES)
def test_a_detector_s_gate_only_turns_away_lines_its_patterns_would_not_match(text: str) -> None:
    """The gates are exact: without a gate's marks, no pattern behind it can match."""
    from cleanscrape.detectors import breadcrumb, navigation, placeholder
    from cleanscrape.vocabulary import PAGER, PLACEHOLDER

    if not any(mark in text for mark in placeholder.GATE):
        assert not PLACEHOLDER.search(text)
    for candidate in (text, f"Next {text}", f"Previous post {text}"):
        if not any(mark in candidate for mark in navigation.PAGER_GATE):
            assert not PAGER.match(candidate)
        if not any(mark in candidate for mark in breadcrumb.GATE):
            assert all(
                len([part for part in separator.split(candidate) if part.strip()]) < 2
                for separator in (breadcrumb._ARROWS, breadcrumb._SLASHES)
            )


def test_first_verdicts_are_read_once_per_line_text_on_a_page() -> None:
    seen: list[str] = []

    def counting(line) -> bool:
        seen.append(line.text)
        return False

    detectors = (("toy_counter", counting), *LINE_DETECTORS)
    page = "\n".join(["Home", "News", STORY, "Home", "News", STORY, "Home"])
    plain = classify_text(page, CleanerConfig())
    counted = classify_text(page, CleanerConfig(), detectors=detectors)
    assert counted.reasons == plain.reasons
    assert sorted(seen) == sorted({"Home", "News", STORY})


def test_records_diff_compares_renamed_reasons_under_their_old_name(capsys) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from records_diff import compare, parse_same_reasons

    renamed = parse_same_reasons(["boilerplate=outside_article,advertisement"])
    assert renamed == {"outside_article": "boilerplate", "advertisement": "boilerplate"}
    before = {"a": {"text": "x", "removed": [{"line": 1, "text": "Ad", "reason": "boilerplate"}]}}
    after = {"a": {"text": "x", "removed": [{"line": 1, "text": "Ad", "reason": "advertisement"}]}}
    assert compare(before, after, shown=0, renamed=renamed) == 0
    assert "boilerplate -> advertisement 1" in capsys.readouterr().out
    assert compare(before, after, shown=0) == 1
    moved = {"a": {"text": "x", "removed": [{"line": 2, "text": "Ad", "reason": "advertisement"}]}}
    assert compare(before, moved, shown=0, renamed=renamed) == 1
