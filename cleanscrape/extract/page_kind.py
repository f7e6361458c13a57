"""What an HTML page says it is (an article, a question page, a product), read once per page.

The arbiter's rules ask these questions; each is answered here, before any
extractor runs, from the page's markup and its parsed tree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

#: The page's structured data says it is a schema.org QAPage (JSON-LD "@type", alone or
#: in a list, or a microdata itemtype): the answers and replies trafilatura files under
#: "comments" are its content there. A page that merely names the type does not match.
#: The list is bounded, so that many unclosed lists cannot make the search quadratic.
QUESTION_PAGE = re.compile(
    r'"@type"\s*:\s*(?:"QAPage"|\[[^\]]{0,200}"QAPage")|itemtype\s*=\s*["\']?https?://schema\.org/QAPage\b', re.IGNORECASE
)

#: Open Graph ``og:type`` "article", either attribute order. A match holds no ">": it lies
#: inside one tag, so it is searched for only in the tag text around each "og:type".
#: The repeats are bounded so that odd markup cannot make the search quadratic.
_OG_ARTICLE = re.compile(
    r"""(?i:(?<![\w-])property\s*=\s*["']og:type["'][^>]{0,200}?(?<![\w-])content\s*=\s*["']article["']"""
    r"""|(?<![\w-])content\s*=\s*["']article["'][^>]{0,200}?(?<![\w-])property\s*=\s*["']og:type["'])"""
)
_OG_TYPE = re.compile("og:type", re.IGNORECASE)
#: A schema.org Article, NewsArticle, BlogPosting or ReportageNewsArticle in JSON-LD, alone
#: or in a list: tried only where the page writes ``"@type"``.
_JSON_LD_ARTICLE = re.compile(
    r'"@type"\s*:\s*(?:\[[^\]]{0,200})?"(?:Article|NewsArticle|BlogPosting|ReportageNewsArticle)"'
)
_JSON_LD_TYPE = '"@type"'

#: schema.org types that make a page a product page (see ``_declares_product``).
_PRODUCT_TYPES = frozenset({"product", "productgroup", "individualproduct"})
#: resiliparse's main-content step slows with nesting (10,000 nested <div>s take seconds,
#: and it cannot be stopped by the time limit while it runs); lxml stops a tree at 255
#: levels. Real pages nest far less (at most 55 on WCXB), so a tree this deep gets none.
_RESILIPARSE_MAX_DEPTH = 200
#: trafilatura strips inline tags, which leaves one text node per stripped element in a
#: row, and lxml joins such a row in time quadratic in it, inside one C call that the time
#: limit's signal cannot stop (a 10 MB paragraph of 833,334 ``<b>`` took 510 s). The cost
#: is bounded by the page's tags times its characters: the largest of the 1,735 real pages
#: (WCXB, ScrapingHub, CleanEval) comes to 6.7e10 (20,032 tags in 3.3 MB), and the bound,
#: three times that, caps one such join at about 10 s. A page over it gets no trafilatura run.
_TRAFILATURA_MAX_TAGS_BY_CHARS = 2 * 10**11


@dataclass(frozen=True, slots=True)
class PageKind:
    """What the page declares itself, and whether resiliparse can read it."""

    #: A schema.org QAPage: its answers (trafilatura's "comments") are content.
    question: bool = False
    #: An article (og:type, JSON-LD) and no forum thread: trafilatura's precision mode fits it.
    article: bool = False
    #: A product page: what resiliparse adds there is reviews and other products.
    product: bool = False
    #: Nested too deep for resiliparse to read in bounded time.
    too_deep: bool = False
    #: Too many tags in too long a page for trafilatura to read in bounded time.
    too_big_for_trafilatura: bool = False


def read_page_kind(html: str, tree) -> PageKind:
    """The page's kind, from its markup (``html``) and parsed ``tree``, which is left as it is."""
    # The substring test first: the pattern over a whole page costs milliseconds.
    question = "QAPage" in html and bool(QUESTION_PAGE.search(html))
    return PageKind(
        question=question,
        article=not question and declares_article(html),
        product=declares_product(tree),
        too_deep=bool(tree.xpath("boolean(/*" + "/*" * _RESILIPARSE_MAX_DEPTH + ")")),
        too_big_for_trafilatura=too_big_for_trafilatura(html),
    )


def too_big_for_trafilatura(html: str) -> bool:
    """Whether the page's tags times its characters pass ``_TRAFILATURA_MAX_TAGS_BY_CHARS``."""
    # The length alone first: a page under a few MB cannot pass the bound (each character could be a tag).
    return len(html) ** 2 > _TRAFILATURA_MAX_TAGS_BY_CHARS and html.count("<") * len(html) > _TRAFILATURA_MAX_TAGS_BY_CHARS


def declares_article(html: str) -> bool:
    """Whether the page declares itself an article and not a forum thread, whose replies
    the precision mode drops (WCXB forums 0.719 -> 0.714 without this test).

    The same answer as searching the whole page for either pattern, at a seventh of the
    cost (8.9 -> 1.3 ms a page on WCXB): the patterns run only where a match can start."""
    return "DiscussionForumPosting" not in html and (_og_type_article(html) or _json_ld_article(html))


def _og_type_article(html: str) -> bool:
    """``_OG_ARTICLE`` searched in the ">"-free stretch around each "og:type" (its lookbehinds
    still see the character before the stretch, as in a search of the whole page)."""
    searched_to = 0
    for anchor in _OG_TYPE.finditer(html):
        if anchor.start() < searched_to:  # in a stretch already searched
            continue
        start = html.rfind(">", 0, anchor.start()) + 1
        end = html.find(">", anchor.end())
        end = len(html) if end < 0 else end
        if _OG_ARTICLE.search(html, start, end):
            return True
        searched_to = end
    return False


def _json_ld_article(html: str) -> bool:
    """``_JSON_LD_ARTICLE`` tried at each ``"@type"``, where every match of it starts."""
    at = html.find(_JSON_LD_TYPE)
    while at >= 0:
        if _JSON_LD_ARTICLE.match(html, at):
            return True
        at = html.find(_JSON_LD_TYPE, at + 1)
    return False


def declares_product(tree) -> bool:
    """Whether the page declares itself a product: Open Graph ``og:type`` "product" (or
    "product.item", "product.group"), or a schema.org Product, ProductGroup or
    IndividualProduct as a top-level JSON-LD item (alone, in a list or in "@graph") or a
    top-level microdata item. What resiliparse adds to trafilatura's text there is reviews
    and other products (WCXB products 0.669 -> 0.636 without this test). A Review of a
    product or a list of products is no product page. Read from the tree: "product" is on
    most shop pages, and a pattern over the whole page cost 5 ms on a median ScrapingHub page."""
    for value in tree.xpath("//meta[@property='og:type' or @name='og:type']/@content"):
        if value.strip().lower().removeprefix("og:").split(".")[0] == "product":
            return True
    for value in tree.xpath("//*[@itemtype][not(ancestor::*[@itemscope])]/@itemtype"):
        if any(_schema_type(name) in _PRODUCT_TYPES for name in value.split()):
            return True
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]/text()"):
        try:
            data = json.loads(script, strict=False)
        except ValueError:  # malformed JSON-LD declares nothing
            continue
        for item in _top_level_items(data):
            types = item.get("@type")
            if any(isinstance(name, str) and _schema_type(name) in _PRODUCT_TYPES for name in (types if isinstance(types, list) else [types])):
                return True
    return False


def _schema_type(name: str) -> str:
    """ "https://schema.org/Product", "schema:Product" and "Product" alike: "product"."""
    return name.strip().rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()


def _top_level_items(data: object) -> Iterator[dict]:
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (member for member in graph if isinstance(member, dict))
