"""Breadcrumbs: "Home > News > Ships stuck in canal", "You are here: Home / Blog"."""

import regex

from ..lines import Line
from ..vocabulary import BREADCRUMB_HOME, BREADCRUMB_LEAD


# Not the arrows of code: "->", "=>", "-->", ">=", ">>=", and "::" only with spaces
# around it ("Home :: News", never "tokio::main"). The spaces around a separator are
# looked at, not matched: a pattern that opens with a run of spaces tries that run
# again from every space, quadratic in a line of padding.
_ARROWS = regex.compile(r"(?<![-=>])>>?(?![>=])|›|»|→|⟩|(?<=\s)::(?=\s)")
_SLASHES = regex.compile(r"(?<=\s)[/\\](?=\s)")
#: A crumb needs one of the separators above: a line without any is no breadcrumb.
GATE = (">", "›", "»", "→", "⟩", "::", "/", "\\")
#: How program text ends or opens a line: a block, a call, a statement, an assignment.
_CODE_EDGE = regex.compile(r"[{(;=]\s*$|^\s*(?:[})\]]|\.\w)|[{}]")
#: One sentence ending and the next beginning: a page title is one phrase, an
#: instruction ("Click File > New > Class to create a class. Name it App.") runs on.
#: A lowercase word of three letters or more ends the sentence: an abbreviation
#: ("vs. MBB", "Prof. Jane Doe", "Acme Corp. Announces") does not.
_SENTENCE_BREAK = regex.compile(r"(?<!\p{L})\p{Ll}{3,}[.!?]\s+\p{Lu}\p{Ll}")


def matches(line: Line) -> bool:
    text = line.content
    if line.words > 30 or not any(mark in text for mark in GATE):
        return False
    if _CODE_EDGE.search(text):
        return False
    lead = BREADCRUMB_LEAD.match(text)
    if lead:
        text = text[lead.end():]
    from_home = bool(BREADCRUMB_HOME.match(text))
    for separator in (_ARROWS, _SLASHES):
        parts = [part for part in separator.split(text) if part.strip()]
        if len(parts) < 2:
            continue
        # A ">" after a "<" closes a generic or a tag ("impl<T, E> Result<T, E>"), not a crumb.
        if separator is _ARROWS and any("<" in part for part in parts[:-1]):
            continue
        # Every crumb but the last (the page's own title) is a short link.
        if not (all(len(part.split()) <= 5 for part in parts[:-1]) and len(parts[-1].split()) <= 20):
            continue
        if _SENTENCE_BREAK.search(parts[-1]):
            continue
        if from_home or lead or len(parts) >= 3:
            return True
        # Two crumbs ("Science › Climate") pass with arrows when both are labels.
        if separator is _ARROWS and line.words <= 8 and len(parts[-1].split()) <= 4:
            return True
    return False
