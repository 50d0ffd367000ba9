"""Time quantity extraction and indicator mapping on the whole seed page (issue 3).

Run: ``python benchmarks/bench_extract.py [-n 200] [page.txt]``. Pure code: no Django, no
database. Prints the one-off load time (indicator catalogue) and per-page times for
``extract_quantities`` + ``IndicatorCatalog.assign`` over the full page text, in
milliseconds. The target is well under one second per page.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=200, help="number of runs (default 200)")
    parser.add_argument("page", nargs="?", default=ROOT / "tests/data/seed_page.txt")
    args = parser.parse_args()

    started = time.perf_counter()
    from articles.ingest.extract import extract_quantities
    from articles.ingest.indicators import IndicatorCatalog

    catalog = IndicatorCatalog.load()
    text = Path(args.page).read_text(encoding="utf-8")
    load_ms = (time.perf_counter() - started) * 1000

    times = []
    for _ in range(args.n):
        t0 = time.perf_counter()
        quantities = extract_quantities(text)
        catalog.assign(quantities, text)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    mapped = sum(1 for q in quantities if q.indicator)
    print(f"page: {args.page} ({len(text)} chars): {len(quantities)} quantities, {mapped} mapped")
    print(f"import + catalogue load: {load_ms:.0f} ms")
    print(
        f"{args.n} runs: mean {statistics.mean(times):.2f} ms, median {statistics.median(times):.2f} ms, "
        f"p95 {times[int(0.95 * (len(times) - 1))]:.2f} ms, max {times[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
