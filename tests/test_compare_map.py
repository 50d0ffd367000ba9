"""The compare page's tabs, map payload and sources panel (articles/compare_map.py), on
metrics made here: what the map colours, what the panel counts, the citation's form."""

import json
import re
from datetime import date

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from articles import compare_map
from articles.models import Indicator, Publication
from tests.factories import forget_language, volunteer_metric

pytestmark = pytest.mark.django_db

GUANGDONG, SICHUAN, BEIJING = "440000", "510000", "110000"
WANGCANG, CANGXI = "510821", "510824"


@pytest.fixture
def provinces():
    volunteer_metric(GUANGDONG, 15000000, date(2024, 3, 1))
    volunteer_metric(
        SICHUAN, 9500000, date(2024, 1, 16), article__page__publication__name="四川日报"
    )
    volunteer_metric(BEIJING, 4500000, None)


def page(client, **params):
    """Each request stands alone (a ``lang`` is not kept)."""
    html = client.get(reverse("articles:compare"), params).content.decode()
    forget_language(client)
    return html


def map_data(html: str) -> dict:
    found = re.search(
        r'<script id="compare-map-data" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(found.group(1))


@pytest.mark.parametrize(
    ("query", "tab"),
    [
        ("", "chart"),
        ("tab=map", "map"),
        ("tab=table", "table"),
        ("tab=nonsense", "chart"),
        ("o=-value", "table"),  # a link from the table's header stays on the table
        ("page=2", "table"),
        ("find=旺苍", "table"),
        ("tab=map&page=2", "map"),
    ],
)
def test_chosen_tab(query, tab):
    assert compare_map.chosen_tab(QueryDict(query)) == tab


def test_the_map_joins_values_to_shapes_by_adcode(client, provinces):
    html = page(client, indicator="registered-volunteers", level="province", tab="map")
    data = map_data(html)
    assert data["topojson"].endswith("vendor/china-map/province.topo.json")
    assert {v["adcode"]: v["value"] for v in data["values"]} == {
        GUANGDONG: 15000000.0,
        SICHUAN: 9500000.0,
        BEIJING: 4500000.0,
    }
    assert data["names"][GUANGDONG] == "广东省" and len(data["names"]) == 34  # no-data shapes too
    assert data["title"] == "实名注册志愿者（人）"
    assert 'id="panel-map" role="tabpanel" aria-labelledby="tab-map">' in html  # shown
    assert 'id="panel-chart" role="tabpanel" aria-labelledby="tab-chart" hidden>' in html


def test_the_map_names_regions_in_english_in_english(client, provinces):
    data = map_data(page(client, indicator="registered-volunteers", level="province", lang="en"))
    assert data["names"][GUANGDONG] == "Guangdong Province"
    assert data["title"] == "Registered volunteers (persons)"


def test_counties_get_a_message_instead_of_a_map(client):
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    html = page(client, indicator="registered-volunteers", tab="map")
    assert "compare-map-data" not in html and "chartjs-chart-geo" not in html
    assert 'id="map-unavailable"' in html and "地图只有省级和地级" in html


def test_the_sources_panel_writes_one_date_once_and_says_when_there_is_none():
    """One date once; the regions whose article has no date are counted beside the
    dates (the range alone read as covering every value: a new-user pass); without any
    date, 日期不详."""
    from articles import selectors

    volunteer_metric("510000", 100, date(2024, 3, 1))
    volunteer_metric("520000", 200, None)
    one = Indicator.objects.get(slug="registered-volunteers")
    result = selectors.compare_rows(indicator=one, level="province")
    assert compare_map.sources(result, "x")["dates"] == "2024-03-01（另有1个地区的文章日期不详）"
    result.undated = None  # counted from the rows, as for a result made by hand
    assert compare_map.sources(result, "x")["dates"] == "2024-03-01（另有1个地区的文章日期不详）"
    dated = selectors.compare_rows(indicator=one, level="province", within="510000")
    assert compare_map.sources(dated, "x")["dates"] == "2024-03-01"
    rows = selectors.compare_rows(indicator=one, level="province", within="520000")
    assert compare_map.sources(rows, "x")["dates"] == "日期不详"
    with translation.override("en"):
        rows = selectors.compare_rows(indicator=one, level="province", within="520000")
        assert compare_map.sources(rows, "x")["dates"] == "date unknown"
        rows = selectors.compare_rows(indicator=one, level="province")
        panel = compare_map.sources(rows, "x")
        assert panel["dates"] == "2024-03-01 (the article of 1 more region is undated)"


def test_the_sources_panel_counts_and_cites_what_is_shown(client, provinces, rf):
    request = rf.get(  # as the submitted form sends it: every field, most of them empty
        "/compare/?indicator=registered-volunteers&level=province&within=&regions=&topic="
        "&published_after=&published_before=&per=total&view=latest&page=2&lang=zh-hans"
        "&tab=chart&find=%E5%B9%BF%E5%85%83&o=-value"
    )
    from articles import selectors

    result = selectors.compare_rows(
        indicator=Indicator.objects.get(slug="registered-volunteers"), level="province"
    )
    panel = compare_map.sources(result, compare_map.permalink(request), today=date(2026, 12, 1))
    assert (panel["regions"], panel["articles"]) == (3, 3)
    assert (panel["first"], panel["last"]) == (date(2024, 1, 16), date(2024, 3, 1))
    assert panel["dates"] == "2024-01-16 – 2024-03-01（另有1个地区的文章日期不详）"  # Beijing
    assert (
        "<dd>2024-01-16 – 2024-03-01（另有1个地区的文章日期不详）</dd>"
        in client.get(
            "/compare/", {"indicator": "registered-volunteers", "level": "province"}
        ).content.decode()
    )
    assert panel["publications"] == [
        {"name": "测试报", "articles": 2},
        {"name": "四川日报", "articles": 1},
    ]
    assert panel["definition"] == "实名注册志愿者：某一时点的数量，单位：人。"
    assert panel["citation"] == (
        "govreports（2026）。实名注册志愿者，省级，2024-01-16–2024-03-01。2026-12-01 检索自 "
        "http://testserver/compare/?indicator=registered-volunteers&level=province"
    )  # a space before the address; only the non-empty parameters; no lang, page, tab,
    # find, o nor defaults (per=total, view=latest)
    with translation.override("en"):
        result = selectors.compare_rows(
            indicator=Indicator.objects.get(slug="registered-volunteers"), level="province"
        )
        panel = compare_map.sources(result, "https://example.org/x", today=date(2026, 12, 1))
    assert panel["citation"] == (
        "govreports (2026). Registered volunteers, province level, 2024-01-16–2024-03-01. "
        "Retrieved 2026-12-01 from https://example.org/x"
    )
    assert panel["definition"] == "Registered volunteers: a count at a point in time, in persons."
    # the change view is named (it cited as the latest values: a new-user pass)
    result = selectors.compare_rows(
        indicator=Indicator.objects.get(slug="registered-volunteers"),
        level="province",
        view="change",
    )
    panel = compare_map.sources(result, "https://example.org/x", today=date(2026, 12, 1))
    assert panel["citation"].startswith(
        "govreports（2026）。实名注册志愿者的变化（上一值→最新值），省级，"
    )


def test_a_written_description_is_the_definition(client, provinces):
    Indicator.objects.filter(slug="registered-volunteers").update(
        description="在志愿服务信息系统实名注册的人数。"
    )
    html = page(client, indicator="registered-volunteers", level="province")
    assert "在志愿服务信息系统实名注册的人数。" in html
    assert Publication.objects.filter(name="四川日报").exists()


def test_the_map_tab_names_levels_in_lower_case_inside_english_sentences(client, provinces):
    """Level names inside sentences are lower case in English ('See the province map',
    not 'See the Province map'); Chinese unchanged."""
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    query = {"indicator": "registered-volunteers", "tab": "map"}
    html = page(client, level="county", lang="en", **query)
    assert ">See the province map</a>" in html
    assert "查看省级地图</a>" in page(client, level="county", **query)
    html = page(client, level="province", lang="en", **query)
    assert 'aria-label="Map of Registered volunteers by province region, shaded by value' in html
