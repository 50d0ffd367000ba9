from django.core.management.base import BaseCommand
from django.db import transaction

from articles.reference import sync_reference_data


class Command(BaseCommand):
    help = "Upsert regions, topics and indicators from fixtures/ (after a fixture changes)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = sync_reference_data()
        kept = counts.pop("kept")
        self.stdout.write(self.style.SUCCESS(", ".join(f"{v} {k}" for k, v in counts.items())))
        if kept:
            self.stdout.write(
                self.style.WARNING(
                    f"Kept {len(kept)} admin edit(s) the fixtures would change: {', '.join(kept)}"
                    " (clear 'edited by hand' in the admin to take the fixture's version)"
                )
            )
