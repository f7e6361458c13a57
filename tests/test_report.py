"""`cleanscrape report`: one self-contained HTML page, checked in a real browser (headless Chromium).

Without Chromium the browser test skips, except under CI (CI=true), where .ci/run installs it.
Set CLEANSCRAPE_WRITE_DOCS=1 to save the screenshot as docs/report.png (docs/report.md shows it).
"""

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cleanscrape.report import count_records, page_lines, read_records

from .terminal import run_with_pipes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "news_page.txt").read_text(encoding="utf-8")
ARTICLE = EXAMPLE.split("\n")[10:14]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


FUNCTION_WORDS = "the of and a to in that it was for on with as at by from which but they had".split()
CONTENT_WORDS = ("harbour ship storm crew captain cargo river bridge market council school farmer village road "
                 "train winter summer price bread water engine morning evening island doctor letter garden").split()


def _article(seed: int, paragraphs: int) -> list[str]:
    """English-looking paragraphs of their own (a seeded draw), so no two articles share their word runs."""
    draw = random.Random(seed)
    return [
        " ".join(draw.choice(FUNCTION_WORDS if index % 2 else CONTENT_WORDS) for index in range(40)).capitalize() + "."
        for _ in range(paragraphs)
    ]


def _corpus(folder: Path) -> None:
    """Pages of several kinds: a text page, HTML pages with a template (one a near copy of another),
    a German page and an empty page."""
    folder.mkdir()
    (folder / "news.txt").write_text(EXAMPLE)
    template = "<nav><a href='/'>Home</a> <a href='/w'>World</a> <a href='/s'>Sport</a></nav>"
    rows = []
    for number in range(6):
        paragraphs = _article(min(number, 4), 3 + min(number, 4))
        if number == 5:  # a copy of page 4 with one word changed
            paragraphs[0] = "Yesterday " + paragraphs[0]
        body = "".join(f"<p>{line}</p>" for line in paragraphs)
        rows.append({"id": f"h{number}", "url": f"https://news.example/{number}",
                     "html": f"<html><body>{template}<article><h1>Story {number}</h1>{body}</article>"
                             "<footer>© 2025 Example News. All rights reserved.</footer></body></html>"})
    rows.append({"id": "de", "text": "Deutsch ist eine Sprache, die in vielen Ländern gesprochen wird, und das ist gut so."})
    rows.append({"id": "empty", "text": "Home\nLogin"})
    (folder / "pages.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))


def _report(tmp_path: Path, ending: str = ".jsonl") -> tuple[Path, list[Path]]:
    _corpus(tmp_path / "in")
    out, rejects, errors = tmp_path / f"out{ending}", tmp_path / f"rejects{ending}", tmp_path / "errors.txt"
    run = run_with_pipes(["clean", str(tmp_path / "in"), "--explain", "--dedup", "--lang", "en", "-o", str(out),
                          "--rejects", str(rejects), "--errors", str(errors)])
    assert run.exit_code == 0, run.stderr
    page = tmp_path / "report.html"
    run = run_with_pipes(["report", str(out), str(rejects), "--errors", str(errors), "-o", str(page)])
    assert run.exit_code == 0, run.stderr
    return page, [out, rejects]


def test_counts_match_the_records(tmp_path: Path) -> None:
    page, files = _report(tmp_path, ".parquet")
    rows = list(read_records(files))
    counts = count_records(rows)
    assert counts.records == len(rows) == 9
    assert counts.dropped == {"duplicate": 1, "language": 1, "empty": 1}
    assert counts.clusters == {"h5": ["h4"]} or counts.clusters == {"h4": ["h5"]}
    assert counts.duplicates == 1 and counts.kept == 6
    assert sum(counts.removed_lines.values()) == sum(len(row["removed"]) for row in rows)
    text = page.read_text(encoding="utf-8")
    # Self-contained: no script, no link to another file; charts are inline SVG.
    assert "<script" not in text and "src=" not in text and "href=" not in text.replace("&#x27;", "'").split("<svg")[0]
    assert text.count("<svg") >= 3


def test_page_lines_put_removed_lines_at_their_place() -> None:
    row = {"text": "one\nthree", "removed": [{"line": 1, "text": "menu", "reason": "menu"},
                                              {"line": 3, "text": "foot", "reason": "footer"}]}
    assert page_lines(row) == [(None, "one", None), (1, "menu", "menu"), (None, "three", None), (3, "foot", "footer")]


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None and os.environ.get("CI") == "true":
        pytest.fail("CI=true but Chromium is missing: .ci/run installs it (apt-get install chromium)")
    return found


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    page, _ = _report(tmp_path)
    base = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert "<h1>cleanscrape corpus report</h1>" in html
    assert re.search(r"data-count=\"records\"><b>9</b>", html)
    assert re.search(r"data-count=\"duplicates\"><b>1</b>", html)
    assert len(re.findall(r"<figure data-chart=\"[^\"]+\"><svg", html)) == 4
    assert "<td>language</td><td>1</td>" in html and "<td>empty</td><td>1</td>" in html
    assert re.search(r"<tr class=\"removed\"><td>\d+</td><td class=\"reason\">menu</td>", html)
    assert '<tr class="kept"><td></td><td class="reason">keep</td><td>' + ARTICLE[0] in html
    assert "Duplicate clusters (1)" in html

    shot = tmp_path / "report.png"
    done = subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000  # not a blank page
    if os.environ.get("CLEANSCRAPE_WRITE_DOCS"):
        from matplotlib import image

        (ROOT / "docs").mkdir(exist_ok=True)
        picture = image.imread(shot)[::2, ::2]  # half size for README
        image.imsave(ROOT / "docs" / "report.png", picture)
