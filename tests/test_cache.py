"""Cached aggregates (overview counts, indicator picker) follow the data they summarize."""

import pytest
from django.urls import reverse

from articles.cache import cached, data_version
from articles.models import Metric
from tests.factories import ArticleFactory, region, topic, volunteer_metric

pytestmark = pytest.mark.django_db


def test_a_second_overview_request_reuses_the_aggregates(client, django_assert_max_num_queries):
    volunteer_metric("510821", 51104, None)
    client.get(reverse("articles:overview"))
    with django_assert_max_num_queries(2):  # the latest articles and province names only
        client.get(reverse("articles:overview"))


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
