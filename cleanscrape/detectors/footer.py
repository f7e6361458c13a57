"""Footers: copyright notices, policy links, contact lines."""

import regex

from ..lines import Line
from ..vocabulary import CONTACT, FOOTER

REASON = "footer"

_NOTICE = regex.compile(r"©|\bcopyright\b|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|derechos\s+reservados|direitos\s+reservados", regex.IGNORECASE)


def matches(line: Line) -> bool:
    if line.words <= 30 and FOOTER.search(line.content):
        return True
    return line.words <= 25 and not line.ends_sentence and bool(CONTACT.search(line.content))


def is_notice(line: Line) -> bool:
    """A copyright or rights notice: a footer even when it reads like prose."""
    return bool(_NOTICE.search(line.content))
