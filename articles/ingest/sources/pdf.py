"""PDF pages: the text layer read with pdfplumber, laid out by ``pdf_layout``.

A page whose PDF has no text layer (a scan: only images) is refused; there is no OCR.
Photos and filled panels (images, and filled rectangles of at least 3 x 3 body ems with
no text on them) are passed to the layout so captions stay with their photos.
"""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from ..normalize import bad_bytes
from .base import PageText, SourceError, SourceFormat
from .pdf_layout import layout_text

__all__ = ["read_pdf"]

_NO_TEXT = "no text layer (scanned PDF?); OCR is not supported"
#: pdfminer writes ``(cid:N)`` for a glyph its font does not map to Unicode (no ToUnicode
#: table): such a text layer cannot be read without OCR either.
_UNMAPPED = "text layer unreadable: {} of {} characters have no Unicode mapping (cid codes)"


def read_pdf(source: str, data: bytes, *, url: str = "") -> list[PageText | SourceError]:
    """Each page of the PDF ``data`` (the file named ``source``) as a ``PageText``.

    A one-page PDF's page is named ``source``; pages of a longer one ``source#page=N``
    (the RFC 8118 fragment), 1-based. A page without text among pages with text is a
    ``SourceError`` in the list (a full-page photo); the other pages are still read.
    Raises ``SourceError`` naming ``source`` for a PDF with no text on any page (a scan),
    a text layer whose fonts map most glyphs to no character, an encrypted PDF, or one
    pdfminer cannot parse (damaged, truncated).
    """
    pages: list[tuple[list[dict], list]] = []
    try:  # pdfminer's work: parse the file, read each page's characters and pictures
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = _info_text((pdf.metadata or {}).get("Title"))
            pages = [(page.chars, _pictures(page)) for page in pdf.pages]
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on damaged files
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise SourceError(source, "encrypted PDF (needs a password)") from exc
        if isinstance(cause, UnicodeDecodeError):  # not Python's "'utf-8' codec can't…"
            raise SourceError(
                source,
                f"not a readable PDF, damaged or truncated (byte 0x{bad_bytes(cause)[1]} "
                f"is not {cause.encoding.upper()} text)",
            ) from exc
        raise SourceError(
            source, f"not a readable PDF, damaged or truncated ({cause or type(cause).__name__})"
        ) from exc
    if not pages:
        raise SourceError(source, "PDF has no pages")
    check_mapped(source, [c for chars, _ in pages for c in chars])
    texts = [layout_text(chars, pictures) for chars, pictures in pages]
    if not any(text.strip() for text in texts):
        raise SourceError(source, _NO_TEXT)
    read: list[PageText | SourceError] = []
    for number, text in enumerate(texts, start=1):
        name = source if len(texts) == 1 else f"{source}#page={number}"
        if not text.strip():
            read.append(SourceError(name, "page has no text layer (a photo or scan?)"))
            continue
        read.append(
            PageText(text=text + "\n", source=name, format=SourceFormat.PDF, title=title, url=url)
        )
    return read


def check_mapped(source: str, chars: list[dict]) -> None:
    """Raise ``SourceError`` when most visible ``chars`` are pdfminer's ``(cid:N)``
    placeholders (fonts without a Unicode mapping)."""
    glyphs = [c["text"] for c in chars if c["text"].strip()]
    unmapped = sum(text.startswith("(cid:") for text in glyphs)
    if glyphs and unmapped > len(glyphs) / 2:
        raise SourceError(source, _UNMAPPED.format(unmapped, len(glyphs)))


def _pictures(page) -> list[tuple[float, float, float, float]]:
    """Boxes of the page's images and big filled panels that hold no characters."""
    boxes = [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
    for rect in page.rects:
        if rect.get("fill") and rect["width"] > 27 and rect["height"] > 27:
            boxes.append((rect["x0"], rect["top"], rect["x1"], rect["bottom"]))
    return [
        box
        for box in boxes
        if not any(
            box[0] <= c["x0"] and c["x1"] <= box[2] and box[1] <= c["top"] and c["bottom"] <= box[3]
            for c in page.chars
        )
    ]


def _info_text(value) -> str:
    """A document-info string (pdfminer gives bytes or str) as text."""
    if isinstance(value, bytes):
        for encoding in ("utf-16", "utf-8", "latin-1"):
            try:
                return value.decode(encoding).strip("\x00 ")
            except UnicodeDecodeError:
                continue
    return str(value or "").strip()
