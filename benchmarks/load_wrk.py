"""Load, measured (issue 9.7): gunicorn as deployed (``deploy/gunicorn.conf.py``: 4
workers) on the database ``DATABASE_URL`` names, ``wrk`` at 32 connections for 30 s on
each of the list, an article, compare at county level and a search, one URL after the
other. Prints a table (requests a second, p50/p99 in ms, errors) and the machine's load.
Target per URL: >= 200 requests a second, p99 < 250 ms, zero errors.

Run by hand on a filled database (``manage.py generate_corpus --articles 100000``), never
in CI; needs Debian's ``wrk`` (``apt-get install -y wrk``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gr_c100k python benchmarks/load_wrk.py
    ... --connections 32 --duration 30 --port 8765 [--json]

Nothing is warmed: once gunicorn answers a probe (``/articles/0/``, a 404), wrk starts,
so each URL's figures include its first, uncached requests (and the first URL's, the
other workers' imports). The cache is whatever ``REDIS_URL`` (or the database cache
table) holds: clear it first for cold figures. The database is only read; static files are collected into
``staticfiles/`` (gitignored) because production settings serve them from the manifest.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "load-benchmark-only-" + "k" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from benchmarks.load_hostile import parse  # noqa: E402

TARGET_RPS, TARGET_P99_MS = 200, 250


def urls() -> dict[str, str]:
    """The four pages: the list, the newest article, compare at county level, a search."""
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article

    call_command("collectstatic", interactive=False, verbosity=0)
    article = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
    if article is None:
        raise SystemExit("the database holds no article: fill it first (generate_corpus)")
    pages = {
        "list": "/articles/",
        "article": f"/articles/{article}/",
        "compare": "/compare/?indicator=registered-volunteers&level=county",
        "search": "/articles/?q=低保",
    }
    return {name: quote(path, safe="/?=&%") for name, path in pages.items()}


def start_gunicorn(port: int, log) -> subprocess.Popen:
    """gunicorn with deploy/gunicorn.conf.py on ``port``; returns once it answers."""
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}", "govreports.wsgi"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log)
    for _ in range(120):
        time.sleep(0.5)
        if server.poll() is not None:
            break  # it exited: the port is taken, or the app does not load
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/0/", timeout=5)
            return server
        except urllib.error.HTTPError:
            return server  # the 404 we asked for: it serves
        except OSError:
            continue
    server.terminate()
    raise SystemExit(f"gunicorn did not start; see {log.name}")


def run_wrk(url: str, connections: int, seconds: int) -> str:
    threads = min(4, connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--latency", "--timeout", "10s", url]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def cpu_seconds(pid: int) -> float:
    """User+system CPU seconds of ``pid`` and its children so far (gunicorn's workers),
    the workers it has already reaped included (its ``cutime``/``cstime``): a worker
    recycled after ``max_requests`` took its seconds with it, and a page's figure came
    out negative (search: -42 s)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for task in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{task}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
        if task == pid:  # the workers it waited for
            total += (int(fields[13]) + int(fields[14])) / tick
    return total


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc/*/stat)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=30, help="seconds per URL")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--only", action="append", help="list, article, compare or search")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pages = urls()
    if not args.port:
        with socket.socket() as probe:  # a port nothing listens on (another server's
            probe.bind(("127.0.0.1", 0))  # answers would be measured instead)
            args.port = probe.getsockname()[1]
    if args.only:
        pages = {k: v for k, v in pages.items() if k in args.only}
    db = os.environ.get("DATABASE_URL", "sqlite (db.sqlite3)").rsplit("@", 1)[-1]
    results = {}
    with tempfile.NamedTemporaryFile("w+", prefix="gunicorn-", suffix=".log", delete=False) as log:
        server = start_gunicorn(args.port, log)
        try:
            for name, path in pages.items():
                load_before = os.getloadavg()[0]
                cpu_before = cpu_seconds(server.pid)
                report = run_wrk(
                    f"http://127.0.0.1:{args.port}{path}", args.connections, args.duration
                )
                row = parse(report)
                row["gunicorn_cpu_s"] = round(cpu_seconds(server.pid) - cpu_before, 1)
                row["load_1min"] = round((load_before + os.getloadavg()[0]) / 2, 1)
                row["path"] = path
                results[name] = row
        finally:
            server.terminate()
            try:
                server.wait(timeout=40)  # graceful_timeout: requests still queued finish
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.seek(0)
            timeouts = log.read().count("WORKER TIMEOUT")
    if args.json:
        print(
            json.dumps(
                {"database": db, "worker_timeouts": timeouts, "log": log.name, "pages": results}
            )
        )
        return
    print(
        f"database {db}; {args.connections} connections x {args.duration} s per page; "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"{'page':<8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>8} {'errors':>6} "
        f"{'cpu s':>6} {'load':>5}  verdict"
    )
    for name, r in results.items():
        errors = r["non2xx"] + r["socket_errors"]
        ok = r["rps"] >= TARGET_RPS and r["p99"] < TARGET_P99_MS and errors == 0
        print(
            f"{name:<8} {r['rps']:>7.1f} {r['p50']:>7.1f} {r['p99']:>8.1f} {errors:>6} "
            f"{r['gunicorn_cpu_s']:>6} {r['load_1min']:>5}  {'PASS' if ok else 'FAIL'}"
        )
        if errors:
            print(f"         {r['non2xx']} non-2xx/3xx; {r['socket_detail']}")
    print(f"gunicorn worker timeouts: {timeouts}; gunicorn's log: {log.name}")


if __name__ == "__main__":
    main()
