"""How extraction time grows with the page size (issue 12, point 3, extractor part).

Run: ``python benchmarks/bench_extract_scaling.py [--pipeline]``. Builds pages from
tests/data/seed_page.txt repeated to 64 KB, 100 kB and 1 MB, with its line breaks and as
one line, and prints the CPU seconds of ``extract_quantities`` (best of 2) and the ratio
to the 100 kB page; linear is 10x for 1 MB. ``--pipeline`` also times ``parse_page``
(split, locate, extract, indicators) on the same pages. Pure code, no database.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _best(fn, text: str, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        fn(text)
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pipeline", action="store_true", help="also time parse_page")
    args = parser.parse_args()
    from articles.ingest.extract import extract_quantities

    steps = [("extract_quantities", extract_quantities)]
    if args.pipeline:
        import os

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
        django.setup()
        from articles.ingest.pipeline import parse_page

        steps.append(("parse_page", parse_page))
    seed = (ROOT / "tests/data/seed_page.txt").read_text(encoding="utf-8")
    for shape, base in (("lines", seed), ("one line", seed.replace("\n", ""))):
        for name, fn in steps:
            times = {}
            for size in (64_000, 100_000, 1_000_000):
                times[size] = _best(fn, (base * (size // len(base) + 1))[:size])
            ratio = times[1_000_000] / times[100_000]
            print(
                f"{name:18} {shape:8}  64 KB {times[64_000]:6.2f} s  100 kB {times[100_000]:6.2f} s"
                f"  1 MB {times[1_000_000]:6.2f} s  1 MB / 100 kB = {ratio:4.1f}x"
            )


if __name__ == "__main__":
    main()
