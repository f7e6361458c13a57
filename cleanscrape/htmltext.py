"""HTML to page text, every visible line kept, for the line cleaner to work on;
and telling an HTML document from page text.

Every pattern here is linear in the length of its input: the sniffing runs on
whatever bytes a crawl holds, including hostile ones.
"""

from __future__ import annotations

import regex

#: What a document may open with before its first element: a byte-order mark, an XML
#: prolog or processing instruction, comments, a doctype.
# [^<>]*: a run of "<?" with no end cannot make each try scan to the end of the page.
_PROLOG = regex.compile(r"<\?[^<>]*\?>|<!doctype\b[^<>]*>", regex.IGNORECASE)
#: Elements only an HTML document opens with (a page's head may come without <html>).
_OPENING = regex.compile(
    r"<(?:html|head|body|title|meta|script|base|link|style|noscript|frameset|!doctype\s+html)\b", regex.IGNORECASE
)
# [^<>]* stops at the next "<": a run of unclosed tags cannot make each try scan to the end.
_TAGS = regex.compile(r"</?(?:div|p|span|a|table|ul|li|br|section|article|nav|script)\b[^<>]*>", regex.IGNORECASE)
#: Where the sniffing looks.
_HEAD_CHARS = 4096
#: Tags in the head of a text that does not open with one, that make it markup all the same...
_MIN_TAGS = 5
#: ... when they are at least this share of its visible characters: a tutorial's code
#: samples hold tags, but its prose outweighs them.
_MIN_MARKUP_SHARE = 0.3


def reads_as_html(text: str, input_format: str = "auto") -> bool:
    """Whether a page is read as HTML: always as "html", never as "text", and as "auto" when it looks like HTML.

    The one test the cleaner and site-template learning apply to a page."""
    return input_format == "html" or (input_format == "auto" and looks_like_html(text))


def looks_like_html(text: str) -> bool:
    """A document that opens like HTML, or text that is mostly markup."""
    head = text[:_HEAD_CHARS]
    start = _after_prolog(head)
    if _OPENING.match(head, start):
        return True
    tags = [match.end() - match.start() for match in _TAGS.finditer(head)]
    if len(tags) < _MIN_TAGS:
        return False
    if head.startswith("<", start):
        return True
    visible = len(head) - head.count(" ") - head.count("\n")
    return sum(tags) >= _MIN_MARKUP_SHARE * max(visible, 1)


def _after_prolog(head: str) -> int:
    """Where the first element may stand: past a BOM, spaces, XML prolog, comments and doctype."""
    position = 0
    while True:
        while position < len(head) and (head[position].isspace() or head[position] == "\ufeff"):
            position += 1
        if head.startswith("<!--", position):
            end = head.find("-->", position + 4)
            if end < 0:
                return position
            position = end + 3
            continue
        match = _PROLOG.match(head, position)
        if match is None or match.group(0).lower().startswith("<!doctype") and "html" in match.group(0).lower():
            return position
        position = match.end()


def html_to_text(html: str) -> str:
    """Full-page text with the layout's line breaks (inscriptis keeps lists and tables apart)."""
    from inscriptis import get_text

    if not html.strip():
        return ""
    return get_text(html)
