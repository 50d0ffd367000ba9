"""``manage.py rebuild_aggregates``: recompute the write-time aggregates and copies from
scratch (indicator coverage, article and publication counts, metrics per region,
``Metric.published``, compare winners, SQLite's search cells)."""

from django.core.management.base import BaseCommand

from articles import article_counts, compare_winners, region_counts
from articles.aggregates import rebuild_coverage, rebuild_metric_dates
from articles.cache import bump_data_version
from articles.search_cells import rebuild_cells


class Command(BaseCommand):
    help = (
        "Recompute every IndicatorCoverage row from the metrics and every metric's copy of"
        " its article's date (articles.aggregates), and the article and publication counts"
        " from the articles (articles.article_counts), the metrics per region"
        " (articles.region_counts), and compare's winner of every indicator and region"
        " (articles.compare_winners), and SQLite's search cells (articles.search_cells)."
    )

    def handle(self, *args, **options):
        rebuild_coverage()
        article_counts.rebuild()
        region_counts.rebuild()
        dated = rebuild_metric_dates()
        winners = compare_winners.rebuild()  # after the dates: they rank the values
        rebuild_cells()
        bump_data_version()
        self.stdout.write(f"indicator coverage rebuilt; {dated} metric dates set")
        self.stdout.write("article counts rebuilt")
        self.stdout.write(f"compare winners rebuilt: {winners} (indicator, region) pairs")
        self.stdout.write("metrics per region rebuilt")
