"""English that reads as English (issue 10, point 8): with ``?lang=en`` every region the
interface names is named in English (``Region.name_en``: Wangcang County), units are
English (persons, yuan per person per month), pickers are sorted by their English names
and offer their placeholder once; titles, bodies and evidence stay Chinese (the source).

Each test reads the rendered HTML of the page. The ``reported`` fixture (tests/test_i18n)
has two articles in 旺苍县 (四川省 › 广元市) and one in 苍溪县, with one metric each.
"""

import re

import pytest

from articles.formatting import unit_name
from articles.models import Region, Topic
from tests.test_i18n import EVIDENCE, TITLE, reported  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
#: Chinese names of the regions the fixture's articles and paths name.
CHINESE_NAMES = ["四川省", "广元市", "旺苍县", "苍溪县"]
ENGLISH_NAMES = ["Sichuan Province", "Guangyuan City", "Wangcang County", "Cangxi County"]


def interface_text(html: str) -> str:
    """The page without what is the source: elements marked ``lang="zh-Hans"`` (titles,
    the body, the Chinese name beside an English one), evidence cells, scripts and JSON."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    html = re.sub(r'<div class="body"[^>]*>.*?</div>', "", html, flags=re.S)
    html = re.sub(r'<(\w+)[^>]*lang="zh-Hans"[^>]*>.*?</\1>', "", html, flags=re.S)
    html = re.sub(r'<td class="evidence"[^>]*>.*?</td>', "", html, flags=re.S)
    return html


def english(client, url: str) -> str:
    joiner = "&" if "?" in url else "?"
    response = client.get(f"{url}{joiner}lang=en")
    assert response.status_code == 200
    return response.content.decode()


def assert_no_chinese_region_names(html: str) -> None:
    text = interface_text(html)
    left = [name for name in CHINESE_NAMES if name in text]
    assert not left, left


def test_the_regions_have_their_english_names():
    names = dict(Region.objects.filter(name__in=CHINESE_NAMES).values_list("name", "name_en"))
    assert [names[n] for n in CHINESE_NAMES] == ENGLISH_NAMES


def test_the_overview_names_provinces_and_regions_in_english_with_english_units(client, reported):  # noqa: F811
    html = english(client, "/")
    assert '<a href="/regions/510000/">Sichuan Province</a>' in html  # the province table
    assert " · Wangcang County · " in html  # the latest articles
    assert "<td>persons</td>" in html  # the indicator table's unit column
    assert_no_chinese_region_names(html)
    assert TITLE in html  # titles stay Chinese
    chinese = client.get("/?lang=zh-hans").content.decode()
    assert '<a href="/regions/510000/">四川省</a>' in chinese and "<td>人</td>" in chinese


def test_the_list_names_regions_in_rows_facets_trail_and_chips_in_english(client, reported):  # noqa: F811
    html = english(client, "/articles/")
    assert '">Wangcang County</a></span>' in html  # a row
    assert ">Sichuan Province</a>" in html  # the province facet
    assert_no_chinese_region_names(html)
    html = english(client, "/articles/?region=510800")
    assert "Region: Sichuan Province › Guangyuan City" in html  # the chip
    assert ">Wangcang County</a>" in html and ">Cangxi County</a>" in html  # the facet
    assert "Region page of Guangyuan City" in html
    assert_no_chinese_region_names(html)
    zh = client.get("/articles/?region=510800&lang=zh-hans").content.decode()
    assert "四川省 › 广元市" in zh


def test_the_region_filter_takes_an_english_name_and_says_so(client, reported):  # noqa: F811
    html = english(client, "/articles/?region=wangcang+county")
    assert "2 articles" in html
    # short enough for a phone's input (it was cut at "e.g. 510821 or W": a new-user pass)
    assert 'placeholder="Code or name: 510821, Wangcang County"' in html


@pytest.fixture
def zoning(db) -> Topic:
    """A topic whose slug sorts first and whose English name sorts last."""
    return Topic.objects.create(slug="aaa-zoning", name_zh="国土规划", name_en="Zoning")


def test_the_list_topic_picker_is_sorted_by_english_names_in_english(
    client,
    reported,  # noqa: F811
    zoning,
):
    html = english(client, "/articles/")
    select = re.search(r'<select name="topic".*?</select>', html, re.S).group(0)
    shown = re.findall(r'<option value="[^"]+">([^<]+)</option>', select)
    expected = sorted(Topic.objects.values_list("name_en", flat=True), key=str.casefold)
    assert shown == expected and shown[-1] == "Zoning"
    assert select.count('<option value=""') == 1


def test_the_article_page_names_its_region_path_and_metric_regions_in_english(client, reported):  # noqa: F811
    html = english(client, reported.get_absolute_url())
    assert ">Sichuan Province</a>" in html and ">Guangyuan City</a>" in html
    assert html.count(">Wangcang County</a>") >= 2  # the path and the metric table
    assert_no_chinese_region_names(html)
    assert TITLE in html and EVIDENCE in html  # the source stays Chinese


def test_the_region_page_is_named_in_english_with_its_chinese_name_beside(client, reported):  # noqa: F811
    html = english(client, "/regions/510800/")
    assert "<title>Guangyuan City" in html
    assert '<h1>Guangyuan City <small class="muted"><span lang="zh-Hans">广元市</span>' in html
    assert ">Wangcang County</a>" in html  # a child
    assert 'Registered volunteers <span class="muted">(persons)</span>' in english(
        client, "/regions/510821/"
    )
    assert_no_chinese_region_names(html)


def test_the_compare_picker_has_english_units_one_placeholder_and_english_order(
    client,
    reported,  # noqa: F811
    zoning,
):
    html = english(client, "/compare/")
    select = re.search(r'<select name="indicator".*?</select>', html, re.S).group(0)
    assert "Registered volunteers (persons) · 2 regions" in select
    assert not re.search(r"[\u4e00-\u9fff]", select)  # no Chinese unit left
    assert select.count('<option value=""') == 1
    assert html.count(">Choose an indicator</option>") == 1
    topics = re.search(r'<select name="topic".*?</select>', html, re.S).group(0)
    assert topics.count('<option value=""') == 1
    shown = re.findall(r'<option value="[^"]+">([^<]+)</option>', topics)
    assert shown == sorted(shown, key=str.casefold) and shown[-1] == "Zoning"
    zh = client.get("/compare/?lang=zh-hans").content.decode()
    assert zh.count(">请选择指标</option>") == 1 and zh.count(">全部主题</option>") == 1
    assert "实名注册志愿者（人）· 2个地区" in zh


@pytest.mark.parametrize(
    ("unit", "zh", "en"),
    [
        ("人", "人", "persons"),
        ("元/人/月", "元/人/月", "yuan per person per month"),
        ("支", "支", "count"),
        ("指数", "指数", "index"),
        ("%", "%", "%"),
    ],
)
def test_units_on_their_own_are_english_in_english(unit, zh, en):
    assert (unit_name(unit, "zh"), unit_name(unit, "en")) == (zh, en)
