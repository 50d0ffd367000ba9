"""The whole ingest path on the real seed page, stored through the service (issue 2 point 5,
issue 3 point 1)."""

from decimal import Decimal

import pytest

from articles.evaluation import evaluate, find_item, squash
from articles.models import Article, Metric, SourcePage
from articles.services import IngestError, ingest_page

pytestmark = pytest.mark.django_db


def test_seed_page_yields_the_eight_gold_items(parsed_seed, seed_gold):
    assert len(parsed_seed.articles) == 8
    for item in seed_gold["items"]:
        assert find_item(item, parsed_seed.articles) is not None, item["key"]


def test_seed_items_have_gold_titles_bylines_kinds_regions_and_topics(parsed_seed, seed_gold):
    result = evaluate(seed_gold, parsed_seed)
    assert result.titles.misses == []
    assert result.regions.misses == []
    assert result.topics.misses == []


def test_seed_metrics_match_gold_with_value_unit_approx_and_previous(parsed_seed, seed_gold):
    result = evaluate(seed_gold, parsed_seed)
    assert result.metrics_gold == 46
    assert result.unmatched_metrics == []
    assert result.metrics_found == 46
    assert result.metric_values.misses == []
    assert result.must_not_violations == []


def test_seed_metrics_carry_the_gold_indicator_on_at_least_42(parsed_seed, seed_gold):
    result = evaluate(seed_gold, parsed_seed)
    assert result.indicators.right >= 42, result.indicators.misses


def test_ingesting_the_seed_page_stores_articles_and_metrics(seed_text, seed_gold):
    report = ingest_page(text=seed_text, publication="样例报")
    assert report.status == "created"
    assert Article.objects.count() == 8
    golmud = Article.objects.get(title="托起百姓稳稳的幸福")
    assert golmud.region.adcode == "632801"
    assert golmud.topic.slug == "social-security"
    assert golmud.byline == "汤红红"
    pension = golmud.metrics.get(indicator__slug="pension-benefits-paid")
    assert pension.value == Decimal("931000000")
    assert pension.unit == "元"
    assert squash("养老保险待遇9.31亿元").endswith(squash(pension.evidence))
    change = golmud.metrics.get(indicator__slug="unemployment-benefit-monthly")
    assert (change.value, change.previous_value, change.unit) == (
        Decimal("1692"),
        Decimal("1530"),
        "元/人/月",
    )
    wangcang = Article.objects.get(region__adcode="510821")
    volunteers = wangcang.metrics.get(indicator__slug="registered-volunteers")
    assert volunteers.value == 51104 and volunteers.approx is False
    assert volunteers.region.adcode == "510821"
    assert Metric.objects.filter(article__page=report.page).count() == report.metrics_created


def test_every_stored_evidence_is_the_exact_substring_of_its_body(seed_text):
    ingest_page(text=seed_text)
    for metric in Metric.objects.select_related("article"):
        evidence = metric.article.body[metric.evidence_start : metric.evidence_end]
        assert evidence == metric.evidence and evidence.strip()


def test_reingesting_the_same_page_changes_nothing(seed_text):
    first = ingest_page(text=seed_text, publication="样例报")
    before = list(Metric.objects.order_by("pk").values())
    article_rows = list(Article.objects.order_by("pk").values())
    second = ingest_page(text=seed_text, publication="样例报")
    assert second.status == "unchanged"
    assert second.articles_unchanged == 8
    assert second.metrics_created == second.metrics_deleted == 0
    assert SourcePage.objects.count() == 1
    assert list(Metric.objects.order_by("pk").values()) == before
    assert list(Article.objects.order_by("pk").values()) == article_rows
    assert first.page.pk == second.page.pk


def test_the_same_page_with_windows_line_endings_is_the_same_page(seed_text):
    ingest_page(text=seed_text)
    again = ingest_page(text="\ufeff" + seed_text.replace("\n", "\r\n"))
    assert again.status == "unchanged"
    assert SourcePage.objects.count() == 1


def test_reviewed_metrics_survive_a_reingest_with_a_new_date(seed_text):
    ingest_page(text=seed_text)
    reviewed = Metric.objects.get(indicator__slug="registered-volunteers")
    reviewed.status = "approved"
    reviewed.save()
    from datetime import date

    report = ingest_page(text=seed_text, issue_date=date(2024, 1, 16))
    assert report.status == "updated"
    reviewed.refresh_from_db()
    assert reviewed.status == "approved"
    assert Article.objects.filter(published=date(2024, 1, 16)).count() == 8


def test_dry_run_writes_nothing(seed_text):
    report = ingest_page(text=seed_text, dry_run=True)
    assert report.status == "dry-run"
    assert len(report.parsed.articles) == 8
    assert SourcePage.objects.count() == Article.objects.count() == 0


