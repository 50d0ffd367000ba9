"""Limits an ingest checks before and after parsing a page (issue 12, "bounded ingest").

Parsing time grows faster than the text (a 64 KB line took 9.4 s, a 1 MB line did not
finish in 15 minutes) and a 50 MB file became one 17.7-million-character article, so
what is parsed is bounded first; junk (``。。。！！！——1234567890……``, ASCII filler) is
refused rather than stored. Limits are settings (``govreports/settings.py``, each
overridable by an environment variable of the same name prefixed ``DJANGO_``):

========================= ======= =====================================================
setting                   default meaning
========================= ======= =====================================================
INGEST_MAX_FILE_BYTES     8 MiB   largest page file read (PDF pages are a few MB)
INGEST_MAX_PAGE_CHARS     524,288 most characters of text one page may hold (a
                                  newspaper page is 10,000–60,000)
INGEST_MAX_LINE_CHARS     20,000  longest line (a long paragraph is ~2,000 characters)
INGEST_MAX_ARTICLE_CHARS  50,000  longest article body after splitting
INGEST_MIN_ARTICLE_HAN    8       Chinese characters the body of at least one article
                                  must have for the page to be stored
========================= ======= =====================================================

Every check raises ``PageRefused`` (a ``ValueError``) with a message that says what and
which limit; callers add the file name. Nothing here touches the database.
"""

from __future__ import annotations

import re
from itertools import islice

from django.conf import settings
from django.db import connection

# CJK Unified Ideographs, Extension A, Compatibility Ideographs and Extensions B–F.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")


class PageRefused(ValueError):
    """A page file or text that is over a limit or has no recognizable article."""


def check_page_text(text: str) -> None:
    """Refuse decoded page ``text`` that is too large or too long a line to parse in
    bounded time, or that has fewer Chinese characters in all than one article needs.
    Linear in ``len(text)``. Blank text passes (the parse finds no articles and the
    service says so). Raises ``PageRefused``."""
    max_chars = settings.INGEST_MAX_PAGE_CHARS
    if len(text) > max_chars:
        raise PageRefused(
            f"has {len(text):,} characters, over the limit of {max_chars:,} for one page "
            "(INGEST_MAX_PAGE_CHARS)"
        )
    max_line = settings.INGEST_MAX_LINE_CHARS
    lines = text.splitlines()
    if lines and max(map(len, lines)) > max_line:  # the loop only to name the line
        for number, line in enumerate(lines, start=1):
            if len(line) > max_line:
                raise PageRefused(
                    f"line {number} has {len(line):,} characters, over the limit of "
                    f"{max_line:,} (INGEST_MAX_LINE_CHARS); is it a newspaper page?"
                )
    if text.strip() and not has_han(text, settings.INGEST_MIN_ARTICLE_HAN):
        raise PageRefused(_no_article_message())


def has_han(text: str, minimum: int) -> bool:
    """Whether ``text`` has at least ``minimum`` Chinese characters (``HAN``), found by
    scanning only as far as the ``minimum``-th: a page has thousands, and listing them
    all to count them was most of the page checks' time."""
    return len(list(islice(HAN.finditer(text), minimum))) >= minimum


def check_parsed_articles(bodies: list[str]) -> None:
    """Refuse a parse whose article ``bodies`` (in page order) hold an article longer than
    ``INGEST_MAX_ARTICLE_CHARS`` or none with ``INGEST_MIN_ARTICLE_HAN`` Chinese
    characters. Raises ``PageRefused`` naming the article (1-based position)."""
    limit = settings.INGEST_MAX_ARTICLE_CHARS
    for number, body in enumerate(bodies, start=1):
        if len(body) > limit:
            raise PageRefused(
                f"article {number} has {len(body):,} characters, over the limit of "
                f"{limit:,} (INGEST_MAX_ARTICLE_CHARS)"
            )
    minimum = settings.INGEST_MIN_ARTICLE_HAN
    if not any(has_han(body, minimum) for body in bodies):
        raise PageRefused(_no_article_message())


def _no_article_message() -> str:
    return (
        "no recognizable article: no item has at least "
        f"{settings.INGEST_MIN_ARTICLE_HAN} Chinese characters of text "
        "(INGEST_MIN_ARTICLE_HAN); is it a newspaper page?"
    )


def unmap_sqlite_for_ingest() -> None:
    """Turn SQLite's memory map of the database file off for this process's connection
    (``PRAGMA mmap_size=0``; no-op on other databases). The web's connections map the
    file (``DJANGO_SQLITE_MMAP_BYTES``, for compare's reads), and every mapped page a
    long ingest touches counts in its resident memory: 233 MB instead of 143 MB after
    1,000 pages, growing with the file, against the 500 MB for 10,000 pages of issue 8
    point 5. An ingest writes far more than it reads; read() of a page costs it nothing
    measurable. Stored results do not depend on it."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA mmap_size=0")


def use_ingest_statement_timeout() -> None:
    """Give this process's PostgreSQL connection ``INGEST_STATEMENT_TIMEOUT_MS`` (0 = no
    limit) instead of the web requests' ``statement_timeout``; no-op on other databases."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)",
                [str(int(settings.INGEST_STATEMENT_TIMEOUT_MS))],
            )
