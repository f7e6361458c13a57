"""The URL a page declares for itself (``<link rel=canonical>``, ``og:url``), for pages read without one.

Read from the page's head only, before cleaning, so that site templates can
group saved HTML files by site.
"""

from __future__ import annotations

from html.parser import HTMLParser

#: Bytes of a page searched: the head of nearly every page fits.
HEAD_BYTES = 65536


class _HeadLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical: str | None = None
        self.og_url: str | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "link" and "canonical" in values.get("rel", "").lower().split() and values.get("href"):
            self.canonical = self.canonical or values["href"]
        elif tag == "meta" and values.get("property", values.get("name", "")).lower() == "og:url" and values.get("content"):
            self.og_url = self.og_url or values["content"]
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.done = True


def declared_url(page: str | bytes) -> str | None:
    """The page's canonical URL, else its og:url; only absolute http(s) URLs count."""
    head = page[:HEAD_BYTES]
    if isinstance(head, (bytes, bytearray, memoryview)):
        head = bytes(head).decode("utf-8", errors="replace")
    if "<" not in head or ("canonical" not in head and "og:url" not in head):
        return None
    parser = _HeadLinks()
    try:
        for start in range(0, len(head), 4096):
            parser.feed(head[start:start + 4096])
            if parser.done:
                break
    except (AssertionError, ValueError):  # markup HTMLParser gives up on
        pass
    for url in (parser.canonical, parser.og_url):
        if url and url.lower().startswith(("http://", "https://")):
            return url
    return None
