"""Image captions and credits marked as such: "Photo: ...", "(Getty Images)"."""

from ..lines import Line
from ..vocabulary import CAPTION, CAPTION_CREDIT


def matches(line: Line) -> bool:
    if line.words > 45:
        return False
    if CAPTION.match(line.content):
        return True
    return line.words <= 30 and bool(CAPTION_CREDIT.search(line.content)) and not line.content.endswith(".")
