"""Read page files of every format into ``PageText`` (pure Python, no Django).

``iter_pages(paths, max_bytes=…)`` walks files, directories (recursively, in name order)
and zip archives and yields one ``PageText`` per page, or one ``SourceError`` per file it
refuses, and goes on with the next file. The format is told by content
(``sniff.sniff_format``), so a page saved with the wrong extension is still read:

- text: ``text.read_text`` (UTF-8 or GB18030);
- HTML: ``html.read_html`` (trafilatura main text, page metadata);
- PDF: ``pdf.read_pdf`` (pdfplumber text layer in reading order, one ``PageText`` per
  PDF page; scans refused);
- zip: ``archive.iter_members`` (limits against zip bombs and paths outside it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .archive import ASSET_SUFFIXES, ArchiveLimits, iter_members
from .base import PageText, SourceError, SourceFormat
from .sniff import sniff_format

__all__ = [
    "ArchiveLimits",
    "PageText",
    "SourceError",
    "SourceFormat",
    "iter_pages",
    "read_file_pages",
    "read_page",
    "read_pages",
]


def read_page(source: str, data: bytes, *, url: str = "") -> PageText:
    """The one page in ``data`` (the bytes of the file named ``source``), format by content.

    Raises ``SourceError`` naming ``source`` when the bytes are no readable page, and for a
    zip or a PDF of several pages (read those with ``read_pages`` or ``iter_pages``).
    """
    pages = read_pages(source, data, url=url)
    if len(pages) != 1:
        raise SourceError(source, f"holds {len(pages)} pages; read it with iter_pages")
    if isinstance(pages[0], SourceError):
        raise pages[0]
    return pages[0]


def read_pages(source: str, data: bytes, *, url: str = "") -> list[PageText | SourceError]:
    """Every page in ``data`` (one for text and HTML, one per page for PDF; see
    ``pdf.read_pdf``), or a ``SourceError`` in the list for a page that cannot be read.

    Raises ``SourceError`` naming ``source`` when the file as a whole cannot be read, and
    for a zip (archives are read by ``iter_pages``).
    """
    fmt = sniff_format(data)
    if fmt is SourceFormat.PDF:
        from .pdf import read_pdf  # pdfplumber is imported only when a PDF comes

        return read_pdf(source, data, url=url)
    if fmt is SourceFormat.HTML:
        from .html import read_html  # trafilatura likewise

        return [read_html(source, data, url=url)]
    if fmt is SourceFormat.ZIP:
        raise SourceError(source, "is a zip archive; give it to iter_pages")
    from .text import read_text

    return [read_text(source, data, url=url)]


def iter_pages(
    paths: Iterable[str | os.PathLike],
    *,
    max_bytes: int,
    url: str = "",
    limits: ArchiveLimits | None = None,
) -> Iterator[PageText | SourceError]:
    """Every page under ``paths``, or a ``SourceError`` for each file that is refused.

    ``paths`` are files, directories (walked recursively in sorted order; dot files and
    web assets such as .css/.js/.jpg skipped) or zip archives. ``max_bytes`` is the largest file or archive member read
    (Django setting ``INGEST_MAX_FILE_BYTES``); an archive may be up to
    ``limits.max_total_bytes`` on disk. ``url`` (``--url``) is given to every page.
    Never raises for a bad file: it yields the error and goes on.
    """
    limits = limits or ArchiveLimits(max_bytes=max_bytes)
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            if not files:
                yield SourceError(str(path), "directory holds no files")
            for file in files:
                yield from _read_file(file, max_bytes, url, limits)
        else:
            yield from _read_file(path, max_bytes, url, limits)


def read_file_pages(
    path: str | os.PathLike,
    *,
    name: str,
    max_bytes: int,
    url: str = "",
    limits: ArchiveLimits | None = None,
) -> Iterator[PageText | SourceError]:
    """Every page of the one file at ``path`` (text, HTML, PDF or zip, told by content),
    named ``name`` in pages and refusals (e.g. the name an upload had on the user's
    machine, while ``path`` is where it was kept). Refuses as ``iter_pages`` does; never
    raises for a bad file."""
    limits = limits or ArchiveLimits(max_bytes=max_bytes)
    yield from _read_file(Path(path), max_bytes, url, limits, source=name)


def _hidden(path: Path, root: Path) -> bool:
    """Dot files and folders, and web page assets (``ASSET_SUFFIXES``), are no pages."""
    if path.suffix.lower() in ASSET_SUFFIXES:
        return True
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(
    path: Path, max_bytes: int, url: str, limits: ArchiveLimits, source: str = ""
) -> Iterator[PageText | SourceError]:
    source = source or str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
            if sniff_format(head) is SourceFormat.ZIP:
                if size > limits.max_total_bytes:
                    yield SourceError(
                        source, f"is {size} bytes, over the limit of {limits.max_total_bytes}"
                    )
                    return
                handle.seek(0)
                yield from _read_archive(source, handle, url, limits)
                return
            if size > max_bytes:
                yield SourceError(source, f"is {size} bytes, over the limit of {max_bytes} bytes")
                return
            data = head + handle.read()
    except FileNotFoundError:
        yield SourceError(source, "no such file or directory")
        return
    except OSError as exc:
        yield SourceError(source, f"cannot be read ({exc.strerror or exc})")
        return
    yield from _pages_or_error(source, data, url)


def _read_archive(
    source: str, handle, url: str, limits: ArchiveLimits
) -> Iterator[PageText | SourceError]:
    for item in iter_members(source, handle, limits):
        if isinstance(item, SourceError):
            yield item
        else:
            yield from _pages_or_error(*item, url)


def _pages_or_error(source: str, data: bytes, url: str) -> list[PageText | SourceError]:
    try:
        return read_pages(source, data, url=url)
    except SourceError as exc:
        return [exc]
