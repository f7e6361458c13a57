"""The corpus commands: learn-templates, clean --site-profile / --site-templates, dedup."""

import json
from pathlib import Path

from click.testing import CliRunner

from cleanscrape.cli import main

ABOUT = "The Valley Courier has served readers in the northern counties since 1921 and is owned by its staff."
TOPICS = ["harbour", "library", "railway", "orchard", "bridge", "school", "museum", "market", "clinic", "stadium", "ferry", "theatre"]


_WORDS = (
    "the of and to in a is that for it as was with be by on not this are or from at which but have an they were "
    "council harbour river engineers report water storm budget season farmers market village bridge school museum "
    "railway library winter summer workers doctors election plans repairs money families visitors night morning"
).split()


def _article(topic: str) -> str:
    """Four different sentences per topic: random words, seeded by the topic, so pages share no line."""
    import random

    pick = random.Random(topic).choice
    return "\n".join(
        f"The {topic} " + " ".join(pick(_WORDS) for _ in range(16)) + "." for _ in range(4)
    )


def _site_pages(tmp_path: Path) -> Path:
    rows = [
        {"id": f"p{n}", "url": f"https://www.valley.example/news/{topic}", "text": f"{_article(topic)}\n{ABOUT}"}
        for n, topic in enumerate(TOPICS)
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_single_page_cleaning_keeps_the_site_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["clean", str(_site_pages(tmp_path)), "-o", str(out), "-q"]).exit_code == 0
    assert all(ABOUT in row["text"] for row in _rows(out))


def test_learned_profile_removes_the_site_line(tmp_path: Path) -> None:
    pages, profile, out = _site_pages(tmp_path), tmp_path / "profile.json", tmp_path / "out.jsonl"
    learned = CliRunner().invoke(main, ["learn-templates", str(pages), "-o", str(profile)])
    assert learned.exit_code == 0, learned.output
    saved = json.loads(profile.read_text(encoding="utf-8"))
    assert saved["format"] == "cleanscrape.site_profile" and "valley.example" in saved["sites"]

    result = CliRunner().invoke(main, ["clean", str(pages), "-o", str(out), "--site-profile", str(profile), "--explain", "-q"])
    assert result.exit_code == 0, result.output
    for row, topic in zip(_rows(out), TOPICS):
        assert row["text"] == _article(topic)
        assert {"line": 4, "text": ABOUT, "reason": "site_template"} in row["removed"]


def test_site_templates_flag_learns_then_cleans(tmp_path: Path) -> None:
    pages, out = _site_pages(tmp_path), tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(pages), "-o", str(out), "--site-templates"])
    assert result.exit_code == 0, result.output
    assert "learned SiteProfile(1 sites" in result.stderr
    assert [row["text"] for row in _rows(out)] == [_article(topic) for topic in TOPICS]


def test_explain_with_profile(tmp_path: Path) -> None:
    pages, profile = _site_pages(tmp_path), tmp_path / "profile.json"
    assert CliRunner().invoke(main, ["learn-templates", str(pages), "-o", str(profile)]).exit_code == 0
    page = tmp_path / "page.txt"
    page.write_text(f"{_article('garden')}\n{ABOUT}", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(page), "--site-profile", str(profile), "--url", "https://valley.example/x"])
    assert result.exit_code == 0, result.output
    assert "site_template" in result.stdout.splitlines()[-1]


def test_bad_profile_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "profile.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(_site_pages(tmp_path)), "--site-profile", str(bad)])
    assert result.exit_code == 1 and "not a readable site profile" in result.output


def test_dedup_marks_clusters_and_can_reject_duplicates(tmp_path: Path) -> None:
    story = _article("harbour")
    records = [
        {"id": "b", "text": story},
        {"id": "a", "text": story.replace("soon", "shortly") + "\nA final short note."},
        {"id": "c", "text": _article("railway").replace("committee", "board").replace("plans", "timetable")},
    ]
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out, rejects = tmp_path / "out.jsonl", tmp_path / "dups.jsonl"
    result = CliRunner().invoke(main, ["dedup", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    marked = {row["id"]: (row["dup_cluster"], row["is_duplicate"]) for row in _rows(out)}
    # The longest text represents its cluster.
    assert marked == {"a": ("a", False), "b": ("a", True), "c": ("c", False)}
    assert "3 records, 1 duplicates" in result.stderr

    result = CliRunner().invoke(main, ["dedup", str(source), "-o", str(out), "--rejects", str(rejects), "-q"])
    assert result.exit_code == 0
    assert [row["id"] for row in _rows(out)] == ["a", "c"]
    assert [(row["id"], row["dropped"]) for row in _rows(rejects)] == [("b", "duplicate")]


def test_clean_dedup_marks_duplicates_across_the_run(tmp_path: Path) -> None:
    story = _article("harbour")
    pages = [
        {"id": "one", "url": "https://a.example/1", "text": story},
        {"id": "two", "url": "https://b.example/2", "text": f"{story}\nShare this: Facebook Twitter"},
        {"id": "three", "url": "https://c.example/3", "text": _article("railway")},
    ]
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"

    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "--dedup"])
    assert result.exit_code == 0, result.output
    marked = [(r["id"], r["dup_cluster"], r["is_duplicate"]) for r in _rows(out)]
    # Same clean text: the lowest id represents the cluster.
    assert marked == [("one", "one", False), ("two", "one", True), ("three", "three", False)]
    assert not list(tmp_path.glob("*undeduplicated*"))

    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "--dedup", "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in _rows(out)] == ["one", "three"]
    assert [(r["id"], r["dropped"]) for r in _rows(rejects)] == [("two", "duplicate")]
    assert "read 3, written 2, rejected 1 (duplicate: 1), errors 0" in result.stderr


def test_dedup_resumes_with_nothing_to_resume_as_a_whole_run(tmp_path: Path) -> None:
    pages = str(_site_pages(tmp_path))
    whole = CliRunner().invoke(main, ["clean", pages, "-o", str(tmp_path / "a.jsonl"), "--dedup", "-q"])
    resumed = CliRunner().invoke(main, ["clean", pages, "-o", str(tmp_path / "b.jsonl"), "--dedup", "--resume", "-q"])
    assert whole.exit_code == resumed.exit_code == 0, resumed.output
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()
