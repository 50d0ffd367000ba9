"""govreports against Datasette on the same SQLite file (issue 9, point 4). Run by hand::

    python benchmarks/bench_datasette.py /work/corpus/c100k.sqlite3 [--rounds 3] [--json]

The file is copied first (SQLite's backup API, so a WAL still being written is copied
consistently) and never written to. The copy is migrated (govreports' own indexes) and
served twice, on loopback only:

- **Datasette** (``datasette`` in requirements-dev.txt) tuned the way a careful user would:
  ``suggest_facets off``; the article table's full-text search on a bigram FTS5 table
  (``articles_search``: the same bigram table govreports searches, rowid = article id,
  declared with ``fts_table``/``fts_pk`` in the metadata) queried as an exact phrase
  (``_searchmode=raw``, ``"社会 会保 保险"``), since Datasette's default escaping would
  match the bigrams scattered apart; 25 rows a page like govreports; time limits raised
  (``sql_time_limit_ms``, ``facet_time_limit_ms`` 5 s) so no facet is skipped for time.
- **govreports** as deployed (README, "Production"): gunicorn with the repository's
  ``gunicorn.conf.py`` (gthread workers; 2 workers here), production settings
  (``DJANGO_DEBUG=0``) and its cache in Redis (``--cache redis``, the default:
  ``--redis-url``, database 12 unless told). ``--cache database`` keeps the cache in the
  corpus file instead (the setting without ``REDIS_URL``): clearing it is then a write to
  the file the pages read, after which every connection's SQLite page cache starts cold
  (measured: the article page 3.2 -> 6.6-8.9 ms), so a SQLite deployment under load wants
  Redis as well.

Timed, interleaved (which server goes first alternates), ``--rounds`` rounds after one
warm-up request per URL: the province+topic list with two facets (Datasette: region
and kind; govreports shows its usual facets, five), search for 低保 and for 社会保险, and
an article page. Before every govreports request its cache is emptied (Redis ``FLUSHDB``,
or the database cache table), so govreports answers cold (the whole-page cache
included); Datasette keeps no cache of its own.
Both searches are checked first against the ids of the articles whose title, prefix,
subtitle or body contains the term (LIKE on the copy): Datasette's complete id set and
count, govreports' stated total and first page; the province+topic totals must agree.

Prints, per page, the median wall time of each server (HTTP over loopback, milliseconds)
and the ratio govreports ÷ Datasette (target ≤ 1.0); ``--json`` prints the same as JSON.
Exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
TERMS = ("低保", "社会保险")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 60) -> tuple[float, bytes]:
    """``(milliseconds, body)`` of a GET; raises on a non-200 answer."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, body


def wait_up(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            get(url, timeout=10)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server at {url} did not answer within {seconds:.0f} s")


def copy_database(source: Path, target: Path) -> None:
    if not source.is_file():
        raise SystemExit(f"no SQLite file at {source}")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


def bigram_phrase(term: str) -> str:
    """The FTS5 phrase of ``term``'s bigrams (``社会保险`` -> ``"社会 会保 保险"``)."""
    pairs = [term[i : i + 2] for i in range(len(term) - 1)] or [term]
    return '"' + " ".join(pairs) + '"'


def expected_ids(db: Path, term: str) -> set[int]:
    like = f"%{term}%"
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT id FROM articles_article WHERE title LIKE ? OR title_prefix LIKE ? "
            "OR subtitle LIKE ? OR body LIKE ?",
            [like] * 4,
        )
        return {r[0] for r in rows}


