"""Celery tasks: one page per task, so any number of workers on any number of machines
share a run (they need only the broker and the database).

Idempotent by the page hash: ``ingest_page`` stores a page once, so a task delivered
twice (``acks_late``: a worker killed mid-task gives the task back) or the same page
queued by two runs stores it once and reports "unchanged" the second time.
"""

from datetime import date

from celery import shared_task

from .ingest_guard import unmap_sqlite_for_ingest, use_ingest_statement_timeout
from .services.runs import IngestOptions, PageInput, ingest_one, record_outcomes


@shared_task(name="articles.ingest_page", acks_late=True, ignore_result=True)
def ingest_page_task(
    run_id: int, name: str, text: str, options: dict, url: str = "", issue_date: str | None = None
) -> str:
    """Ingest one page's ``text`` for the ``IngestRun`` ``run_id`` with the run's
    ``options`` (``IngestOptions.to_json()``); ``url`` and ``issue_date`` (ISO) are what
    the file itself said. Returns the page's one-line outcome.

    The worker's connection gets what ``manage.py ingest`` gives its own: the ingest's
    statement timeout instead of the web requests' (PostgreSQL), and no memory map of the
    SQLite file (a long-lived worker's resident memory grew with every page it touched).
    Set per task, since Celery may open a new connection for any task."""
    use_ingest_statement_timeout()
    unmap_sqlite_for_ingest()
    day = date.fromisoformat(issue_date) if issue_date else None
    page = PageInput(name=name, text=text, url=url, issue_date=day)
    outcome = ingest_one(page, IngestOptions.from_json(options))
    record_outcomes(run_id, [outcome])
    if outcome.error is not None:
        return f"{name}: refused: {outcome.error}"
    return f"{name}: {outcome.report.summary()}"
