"""The command line, driven through click's CliRunner."""

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from cleanscrape.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "news_page.txt"


def _records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_clean_prints_one_record_per_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt.gz").write_bytes(gzip.compress(EXAMPLE.read_bytes()))
    result = CliRunner().invoke(main, ["clean", str(tmp_path)])
    assert result.exit_code == 0, result.output
    records = _records(result.stdout)
    assert [Path(r["id"]).name for r in records] == ["a.txt", "b.txt.gz"]
    assert records[0]["text"] == records[1]["text"]
    assert records[0]["removed"] == []
    assert "read 2, written 2, rejected 0, errors 0" in result.stderr


def test_explain_flag_includes_removed_lines() -> None:
    result = CliRunner().invoke(main, ["clean", "--explain", str(EXAMPLE)])
    assert result.exit_code == 0
    removed = _records(result.stdout)[0]["removed"]
    assert {"line": 8, "text": "Facebook Twitter LinkedIn Email", "reason": "share_bar"} in removed


def test_counts_add_up_with_rejects_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = CliRunner().invoke(
        main, ["clean", str(good), str(empty), str(missing), "-o", str(out), "--rejects", str(rejects)]
    )
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr
    assert "read 3, written 1, rejected 1 (empty: 1), errors 1" in result.stderr
    assert len(_records(out.read_text(encoding="utf-8"))) == 1
    assert [r["dropped"] for r in _records(rejects.read_text(encoding="utf-8"))] == ["empty"]


def test_language_filter_rejects(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", "--lang", "de", "-q", str(EXAMPLE)])
    assert result.exit_code == 0
    assert _records(result.stdout)[0]["dropped"] == "language"
    assert result.stderr == ""


def test_stdin_input() -> None:
    result = CliRunner().invoke(main, ["clean", "-"], input=EXAMPLE.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert _records(result.stdout)[0]["title"] == "Ships stuck in canal after storm"


def test_usage_error_exits_2() -> None:
    assert CliRunner().invoke(main, ["clean"]).exit_code == 2
    assert CliRunner().invoke(main, ["clean", "--min-words", "-3", str(EXAMPLE)]).exit_code == 2


def test_explain_command_marks_every_line() -> None:
    result = CliRunner().invoke(main, ["explain", str(EXAMPLE)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 24
    assert lines[5].split()[1] == "breadcrumb"
    assert lines[10].split()[1] == "keep"
