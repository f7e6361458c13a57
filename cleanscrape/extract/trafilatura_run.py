"""One run of trafilatura's main-content extraction over a parsed page, shared by its two candidates."""

from __future__ import annotations

from ..guard import guarded
from ..lines import fold_spaces
from .candidate import Candidate, Page

#: Where a code element is part of a line of prose (inline code), not a block of its own.
_PROSE_PARENTS = frozenset({"p", "head", "item", "cell", "quote", "hi", "ref"})


def trafilatura_candidate(page: Page, name: str, warnings: list[str], *, favor_precision: bool, fast: bool = False) -> Candidate:
    """trafilatura's main content of (its own copy of) the page's tree, and the lines of it
    that are code; on a question page its "comments" (the answers) too. ``fast`` leaves out
    trafilatura's comparison with readability and jusText. Where trafilatura raises, no
    text (the next extractor is taken) and a warning."""
    if page.kind.too_big_for_trafilatura:  # the page's warning says so, once (main_content)
        return Candidate(name, "")
    import trafilatura

    answers_are_content = page.kind.question
    document = guarded(warnings, "main content", "trafilatura", lambda: trafilatura.bare_extraction(
        page.tree,
        url=page.url,
        # A process-wide cache would make one page's result depend on the pages before it.
        deduplicate=False,
        # Reader comments are not the article (and most of trafilatura's false positives),
        # but on a question page they are the answers.
        include_comments=answers_are_content,
        include_formatting=False,
        favor_precision=favor_precision,
        # trafilatura's second opinions (readability, jusText) cost a third of its time but
        # carry forums, listings and products (WCXB 0.79 -> 0.82): fast only where
        # resiliparse stands in for them.
        fast=fast,
        with_metadata=False,  # read apart, from the tree before trafilatura prunes it (pagemeta)
    ), None)
    if document is None:
        return Candidate(name, "")
    comments, comments_body = (document.comments, document.commentsbody) if answers_are_content else (None, None)
    return Candidate(name, with_answers(document.text or "", comments), code_lines(document.body, comments_body))


def with_answers(text: str, comments: str | None) -> str:
    """The main text, then the comments it does not already hold (a fallback extractor that
    won may have put the answers in the main text too)."""
    if not comments:
        return text
    in_text = set(text.split("\n"))
    new_lines = [line for line in comments.split("\n") if line not in in_text]
    return "\n".join(part for part in (text, *new_lines) if part)


def code_lines(*bodies) -> frozenset[str]:
    """The lines of the code blocks in trafilatura's output trees. Inline code counts only
    when it is its line's whole text: ``<code>Privacy Policy</code>`` inside a sentence
    must not exempt a footer line of the same words."""
    lines = set()
    for body in bodies:
        if body is None:
            continue
        for code in body.iter("code"):
            text = _text_with_breaks(code)
            parent = code.getparent()
            if parent is not None and parent.tag in _PROSE_PARENTS and fold_spaces(_text_with_breaks(parent)) != fold_spaces(text):
                continue
            lines.update(folded for line in text.split("\n") if (folded := fold_spaces(line)))
    return frozenset(lines)


def _text_with_breaks(element) -> str:
    """The element's text, with trafilatura's line breaks (``<lb/>``, from ``<br>``) as newlines."""
    parts = []

    def walk(node) -> None:
        if node.tag == "lb":
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)
