"""Ingest volume (issue 8, point 5): pages per second on one core and peak memory.

Makes ``-n`` distinct synthetic pages from the sample page (every number varied, the
counties and cities swapped for others, so no two pages and no two articles are the same
and none is a near duplicate), writes them to a directory, migrates a fresh database and
runs ``manage.py ingest DIR/*.txt`` in one process on it, timed. Reports pages per
wall-clock second, pages per CPU-second of the ingest process (the fair figure on a shared
machine; the ingest is single-threaded, so this is "on one core") and its peak resident
memory (``ru_maxrss`` over the child processes: the ingest is the largest of them).

Run by hand (CPU-heavy; not a test)::

    python benchmarks/bench_ingest_volume.py -n 1000
    python benchmarks/bench_ingest_volume.py -n 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/bench_ingest_volume.py

Without ``DATABASE_URL`` a throwaway SQLite file in the work directory is used; with it,
that database is flushed of ingested rows first (never point it at data you keep).
Targets: >= 20 pages/s, < 500 MB peak for 10,000 pages.
"""

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed_page.txt"
PLACES = [
    ("旺苍县", ["苍溪县", "剑阁县", "青川县", "仪陇县", "营山县", "蓬安县", "阆中市"]),
    ("格尔木市", ["德令哈市", "茫崖市", "都兰县", "乌兰县", "天峻县"]),
    ("乌海市", ["包头市", "赤峰市", "通辽市", "鄂尔多斯市", "巴彦淖尔市"]),
    ("防城区", ["港口区", "东兴市", "上思县"]),
    ("江油市", ["三台县", "盐亭县", "梓潼县", "平武县"]),
    ("永丰县", ["吉水县", "峡江县", "新干县", "泰和县"]),
]
NUMBER = re.compile(r"(?<![0-9])[0-9]+(?:\.[0-9]+)?(?![0-9])")


def synthetic_page(text: str, n: int) -> str:
    """The sample page with every number changed and places swapped, seeded by ``n``."""
    rng = random.Random(n)

    def vary(match: re.Match) -> str:
        digits = match.group(0)
        if digits.startswith("20") and len(digits) == 4:  # keep years plausible
            return str(2015 + rng.randrange(10))
        whole, _, frac = digits.partition(".")
        new = str(rng.randrange(10 ** (len(whole) - 1) if len(whole) > 1 else 1, 10 ** len(whole)))
        return new + ("." + str(rng.randrange(10 ** len(frac))).zfill(len(frac)) if frac else "")

    text = NUMBER.sub(vary, text)
    for place, others in PLACES:
        text = text.replace(place, rng.choice(others))
    return text + f"\n\n（第{n}号）"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="pages (default 1000)")
    parser.add_argument("--keep", type=Path, help="work directory to keep (default: temporary)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    pages = work / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text("utf-8")
    for n in range(args.n):
        (pages / f"p{n:05d}.txt").write_text(synthetic_page(seed, n), encoding="utf-8")
    # production settings: DEBUG off (DEBUG keeps every query's SQL in memory)
    env = dict(os.environ, DJANGO_DEBUG="0", PYTHONPATH=str(ROOT))
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
    env.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from articles.models import SourcePage, Publication;"
            "SourcePage.objects.all().delete(); Publication.objects.all().delete()",
        ],
        env=env,
        check=True,
    )
    files = sorted(str(p) for p in pages.iterdir())
    spent = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = spent.ru_utime + spent.ru_stime  # the migrate and shell runs above
    started = time.perf_counter()
    # one process over the whole directory, as a user runs it (the file list via a
    # response-file-free argv: 10,000 paths fit the kernel's argument limit)
    done = subprocess.run(
        [*manage, "ingest", *files, "--publication", "基准报"],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime - before
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-2000:])
    print(
        f"database: {env['DATABASE_URL'].split('@')[-1]}; load average at the end "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} (CPU-seconds are this process's "
        "own; a busy machine inflates them too, less than wall time)"
    )
    print(
        f"{args.n} pages in {seconds:.1f} s wall: {args.n / seconds:.1f} pages/s; "
        f"{cpu:.1f} s CPU: {args.n / cpu:.1f} pages per CPU-second (one core; start-up "
        f"included); peak RSS of the ingest process {peak_mb:.0f} MB"
    )
    if done.returncode:
        sys.exit(done.returncode)


if __name__ == "__main__":
    main()
