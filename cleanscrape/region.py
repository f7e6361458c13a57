"""The page's own main region (``<main>``, ``role="main"``) and when it, not trafilatura, holds the content.

trafilatura leaves out link-dense blocks by design: on an article they are
menus and teasers, but on a listing, a category page or a forum index the
links *are* the content (titles, products, threads), and trafilatura keeps a
paragraph or two of them. When the region the page's author marked as main is
link-dense and holds several times the words trafilatura kept, the region is
the better text (WCXB dev: listings 0.58 -> 0.66 word F1, no ScrapingHub
article changed; ``benchmarks/quality.py``).
"""

from __future__ import annotations

import copy

import regex

from .guard import guarded
from .lines import fold_spaces

_WORD = regex.compile(r"\w+")
#: How a page marks a main region in its markup.
_MAIN_MARKS = ("<main", "<MAIN", 'role="main"', "role='main'", "role=main")
#: What a region holds that is not its content: not shown as text, or a menu or sidebar of its own.
_NOT_CONTENT = ("script", "style", "noscript", "template", "svg", "nav", "aside")


def marks_a_main_region(html: str) -> bool:
    """Whether the page may mark a main region: pages that do not are never parsed for one.
    Substring tests, since a case-blind pattern over a whole page costs milliseconds."""
    return any(mark in html for mark in _MAIN_MARKS)


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def listing_text(
    tree, extracted_words: int, min_ratio: float, min_link_share: float, warnings: list[str] | None = None
) -> str | None:
    """The text of the page's main region, one block per line (inscriptis, as for the
    full page), when it has at least ``min_ratio * (extracted_words + 1)`` words and
    at least ``min_link_share`` of its characters are link text; else None.

    The region is the first ``<main>``, else ``role="main"`` element that holds
    any text (a skip-link target is often an empty ``<main>``), never the whole
    body. ``tree`` is left as it is: the region's scripts, styles, menus and sidebars
    are dropped from a copy of it. Where lxml or inscriptis raises on the region,
    None, and ``warnings`` (when given) says so.
    """
    found = next(((candidate, text) for candidate in _candidates(tree) if (text := _text_of(candidate)).strip()), None)
    if found is None:
        return None
    element, text = found
    needed = min_ratio * (extracted_words + 1)
    # Scripts still counted: an upper bound that turns most pages away before any other work.
    if count_words(text) < needed:
        return None
    warnings = [] if warnings is None else warnings
    # A copy: the page's tree is read by others (its kind, its text), and pruning changes it.
    element = copy.deepcopy(element)
    # lxml refuses to join texts that hold control characters (a ValueError), and cannot
    # leave the region half pruned: then the region is not read.
    if not guarded(warnings, "main region", "lxml", lambda: _drop_hidden(element), False):
        return None
    text = _text_of(element)
    characters = len(fold_spaces(text))
    if count_words(text) < needed or not characters:
        return None
    linked = sum(len(fold_spaces(_text_of(link))) for link in element.iter("a"))
    if linked < min_link_share * characters:
        return None
    from inscriptis import Inscriptis
    from inscriptis.model.config import ParserConfig

    # inscriptis writes an element's tail too: the text after </main> is not the region's.
    element.tail = None
    return guarded(warnings, "main region", "inscriptis", lambda: Inscriptis(element, ParserConfig()).get_text(), None)


def _drop_hidden(element) -> bool:
    """``element`` without its scripts, styles, menus and sidebars (their tails stay)."""
    for hidden in element.xpath(" | ".join(f".//{tag}" for tag in _NOT_CONTENT)):
        hidden.drop_tree()
    return True


def _candidates(tree) -> list:
    marked = tree.xpath("//main") + tree.xpath("//*[@role='main']")
    return [element for element in marked if element.tag not in ("html", "body")]


def _text_of(element) -> str:
    """Its text, a space between elements ("</h1><p>" must not join two words)."""
    return " ".join(element.itertext())
