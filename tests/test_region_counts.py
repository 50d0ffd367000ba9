"""Metrics per region kept by triggers (articles.region_counts): ``RegionMetricCount``
always equals the count from scratch it replaces, after every kind of write, on both
databases; and a province page's children read it."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse

from articles import region_counts
from articles.corpus import delete_corpus, generate_corpus
from articles.models import REVIEWED_STATUSES, Article, Metric, MetricStatus, RegionMetricCount
from articles.review import decide, decide_all
from tests.factories import StaffUserFactory, region, volunteer_metric

pytestmark = pytest.mark.django_db


def _from_scratch() -> dict[int, tuple[int, int]]:
    """``{region id: (shown, reviewed)}`` counted over every metric now, zeros left out."""
    rows = (
        Metric.objects.filter(region__isnull=False)
        .values_list("region_id")
        .annotate(
            shown=Count("pk", filter=~Q(status=MetricStatus.REJECTED)),
            reviewed=Count("pk", filter=Q(status__in=REVIEWED_STATUSES)),
        )
        .order_by()
    )
    return {pk: (s, r) for pk, s, r in rows if s or r}


def _same() -> dict[int, tuple[int, int]]:
    """The kept rows (zeros left out), asserted equal to the count from scratch."""
    kept = {
        c.region_id: (c.shown, c.reviewed)
        for c in RegionMetricCount.objects.all()
        if c.shown or c.reviewed
    }
    assert kept == _from_scratch()
    return kept


def _of(adcode: str) -> tuple[int, int]:
    row = RegionMetricCount.objects.filter(region=region(adcode)).first()
    return (row.shown, row.reviewed) if row else (0, 0)


def test_an_ingest_counts_its_metrics_per_region(seed_text):
    from articles.services import ingest_page

    assert _same() == {}
    ingest_page(text=seed_text)
    kept = _same()
    assert kept and sum(s for s, _r in kept.values()) == Metric.objects.count()
    ingest_page(text=seed_text)  # unchanged: same answer
    assert _same() == kept


def test_saves_moves_reviews_and_deletes_move_the_counts():
    one = volunteer_metric("510821", 1, None)
    volunteer_metric("510821", 2, None)
    other = volunteer_metric("510822", 3, None)
    assert _of("510821") == (2, 0) and _of("510822") == (1, 0)
    user = StaffUserFactory()
    decide(Metric.objects.get(pk=one.pk), user, "approve")
    assert _of("510821") == (2, 1)
    one.refresh_from_db()
    one.region = region("510822")  # an admin edit moves it to another county
    one.save()
    assert _of("510821") == (1, 0) and _of("510822") == (2, 1)
    decide_all(Metric.objects.filter(pk=other.pk), user, "reject")  # update(): no signals
    assert _of("510822") == (1, 1)
    Metric.objects.filter(pk=one.pk).update(status=MetricStatus.EXTRACTED, region=None)
    assert _of("510822") == (0, 0)
    _same()
    Metric.objects.filter(pk=other.pk).delete()
    Article.objects.filter(metrics__region__adcode="510821").delete()  # cascade
    assert _of("510821") == (0, 0)
    assert _same() == {}


def test_raw_sql_and_bulk_writes_are_counted():
    metric = volunteer_metric("510821", 1, None)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_metric SET region_id = %s WHERE id = %s",
            [region("510822").pk, metric.pk],
        )
    assert _of("510821") == (0, 0) and _of("510822") == (1, 0)
    copy = Metric.objects.get(pk=metric.pk)
    copy.pk = None
    copy.status = MetricStatus.MANUAL
    Metric.objects.bulk_create([copy])
    assert _of("510822") == (2, 1)
    _same()


def test_corpus_and_its_deletion_keep_the_counts_exact():
    generate_corpus(articles=40, seed=3)
    kept = _same()
    assert len(kept) >= 10
    chosen = Metric.objects.order_by("pk")[:7]
    decide_all(Metric.objects.filter(pk__in=[m.pk for m in chosen]), None, "approve")
    assert sum(r for _s, r in _same().values()) == 7
    delete_corpus()
    assert _same() == {}


def test_admin_deletes_move_the_counts(admin_client):
    first = volunteer_metric("510821", 1, None)
    second = volunteer_metric("510822", 2, None)
    url = reverse("admin:articles_article_delete", args=[first.article_id])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert _of("510821") == (0, 0)
    changelist = reverse("admin:articles_metric_changelist")
    data = {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"}
    assert admin_client.post(changelist, data).status_code == 302
    assert _same() == {}


def test_rebuild_repairs_a_stale_table():
    volunteer_metric("510821", 1, None)
    RegionMetricCount.objects.all().delete()
    assert _from_scratch() and not RegionMetricCount.objects.exists()
    call_command("rebuild_aggregates")
    assert _same() == {region("510821").pk: (1, 0)}
    region_counts.rebuild()
    _same()


def test_a_province_page_counts_its_children_from_the_kept_rows(client):
    volunteer_metric("510821", 1, None)
    volunteer_metric("510822", 2, None, status=MetricStatus.APPROVED)
    volunteer_metric("510104", 3, None, status=MetricStatus.REJECTED)
    page = client.get(reverse("articles:region", args=["510000"]))
    children = {c.adcode: (c.articles, c.metrics) for c in page.context["data"].children}
    assert children == {"510800": (2, 2), "510100": (1, 0)}
    verified = client.get(reverse("articles:region", args=["510000"]), {"verified": "1"})
    children = {c.adcode: c.metrics for c in verified.context["data"].children}
    assert children == {"510800": 1, "510100": 0}
