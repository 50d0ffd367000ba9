"""Server-time measurement of every page against the current database (``manage.py bench``).

Requests go through Django's test client (the whole middleware stack, no network). Each
page is requested ``rounds`` times with the cache cleared before every request (cold) and
``rounds`` times without (warm), the pages taken in turn within each round (a page's
rounds in a row let a slow minute of a shared machine fall on one page: region county
read 11.1 ms outside SQL in one run, 7.6 in the next, the code unchanged); per page:
median and 95th percentile of the wall time,
95th percentile of the SQL time, the median time outside SQL and the number of queries.
SQL time is the time spent in the database driver's ``execute`` and fetch calls
(``_Timed``): SQLite runs a statement while its rows are fetched, so timing ``execute``
alone (Django's ``CaptureQueriesContext``, which also rounds each query to a whole
millisecond) counted most of a large read as time outside SQL; psycopg receives the
rows in ``execute`` and converts them to Python values in the fetch. The URLs are chosen from the data: the province and the county
with most articles, the indicator with most regions, one with persons as unit for the
per-1,000 view, an article from the middle of the table.

Imports only models, so it also runs on older code (for before/after figures).
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
import time
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import Count
from django.db.models.functions import Substr
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from .models import Article, Metric


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def pages() -> dict[str, str]:
    """``{name: url}`` of the pages issue 9 sets targets for, chosen from the data."""
    list_url = reverse("articles:list")
    prefix = (
        Article.objects.filter(region__isnull=False)
        .annotate(p=Substr("region__adcode", 1, 2))
        .values_list("p")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    province = f"{prefix[0]}0000" if prefix else "510000"
    county = (
        Article.objects.filter(region__level="county")
        .values_list("region__adcode")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    county = county[0] if county else "510821"
    topic = (
        Article.objects.filter(topic__isnull=False)
        .values_list("topic__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    coverage = (
        Metric.objects.filter(indicator__isnull=False)
        .values_list("indicator__slug", "indicator__unit")
        .annotate(n=Count("region", distinct=True))
        .order_by("-n")
    )
    indicator = coverage[0][0] if coverage else "registered-volunteers"
    persons = next((row[0] for row in coverage if row[1] in ("人", "人次")), indicator)
    ids = Article.objects.order_by("pk").values_list("pk", flat=True)
    middle = ids[len(ids) // 2] if ids else 1
    return {
        "list": list_url,
        "list_province_topic": list_url
        + "?"
        + urlencode({"region": province, "topic": topic[0] if topic else ""}),
        "list_page_200": list_url + "?page=200",
        "search_1": list_url + "?" + urlencode({"q": "苍"}),
        "search_2": list_url + "?" + urlencode({"q": "低保"}),
        "search_4": list_url + "?" + urlencode({"q": "社会保险"}),
        "article": reverse("articles:detail", args=[middle]),
        "region_province": reverse("articles:region", args=[province]),
        "region_county": reverse("articles:region", args=[county]),
        "compare_county": reverse("articles:compare")
        + "?"
        + urlencode({"indicator": indicator, "level": "county"}),
        "compare_per_1000": reverse("articles:compare")
        + "?"
        + urlencode({"indicator": persons, "level": "county", "per": "per_1000"}),
        "overview": reverse("articles:overview"),
    }


class _Clock:
    """Seconds spent in the driver and statements executed, summed over a request."""

    def __init__(self):
        self.seconds, self.queries = 0.0, 0


class _Timed(CursorWrapper):
    """Django's cursor wrapper that adds the time of every execute and fetch (and each
    row read by iterating) to ``clock``."""

    def __init__(self, cursor, db, clock: _Clock):
        super().__init__(cursor, db)
        self.clock = clock

    @contextmanager
    def _spent(self):
        started = time.perf_counter()
        try:
            with self.db.wrap_database_errors:
                yield
        finally:
            self.clock.seconds += time.perf_counter() - started

    def execute(self, sql, params=None):
        self.clock.queries += 1
        with self._spent():
            return super().execute(sql, params)

    def executemany(self, sql, param_list):
        self.clock.queries += 1
        with self._spent():
            return super().executemany(sql, param_list)

    def fetchone(self):
        with self._spent():
            return self.cursor.fetchone()

    def fetchmany(self, *args):
        with self._spent():
            return self.cursor.fetchmany(*args)

    def fetchall(self):
        with self._spent():
            return self.cursor.fetchall()

    def nextset(self):
        with self._spent():
            return self.cursor.nextset()

    def __iter__(self):
        while rows := self.fetchmany(100):
            yield from rows


class _timing:
    """Within it, every cursor of ``connection`` is ``_Timed`` on one ``_Clock``."""

    def __init__(self, db):
        self.db, self.clock = db, _Clock()

    def __enter__(self) -> _Clock:
        def wrap(cursor):
            return _Timed(cursor, self.db, self.clock)

        self.db.make_cursor = self.db.make_debug_cursor = wrap
        return self.clock

    def __exit__(self, *exc):
        del self.db.make_cursor, self.db.make_debug_cursor


class _Sample(NamedTuple):
    """One request: wall and SQL milliseconds, queries and HTTP status."""

    wall: float
    sql: float
    queries: int
    status: int


def _sample(client: Client, url: str, *, cold: bool) -> _Sample:
    """Request ``url`` once (the cache cleared first when ``cold``), streamed content
    read to its end."""
    if cold:
        cache.clear()
    with _timing(connection) as clock:
        started = time.perf_counter()
        response = client.get(url, secure=True)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        wall = (time.perf_counter() - started) * 1000
    return _Sample(wall, clock.seconds * 1000, clock.queries, response.status_code)


def _figures(samples: list[_Sample]) -> dict:
    """A page's figures from its samples (queries and status of the last one)."""
    walls = [s.wall for s in samples]
    return {
        "p50_ms": round(statistics.median(walls), 1),
        "p95_ms": round(_pct(walls, 0.95), 1),
        "sql_p95_ms": round(_pct([s.sql for s in samples], 0.95), 1),
        "outside_sql_p50_ms": round(statistics.median(s.wall - s.sql for s in samples), 1),
        "queries": samples[-1].queries,
        "status": samples[-1].status,
    }


