"""Bytes to text: a BOM, valid UTF-8, the page's declared charset or a detected encoding; never a crash.

:func:`page_text` is the one way a page (bytes or text) becomes the text that is cleaned,
learned from (site templates) and compared (dedup).
"""

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


def page_text(page: str | bytes, content_type: str | None = None) -> str:
    """The page as text: bytes decoded (:func:`decode_page`), and lone surrogates, which cannot be
    written as UTF-8 JSON and are never text, made U+FFFD ("?")."""
    return page_text_and_utf8(page, content_type)[0]


def page_text_and_utf8(page: str | bytes, content_type: str | None = None) -> tuple[str, bytes]:
    """:func:`page_text` and its UTF-8 bytes, encoded once (a record's id hashes them)."""
    if isinstance(page, (bytes, bytearray, memoryview)):
        text = decode_page(bytes(page), content_type)
    elif isinstance(page, str):
        text = page
    else:
        raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
    try:
        return text, text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the only characters UTF-8 cannot encode
        data = text.encode("utf-8", errors="replace")
        return data.decode("utf-8"), data


def decode_page(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes: BOM first, then strict UTF-8, then the charset the
    HTTP ``content_type`` or the page's ``<meta>`` declares, then
    charset-normalizer's best guess.

    Valid UTF-8 wins over a declaration because pages often declare
    ISO-8859-1 and serve UTF-8; text in a legacy code page is almost never
    valid UTF-8 by accident. Bytes no encoding explains become U+FFFD rather
    than an error, so a damaged page still cleans; the replacement
    characters show where.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    unmarked = _utf16_without_bom(data)
    if unmarked is not None:
        return data.decode(unmarked, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(data, content_type)
    if declared is not None:
        return data.decode(declared, errors="replace")
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


#: Bytes looked at to tell UTF-16 without a BOM...
_UTF16_SAMPLE = 2048
#: ... by the share of NUL bytes at odd (little-endian) or even (big-endian) offsets:
#: ASCII-range text in UTF-16 has one in every such slot, a UTF-8 or legacy page none.
_UTF16_MIN_NUL_SHARE = 0.4


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text that lacks its BOM (mostly ASCII-range characters), else None."""
    sample = data[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= _UTF16_MIN_NUL_SHARE * pairs and even_nuls <= odd_nuls // 10:
        return "utf-16-le"
    if even_nuls >= _UTF16_MIN_NUL_SHARE * pairs and odd_nuls <= even_nuls // 10:
        return "utf-16-be"
    return None


def _declared_encoding(data: bytes, content_type: str | None) -> str | None:
    """The HTTP header's charset, else the ``<meta>`` one in the page's first 4 KB, as browsers map them (w3lib)."""
    from w3lib.encoding import (
        html_body_declared_encoding,
        http_content_type_encoding,
        resolve_encoding,
    )

    declared = (http_content_type_encoding(content_type) if content_type else None) or html_body_declared_encoding(data[:4096])
    if declared is None:
        return None
    encoding = resolve_encoding(declared)
    # A page that declares UTF-8 but is not valid UTF-8 is left to detection;
    # so is a UTF-16/32 declaration in bytes readable enough to hold it (browsers ignore those too).
    if encoding is None or codecs.lookup(encoding).name.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    return encoding
