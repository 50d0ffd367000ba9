"""Where ingest time goes (issue 8, point 5): CPU milliseconds per page by stage.

Ingests ``-n`` distinct synthetic pages (``bench_ingest_volume.synthetic_page``) in this
process, as ``manage.py ingest`` does (``run_pages``), into a freshly migrated database,
and reports CPU time (``time.process_time``: this process only, so other work on a
shared machine does not inflate it) per page for each stage:

- ``parse``: ``parse_page`` (split, locate, classify, extract, indicators);
- ``store``: the writes of each page (``page_store.write_page``: inserts, dedupe, search rows);
- ``batch``: the rest of storing a batch of pages (``store_pages``: the locks, then the
  coverage, article counts and compare winners of the batch, and the commit);
- ``other``: the rest of ``ingest_page`` and the run (reading files, the page lookup
  before parsing, fingerprints, run bookkeeping).

On PostgreSQL running on this machine, the CPU time of the server process serving the
run's connection (``/proc/PID/stat`` of ``pg_backend_pid()``) is reported too, in all and
within ``store``: most of a store's work is the server's there.

With ``--profile FILE`` the run is also profiled with cProfile (stats written to FILE,
the top functions by cumulative and by own time printed); the profiler roughly doubles
the times.

Run by hand (CPU-heavy; not a test)::

    python benchmarks/bench_ingest_stages.py -n 300
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/bench_ingest_stages.py

Without ``DATABASE_URL`` a throwaway SQLite file is used; with it, that database is
migrated and emptied of pages and publications first (never point it at data you keep).
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def server_clock():
    """A function giving the CPU seconds (user + system) of the PostgreSQL server process
    of the default connection, or None when that is not readable (SQLite, a server on
    another machine)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
    tick = os.sysconf("SC_CLK_TCK")

    def seconds() -> float:
        fields = stat.read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / tick  # utime, stime

    try:
        seconds()
    except OSError:
        return None
    return seconds


class StageClock:
    """Wraps functions so that their CPU time adds up under a stage name (and the
    server's, under ``NAME (server)``, when ``server`` reads it)."""

    def __init__(self, server=None):
        self.spent: dict[str, float] = {}
        self.server = server

    def wrap(self, module, name: str, stage: str) -> None:
        inner = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.process_time()
            server = self.server() if self.server else 0.0
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent[stage] = self.spent.get(stage, 0.0) + time.process_time() - started
                if self.server:
                    key = f"{stage} (server)"
                    self.spent[key] = self.spent.get(key, 0.0) + self.server() - server

        setattr(module, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300, help="pages (default 300)")
    parser.add_argument("--profile", type=Path, help="write cProfile stats here")
    parser.add_argument("--top", type=int, default=40, help="functions to print with --profile")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-stages-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
    from bench_ingest_volume import SEED, synthetic_page

    seed = SEED.read_text("utf-8")
    texts = [synthetic_page(seed, n) for n in range(args.n + 1)]

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from articles.models import Publication, SourcePage
    from articles.services import ingest as ingest_service
    from articles.services import page_store, runs
    from articles.services.runs import IngestOptions, PageInput, run_pages

    SourcePage.objects.all().delete()
    Publication.objects.all().delete()
    options = IngestOptions(publication="基准报")
    # warm-up page: loads the gazetteer and catalogues (start-up, not per-page cost)
    run_pages([PageInput(name="warm", text=texts.pop())], options)

    server = server_clock()
    clock = StageClock(server)
    clock.wrap(ingest_service, "parse_page", "parse")
    clock.wrap(page_store, "write_page", "store")
    # the end of a batch (coverage, winners, commit) is a store's too
    clock.wrap(runs, "store_pages", "batch")
    pages = [PageInput(name=f"p{n:05d}", text=t) for n, t in enumerate(texts)]
    profiler = cProfile.Profile() if args.profile else None
    server0 = server() if server else 0.0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    summary = run_pages(pages, options)
    if profiler:
        profiler.disable()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(summary.lines()[0])
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}; load: {os.getloadavg()}")
    n = len(pages)
    stages = {k: v for k, v in clock.spent.items() if "server" not in k}
    # store_pages holds the pages' write_page calls: what is left is the batch's own end
    stages["batch"] -= stages["store"]
    stages["other"] = cpu - sum(stages.values())
    print(
        f"{n} pages: {cpu:.1f} s CPU = {n / cpu:.1f} pages per CPU-second "
        f"({1000 * cpu / n:.1f} ms/page); {wall:.1f} s wall = {n / wall:.1f} pages/s"
    )
    for stage, seconds in stages.items():
        print(f"  {stage:6s} {1000 * seconds / n:6.1f} ms CPU/page")
    if server:
        batch = clock.spent["batch (server)"]
        store = clock.spent["store (server)"]
        print(
            f"  server {1000 * (server() - server0) / n:6.1f} ms CPU/page in all; "
            f"store {1000 * store / n:.1f}, batch {1000 * (batch - store) / n:.1f}"
        )
    if profiler:
        profiler.dump_stats(str(args.profile))
        stats = pstats.Stats(str(args.profile))
        stats.sort_stats("cumulative").print_stats(args.top)  # where the time goes, by caller
        stats.sort_stats("tottime").print_stats(args.top)  # and which functions spend it


if __name__ == "__main__":
    main()
