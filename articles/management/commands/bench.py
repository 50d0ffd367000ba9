"""``manage.py bench [--json] [--rounds N] [--only NAME ...]``: every page's server time
against the current database, cold and warm (``articles/bench.py``), after the start-up
of a production worker (``govreports.startup.freeze_loaded_objects``)."""

import json

from django.core.management.base import BaseCommand

from articles.bench import run
from govreports.startup import freeze_loaded_objects


class Command(BaseCommand):
    help = "Time every page (cold: cache cleared before each request; warm) on this database."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--rounds", type=int, default=7, help="requests per page and mode")
        parser.add_argument("--only", nargs="*", help="page names to measure (default all)")

    def handle(self, *args, json: bool, rounds: int, only, **options):
        freeze_loaded_objects()  # as govreports/wsgi.py does in every worker
        report = run(rounds=rounds, only=only)
        if json:
            self.stdout.write(_json.dumps(report, ensure_ascii=False, indent=1))
            return
        probe = report["cpu_probe_ms"]
        self.stdout.write(
            f"{report['database']}: {report['articles']} articles, {report['metrics']} metrics"
            f" (CPU probe {probe['before']:.2f} ms before, {probe['after']:.2f} after;"
            f" {report['python']})"
        )
        self.stdout.write(
            f"{'page':22} {'p50':>8} {'p95':>8} {'sql p95':>8} {'warm p50':>9} queries"
        )
        for name, cold in report["views"].items():
            warm = report["warm"][name]
            self.stdout.write(
                f"{name:22} {cold['p50_ms']:8.1f} {cold['p95_ms']:8.1f} "
                f"{cold['sql_p95_ms']:8.1f} {warm['p50_ms']:9.1f} {cold['queries']:7d}"
                + ("" if cold["status"] == 200 else f"  HTTP {cold['status']}")
            )


_json = json
