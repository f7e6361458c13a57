"""Which tab panel of a page holds a line: variants written once per tab.

A quickstart with a tab per programming language repeats "Replace the value
for from with your phone number" in every tab, and says "Create send.js" in
one where another says "Create send.php". The near-duplicate step would keep
only the first of each. A line is no repeat of a line in another variant.
Panels that are copies of each other (a block the page prints twice, say for
mobile and desktop) are one variant, and their lines stay duplicates.

A line is found in a panel by its word shingles, not by matching an element's
text: trafilatura writes a table row, a paragraph split by ``<br>`` or the
text of a bare ``<div>`` as lines no single element's text equals.
"""

from __future__ import annotations

from collections import defaultdict

from .neardup import normalize

#: How a page marks a tab panel (WAI-ARIA role "tabpanel"); pages without it are never searched.
_PANEL_MARKS = ("tabpanel", "TabPanel", "TABPANEL")
#: Words per shingle. Four are rare enough to place a line in its panels.
_SHINGLE_WORDS = 4
#: Text that is not shown, which trafilatura leaves out too.
_UNSHOWN = frozenset({"script", "style", "noscript", "template"})


def marks_tab_panels(html: str) -> bool:
    """Substring tests, since a case-blind pattern over a whole page costs milliseconds."""
    return any(mark in html for mark in _PANEL_MARKS)


class TabVariants:
    """The word shingles of each variant of the page's tab panels.

    A variant is a panel's own text (its text, less that of panels nested in it):
    panels with the same text are one variant. Variants are numbered in page order.
    """

    __slots__ = ("_variants_of_shingle",)

    def __init__(self, variant_texts: list[str]) -> None:
        variants_of_shingle: dict[str, set[int]] = defaultdict(set)
        for variant, text in enumerate(variant_texts):
            for shingle in _shingles(text):
                variants_of_shingle[shingle].add(variant)
        self._variants_of_shingle = {shingle: frozenset(ids) for shingle, ids in variants_of_shingle.items()}

    def __bool__(self) -> bool:
        return bool(self._variants_of_shingle)

    def holding(self, line: str) -> frozenset[int]:
        """The variants whose text holds every shingle of ``line``; none for a line of fewer than four words."""
        # Smallest first: a shingle every panel shares would make each intersection cost a
        # step per panel, and 10,000 near-identical panels a quadratic page.
        found = sorted((self._variants_of_shingle.get(shingle, frozenset()) for shingle in _shingles(normalize(line))), key=len)
        if not found:
            return frozenset()
        held_by = found[0]
        for ids in found[1:]:
            if not held_by:
                return frozenset()
            held_by = held_by & ids
        return held_by

    def in_other_variants(self, line: str, earlier: str) -> bool:
        """Whether ``line`` and the ``earlier`` line it repeats stand in two variants or more."""
        return len(self.holding(line) | self.holding(earlier)) >= 2


NO_TABS = TabVariants([])


def tab_variants(tree) -> TabVariants:
    """The page's tab panels, read in one pass over the tree (nested panels cost no more)."""
    panel_of: dict[object, object] = {}
    pieces: dict[object, list[str]] = defaultdict(list)
    for element in tree.iter():
        parent = element.getparent()
        outer = panel_of.get(parent) if parent is not None else None
        panel = element if _is_panel(element) else outer
        panel_of[element] = panel
        # An element's text is inside it; its tail follows it, in its parent's panel.
        if panel is not None and element.text and isinstance(element.tag, str) and element.tag not in _UNSHOWN:
            pieces[panel].append(element.text)
        if outer is not None and element.tail:
            pieces[outer].append(element.tail)
    variant_of_text: dict[str, int] = {}
    for panel_pieces in pieces.values():
        # Spaces between the pieces: "<td>a</td><td>b</td>" holds two words, not "ab".
        text = normalize(" ".join(panel_pieces))
        if text:
            variant_of_text.setdefault(text, len(variant_of_text))
    return TabVariants(list(variant_of_text))


def _is_panel(element) -> bool:
    role = element.get("role") if isinstance(element.tag, str) else None
    return role is not None and "tabpanel" in role.lower().split()


def _shingles(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[start:start + _SHINGLE_WORDS]) for start in range(len(words) - _SHINGLE_WORDS + 1)]
