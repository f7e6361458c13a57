"""Cleaning quality against gold text: reading gold files, running systems, scoring.

Shared by ``cleanscrape bench`` and ``benchmarks/quality.py``, so users score
their own data exactly as the published tables are scored.
"""

from __future__ import annotations

import gzip
import json
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import baselines
from .cleaner import Cleaner
from .config import CleanerConfig
from .decoding import decode_page
from .htmltext import html_to_text
from .scoring import Match, macro_score, shingle_match, snippet_share, word_prf

#: Page-file endings tried beside a ``NAME.gold.txt`` in a gold folder.
PAGE_SUFFIXES = (".html", ".htm", ".txt")
MODES = ("html", "text")


class GoldError(ValueError):
    """A gold file that cannot be read; the message names every bad line."""


@dataclass(frozen=True, slots=True)
class GoldPage:
    id: str
    gold_text: str
    html: str | None = None
    text: str | None = None
    page_type: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()

    def page_text(self) -> str:
        """The page as text: given, or rendered from its HTML with every visible line."""
        if self.text is not None:
            return self.text
        return html_to_text(self.html or "")


def read_gold(path: Path, limit: int | None = None) -> list[GoldPage]:
    """Gold pages from a JSONL file, a folder of ``NAME.html|.txt`` + ``NAME.gold.txt``, or a
    ScrapingHub (``ground-truth.json`` + ``html/ID.html.gz``) or WCXB (``ground-truth/NNNN.json`` +
    ``html/NNNN.html.gz``) dataset folder as published; ``limit`` reads only the first pages (by id)."""
    path = Path(path)
    if path.is_dir() and (path / "ground-truth.json").is_file() and (path / "html").is_dir():
        return _read_scrapinghub(path, limit)
    if path.is_dir() and (path / "ground-truth").is_dir() and (path / "html").is_dir():
        return _read_wcxb(path, limit)
    if path.is_dir():
        return _read_gold_folder(path)[:limit]
    if not path.is_file():
        raise GoldError(f"{path}: no such file or folder")
    return _read_gold_jsonl(path)[:limit]


def _read_page_file(folder: Path, stem: str) -> str | None:
    """``html/STEM.html.gz`` (or ``.html``) of a dataset folder, decoded as the cleaner decodes pages."""
    for name, unpack in ((f"{stem}.html.gz", gzip.decompress), (f"{stem}.html", bytes)):
        page = folder / "html" / name
        if page.is_file():
            return decode_page(unpack(page.read_bytes()))
    return None


def _read_scrapinghub(folder: Path, limit: int | None) -> list[GoldPage]:
    """The ScrapingHub article benchmark: ``{id: {"articleBody", "url"}}`` and the page of each id."""
    try:
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise GoldError(f"{folder / 'ground-truth.json'}: bad JSON ({error})") from None
    pages, problems = [], []
    for key in sorted(truth)[:limit]:
        html = _read_page_file(folder, key)
        body = (truth[key] or {}).get("articleBody") if isinstance(truth[key], dict) else None
        if html is None or not isinstance(body, str):
            problems.append(f"{folder}: {key}: " + ("no html/" + key + ".html.gz" if html is None else "no articleBody"))
            continue
        pages.append(GoldPage(id=key, gold_text=body, html=html, page_type="article"))
    return _checked(pages, problems, folder)


def _read_wcxb(folder: Path, limit: int | None) -> list[GoldPage]:
    """The WCXB benchmark: ``ground-truth/NNNN.json`` (``ground_truth.main_content``, ``with``, ``without``,
    ``_internal.page_type.primary``) and ``html/NNNN.html.gz``."""
    pages, problems = [], []
    for gold_file in sorted((folder / "ground-truth").glob("*.json"))[:limit]:
        try:
            data = json.loads(gold_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            problems.append(f"{gold_file}: bad JSON ({error})")
            continue
        truth = data.get("ground_truth") or {}
        html = _read_page_file(folder, gold_file.stem)
        if html is None or not isinstance(truth.get("main_content"), str):
            problems.append(f"{gold_file}: " + ("no html/" + gold_file.stem + ".html.gz" if html is None else "no main_content"))
            continue
        page_type = ((data.get("_internal") or {}).get("page_type") or {}).get("primary", "article")
        pages.append(GoldPage(
            id=gold_file.stem,
            gold_text=truth["main_content"],
            html=html,
            # WCXB's "category" pages are the collections of its published tables.
            page_type="collection" if page_type == "category" else page_type,
            with_snippets=tuple(truth.get("with") or ()),
            without_snippets=tuple(truth.get("without") or ()),
        ))
    return _checked(pages, problems, folder)


def _checked(pages: list[GoldPage], problems: list[str], folder: Path) -> list[GoldPage]:
    if problems:
        raise GoldError("\n".join(problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])))
    if not pages:
        raise GoldError(f"{folder}: no gold pages")
    return pages


