"""Exports stream (issue 9.5): the header leaves before any query, the rows come in
chunks of articles (one metrics query per chunk) with the same output whatever the chunk
size, and an article's metrics keep their order."""

from decimal import Decimal

import pytest
from django.urls import reverse

from articles import exports
from articles.exports import articles as article_exports
from articles.models import Article
from tests.factories import ArticleFactory, MetricFactory, region, topic

pytestmark = pytest.mark.django_db

BODY = "全县发放养老金931000000元，惠及居民近3万人。"


def make_articles(n: int) -> None:
    for i in range(n):
        a = ArticleFactory(
            title=f"文章{i}", body=BODY, region=region("510821"), topic=topic("health")
        )
        for position, value in enumerate(["931000000", "15.5", "-0.25"]):
            MetricFactory(
                article=a,
                position=position,
                value=Decimal(value),
                unit="元",
                evidence_start=2,
                evidence_end=BODY.index("元") + 1,
            )


def csv_text(queryset) -> str:
    return "".join(exports.article_csv(queryset))


def test_the_csv_header_leaves_before_any_query(client, django_assert_num_queries):
    make_articles(2)
    response = client.get(reverse("articles:list") + "?format=csv")
    pieces = iter(response.streaming_content)
    with django_assert_num_queries(0):
        first = next(pieces).decode()
    assert first == "\ufeff" + ",".join(exports.ARTICLE_COLUMNS) + "\r\n"
    assert "931000000" in b"".join(pieces).decode()


def test_rows_come_in_chunks_with_the_same_output(monkeypatch, django_assert_num_queries):
    make_articles(8)
    queryset = Article.objects.order_by("-id")
    whole = csv_text(queryset)
    monkeypatch.setattr(article_exports, "FIRST_CHUNK", 2)
    monkeypatch.setattr(article_exports, "CHUNK", 3)
    # the articles (one cursor), then one metrics query per chunk of 2, 3 and 3 articles
    with django_assert_num_queries(4):
        chunked = csv_text(queryset)
    assert chunked == whole
    lines = whole.splitlines()[1:]
    assert len(lines) == 24
    values = [line.split(",")[exports.ARTICLE_COLUMNS.index("value")] for line in lines[:3]]
    assert values == ["931000000", "15.5", "-0.25"]  # plain numbers, in metric order
