"""``manage.py ingest PATH [PATH ...]``: store newspaper pages (a thin wrapper over
``articles.ingest.sources.iter_pages``, which reads the files, and
``articles.ingest_files.ingest_page_text``, which stores each page)."""

import argparse
import json
import zipfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from articles.export import serialize_articles
from articles.ingest.gazetteer import Gazetteer
from articles.ingest.sources import SourceError, iter_pages
from articles.ingest_files import ingest_page_text
from articles.schema import parsed_article_export
from articles.services import IngestError


def iso_date(value: str) -> date:
    """argparse type for --date: a real calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"must be a calendar date written YYYY-MM-DD, got {value!r}"
        ) from exc


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
        "stored in one transaction. Re-ingesting a page changes nothing. A file that cannot "
        "be read is reported on one line and the others go on; the exit status is 1 if any "
        "file was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", type=Path, metavar="PATH", help="file, directory or .zip"
        )
        parser.add_argument("--publication", default="", help="newspaper name")
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

    def handle(self, *args, paths, url, date, dry_run, format, **options):
        if url and (len(paths) > 1 or paths[0].is_dir() or zipfile.is_zipfile(paths[0])):
            raise CommandError("--url is the address of one page: give one file with it")
        fields = {key: options[key] for key in ("publication", "page_label", "home_region")}
        dumped, refused, seen = [], [], 0
        for page in iter_pages(paths, max_bytes=settings.INGEST_MAX_FILE_BYTES, url=url or ""):
            seen += 1
            try:
                if isinstance(page, SourceError):
                    raise page
                report = ingest_page_text(page, issue_date=date, dry_run=dry_run, **fields)
            except (SourceError, IngestError) as exc:
                line = str(exc) if isinstance(exc, SourceError) else f"{page.source}: {exc}"
                self.stderr.write(line)
                refused.append(line)
                continue
            dumped.extend(self._report(page.source, report, format, date or page.date, fields))
        if format == "json":
            self.stdout.write(json.dumps(dumped, ensure_ascii=False, indent=2))
        if refused:
            done = "parsed (dry run, nothing stored)" if dry_run else "stored"
            if seen == 1:
                raise CommandError(refused[0])
            raise CommandError(f"{len(refused)} of {seen} pages refused; the others were {done}")

    def _report(self, source, report, format, issue_date, fields) -> list[dict]:
        """Print one page's summary line (text), or return its articles (json)."""
        if format == "json" and report.page is not None:
            # stored: the articles as the database now holds them, ids and urls included
            return serialize_articles(report.page.articles.order_by("position"))
        if format == "json":
            gazetteer = Gazetteer.load()
            return [
                parsed_article_export(a, gazetteer, issue_date, fields["publication"])
                for a in report.parsed.articles
            ]
        self.stdout.write(f"{source}: {report.summary()}")
        for warning in report.warnings:
            self.stderr.write(f"{source}: warning: {warning}")
        return []
