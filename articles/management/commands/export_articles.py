"""``manage.py export_articles [--format json|csv]``: every article in the export schema."""

import io
import json

from django.core.management.base import BaseCommand

from articles.exports import serialize_articles, write_csv
from articles.models import Article


class Command(BaseCommand):
    help = "Print every article as JSON (export schema) or its metrics as CSV (one row each)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, format, **options):
        articles = Article.objects.order_by("page_id", "position")
        if format == "csv":
            buffer = io.StringIO()
            write_csv(articles, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            self.stdout.write(
                json.dumps(serialize_articles(articles), ensure_ascii=False, indent=2)
            )
