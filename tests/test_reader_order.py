"""Names in the reader's order (a new-user pass): Chinese indicator names and region paths
were sorted by their code points, which put 上海 before 北京 before 四川 and the picker's
indicators in no order a reader knows. Chinese is in pinyin order now, as Chinese indexes
list names; English in letter order without case."""

from datetime import date

import pytest
from django.urls import reverse

from articles.compare_filter import indicator_choices
from articles.names import pinyin_sort_key, reader_sort_key
from articles.selectors import CoverageRow
from tests.factories import volunteer_metric

COMPARE = reverse("articles:compare")


def test_chinese_names_sort_in_pinyin_order():
    names = ["上海市", "四川省", "北京市", "陕西省", "重庆市", "安徽省", "山西省"]
    # code points: 上 < 北 < 四 < 安 < 山 < 重 < 陕
    assert sorted(names, key=pinyin_sort_key) == [
        "安徽省",  # an
        "北京市",  # bei
        "重庆市",  # chong (not zhong)
        "山西省",  # shan1 xi1
        "陕西省",  # shan3 xi1
        "上海市",  # shang
        "四川省",  # si
    ]


def test_provinces_read_alike_keep_their_regions_together():
    # without tones 山西 and 陕西 are both "shan xi": a sorted table mixed their counties
    paths = ["陕西省 › 宝鸡市", "山西省 › 阳泉市", "陕西省 › 渭南市", "山西省 › 大同市"]
    assert sorted(paths, key=pinyin_sort_key) == [
        "山西省 › 大同市",
        "山西省 › 阳泉市",
        "陕西省 › 宝鸡市",
        "陕西省 › 渭南市",
    ]


def test_english_names_sort_without_case():
    names = ["wangcang County", "Cangxi County", "Lüliang City", "anju District"]
    assert sorted(names, key=lambda n: reader_sort_key(n, "en")) == [
        "anju District",
        "Cangxi County",
        "Lüliang City",
        "wangcang County",
    ]


def _row(slug: str, name: str) -> CoverageRow:
    return CoverageRow(slug, name, "人", 1, 1, name, f"/compare/?indicator={slug}")


def test_the_indicator_picker_lists_chinese_names_in_pinyin_order(settings):
    rows = [_row("c", "最低生活保障对象"), _row("b", "养老保险参保人数"), _row("a", "安置就业人数")]
    # an, yang, zui (code points: 养 < 安 < 最)
    assert [slug for slug, _label in indicator_choices(rows)] == ["a", "b", "c"]


@pytest.mark.django_db
def test_the_compare_table_sorts_region_paths_in_pinyin_order(client):
    for adcode in ("310101", "510821", "110101", "140105"):  # 上海, 四川, 北京, 山西
        volunteer_metric(adcode, 100, date(2024, 1, 16))
    page = client.get(
        COMPARE, {"indicator": "registered-volunteers", "level": "county", "o": "name"}
    )
    assert [r.region_adcode for r in page.context["page_obj"].object_list] == [
        "110101",  # 北京市 bei
        "140105",  # 山西省 shan
        "310101",  # 上海市 shang
        "510821",  # 四川省 si
    ]
    reverse_order = client.get(
        COMPARE, {"indicator": "registered-volunteers", "level": "county", "o": "-name"}
    )
    assert [r.region_adcode for r in reverse_order.context["page_obj"].object_list] == [
        "510821",
        "310101",
        "140105",
        "110101",
    ]


@pytest.mark.django_db
def test_every_indicator_keeps_the_pinyin_of_its_chinese_name():
    """``Indicator.pinyin_key`` (what SQL orders Chinese names by): filled for the
    catalogue by the migrations (``sync_reference_data`` and migration 0045), kept by
    ``save`` when an editor renames one, ``update_fields`` included."""
    from articles.models import Indicator
    from articles.names import pinyin_key
    from articles.reference import sync_reference_data

    rows = list(Indicator.objects.all())
    assert len(rows) > 100
    assert all(i.pinyin_key == pinyin_key(i.name_zh) for i in rows)
    assert pinyin_key("城乡低保对象") == "cheng2 xiang1 di1 bao3 dui4 xiang4"
    indicator = Indicator.objects.get(slug="registered-volunteers")
    indicator.name_zh = "低保对象"
    indicator.save(update_fields=["name_zh"])
    assert Indicator.objects.get(pk=indicator.pk).pinyin_key == "di1 bao3 dui4 xiang4"
    Indicator.objects.filter(pk=indicator.pk).update(pinyin_key="", name_zh="实名注册志愿者")
    sync_reference_data()  # the fixture's row writes the key back
    assert Indicator.objects.get(pk=indicator.pk).pinyin_key == pinyin_key("实名注册志愿者")


def test_yi_is_filed_under_its_own_tone_as_dictionaries_file_it():
    """一 in a word takes its neighbour's tone (一般 yì bān); a dictionary files it under
    yī, before 医 and 以 (a new-user pass saw 一般公共预算收入 after 医疗…)."""
    names = ["以工代赈", "医疗机构", "一般公共预算收入", "统一战线"]
    assert sorted(names, key=pinyin_sort_key) == [
        "统一战线",  # tong
        "一般公共预算收入",  # yi1 ban1
        "医疗机构",  # yi1 liao2
        "以工代赈",  # yi3
    ]
    assert pinyin_sort_key("PM2.5浓度一")[0] == "pm2.5 nong2 du4 yi1"
