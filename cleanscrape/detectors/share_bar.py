"""Share bars: "Facebook Twitter LinkedIn Email", "Share this: Tweet WhatsApp"."""

from ..lines import Line
from ..vocabulary import SHARE_ACTION, SHARE_LEAD, SHARE_WORDS


def matches(line: Line) -> bool:
    if line.words > 16:
        return False
    if SHARE_ACTION.match(line.content):
        return True
    lowered = [token.lower() for token in line.tokens]
    lead = SHARE_LEAD.match(line.content)
    if lead:
        rest = [token for token in lowered[len(lead.group(0).split()):] if not token.isdigit()]
        return all(token in SHARE_WORDS for token in rest) or len(rest) == 0
    counted = [token for token in lowered if not token.isdigit()]
    hits = sum(1 for token in counted if token in SHARE_WORDS)
    return hits >= 2 and hits * 10 >= len(counted) * 7
