"""Comment sections: their headings ("3 Comments", "Leave a Reply") start a region of comments."""

from ..lines import Line
from ..vocabulary import COMMENT_AUTHOR, COMMENTS_HEADING

REASON = "comments"


def is_heading(line: Line) -> bool:
    # A bulleted "Comments" is a link in a share bar, not the section's heading.
    if line.bulleted or line.words > 12:
        return False
    return bool(COMMENTS_HEADING.match(line.content) or COMMENT_AUTHOR.match(line.content))
