"""Template detectors, one module per kind of template.

Line detectors look at one line alone and answer yes or no; block detectors
(comment sections, related lists, menus) read a line's neighbours and mark
them on a :class:`~cleanscrape.page_context.PageContext`. Which reason each
check gives, and in which order the line checks run, is
:mod:`cleanscrape.reasons`' table; the order of the block passes is
:mod:`cleanscrape.decide`'s.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from .. import reasons
from ..lines import Line
from .opening import Opening, opening_of

LineDetector = Callable[[Line], bool]
#: (reason, check) pairs in the order they run.
LineDetectors = tuple[tuple[str, LineDetector], ...]


def line_detectors(registry: Iterable[reasons.Reason | reasons.Check] = reasons.REGISTRY) -> LineDetectors:
    """(reason, check) of every line check the registry lists, most specific first.

    A check is ``"module.function"`` of this package, or ``"package.module:function"``
    anywhere importable.
    """
    found = []
    for reason, where in reasons.line_checks(registry):
        if ":" in where:
            module, function = where.split(":")
        else:
            module, function = where.rsplit(".", 1)
            module = f"{__name__}.{module}"
        found.append((reason, getattr(importlib.import_module(module), function)))
    return tuple(found)


#: Line detectors, most specific first: the first that matches names the reason.
LINE_DETECTORS: LineDetectors = line_detectors()


def first_line_reason(line: Line, detectors: LineDetectors = LINE_DETECTORS) -> str | None:
    return FirstReasons(detectors).reason(line)


class FirstReasons:
    """One page's first line verdicts, memoised by line text: a page repeats its template
    lines, and cleaning its kept lines again (:func:`cleanscrape.decide.classify_page`) reads
    them again. A line's verdict depends on its text alone; make one per page, never share.

    Checks guarded by an :class:`~cleanscrape.detectors.opening.Opening` run only on lines
    it opens; it is tested once per line for all the checks it guards."""

    __slots__ = ("_by_text", "_plan")

    def __init__(self, detectors: LineDetectors = LINE_DETECTORS) -> None:
        # Runs of consecutive checks under the same opening (None: unguarded), in order.
        plan: list[tuple[Opening | None, list[tuple[str, LineDetector]]]] = []
        for reason, check in detectors:
            opening = opening_of(check)
            if plan and plan[-1][0] is opening:
                plan[-1][1].append((reason, check))
            else:
                plan.append((opening, [(reason, check)]))
        self._plan = tuple((opening, tuple(run)) for opening, run in plan)
        self._by_text: dict[str, str | None] = {}

    def __call__(self, line: Line) -> str | None:
        if line.text not in self._by_text:
            self._by_text[line.text] = self.reason(line)
        return self._by_text[line.text]

    def reason(self, line: Line) -> str | None:
        """The reason of the first check that matches ``line``, or None (not memoised)."""
        opened: dict[Opening, bool] = {}
        for opening, run in self._plan:
            if opening is not None:
                is_open = opened.get(opening)
                if is_open is None:
                    is_open = opened[opening] = opening.opens(line.content)
                if not is_open:
                    continue
            for reason, check in run:
                if check(line):
                    return reason
        return None
