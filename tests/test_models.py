"""ArticleQuerySet: the reads behind the article pages."""

from datetime import date

import pytest

from articles.models import Article, MetricStatus
from tests.factories import ArticleFactory, MetricFactory, SourcePageFactory, region, topic


@pytest.mark.django_db
def test_in_region_finds_the_whole_subtree_by_adcode_prefix():
    county = ArticleFactory(region=region("510821"))
    prefecture = ArticleFactory(region=region("510800"))
    ArticleFactory(region=region("510100"))
    ArticleFactory()
    assert set(Article.objects.in_region("510000")) == set(
        Article.objects.filter(region__adcode__startswith="51")
    )
    assert set(Article.objects.in_region("510800")) == {county, prefecture}
    assert set(Article.objects.in_region("510821")) == {county}
    assert not Article.objects.in_region("999999").exists()


def test_in_region_rejects_a_malformed_adcode():
    with pytest.raises(ValueError):
        Article.objects.in_region("5108")


@pytest.mark.django_db
def test_search_needs_every_term_in_title_or_body_case_insensitively():
    a = ArticleFactory(title="Volunteer 服务", body="旺苍县志愿者")
    ArticleFactory(title="其他", body="志愿者")
    assert list(Article.objects.search("volunteer 志愿者")) == [a]
    assert list(Article.objects.search("   ")) == list(Article.objects.all())


@pytest.mark.django_db
def test_counts_group_the_current_queryset():
    ArticleFactory(region=region("510821"), topic=topic("health"), published=date(2024, 1, 1))
    ArticleFactory(
        region=region("510821"), topic=topic("health"), published=date(2023, 1, 1), kind="photo"
    )
    ArticleFactory(region=region("110101"), page=SourcePageFactory(publication__name="北京日报"))
    qs = Article.objects.all()
    assert qs.region_counts() == {"510821": 2, "110101": 1}
    assert [(r["topic__slug"], r["n"]) for r in qs.topic_counts()] == [("health", 2)]
    assert [(r["kind"], r["n"]) for r in qs.kind_counts()] == [("news", 2), ("photo", 1)]
    assert [(r["year"], r["n"]) for r in qs.year_counts()] == [(2024, 1), (2023, 1)]
    assert [(r["publication"], r["n"]) for r in qs.source_counts()] == [
        ("测试报", 2),
        ("北京日报", 1),
    ]
    assert qs.in_region("510000").region_counts() == {"510821": 2}


@pytest.mark.django_db
def test_with_metrics_prefetches_only_shown_metrics(django_assert_num_queries):
    a = ArticleFactory()
    shown = MetricFactory(article=a, position=0)
    MetricFactory(article=a, position=1, status=MetricStatus.REJECTED)
    with django_assert_num_queries(2):
        [article] = Article.objects.with_related().with_metrics()
        assert list(article.metrics.all()) == [shown]
        assert article.metrics.all()[0].evidence == a.body


@pytest.mark.django_db
def test_a_metric_entered_without_a_region_takes_its_articles():
    from articles.models import Metric

    article = ArticleFactory(region=region("510821"))
    metric = Metric.objects.create(
        article=article,
        value=5,
        unit="个",
        evidence_start=0,
        evidence_end=2,
        sentence_start=0,
        sentence_end=5,
    )
    assert metric.region.adcode == "510821"
    assert Metric.objects.filter(region__adcode__startswith="5108").get() == metric
