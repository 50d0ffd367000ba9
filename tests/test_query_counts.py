"""Every page runs a fixed number of queries whatever the size of the data (issue 9):
each count is pinned, measured on a small table and again after it grew."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import ArticleFactory, MetricFactory, indicator, region, topic

pytestmark = pytest.mark.django_db

#: page name -> (url, queries with the cache cleared). The cached aggregates (overview
#: counts, indicator coverage, facet counts) are part of these counts; warm pages run fewer.
PAGES = {
    "list": ("/articles/", 4),
    "list_province_topic": ("/articles/?region=510000&topic=volunteering", 6),
    "list_page_2": ("/articles/?page=2", 4),
    # provinces, the search's one statement (articles.search_listing), topics, the page
    "search_1": ("/articles/?q=苍", 4),
    "search_4": ("/articles/?q=注册志愿", 4),
    "search_title_order": ("/articles/?q=注册志愿&o=title", 4),
    "region_province": ("/regions/510000/", 7),
    "region_county": ("/regions/510821/", 6),
    # ?mpage= read (the county has one page of metrics at both sizes: the mpage=2 this
    # measured was clamped to page 1, and a page that does not exist is now a 404)
    "region_county_metrics_page_1": ("/regions/510821/?mpage=1", 6),
    # compare: the winners kept at write time (with their regions' names and articles'
    # publications, for the sources panel), the shown rows' titles and evidence; the map
    # (province, prefecture) +1 for the gazetteer names of its shapes, at any size
    "compare_county": ("/compare/?indicator=registered-volunteers&level=county", 6),
    "compare_province_map": ("/compare/?indicator=registered-volunteers&level=province", 7),
    # per 1,000 residents: the census is joined to the kept winners (no query of its own)
    "compare_per_1000": (
        "/compare/?indicator=registered-volunteers&level=county&per=per_1000",
        6,
    ),
    # ... but read on its own when the winners are ranked at read time
    "compare_per_1000_verified": (
        "/compare/?indicator=registered-volunteers&level=county&per=per_1000&verified=1",
        8,
    ),
    # a filtered compare ranks at read time: the ranked narrow rows, the gazetteer's names
    "compare_verified": ("/compare/?indicator=registered-volunteers&level=county&verified=1", 7),
    "overview": ("/", 4),
    "export_csv": ("/articles/?region=510000&format=csv", 3),
    "export_json": ("/articles/?region=510000&format=json", 3),
}


def grow(n: int) -> None:
    """``n`` articles in Sichuan counties, each with two volunteer counts."""
    counties = ["510821", "510824", "510823", "510104"]
    for i in range(n):
        article = ArticleFactory(
            title=f"旺苍县志愿服务{i}",
            body="全县实名注册志愿者达51104人。",
            region=region(counties[i % 4]),
            topic=topic("volunteering"),
            published=date(2024, 1 + i % 12, 1),
        )
        for value in (51104 + i, 670):
            MetricFactory(
                article=article,
                indicator=indicator("registered-volunteers"),
                value=Decimal(value),
                unit="人",
                evidence_start=2,
                evidence_end=15,
            )


def count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture(scope="module")
def counts_at_two_sizes(django_db_setup, django_db_blocker) -> dict[str, tuple]:
    """page name -> (queries with 30 articles, queries after 60 more), or the error its
    request raised. The two tables are grown once for all pages (growing them per page
    was 17 x 90 articles through the write path, a minute of CPU on PostgreSQL); each page
    is requested with a new client in a savepoint rolled back after it, so no page's
    request sees what another's left, and everything is rolled back at the end."""
    from django.db import transaction
    from django.test import Client

    def measure(name: str):
        try:
            with transaction.atomic():
                queries = count(Client(), PAGES[name][0])
                transaction.set_rollback(True)
            return queries
        except Exception as error:  # re-raised in that page's test
            return error

    with django_db_blocker.unblock(), transaction.atomic():
        grow(30)
        small = {name: measure(name) for name in PAGES}
        grow(60)
        large = {name: measure(name) for name in PAGES}
        transaction.set_rollback(True)
    return {name: (small[name], large[name]) for name in PAGES}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_runs_the_same_number_of_queries_at_any_size(counts_at_two_sizes, name):
    expected = PAGES[name][1]
    for measured in counts_at_two_sizes[name]:
        if isinstance(measured, Exception):
            raise measured
    assert counts_at_two_sizes[name] == (expected, expected)


def test_an_article_page_runs_two_queries(client):
    grow(3)
    from articles.models import Article

    url = reverse("articles:detail", args=[Article.objects.first().pk])
    assert count(client, url) == 2
