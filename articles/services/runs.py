"""Runs of many pages: one ``IngestRun`` row, a progress display and a summary.

``run_pages`` ingests pages in this process, several pages to a transaction: a page that
cannot be stored (undecodable, no articles, a database error after the busy timeout) is
reported in one line naming it and the reason, and the other pages go on.
``queue_pages`` sends each page to Celery as its own task (``articles.tasks``) and
returns at once; workers report into the same ``IngestRun`` through ``record_outcomes``.
"""

from __future__ import annotations

import getpass
import logging
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from ..catalogue import Catalogues
from ..ingest.normalize import PageDecodeError, bad_bytes, decode_page
from ..ingest.sources import SourceError, iter_pages
from ..models import IngestRun, IngestRunStatus
from .ingest import (
    IngestError,
    IngestReport,
    PageStatus,
    PreparedPage,
    dry_run_report,
    prepare_page,
    store_page_or_error,
    store_pages,
)

logger = logging.getLogger(__name__)


@dataclass
class PageInput:
    """One page to ingest: ``name`` (file name or archive member, used in messages) and
    either ``text`` (decoded), ``data`` (bytes, decoded with ``decode_page``) or
    ``path`` (read when its turn comes, so 10,000 queued paths cost no memory).
    ``issue_date`` is the date the file itself states (an HTML page's PubDate), used when
    the run gives none; ``error`` a reader's refusal (the page is reported, not stored)."""

    name: str
    text: str | None = None
    data: bytes | None = None
    path: Path | None = None
    url: str = ""
    issue_date: date | None = None
    error: str | None = None

    def decoded(self) -> str:
        """The page text. Raises ``PageDecodeError`` (bad bytes) or ``OSError`` (file)."""
        if self.text is not None:
            return self.text
        data = self.data if self.data is not None else Path(self.path).read_bytes()
        return decode_page(data)


@dataclass
class IngestOptions:
    """What a run says about all its pages (the ``ingest`` command's options)."""

    publication: str = ""
    issue_date: date | None = None
    page_label: str = ""
    home_region: str | None = None
    dry_run: bool = False

    def to_json(self) -> dict:
        data = asdict(self)
        data["issue_date"] = self.issue_date.isoformat() if self.issue_date else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> IngestOptions:
        data = dict(data)
        if data.get("issue_date"):
            data["issue_date"] = date.fromisoformat(data["issue_date"])
        return cls(**data)


@dataclass
class PageOutcome:
    """What happened to one page: its ``report``, or the ``error`` that refused it."""

    name: str
    report: IngestReport | None = None
    error: str | None = None


def ingest_one(
    page: PageInput, options: IngestOptions, catalogues: Catalogues | None = None
) -> PageOutcome:
    """Ingest one page in its own transaction and never raise for a page's own problem:
    an unreadable or undecodable file, a page with no articles, bad options or a
    database error (e.g. SQLite still locked after its timeout) become
    ``PageOutcome.error``, one line. ``catalogues``: the run's topic and indicator
    catalogues (None: read them now)."""
    prepared = _prepare(page, options, catalogues)
    if isinstance(prepared, PageOutcome):
        return prepared
    return _outcome(page.name, store_page_or_error(prepared))


def _prepare(
    page: PageInput, options: IngestOptions, catalogues: Catalogues | None
) -> PreparedPage | PageOutcome:
    """The page read, parsed and checked (``prepare_page``), or its outcome already: a
    refusal, or the report of a dry run."""
    if page.error is not None:
        return PageOutcome(page.name, error=page.error)
    try:
        prepared = prepare_page(
            text=page.decoded(),
            publication=options.publication,
            issue_date=options.issue_date or page.issue_date,
            page_label=options.page_label,
            home_region=options.home_region,
            filename=page.name,
            url=page.url,
            catalogues=catalogues,
        )
    except Exception as exc:  # noqa: BLE001 - every failure becomes the page's line
        return _outcome(page.name, exc)
    if options.dry_run:
        return PageOutcome(page.name, report=dry_run_report(prepared))
    return prepared


