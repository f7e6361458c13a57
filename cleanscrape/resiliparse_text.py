"""The main content of an HTML page by resiliparse: a second opinion where trafilatura kept little.

resiliparse's main-content heuristics keep more of a page than trafilatura's
default mode does: the plans of a service page, the posts of a forum thread,
the cards of a collection. Where trafilatura kept a fraction of that,
``cleanscrape.extract`` takes this text instead and the line cleaner strips the
template it carries.
"""

from __future__ import annotations


def main_content_text(html: str) -> str | None:
    """The page's main content, one block per line; None when the text cannot be encoded
    for resiliparse's parser (lone surrogates)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    try:
        tree = HTMLTree.parse(html)
    except UnicodeEncodeError:
        return None
    return extract_plain_text(
        tree,
        main_content=True,
        # Reader comments are not the article. On a question page the answers are, but
        # kept as comments they bring the thread's other chatter too (WCXB forums 0.763
        # -> 0.754): cleanscrape.extract checks the answers are there instead.
        comments=False,
        # No "1." or "•" markers: every word of a record is the page's own.
        list_bullets=False,
        alt_texts=False,
        links=False,
    )
