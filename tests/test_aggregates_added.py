"""``aggregates.added``: an ingest moves the coverage of its indicators on by its new
metrics alone, without recounting the older ones, and the rows stay equal to a count
from scratch (new regions, known regions, targets, rejected, no region), on both
databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import aggregates
from articles.models import Metric
from articles.services import ingest_page
from articles.services.rows import insert_values
from tests.factories import ArticleFactory, indicator, region, volunteer_metric

pytestmark = pytest.mark.django_db

OTHER_FIGURES = str.maketrans("3456789", "4567893")


def _same() -> list[dict]:
    kept = Metric.objects.indicator_coverage()
    assert kept == Metric.objects.indicator_coverage_direct()
    return kept


def _row(slug: str) -> tuple[int, int] | None:
    for r in Metric.objects.indicator_coverage():
        if r["slug"] == slug:
            return r["regions"], r["metrics"]
    return None


def test_an_ingest_moves_coverage_on_without_recounting(seed_text):
    ingest_page(text=seed_text, publication="样例报")
    first = _same()
    second = seed_text.replace("旺苍县", "苍溪县").translate(OTHER_FIGURES)
    with CaptureQueriesContext(connection) as captured:
        report = ingest_page(text=second, publication="样例报")
    assert report.metrics_created > 20
    assert not [q for q in captured if "COUNT(DISTINCT m.region_id)" in q["sql"]]  # no recount
    after = _same()
    grown = {r["slug"]: (r["regions"], r["metrics"]) for r in after}
    assert any(grown[r["slug"]][1] > r["metrics"] for r in first)
    assert any(grown[r["slug"]][0] > r["regions"] for r in first)  # 苍溪县 is new


def _metric(article, area, n: int, **fields) -> dict:
    return {
        "article_id": article.pk,
        "position": n,
        "region_id": area.pk if area else None,
        "indicator_id": indicator("registered-volunteers").pk,
        "label": "",
        "value": n,
        "value_max": None,
        "unit": "人",
        "evidence_start": 0,
        "evidence_end": 5,
        "sentence_start": 0,
        "sentence_end": 5,
        "target": False,
        "status": "extracted",
        **fields,
    }


@pytest.mark.parametrize("per_statement", [200, 1])
def test_added_counts_a_region_new_to_its_indicator_once(monkeypatch, per_statement):
    monkeypatch.setattr(aggregates, "_PAIRS_PER_STATEMENT", per_statement)
    volunteer_metric("510821", 1, None)  # 旺苍县 known
    assert _row("registered-volunteers") == (1, 1)
    article = ArticleFactory()
    wangcang, cangxi, jiange = region("510821"), region("510824"), region("510823")
    rows = [
        _metric(article, wangcang, 0),  # a known region: one more metric, no new region
        _metric(article, cangxi, 1),  # a new region, twice: one region
        _metric(article, cangxi, 2),
        _metric(article, jiange, 3, target=True),  # a plan: not observed
        _metric(article, jiange, 4, status="rejected"),  # rejected: not observed
        _metric(article, None, 5),  # no region: not counted
        _metric(article, jiange, 6, indicator_id=None),  # no indicator
    ]
    insert_values(Metric, rows)
    with aggregates.batch():
        aggregates.added(rows)
        assert _row("registered-volunteers") == (1, 1)  # at the batch's end
    assert _row("registered-volunteers") == (2, 4)
    _same()


def test_a_touched_indicator_is_recounted_not_moved_on_twice():
    metric = volunteer_metric("510821", 1, None)
    article = ArticleFactory()
    rows = [_metric(article, region("510824"), 0)]
    insert_values(Metric, rows)
    with aggregates.batch():
        aggregates.added(rows)
        aggregates.touch([metric.indicator_id])
    assert _row("registered-volunteers") == (2, 2)
    _same()