def _outcome(name: str, result: IngestReport | Exception) -> PageOutcome:
    """A page's outcome from its report, or from the exception that refused it (one line
    naming the reason; never a traceback, but a parser bug is logged at debug level)."""
    if isinstance(result, IngestReport):
        return PageOutcome(name, report=result)
    if isinstance(result, FileNotFoundError):
        return PageOutcome(name, error="no such file")
    if isinstance(result, IsADirectoryError):
        return PageOutcome(name, error="is a directory, not a page")
    if isinstance(result, OSError):
        return PageOutcome(name, error=f"cannot read: {result.strerror or result}")
    if isinstance(result, (PageDecodeError, IngestError)):
        return PageOutcome(name, error=str(result))
    if isinstance(result, DatabaseError):
        return PageOutcome(name, error=f"not stored, database error: {_first_line(result)}")
    if isinstance(result, UnicodeDecodeError):  # in our words, not "'utf-8' codec can't…"
        return PageOutcome(
            name,
            error=f"not stored: byte 0x{bad_bytes(result)[1]} is not "
            f"{result.encoding.upper()} text",
        )
    logger.debug("ingest of %s failed", name, exc_info=result)
    return PageOutcome(
        name, error=f"not stored, internal error ({type(result).__name__}): {_first_line(result)}"
    )


def pages_from_paths(
    paths: Iterable[Path], *, max_bytes: int, url: str = ""
) -> Iterator[PageInput]:
    """Every page under ``paths`` (files, directories, zips; text, HTML or PDF, told by
    content: ``articles.ingest.sources.iter_pages``) as a ``PageInput``, lazily, one file
    at a time; a file the readers refuse becomes a ``PageInput`` with its ``error``."""
    for page in iter_pages(paths, max_bytes=max_bytes, url=url):
        if isinstance(page, SourceError):
            yield PageInput(name=page.source, error=page.reason)
        else:
            yield PageInput(name=page.source, text=page.text, url=page.url, issue_date=page.date)


def count_files(paths: Iterable[Path]) -> int:
    """How many files (or archive members) ``paths`` hold: the progress bar's total. A
    PDF of several pages counts once, so the total is a floor."""
    total = 0
    for path in paths:
        if path.is_dir():  # an empty directory is refused as one page
            total += max(1, count_files(p for p in sorted(path.rglob("*")) if p.is_file()))
        elif _is_zip(path):
            try:
                with zipfile.ZipFile(path) as archive:
                    total += sum(1 for info in archive.infolist() if not info.is_dir())
            except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError):
                total += 1  # unreadable (a name flagged UTF-8 that is not): refused when read
        else:
            total += 1
    return max(total, 1)


def _is_zip(path: Path) -> bool:
    try:
        return zipfile.is_zipfile(path)
    except OSError:  # unreadable: counted as one page, refused when read
        return False


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


@dataclass
class RunSummary:
    """Totals of a run: pages stored/updated/unchanged, articles created and recorded
    as duplicates, pages stored without a date (``undated``), and ``refused`` as
    ``[(name, reason)]``."""

    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    articles_created: int = 0
    duplicates: int = 0
    dry_run: int = 0
    undated: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: PageOutcome) -> None:
        if outcome.error is not None:
            self.refused.append((outcome.name, outcome.error))
            return
        report = outcome.report
        self.articles_created += report.articles_created
        self.duplicates += report.articles_duplicate
        if report.status == PageStatus.CREATED:
            self.stored += 1
            if report.page is not None and report.page.issue_date is None:
                self.undated += 1
        elif report.status == PageStatus.UPDATED:
            self.updated += 1
        elif report.status == PageStatus.UNCHANGED:
            self.unchanged += 1
        else:
            self.dry_run += 1

    @property
    def pages(self) -> int:
        return self.stored + self.updated + self.unchanged + self.dry_run + len(self.refused)

    def lines(self) -> list[str]:
        """The end-of-run summary, e.g. ``['1000 pages: 998 stored, 0 updated, ...']``."""
        head = (
            f"{self.pages} pages: {self.stored} stored, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.refused)} refused; "
            f"{self.articles_created} articles created, {self.duplicates} already stored "
            "from another page (recorded as appearances)"
        )
        if self.dry_run:
            head = (
                f"{self.pages} pages parsed (dry run, nothing stored), {len(self.refused)} refused"
            )
        reasons: dict[str, int] = {}
        for _, reason in self.refused:
            reasons[reason] = reasons.get(reason, 0) + 1
        lines = [head] + [f"  refused {n}×: {reason}" for reason, n in sorted(reasons.items())]
        if self.undated:
            lines.append(
                f"  {self.undated} of the stored pages have no date (give --date, or set it in "
                "the admin): their articles have no year, and compare ranks them below dated ones"
            )
        return lines


