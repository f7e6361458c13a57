"""Image captions and credits marked as such: "Photo: ...", "(Getty Images)"."""

from ..lines import Line
from ..vocabulary import CAPTION, CAPTION_CREDIT

# A CAPTION_CREDIT either names a credit before a colon or names an agency or library, each
# of whose names holds one of these words (case folding keeps them): other lines are not searched.
_AGENCY_CUES = (
    "getty", "shutterstock", "istock", "alamy", "photo", "afp", "reuters", "epa", "dpa", "picture", "unsplash", "pexels",
    "wikimedia",
)


def matches(line: Line) -> bool:
    if line.words > 45:
        return False
    if CAPTION.match(line.content):
        return True
    if line.words > 30 or line.content.endswith("."):
        return False
    if ":" not in line.content:
        folded = line.content.casefold()
        if not any(cue in folded for cue in _AGENCY_CUES):
            return False
    return bool(CAPTION_CREDIT.search(line.content))
