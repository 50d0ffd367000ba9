"""A region typed by its bare pinyin name (a new-user pass: "Wangcang" found nothing, only
"Wangcang County" did): accepted when one region has that name without its division type,
every candidate listed when several have it (Chaoyang: two districts, a city, a county
and 潮阳区). The regions are the gazetteer the migrations load."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.forms import RegionField, RegionListField
from articles.names import bare_english_names

pytestmark = pytest.mark.django_db
LIST = reverse("articles:list")
COMPARE = reverse("articles:compare")


@pytest.mark.parametrize("typed", ["Wangcang", "wangcang", " WANGCANG ", "Wangcang County"])
def test_the_bare_pinyin_of_a_region_finds_it(typed):
    assert RegionField().clean(typed).adcode == "510821"


def test_a_bare_pinyin_shared_by_several_regions_lists_them_all():
    with pytest.raises(ValidationError) as refused:
        RegionField().clean("Chaoyang")
    message = " ".join(refused.value.messages)
    for adcode in ("110105", "211300", "211321", "220104", "440513"):
        assert adcode in message
    assert "“Chaoyang”有多个地区" in message
    with pytest.raises(ValidationError) as refused:  # 梁山县 and 凉山彝族自治州
        RegionField().clean("Liangshan")
    assert "370832" in refused.value.messages[0] and "513400" in refused.value.messages[0]


def test_an_autonomous_division_is_found_without_its_ethnic_group_and_type():
    assert RegionField().clean("Liangshan Yi").adcode == "513400"
    assert bare_english_names("凉山彝族自治州", "凉山", "Liangshan Yi Autonomous Prefecture") == {
        "liangshan yi",
        "liangshan",
    }
    assert bare_english_names(
        "黔东南苗族侗族自治州", "黔东南", "Qiandongnan Miao and Dong Autonomous Prefecture"
    ) == {"qiandongnan miao and dong", "qiandongnan"}
    assert bare_english_names("内蒙古自治区", "内蒙古", "Inner Mongolia Autonomous Region") == {
        "inner mongolia"
    }
    assert bare_english_names("某地", "", "Somewhere") == set()


def test_a_part_of_a_name_is_no_bare_name():
    for typed in ("Wangc", "Wangcang Coun", "County", "Inner"):  # (沧县 is Cang County)
        with pytest.raises(ValidationError):
            RegionField().clean(typed)


def test_compare_takes_bare_pinyin_names_in_the_order_typed():
    assert RegionListField().clean("Wangcang, cangxi,510802") == ["510821", "510824", "510802"]
    with pytest.raises(ValidationError) as refused:
        RegionListField().clean("Wangcang,Chaoyang")
    assert "110105" in refused.value.messages[0] and "440513" in refused.value.messages[0]


def test_the_list_filters_by_a_bare_pinyin_region(client):
    response = client.get(LIST, {"region": "Wangcang"})
    assert response.context["filter"].form.errors == {}
    assert response.context["filter"].selected_region.adcode == "510821"


@pytest.mark.parametrize(
    "typed, adcode",
    [
        ("Lvliang", "141100"),  # pinyin input's v for ü
        ("lvliang city", "141100"),
        ("Luliang City", "141100"),  # the ü dropped
        ("Lüliang", "141100"),
        ("Luchun", "532531"),  # 绿春县 Lüchun County
        ("Lveyang County", "610727"),  # 略阳县 Lüeyang County
    ],
)
def test_a_u_umlaut_may_be_typed_as_v_or_u(typed, adcode):
    # a keyboard has no ü: a new-user pass saw ?region=Lvliang and Luliang refused
    assert RegionField().clean(typed).adcode == adcode


def test_a_name_read_with_and_without_umlaut_is_ambiguous():
    # 陆良县 is Luliang County, and Luliang is how 吕梁's Lüliang is typed: both are named,
    # as for Chaoyang (a new-user pass saw Luliang give 陆良县 alone, with no hint)
    for field in (RegionField(), RegionListField()):
        with pytest.raises(ValidationError) as refused:
            field.clean("Luliang")
        message = refused.value.messages[0]
        assert "“Luliang”有多个地区" in message and "530322" in message and "141100" in message
    assert RegionField().clean("Luliang County").adcode == "530322"  # the full name: one
    assert RegionListField().clean("Lvliang, Lvshunkou, luliang county") == [
        "141100",
        "210212",
        "530322",
    ]


def test_the_list_filters_by_a_region_typed_with_v_for_umlaut(client):
    response = client.get(LIST, {"region": "Lvliang", "lang": "en"})
    assert response.context["filter"].form.errors == {}
    assert response.context["filter"].selected_region.adcode == "141100"
