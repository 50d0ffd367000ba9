"""Cached aggregates (overview counts, indicator picker) follow the data they summarize."""

import pytest
from django.urls import reverse

from articles.cache import cached, data_version
from articles.models import Metric
from tests.factories import ArticleFactory, region, topic, volunteer_metric

pytestmark = pytest.mark.django_db


def test_a_second_overview_request_groups_no_article(client, django_assert_max_num_queries):
    """The overview's counts are kept at write time (``articles.article_counts``), its
    coverage too (``articles.aggregates``): province names, the kept counts, the latest
    articles, the coverage rows; no statement groups the article table."""
    volunteer_metric("510821", 51104, None)
    client.get(reverse("articles:overview"))
    with django_assert_max_num_queries(4) as captured:
        client.get(reverse("articles:overview"))
    grouped = [q["sql"] for q in captured if "GROUP BY" in q["sql"]]
    assert grouped and not any('FROM "articles_article"' in sql for sql in grouped)


def test_an_ingest_shows_at_once(client, seed_text, django_capture_on_commit_callbacks):
    from articles.services import ingest_page

    ArticleFactory(region=region("510821"), topic=topic("health"))
    first = client.get(reverse("articles:overview")).content.decode()
    assert "四川省" in first and "青海省" not in first
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ingest_page(text=seed_text)
    assert any(getattr(c, "__name__", "") == "bump_data_version" for c in callbacks)
    assert "青海省" in client.get(reverse("articles:overview")).content.decode()


def test_rejecting_a_metric_removes_its_indicator_from_the_picker(client):
    metric = volunteer_metric("510821", 51104, None)
    url = reverse("articles:compare")
    assert "registered-volunteers" in client.get(url).content.decode()
    metric.status = "rejected"
    metric.save()
    assert 'value="registered-volunteers"' not in client.get(url).content.decode()


def test_cached_values_are_keyed_by_the_data_version():
    calls = []
    assert cached("probe", lambda: calls.append(1) or len(calls)) == 1
    assert cached("probe", lambda: calls.append(1) or len(calls)) == 1
    before = data_version()
    Metric.objects.filter(pk=0).delete()  # a no-op delete sends no signal
    volunteer_metric("510821", 1, None)
    assert data_version() > before
    assert cached("probe", lambda: calls.append(1) or len(calls)) == 2


def _cache_calls(monkeypatch) -> list[str]:
    """The names of the cache's methods called from now on, in order (a call that a
    method makes to another is listed too)."""
    from django.core.cache import cache

    calls: list[str] = []
    for name in ("get", "get_many", "add", "set", "get_or_set", "incr"):
        method = getattr(cache, name)

        def spy(*args, _method=method, _name=name, **kwargs):
            calls.append(_name)
            return _method(*args, **kwargs)

        monkeypatch.setattr(cache, name, spy)
    return calls


def test_a_cached_value_costs_one_read_warm_and_two_reads_two_writes_cold(monkeypatch):
    """With the database cache every call is a query: ``get_or_set`` read each key back
    after storing it (21 queries for a cold filtered list at 100,000 articles)."""
    calls = _cache_calls(monkeypatch)
    assert cached("probe", lambda: 7) == 7
    assert calls == ["get", "add", "get", "set"]  # version, then the value
    calls.clear()
    assert cached("probe", lambda: 8) == 7
    assert calls == ["get", "get"]
    assert data_version() == 1


def test_a_version_stored_meanwhile_by_another_process_is_kept(monkeypatch):
    from django.core.cache import cache

    real_add = cache.add

    def add_after_another_process(key, value, timeout=None):
        cache.set(key, 5, timeout=None)  # the other process was first
        return real_add(key, value, timeout=timeout)

    monkeypatch.setattr(cache, "add", add_after_another_process)
    assert data_version() == 5
    assert cached("probe", lambda: 3) == 3


def test_facet_counts_are_cached_per_filter_and_follow_new_articles(
    client, django_assert_max_num_queries
):
    ArticleFactory(region=region("510821"), topic=topic("health"))
    url = reverse("articles:list") + "?region=510000"
    first = client.get(url)
    assert [f.items[0].count for f in first.context["facets"] if f.name == "topic"] == [1]
    with django_assert_max_num_queries(5):  # facet GROUP BYs come from the cache
        client.get(url)
    ArticleFactory(region=region("510821"), topic=topic("health"))
    again = client.get(url)
    assert [f.items[0].count for f in again.context["facets"] if f.name == "topic"] == [2]
    other = client.get(reverse("articles:list") + "?region=150000")
    assert [f for f in other.context["facets"] if f.name == "topic"] == []


READER = """
import sys
from articles.models import Article
from articles.selectors import _counts, overview, unfiltered_counts
for line in sys.stdin:
    kept = unfiltered_counts()  # the unfiltered list's facets, kept at write time
    fresh = kept == _counts(Article.objects.all(), 2)
    print(overview().total, kept.total, fresh, flush=True)
"""


def _shared_cache_env(tmp_path, redis: bool) -> dict:
    import os
    import uuid

    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)  # production settings: the shared cache
    env.update(
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        CACHE_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
    )
    if redis:
        env["REDIS_URL"] = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    else:
        env.pop("REDIS_URL", None)
    return env


def _redis_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("redis", [False, True], ids=["database-cache", "redis"])
def test_an_ingest_in_one_process_shows_at_once_in_another(tmp_path, redis):
    """A long-lived reader process caches the overview, another process ingests the seed
    page, and the reader's next request counts the new articles (with a per-process
    cache it would show the old count for up to five minutes)."""
    import subprocess
    import sys
    from pathlib import Path

    if redis and not _redis_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    root = Path(__file__).resolve().parent.parent
    env = _shared_cache_env(tmp_path, redis)
    manage = [sys.executable, str(root / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=root, timeout=300)
    reader = subprocess.Popen(
        [*manage, "shell", "--no-imports", "-c", READER],
        env=env,
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        reader.stdin.write("read\n")
        reader.stdin.flush()
        before = reader.stdout.readline().split()
        seed = root / "tests" / "data" / "seed_page.txt"
        subprocess.run(
            [*manage, "ingest", str(seed)],
            env=env,
            check=True,
            cwd=root,
            timeout=300,
            capture_output=True,
        )
        reader.stdin.write("read\n")
        reader.stdin.flush()
        after = reader.stdout.readline().split()
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
    assert before == ["0", "0", "True"]
    # the seed page's articles, counted by the process that read 0, from scratch as kept
    assert int(after[0]) >= 3 and after[1] == after[0] and after[2] == "True"
