"""Tell a file's format by its first bytes, not its name.

Rules: a PDF has the ``%PDF-`` header within its first 1024 bytes (PDF 1.7, ISO
32000-1 §7.5.2 lets readers accept leading junk); a zip archive starts with a local file
header ``PK\\x03\\x04`` (or ``PK\\x05\\x06`` when empty; APPNOTE.TXT §4.3); HTML is
recognised as the WHATWG MIME Sniffing Standard (§7.1, "identifying a resource with an
unknown MIME type") does: after leading whitespace (and a BOM), the first KB starts with
``<!DOCTYPE HTML``, ``<HTML``, ``<HEAD``, ``<BODY``, ``<TITLE``, ``<META``, ``<DIV``,
``<P``, ``<TABLE``, ``<SCRIPT``, ``<!--`` ... followed by a space or ``>``. Everything
else is read as text. Common binary formats (images, Office files, other archives) are
named so the refusal can say what the file is.
"""

from __future__ import annotations

import re

from .base import SourceFormat

__all__ = ["sniff_format", "binary_kind"]

_HEAD = 1024
_HTML_START_RE = re.compile(
    rb"^\s*(?:<!doctype\s+html|<!--|<\?xml[^>]*>\s*<!doctype\s+html"
    rb"|<(?:html|head|body|title|meta|link|script|iframe|style|div|table|font|h1|br|p|a|b)"
    rb"[\s>/])",
    re.IGNORECASE,
)
#: Magic numbers of formats that are no page (file(1)'s magic database).
_BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office (OLE) document"),
    (b"\x7fELF", "an executable"),
)


def sniff_format(data: bytes) -> SourceFormat:
    """The format of a file whose content is ``data`` (only the first KB is looked at).

    Returns ``SourceFormat.PDF``, ``ZIP``, ``HTML`` or ``TEXT`` by the rules in the module
    docstring; never raises. A binary file that is none of these comes back as ``TEXT``
    and the text reader refuses it (``binary_kind`` names it).
    """
    head = data[:_HEAD]
    if b"%PDF-" in head:
        return SourceFormat.PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return SourceFormat.ZIP
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _HTML_START_RE.match(head):
        return SourceFormat.HTML
    return SourceFormat.TEXT


def binary_kind(data: bytes) -> str | None:
    """'a PNG image', 'an old Office (OLE) document' ... for known binary formats, else None."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return None
