"""A review shows in the admin's History of its metric (a new-user pass found History empty
after a review: decisions were only in ``MetricReview``, under 审核记录). Every path that
decides writes a ``LogEntry`` by the reviewer: the queue's one-at-a-time and bulk
decisions, the changelist's actions and an addition from the text."""

from decimal import Decimal

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.urls import reverse

from articles.models import Metric
from articles.review import decide, decide_all
from tests.factories import MetricFactory, indicator
from tests.test_manual_metric import BODY as SPAN_BODY
from tests.test_manual_metric import article as span_article  # noqa: F401
from tests.test_manual_metric import post as post_span
from tests.test_review_queue import QUEUE, article, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def history(client, metric, lang="zh-hans") -> str:
    url = reverse("admin:articles_metric_history", args=[metric.pk])
    return client.get(url, {"lang": lang}).content.decode()


def entries(metric) -> list[tuple[str, int, str]]:
    """The metric's LogEntry rows, oldest first: (username, flag, message)."""
    rows = LogEntry.objects.filter(object_id=str(metric.pk)).order_by("pk")
    return [(e.user.username, e.action_flag, e.change_message) for e in rows]


def test_an_approval_in_the_queue_is_in_the_metric_history(staff, article):  # noqa: F811
    _art, volunteers, _teams = article
    staff.post(reverse(QUEUE), {"metric": volunteers.pk, "action": "approve", "note": "核对原文"})
    message = "确认; 审核状态: 待审核 → 已确认; 备注：核对原文"
    assert entries(volunteers) == [(staff.user.username, CHANGE, message)]
    page = history(staff, volunteers)
    assert message in page and staff.user.username in page
    assert "此对象没有修改历史" not in page and "没有该对象的修改历史" not in page


def test_a_reviewer_working_in_english_gets_an_english_history_line(staff, article):  # noqa: F811
    _art, volunteers, _teams = article
    staff.post(reverse(QUEUE) + "?lang=en", {"metric": volunteers.pk, "action": "reject"})
    [(_user, flag, message)] = entries(volunteers)
    assert (flag, message) == (CHANGE, "Reject; review status: Pending review → Rejected")
    assert message in history(staff, volunteers, "en")


def test_a_correction_names_each_changed_value(staff, article):  # noqa: F811
    _art, volunteers, _teams = article
    staff.post(
        reverse(QUEUE),
        {
            "metric": volunteers.pk,
            "action": "correct",
            "fix-indicator": indicator("registered-volunteers").pk,
            "fix-value": "51140",
            "fix-unit": "人",
            "fix-bound": "",
            "fix-region": "510821",
            "fix-note": "原文误排",
        },
    )
    [(_user, flag, message)] = entries(volunteers)
    assert flag == CHANGE
    assert message == "更正; 数值: 51104 → 51140; 审核状态: 待审核 → 已更正; 备注：原文误排"


def test_bulk_decisions_write_one_history_line_per_metric(staff, article):  # noqa: F811
    _art, volunteers, teams = article
    staff.post(reverse(QUEUE), {"action": "bulk_approve", "confirmed": "yes", "note": "批量"})
    line = (staff.user.username, CHANGE, "确认; 审核状态: 待审核 → 已确认; 备注：批量")
    assert entries(volunteers) == [line] and entries(teams) == [line]
    staff.post(
        reverse("admin:articles_metric_changelist"),
        {"action": "reject", "_selected_action": [teams.pk]},
    )
    rejected = (staff.user.username, CHANGE, "驳回; 审核状态: 已确认 → 已驳回")
    assert entries(teams) == [line, rejected]
    assert LogEntry.objects.get(pk=LogEntry.objects.latest("pk").pk).object_repr == str(
        Metric.objects.get(pk=teams.pk)
    )


def test_a_metric_added_from_the_text_is_an_addition_in_its_history(
    admin_client,
    admin_user,
    span_article,  # noqa: F811
):
    start = SPAN_BODY.rindex("51104人")
    response = post_span(
        admin_client,
        span_article,
        value="51104",
        evidence="51104人",
        evidence_start=start,
        evidence_end=start + 6,
    )
    assert response.status_code == 302
    metric = Metric.objects.get()
    [(user, flag, message)] = entries(metric)
    assert (user, flag) == (admin_user.username, ADDITION)
    assert message == "添加; 数值:  → 51104; 审核状态:  → 人工添加"


def test_decisions_without_a_reviewer_leave_the_admin_history_alone():
    one, two = MetricFactory(value=Decimal("3")), MetricFactory(value=Decimal("4"))
    decide(one, None, "approve")
    decide_all(Metric.objects.filter(pk=two.pk), None, "reject")
    assert LogEntry.objects.count() == 0
    assert one.reviews.count() == 1 and two.reviews.count() == 1
