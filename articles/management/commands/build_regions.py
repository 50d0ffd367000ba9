from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.gazetteer_build import write_fixture


class Command(BaseCommand):
    help = "Rebuild fixtures/regions.json (GB/T 2260 to county level) from jionlp's gazetteer."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "regions.json"
        )

    def handle(self, *args, output: Path, **options):
        count = write_fixture(output)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} regions to {output}"))
