from django.core.management.base import BaseCommand
from django.db import transaction

from articles.reference import sync_reference_data


class Command(BaseCommand):
    help = "Upsert regions, topics and indicators from fixtures/ (after a fixture changes)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = sync_reference_data()
        self.stdout.write(self.style.SUCCESS(", ".join(f"{v} {k}" for k, v in counts.items())))
