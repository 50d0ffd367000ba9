"""Time reading page files into PageText, per format (issue 8 point 1).

Run: ``python benchmarks/bench_sources.py [-n 5]``. Pure code: no Django, no database.
Reads the project's own pages in tests/data/pages (8 HTML article pages; the sample page
typeset as a 3- and a 4-column PDF; the sample page as text) ``n`` times each and prints
the one-off import time and the median milliseconds per page for each format. Parsing
(split, locate, extract) is not included: see bench_pages.py for that.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ROOT / "tests" / "data" / "pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=5, help="runs per file (default 5)")
    args = parser.parse_args()

    started = time.perf_counter()
    from articles.ingest.sources import html, pdf, read_pages  # noqa: F401 (timed imports)

    print(f"import trafilatura + pdfplumber: {(time.perf_counter() - started) * 1000:.0f} ms")
    groups = {
        "text": [ROOT / "tests" / "data" / "seed_page.txt"],
        "html": sorted((PAGES / "html").glob("*.html")),
        "pdf": sorted((PAGES / "pdf").glob("*.pdf")),
    }
    for name, files in groups.items():
        times = []
        for file in files:
            data = file.read_bytes()
            for _ in range(args.n):
                t = time.perf_counter()
                read_pages(file.name, data)
                times.append((time.perf_counter() - t) * 1000)
        median = statistics.median(times)
        print(
            f"{name:5} {len(files)} files x {args.n}: median {median:.1f} ms/page "
            f"({1000 / median:.0f} pages/s)"
        )


if __name__ == "__main__":
    main()
