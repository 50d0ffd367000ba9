"""English names of regions (issue 10.8): pinyin plus the type of division, stored on
Region.name_en by the migration, used by compare and its pickers in English."""

import re
from datetime import date

import pytest
from django.urls import reverse

from articles.models import Region
from articles.names import english_region_name, pinyin_name
from tests.factories import forget_language, json_of, volunteer_metric


@pytest.mark.parametrize(
    "name, short, level, english",
    [
        ("旺苍县", "旺苍", "county", "Wangcang County"),
        ("广元市", "广元", "prefecture", "Guangyuan City"),
        ("四川省", "四川", "province", "Sichuan Province"),
        ("北京市", "北京", "province", "Beijing Municipality"),
        ("长安区", "长安", "county", "Chang'an District"),
        ("凉山彝族自治州", "凉山", "prefecture", "Liangshan Yi Autonomous Prefecture"),
        (
            "黔东南苗族侗族自治州",
            "黔东南",
            "prefecture",
            "Qiandongnan Miao and Dong Autonomous Prefecture",
        ),
        ("新疆维吾尔自治区", "新疆", "province", "Xinjiang Uygur Autonomous Region"),
        ("内蒙古自治区", "内蒙古", "province", "Inner Mongolia Autonomous Region"),
        ("朝阳区", "朝阳", "county", "Chaoyang District"),
        ("阿拉善盟", "阿拉善", "prefecture", "Alxa League"),
        ("格尔木市", "格尔木", "county", "Golmud City"),
        ("乌鲁木齐市", "乌鲁木齐", "prefecture", "Urumqi City"),
        ("伊犁哈萨克自治州", "伊犁", "prefecture", "Ili Kazak Autonomous Prefecture"),
        ("日喀则市", "日喀则", "prefecture", "Xigaze City"),
        ("德令哈市", "德令哈", "county", "Delingha City"),
        # functional zones by their type, the places in their names apart (a new-user
        # pass read "Zhengzhouhangkonggangjingjizongheshiyan District")
        (
            "郑州航空港经济综合实验区",
            "",
            "county",
            "Zhengzhou Airport Comprehensive Economic Experimental Zone",
        ),
        (
            "河北唐山海港经济开发区",
            "",
            "county",
            "Hebei Tangshan Seaport Economic Development Zone",
        ),
        (
            "秦皇岛市经济技术开发区",
            "",
            "county",
            "Qinhuangdao Economic and Technological Development Zone",
        ),
        ("唐山市汉沽管理区", "", "county", "Tangshan Hangu Administrative Area"),
        ("格尔木藏青工业园区", "", "county", "Golmud Zangqing Industrial Park"),
        ("邯郸冀南新区", "", "county", "Handan Jinan New Area"),
        ("浦东新区", "浦东", "county", "Pudong New Area"),
        # a district whose own name ends in 新 or 园 is no new area or park
        ("清新区", "清新", "county", "Qingxin District"),
        ("绿园区", "绿园", "county", "Lüyuan District"),
        ("吕梁市", "吕梁", "prefecture", "Lüliang City"),
        ("哈尔滨市", "哈尔滨", "prefecture", "Harbin City"),
        ("齐齐哈尔市", "齐齐哈尔", "prefecture", "Qiqihar City"),
        ("锡林郭勒盟", "锡林郭勒", "prefecture", "Xilingol League"),
        ("碑林区", "碑林", "county", "Beilin District"),
        ("神农架林区", "神农架", "county", "Shennongjia Forestry District"),
        ("井陉矿区", "井陉矿", "county", "Jingxing Mining District"),
        ("六枝特区", "六枝特", "county", "Liuzhi Special District"),
        # a new-user pass: run-together pinyin of names that are no place plus a type
        (
            "省直辖县级行政区划",
            "",
            "prefecture",
            "County-level Divisions under Direct Administration",
        ),
        (
            "中沙群岛的岛礁及其海域",
            "中沙",
            "county",
            "Islands, Reefs and Waters of the Zhongsha Islands",
        ),
        ("大柴旦行政委员会", "大柴旦", "county", "Da Qaidam Administrative Committee"),
        ("达尔罕茂明安联合旗", "达茂旗", "county", "Darhan Muminggan United Banner"),
        ("苏州工业园区", "苏州工业园", "county", "Suzhou Industrial Park"),
        # banners: wings and positions
        ("科尔沁右翼前旗", "科右前旗", "county", "Horqin Right Wing Front Banner"),
        ("土默特左旗", "土左旗", "county", "Tumed Left Banner"),
        ("喀喇沁左翼蒙古族自治县", "喀左", "county", "Harqin Left Wing Mongol Autonomous County"),
        # ethnic groups: the short name not a prefix, no 族, the whole stem, a district
        ("海南藏族自治州", "海南州", "prefecture", "Hainan Tibetan Autonomous Prefecture"),
        ("克孜勒苏柯尔克孜自治州", "克州", "prefecture", "Kizilsu Kirgiz Autonomous Prefecture"),
        ("东乡族自治县", "东乡县", "county", "Dongxiang Autonomous County"),
        ("鄂温克族自治旗", "鄂温克", "county", "Ewenki Autonomous Banner"),
        ("鄂伦春自治旗", "鄂伦春", "county", "Oroqen Autonomous Banner"),
        ("顺河回族区", "顺河", "county", "Shunhe Hui District"),
        ("延边朝鲜族自治州", "延边", "prefecture", "Yanbian Korean Autonomous Prefecture"),
        ("伊通满族自治县", "伊通", "county", "Yitong Manchu Autonomous County"),
        # not ethnic groups: a place of one character is kept whole
        ("西藏自治区", "西藏", "province", "Xizang Autonomous Region"),
        ("大足区", "大足", "county", "Dazu District"),
        ("回民区", "回民", "county", "Huimin District"),
        # 长 in a place reads chang, but in 长子
        ("长治市", "长治", "prefecture", "Changzhi City"),
        ("天长市", "天长", "county", "Tianchang City"),
        ("弓长岭区", "弓长岭", "county", "Gongchangling District"),
        ("长子县", "长子", "county", "Zhangzi County"),
        # characters read as place names read them (PLACE_READINGS), and names read one
        # way here, another elsewhere (PLACE_OVERRIDES): a new-user pass read Celei
        ("策勒县", "策勒", "county", "Cele County"),
        ("尼勒克县", "尼勒克", "county", "Nileke County"),
        ("霍林郭勒市", "霍林郭勒", "county", "Huolinguole City"),
        ("伽师县", "伽师", "county", "Jiashi County"),
        ("浚县", "浚县", "county", "Xun County"),
        ("蔚县", "蔚县", "county", "Yu County"),
        ("丰都县", "丰都", "county", "Fengdu County"),
        ("都匀市", "都匀", "county", "Duyun City"),
        ("涡阳县", "涡阳", "county", "Guoyang County"),
        ("筠连县", "筠连", "county", "Junlian County"),
        ("覃塘区", "覃塘", "county", "Qintang District"),
        ("繁峙县", "繁峙", "county", "Fanshi County"),
        ("万柏林区", "万柏林", "county", "Wanbailin District"),
        ("荥经县", "荥经", "county", "Yingjing County"),
        ("荥阳市", "荥阳", "county", "Xingyang City"),
        ("中牟县", "中牟", "county", "Zhongmou County"),
        ("牟平区", "牟平", "county", "Muping District"),
        ("六合区", "六合", "county", "Luhe District"),
        ("六盘水市", "六盘水", "prefecture", "Liupanshui City"),
        ("洪洞县", "洪洞", "county", "Hongtong County"),
        ("洞头区", "洞头", "county", "Dongtou District"),
        ("库车市", "库车", "county", "Kuqa City"),
        ("漯河市", "漯河", "prefecture", "Luohe City"),
    ],
)
def test_english_region_name(name, short, level, english):
    assert english_region_name(name, short, level) == english


