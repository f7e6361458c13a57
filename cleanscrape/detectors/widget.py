"""Login, registration, subscription and search widgets."""

from ..lines import Line
from ..vocabulary import WIDGET, WIDGET_PROMPT
from .opening import SHORT_LINE_OPENING


@SHORT_LINE_OPENING.guards
def matches(line: Line) -> bool:
    if line.words <= 6 and WIDGET.match(line.content):
        return True
    return line.words <= 25 and bool(WIDGET_PROMPT.match(line.content))
