"""``manage.py export_articles [--format json|csv] [--publication NAME]``: every article
(or those a publication printed, reprints included) in the export schema."""

import io
import json

from django.core.management.base import BaseCommand

from articles.exports import serialize_articles, write_csv
from articles.models import Article


class Command(BaseCommand):
    help = "Print every article as JSON (export schema) or its metrics as CSV (one row each)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--publication",
            default="",
            help="only articles this publication printed (name contains)",
        )

    def handle(self, *args, format, publication, **options):
        articles = Article.objects.order_by("page_id", "position")
        if publication:
            articles = articles.in_publication(publication)
        if format == "csv":
            buffer = io.StringIO()
            write_csv(articles, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            self.stdout.write(
                json.dumps(serialize_articles(articles), ensure_ascii=False, indent=2)
            )
