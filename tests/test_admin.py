"""The admin: every model's pages load for staff, anonymous users are sent to log in,
and the review actions change metric status."""

from decimal import Decimal

import pytest
from django.urls import reverse

from articles.models import Metric, MetricStatus, Population
from tests.factories import (
    ArticleFactory,
    MetricFactory,
    StaffUserFactory,
    indicator,
    region,
    topic,
)

MODELS = ["region", "population", "topic", "indicator", "sourcepage", "article", "metric"]


@pytest.fixture
def staff_client(client):
    client.force_login(StaffUserFactory())
    return client


@pytest.fixture
def rows():
    article = ArticleFactory(
        region=region("510821"), topic=topic("volunteering"), title="<b>志愿</b>"
    )
    metric = MetricFactory(article=article, indicator=indicator("registered-volunteers"))
    population = Population.objects.filter(region__adcode="510821").first()
    assert population is not None  # loaded by the migrations from the 2020 census
    return {
        "region": region("510821"),
        "population": population,
        "topic": topic("volunteering"),
        "indicator": indicator("registered-volunteers"),
        "sourcepage": article.page,
        "article": article,
        "metric": metric,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_change_form_load_for_staff(staff_client, rows, model):
    changelist = staff_client.get(reverse(f"admin:articles_{model}_changelist"))
    assert changelist.status_code == 200
    change = staff_client.get(reverse(f"admin:articles_{model}_change", args=[rows[model].pk]))
    assert change.status_code == 200
    assert staff_client.get(reverse(f"admin:articles_{model}_add")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_admin_pages_send_anonymous_users_to_the_login_page(client, rows, model):
    response = client.get(reverse(f"admin:articles_{model}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_region_foreign_keys_are_not_giant_selects(staff_client, rows):
    html = staff_client.get(
        reverse("admin:articles_article_change", args=[rows["article"].pk])
    ).content.decode()
    assert html.count("<option") < 200
    assert "admin-autocomplete" in html


@pytest.mark.django_db
def test_the_article_form_shows_its_metrics_inline_with_their_evidence(staff_client, rows):
    html = staff_client.get(
        reverse("admin:articles_article_change", args=[rows["article"].pk])
    ).content.decode()
    assert "metrics-0-value" in html
    assert "截至目前，实名注册志愿者总数51104人，占常住人口的15%。" in html


@pytest.mark.django_db
def test_review_actions_approve_and_reject_the_selected_metrics(staff_client, rows):
    other = MetricFactory(article=rows["article"], position=1, value=Decimal("15"), unit="%")
    url = reverse("admin:articles_metric_changelist")
    response = staff_client.post(
        url, {"action": "approve", "_selected_action": [rows["metric"].pk]}, follow=True
    )
    assert response.status_code == 200
    staff_client.post(url, {"action": "reject", "_selected_action": [other.pk]})
    statuses = dict(Metric.objects.values_list("pk", "status"))
    assert statuses == {rows["metric"].pk: MetricStatus.APPROVED, other.pk: MetricStatus.REJECTED}


@pytest.mark.django_db
def test_the_review_queue_filters_by_status(staff_client, rows):
    MetricFactory(
        article=rows["article"], position=1, label="已驳回的", status=MetricStatus.REJECTED
    )
    response = staff_client.get(
        reverse("admin:articles_metric_changelist"), {"status__exact": "rejected"}
    )
    assert [m.label for m in response.context["cl"].result_list] == ["已驳回的"]


@pytest.mark.django_db
def test_source_page_raw_text_is_read_only(staff_client, rows):
    html = staff_client.get(
        reverse("admin:articles_sourcepage_change", args=[rows["sourcepage"].pk])
    ).content.decode()
    assert 'name="raw_text"' not in html
    assert "测试版面" in html


@pytest.mark.django_db
def test_article_titles_are_escaped_in_the_admin_lists(staff_client, rows):
    html = staff_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "&lt;b&gt;志愿&lt;/b&gt;" in html
    assert "<b>志愿</b>" not in html


def _article_form(article, **metric):
    """POST data for the article change form with one new inline metric row."""
    data = {
        "page": article.page_id,
        "position": article.position,
        "kind": article.kind,
        "title": article.title,
        "title_prefix": "",
        "subtitle": "",
        "byline": "",
        "body": article.body,
        "region": article.region.pk,
        "topic": article.topic.pk,
        "published": "",
        "event_date": "",
        "url": "",
        "metrics-TOTAL_FORMS": "1",
        "metrics-INITIAL_FORMS": "0",
        "metrics-MIN_NUM_FORMS": "0",
        "metrics-MAX_NUM_FORMS": "1000",
        "metrics-0-position": "0",
        "metrics-0-label": "注册志愿者",
        "metrics-0-unit": "人",
        "metrics-0-status": "extracted",
        "metrics-0-indicator": indicator("registered-volunteers").pk,
        "metrics-0-bound": "",
        "_continue": "1",
    }
    data.update({f"metrics-0-{k}": v for k, v in metric.items()})
    return data


@pytest.mark.django_db
def test_a_metric_added_inline_by_a_reviewer_gets_its_sentence_and_region(staff_client):
    body = "据统计，全县实名注册志愿者达5万人。各乡镇均建立服务站。"
    article = ArticleFactory(region=region("510821"), topic=topic("volunteering"), body=body)
    start = body.index("5万人")
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = staff_client.post(
        url, _article_form(article, value="50000", evidence_start=start, evidence_end=start + 3)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    metric = Metric.objects.get(article=article)
    assert metric.sentence == "据统计，全县实名注册志愿者达5万人。"
    assert metric.region.adcode == "510821"


@pytest.mark.django_db
def test_evidence_outside_the_body_is_a_form_error_not_a_500(staff_client):
    article = ArticleFactory(region=region("510821"), topic=topic("volunteering"), body="共5万人。")
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = staff_client.post(
        url, _article_form(article, value="50000", evidence_start=500, evidence_end=510)
    )
    assert response.status_code == 200
    assert "证据终点超出正文长度（5个字）" in response.content.decode()
    assert not Metric.objects.filter(article=article).exists()


@pytest.mark.django_db
def test_evidence_outside_the_body_of_an_article_being_added_is_a_form_error(staff_client):
    page = ArticleFactory().page
    body = "旺苍县今年新增志愿服务队伍12支。"
    data = {
        "page": page.pk,
        "position": 99,
        "kind": "news",
        "title": "新增队伍",
        "body": body,
        "region": region("510821").pk,
        "topic": topic("volunteering").pk,
        "metrics-TOTAL_FORMS": "1",
        "metrics-INITIAL_FORMS": "0",
        "metrics-MIN_NUM_FORMS": "0",
        "metrics-MAX_NUM_FORMS": "1000",
        "metrics-0-position": "0",
        "metrics-0-value": "12",
        "metrics-0-unit": "支",
        "metrics-0-status": "extracted",
        "metrics-0-bound": "",
        "metrics-0-evidence_start": "100",
        "metrics-0-evidence_end": "120",
    }
    response = staff_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert f"证据终点超出正文长度（{len(body)}个字）" in response.content.decode()
    assert not Metric.objects.filter(article__title="新增队伍").exists()


@pytest.mark.django_db
def test_the_chinese_admin_has_no_english_column_headers(staff_client):
    """Django 5.2's zh_Hans catalogue lacks the admin's screen-reader headers of its model
    lists; locale/zh_Hans fills them (the English admin keeps Django's words)."""
    html = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").content
    html = html.decode()
    assert "模型名称" in html and "添加链接" in html and "修改或查看列表链接" in html
    assert "Model name" not in html and "Add link" not in html
    english = staff_client.get(reverse("admin:index") + "?lang=en").content.decode()
    assert "Model name" in english and "模型名称" not in english


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("term", "adcode"),
    [
        ("wangcang", "510821"),  # the English name, in any case
        ("Wangcang County", "510821"),
        ("lvliang", "141100"),  # Lüliang: v for ü, as pinyin input writes it
        ("Luliang", "141100"),  # u for ü
        ("Lüliang", "141100"),
        ("旺苍", "510821"),
        ("510821", "510821"),
    ],
)
def test_regions_are_found_by_english_name_with_or_without_the_umlaut(
    staff_client, rows, term, adcode
):
    listed = staff_client.get(reverse("admin:articles_region_changelist"), {"q": term})
    assert listed.status_code == 200
    found = {r.adcode for r in listed.context["cl"].result_list}
    assert adcode in found
    # the metric form's region picker (Django's autocomplete) searches alike
    picked = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "metric", "field_name": "region", "term": term},
    )
    assert picked.status_code == 200
    names = [r["text"] for r in picked.json()["results"]]
    assert any(adcode in name for name in names) or any(
        region(adcode).name in name for name in names
    )


@pytest.mark.django_db
def test_the_umlaut_search_adds_only_the_names_the_term_is_part_of(staff_client, rows):
    listed = staff_client.get(reverse("admin:articles_region_changelist"), {"q": "luliang"})
    found = {r.adcode: r.name for r in listed.context["cl"].result_list}
    assert "141100" in found  # 吕梁市 Lüliang City
    assert "532531" not in found  # 绿春县 Lüchun County has a ü too, but not this name
    assert all(
        "ü" in region(a).name_en.lower() or "luliang" in region(a).name_en.lower() for a in found
    )