def cpu_probe_ms() -> float:
    """Milliseconds this machine takes, now, for a fixed piece of pure Python (the best
    of five runs of ``sum(i * i for i in range(100_000))``): a reading of the processor's
    speed to put beside the pages' times. Machines of one kind, and one machine from
    hour to hour, were seen to differ by 1.7x (4.2-7.3 ms), which moves every page's
    time with it."""
    import timeit

    best = min(timeit.repeat("sum(i * i for i in range(100_000))", number=20, repeat=5))
    return round(best / 20 * 1000, 2)


def python_build() -> str:
    """The interpreter measuring, e.g. ``"CPython 3.11.2 /usr/bin/python3.11"``: its
    version and the real path of its binary (a venv's ``python`` resolved), because the
    build moves every page's time: Debian's (profile-guided and link-time optimised,
    libpython in the binary) spent about 12% less time outside SQL on the pages than
    pyenv's default build of the same version (see the Makefile)."""
    return (
        f"{platform.python_implementation()} {platform.python_version()} "
        f"{os.path.realpath(sys.executable)}"
    )


def run(*, rounds: int = 7, only: list[str] | None = None) -> dict:
    """Measure every page (or those named in ``only``); returns the report dict::

    {"articles": int, "metrics": int, "database": "sqlite"|"postgresql",
     "cpu_probe_ms": {"before": float, "after": float},   # ``cpu_probe_ms``
     "python": str,   # version and the interpreter's real path (``python_build``)
     "views": {NAME: {"url", "p50_ms", "p95_ms", "sql_p95_ms", "outside_sql_p50_ms",
                      "queries", "status"}},          # cold: cache cleared each time
     "warm": {NAME: {same keys but url}}}
    """
    client = Client()
    report = {
        "articles": Article.objects.count(),
        "metrics": Metric.objects.count(),
        "database": connection.vendor,
        "cpu_probe_ms": {"before": cpu_probe_ms()},
        "python": python_build(),
        "views": {},
        "warm": {},
    }
    urls = {name: url for name, url in pages().items() if not only or name in only}
    with override_settings(ALLOWED_HOSTS=["*"]):
        for url in urls.values():
            client.get(url, secure=True)  # first touch: imports, connection, template load
        for cold, part in ((True, "views"), (False, "warm")):
            samples = {name: [] for name in urls}
            for _ in range(rounds):  # interleaved: a slow minute falls on every page alike
                for name, url in urls.items():
                    samples[name].append(_sample(client, url, cold=cold))
            for name, url in urls.items():
                figures = _figures(samples[name])
                report[part][name] = {"url": url, **figures} if cold else figures
    report["cpu_probe_ms"]["after"] = cpu_probe_ms()
    return report
