"""``Metric.published`` is a copy of its article's date (compare ranks from the index
``metric_observed_ranked`` without reading articles, issue 9.3). Every writer keeps the
copy in step; these tests hold each one to the article itself, and compare's winners to
a ranking by the article's own date."""

import os
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import F
from django.urls import reverse

from articles import selectors
from articles.corpus import generate_corpus
from articles.models import Article, Indicator, Metric
from articles.services import ingest_page
from tests.factories import (
    ArticleFactory,
    MetricFactory,
    StaffUserFactory,
    indicator,
    region,
    topic,
    volunteer_metric,
)

pytestmark = pytest.mark.django_db


def out_of_step() -> list[tuple]:
    """Metrics whose copy differs from their article's date (NULL counts as a value)."""
    return [
        (m.pk, m.published, m.article.published)
        for m in Metric.objects.select_related("article")
        if m.published != m.article.published
    ]


def test_a_metric_saved_takes_its_articles_date():
    article = ArticleFactory(published=date(2024, 3, 5))
    metric = MetricFactory(article=article, published=date(1999, 1, 1))
    metric.refresh_from_db()
    assert metric.published == date(2024, 3, 5)


def test_an_article_date_edit_moves_its_metrics_date():
    first = volunteer_metric("510821", 100, date(2024, 3, 5))
    MetricFactory(article=first.article, value=Decimal(7))
    other = volunteer_metric("510822", 200, date(2024, 3, 5))
    article = Article.objects.get(pk=first.article_id)  # loaded, as the admin does
    article.published = date(2022, 1, 1)
    article.save()
    dates = set(Metric.objects.filter(article=article).values_list("published", flat=True))
    assert dates == {date(2022, 1, 1)}
    other.refresh_from_db()
    assert other.published == date(2024, 3, 5)  # another article's metrics left alone
    article.published = None  # an undated article: its metrics rank last
    article.save()
    assert out_of_step() == []


def test_a_date_edit_in_the_admin_moves_its_metrics_date(client):
    metric = volunteer_metric("510821", 100, date(2024, 3, 5), article__topic=topic("health"))
    article = metric.article
    client.force_login(StaffUserFactory())
    data = {
        "page": article.page_id,
        "position": article.position,
        "kind": article.kind,
        "title": article.title,
        "body": article.body,
        "region": region("510821").pk,
        "topic": article.topic_id,
        "published": "2021-07-01",
        "metrics-TOTAL_FORMS": "0",
        "metrics-INITIAL_FORMS": "0",
        "metrics-MIN_NUM_FORMS": "0",
        "metrics-MAX_NUM_FORMS": "1000",
    }
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    metric.refresh_from_db()
    assert metric.published == date(2021, 7, 1)


def test_an_ingest_and_a_reingest_with_a_new_date_date_every_metric(seed_text):
    ingest_page(text=seed_text, issue_date=date(2024, 1, 15))
    assert Metric.objects.count() > 40
    assert set(Metric.objects.values_list("published", flat=True)) == {date(2024, 1, 15)}
    report = ingest_page(text=seed_text, issue_date=date(2024, 1, 16))
    assert report.status == "updated"
    assert set(Metric.objects.values_list("published", flat=True)) == {date(2024, 1, 16)}
    assert out_of_step() == []


def test_a_generated_corpus_dates_every_metric():
    generate_corpus(articles=30, seed=7)
    assert Metric.objects.filter(published__isnull=False).count() > 30
    assert out_of_step() == []


def test_compare_winners_are_those_ranked_by_the_articles_own_date():
    """Compare ranks by the copy; the reference ranks by ``article.published`` itself,
    undated articles last, then the highest article id, the largest value."""
    values = [
        ("510821", 10, date(2024, 3, 5)),
        ("510821", 20, date(2023, 3, 5)),
        ("510821", 30, None),
        ("510822", 40, None),
        ("510822", 50, None),
        ("510823", 60, date(2022, 1, 1)),
        ("510823", 70, date(2024, 1, 1)),
    ]
    metrics = [volunteer_metric(adcode, value, when) for adcode, value, when in values]
    # the copy must follow a date edit: 20 becomes 510821's newest value
    moved = Article.objects.get(pk=metrics[1].article_id)
    moved.published = date(2025, 1, 1)
    moved.save()
    expected = {}
    ranked = Metric.objects.filter(indicator__slug="registered-volunteers").order_by(
        "region_id",
        F("article__published").desc(nulls_last=True),
        "-article_id",
        "-value",
    )
    for m in ranked:
        expected.setdefault(m.region_id, (m.pk, m.article.published))
    got = selectors.compare_values(indicator=indicator("registered-volunteers"), evidence=False)
    assert {m["region_id"]: (m["id"], m["article__published"]) for m in got} == expected
    assert expected[region("510821").pk][1] == date(2025, 1, 1)


def test_the_publication_is_read_for_each_regions_winner_only():
    """The winner carries its article's publication; the older rows' publication is not
    read (``selectors._publication_of_first``), yet the winner's is never lost."""
    volunteer_metric("510821", 1, date(2020, 1, 1), article__page__publication__name="旧报")
    new = volunteer_metric("510821", 2, date(2024, 1, 1), article__page__publication__name="新报")
    got = selectors.compare_values(indicator=Indicator.objects.get(slug="registered-volunteers"))
    assert [(m["id"], m["publication"]) for m in got] == [(new.pk, "新报")]


def test_rebuild_aggregates_puts_back_every_metric_date_out_of_step():
    """A restore of a backup made before the copy existed leaves it empty; a raw edit
    may leave it wrong: ``manage.py rebuild_aggregates`` copies the article's again."""
    from django.core.management import call_command

    dated = volunteer_metric("510821", 1, date(2024, 1, 1))
    volunteer_metric("510822", 2, None)
    volunteer_metric("510823", 3, date(2023, 5, 6))
    Metric.objects.filter(pk=dated.pk).update(published=None)
    Metric.objects.exclude(pk=dated.pk).update(published=date(1999, 1, 1))
    assert len(out_of_step()) == 3
    call_command("rebuild_aggregates", stdout=open(os.devnull, "w"))
    assert out_of_step() == []
