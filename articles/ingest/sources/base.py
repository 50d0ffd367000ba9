"""What every reader returns: ``PageText`` (a page's text and what the file says about it)
or ``SourceError`` (why the file cannot be read), and the formats told apart by content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = ["PageText", "SourceError", "SourceFormat"]


class SourceFormat(StrEnum):
    """A file's format as told by its content (see ``sniff.sniff_format``)."""

    TEXT = "text"
    HTML = "html"
    PDF = "pdf"
    ZIP = "zip"


class SourceError(ValueError):
    """A file (or archive member) that cannot be read as a page.

    ``source`` names it as the user knows it: a path, or ``archive.zip:member.html`` for an
    archive member; ``reason`` says what is wrong in words a user can act on. ``str()`` is
    ``"<source>: <reason>"``, one line.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class PageText:
    """One page read from a file: the text for ``parse_page`` and the file's own metadata.

    - ``text``: the page as plain text, headline blocks on their own lines and paragraphs
      or hard-wrapped column lines below them (the form ``articles.ingest.split`` reads).
    - ``source``: the file's name as the user gave it (``archive.zip:member`` in archives).
    - ``format``: the ``SourceFormat`` the content was read as.
    - ``title``/``kicker``/``subtitle``/``byline``: what the page's markup says (HTML meta
      tags and headings, PDF document info); '' when it says nothing. The same lines are
      in ``text`` when the page prints them.
    - ``date``: the publication date the page states (HTML ``PubDate`` meta and the like),
      else None. ``url``: ``--url`` or the page's canonical address, else ''.
    - ``publication``: the site or paper the page names itself (``ContentSource``,
      ``og:site_name``), a hint only.
    """

    text: str
    source: str
    format: SourceFormat
    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    date: date | None = None
    url: str = ""
    publication: str = ""
