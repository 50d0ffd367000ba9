"""Where ingest time goes (issue 8, point 5): CPU milliseconds per page by stage.

Ingests ``-n`` distinct synthetic pages (``bench_ingest_volume.synthetic_page``) in this
process, as ``manage.py ingest`` does (``run_pages``), into a freshly migrated database,
and reports CPU time (``time.process_time``: this process only, so other work on a
shared machine does not inflate it) per page for each stage:

- ``parse``: ``parse_page`` (split, locate, classify, extract, indicators);
- ``store``: the writes of each page (``page_store.write_page``: inserts, dedupe, search rows);
- ``other``: the rest of ``ingest_page`` and the run (reading files, the page lookup
  before parsing, fingerprints, run bookkeeping).

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


class StageClock:
    """Wraps functions so that their CPU time adds up under a stage name."""

    def __init__(self):
        self.spent: dict[str, float] = {}

    def wrap(self, module, name: str, stage: str) -> None:
        inner = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent[stage] = self.spent.get(stage, 0.0) + time.process_time() - started

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
    from articles.services import page_store
    from articles.services.runs import IngestOptions, PageInput, run_pages

    SourcePage.objects.all().delete()
    Publication.objects.all().delete()
    options = IngestOptions(publication="基准报")
    # warm-up page: loads the gazetteer and catalogues (start-up, not per-page cost)
    run_pages([PageInput(name="warm", text=texts.pop())], options)

    clock = StageClock()
    clock.wrap(ingest_service, "parse_page", "parse")
    clock.wrap(page_store, "write_page", "store")
    pages = [PageInput(name=f"p{n:05d}", text=t) for n, t in enumerate(texts)]
    profiler = cProfile.Profile() if args.profile else None
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
    stages = dict(clock.spent)
    stages["other"] = cpu - sum(stages.values())
    print(
        f"{n} pages: {cpu:.1f} s CPU = {n / cpu:.1f} pages per CPU-second "
        f"({1000 * cpu / n:.1f} ms/page); {wall:.1f} s wall = {n / wall:.1f} pages/s"
    )
    for stage, seconds in stages.items():
        print(f"  {stage:6s} {1000 * seconds / n:6.1f} ms CPU/page")
    if profiler:
        profiler.dump_stats(str(args.profile))
        stats = pstats.Stats(str(args.profile))
        stats.sort_stats("cumulative").print_stats(args.top)  # where the time goes, by caller
        stats.sort_stats("tottime").print_stats(args.top)  # and which functions spend it


if __name__ == "__main__":
    main()
