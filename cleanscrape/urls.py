"""URL helpers shared by the cleaner and the corpus steps."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_host(url: str | None) -> str | None:
    """The host of a URL, lower-cased, without a leading ``www.``; None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")
