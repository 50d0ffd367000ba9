"""``manage.py ingest PATH [PATH ...]``: store newspaper pages (a thin wrapper over
``articles.services.ingest_page``)."""

import argparse
import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.exports import serialize_articles
from articles.ingest.gazetteer import Gazetteer
from articles.ingest.normalize import PageDecodeError, decode_page
from articles.ingest.schema import parsed_article_export
from articles.services import IngestError, ingest_page


def iso_date(value: str) -> date:
    """argparse type for --date: a real calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"must be a calendar date written YYYY-MM-DD, got {value!r}"
        ) from exc


class Command(BaseCommand):
    help = (
        "Ingest newspaper pages (UTF-8 or GB18030 text): split into articles, find region, "
        "topic and metrics, store in one transaction per page. Re-ingesting a page changes "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--publication", default="", help="newspaper name")
        parser.add_argument("--date", type=iso_date, help="issue date, YYYY-MM-DD")
        parser.add_argument("--page", default="", dest="page_label", help="page label, e.g. 03")
        parser.add_argument(
            "--home-region",
            default=None,
            metavar="ADCODE",
            help="the publication's own region, for 我县/本市 pages",
        )
        parser.add_argument("--dry-run", action="store_true", help="parse and print; write nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(
        self, *args, paths, publication, date, page_label, home_region, dry_run, format, **options
    ):
        dumped = []
        failures = 0
        for path in paths:
            try:
                text = decode_page(path.read_bytes())
                report = ingest_page(
                    text=text,
                    publication=publication,
                    issue_date=date,
                    page_label=page_label,
                    home_region=home_region,
                    filename=path.name,
                    dry_run=dry_run,
                )
            except FileNotFoundError as exc:
                raise CommandError(f"{path}: no such file") from exc
            except (PageDecodeError, IngestError) as exc:
                if len(paths) == 1:
                    raise CommandError(f"{path}: {exc}") from exc
                self.stderr.write(f"{path}: {exc}")
                failures += 1
                continue
            if format == "json" and report.page is not None:
                # stored: the articles as the database now holds them, ids and urls included
                dumped.extend(serialize_articles(report.page.articles.order_by("position")))
            elif format == "json":
                gazetteer = Gazetteer.load()
                dumped.extend(
                    parsed_article_export(a, gazetteer, date, publication)
                    for a in report.parsed.articles
                )
            else:
                self.stdout.write(f"{path}: {report.summary()}")
                for warning in report.warnings:
                    self.stderr.write(f"{path}: warning: {warning}")
        if format == "json":
            self.stdout.write(json.dumps(dumped, ensure_ascii=False, indent=2))
        if failures:
            done = "parsed (dry run, nothing stored)" if dry_run else "stored"
            raise CommandError(f"{failures} of {len(paths)} pages failed; the others were {done}")
