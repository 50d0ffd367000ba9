"""``manage.py rebuild_aggregates``: recompute the write-time aggregates and copies from
scratch (indicator coverage, ``Metric.published``)."""

from django.core.management.base import BaseCommand

from articles.aggregates import rebuild_coverage, rebuild_metric_dates
from articles.cache import bump_data_version


class Command(BaseCommand):
    help = (
        "Recompute every IndicatorCoverage row from the metrics and every metric's copy of"
        " its article's date (articles.aggregates)."
    )

    def handle(self, *args, **options):
        rebuild_coverage()
        dated = rebuild_metric_dates()
        bump_data_version()
        self.stdout.write(f"indicator coverage rebuilt; {dated} metric dates set")
