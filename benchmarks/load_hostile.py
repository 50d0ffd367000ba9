"""Load under attack (issue 12, point 8): gunicorn with 4 workers, normal pages driven by wrk
at 32 connections, first alone and then while hostile searches run beside them.

Run by hand, never in CI (needs Debian's ``wrk``: ``apt-get install -y wrk``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govreports_bench \\
        python benchmarks/load_hostile.py --articles 20000 --duration 30

The database is migrated and, unless it already holds ``--articles`` articles, filled
with synthetic ones (``bench_pages.fill``). Static files are collected into
``staticfiles/`` (gitignored) because production settings serve them from the manifest.

Normal traffic rotates over the list, a text search, a filtered list, article pages,
compare and region pages. Hostile traffic (``--hostile-connections``) asks for searches of
2,000 one-letter words (the 4 KB URL that took 11.7 s on PostgreSQL before the search was
bounded), thousands of CJK words, NUL bytes and far dates. Prints, per phase, requests per
second, p50/p99 latency and errors (non-2xx/3xx answers, socket errors, timeouts) of the
normal traffic, the hostile traffic's figures, and the number of gunicorn worker timeouts.
Pass: zero errors in normal traffic, no worker timeout, p99 under attack at most 2x alone.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreports.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "load-benchmark-only-" + "k" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'benchmarks' / 'bench.sqlite3'}")

LUA = """
local paths = {%s}
local i = 0
request = function()
  i = (i %% #paths) + 1
  return wrk.format("GET", paths[i])
end
"""


def prepare(n_articles: int) -> list[str]:
    """Migrate, fill if needed, collect static files; return the normal traffic's paths."""
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article, SourcePage
    from benchmarks.bench_pages import fill

    call_command("migrate", verbosity=0)
    if Article.objects.count() != n_articles:
        print(f"filling {n_articles} articles (once)...")
        Article.objects.all().delete()
        SourcePage.objects.all().delete()
        fill(n_articles, 10)
    call_command("collectstatic", interactive=False, verbosity=0)
    ids = list(Article.objects.order_by("?").values_list("pk", "region__adcode")[:40])
    paths = ["/", "/articles/", "/articles/?q=志愿服务", "/articles/?region=510000&page=3"]
    paths += ["/compare/?indicator=registered-volunteers&level=county", "/regions/510000/"]
    for pk, adcode in ids:
        paths += [f"/articles/{pk}/", f"/regions/{adcode}/"]
    return [quote(p, safe="/?=&%") for p in paths]


def hostile_paths() -> list[str]:
    words = "+".join(["a"] * 2000)
    return [
        f"/articles/?q={words}",
        f"/articles/?q={words}&format=json",
        "/articles/?q=" + "+".join([quote("志愿")] * 600),
        "/articles/?q=%00&region=%00",
        "/articles/?published_after=99999-01-01&year=99999999999999999999&o=bogus",
        "/compare/?indicator=registered-volunteers&within=99999999999999999999",
    ]


def wrk(base: str, paths: list[str], connections: int, seconds: int, workdir: Path):
    """Start wrk on ``paths`` (round robin); returns the Popen (stdout is wrk's report)."""
    script = workdir / f"paths-{connections}-{len(paths)}.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
    threads = min(4, connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--latency", "--timeout", "10s", "-s", str(script), base]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def parse(report: str) -> dict:
    """rps, p50/p99 in ms and errors from wrk's ``--latency`` report."""

    def ms(label: str) -> float:
        found = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\b", report, re.M)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", report)
    requests = re.search(r"(\d+) requests in", report)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    return {
        "requests": int(requests.group(1)) if requests else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": ms("50"),
        "p99": ms("99"),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
        "socket_detail": sockets.group(0) if sockets else "",
    }


def start_gunicorn(port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "4", "govreports.wsgi"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on port {port}; see {log}")


def line(name: str, figures: dict) -> str:
    return (
        f"{name:28} {figures['requests']:8d} {figures['rps']:8.1f} {figures['p50']:8.1f} "
        f"{figures['p99']:8.1f} {figures['non2xx']:7d} {figures['socket_errors']:7d}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=30, help="seconds per phase")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--hostile-connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    paths = prepare(args.articles)
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        log = workdir / "gunicorn.log"
        server = start_gunicorn(args.port, log)
        try:
            alone = parse(
                wrk(base, paths, args.connections, args.duration, workdir).communicate()[0]
            )
            normal = wrk(base, paths, args.connections, args.duration, workdir)
            hostile = wrk(base, hostile_paths(), args.hostile_connections, args.duration, workdir)
            attacked = parse(normal.communicate()[0])
            attack = parse(hostile.communicate()[0])
        finally:
            server.terminate()
            server.wait(timeout=30)
        timeouts = log.read_text(errors="replace").count("WORKER TIMEOUT")
    print(f"database: {os.environ['DATABASE_URL'].rsplit('@', 1)[-1]}, {args.articles} articles")
    print(
        f"{'phase':28} {'requests':>8} {'rps':>8} {'p50 ms':>8} {'p99 ms':>8} {'non2xx':>7} {'sockerr':>7}"
    )
    print(line("normal pages alone", alone))
    print(line("normal pages under attack", attacked))
    print(line("hostile searches", attack))
    for name, figures in (("alone", alone), ("under attack", attacked), ("hostile", attack)):
        if figures["socket_detail"]:
            print(f"  {name}: {figures['socket_detail']}")
    print(f"gunicorn worker timeouts: {timeouts}")
    ratio = attacked["p99"] / alone["p99"] if alone["p99"] else float("nan")
    errors = (
        attacked["non2xx"] + attacked["socket_errors"] + alone["non2xx"] + alone["socket_errors"]
    )
    verdict = "PASS" if errors == 0 and timeouts == 0 and ratio <= 2 else "FAIL"
    print(f"p99 under attack / alone: {ratio:.2f}x; normal-traffic errors: {errors}; {verdict}")


if __name__ == "__main__":
    main()
