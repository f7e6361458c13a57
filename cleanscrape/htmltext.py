"""HTML to page text, every visible line kept, for the line cleaner to work on."""

from __future__ import annotations

import regex

_HTML_START = regex.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", regex.IGNORECASE | regex.DOTALL)
_TAGS = regex.compile(r"</?(?:div|p|span|a|table|ul|li|br|section|article|nav|script)\b[^>]*>", regex.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A document that opens like HTML, or text that is mostly markup."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return len(_TAGS.findall(head)) >= 5


def html_to_text(html: str) -> str:
    """Full-page text with the layout's line breaks (inscriptis keeps lists and tables apart)."""
    from inscriptis import get_text

    if not html.strip():
        return ""
    return get_text(html)
