"""The command line in a real terminal (progress bar on) and with pipes, as README shows it."""

import json
from pathlib import Path

from .terminal import run_in_terminal, run_with_pipes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "news_page.txt"


def test_readme_first_command_in_a_terminal() -> None:
    # stderr on a terminal turns the progress bar on; a bar with no total once crashed the run.
    run = run_in_terminal(["clean", "--explain", "examples/news_page.txt"], cwd=ROOT)
    assert run.exit_code == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "read 1, written 1, rejected 0, errors 0" in run.stderr
    assert '"share_bar"' in run.stdout


def test_terminal_stderr_with_stdout_piped(tmp_path: Path) -> None:
    run = run_in_terminal(["clean", str(EXAMPLE), str(EXAMPLE)], cwd=tmp_path, stdout_to_terminal=False)
    assert run.exit_code == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == 2 and records[0]["text"] == records[1]["text"]
    assert "pages" in run.stderr  # the progress bar drew
    assert "read 2, written 2, rejected 0, errors 0" in run.stderr


def test_explain_in_a_terminal() -> None:
    run = run_in_terminal(["explain", "examples/news_page.txt"], cwd=ROOT)
    assert run.exit_code == 0, run.stderr
    assert "share_bar" in run.stdout and "Facebook Twitter LinkedIn Email" in run.stdout


def test_pipes_and_python_dash_m() -> None:
    run = run_with_pipes(["clean", "-"], stdin=EXAMPLE.read_bytes())
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["title"] == "Ships stuck in canal after storm"
    assert "cleanscrape: read 1, written 1, rejected 0, errors 0\n" in run.stderr
    assert "removed lines 20 (" in run.stderr and "share_bar: 2" in run.stderr
