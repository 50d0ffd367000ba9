"""Staff add a metric from a span of the body (issue 11, point 4): no offsets typed, the
value checked against the selected text, an override only with a note; re-extraction
leaves the metric alone."""

from decimal import Decimal

import pytest
from django.urls import reverse

from articles.manual_metric import numbers_in
from articles.models import Metric, MetricStatus
from tests.factories import ArticleFactory, indicator, json_of, region

BODY = "截至目前，全县实名注册志愿者5.11万人，志愿服务队伍二十支，注册志愿者51104人。"


@pytest.fixture
def article():
    return ArticleFactory(region=region("510821"), body=BODY)


def post(client, article, **fields):
    data = {
        "fix-indicator": indicator("registered-volunteers").pk,
        "fix-unit": "人",
        "fix-bound": "",
        "fix-region": "",
        **{f"fix-{k}": v for k, v in fields.items()},
    }
    return client.post(reverse("admin:articles_metric_add_span", args=[article.pk]), data)


@pytest.mark.parametrize(
    "text, value",
    [("5.11万人", "51100"), ("51104人", "51104"), ("二十支", "20"), ("1,530元", "1530")],
)
def test_numbers_in_reads_what_the_text_writes(text, value):
    assert Decimal(value) in numbers_in(text)


@pytest.mark.django_db
def test_a_selected_span_becomes_a_manual_metric_with_its_offsets(admin_client, article):
    page = admin_client.get(reverse("admin:articles_metric_add_span", args=[article.pk]))
    assert (
        f'<div id="span-body" class="review-sentence review-body" lang="zh-Hans">{BODY}</div>'
        in page.content.decode()
    )
    start = BODY.rindex("51104人")  # the second mention, as the selection gives it
    response = post(
        admin_client,
        article,
        value="51104",
        evidence="51104人",
        evidence_start=start,
        evidence_end=start + 6,
    )
    assert response.status_code == 302
    metric = Metric.objects.get()
    assert (metric.evidence_start, metric.evidence, metric.status) == (start, "51104人", "manual")
    assert metric.region.adcode == "510821"  # the article's, when none is given
    assert metric.reviews.get().action == "add"
    [doc] = json_of(admin_client.get(article.get_absolute_url(), {"format": "json"}))
    assert [(m["value"], m["status"]) for m in doc["metrics"]] == [("51104", "manual")]


@pytest.mark.django_db
def test_without_offsets_the_first_occurrence_of_the_typed_evidence_is_used(admin_client, article):
    post(admin_client, article, value="51100", evidence="5.11万人")
    assert Metric.objects.get().evidence_start == BODY.index("5.11万人")


@pytest.mark.django_db
def test_a_value_not_in_the_selection_needs_the_override_and_a_note(admin_client, article):
    bad = post(admin_client, article, value="52000", evidence="5.11万人")
    assert (
        bad.status_code == 200 and "数值 52000 不在所选原文“5.11万人”中。" in bad.content.decode()
    )
    no_note = post(admin_client, article, value="52000", evidence="5.11万人", override="on")
    assert "数值与原文不符时须写备注。" in no_note.content.decode()
    assert not Metric.objects.exists()
    ok = post(
        admin_client,
        article,
        value="52000",
        evidence="5.11万人",
        override="on",
        note="原文有误，据县志愿者协会",
    )
    assert ok.status_code == 302 and Metric.objects.get().value == 52000
    missing = post(admin_client, article, value="1", evidence="不在正文里")
    assert "所选文字不在正文中。" in missing.content.decode()


@pytest.mark.django_db
def test_reextraction_leaves_manual_metrics_alone(admin_client, seed_text):
    from django.core.management import call_command

    from articles.services import ingest_page

    ingest_page(text=seed_text, publication="样例报")
    metric = Metric.objects.filter(indicator__slug="registered-volunteers").first()
    article = metric.article
    Metric.objects.filter(article=article).delete()
    post(admin_client, article, value=str(metric.value.normalize()), evidence=metric.evidence)
    manual = Metric.objects.get(article=article)
    call_command("reextract", "--article", str(article.pk), stdout=__import__("io").StringIO())
    manual.refresh_from_db()
    assert manual.status == MetricStatus.MANUAL
    overlapping = Metric.objects.filter(
        article=article,
        evidence_start__lt=manual.evidence_end,
        evidence_end__gt=manual.evidence_start,
    )
    assert list(overlapping) == [manual]  # nothing extracted over it again


@pytest.mark.django_db
def test_reviewers_cannot_add_metrics(client, article):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("rev", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="reviewer"))
    client.force_login(user)
    assert (
        client.get(reverse("admin:articles_metric_add_span", args=[article.pk])).status_code == 403
    )
