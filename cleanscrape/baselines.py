"""Other extractors, called the way the benchmarks compare against them.

In text mode (page text, no HTML), trafilatura and jusText get each line
wrapped as a paragraph, since that is all the structure a text dump has.
"""

from __future__ import annotations

import html as html_escape

from .language import detect
from .stopwords import justext_name


def lines_as_html(text: str) -> str:
    return "<html><body>" + "".join(f"<p>{html_escape.escape(line)}</p>" for line in text.splitlines() if line.strip()) + "</body></html>"


def trafilatura_html(html: str) -> str:
    """trafilatura's main-content extraction, without its process-wide deduplication cache."""
    import trafilatura

    return trafilatura.extract(html, deduplicate=False) or ""


def trafilatura_text(text: str) -> str:
    return trafilatura_html(lines_as_html(text)) if text.strip() else ""


def justext_html(html: str, language_hint: str | None = None) -> str:
    """jusText's non-boilerplate paragraphs, with the stop list of the page's language."""
    import justext

    if not html.strip():
        return ""
    language = language_hint
    if language is None:
        from .htmltext import html_to_text

        guess = detect(html_to_text(html)[:2000], seed=0)
        language = guess.code if guess else "en"
    stoplist = justext.get_stoplist(justext_name(language) or "English")
    try:
        paragraphs = justext.justext(html.encode("utf-8"), stoplist)
    except Exception:  # jusText raises bare lxml errors on some markup; an empty extraction is its answer
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def justext_text(text: str) -> str:
    guess = detect(text[:2000], seed=0)
    return justext_html(lines_as_html(text), guess.code if guess else "en")
