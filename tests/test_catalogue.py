"""The catalogue lives in the database: what the admin edits is what the next ingest uses,
and ``load_reference_data`` never silently overwrites an admin's edit."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Indicator, IndicatorKind, Metric, Region, Topic
from articles.services import ingest_page
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "indicators.json"


def test_the_catalogue_has_at_least_100_indicators_with_both_names_a_unit_and_a_kind():
    indicators = list(Indicator.objects.all())
    assert len(indicators) >= 100
    assert all(i.name_zh and i.name_en and i.unit and i.kind for i in indicators)
    assert {i.kind for i in indicators} == set(IndicatorKind.values)


@pytest.mark.parametrize(
    ("slug", "kind"),
    [
        ("registered-volunteers", "stock"),
        ("pension-benefits-paid", "flow"),
        ("registered-volunteers-share", "rate"),
        ("resident-basic-pension-monthly", "level"),
        ("resident-pension-contribution-tier", "level"),
    ],
)
def test_indicators_say_what_kind_of_quantity_they_are(slug, kind):
    assert Indicator.objects.get(slug=slug).kind == kind


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("该县争取到市级乡村振兴衔接资金2000万元。", "funds-secured"),
        ("全县今年秋季新增学位1200个。", "school-places-added"),
        ("全县公开招聘教师85名。", "teachers-recruited"),
        ("全县纪检监察机关立案审查126件。", "cases-filed"),
        ("全县今年给予党纪政务处分98人。", "persons-disciplined"),
        ("全县今年共受理信访举报312件。", "complaints-received"),
        ("为群众挽回经济损失560万元。", "funds-recovered"),
        ("全县今年发放创业担保贷款1.2亿元。", "startup-guarantee-loans"),
        ("今年以来，旺苍县新开发城乡公益性岗位320个。", "public-welfare-jobs"),
        ("全县现有志愿服务组织46个。", "volunteer-organizations"),
        ("个人缴费档次由每年200元提高至每年500元。", "resident-pension-contribution-tier"),
        ("城乡居民基础养老金调整至每人每月285元。", "resident-basic-pension-monthly"),
        ("截至目前，旺苍县已有51104人注册登记成为志愿者。", "registered-volunteers"),
        ("全县规模以上工业增加值同比增长3.9%。", "industrial-value-added-growth"),
    ],
)
def test_what_county_reports_measure_gets_its_indicator(text, slug):
    report = ingest_page(text=text, filename="t.txt")
    metrics = list(Metric.objects.filter(article__page=report.page).select_related("indicator"))
    assert [m.indicator.slug if m.indicator else None for m in metrics] == [slug]


def test_two_rates_of_one_sentence_each_get_their_own_indicator():
    text = "全县社会消费品零售总额比上年增长2.1%，规模以上工业增加值同比增长3.9%。"
    report = ingest_page(text=text, filename="t.txt")
    metrics = Metric.objects.filter(article__page=report.page).order_by("position")
    assert [m.indicator.slug for m in metrics] == [
        "retail-sales-growth",
        "industrial-value-added-growth",
    ]


def test_an_indicator_added_in_the_database_is_used_by_the_next_ingest():
    Indicator.objects.create(
        slug="forest-patrol-teams",
        name_zh="护林队",
        name_en="Forest patrol teams",
        unit="支",
        phrases=["护林队"],
    )
    report = ingest_page(text="今年全县组建了十余支护林队。", filename="t.txt")
    metric = Metric.objects.get(article__page=report.page)
    assert metric.indicator.slug == "forest-patrol-teams"


def test_a_phrase_removed_in_the_database_no_longer_matches():
    pension = Indicator.objects.get(slug="resident-basic-pension-monthly")
    pension.phrases = ["不会出现的短语"]
    pension.save()
    report = ingest_page(text="城乡居民基础养老金调整至每人每月285元。", filename="t.txt")
    assert Metric.objects.get(article__page=report.page).indicator is None


def test_an_admin_edit_is_kept_by_load_reference_data(client):
    client.force_login(StaffUserFactory(is_superuser=True))
    volunteers = Indicator.objects.get(slug="registered-volunteers")
    url = reverse("admin:articles_indicator_change", args=[volunteers.pk])
    form = {
        "slug": volunteers.slug,
        "name_zh": "注册志愿者（手工）",
        "name_en": volunteers.name_en,
        "unit": volunteers.unit,
        "kind": volunteers.kind,
        "topic": volunteers.topic_id,
        "phrases": json.dumps(volunteers.phrases, ensure_ascii=False),
        "description": "",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    volunteers.refresh_from_db()
    assert volunteers.edited_by_hand and volunteers.name_zh == "注册志愿者（手工）"

    out = StringIO()
    call_command("load_reference_data", stdout=out)
    volunteers.refresh_from_db()
    assert volunteers.name_zh == "注册志愿者（手工）"
    assert "Kept 1 admin edit(s)" in out.getvalue() and "registered-volunteers" in out.getvalue()


def test_load_reference_data_restores_an_unedited_row_from_the_fixture():
    Topic.objects.filter(slug="volunteering").update(name_zh="改坏了")
    call_command("load_reference_data", stdout=StringIO())
    assert Topic.objects.get(slug="volunteering").name_zh == "志愿服务"


def test_the_fixture_lists_every_indicator_once():
    slugs = [row["fields"]["slug"] for row in json.loads(FIXTURE.read_text("utf-8"))]
    assert len(slugs) == len(set(slugs)) >= 100


def _fixture_parents() -> dict[str, str | None]:
    """adcode -> the parent's adcode, as fixtures/regions.json lists them."""
    rows = json.loads((FIXTURE.parent / "regions.json").read_text("utf-8"))
    return {r["fields"]["adcode"]: (r["fields"]["parent"] or [None])[0] for r in rows}


def _stored_parents() -> dict[str, str | None]:
    return dict(Region.objects.values_list("adcode", "parent__adcode"))


def test_load_reference_data_puts_every_region_back_under_its_fixture_parent():
    """Regions that lost their parent or got a wrong one are linked again (the update
    path of the reference data: existing rows, parents written in batches of 500)."""
    expected = _fixture_parents()
    assert _stored_parents() == expected  # what the migrations stored
    sichuan = Region.objects.get(adcode="510000")
    Region.objects.filter(parent__adcode="510800").update(parent=sichuan)  # 广元's counties
    Region.objects.filter(level="province").exclude(adcode="510000").update(parent=sichuan)
    Region.objects.filter(adcode__startswith="4").update(parent=None)
    assert _stored_parents() != expected
    call_command("load_reference_data", stdout=StringIO())
    assert _stored_parents() == expected


@pytest.mark.django_db(transaction=True)
def test_reference_data_loaded_into_a_flushed_database_has_the_fixture_tree(reference_data):
    """Every region created afresh (after a transactional test's flush) sits under the
    parent the fixture names, with the English name and census row the migrations give."""
    assert _stored_parents() == _fixture_parents()
    wangcang = Region.objects.get(adcode="510821")
    assert (wangcang.name_en, wangcang.parent.parent.name) == ("Wangcang County", "四川省")
    assert wangcang.populations.get(year=2020).residents > 0
