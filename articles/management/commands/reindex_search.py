"""``manage.py reindex_search``: rebuild the search index from every stored article (after a
bulk load that bypassed ``Article.save``, or to repair it)."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from articles.search import index_articles


class Command(BaseCommand):
    help = "Rebuild the search index (articles/search.py) from every article."

    def handle(self, *args, **options):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM articles_search")
            count = index_articles()
        self.stdout.write(f"indexed {count} articles")
