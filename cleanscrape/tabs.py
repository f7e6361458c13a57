"""Which tab panel of a page each line stands in: variants written once per tab.

A quickstart with a tab per programming language repeats "Replace the value
for from with your phone number" in every tab, and says "Create send.js" in
one where another says "Create send.php". The near-duplicate step would keep
only the first of each. A line is no repeat of a line in another variant.
Panels that are copies of each other (a block the page prints twice, say for
mobile and desktop) are one variant, and their lines stay duplicates.
"""

from __future__ import annotations

from collections import defaultdict

from .lines import fold_spaces

#: How a page marks a tab panel (WAI-ARIA); pages without it are never searched.
_PANEL_MARKS = ('role="tabpanel"', "role='tabpanel'", "role=tabpanel")
#: Elements whose text trafilatura writes as one line.
_BLOCKS = frozenset({"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figcaption"})


def marks_tab_panels(html: str) -> bool:
    """Substring tests, since a case-blind pattern over a whole page costs milliseconds."""
    return any(mark in html for mark in _PANEL_MARKS)


def tab_variants(tree) -> dict[str, frozenset[int]]:
    """For each line (spaces folded) inside a tab panel, the variants that hold it.

    A variant is a panel text: panels with the same text are one variant. Variants are
    numbered in the order their first line comes. A line counts for the innermost panel
    that holds it, so tabs nested in a tab are variants of their own.
    """
    variant_of_text: dict[str, int] = {}
    variant_of_panel: dict[object, int] = {}
    variants: dict[str, set[int]] = defaultdict(set)
    # One pass over the blocks, not one per panel: nested panels would visit a block once per ancestor.
    for element in tree.iter(*_BLOCKS):
        panel = _innermost_panel(element)
        if panel is None:
            continue
        if panel not in variant_of_panel:
            variant_of_panel[panel] = variant_of_text.setdefault(fold_spaces(panel.text_content()), len(variant_of_text))
        variant = variant_of_panel[panel]
        text = element.text_content()
        for line in (text, *text.split("\n")):
            if folded := fold_spaces(line):
                variants[folded].add(variant)
    return {line: frozenset(held_by) for line, held_by in variants.items()}


def in_other_variants(variants: dict[str, frozenset[int]], line: str, earlier: str) -> bool:
    """Whether ``line`` and the ``earlier`` line it repeats (spaces folded) stand in two variants or more."""
    return len(variants.get(line, frozenset()) | variants.get(earlier, frozenset())) >= 2


def _innermost_panel(element):
    """The element itself when it is a panel, else its nearest ancestor that is."""
    if element.get("role") == "tabpanel":
        return element
    return next((ancestor for ancestor in element.iterancestors() if ancestor.get("role") == "tabpanel"), None)
