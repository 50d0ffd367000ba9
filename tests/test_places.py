"""Places that are not the division they name (zones, firms, estates, venues), everyday short
forms, renamed divisions, the page's home region, and each metric's own region."""

import pytest

from articles.ingest.gazetteer import Gazetteer
from articles.ingest.pipeline import parse_page


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def region_of(text, **kwargs):
    (article,) = parse_page(text, **kwargs).articles
    return article.region.adcode


@pytest.mark.parametrize(
    "text",
    [
        "临江高新区今年新签约项目12个。",
        "临江经济技术开发区今年新签约项目12个。",
        "临江新区今年新签约项目12个。",
        "临江工业园今年新签约项目12个。",
        "大田产业集聚区今年新签约项目12个。",
        "大田经开区今年新签约项目12个。",
    ],
)
def test_a_zone_named_after_a_place_is_not_that_division(text):
    assert region_of(text) is None


def test_a_zone_that_is_itself_a_division_is_a_place():
    assert region_of("浦东新区今年新签约项目12个。") == "310115"
    assert region_of("滨海新区今年新签约项目12个。") == "120116"


def test_the_division_a_zone_belongs_to_is_still_named_in_full():
    assert region_of("临江市高新区今年新签约项目12个。") == "220681"


@pytest.mark.parametrize(
    ("text", "adcode"),
    [
        ("阜蒙县今年建成示范村12个。", "210921"),  # 阜新蒙古族自治县
        ("杜蒙县今年建成示范村12个。", "230624"),  # 杜尔伯特蒙古族自治县
        ("喀左县今年建成示范村12个。", "211324"),
        ("长阳县今年建成示范村12个。", "420528"),
        ("石柱县今年建成示范村12个。", "500240"),
        ("科左后旗今年建成示范村12个。", "150522"),
    ],
)
def test_everyday_short_forms_of_autonomous_counties_and_banners(text, adcode):
    assert region_of(text) == adcode


def test_every_single_people_autonomous_county_has_its_abbreviation(gazetteer):
    """The table is derived from the gazetteer: place initial + people initial + 县."""
    checked = 0
    for adcode in list(gazetteer._by_code):
        d = gazetteer[adcode]
        rest = d.name[len(d.short_name) :]
        if not d.name.endswith("族自治县") or rest.count("族") != 1 or not d.short_name:
            continue
        surface = d.short_name[0] + rest[0] + "县"
        if len(gazetteer.lookup(surface)) == 1:
            assert gazetteer.lookup(surface)[0].adcode == adcode
            checked += 1
    assert checked > 60


def test_a_bare_short_name_of_a_division_that_changed_level_is_todays_division():
    assert region_of("莱芜今年建成示范村12个。") == "370116"
    assert region_of("莱芜市今年建成示范村12个。") == "370116"


@pytest.mark.parametrize(
    "text",
    [
        "大田粮油加工厂今年扩建生产线3条。",
        "台湾风情街今年接待游客2万人次。",
        "上海城小区今年完成改造楼栋12栋。",
        "北京万商天勤律师事务所今年办理案件120件。",
        "三元光电公司今年新增员工80人。",
    ],
)
def test_a_place_inside_a_firm_street_or_estate_name_is_not_a_mention(text):
    (article,) = parse_page(text).articles
    assert article.region.adcode is None
    assert article.region.mentioned == []


def test_a_short_name_before_a_verb_phrase_is_still_a_place():
    assert region_of("旺苍新建污水处理厂3座。") == "510821"


def test_a_venue_does_not_outrank_the_city_whose_figures_are_reported():
    text = "宁波市志愿服务月活动在海曙区天一广场启动，全市注册志愿者达120万人。"
    (article,) = parse_page(text).articles
    assert article.region.adcode == "330200"
    assert "330203" in article.region.mentioned
    assert [q.region for q in article.quantities] == [None]


def test_a_venue_alone_still_places_the_article():
    assert region_of("海曙区天一广场今年举办活动120场。") == "330203"


def test_the_home_region_answers_a_page_that_names_only_its_towns():
    text = "徐沟镇、集义乡今年新建村级新时代文明实践站32个。"
    assert region_of(text) is None
    assert region_of(text, home_region="140121") == "140121"


def test_the_home_region_answers_a_page_that_names_only_its_province():
    assert region_of("山西省表彰了一批先进集体，今年新建站32个。", home_region="140121") == "140121"


def test_a_division_named_in_the_text_beats_the_home_region():
    text = "今年以来，苍溪县新建村级新时代文明实践站32个。"
    assert region_of(text, home_region="510821") == "510824"


def test_each_figure_belongs_to_the_division_its_clause_names():
    text = "广元市实名注册志愿者人数持续增长，其中苍溪县8.6万人，昭化区4.1万人。"
    (article,) = parse_page(text).articles
    assert article.region.adcode == "510800"
    assert [(int(q.value), q.region) for q in article.quantities] == [
        (86000, "510824"),
        (41000, "510811"),
    ]


def test_a_list_with_the_enumeration_comma_gives_each_figure_its_own_division():
    text = "全市新建文明实践站120个，旺苍县32个、剑阁县28个。"
    (article,) = parse_page(text, home_region="510800").articles
    assert [(int(q.value), q.region) for q in article.quantities] == [
        (120, None),
        (32, "510821"),
        (28, "510823"),
    ]


def test_a_figure_shared_by_two_named_divisions_belongs_to_their_common_ancestor():
    text = "广元市召开推进会。旺苍县与剑阁县共建成产业园区3个。"
    (article,) = parse_page(text).articles
    assert [q.region for q in article.quantities] == ["510800"]


def test_a_figure_in_an_unnamed_clause_belongs_to_the_article():
    text = "旺苍县实名注册志愿者总数51104人，占常住人口的15%。"
    (article,) = parse_page(text).articles
    assert article.region.adcode == "510821"
    assert [q.region for q in article.quantities] == ["510821", None]


def test_a_later_item_of_a_list_keeps_the_division_its_clause_named():
    text = "广元市召开推进会。旺苍县组建党员志愿服务队15支、巾帼志愿服务队80余支。"
    (article,) = parse_page(text).articles
    assert [q.region for q in article.quantities] == ["510821", "510821"]


@pytest.mark.parametrize(
    ("text", "adcode"),
    [
        ("广元市召开推进会。截至目前，四川省广元市剑阁县实名注册志愿者总数38000人。", "510823"),
        ("绵阳市召开推进会。今年以来，广元市昭化区实名注册志愿者达到2.6万人。", "510811"),
        ("广元市召开推进会。甘肃省天水市秦安县新增城镇就业2949人。", "620522"),
        ("成都市召开推进会。四川省广元市新建公园5个。", "510800"),
    ],
)
def test_a_division_printed_with_its_parents_owns_the_figure(text, adcode):
    """A full address names its last division: the county's figure is not the province's
    (a new-user upload of 四川省广元市剑阁县…38000人 was compared as Sichuan's)."""
    (article,) = parse_page(text).articles
    assert [q.region for q in article.quantities] == [adcode]


def test_divisions_printed_with_their_parents_share_a_figure_at_their_common_ancestor():
    text = "广元市召开推进会。四川省广元市旺苍县、剑阁县共建成产业园区3个。"
    (article,) = parse_page(text).articles
    assert [q.region for q in article.quantities] == ["510800"]
