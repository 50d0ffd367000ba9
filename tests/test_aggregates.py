"""Write-time aggregates (articles.aggregates): ``IndicatorCoverage`` always equals the
whole-table count it replaces, after every kind of write, on both databases."""

import pytest
from django.core.management import call_command

from articles.aggregates import batch, rebuild_coverage, touch
from articles.corpus import delete_corpus, generate_corpus
from articles.models import Article, IndicatorCoverage, Metric
from articles.review import decide, decide_all
from tests.factories import StaffUserFactory, indicator, volunteer_metric

pytestmark = pytest.mark.django_db


def _same() -> list[dict]:
    """The maintained rows, asserted equal to the direct count; returns them."""
    kept = Metric.objects.indicator_coverage()
    assert kept == Metric.objects.indicator_coverage_direct()
    return kept


def _row(slug: str) -> tuple[int, int] | None:
    for r in Metric.objects.indicator_coverage():
        if r["slug"] == slug:
            return r["regions"], r["metrics"]
    return None


def test_an_ingest_counts_its_indicators(seed_text):
    from articles.services import ingest_page

    assert _same() == []
    ingest_page(text=seed_text)
    rows = _same()
    assert rows and all(r["regions"] >= 1 and r["metrics"] >= r["regions"] for r in rows)
    ingest_page(text=seed_text)  # unchanged: same answer
    assert _same() == rows


def test_corpus_review_and_delete_keep_coverage_exact():
    generate_corpus(articles=40, seed=3)
    rows = _same()
    assert len(rows) >= 10
    top = rows[0]["slug"]
    before = _row(top)
    chosen = Metric.objects.filter(indicator__slug=top).order_by("pk")[:5]
    decide_all(Metric.objects.filter(pk__in=[m.pk for m in chosen]), None, "reject")
    after = _row(top)
    assert after[1] == before[1] - 5 and after[0] <= before[0]
    _same()
    delete_corpus()
    assert _same() == []


def test_single_saves_deletes_and_corrections_move_the_numbers():
    one = volunteer_metric("510821", 51104, None)
    volunteer_metric("510822", 3, None)
    assert _row("registered-volunteers") == (2, 2)
    other = (
        indicator("registered-volunteers")
        .__class__.objects.exclude(slug="registered-volunteers")
        .first()
    )
    user = StaffUserFactory()
    metric = Metric.objects.get(pk=one.pk)  # loaded: knows its old indicator
    decide(metric, user, "correct", corrections={"indicator": other})
    assert _row("registered-volunteers") == (1, 1)
    assert _row(other.slug) == (1, 1)
    _same()
    metric.target = True
    metric.save()
    assert _row(other.slug) is None
    Article.objects.filter(metrics__indicator__slug="registered-volunteers").delete()
    assert _row("registered-volunteers") is None
    assert _same() == []


def test_a_batch_recomputes_once_at_its_end():
    metric = volunteer_metric("510821", 1, None)
    with batch():
        Metric.objects.filter(pk=metric.pk).update(status="rejected")
        touch([metric.indicator_id])
        assert _row("registered-volunteers") == (1, 1)  # not yet
    assert _row("registered-volunteers") is None
    _same()


def test_rebuild_repairs_a_stale_table(capsys):
    volunteer_metric("510821", 1, None)
    IndicatorCoverage.objects.all().delete()
    assert Metric.objects.indicator_coverage() == []
    call_command("rebuild_aggregates")
    assert _same()[0]["slug"] == "registered-volunteers"
    rebuild_coverage()
    _same()


def test_admin_deletes_recompute_the_coverage(admin_client):
    from django.urls import reverse

    first = volunteer_metric("510821", 1, None)
    second = volunteer_metric("510822", 2, None)
    volunteer_metric("510823", 3, None)
    url = reverse("admin:articles_article_delete", args=[first.article_id])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert _row("registered-volunteers") == (2, 2)
    changelist = reverse("admin:articles_metric_changelist")
    data = {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"}
    assert admin_client.post(changelist, data).status_code == 302
    assert _row("registered-volunteers") == (1, 1)
    _same()
