"""``/compare/?regions=`` with regions the comparison does not show: one level is
compared at a time, so a province asked for beside counties is left out; the page names
every region left out and why (a new-user pass found the province dropped silently)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import forget_language, json_of, volunteer_metric

pytestmark = pytest.mark.django_db

WANGCANG, GOLMUD, SICHUAN, CANGXI, GUANGYUAN = "510821", "632801", "510000", "510824", "510800"
QINGHAI, HAIXI, DONGGUAN, ZHONGSHAN = "630000", "632800", "441900", "442000"
GUANGDONG = "440000"


@pytest.fixture
def values():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(GOLMUD, 30000, date(2024, 1, 1))
    volunteer_metric(SICHUAN, 9000000, date(2024, 2, 1))
    volunteer_metric(GUANGYUAN, 300000, date(2024, 3, 1))


def get(client, **params):
    """Each request stands alone (a ``lang`` is not kept)."""
    params = {"indicator": "registered-volunteers", **params}
    response = client.get(reverse("articles:compare"), params)
    forget_language(client)
    return response


def left_out_note(html: str) -> str:
    start = html.index('id="regions-left-out"')
    return html[start : html.index("</div>", start)]


def test_a_province_beside_counties_is_named_as_left_out_for_its_level(client, values):
    response = get(client, regions=f"{WANGCANG},{GOLMUD},{SICHUAN}", tab="table")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-adcode="510821"' in html and 'data-adcode="632801"' in html
    assert 'data-adcode="510000"' not in html
    note = left_out_note(html)
    assert "未显示四川省（省级）：一次只比较一个级别，现在显示的是县级；" in note
    assert "格尔木市" not in note and "旺苍县" not in note
    english = left_out_note(
        get(client, regions=f"{WANGCANG},{GOLMUD},{SICHUAN}", lang="en").content.decode()
    )
    assert "Sichuan Province (province) not shown: only one level is compared at a time" in english
    assert "(county level shown); switch to its level above to see it." in english


def test_every_region_left_out_is_named_in_the_order_asked_with_its_reason(client, values):
    html = get(client, regions=f"{SICHUAN},{WANGCANG},{CANGXI},{GUANGYUAN}").content.decode()
    note = left_out_note(html)
    assert "未显示四川省（省级）、广元市（地级）：" in note
    assert "未显示苍溪县：没有该指标的数值" in note  # a county with no value at all
    data = json_of(get(client, regions=f"{SICHUAN},{WANGCANG},{CANGXI},{GUANGYUAN}", format="json"))
    assert data["regions_other_level"] == [SICHUAN, GUANGYUAN]
    assert data["regions_without_value"] == [CANGXI]


def test_choosing_the_left_out_level_shows_it_and_names_the_counties_instead(client, values):
    html = get(client, regions=f"{WANGCANG},{SICHUAN}", level="province", tab="table")
    html = html.content.decode()
    assert 'data-adcode="510000"' in html
    assert "未显示旺苍县（县级）：一次只比较一个级别，现在显示的是省级；" in left_out_note(html)


def test_regions_all_shown_have_no_note(client, values):
    html = get(client, regions=f"{WANGCANG},{GOLMUD}").content.decode()
    assert 'id="regions-left-out"' not in html


def no_rows(html: str) -> str:
    start = html.index('id="no-rows"')
    return html[start : html.index("</p>", start)]


def test_picked_regions_without_a_county_value_say_so_and_link_to_the_counties(client, values):
    """Picking 四川省 on the county view said "no county has a value; choose another level"
    though counties have values (a new-user pass): the page says the picked regions have
    none at this level and links to Sichuan's counties and to every county."""
    response = get(client, regions=SICHUAN, level="county")
    note = no_rows(response.content.decode())
    assert "所选地区在县级没有这项指标的数值。" in note
    assert "没有县级地区有这项指标的数值" not in note
    assert (
        '<a href="?indicator=registered-volunteers&amp;level=county&amp;within=510000">'
        "比较四川省的县级地区</a>" in note
    )
    assert (
        '<a href="?indicator=registered-volunteers&amp;level=county">比较所有县级地区</a>' in note
    )
    english = no_rows(get(client, regions=SICHUAN, level="county", lang="en").content.decode())
    assert "The regions you picked have no value for this indicator at the county level." in english
    assert "Compare the county-level regions in Sichuan Province</a>" in english
    # a county picked without a value: no link inside it, only to every county
    note = no_rows(get(client, regions=CANGXI, level="county").content.decode())
    assert "所选地区在县级没有这项指标的数值。" in note and "within=" not in note
    # a county picked on the province view: nothing of that level lies inside it
    note = no_rows(get(client, regions=WANGCANG, level="province").content.decode())
    assert "所选地区在省级没有这项指标的数值。" in note and "within=" not in note


