"""Template detectors, one module per kind of template line.

Line detectors look at one line alone and answer yes or no; block detectors
(navigation menus, related lists, comment sections) read a line's neighbours.
Each module names its reason in ``REASON``; the decision order lives in
:mod:`cleanscrape.decide`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lines import Line
from . import boilerplate, breadcrumb, byline, caption, comments, footer, navigation, placeholder, related_list, share_bar, widget

LineDetector = Callable[[Line], bool]

#: Line detectors, most specific first: the first that matches names the reason.
LINE_DETECTORS: tuple[tuple[str, LineDetector], ...] = (
    (placeholder.REASON, placeholder.matches),
    (comments.REASON, comments.is_heading),
    (share_bar.REASON, share_bar.matches),
    (breadcrumb.REASON, breadcrumb.matches),
    (navigation.REASON, navigation.is_pager),
    (navigation.REASON, navigation.is_menu_label),
    (related_list.REASON, related_list.is_heading),
    (related_list.REASON, related_list.is_inline_link),
    (caption.REASON, caption.matches),
    (widget.REASON, widget.matches),
    (footer.REASON, footer.matches),
    (boilerplate.REASON, boilerplate.matches),
    (byline.REASON, byline.matches),
    (navigation.REASON, navigation.is_inline_menu),
    (boilerplate.REASON, boilerplate.is_notice),
)


def first_line_reason(line: Line) -> str | None:
    for reason, matches in LINE_DETECTORS:
        if matches(line):
            return reason
    return None
