"""``manage.py ingest PATH [PATH ...]``: store newspaper pages (a thin wrapper over
``articles.services.runs``: ``pages_from_paths`` reads the files through
``articles.ingest.sources``, ``run_pages`` stores them in-process, ``queue_pages`` sends
them to Celery with ``--queue``)."""

import argparse
import json
import zipfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from articles.exports import serialize_articles
from articles.ingest.gazetteer import Gazetteer
from articles.ingest_guard import unmap_sqlite_for_ingest, use_ingest_statement_timeout
from articles.models import EARLIEST_YEAR, LATEST_YEAR
from articles.schema import parsed_article_export
from articles.services.runs import (
    IngestOptions,
    PageOutcome,
    Progress,
    RunSummary,
    count_files,
    pages_from_paths,
    queue_pages,
    run_pages,
    start_run,
)

#: Up to this many pages, each gets its line at the default verbosity; above, only
#: refusals, the progress and the summary (``-v 2`` prints every page).
PAGE_LINES_UP_TO = 10


def iso_date(value: str) -> date:
    """argparse type for --date: a real calendar date written YYYY-MM-DD, in the years
    the site shows (``models.EARLIEST_YEAR`` to ``LATEST_YEAR``)."""
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"must be a calendar date written YYYY-MM-DD, got {value!r}"
        ) from exc
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise argparse.ArgumentTypeError(
            f"must be a date from {EARLIEST_YEAR} to {LATEST_YEAR}, got {value!r}"
        )
    return day


def page_url(value: str) -> str:
    """argparse type for --url: an http(s) address, as Article.url stores it."""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(f"must be an http(s) address, got {value!r}") from exc
    return value


class Command(BaseCommand):
    help = (
        "Ingest newspaper pages: text (UTF-8 or GB18030), HTML article pages, PDF pages with "
        "a text layer, directories of them (recursively) and zip archives; the format is told "
        "by content. Each page is split into articles with region, topic and metrics and "
        "stored all or nothing (several pages to a transaction). Re-ingesting a page changes nothing; an article already "
        "stored from another page is recorded, not stored again. A file that cannot be read "
        "is reported on one line and the others go on; the exit status is 1 if any was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", type=Path, metavar="PATH", help="file, directory or .zip"
        )
        parser.add_argument(
            "--publication",
            default="",
            help="newspaper or site name; created on first use with --home-region as its home",
        )
        parser.add_argument("--date", type=iso_date, help="issue date, YYYY-MM-DD")
        parser.add_argument("--page", default="", dest="page_label", help="page label, e.g. 03")
        parser.add_argument(
            "--home-region",
            default=None,
            metavar="ADCODE",
            help="the publication's own region, for 我县/本市 pages",
        )
        parser.add_argument(
            "--url", type=page_url, default=None, help="the page's web address (one file only)"
        )
        parser.add_argument("--dry-run", action="store_true", help="parse and print; write nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="send each page to the Celery workers (CELERY_BROKER_URL) and return; "
            "without a broker the pages are ingested here",
        )

    def handle(self, *args, paths, format, queue, verbosity, url, **opts):
        if url and (len(paths) > 1 or paths[0].is_dir() or zipfile.is_zipfile(paths[0])):
            raise CommandError("--url is the address of one page: give one file with it")
        options = IngestOptions(
            publication=opts["publication"],
            issue_date=opts["date"],
            page_label=opts["page_label"],
            home_region=opts["home_region"],
            dry_run=opts["dry_run"],
        )
        use_ingest_statement_timeout()
        unmap_sqlite_for_ingest()
        total = count_files(paths)
        pages = pages_from_paths(paths, max_bytes=settings.INGEST_MAX_FILE_BYTES, url=url or "")
        if queue and settings.CELERY_BROKER_URL and not options.dry_run:
            return self._queue(pages, total, options)
        if queue:
            self.stderr.write("no CELERY_BROKER_URL set (or a dry run): ingesting here")
        self._finish(self._run_here(pages, total, options, format, verbosity), options)

    def _run_here(self, pages, total, options, format, verbosity) -> RunSummary:
        """Ingest ``pages`` in this process, printing each page's line (or collecting its
        JSON) as it goes; returns the run's summary."""
        run = None if options.dry_run else start_run(total=total, options=options)
        progress = Progress(total, self.stderr._out) if total > 1 else None
        dumped = []
        every_page = verbosity >= 2 or (verbosity >= 1 and total <= PAGE_LINES_UP_TO)

        def show(outcome: PageOutcome) -> None:
            if outcome.error is not None:
                if total > 1:  # one page's refusal is the command's error (``_finish``)
                    self._line(progress, f"{outcome.name}: refused: {outcome.error}", self.stderr)
            elif format == "json":
                dumped.extend(self._json_items(outcome, options))
            elif every_page:
                self._line(progress, f"{outcome.name}: {outcome.report.summary()}", self.stdout)
                for warning in outcome.report.warnings:
                    self._line(progress, f"{outcome.name}: warning: {warning}", self.stderr)

        summary = run_pages(pages, options, run=run, progress=progress, on_outcome=show)
        if format == "json":
            self.stdout.write(json.dumps(dumped, ensure_ascii=False, indent=2))
        elif summary.pages > 1:
            for line in summary.lines():
                self.stdout.write(line)
        return summary

    @staticmethod
    def _finish(summary: RunSummary, options: IngestOptions) -> None:
        """Exit status 1 (``CommandError``) when a page was refused, saying which."""
        if summary.refused and summary.pages == 1:
            name, reason = summary.refused[0]
            raise CommandError(f"{name}: {reason}")
        if summary.refused:
            if options.dry_run:
                done = "the others were parsed (dry run, nothing stored)"
            else:
                done = (
                    f"of the others {summary.stored} stored, {summary.updated} updated, "
                    f"{summary.unchanged} unchanged"
                )
            raise CommandError(f"{len(summary.refused)} of {summary.pages} pages refused; {done}")

    def _queue(self, pages, total, options):
        from kombu.exceptions import OperationalError

        run = start_run(total=total, options=options, queued=True)
        try:
            refused = queue_pages(pages, options, run)
        except OperationalError as exc:
            run.delete()
            raise CommandError(
                f"cannot reach the broker at {settings.CELERY_BROKER_URL}: {exc}"
            ) from exc
        for outcome in refused:
            self.stderr.write(f"{outcome.name}: refused: {outcome.error}")
        run.refresh_from_db()
        message = (
            f"queued {run.pages_total - len(refused)} pages as ingest run {run.pk} "
            f"(progress in the admin: Ingest runs); {len(refused)} refused"
        )
        if refused:  # the exit status says a page was refused, as a run here does
            raise CommandError(message)
        self.stdout.write(message)

    @staticmethod
    def _line(progress, line, stream):
        if progress is not None:
            progress.write(line, stream._out)
        else:
            stream.write(line)

    @staticmethod
    def _json_items(outcome, options):
        report = outcome.report
        if report.page is not None:
            # stored: the articles as the database now holds them, ids and urls included
            return serialize_articles(report.page.articles.order_by("position"))
        gazetteer = Gazetteer.load()
        return [
            parsed_article_export(
                a, gazetteer, report.issue_date, options.publication, source_url=report.url
            )
            for a in report.parsed.articles
        ]