def test_picked_regions_without_a_value_of_their_own_still_link_to_their_counties(client, values):
    """A picked province or prefecture with no value of its own (no county has one
    either among those picked) was listed without a link inside it: only regions with a
    value at another level got one. Both get it, in the order picked; a prefecture-level
    city without counties (东莞市, 中山市) gets none, with or without a value of its own."""
    volunteer_metric(ZHONGSHAN, 400000, date(2024, 3, 1))  # a value at prefecture level
    picked = f"{DONGGUAN},{QINGHAI},{ZHONGSHAN},{SICHUAN},{HAIXI}"
    html = get(client, regions=picked, level="county").content.decode()
    note = no_rows(html)
    assert "所选地区在县级没有这项指标的数值。" in note
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', note)
    assert links == [
        (
            "?indicator=registered-volunteers&amp;level=county&amp;within=630000",
            "比较青海省的县级地区",
        ),
        (
            "?indicator=registered-volunteers&amp;level=county&amp;within=510000",
            "比较四川省的县级地区",
        ),
        (
            "?indicator=registered-volunteers&amp;level=county&amp;within=632800",
            "比较海西蒙古族藏族自治州的县级地区",
        ),
        ("?indicator=registered-volunteers&amp;level=county", "比较所有县级地区"),
    ]
    note = left_out_note(html)
    assert "未显示中山市（地级）、四川省（省级）：" in note
    # above the county level, their level is named as the first reason (they read
    # "no value of this indicator" alone, as if nothing in Qinghai had one)
    assert (
        "未显示东莞市（地级）、青海省（省级）、海西蒙古族藏族自治州（地级）："
        "现在比较的是县级地区，它们本身也没有该指标的数值" in note
    )
    assert "：没有该指标的数值" not in note
    english = left_out_note(get(client, regions=f"{CANGXI},{QINGHAI}", lang="en").content.decode())
    assert "Cangxi County not shown: no value of this indicator" in english
    assert (
        "Qinghai Province (province) not shown: county regions are compared, and it has no "
        "value of this indicator itself" in english
    )
    english = no_rows(get(client, regions=QINGHAI, level="county", lang="en").content.decode())
    assert "Compare the county-level regions in Qinghai Province</a>" in english
    # 东莞市 alone: no county lies inside it, so only the link to every county
    note = no_rows(get(client, regions=DONGGUAN, level="county").content.decode())
    assert "within=" not in note and "比较所有县级地区</a>" in note
    # a province picked on the prefecture view: none of its prefectures has a value, so
    # the link leads to its counties, which have (not to an empty page)
    note = no_rows(get(client, regions=QINGHAI, level="prefecture").content.decode())
    assert 'level=county&amp;within=630000">比较青海省的县级地区</a>' in note
    volunteer_metric(HAIXI, 40000, date(2024, 1, 1))  # now one has
    note = no_rows(get(client, regions=QINGHAI, level="prefecture").content.decode())
    assert 'level=prefecture&amp;within=630000">比较青海省的地级地区</a>' in note
    # the level shown automatically (none asked for) is named in the link too: without it
    # the link opened the finest level with values inside, not the level it named
    note = no_rows(get(client, regions=QINGHAI).content.decode())
    [(href, text)] = re.findall(r'<a href="\?([^"]*)">(比较青海省[^<]*)</a>', note)
    assert text == "比较青海省的县级地区"
    assert set(href.split("&amp;")) == {
        "indicator=registered-volunteers",
        "within=630000",
        "level=county",
    }


def test_a_picked_province_whose_only_values_are_its_prefectures_links_to_them(client, values):
    """/compare/?regions=150000 (Inner Mongolia, whose only value is 乌海市's, a
    prefecture) showed the county level and linked to "the county-level regions in Inner
    Mongolia": an empty page (new-user passes). The link goes where the values are."""
    volunteer_metric(ZHONGSHAN, 400000, date(2024, 3, 1))
    for params in ({}, {"level": "county"}):
        note = no_rows(get(client, regions=GUANGDONG, **params).content.decode())
        links = re.findall(r'<a href="\?([^"]*)">([^<]*)</a>', note)
        assert [text for _href, text in links] == ["比较广东省的地级地区", "比较所有县级地区"]
        assert set(links[0][0].split("&amp;")) == {
            "indicator=registered-volunteers",
            "within=440000",
            "level=prefecture",
        }
    english = no_rows(get(client, regions=GUANGDONG, lang="en").content.decode())
    assert "Compare the prefecture-level regions in Guangdong Province</a>" in english
    # a province with no value anywhere inside it: no link inside it
    note = no_rows(get(client, regions="650000").content.decode())
    assert "within=" not in note


def test_without_picked_regions_the_empty_view_asks_for_another_level(client):
    volunteer_metric(SICHUAN, 9000000, date(2024, 2, 1))
    note = no_rows(get(client, level="county").content.decode())
    assert "没有县级地区有这项指标的数值；请选择其他级别。" in note


def test_level_names_inside_english_sentences_are_lower_case(client, values):
    """'Compare every County-level region' had a capital mid-sentence (a new-user pass):
    in English a level's name inside a sentence is lower case; Chinese is unchanged and
    the level links, which begin with the name, keep it capitalized."""
    html = get(client, regions=SICHUAN, level="county", lang="en").content.decode()
    assert "Compare every county-level region</a>" in no_rows(html)
    assert "Showing county level: 0 regions." in html
    html = get(client, regions=f"{WANGCANG},{SICHUAN}", lang="en").content.decode()
    assert "Sichuan Province (province) not shown: only one level" in left_out_note(html)
    assert "(county level shown)" in left_out_note(html)
    assert ">Province (1 region)</a>" in html  # a link on its own: capitalized
    chinese = get(client, regions=SICHUAN, level="county").content.decode()
    assert "比较所有县级地区</a>" in no_rows(chinese)
    assert "显示县级地区（0个），一次只比较一个级别。" in chinese
