"""A cheap test several line checks share: the line's content opens with one of their patterns.

Most lines of a page match no line check, yet each check costs a call and a regex. Checks
that can only match a line whose content one of a few anchored patterns matches at its
start (``pattern.match``) declare it with :meth:`Opening.guards`; the line checks' runner
(:class:`cleanscrape.detectors.FirstReasons`) tests the patterns once per line, as one
compiled alternation, and skips every guarded check of a line none of them opens. A
guarded check still tests its own pattern: the opening only says when it cannot match.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from .. import vocabulary as cue

_ALLOWED_FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION0


def _scoped(pattern: regex.Pattern) -> str:
    """``pattern`` as a group keeping its own case flag inside an alternation of others."""
    if pattern.flags & ~_ALLOWED_FLAGS:
        raise ValueError(f"an opening pattern takes no flag but IGNORECASE: {pattern.pattern!r}")
    return f"(?{'i' if pattern.flags & regex.IGNORECASE else '-i'}:{pattern.pattern})"


class Opening:
    """The patterns some line checks need to match at the start of a line's ``content``."""

    __slots__ = ("patterns", "_any")

    def __init__(self, *patterns: regex.Pattern) -> None:
        self.patterns = patterns
        # An alternation matches at the start iff one of its branches does; groups are
        # only numbered, never referred back to, so joining them changes no branch.
        self._any = regex.compile("|".join(_scoped(pattern) for pattern in patterns))

    def opens(self, content: str) -> bool:
        return self._any.match(content) is not None

    def guards(self, check: Callable) -> Callable:
        """Marks ``check`` as one that matches no line this opening does not open."""
        check.opening = self
        return check


def opening_of(check: Callable) -> Opening | None:
    return getattr(check, "opening", None)


#: The anchored patterns of the short-line checks: labels, tag lines, what a text browser prints
#: for widgets, pagers, menu labels, "Read more: ..." links, login and search widgets.
SHORT_LINE_OPENING = Opening(
    cue.RENDERED_WIDGETS, cue.BARE_NUMBER_LABEL, cue.AD_LABEL, cue.SKIP_LINK, cue.COOKIE_BUTTON, cue.MORE_LINK,
    cue.PAGER_LINK, cue.PAGE_TOOL, cue.FOLLOW_PROMPT, cue.SHOP_LINK, cue.NEWS_LABEL, cue.ANSWER_COUNT,
    cue.ARCHIVE_LABEL, cue.TAG_LINE, cue.MENU_LABEL, cue.PAGER, cue.RELATED_INLINE, cue.WIDGET, cue.WIDGET_PROMPT,
)
