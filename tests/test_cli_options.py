"""Every CleanerConfig option from the command line: --option name=value and --config FILE.toml."""

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanscrape.cli import main
from cleanscrape.config import CleanerConfig
from cleanscrape.options import load_config_file, parse_option

from .terminal import run_with_pipes

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "news_page.txt"


def test_every_option_parses_from_its_default_written_as_text() -> None:
    for field in dataclasses.fields(CleanerConfig):
        default = getattr(CleanerConfig(), field.name)
        text = "none" if default is None else ",".join(default) if isinstance(default, tuple) else str(default)
        assert parse_option(f"{field.name}={text}") == (field.name, default)


def test_option_values_take_the_option_s_type() -> None:
    assert parse_option("html_timeout=10") == ("html_timeout", 10.0)
    assert parse_option("html_resiliparse_min_ratio=None") == ("html_resiliparse_min_ratio", None)
    assert parse_option("drop_off_language_lines=false") == ("drop_off_language_lines", False)
    assert parse_option("languages=en,de") == ("languages", ("en", "de"))
    with pytest.raises(ValueError, match="unknown cleaning option 'colour'"):
        parse_option("colour=red")
    with pytest.raises(ValueError, match="min_words takes int"):
        parse_option("min_words=many")


def test_option_changes_the_run_and_bad_values_are_usage_errors() -> None:
    run = run_with_pipes(["clean", str(EXAMPLE), "--option", "min_words=1000"])
    assert run.exit_code == 0 and json.loads(run.stdout)["dropped"] == "too_short"
    # The config's own check, as a usage error.
    run = run_with_pipes(["clean", str(EXAMPLE), "--option", "near_duplicate_threshold=2"])
    assert run.exit_code == 2 and "near_duplicate_threshold must be in (0, 1]" in run.stderr
    run = run_with_pipes(["clean", str(EXAMPLE), "--option", "min_words"])
    assert run.exit_code == 2 and "give name=value" in run.stderr


def test_config_file_then_flags_then_options(tmp_path: Path) -> None:
    config = tmp_path / "cleaning.toml"
    config.write_text('min_words = 1000\nlanguages = ["EN"]\nhtml_resiliparse_min_ratio = "none"\n')
    assert load_config_file(config) == {"min_words": 1000, "languages": ("EN",), "html_resiliparse_min_ratio": None}
    result = CliRunner().invoke(main, ["clean", str(EXAMPLE), "--config", str(config)])
    assert json.loads(result.stdout)["dropped"] == "too_short"
    result = CliRunner().invoke(main, ["clean", str(EXAMPLE), "--config", str(config), "--min-words", "5"])
    assert json.loads(result.stdout)["dropped"] is None
    result = CliRunner().invoke(main, ["clean", str(EXAMPLE), "--config", str(config), "--option", "languages=de"])
    assert json.loads(result.stdout)["dropped"] == "language"


def test_config_file_errors_are_usage_errors(tmp_path: Path) -> None:
    for text, message in (("colour = 1\n", "unknown cleaning option(s) colour"), ("min_words = 'x'\n", "min_words takes int"),
                          ("min_words = \n", "not valid TOML")):
        config = tmp_path / "bad.toml"
        config.write_text(text)
        result = CliRunner().invoke(main, ["clean", str(EXAMPLE), "--config", str(config)])
        assert result.exit_code == 2 and message in result.output
