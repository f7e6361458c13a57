"""Hand-labelled pages (tests/cases/*.json): each line is kept, or removed for one of its listed reasons.

A case with ``"expect": "fail"`` is a known failure, described in its
``known_failure`` note; it must keep failing until the note is resolved.
"""

import json
from pathlib import Path

import pytest

from cleanscrape import Cleaner, CleanerConfig

CASES = sorted((Path(__file__).parent / "cases").glob("*.json"))
CLEANER = Cleaner(CleanerConfig(input_format="text"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_enough_passing_cases() -> None:
    assert sum(1 for path in CASES if _load(path).get("expect", "pass") == "pass") >= 21


def _params():
    for path in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=_load(path)["known_failure"])] if _load(path).get("expect") == "fail" else []
        yield pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("path", list(_params()))
def test_labelled_case(path: Path) -> None:
    case = _load(path)
    page = "\n".join(line["text"] for line in case["lines"])
    record = CLEANER.clean(page, url=case["url"])

    expected_kept = [line["text"].strip() for line in case["lines"] if line.get("keep") and line["text"].strip()]
    kept = [line for line in record.text.split("\n") if line]
    assert kept == expected_kept

    labels = {index: line["remove"] for index, line in enumerate(case["lines"]) if "remove" in line}
    wrong = [
        (item.line, item.text, item.reason, labels[item.line])
        for item in record.removed
        if item.reason not in labels[item.line]
    ]
    assert not wrong, "removed for a reason not among the labelled ones"
    assert record.title == case["title"]
    assert record.language == case["language"]
