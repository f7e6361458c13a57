"""gzip and zstd bombs: a record that decompresses past the limit is refused, before it is held."""

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanscrape.cli import main
from cleanscrape.io.compression import DecompressedTooLarge, open_read, read_whole

MB = 2**20


def _gzip(path: Path, data: bytes) -> Path:
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(data)
    return path


def _zstd(path: Path, data: bytes) -> Path:
    zstandard = pytest.importorskip("zstandard")
    path.write_bytes(zstandard.ZstdCompressor(level=19).compress(data))
    return path


def _line(words: int, id: str = "page") -> bytes:
    return json.dumps({"id": id, "text": "a " * words}).encode() + b"\n"


@pytest.mark.parametrize("compress", [_gzip, _zstd], ids=["gzip", "zstd"])
def test_a_line_past_the_limit_is_refused_while_it_decompresses(tmp_path: Path, compress) -> None:
    path = compress(tmp_path / f"bomb.jsonl.{'gz' if compress is _gzip else 'zst'}", _line(10, "first") + _line(3 * MB))
    with open_read(path, max_record_bytes=MB) as handle:
        assert json.loads(handle.readline())["id"] == "first"
        with pytest.raises(DecompressedTooLarge, match="more than 1 MB"):
            handle.readline()
    with open_read(path, max_record_bytes=None) as handle:
        assert len(handle.read()) > 6 * MB


def test_many_short_lines_past_the_limit_are_one_page_too_large(tmp_path: Path) -> None:
    path = _gzip(tmp_path / "bomb.html.gz", b"<p>a</p>\n" * (MB // 4))
    assert len(read_whole(path, max_record_bytes=3 * MB)) == 9 * MB // 4
    with pytest.raises(DecompressedTooLarge):
        read_whole(path, max_record_bytes=MB)


def test_an_uncompressed_file_has_no_limit(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>a</p>\n" * (MB // 4))
    assert len(read_whole(path, max_record_bytes=MB)) == 9 * MB // 4


@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.html.gz", "bomb.jsonl.zst"])
def test_the_cli_refuses_a_bomb_reports_it_and_cleans_the_other_inputs(tmp_path: Path, name: str) -> None:
    data = _line(2 * MB) if ".jsonl" in name else b"<p>a</p>\n" * (MB // 3)
    bomb = (_zstd if name.endswith(".zst") else _gzip)(tmp_path / name, data)
    small = _gzip(tmp_path / "small.jsonl.gz", _line(12, "small"))
    before = bomb.read_bytes(), small.read_bytes()
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(bomb), str(small), "-o", str(output), "--max-decompressed-mb", "1", "-q"])
    assert result.exit_code == 1
    assert f"{bomb}" in result.output and f"cannot read: {name}: a record decompresses to more than 1 MB" in result.output
    assert [json.loads(line)["id"] for line in output.read_text().splitlines()] == ["small"]
    assert (bomb.read_bytes(), small.read_bytes()) == before


def test_the_limit_is_configurable_and_zero_lifts_it(tmp_path: Path) -> None:
    bomb = _gzip(tmp_path / "big.jsonl.gz", _line(2 * MB, "big"))
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(bomb), "-o", str(output), "--max-decompressed-mb", "0", "-q"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in output.read_text().splitlines()] == ["big"]


def test_a_json_document_and_the_site_templates_pass_keep_the_limit(tmp_path: Path) -> None:
    rows = [{"id": f"r{n}", "url": f"https://a.example/{n}", "text": "The river rose. " * 40_000} for n in range(2)]
    bomb = _gzip(tmp_path / "rows.json.gz", json.dumps(rows).encode())  # about 1.3 MB decompressed
    out = tmp_path / "out.jsonl"
    refused = CliRunner().invoke(main, ["clean", str(bomb), "-o", str(out), "--max-decompressed-mb", "1", "--site-templates", "-q"])
    assert refused.exit_code == 1
    # Refused by both passes: the site-template pass, then the cleaning.
    assert refused.output.count("a record decompresses to more than 1 MB") == 2, refused.output
    assert out.read_text() == ""
    lifted = CliRunner().invoke(main, ["clean", str(bomb), "-o", str(out), "--max-decompressed-mb", "0", "-q"])
    assert lifted.exit_code == 0, lifted.output
    assert len(out.read_text().splitlines()) == 2
