"""``manage.py rebuild_aggregates``: recompute the write-time aggregates and copies from
scratch (indicator coverage, article and publication counts, ``Metric.published``,
SQLite's search cells)."""

from django.core.management.base import BaseCommand

from articles import article_counts
from articles.aggregates import rebuild_coverage, rebuild_metric_dates
from articles.cache import bump_data_version
from articles.search_cells import rebuild_cells


class Command(BaseCommand):
    help = (
        "Recompute every IndicatorCoverage row from the metrics and every metric's copy of"
        " its article's date (articles.aggregates), and the article and publication counts"
        " from the articles (articles.article_counts)."
    )

    def handle(self, *args, **options):
        rebuild_coverage()
        article_counts.rebuild()
        dated = rebuild_metric_dates()
        rebuild_cells()
        bump_data_version()
        self.stdout.write(f"indicator coverage rebuilt; {dated} metric dates set")
        self.stdout.write("article counts rebuilt")