class Progress:
    """Progress over ``total`` pages: a tqdm bar when ``stream`` is a terminal, else a
    plain line every ``every`` seconds (and at the end), so logs stay readable."""

    def __init__(self, total: int, stream: TextIO | None = None, *, every: float = 10.0):
        self.total, self.stream, self.every = total, stream or sys.stderr, every
        self.done, self.started, self.last = 0, time.monotonic(), time.monotonic()
        self.bar = None
        if getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="page", file=self.stream, dynamic_ncols=True)

    def write(self, line: str, stream: TextIO) -> None:
        """Print a line without breaking the bar."""
        if self.bar is not None:
            self.bar.write(line, file=stream)
        else:
            stream.write(line + "\n")

    def step(self) -> None:
        self.done += 1
        self.total = max(self.total, self.done)  # a PDF of several pages is several pages
        if self.bar is not None:
            self.bar.update(1)
            return
        now = time.monotonic()
        if now - self.last >= self.every and self.done < self.total:
            self.last = now
            self.stream.write(self._line(now) + "\n")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.total > 1:
            self.stream.write(self._line(time.monotonic()) + "\n")

    def _line(self, now: float) -> str:
        rate = self.done / max(now - self.started, 1e-9)
        share = 100 * self.done // max(self.total, 1)
        return f"ingest: {self.done}/{self.total} pages ({share}%), {rate:.1f} pages/s"


def start_run(
    *, total: int, options: IngestOptions, started_by: str = "", queued: bool = False
) -> IngestRun:
    """A new ``IngestRun`` row for ``total`` pages (``started_by`` defaults to the
    operating-system user running the command)."""
    return IngestRun.objects.create(
        started_by=(started_by or _os_user())[:150],
        pages_total=total,
        options=options.to_json(),
        queued=queued,
        status=IngestRunStatus.QUEUED if queued else IngestRunStatus.RUNNING,
    )


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"


def record_outcomes(run_id: int, outcomes: Sequence[PageOutcome]) -> None:
    """Add ``outcomes`` to the run's counts and errors, under a row lock (so concurrent
    workers never lose an update), and finish the run when every page is accounted for."""
    if not outcomes:
        return
    summary = RunSummary()
    for outcome in outcomes:
        summary.add(outcome)
    with transaction.atomic():
        run = IngestRun.objects.select_for_update().get(pk=run_id)
        run.pages_stored = F("pages_stored") + summary.stored
        run.pages_updated = F("pages_updated") + summary.updated
        run.pages_unchanged = F("pages_unchanged") + summary.unchanged + summary.dry_run
        run.pages_refused = F("pages_refused") + len(summary.refused)
        run.articles_created = F("articles_created") + summary.articles_created
        run.articles_duplicate = F("articles_duplicate") + summary.duplicates
        run.errors = run.errors + [{"file": n, "reason": r} for n, r in summary.refused]
        if run.status == IngestRunStatus.QUEUED:
            run.status = IngestRunStatus.RUNNING
        run.save()
        run.refresh_from_db()
        if run.pages_done >= run.pages_total and run.finished_at is None:
            run.finished_at = timezone.now()
            run.status = (
                IngestRunStatus.DONE_WITH_ERRORS if run.pages_refused else IngestRunStatus.DONE
            )
            run.save(update_fields=["finished_at", "status"])


