"""Comment sections: a heading ("3 Comments", "Leave a Reply") followed by comment-shaped lines.

A bare label with the word (an "Add a Comment" link above the story, a
"Comments: 12" figure in a stats block, a "Comments" item in a share bar) is
no section: what follows must look like comments (an author's name and a date,
reply links, "says:", a comment form) for the region below to be comments.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .. import reasons as why
from ..lines import Line
from ..page_context import PageContext
from ..vocabulary import COMMENT_AUTHOR, COMMENTS_HEADING

#: Lines after a heading searched for a comment's parts.
SECTION_REACH = 12
#: What a comment is stamped or followed by: a time of day, "3 days ago", a reply or report
#: link, "says:", a permalink, a form asking for a name, an e-mail address or a login.
_COMMENT_SHAPE = regex.compile(
    r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\b|\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b|"
    r"^(?:reply|report|permalink|quote|like|flag|share|reply\s+to\s+this|report\s+abuse|\d+\s+likes?|"
    r"responder|antworten|répondre|rispondi|balas)\s*[!.]?$|"
    r"\b(?:says|said|wrote)\s*:|^(?:posted|written|submitted)\s+by\b|^by\s+\S|"
    r"^(?:name|e-?mail|website|your\s+(?:name|e-?mail|comment)|comment)\s*\*?\s*:?\s*\*?$|"
    r"email\s+address\s+will\s+not\s+be\s+published|must\s+be\s+logged\s+in|log\s+in\s+to\s+(?:post|comment|reply)|"
    r"post\s+comment|submit\s+comment|leave\s+a\s+(?:reply|comment)|\bin\s+reply\s+to\b|\bedit\s*\|\s*delete\b|"
    r"no\s+será\s+publicad|wird\s+nicht\s+veröffentlicht|ne\s+sera\s+pas\s+publiée|não\s+será\s+publicad|"
    r"non\s+sarà\s+pubblicato|tidak\s+akan\s+dipublikasikan",
    regex.IGNORECASE,
)


def is_heading(line: Line) -> bool:
    # A bulleted "Comments" is a link in a share bar, not the section's heading.
    if line.bulleted or line.words > 12:
        return False
    return bool(COMMENTS_HEADING.match(line.content) or COMMENT_AUTHOR.match(line.content))


def is_comment_part(line: Line) -> bool:
    """A comment's author line, stamp, reply link or form field."""
    return line.words <= 25 and bool(COMMENT_AUTHOR.match(line.content) or _COMMENT_SHAPE.search(line.content))


_EVIDENCE = why.with_role(why.COMMENT_EVIDENCE)
_ENDS = why.with_role(why.ENDS_COMMENTS)
_PARTS = why.with_role(why.COMMENT_PART) | {None}


#: A short line about comments ("Show more comments (20)", "All comments") among the lines after a heading.
_ABOUT_COMMENTS = regex.compile(r"\bcomments?\b|\brepl(?:y|ies)\b|\bkommentar|\bcommentaire|\bcomentario", regex.IGNORECASE)


def starts_section(lines: Sequence[Line], reasons: Sequence[str | None], position: int) -> bool:
    """Whether the heading at ``position`` is itself a comment's part (a reply link, "Jane says:")
    or is followed, within SECTION_REACH lines, by comment parts."""
    if is_comment_part(lines[position]):
        return True
    for following in range(position + 1, min(len(lines), position + 1 + SECTION_REACH)):
        line = lines[following]
        if reasons[following] in _EVIDENCE or is_comment_part(line):
            return True
        if line.words <= 8 and _ABOUT_COMMENTS.search(line.content):
            return True
    return False


def sections(lines: Sequence[Line], reasons: Sequence[str | None]) -> frozenset[int]:
    """Positions of comments headings that comment-shaped lines follow."""
    return frozenset(
        position
        for position, reason in enumerate(reasons)
        if reason == why.COMMENTS and starts_section(lines, reasons, position)
    )


def mark_sections(page: PageContext) -> None:
    """Everything after a comments heading that follows the article, and that comments follow, is comments."""
    walls = [position for position in range(page.span[1], len(page.lines)) if position in page.sections]
    if not walls:
        return
    for position in range(walls[0] + 1, len(page.lines)):
        if page.reasons[position] in _ENDS:
            return
        if page.reasons[position] in _PARTS:
            page.reasons[position] = why.COMMENTS
