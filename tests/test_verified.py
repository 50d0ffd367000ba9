"""``verified=1`` (issue 11, point 5): the list, compare, region and article pages and
their exports read reviewed (approved or corrected) metrics only and say so; compare rows
carry the winning metric's id, review state and ``edited`` flag."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from articles.models import Metric, MetricStatus
from tests.factories import body_of, json_of, volunteer_metric

WANGCANG, CANGXI = "510821", "510824"
NOTICE = "仅显示经人工审核（确认或更正）的指标值"


@pytest.fixture
def metrics():
    """Wangcang: an approved value in January and a newer unreviewed one in March;
    Cangxi: a corrected one. Reviewed-only compare takes Wangcang's January value."""
    return {
        "approved": volunteer_metric(WANGCANG, 40000, date(2024, 1, 5), status="approved"),
        "waiting": volunteer_metric(WANGCANG, 51104, date(2024, 3, 5)),
        "corrected": volunteer_metric(CANGXI, 86000, date(2024, 2, 1), status="corrected"),
    }


def compare_json(client, **params):
    return json_of(
        client.get(
            reverse("articles:compare"),
            {"indicator": "registered-volunteers", "format": "json", **params},
        )
    )


@pytest.mark.django_db
def test_compare_with_verified_uses_reviewed_metrics_only_and_says_so(client, metrics):
    every = compare_json(client)
    assert {r["region_adcode"]: r["value"] for r in every["rows"]} == {
        WANGCANG: "51104",
        CANGXI: "86000",
    }
    wangcang = next(r for r in every["rows"] if r["region_adcode"] == WANGCANG)
    assert (wangcang["metric_id"], wangcang["status"], wangcang["edited"]) == (
        metrics["waiting"].pk,
        "extracted",
        False,
    )
    reviewed = compare_json(client, verified="1")
    assert reviewed["verified"] is True
    assert {
        r["region_adcode"]: (r["value"], r["status"], r["edited"]) for r in reviewed["rows"]
    } == {
        WANGCANG: ("40000", "approved", False),
        CANGXI: ("86000", "corrected", True),
    }
    params = {"indicator": "registered-volunteers", "verified": "1", "tab": "table"}
    html = client.get(reverse("articles:compare"), params).content.decode()
    assert NOTICE in html and "已更正" in html  # the table's review state
    assert NOTICE not in client.get(reverse("articles:compare")).content.decode()


@pytest.mark.django_db
def test_the_list_with_verified_keeps_articles_with_reviewed_metrics_and_exports_only_those(
    client, metrics
):
    page = client.get(reverse("articles:list"), {"verified": "1"})
    assert {a.pk for a in page.context["articles"]} == {
        metrics["approved"].article_id,
        metrics["corrected"].article_id,
    }
    assert NOTICE in page.content.decode()
    docs = json_of(client.get(reverse("articles:list"), {"verified": "1", "format": "json"}))
    assert sorted(m["status"] for d in docs for m in d["metrics"]) == ["approved", "corrected"]
    assert [m["edited"] for d in docs for m in d["metrics"] if m["status"] == "corrected"] == [True]
    everything = json_of(client.get(reverse("articles:list"), {"format": "json"}))
    assert len(everything) == 3


@pytest.mark.django_db
def test_region_and_article_pages_with_verified_leave_unreviewed_metrics_out(client, metrics):
    region = client.get(reverse("articles:region", args=["510000"]), {"verified": "1"})
    assert NOTICE in region.content.decode()
    # 广元市 holds both counties: two reviewed metrics of three
    assert [(c.adcode, c.metrics) for c in region.context["data"].children] == [("510800", 2)]
    county = client.get(reverse("articles:region", args=[WANGCANG]), {"verified": "1"})
    rows = [m for b in county.context["data"].blocks for m in b.rows]
    # the page's rows carry only what it shows (region_metrics.DetailRow): status by id
    statuses = dict(Metric.objects.filter(pk__in=[m.pk for m in rows]).values_list("pk", "status"))
    assert [(m.value, statuses[m.pk]) for m in rows] == [(40000, "approved")]
    csv_text = body_of(
        client.get(
            reverse("articles:region", args=["510000"]),
            {"verified": "1", "format": "csv", "part": "articles"},
        )
    ).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert sorted((r["value"], r["status"], r["edited"]) for r in rows if r["metric_id"]) == [
        ("40000", "approved", "false"),
        ("86000", "corrected", "true"),
    ]
    waiting = metrics["waiting"].article
    page = client.get(waiting.get_absolute_url(), {"verified": "1"})
    assert page.context["metrics"] == [] and NOTICE in page.content.decode()
    assert (
        json_of(client.get(waiting.get_absolute_url(), {"verified": "1", "format": "json"}))[0][
            "metrics"
        ]
        == []
    )


@pytest.mark.django_db
def test_approving_in_the_queue_moves_the_verified_compare_at_once(client, metrics):
    from tests.factories import StaffUserFactory

    assert CANGXI in {r["region_adcode"] for r in compare_json(client, verified="1")["rows"]}
    client.force_login(StaffUserFactory())
    client.post(
        reverse("admin:articles_metric_review"),
        {"metric": metrics["waiting"].pk, "action": "approve"},
    )
    assert metrics["waiting"].__class__.objects.get(pk=metrics["waiting"].pk).status == (
        MetricStatus.APPROVED
    )
    rows = compare_json(client, verified="1")["rows"]
    assert {r["region_adcode"]: r["value"] for r in rows}[WANGCANG] == "51104"


@pytest.mark.django_db
@pytest.mark.parametrize("value, status", [("yes", 400), ("2", 400), ("", 200), ("真", 400)])
def test_odd_verified_values_never_give_a_500(client, metrics, value, status):
    # an empty value is no filter; any other but 0/1 is the list's 400 with its form error
    assert client.get(reverse("articles:list"), {"verified": value}).status_code == status
    assert client.get(reverse("articles:compare"), {"verified": value}).status_code in (200, 400)


@pytest.mark.django_db
def test_the_verified_chip_shows_only_when_set_and_removes_the_filter(client, metrics):
    chips = client.get(reverse("articles:list"), {"verified": "1"}).context["active_filters"]
    assert [(c.label, c.href) for c in chips] == [("仅已审核数据", "?")]
    assert client.get(reverse("articles:list"), {"topic": ""}).context["active_filters"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["approved", "corrected", "manual"])
def test_a_reviewed_value_wins_over_a_larger_unreviewed_one_of_the_same_article(client, status):
    from decimal import Decimal

    from tests.factories import ArticleFactory, MetricFactory, indicator, region

    article = ArticleFactory(region=region(WANGCANG), published=date(2024, 1, 16))
    for value, state in ((1728, "extracted"), (257, status)):
        MetricFactory(
            article=article,
            indicator=indicator("volunteer-teams"),
            value=Decimal(value),
            unit="支",
            status=state,
        )
    rows = json_of(
        client.get(reverse("articles:compare"), {"indicator": "volunteer-teams", "format": "json"})
    )["rows"]
    assert [(r["value"], r["status"]) for r in rows] == [("257", status)]
