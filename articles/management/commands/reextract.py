"""``manage.py reextract [--article ID | --publication NAME | --all]``: re-run extraction
on stored pages with the current catalogue (``articles.services.reextract``); metrics a
person reviewed are kept as they are. Prints one line per changed article and a summary."""

from django.core.management.base import BaseCommand, CommandError

from articles.services.ingest import IngestError
from articles.services.reextract import pages_of, reextract_pages


class Command(BaseCommand):
    help = (
        "Re-extract metrics of stored pages with the current topic and indicator catalogue; "
        "approved, corrected and rejected metrics are left as they are."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--article", type=int, help="the page that printed this article id")
        which.add_argument("--publication", help="every page of the publication of this name")
        which.add_argument("--all", action="store_true", help="every stored page")

    def handle(self, *args, **options):
        try:
            pages = pages_of(
                article=options["article"],
                publication=options["publication"],
                all_pages=options["all"],
            )
            report = reextract_pages(pages)
        except (ValueError, IngestError) as error:
            raise CommandError(str(error)) from error
        for line in report.changes:
            self.stdout.write(line)
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(report.summary())
