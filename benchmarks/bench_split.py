"""Time ``split_page`` on growing pages of realistic text (issue 12, point 3).

Run: ``python benchmarks/bench_split.py [--sizes 100,400,1000]`` (sizes in kB). Pure code:
no Django, no database. For each shape of text built from the seed page's sentences
(the shapes of ``tests/test_split_scaling.py``: whole hard-wrapped seed pages, one
sentence per line, everything on one line, one paragraph wrapped at 20 characters) it
prints seconds per size and the ratio to the smallest size. Linear splitting gives a
ratio close to the ratio of sizes.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,400,1000", help="page sizes in kB")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from test_split_scaling import (
        one_line,
        one_wrapped_paragraph,
        seed_pages,
        sentence_lines,
    )

    from articles.ingest.gazetteer import Gazetteer
    from articles.ingest.split import split_page

    gazetteer = Gazetteer.load()
    for shape in (seed_pages, sentence_lines, one_line, one_wrapped_paragraph):
        figures = []
        for kb in sizes:
            text = shape(kb * 1024)
            started = time.perf_counter()
            items = split_page(text, gazetteer=gazetteer)
            figures.append((kb, time.perf_counter() - started, len(items)))
        base = figures[0][1] or 1e-9
        row = "  ".join(f"{kb} kB {s:.2f} s ({s / base:.1f}x, {n} items)" for kb, s, n in figures)
        print(f"{shape.__name__:<22} {row}")


if __name__ == "__main__":
    main()
