"""Writes for pages read from files: ``ingest_page`` plus what the file says about the page.

Kept apart from ``services.ingest_page`` (which takes decoded text) so that the readers in
``articles.ingest.sources`` stay free of Django and the service stays format-blind.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from .cache import bump_data_version
from .ingest.sources import PageText
from .services import IngestReport, ingest_page

__all__ = ["ingest_page_text"]


def ingest_page_text(
    page: PageText, *, issue_date: date | None = None, dry_run: bool = False, **options
) -> IngestReport:
    """Store one ``PageText`` as ``ingest_page`` stores text, all or nothing.

    The issue date is ``issue_date`` (``--date``) or else the date the file states (an
    HTML ``PubDate``); the file's name is ``page.source``; the page's address (``--url`` or
    its canonical link) becomes the source link (``Article.url``) of each of its articles
    that has none yet, so a link set by hand stays. ``options`` go to ``ingest_page``
    (publication, page_label, home_region). Raises ``IngestError`` as ``ingest_page`` does.
    """
    with transaction.atomic():
        report = ingest_page(
            text=page.text,
            issue_date=issue_date or page.date,
            filename=page.source,
            dry_run=dry_run,
            **options,
        )
        if page.url and report.page is not None:
            if report.page.articles.filter(url="").update(url=page.url):
                transaction.on_commit(bump_data_version)
    return report
