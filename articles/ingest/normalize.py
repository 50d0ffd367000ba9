"""Decode page bytes and normalize page text, keeping the text's own characters.

Rules (the source of each is given with it):

- ``decode_page``: UTF-8 (with or without the BOM ``EF BB BF``), else GB18030 (the
  national standard superset of GBK/GB2312 that Chinese exports use). A decoding that
  succeeds but yields implausible text (control characters, private-use or unassigned
  code points, or mostly characters outside GB2312's common hanzi) is refused, because
  a lenient legacy decoder turns any bytes into *some* characters: we never return
  mojibake.
- ``normalize_text``: line endings to ``\\n``, Unicode NFC, BOM and NUL removed. NFC
  (not NFKC) keeps full-width digits and punctuation as printed, so offsets into the
  stored body stay valid for the metric extractor.

``to_simplified`` and ``sentence_span`` live in ``articles.text`` (shared with the models).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = [
    "PageDecodeError",
    "bad_bytes",
    "decode_page",
    "normalize_text",
    "text_width",
]


class PageDecodeError(ValueError):
    """The bytes are not a text page in an encoding we read (UTF-8 or GB18030)."""


_UTF8_BOM = b"\xef\xbb\xbf"


def bad_bytes(exc: UnicodeDecodeError, offset: int = 0) -> tuple[int, str]:
    """(offset, value) of the byte where decoding broke (``exc.start``: the first byte of
    the sequence that is not a character): its offset in the file (``offset`` is where
    the decoded bytes started in it, e.g. after a BOM) and the byte in hex (``"B5"``).
    Refusals say this, not Python's words ("'utf-8' codec can't decode byte 0xb5 in
    position 12: invalid start byte")."""
    return offset + exc.start, f"{exc.object[exc.start]:02X}"


def decode_page(data: bytes) -> str:
    """Decode a page's bytes to ``str``.

    Tries UTF-8 (BOM stripped), then GB18030. Returns the decoded text unchanged
    otherwise (apply ``normalize_text`` for line endings/NFC). Raises ``PageDecodeError``
    (a ``ValueError``) naming the problem when the bytes are empty, binary, or decode
    under neither encoding to plausible Chinese/ASCII text.
    """
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"decode_page() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    if data.startswith(_UTF8_BOM):
        try:
            text = data[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            at, value = bad_bytes(exc, len(_UTF8_BOM))
            raise PageDecodeError(
                f"page starts with a UTF-8 byte-order mark but is not valid UTF-8: "
                f"it breaks at byte offset {at} (0x{value})"
            ) from exc
        _check_plausible(text, "UTF-8")
        return text
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise PageDecodeError("page is UTF-16 (byte-order mark found); save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            at, value = bad_bytes(utf8_error)
            gb_at, gb_value = bad_bytes(exc)
            raise PageDecodeError(
                f"page is neither UTF-8 nor GB18030 text: UTF-8 breaks at byte offset {at} "
                f"(0x{value}), GB18030 at byte offset {gb_at} (0x{gb_value})"
            ) from exc
        _check_plausible(text, "GB18030")
        return text
    _check_plausible(text, "UTF-8")
    return text


def _check_plausible(text: str, encoding: str) -> None:
    """Refuse text that decoded but is not readable Chinese/ASCII (mojibake or binary)."""
    if not text.strip():
        raise PageDecodeError(f"page decoded as {encoding} is empty")
    bad = 0
    rare = 0
    hanzi = 0
    for ch, n in Counter(text).items():  # each distinct character once (a page has ~1,000)
        if ch in "\n\r\t":
            continue
        cat = unicodedata.category(ch)
        if ch == "\ufffd" or cat in ("Cc", "Co", "Cn", "Cs"):
            bad += n
            continue
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch >= "\U00020000":
            hanzi += n
            if not _is_common_hanzi(ch):
                rare += n
    if bad:
        raise PageDecodeError(
            f"page decoded as {encoding} contains {bad} control, private-use or "
            f"replacement character(s): not a text page, or a wrong encoding"
        )
    # Real text, Simplified or Traditional, is overwhelmingly common hanzi; text decoded
    # with the wrong legacy codec is a soup of rare ones.
    if hanzi >= 8 and rare / hanzi > 0.4:
        raise PageDecodeError(
            f"page decoded as {encoding} is mostly rare characters ({rare} of {hanzi} "
            f"hanzi): looks like mojibake from a wrong encoding"
        )


def _is_common_hanzi(ch: str) -> bool:
    """GB2312 hanzi, or a Traditional form of one (Big5 covers common Traditional)."""
    for codec in ("gb2312", "big5"):
        try:
            ch.encode(codec)
            return True
        except UnicodeEncodeError:
            continue
    return False


def normalize_text(text: str) -> str:
    """Line endings to ``\\n``, NFC, BOM/NUL removed; characters otherwise kept as printed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\ufeff", "").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


_NARROW_RE = re.compile("[\x00-\u1fff]")


def text_width(line: str) -> float:
    """Printed width of a line in em: CJK/full-width characters 1, ASCII and spaces 0.5
    (every character below U+2000 counts as narrow)."""
    return len(line) - 0.5 * len(_NARROW_RE.findall(line))
