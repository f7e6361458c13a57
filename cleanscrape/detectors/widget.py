"""Login, registration, subscription and search widgets."""

from ..lines import Line
from ..vocabulary import WIDGET, WIDGET_PROMPT


def matches(line: Line) -> bool:
    if line.words <= 6 and WIDGET.match(line.content):
        return True
    return line.words <= 25 and bool(WIDGET_PROMPT.match(line.content))
