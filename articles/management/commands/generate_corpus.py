"""``manage.py generate_corpus --articles N [--seed S]`` / ``--delete``: the synthetic
corpus of ``articles/corpus.py`` (publication ``synthetic``) for measuring at scale."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.corpus import SYNTHETIC, delete_corpus, generate_corpus


class Command(BaseCommand):
    help = f"Add N synthetic articles under the publication '{SYNTHETIC}', or --delete them."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0, help="how many to add")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--delete", action="store_true", help=f"remove all '{SYNTHETIC}'")

    def handle(self, *args, articles, seed, delete, **options):
        started = time.monotonic()
        if delete:
            removed = delete_corpus()
            self.stdout.write(f"removed {removed} synthetic articles")
            return
        if articles <= 0:
            raise CommandError("--articles must be a positive number (or use --delete)")
        try:
            made = generate_corpus(
                articles=articles,
                seed=seed,
                progress=lambda n: self.stderr.write(f"{n}/{articles}"),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"added {made} synthetic articles in {time.monotonic() - started:.0f} s")