def test_pinyin_name_marks_syllables_that_start_with_a_vowel():
    assert (pinyin_name("西安"), pinyin_name("重庆"), pinyin_name("")) == ("Xi'an", "Chongqing", "")


@pytest.mark.django_db
def test_the_migration_stored_every_region_english_name():
    assert Region.objects.get(adcode="510821").name_en == "Wangcang County"
    assert not Region.objects.filter(name_en="").exists()


@pytest.mark.django_db
def test_the_migrations_store_conventional_exonyms():
    """Migration 0020 (and the reference sync) write Golmud, not the pinyin Ge'ermu."""
    assert Region.objects.get(name="格尔木市").name_en == "Golmud City"
    assert Region.objects.get(name="乌鲁木齐市").name_en == "Urumqi City"
    # migration 0044: Harbin, not Ha'erbin; ü, not v
    assert Region.objects.get(name="哈尔滨市").name_en == "Harbin City"
    assert Region.objects.get(name="吕梁市").name_en == "Lüliang City"


@pytest.mark.django_db
def test_the_migrations_store_zone_names_and_chang():
    """Migration 0036 (and the reference sync) write the names of ``ZONE_TYPES``."""
    assert Region.objects.get(adcode="410173").name_en == (
        "Zhengzhou Airport Comprehensive Economic Experimental Zone"
    )
    assert Region.objects.get(adcode="140400").name_en == "Changzhi City"
    assert not Region.objects.filter(name_en__regex=r"kaifa|yuanqu|shiyan District").exists()


