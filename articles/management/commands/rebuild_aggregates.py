"""``manage.py rebuild_aggregates``: recompute the write-time aggregates from scratch."""

from django.core.management.base import BaseCommand

from articles import article_counts
from articles.aggregates import rebuild_coverage
from articles.cache import bump_data_version


class Command(BaseCommand):
    help = (
        "Recompute every IndicatorCoverage row from the metrics (articles.aggregates) and "
        "the article and publication counts from the articles (articles.article_counts)."
    )

    def handle(self, *args, **options):
        rebuild_coverage()
        article_counts.rebuild()
        bump_data_version()
        self.stdout.write("indicator coverage rebuilt")
        self.stdout.write("article counts rebuilt")