def test_unknown_home_region_is_a_clear_error_and_writes_nothing(seed_text):
    with pytest.raises(IngestError, match="999999"):
        ingest_page(text=seed_text, home_region="999999")
    assert SourcePage.objects.count() == 0


def test_an_empty_page_is_refused():
    with pytest.raises(IngestError, match="no articles"):
        ingest_page(text="  \n\n ")
    assert SourcePage.objects.count() == 0


def test_a_failure_while_storing_rolls_back_the_whole_page(seed_text, monkeypatch):
    from articles.services import page_store

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(page_store, "_create_articles", broken)
    with pytest.raises(RuntimeError):
        ingest_page(text=seed_text)
    assert SourcePage.objects.count() == Article.objects.count() == 0


def test_each_metric_stores_the_sentence_around_its_evidence(seed_text):
    ingest_page(text=seed_text)
    pension = Metric.objects.get(indicator__slug="resident-basic-pension-monthly")
    assert pension.sentence == "城乡居民养老保险基础养老金调整至每人每月285元，居全省前列；"
    share = Metric.objects.get(indicator__slug="registered-volunteers-share")
    assert share.sentence == "截至目前，实名注册志愿者总数51104人，占常住人口的15%。"


def test_reingesting_without_the_date_keeps_the_stored_date_and_event_dates(seed_text):
    from datetime import date

    ingest_page(text=seed_text, issue_date=date(2024, 1, 16), publication="样例报")
    event_dates = sorted(str(d) for d in Article.objects.values_list("event_date", flat=True))
    again = ingest_page(text=seed_text)
    assert again.status == "unchanged" and again.page_changes == []
    assert (
        sorted(str(d) for d in Article.objects.values_list("event_date", flat=True)) == event_dates
    )
    assert "2024-01-11" in event_dates


def test_a_different_publication_for_the_same_page_is_reported_not_moved(seed_text):
    """The same page text is the same page: it stays its first publication's (moving it
    silently took it from that publication), and the run says so."""
    ingest_page(text=seed_text, publication="样例报")
    report = ingest_page(text=seed_text, publication="另一报")
    assert report.status == "unchanged"
    assert report.page_changes == []
    assert any("already stored as 样例报's" in w for w in report.warnings)
    assert report.articles_unchanged == 8


def test_a_number_too_large_to_be_real_is_skipped_with_a_warning_not_stored():
    text = "本报讯 3月10日，仪陇县各项存款余额达到12345678901234567元，贷款余额3.5万亿元。"
    report = ingest_page(text=text)
    assert report.status == "created"
    assert [str(m.value) for m in Metric.objects.all()] == ["3500000000000.0000"]
    assert any("too large" in w and "12345678901234567" in w for w in report.warnings)
    again = ingest_page(text=text)
    assert again.status == "unchanged"


def test_overlong_page_details_are_a_clear_error(seed_text):
    with pytest.raises(IngestError, match="page_label is longer than 32"):
        ingest_page(text=seed_text, page_label="版" * 40)
    with pytest.raises(IngestError, match="publication is longer than 128"):
        ingest_page(text=seed_text, publication="报" * 200)
    assert SourcePage.objects.count() == 0


def test_a_reviewer_corrected_value_stands_and_reingest_changes_nothing(seed_text):
    ingest_page(text=seed_text)
    ids_before = set(Metric.objects.values_list("pk", flat=True))
    corrected = Metric.objects.get(indicator__slug="elevators-added")  # 新增电梯56部
    corrected.value, corrected.status = 57, "approved"
    corrected.save()
    for _ in range(2):
        report = ingest_page(text=seed_text)
        assert report.status == "unchanged", report.summary()
        assert report.metrics_created == report.metrics_deleted == 0
    assert set(Metric.objects.values_list("pk", flat=True)) == ids_before  # #m-<id> links stay
    elevators = Metric.objects.filter(article=corrected.article, unit="部")
    assert [(m.value, m.status) for m in elevators] == [(57, "approved")]


def test_an_article_edited_in_the_admin_is_not_overwritten_by_a_reingest(seed_text, admin_client):
    from django.urls import reverse

    ingest_page(text=seed_text)
    article = Article.objects.get(title="扎实推进清廉机关建设")
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "regions_mentioned"}
    data.update(
        title="扎实推进清廉机关建设（更正）",
        page=article.page_id,
        region=article.region_id,
        topic=article.topic_id,
        published="",
        event_date="",
        **{
            "metrics-TOTAL_FORMS": "0",
            "metrics-INITIAL_FORMS": "0",
            "metrics-MIN_NUM_FORMS": "0",
            "metrics-MAX_NUM_FORMS": "1000",
        },
    )
    assert admin_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.edited_by_hand and article.title.endswith("（更正）")
    report = ingest_page(text=seed_text)
    article.refresh_from_db()
    assert article.title == "扎实推进清廉机关建设（更正）"
    assert report.status == "unchanged"
    assert any("edited by hand" in w for w in report.warnings)