def _read_gold_jsonl(path: Path) -> list[GoldPage]:
    pages, problems = [], []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(decode_page(raw))
            except json.JSONDecodeError as error:
                problems.append(f"{path}:{number}: bad JSON ({error.msg} at column {error.colno})")
                continue
            page = _gold_from_row(row, f"{path}:{number}", problems)
            if page is not None:
                pages.append(page)
    if problems:
        raise GoldError("\n".join(problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])))
    if not pages:
        raise GoldError(f"{path}: no gold pages")
    _check_unique_ids(pages, str(path))
    return pages


def _gold_from_row(row: object, where: str, problems: list[str]) -> GoldPage | None:
    if not isinstance(row, dict):
        problems.append(f"{where}: expected a JSON object, got {type(row).__name__}")
        return None
    missing = [key for key in ("id", "gold_text") if key not in row]
    if "html" not in row and "text" not in row:
        missing.append('"html" or "text"')
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    for key in ("gold_text", "html", "text"):
        if key in row and not isinstance(row[key], str):
            problems.append(f"{where}: {key} must be a string")
            return None
    return GoldPage(
        id=str(row["id"]),
        gold_text=row["gold_text"],
        html=row.get("html"),
        text=row.get("text"),
        page_type=row.get("page_type"),
        with_snippets=tuple(row.get("with") or ()),
        without_snippets=tuple(row.get("without") or ()),
    )


def _read_gold_folder(folder: Path) -> list[GoldPage]:
    pages, problems = [], []
    for gold_file in sorted(folder.rglob("*.gold.txt")):
        stem = gold_file.name[: -len(".gold.txt")]
        candidates = [gold_file.with_name(stem + suffix) for suffix in PAGE_SUFFIXES]
        page_file = next((candidate for candidate in candidates if candidate.is_file()), None)
        if page_file is None:
            problems.append(f"{gold_file}: no page beside it ({', '.join(c.name for c in candidates)})")
            continue
        content = decode_page(page_file.read_bytes())
        is_html = page_file.suffix in (".html", ".htm")
        pages.append(
            GoldPage(
                id=str(page_file.relative_to(folder)),
                gold_text=decode_page(gold_file.read_bytes()),
                html=content if is_html else None,
                text=None if is_html else content,
            )
        )
    if problems:
        raise GoldError("\n".join(problems))
    if not pages:
        raise GoldError(f"{folder}: no NAME.gold.txt files")
    return pages


def _check_unique_ids(pages: Sequence[GoldPage], where: str) -> None:
    seen: set[str] = set()
    for page in pages:
        if page.id in seen:
            raise GoldError(f"{where}: id {page.id!r} appears more than once")
        seen.add(page.id)


# A system turns one page, in one mode, into extracted text.
System = Callable[[GoldPage, str], str]


def cleanscrape_system(config: CleanerConfig | None = None) -> System:
    cleaner = Cleaner(config or CleanerConfig())

    def run(page: GoldPage, mode: str) -> str:
        if mode == "html" and page.html is not None:
            return cleaner.clean(page.html, id=page.id).text
        return cleaner.clean(page.page_text(), id=page.id).text

    return run


def _trafilatura(page: GoldPage, mode: str) -> str:
    if mode == "html" and page.html is not None:
        return baselines.trafilatura_html(page.html)
    return baselines.trafilatura_text(page.page_text())


def _justext(page: GoldPage, mode: str) -> str:
    if mode == "html" and page.html is not None:
        return baselines.justext_html(page.html)
    return baselines.justext_text(page.page_text())


def _keep_everything(page: GoldPage, mode: str) -> str:
    return page.page_text()


COMPARED: dict[str, System] = {
    "trafilatura": _trafilatura,
    "jusText": _justext,
    "keep everything": _keep_everything,
}


@dataclass(frozen=True, slots=True)
class PageScore:
    id: str
    page_type: str | None
    shingle: Match
    word_precision: float
    word_recall: float
    word_f1: float
    with_share: float
    without_share: float


def score_page(page: GoldPage, extracted: str) -> PageScore:
    precision, recall, f1 = word_prf(page.gold_text, extracted)
    return PageScore(
        id=page.id,
        page_type=page.page_type,
        shingle=shingle_match(page.gold_text, extracted),
        word_precision=precision,
        word_recall=recall,
        word_f1=f1,
        with_share=snippet_share(extracted, page.with_snippets),
        without_share=snippet_share(extracted, page.without_snippets) if page.without_snippets else 0.0,
    )


def summarize(scores: Iterable[PageScore]) -> dict[str, float]:
    """Shingle P/R/F1 as ScrapingHub averages them, and word P/R/F1 and snippet shares as WCXB does."""
    scores = list(scores)
    shingle = macro_score(score.shingle for score in scores)
    return {
        "pages": len(scores),
        "shingle_precision": shingle.precision,
        "shingle_recall": shingle.recall,
        "shingle_f1": shingle.f1,
        "word_precision": statistics.mean(score.word_precision for score in scores),
        "word_recall": statistics.mean(score.word_recall for score in scores),
        "word_f1": statistics.mean(score.word_f1 for score in scores),
        "with_share": statistics.mean(score.with_share for score in scores),
        "without_share": statistics.mean(score.without_share for score in scores),
    }
