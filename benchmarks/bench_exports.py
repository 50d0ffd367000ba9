"""Time the streaming exports (issue 9.5) on the database ``DATABASE_URL`` names.

Run by hand on a filled database (e.g. ``manage.py generate_corpus --articles 100000``),
once per database::

    DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/c100k.sqlite3 python benchmarks/bench_exports.py
    DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/gr_c100k \\
        python benchmarks/bench_exports.py [--only all-csv] [--limit-rows N]

Each export runs in its own child process (so peak memory is that export's alone) through
the view, as a worker serves it (Django's test client, no network), and the body is read
to the end. Prints per export: time to the first byte (ms), data rows, rows a second (wall clock, and per CPU second of
the worker: on a loaded machine the first is the machine's, the second the code's), wall
and CPU seconds, the number of SQL queries, the child's peak RSS (MB, ``ru_maxrss``,
Django and the app included) and its peak private memory (``anon MB``: the largest
``RssAnon`` of ``/proc/self/status`` sampled at every piece of the body). On SQLite the
RSS also counts the pages of the database file the connection's memory map touched
(``PRAGMA mmap_size``, govreports/settings.py): shared, file-backed page cache the
kernel reclaims, not the worker's memory (the all-metrics CSV: RSS 710 MB, anon
133 MB), so the memory target is read on ``anon MB``. Targets: first byte <= 200 ms, >= 50,000 rows/s, all-metrics
CSV under 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXPORTS = {
    "all-csv": "/articles/?format=csv",
    "province-csv": "/articles/?format=csv&region=510000",
    "all-json": "/articles/?format=json",
    "province-json": "/articles/?format=json&region=510000",
}


def _anon_kb() -> int:
    """This process's private resident memory now (``RssAnon``, kB); 0 off Linux."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(url: str, limit_rows: int | None) -> dict:
    """Stream ``url`` to the end in this process: the figures described above."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    # a worker has imported the app and connected before it serves an export: do that
    # here too (one request for the export's first piece), so the first byte is the
    # export's own
    warm = client.get(url, HTTP_HOST="127.0.0.1")
    next(iter(warm.streaming_content), None)
    warm.close()
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        cpu0, t0 = time.process_time(), time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        first = None
        lines = size = 0
        anon = _anon_kb()
        for chunk in response.streaming_content:
            if first is None:
                first = time.perf_counter() - t0
            anon = max(anon, _anon_kb())
            lines += chunk.count(b"\n")
            size += len(chunk)
            if limit_rows and lines >= limit_rows:
                break
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    rows = lines - 1 if "csv" in url else lines - 2  # header / the array's brackets
    return {
        "url": url,
        "status": response.status_code,
        "first_byte_ms": round((first or 0) * 1000, 1),
        "rows": rows,
        "rows_per_s": round(rows / wall) if wall else 0,
        "rows_per_cpu_s": round(rows / cpu) if cpu else 0,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "queries": len(queries),
        "megabytes": round(size / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_before_mb": round(base_rss / 1024),
        "peak_anon_mb": round(anon / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=sorted(EXPORTS), action="append")
    parser.add_argument("--limit-rows", type=int, help="stop each export after N lines")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print JSON lines only")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.limit_rows)))
        return
    names = args.only or list(EXPORTS)
    db = os.environ.get("DATABASE_URL", "sqlite (db.sqlite3)").rsplit("@", 1)[-1]
    if not args.json:
        print(f"database {db}; load {os.getloadavg()[0]:.1f} (1 min), {os.cpu_count()} CPUs")
        print(
            f"{'export':<14} {'first ms':>8} {'rows':>9} {'rows/s':>8} {'rows/cpu s':>10} {'wall s':>7} "
            f"{'cpu s':>6} {'queries':>7} {'MB':>7} {'RSS MB':>7} {'anon MB':>7}"
        )
    for name in names:
        cmd = [sys.executable, __file__, "--child", EXPORTS[name]]
        if args.limit_rows:
            cmd += ["--limit-rows", str(args.limit_rows)]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if out.returncode:
            print(f"{name}: failed\n{out.stderr[-2000:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        r["name"] = name
        if args.json:
            print(json.dumps(r))
            continue
        print(
            f"{name:<14} {r['first_byte_ms']:>8} {r['rows']:>9} {r['rows_per_s']:>8} "
            f"{r['rows_per_cpu_s']:>10} "
            f"{r['wall_s']:>7} {r['cpu_s']:>6} {r['queries']:>7} {r['megabytes']:>7} "
            f"{r['peak_rss_mb']:>7} {r['peak_anon_mb']:>7}"
        )


if __name__ == "__main__":
    main()
