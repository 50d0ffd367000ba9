"""Cached aggregates (overview counts, indicator picker) follow the data they summarize."""

import pytest
from django.urls import reverse

from articles.cache import cached, data_version, derived
from articles.models import Metric, Region
from tests.factories import (
    ArticleFactory,
    forget_language,
    picker_options,
    region,
    topic,
    volunteer_metric,
)

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


@pytest.mark.django_db(transaction=True)
def test_an_ingest_shows_at_once(client, seed_text, reference_data):
    """Committed for real: the ingest's transaction moves the data version at its commit."""
    from articles.services import ingest_page

    ArticleFactory(region=region("510821"), topic=topic("health"))
    first = client.get(reverse("articles:overview")).content.decode()
    assert "四川省" in first and "青海省" not in first
    before = data_version()
    ingest_page(text=seed_text)
    assert data_version() == before + 1
    assert "青海省" in client.get(reverse("articles:overview")).content.decode()


def test_rejecting_a_metric_removes_its_indicator_from_the_picker(client):
    metric = volunteer_metric("510821", 51104, None)
    url = reverse("articles:compare")
    assert "registered-volunteers" in client.get(url).content.decode()
    metric.status = "rejected"
    metric.save()
    assert 'value="registered-volunteers"' not in client.get(url).content.decode()


def test_a_derived_value_is_kept_while_its_inputs_stay_equal():
    calls = []

    def compute():
        calls.append(1)
        return [len(calls)]

    first = derived("probe-derived", ("zh", (("a", 1),)), compute)
    assert first == [1]
    assert derived("probe-derived", ("zh", (("a", 1),)), compute) is first  # kept
    assert derived("probe-derived", ("zh", (("a", 2),)), compute) == [2]  # a row changed
    assert derived("probe-derived", ("en", (("a", 2),)), compute) == [3]  # the language
    assert derived("probe-other", ("en", (("a", 2),)), compute) == [4]  # its own slot
    assert derived("probe-derived", ("en", (("a", 2),)), compute) == [3]
    assert len(calls) == 4


def test_the_compare_pickers_follow_the_data_without_a_cache_clear(client):
    """The pickers' choices are kept per process for the rows a request reads
    (``cache.derived``), never by the data version alone: a new region with data, a
    renamed prefecture or county and the other language show on the next request."""
    from django.core.cache import cache

    url = reverse("articles:compare") + "?indicator=registered-volunteers"
    volunteer_metric("510821", 51104, None)
    page = client.get(url).content.decode()
    assert "· 1个地区</option>" in page and ">广元市</option>" in page
    assert ["510821", "旺苍县", "四川省 › 广元市 › 旺苍县"] in picker_options(client, page)
    volunteer_metric("510822", 2000, None)
    Region.objects.filter(adcode="510800").update(name="广元新市")  # no signal: no bump
    Region.objects.filter(adcode="510821").update(name="旺苍新县")
    version = data_version()
    cache.set("govreports:data-version", version)  # as if no write had moved it
    page = client.get(url).content.decode()
    assert "· 2个地区</option>" in page and ">广元新市</option>" in page
    assert ["510821", "旺苍新县", "四川省 › 广元新市 › 旺苍新县"] in picker_options(client, page)
    english = client.get(url + "&lang=en").content.decode()
    assert "· 2 regions</option>" in english and "Registered volunteers" in english
    forget_language(client)  # the reader who asked for no language
    assert "· 2个地区</option>" in client.get(url).content.decode()


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
    monkeypatch.setattr("articles.cache.first_version", lambda: 1_700_000_000_000)
    calls = _cache_calls(monkeypatch)
    assert cached("probe", lambda: 7) == 7
    assert calls == ["get", "add", "get", "set"]  # version, then the value
    calls.clear()
    assert cached("probe", lambda: 8) == 7
    assert calls == ["get", "get"]
    assert data_version() == 1_700_000_000_000


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


def test_a_missing_data_version_starts_above_every_version_before(monkeypatch):
    """A version key that went missing (a Redis restart, an eviction) starts a new run
    from the clock, not from 1: no version, and so no cached value, page or ETag, is
    given twice for different data."""
    from django.core.cache import cache

    from articles.cache import DATA_VERSION_KEY, bump_data_version

    clock = iter([1_700_000_000_000, 1_700_000_000_500])
    monkeypatch.setattr("articles.cache.first_version", lambda: next(clock))
    cache.delete(DATA_VERSION_KEY)
    assert data_version() == 1_700_000_000_000
    bump_data_version()
    bump_data_version()
    assert data_version() == 1_700_000_000_002
    cache.delete(DATA_VERSION_KEY)  # lost
    bump_data_version()  # a write finds none: a new run
    assert data_version() == 1_700_000_000_500


def test_the_data_version_never_expires_in_the_database_cache(settings):
    """Django's ``incr`` for the database cache stores the sum with the default timeout
    (300 s): the version went missing five minutes after every write. It is kept for
    good (``expires`` far in the future), as Redis keeps it."""
    from datetime import UTC, timedelta

    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from articles.cache import DATA_VERSION_KEY, bump_data_version

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "govreports_cache",
        }
    }
    call_command("createcachetable", verbosity=0)  # the tests' own settings have none
    try:  # (Django's test signals renew the cache handler when CACHES changes)
        before = data_version()
        bump_data_version()
        assert data_version() > before
        key = caches["default"].make_key(DATA_VERSION_KEY)
        with connection.cursor() as cursor:
            cursor.execute("SELECT expires FROM govreports_cache WHERE cache_key = %s", [key])
            [(expires,)] = cursor.fetchall()
        if isinstance(expires, str):  # SQLite keeps the timestamp as text
            from datetime import datetime

            expires = datetime.fromisoformat(expires)
        if timezone.is_naive(expires):
            expires = timezone.make_aware(expires, UTC)
        assert expires > timezone.now() + timedelta(days=365)
    finally:
        caches["default"].clear()


def test_bumps_at_once_on_the_database_cache_never_share_a_version(settings, monkeypatch):
    """Django's ``incr`` for the database cache reads, then writes: two processes that
    bump at once both wrote the same next version (a new-user pass: 300 bumps from three
    processes moved it 259). There each bump writes the clock in nanoseconds: two bumps
    that read the same version write two versions."""
    from django.core.cache import caches
    from django.core.management import call_command

    from articles import cache as versions

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "govreports_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    backend = caches["default"]
    try:
        stale = data_version()
        real_set, written = backend.set, []

        def record(key, value, timeout=None, version=None):
            written.append(value)
            real_set(key, value, timeout, version)

        # both read the same version, as two processes at the same moment
        monkeypatch.setattr(backend, "get", lambda key, default=None, version=None: stale)
        monkeypatch.setattr(backend, "set", record)
        clock = iter([stale * 1_000_000 + 7, stale * 1_000_000 + 9])
        monkeypatch.setattr(versions.time, "time_ns", lambda: next(clock))
        versions.bump_data_version()
        versions.bump_data_version()
        assert written == [stale * 1_000_000 + 7, stale * 1_000_000 + 9]
        monkeypatch.undo()
        assert data_version() == stale * 1_000_000 + 9
    finally:
        backend.clear()
