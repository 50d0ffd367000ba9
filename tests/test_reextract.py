"""Re-extraction with the current catalogue (issue 11, point 6): extracted metrics follow
the catalogue, metrics a person approved, corrected or rejected stay as they are, and the
command reports what changed."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Indicator, Metric, MetricStatus, SourcePage
from articles.review import decide
from articles.services import ingest_page
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seed_text):
    """The seed page with three metrics reviewed (approved, corrected, rejected), and the
    indicator of an unreviewed metric stripped of its phrases in the catalogue."""
    ingest_page(text=seed_text, publication="样例报")
    staff = StaffUserFactory()
    metrics = list(Metric.objects.filter(indicator__isnull=False).order_by("pk"))
    approved, corrected, rejected = metrics[0], metrics[1], metrics[2]
    decide(approved, staff, "approve")
    decide(corrected, staff, "correct", {"value": corrected.value + 1})
    decide(rejected, staff, "reject")
    reviewed_slugs = {m.indicator.slug for m in (approved, corrected, rejected)}
    victim = next(m for m in metrics[3:] if m.indicator.slug not in reviewed_slugs)
    Indicator.objects.filter(pk=victim.indicator_id).update(phrases=[])
    return {"approved": approved, "corrected": corrected, "rejected": rejected, "victim": victim}


def snapshot(metric):
    metric = Metric.objects.get(pk=metric.pk)
    return (metric.status, metric.value, metric.indicator_id, metric.evidence_start)


def test_reextract_updates_extracted_metrics_and_keeps_reviewed_ones(seeded):
    kept = {name: snapshot(seeded[name]) for name in ("approved", "corrected", "rejected")}
    victim = seeded["victim"]
    out = io.StringIO()
    call_command("reextract", "--all", stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert {name: snapshot(seeded[name]) for name in kept} == kept
    assert kept["corrected"][0] == MetricStatus.CORRECTED
    # the victim's indicator has no phrases now: its metric is no longer stored with it
    assert not Metric.objects.filter(pk=victim.pk, indicator=victim.indicator).exists()
    assert f"article {victim.article_id}: removed {victim.evidence}=" in text
    assert "1 page re-extracted:" in text and "3 reviewed kept as they are" in text


def test_reextract_of_an_unchanged_catalogue_changes_nothing(seed_text):
    ingest_page(text=seed_text, publication="样例报")
    ids = set(Metric.objects.values_list("pk", flat=True))
    out = io.StringIO()
    call_command("reextract", "--publication", "样例报", stdout=out)
    assert set(Metric.objects.values_list("pk", flat=True)) == ids
    assert "0 metrics written, 0 removed" in out.getvalue()


def test_reextract_by_article_runs_its_page(seeded):
    article = seeded["victim"].article
    out = io.StringIO()
    call_command("reextract", "--article", str(article.pk), stdout=out)
    assert "1 page re-extracted" in out.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--article", "999999"], "--article: no article 999999"),
        (["--publication", "无此报"], "--publication: no pages of a publication named '无此报'"),
    ],
)
def test_reextract_names_the_bad_parameter(seed_text, args, message):
    ingest_page(text=seed_text, publication="样例报")
    with pytest.raises(CommandError, match=message):
        call_command("reextract", *args)
    with pytest.raises(CommandError):
        call_command("reextract")  # one of the three is required


def test_the_admin_action_reextracts_the_selected_pages(client, seeded):
    client.force_login(StaffUserFactory())
    page = SourcePage.objects.get()
    response = client.post(
        reverse("admin:articles_sourcepage_changelist"),
        {"action": "reextract", "_selected_action": [page.pk]},
        follow=True,
    )
    assert "已重新抽取 1 个版面" in response.content.decode()
    assert snapshot(seeded["approved"])[0] == MetricStatus.APPROVED
    assert not Metric.objects.filter(
        pk=seeded["victim"].pk, indicator=seeded["victim"].indicator
    ).exists()
