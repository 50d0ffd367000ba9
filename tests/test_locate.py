"""Regions: the seed page's gold adcodes, the cases, and the rules for risky names."""

import datetime
import json
import re
from pathlib import Path

import pytest

from articles.ingest.gazetteer import Gazetteer
from articles.ingest.locate import locate
from articles.ingest.normalize import decode_page
from articles.ingest.split import split_page
from articles.ingest.types import ParsedArticle
from tests.acceptance import load_cases

DATA = Path(__file__).resolve().parent / "data"
GOLD = json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))["items"]
CASES = load_cases()
LAYOUT_CASES = [
    c
    for c in CASES
    if {"region_in", "region_not_in", "byline", "body_starts_with"} & set(c["expect"])
]


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def squeeze(text):
    return re.sub(r"\s", "", text or "")


def article(body="", title="", title_prefix="", subtitle=""):
    return ParsedArticle(
        0, "news", title=title, title_prefix=title_prefix, subtitle=subtitle, body=body
    )


@pytest.fixture(scope="module")
def seed_items():
    text = (DATA / "seed_page.txt").read_text(encoding="utf-8")
    return split_page(text, published=datetime.date(2024, 1, 16))


@pytest.mark.parametrize("gold", GOLD, ids=[g["key"] for g in GOLD])
def test_seed_item_is_located_in_its_gold_region(seed_items, gazetteer, gold):
    (item,) = [
        i for i in seed_items if squeeze(i.body).startswith(squeeze(gold["body_starts_with"]))
    ]
    match = locate(item, gazetteer)
    assert match.adcode in [gold["region"]["adcode"], *gold["region"].get("also_acceptable", [])]
    assert match.adcode in match.mentioned


@pytest.mark.parametrize("case", LAYOUT_CASES, ids=[c["id"] for c in LAYOUT_CASES])
def test_case_region_byline_and_body_start(gazetteer, case):
    data = case["text"].encode(case.get("encoding", "utf-8"))
    (item,) = split_page(decode_page(data))
    match = locate(item, gazetteer, home_region=case.get("home_region"))
    expect = case["expect"]
    if "region_in" in expect:
        assert match.adcode in expect["region_in"]
    assert match.adcode not in expect.get("region_not_in", [])
    if "byline" in expect:
        assert item.byline == expect["byline"]
    if "body_starts_with" in expect:
        assert item.body.startswith(expect["body_starts_with"])


def test_the_most_specific_headline_division_wins(gazetteer):
    match = locate(
        article(title_prefix="广西防城港市防城区", title="扎实推进清廉机关建设"), gazetteer
    )
    assert match.adcode == "450603"
    assert match.mentioned == ["450000", "450600", "450603"]


def test_province_plus_city_short_form(gazetteer):
    assert locate(article("1月11日，四川成都举行推进会。"), gazetteer).adcode == "510100"


def test_inner_mongolia_short_form(gazetteer):
    assert (
        locate(article(title_prefix="内蒙古乌海市", title="推动志愿服务"), gazetteer).adcode
        == "150300"
    )


def test_a_district_in_the_lead_refines_the_headline_city(gazetteer):
    item = article(
        "由南充市生态环境局主办，活动在嘉陵区西兴街道开展。",
        title_prefix="四川南充市",
        title="开展环保宣传",
    )
    assert locate(item, gazetteer).adcode == "511304"


def test_places_inside_road_and_street_names_are_not_regions(gazetteer):
    match = locate(article("活动在成都路和南京东路举行，海北街道居民参加。"), gazetteer)
    assert match.adcode is None
    assert match.mentioned == []


def test_ambiguous_district_without_context_is_not_guessed(gazetteer):
    assert locate(article("鼓楼区启动老旧小区改造。"), gazetteer).adcode is None


def test_ambiguous_district_is_resolved_by_its_city_in_context(gazetteer):
    item = article("徐州市召开会议。鼓楼区启动老旧小区改造。")
    assert "320302" in locate(item, gazetteer).mentioned


def test_ambiguous_short_name_is_resolved_by_its_prefecture(gazetteer):
    match = locate(article("防城港市东兴推进边境贸易。"), gazetteer)
    assert match.mentioned == ["450600", "450681"]
    assert match.adcode == "450681"


def test_former_name_maps_to_todays_code(gazetteer):
    assert locate(article("襄樊市举行招商会。"), gazetteer).adcode == "420600"


def test_risky_short_name_needs_its_prefecture_before_it(gazetteer):
    assert locate(article("锦江体育公园人气旺。东区居民参加。"), gazetteer).adcode is None
    assert locate(article("攀枝花东区推进城市更新。"), gazetteer).adcode == "510402"


def test_common_words_containing_a_short_name_are_not_places(gazetteer):
    body = "学习中华人民共和国宪法，市民和游客参加，打通城市断头路，实现乡村振兴。"
    assert locate(article(body), gazetteer).mentioned == []


def test_home_region_answers_we_county_and_widens_for_we_city(gazetteer):
    assert (
        locate(article("我县新建实践站32个。"), gazetteer, home_region="140428").adcode == "140428"
    )
    assert (
        locate(article("全市新建实践站32个。"), gazetteer, home_region="140428").adcode == "140400"
    )


def test_traditional_characters_are_matched(gazetteer):
    match = locate(article("全縣待遇領取人員"), gazetteer, home_region="510821")
    assert match.adcode == "510821"
    assert locate(article("廣元市旺蒼縣發放補貼。"), gazetteer).adcode == "510821"


def test_unknown_home_region_is_an_error(gazetteer):
    with pytest.raises(ValueError, match="home_region"):
        locate(article("我县"), gazetteer, home_region="999999")


