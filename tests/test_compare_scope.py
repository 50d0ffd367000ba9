"""A comparison narrowed by ``within`` names its scope in the chart's subtitle (which a
downloaded PNG carries) and in the citation: both said only '县级', so a cited or saved
chart of Sichuan's counties read as one of every county (a new-user pass)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import volunteer_metric

pytestmark = pytest.mark.django_db
COMPARE = reverse("articles:compare")


@pytest.fixture
def counties():
    volunteer_metric("510821", 51104, date(2024, 1, 16))  # 四川省 广元市 旺苍县
    volunteer_metric("510824", 30000, date(2024, 2, 1))  # 四川省 广元市 苍溪县
    volunteer_metric("140105", 20000, date(2024, 3, 5))  # 山西省


def _page(client, **params):
    page = client.get(COMPARE, {"indicator": "registered-volunteers", "level": "county", **params})
    assert page.status_code == 200
    return page.context["result"].chart["subtitle"], page.context["sources"]["citation"]


@pytest.mark.parametrize(
    "within, lang, subtitle, cited",
    [
        (
            "510000",
            "zh-hans",
            "四川省的县级 · 2个地区",
            "实名注册志愿者，四川省的县级，2024-01-16–2024-02-01。",
        ),
        ("510800", "zh-hans", "广元市的县级 · 2个地区", "实名注册志愿者，广元市的县级，"),
        (
            "510000",
            "en",
            "County level in Sichuan Province · 2 regions",
            "Registered volunteers, county level in Sichuan Province, 2024-01-16–2024-02-01.",
        ),
    ],
)
def test_the_subtitle_and_citation_name_the_scope(client, counties, within, lang, subtitle, cited):
    shown, citation = _page(client, within=within, lang=lang)
    assert shown == subtitle
    assert cited in citation


def test_without_a_scope_they_name_the_level_alone(client, counties):
    shown, citation = _page(client)
    assert shown == "县级 · 3个地区"
    assert "实名注册志愿者，县级，2024-01-16–2024-03-05。" in citation
    shown, citation = _page(client, lang="en")
    assert "Registered volunteers, county level, 2024-01-16–2024-03-05." in citation