#: In-process runs write their counts to the IngestRun every this many pages.
FLUSH_EVERY = 50


def run_pages(
    pages: Iterable[PageInput],
    options: IngestOptions,
    *,
    run: IngestRun | None = None,
    progress: Progress | None = None,
    on_outcome: Callable[[PageOutcome], None] | None = None,
    batch_pages: int | None = None,
    batch_seconds: float | None = None,
) -> RunSummary:
    """Ingest ``pages`` here, in order; returns the summary.

    Pages are parsed one by one and stored several to a transaction
    (``services.ingest.store_pages``): a batch is stored when it holds ``batch_pages``
    pages or its first page was read ``batch_seconds`` ago (settings
    ``INGEST_BATCH_PAGES``, ``INGEST_BATCH_SECONDS``), so readers see a run's pages at
    most about that late, and a SQLite database's write lock is held for one batch's
    writes at a time, never while parsing. ``on_outcome`` is called for each page, in
    order, once it is stored or refused (e.g. to print it); ``run``, when given, receives
    the counts every ``FLUSH_EVERY`` pages and at the end. The topic and indicator
    catalogues are read once, for the whole run (``Catalogues``).
    """
    batch_pages = max(1, batch_pages or settings.INGEST_BATCH_PAGES)
    if batch_seconds is None:
        batch_seconds = settings.INGEST_BATCH_SECONDS
    summary = RunSummary()
    pending: list[PageOutcome] = []
    waiting: list[tuple[str, PreparedPage | PageOutcome]] = []  # in order, not stored yet
    started = 0.0
    catalogues = None

    def flush() -> None:
        nonlocal pending
        prepared = [p for _, p in waiting if isinstance(p, PreparedPage)]
        results = iter(store_pages(prepared) if prepared else [])
        for name, item in waiting:
            outcome = _outcome(name, next(results)) if isinstance(item, PreparedPage) else item
            summary.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
            if progress is not None:
                progress.step()
            if run is not None:
                pending.append(outcome)
                if len(pending) >= FLUSH_EVERY:
                    record_outcomes(run.pk, pending)
                    pending = []
        waiting.clear()

    for page in pages:
        if catalogues is None and page.error is None:
            catalogues = Catalogues.load()
        if not waiting:
            started = time.monotonic()
        waiting.append((page.name, _prepare(page, options, catalogues)))
        stored = sum(isinstance(p, PreparedPage) for _, p in waiting)
        if stored >= batch_pages or time.monotonic() - started >= batch_seconds:
            flush()
    flush()
    if run is not None:
        # the run's total was counted before reading (``count_files``: a floor, since a
        # PDF of several pages counts once); the pages read are the true total
        IngestRun.objects.filter(pk=run.pk, pages_total__lt=summary.pages).update(
            pages_total=summary.pages
        )
        record_outcomes(run.pk, pending)
    if progress is not None:
        progress.close()
    return summary


def queue_pages(
    pages: Iterable[PageInput], options: IngestOptions, run: IngestRun
) -> list[PageOutcome]:
    """Send each page to the broker as its own task (``articles.tasks.ingest_page_task``)
    and return at once. Pages that cannot even be read or decoded here are recorded on
    the run as refused and returned; the rest are the workers' to report."""
    from ..tasks import ingest_page_task

    refused, seen = [], 0
    for page in pages:
        seen += 1
        if page.error is not None:
            refused.append(PageOutcome(page.name, error=page.error))
            continue
        try:
            text = page.decoded()
        except FileNotFoundError:
            refused.append(PageOutcome(page.name, error="no such file"))
            continue
        except (OSError, PageDecodeError) as exc:
            refused.append(PageOutcome(page.name, error=str(exc)))
            continue
        day = page.issue_date.isoformat() if page.issue_date else None
        ingest_page_task.delay(run.pk, page.name, text, options.to_json(), page.url, day)
    if seen != run.pages_total:  # a PDF of several pages is several pages
        IngestRun.objects.filter(pk=run.pk).update(pages_total=seen)
    record_outcomes(run.pk, refused)
    return refused