@pytest.mark.django_db
def test_compare_in_english_names_regions_in_english_and_keeps_the_chinese_name(client):
    volunteer_metric("510821", 51104, date(2024, 1, 16))
    url = reverse("articles:compare")
    data = json_of(
        client.get(url, {"indicator": "registered-volunteers", "format": "json", "lang": "en"})
    )
    [row] = data["rows"]
    assert row["region_name"] == "Wangcang County" and row["region_name_zh"] == "旺苍县"
    assert row["region_path"] == "Sichuan Province › Guangyuan City › Wangcang County"
    html = client.get(
        url, {"indicator": "registered-volunteers", "lang": "en", "find": "旺苍"}
    ).content.decode()
    assert '<tr data-adcode="510821">' in html and "Guangyuan City" in html
    forget_language(client)  # the reader who asked for no language
    chinese = client.get(url, {"indicator": "registered-volunteers"}).content.decode()
    assert "Wangcang" not in chinese


@pytest.mark.django_db
def test_the_within_picker_is_sorted_by_english_name_in_english(client):
    html = client.get(reverse("articles:compare"), {"lang": "en"}).content.decode()
    groups = re.findall(r'<optgroup label="([^"]+)"', html)
    assert groups == sorted(groups, key=str.casefold) and "Sichuan Province" in groups


@pytest.mark.django_db
def test_migration_0047_renames_places_stored_with_a_common_word_reading():
    """Databases migrated before ``PLACE_READINGS`` held Celei, Fengdou, Jun: the
    migration writes the place names' readings and leaves every other name alone."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("articles.migrations.0047_place_readings")
    old = {"策勒县": "Celei County", "丰都县": "Fengdou County", "浚县": "Jun County"}
    old["库车市"] = "Kuche City"
    for name, english in old.items():
        Region.objects.filter(name=name).update(name_en=english)
    Region.objects.filter(name="成都市").update(name_en="Chengdu City (kept)")
    migration.rename(apps, SimpleNamespace(connection=connection))  # what it reads of one
    stored = dict(Region.objects.filter(name__in=[*old, "成都市"]).values_list("name", "name_en"))
    assert stored == {
        "策勒县": "Cele County",
        "丰都县": "Fengdu County",
        "浚县": "Xun County",
        "库车市": "Kuqa City",
        "成都市": "Chengdu City",  # a 都 place: derived again, as the sync would
    }
