"""CPU milliseconds per page of ``parse_page`` alone (no database), for parser work.

Parses ``-n`` synthetic pages (``bench_ingest_volume.synthetic_page``) after one warm-up
page (catalogue loading) and prints CPU ms per page, best of ``-r`` rounds (a shared
machine's other work inflates single rounds). ``--profile FILE`` profiles one round.

    python benchmarks/bench_parse.py -n 100 [-r 3] [--profile /tmp/p.out]
"""

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

#: The tree whose parser runs: the working directory when it is one (so this copy can
#: time another checkout, e.g. main's, side by side), else this file's.
ROOT = Path.cwd() if (Path.cwd() / "articles").is_dir() else Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("-r", type=int, default=3)
    ap.add_argument("--profile", type=Path)
    ap.add_argument("--top", type=int, default=50)
    args = ap.parse_args()
    from bench_ingest_volume import SEED, synthetic_page

    from articles.ingest.pipeline import parse_page

    seed = SEED.read_text("utf-8")
    texts = [synthetic_page(seed, n) for n in range(args.n)]
    parse_page(synthetic_page(seed, 10**6))  # warm-up: loads the catalogues
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for t in texts:
            parse_page(t)
        prof.disable()
        prof.dump_stats(str(args.profile))
        st = pstats.Stats(str(args.profile))
        st.sort_stats("tottime").print_stats(args.top)
        st.sort_stats("cumulative").print_stats(args.top)
        return
    rounds = []
    for _ in range(args.r):
        t0 = time.process_time()
        for t in texts:
            parse_page(t)
        rounds.append(1000 * (time.process_time() - t0) / len(texts))
    print(
        f"parse_page: {min(rounds):.1f} ms CPU/page best of {args.r} "
        f"({', '.join(f'{r:.1f}' for r in rounds)}), {len(texts)} pages"
    )


if __name__ == "__main__":
    main()
