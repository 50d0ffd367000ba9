"""``manage.py rebuild_aggregates``: recompute the write-time aggregates from scratch."""

from django.core.management.base import BaseCommand

from articles.aggregates import rebuild_coverage
from articles.cache import bump_data_version


class Command(BaseCommand):
    help = "Recompute every IndicatorCoverage row from the metrics (articles.aggregates)."

    def handle(self, *args, **options):
        rebuild_coverage()
        bump_data_version()
        self.stdout.write("indicator coverage rebuilt")
