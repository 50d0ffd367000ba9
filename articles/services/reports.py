"""What an ingest says it did: ``IngestReport`` per page, its ``PageStatus``, and the
``IngestError`` that refuses a page before anything is written (``services.ingest``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..ingest.types import ParsedPage
from ..models import SourcePage

__all__ = ["IngestError", "IngestReport", "PageStatus"]


class IngestError(ValueError):
    """The page cannot be ingested as asked (unknown home region, empty page...)."""


class PageStatus(StrEnum):
    """What ``ingest_page`` did with a page."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DRY_RUN = "dry-run"


@dataclass
class IngestReport:
    """What one ``ingest_page`` call did.

    ``status`` is a ``PageStatus``: ``created`` (new page), ``updated`` (known page,
    something changed), ``unchanged`` (known page, nothing to do) or ``dry-run``.
    ``stored_by_another_run`` is set when the page was new when this call began and
    another, concurrent ingest stored it first. Counts are of articles and metrics;
    ``articles_duplicate`` counts items already stored from another page (recorded as
    appearances). ``page`` is the stored SourcePage (None for a dry run); ``parsed`` is
    the pipeline's output, so callers can print it. A dry run's ``issue_date`` and
    ``url`` are the date and source address the page would be stored with (the run's
    options, else what the file itself says).
    """

    status: PageStatus
    parsed: ParsedPage
    page: SourcePage | None = None
    articles_created: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_duplicate: int = 0
    metrics_created: int = 0
    metrics_deleted: int = 0
    stored_by_another_run: bool = False
    page_changes: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    issue_date: date | None = None
    url: str = ""

    def summary(self) -> str:
        """One line for humans, e.g. 'created: 8 articles (8 new), 46 metrics'."""
        n = len(self.parsed.articles)
        if self.status == PageStatus.DRY_RUN:
            m = sum(len(a.quantities) for a in self.parsed.articles)
            return (
                f"dry run: would store {n} {'article' if n == 1 else 'articles'}, "
                f"{m} metrics (nothing written)"
            )
        status = str(self.status)
        if self.stored_by_another_run:
            status += " (stored by another run)"
        line = (
            f"{status}: {n} {'article' if n == 1 else 'articles'} "
            f"({self.articles_created} new, {self.articles_updated} updated, "
            f"{self.articles_unchanged} unchanged"
        )
        if self.articles_duplicate:
            line += f", {self.articles_duplicate} already stored from another page"
        line += f"), {self.metrics_created} metrics written, {self.metrics_deleted} removed"
        if self.page_changes:
            line += "; page details changed (" + "; ".join(self.page_changes) + ")"
        return line
