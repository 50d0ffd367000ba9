"""Plain-text pages: UTF-8 or GB18030, decoded by ``normalize.decode_page``."""

from __future__ import annotations

from ..normalize import PageDecodeError, decode_page
from .base import PageText, SourceError, SourceFormat
from .sniff import binary_kind

__all__ = ["read_text"]


def read_text(source: str, data: bytes, *, url: str = "") -> PageText:
    """A text page from ``data`` (the bytes of the file named ``source``).

    Raises ``SourceError`` for an empty file, a known binary format (image, Office file,
    other archive), or bytes that ``decode_page`` refuses (neither UTF-8 nor GB18030,
    mojibake, control characters).
    """
    if not data.strip():
        raise SourceError(source, "empty file")
    kind = binary_kind(data)
    if kind:
        raise SourceError(source, f"is {kind}, not a page (text, HTML, PDF or zip)")
    try:
        text = decode_page(data)
    except PageDecodeError as exc:
        raise SourceError(source, str(exc)) from exc
    return PageText(text=text, source=source, format=SourceFormat.TEXT, url=url)
