"""Time 100 dry-run ingests of the seed page in one process (issue 3, point 9).

Run: ``make bench`` or ``DJANGO_DEBUG=1 python benchmarks/bench_ingest.py [-n 100]``.
Prints the one-off load time (libraries, gazetteer, catalogues) and per-page times after
loading: mean, median, p95, max, in milliseconds. The target is under one second per page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=100, help="number of ingests (default 100)")
    parser.add_argument("page", nargs="?", default=ROOT / "fixtures/pages/000_ddfab8472888ccbf.txt")
    args = parser.parse_args()

    started = time.perf_counter()
    import django

    django.setup()
    from articles.ingest.normalize import decode_page
    from articles.services import ingest_page

    text = decode_page(Path(args.page).read_bytes())
    first = ingest_page(text=text, dry_run=True)  # loads gazetteer and catalogues
    load_ms = (time.perf_counter() - started) * 1000

    times = []
    for _ in range(args.n):
        t0 = time.perf_counter()
        report = ingest_page(text=text, dry_run=True)
        times.append((time.perf_counter() - t0) * 1000)
    assert len(report.parsed.articles) == len(first.parsed.articles)
    times.sort()
    metrics = sum(len(a.quantities) for a in report.parsed.articles)
    print(
        f"page: {args.page} ({len(text)} chars, {len(report.parsed.articles)} articles, {metrics} metrics)"
    )
    print(f"first ingest incl. loading: {load_ms:.0f} ms")
    print(
        f"{args.n} dry-run ingests: total {sum(times) / 1000:.2f} s, mean {statistics.mean(times):.1f} ms, "
        f"median {statistics.median(times):.1f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms, "
        f"max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
