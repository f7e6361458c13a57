"""README, docs/ and CHANGELOG hold their shape: a short README whose commands work, links that
resolve, every option documented, and a CHANGELOG in Keep a Changelog form."""

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cleanscrape import CleanerConfig
from cleanscrape.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
CHANGELOG = ROOT / "CHANGELOG.md"

#: README's budget: a newcomer reads it in five minutes.
README_MAX_WORDS = 1_500
#: Pages other branches add; a link to one is checked once it exists.
PENDING_PAGES = {DOCS / "reasons.md", ROOT / "CONTRIBUTING.md"}
#: Keep a Changelog 1.1.0's kinds of change.
CHANGE_KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
#: An entry is one to three lines of at most this many characters.
ENTRY_MAX_LINES = 3
LINE_MAX_CHARS = 110

FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def wc_words(text: str) -> int:
    """Words as `wc -w` counts them in a UTF-8 locale: runs of characters between whitespace."""
    return len(text.encode("utf-8").split())


def markdown_pages() -> list[Path]:
    return [README, CHANGELOG, *sorted(DOCS.glob("*.md"))]


def heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {heading_anchor(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def relative_links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return [target for target in LINK.findall(text) if not re.match(r"[a-z]+:", target)]


def code_blocks(text: str) -> list[str]:
    return [block.split("\n", 1)[1].rsplit("```", 1)[0].strip() for block in FENCE.findall(text)]


@pytest.mark.skipif(shutil.which("wc") is None, reason="no wc here")
def test_wc_words_counts_as_wc_does() -> None:
    for page in markdown_pages():
        counted = subprocess.run(["wc", "-w"], input=page.read_bytes(), capture_output=True, check=True, env={"LC_ALL": "C.UTF-8"})
        assert wc_words(page.read_text(encoding="utf-8")) == int(counted.stdout)


def test_readme_is_at_most_1500_words() -> None:
    assert wc_words(README.read_text(encoding="utf-8")) <= README_MAX_WORDS


def test_readme_opens_with_the_install_and_test_commands_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    install, tests = code_blocks(text)[:2]
    assert text.index("```") < text.index("\n## ")  # before any section
    assert install.startswith("python -m pip install") and "cleanscrape clean" in install
    example = install.split()[-1]
    assert example.startswith("examples/") and (ROOT / example).is_file()
    ci_commands = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci_commands[-1] == tests == "python -m pytest"


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page: Path) -> None:
    for target in relative_links(page):
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if resolved in PENDING_PAGES and not resolved.exists():
            continue
        assert resolved.exists(), f"{page.name}: {target}"
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(resolved), f"{page.name}: {target}"


def test_readme_links_the_docs_pages() -> None:
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in relative_links(README)}
    assert {page.resolve() for page in DOCS.glob("*.md")} - {DOCS / "index.md"} <= linked
    assert PENDING_PAGES <= linked


def _sections(text: str, level: str) -> dict[str, str]:
    parts = re.split(rf"^{level} (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2]))


def test_docs_cli_names_every_option_of_every_command() -> None:
    sections = _sections((DOCS / "cli.md").read_text(encoding="utf-8"), "##")
    for name, command in cli.commands.items():
        options = {opt for param in command.params for opt in param.opts + param.secondary_opts if opt.startswith("--")}
        missing = {opt for opt in options if not re.search(rf"`{re.escape(opt)}\b", sections[name])}
        assert not missing, f"docs/cli.md, {name}: {sorted(missing)}"
    assert set(cli.commands) <= set(sections)


def _option_names(config: object) -> set[str]:
    """Every option of a config, a nested config's options by their own names."""
    names = set()
    for field in dataclasses.fields(config):
        value = getattr(config, field.name)
        names |= _option_names(value) if dataclasses.is_dataclass(value) else {field.name}
    return names


@pytest.mark.parametrize("page", [README, DOCS / "options.md"], ids=["README.md", "docs/options.md"])
def test_every_cleaner_option_is_in_the_options_table(page: Path) -> None:
    rows = {re.match(r"\| `(\w+)` \|", line) for line in page.read_text(encoding="utf-8").splitlines()}
    assert _option_names(CleanerConfig()) <= {row.group(1) for row in rows if row}


def test_changelog_keeps_a_changelog_shape() -> None:
    text = CHANGELOG.read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "https://keepachangelog.com/en/1.1.0/" in text and "https://semver.org/" in text
    releases = _sections(text, "##")
    names = list(releases)
    assert names[0] == "[Unreleased]"
    assert any(re.fullmatch(r"\[0\.1\.0\] - \d{4}-\d{2}-\d{2}", name) for name in names)
    assert all(re.fullmatch(r"\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", name) for name in names[1:])
    for release, body in releases.items():
        kinds = re.findall(r"^### (.+)$", body, flags=re.MULTILINE)
        assert kinds and set(kinds) <= set(CHANGE_KINDS), release
        assert len(kinds) == len(set(kinds)), f"{release}: one section per kind, not {kinds}"
        for kind, section in _sections(body, "###").items():
            entries = re.split(r"^- ", section.strip(), flags=re.MULTILINE)
            assert entries[0] == "" and len(entries) > 1, f"{release} {kind}: a list of entries"
            for entry in entries[1:]:
                lines = entry.rstrip("\n").split("\n")
                assert len(lines) <= ENTRY_MAX_LINES, f"{release} {kind}: {lines[0]}"
                assert all(line.startswith("  ") for line in lines[1:]), f"{release} {kind}: {lines[0]}"
                assert all(len(line) + 2 <= LINE_MAX_CHARS for line in lines), f"{release} {kind}: {lines[0]}"