def test_gazetteer_lookups_and_ancestors(gazetteer):
    assert len(gazetteer) == 3390
    assert [d.adcode for d in gazetteer.by_name("鼓楼区")] == [
        "320106",
        "320302",
        "410204",
        "350102",
    ]
    assert [d.adcode for d in gazetteer.by_short_name("旺苍")] == ["510821"]
    assert [d.adcode for d in gazetteer.by_former_name("襄樊市")] == ["420600"]
    assert [d.adcode for d in gazetteer.lookup("伊犁州")] == ["654000"]
    assert gazetteer.ancestors("510821") == ["510800", "510000"]
    assert gazetteer.parent("510821").name == "广元市"
    assert gazetteer.common_ancestor(["320106", "320302"]) == "320000"
    assert gazetteer.common_ancestor(["320106", "510821"]) is None


def test_gazetteer_from_rows_accepts_fixture_and_plain_parents():
    rows = [
        {
            "adcode": "510000",
            "name": "四川省",
            "short_name": "四川",
            "level": "province",
            "parent": None,
        },
        {
            "adcode": "510800",
            "name": "广元市",
            "short_name": "广元",
            "level": "prefecture",
            "parent": ["510000"],
        },
        {
            "adcode": "510821",
            "name": "旺苍县",
            "short_name": "旺苍",
            "level": "county",
            "parent": "510800",
        },
    ]
    small = Gazetteer.from_rows(rows)
    assert small.lineage("510821") == ["510821", "510800", "510000"]
    assert [m.surface for m in small.scan("四川旺苍县")] == ["四川", "旺苍县"]
    with pytest.raises(ValueError, match="level"):
        Gazetteer.from_rows([{**rows[0], "level": "town"}])


def test_the_scan_finds_the_longest_name_at_the_leftmost_place_whatever_its_length():
    """The scan skips to where a name can start by its first two characters; a name of
    one character (none in GB/T 2260, possible in ``from_rows``) is still found, after a
    longer name with the same first character is tried, and at the text's end."""
    rows = [
        {"adcode": "1", "name": "甲", "short_name": "", "level": "province", "parent": None},
        {"adcode": "2", "name": "甲乙县", "short_name": "", "level": "county", "parent": "1"},
        {"adcode": "3", "name": "丙丁", "short_name": "", "level": "county", "parent": "1"},
    ]
    small = Gazetteer.from_rows(rows)
    found = [(m.start, m.surface) for m in small.scan("甲乙县和甲乙，丙丁丙甲")]
    assert found == [(0, "甲乙县"), (4, "甲"), (7, "丙丁"), (10, "甲")]
    assert Gazetteer.from_rows([]).scan("四川省旺苍县") == []


def test_whole_prefecture_is_not_quanzhou_county(gazetteer):
    article = ParsedArticle(
        position=0, kind="news", body="全州森林覆盖率达到68.5%，比2020年提高1.2个百分点。"
    )
    assert locate(article, gazetteer).adcode is None
    named = ParsedArticle(position=0, kind="news", body="广西桂林市全州县森林覆盖率达到68.5%。")
    assert locate(named, gazetteer).adcode == "450324"


def test_jionlp_word_lists_are_read_from_their_zip_when_not_yet_unzipped(tmp_path, monkeypatch):
    """A fresh install has only idf.zip until jionlp's own loader first runs; the risky-name
    word lists must be the same either way (a fresh CI machine located 成都 as 371621)."""
    import importlib.util
    import shutil
    import types

    from articles import text as module

    real = Path(next(iter(importlib.util.find_spec("jionlp").submodule_search_locations)))
    fake = tmp_path / "jionlp"
    (fake / "dictionary").mkdir(parents=True)
    shutil.copy(real / "dictionary" / "idf.zip", fake / "dictionary" / "idf.zip")
    spec = types.SimpleNamespace(submodule_search_locations=[str(fake)])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    zipped = list(module.jionlp_data_lines("idf.txt"))
    monkeypatch.undo()
    assert zipped[:100] == list(module.jionlp_data_lines("idf.txt"))[:100]
    assert len(zipped) > 200_000


def test_a_missing_jionlp_word_list_is_an_error_not_an_empty_list(tmp_path, monkeypatch):
    import importlib.util
    import types

    from articles import text as module

    (tmp_path / "jionlp" / "dictionary").mkdir(parents=True)
    spec = types.SimpleNamespace(submodule_search_locations=[str(tmp_path / "jionlp")])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    with pytest.raises(FileNotFoundError, match="idf"):
        list(module.jionlp_data_lines("idf.txt"))


def test_agency_dateline_place_answers_when_the_text_names_no_place(gazetteer):
    page = "公园城市建设方案发布\n\n新华社成都2月20日电（记者王五）今年将新增各类公园200个。\n"
    (item,) = split_page(page, gazetteer=gazetteer)
    assert locate(item, gazetteer).adcode == "510100"


def test_agency_dateline_place_yields_to_a_place_named_in_the_lead(gazetteer):
    page = "春耕生产全面启动\n\n新华社成都2月20日电 绵阳市游仙区20日启动春耕生产。\n"
    (item,) = split_page(page, gazetteer=gazetteer)
    assert locate(item, gazetteer).adcode == "510704"


def test_agency_dateline_place_resolves_a_shared_district_name(gazetteer):
    page = "老旧小区改造启动\n\n新华社南京2月20日电 鼓楼区20日启动老旧小区改造。\n"
    (item,) = split_page(page, gazetteer=gazetteer)
    assert locate(item, gazetteer).adcode == "320106"


def test_an_english_item_has_no_region(gazetteer):
    # made by hand: split_page keeps no English-only item (split.MIN_BODY_HANZI)
    item = ParsedArticle(position=0, kind="news", body="Hello world. This is a test.")
    assert locate(item, gazetteer).adcode is None