def choose(db: Path) -> dict:
    """The province and topic with most articles, and an article from the middle."""
    with sqlite3.connect(db) as conn:
        province = conn.execute(
            "SELECT substr(r.adcode, 1, 2) p, count(*) n FROM articles_article a "
            "JOIN articles_region r ON a.region_id = r.id GROUP BY p ORDER BY n DESC LIMIT 1"
        ).fetchone()[0]
        topic_id, slug = conn.execute(
            "SELECT t.id, t.slug FROM articles_article a JOIN articles_topic t "
            "ON a.topic_id = t.id GROUP BY t.id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        ids = conn.execute("SELECT count(*), min(id) FROM articles_article").fetchone()
        article = conn.execute(
            "SELECT id FROM articles_article ORDER BY id LIMIT 1 OFFSET ?", [ids[0] // 2]
        ).fetchone()[0]
    return {"province": province, "topic_id": topic_id, "topic": slug, "article": article}


def datasette_urls(base: str, pick: dict) -> dict:
    table = f"{base}/corpus/articles_article"
    low, high = pick["province"] + "0000", pick["province"] + "9999"
    where = (
        f"region_id in (select id from articles_region where adcode between '{low}' and '{high}')"
    )
    listing = urllib.parse.urlencode(
        {"_where": where, "topic_id": pick["topic_id"], "_facet": "region_id", "_size": 25}
    )
    urls = {"list_province_topic": f"{table}?{listing}&_facet=kind"}
    for term in TERMS:
        query = {"_search": bigram_phrase(term), "_searchmode": "raw", "_size": 25}
        urls[f"search {term}"] = f"{table}?{urllib.parse.urlencode(query)}"
    urls["article"] = f"{table}/{pick['article']}"
    return urls


def govreports_urls(base: str, pick: dict) -> dict:
    listing = urllib.parse.urlencode({"region": pick["province"] + "0000", "topic": pick["topic"]})
    urls = {"list_province_topic": f"{base}/articles/?{listing}"}
    for term in TERMS:
        urls[f"search {term}"] = f"{base}/articles/?{urllib.parse.urlencode({'q': term})}"
    urls["article"] = f"{base}/articles/{pick['article']}/"
    return urls


def datasette_ids(url: str) -> tuple[set[int], int]:
    """Every id Datasette lists for a table URL (following ``next_url``) and its count."""
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "_size"]
    query += [("_size", "max"), ("_col", "id"), ("_shape", "objects")]
    page = urllib.parse.urlunsplit(parts._replace(path=parts.path + ".json", query=""))
    page += "?" + urllib.parse.urlencode(query)
    ids, count = set(), None
    while page:
        data = json.loads(get(page)[1])
        count = data.get("filtered_table_rows_count", count)
        ids.update(row["id"] for row in data["rows"])
        page = data.get("next_url")
    return ids, count


def govreports_listing(url: str) -> tuple[set[int], int]:
    """The ids of the articles on a govreports list page and the total it states
    (``共 N 篇文章``). The full id sets are not exported for the check: the JSON export
    of 20,000 articles with their bodies and metrics outlasts a worker on a loaded machine."""
    html = get(url)[1].decode()
    listing = html.split('<ol class="article-list">', 1)[1].split("</ol>", 1)[0]
    ids = {int(n) for n in re.findall(r'href="/articles/(\d+)/"', listing)}
    return ids, int(re.search(r"共 (\d+) 篇文章", html).group(1))


def check(db: Path, gov: dict, ds: dict) -> list[str]:
    """What is wrong with either server's answers (empty when both are right): Datasette's
    complete id set and count, and govreports' count and first page, against LIKE."""
    problems = []
    for term in TERMS:
        want = expected_ids(db, term)
        got_ds, count_ds = datasette_ids(ds[f"search {term}"])
        if got_ds != want or count_ds != len(want):
            problems.append(
                f"Datasette search {term}: {len(got_ds)} ids (count {count_ds}), "
                f"{len(want)} expected ({len(got_ds - want)} extra, {len(want - got_ds)} missing)"
            )
        page, count = govreports_listing(gov[f"search {term}"])
        if count != len(want) or not page or not page <= want:
            problems.append(f"govreports search {term}: count {count}, {len(want)} expected")
    listed_ds, count_ds = datasette_ids(ds["list_province_topic"])
    page, count = govreports_listing(gov["list_province_topic"])
    if count_ds != len(listed_ds) or count != count_ds or not page <= listed_ds:
        problems.append(
            f"province+topic list: Datasette {len(listed_ds)} rows (count {count_ds}), "
            f"govreports count {count}"
        )
    data = json.loads(get(ds["list_province_topic"].replace("?", ".json?", 1))[1])
    if data.get("facets_timed_out") or len(data.get("facet_results", {})) != 2:
        problems.append("Datasette did not compute both facets in time")
    return problems


def cache_clearer(db: Path, redis_url: str | None):
    """A function that empties govreports' cache: ``FLUSHDB`` of ``redis_url``'s database,
    or (None) a DELETE of the database cache table in ``db``."""
    if redis_url:
        import redis

        client = redis.Redis.from_url(redis_url)
        return client.flushdb

    def clear() -> None:
        with sqlite3.connect(db, timeout=30) as conn:
            conn.execute("DELETE FROM govreports_cache")

    return clear


def measure(gov: dict, ds: dict, rounds: int, clear_govreports_cache) -> dict:
    times: dict[str, dict[str, list[float]]] = {name: {"gov": [], "ds": []} for name in gov}
    for url in [*gov.values(), *ds.values()]:
        get(url)  # warm-up: imports, connections, templates
    for n in range(rounds):
        for i, name in enumerate(gov):
            order = ("gov", "ds") if (n + i) % 2 == 0 else ("ds", "gov")
            for server in order:
                if server == "gov":
                    clear_govreports_cache()
                    times[name]["gov"].append(get(gov[name])[0])
                else:
                    times[name]["ds"].append(get(ds[name])[0])
    report = {}
    for name, pair in times.items():
        g, d = statistics.median(pair["gov"]), statistics.median(pair["ds"])
        report[name] = {
            "govreports_ms": round(g, 1),
            "datasette_ms": round(d, 1),
            "ratio": round(g / d, 2),
            "govreports_all_ms": [round(t, 1) for t in pair["gov"]],
            "datasette_all_ms": [round(t, 1) for t in pair["ds"]],
        }
    return report


def start_servers(
    db: Path, tmp: Path, redis_url: str | None
) -> tuple[list[subprocess.Popen], str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="govreports.settings",
    )
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [*manage, "createcachetable"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    metadata = tmp / "metadata.json"
    metadata.write_text(
        json.dumps(
            {
                "databases": {
                    "corpus": {
                        "tables": {
                            "articles_article": {"fts_table": "articles_search", "fts_pk": "id"}
                        }
                    }
                }
            }
        )
    )
    gov_port, ds_port = free_port(), free_port()
    log = open(tmp / "servers.log", "w")  # noqa: SIM115 (closed with the processes)
    gov = subprocess.Popen(
        [str(BIN / "gunicorn"), "govreports.wsgi", "-c", str(ROOT / "gunicorn.conf.py")],
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{gov_port}", "GUNICORN_WORKERS": "2"},
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    settings = {
        "suggest_facets": "off",
        "sql_time_limit_ms": "5000",
        "facet_time_limit_ms": "5000",
        "default_page_size": "25",
    }
    ds_args = [str(BIN / "datasette"), "serve", "--host", "127.0.0.1", "--port", str(ds_port)]
    ds_args += ["--metadata", str(metadata)]
    for key, value in settings.items():
        ds_args += ["--setting", key, value]
    ds_args.append(str(db))
    ds = subprocess.Popen(ds_args, stdout=log, stderr=log)
    return [gov, ds], f"http://127.0.0.1:{gov_port}", f"http://127.0.0.1:{ds_port}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sqlite_file", type=Path, help="SQLite file of a corpus (not written)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--cache",
        choices=("redis", "database"),
        default="redis",
        help="where govreports keeps its cache (default: Redis, as deployed)",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    args = parser.parse_args()
    redis_url = args.redis_url if args.cache == "redis" else None
    with tempfile.TemporaryDirectory(prefix="bench-datasette-") as name:
        tmp = Path(name)
        db = tmp / "corpus.sqlite3"  # Datasette names the database after the file
        copy_database(args.sqlite_file.resolve(), db)
        processes, gov_base, ds_base = start_servers(db, tmp, redis_url)
        try:
            wait_up(gov_base + "/articles/")
            wait_up(ds_base + "/-/versions.json")
            pick = choose(db)
            gov, ds = govreports_urls(gov_base, pick), datasette_urls(ds_base, pick)
            problems = check(db, gov, ds)
            report = measure(gov, ds, args.rounds, cache_clearer(db, redis_url))
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
    if args.json:
        print(
            json.dumps(
                {"cache": args.cache, "problems": problems, "pages": report},
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        print(f"govreports' cache: {args.cache} (emptied before each of its requests)")
        print(f"{'page':22} {'govreports':>11} {'Datasette':>10} {'ratio':>6}")
        for name, row in report.items():
            print(
                f"{name:22} {row['govreports_ms']:11.1f} {row['datasette_ms']:10.1f} "
                f"{row['ratio']:6.2f}"
            )
        for problem in problems:
            print("CHECK FAILED:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
