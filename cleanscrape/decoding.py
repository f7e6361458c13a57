"""Bytes to text: a BOM or a detected encoding, never a crash."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_WEB_PREVALENCE = ["utf_8", "cp1252", "latin_1", "cp1251", "gb18030", "gb2312", "shift_jis", "euc_kr", "cp1250", "cp1256", "iso8859_15"]


def decode_page(data: bytes) -> str:
    """Decode page bytes: BOM first, then strict UTF-8, then charset-normalizer's best guess.

    Bytes no encoding explains become U+FFFD rather than an error, so a
    damaged page still cleans; the replacement characters show where.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return data.decode("utf-8", errors="replace")
    best = min((match.chaos, -match.coherence) for match in matches)
    tied = [match for match in matches if (match.chaos, -match.coherence) == best]
    # Short texts often fit several single-byte code pages equally well;
    # then the one most used on the web wins (windows-1252 is HTML's default).
    tied.sort(key=lambda match: _WEB_PREVALENCE.index(match.encoding) if match.encoding in _WEB_PREVALENCE else len(_WEB_PREVALENCE))
    return str(tied[0])
