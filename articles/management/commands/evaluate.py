"""``manage.py evaluate GOLD.json PAGE.txt``: precision/recall of the extractor on a page
someone annotated (seed_gold.json format). Parses in memory; writes nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.evaluation import evaluate
from articles.ingest.normalize import PageDecodeError, decode_page
from articles.ingest.pipeline import parse_page


class Command(BaseCommand):
    help = "Score the extractor on a page against a gold reading (seed_gold.json format)."

    def add_arguments(self, parser):
        parser.add_argument("gold", type=Path)
        parser.add_argument("page", type=Path)
        parser.add_argument("--home-region", default=None, metavar="ADCODE")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, gold, page, home_region, format, **options):
        try:
            gold_data = json.loads(gold.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(f"no such file: {exc.filename}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{gold}: not a JSON gold file ({exc})") from exc
        try:
            text = decode_page(page.read_bytes())
        except FileNotFoundError as exc:
            raise CommandError(f"no such file: {exc.filename}") from exc
        except PageDecodeError as exc:
            raise CommandError(f"{page}: {exc}") from exc
        if not isinstance(gold_data, dict) or not isinstance(gold_data.get("items"), list):
            raise CommandError(f"{gold}: not a gold file (no 'items' list)")
        result = evaluate(gold_data, parse_page(text, home_region=home_region))
        if format == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        lines = [
            f"items found      {result.items.right}/{result.items.total}",
            f"titles/bylines   {result.titles.right}/{result.titles.total}",
            f"regions          {result.regions.right}/{result.regions.total}",
            f"topics           {result.topics.right}/{result.topics.total}",
            f"metrics          recall {result.recall:.1%} ({result.metrics_found}/"
            f"{result.metrics_gold}), precision {result.precision:.1%} "
            f"({result.metrics_found}/{result.metrics_extracted} extracted)",
            f"metric details   {result.metric_values.right}/{result.metric_values.total} "
            "with approx and previous value right",
            f"indicators       {result.indicators.right}/{result.indicators.total}",
            f"metric regions   {result.metric_regions.right}/{result.metric_regions.total}",
            f"parts            {result.parts} figures in {result.part_groups} groups"
            + (
                f", roles {result.part_roles.right}/{result.part_roles.total}"
                if result.part_roles.total
                else ""
            ),
            f"must-not-extract {len(result.must_not_violations)} violations",
        ]
        for label, misses in [
            ("missed item", result.items.misses),
            ("title/byline", result.titles.misses),
            ("region", result.regions.misses),
            ("topic", result.topics.misses),
            ("missed metric", result.unmatched_metrics),
            ("metric detail", result.metric_values.misses),
            ("indicator", result.indicators.misses),
            ("metric region", result.metric_regions.misses),
            ("part role", result.part_roles.misses),
            ("must-not", result.must_not_violations),
        ]:
            lines.extend(f"  {label}: {m}" for m in misses)
        self.stdout.write("\n".join(lines))
