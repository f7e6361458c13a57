"""Footers: copyright notices, policy links, contact lines."""

import regex

from ..lines import Line
from ..vocabulary import CONTACT, FOOTER


_NOTICE = regex.compile(r"©|\bcopyright\b|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|derechos\s+reservados|direitos\s+reservados", regex.IGNORECASE)


# Every FOOTER phrase contains one of these; testing them first skips the
# long alternation on most lines.
_FOOTER_CUES = (
    "©", "(c)", "copyright", "rights", "privacy", "terms", "cookie", "imprint", "impressum", "sitemap", "site map",
    "powered", "built with", "accessibility", "do not sell", "vorbehalten", "datenschutz", "agb", "droits",
    "mentions", "confidentialit", "derechos", "privacidad", "aviso legal", "direitos", "diritti", "hak cipta",
    "版权", "著作権", "contact", "media", "press",
)


def matches(line: Line) -> bool:
    if line.words > 30:
        return False
    lowered = line.content.casefold()
    if any(cue in lowered for cue in _FOOTER_CUES) and FOOTER.search(line.content):
        return True
    if line.words > 25 or line.ends_sentence:
        return False
    # A phone number or an e-mail address on a short line that is no sentence.
    return ("@" in lowered or line.digit_share > 0.1) and bool(CONTACT.search(line.content))


def is_notice(line: Line) -> bool:
    """A copyright or rights notice: a footer even when it reads like prose."""
    return bool(_NOTICE.search(line.content))
