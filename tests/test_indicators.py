"""Indicator catalogue and mapping: the seed page's gold indicators, units, bad rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles.ingest.extract import extract_quantities
from articles.ingest.indicators import IndicatorCatalog, IndicatorSpec, normalize_unit
from tests.test_extract import SEED_GOLD, SEED_ITEMS, match_gold, seed_body

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ROWS = json.loads((ROOT / "fixtures" / "indicators.json").read_text(encoding="utf-8"))
TOPIC_SLUGS = {
    row["fields"]["slug"]
    for row in json.loads((ROOT / "fixtures" / "topics.json").read_text(encoding="utf-8"))
}
GOLD_SLUGS = {m["indicator"] for item in SEED_GOLD["items"] for m in item["metrics"]}


def mapped(text: str, topic: str | None = None) -> list[tuple[str, str | None]]:
    quantities = extract_quantities(text)
    IndicatorCatalog.load().assign(quantities, text, topic)
    return [(text[q.start : q.end], q.indicator) for q in quantities]


# --- the fixture ---------------------------------------------------------------------


def test_fixture_has_at_least_40_indicators_including_every_gold_slug():
    slugs = {row["fields"]["slug"] for row in FIXTURE_ROWS}
    assert len(slugs) == len(FIXTURE_ROWS) >= 40
    assert GOLD_SLUGS <= slugs
    assert len(GOLD_SLUGS) == 42


def test_fixture_rows_are_complete_and_point_at_existing_topics():
    for row in FIXTURE_ROWS:
        assert row["model"] == "articles.indicator"
        fields = row["fields"]
        assert fields["name_zh"] and fields["name_en"] and fields["unit"], fields["slug"]
        assert len(fields["unit"]) <= 16 and len(fields["name_zh"]) <= 64
        assert fields["phrases"], fields["slug"]
        assert [t for t in fields["topic"] if t not in TOPIC_SLUGS] == [], fields["slug"]


def test_fixture_covers_the_required_topics():
    topics = {t for row in FIXTURE_ROWS for t in row["fields"]["topic"]}
    required = {
        "volunteering",
        "social-security",
        "civilization",
        "environment",
        "clean-government",
        "education",
        "rural-revitalization",
        "youth-care",
        "health",
    }
    assert required <= topics


def test_load_is_cached_and_reads_the_default_fixture():
    catalog = IndicatorCatalog.load()
    assert catalog is IndicatorCatalog.load()
    assert len(catalog) == len(FIXTURE_ROWS)
    assert catalog.get("registered-volunteers").unit == "人"


# --- the seed page -------------------------------------------------------------------


def test_gold_indicator_on_all_46_seed_metrics():
    catalog = IndicatorCatalog.load()
    right, wrong = 0, []
    for item in SEED_ITEMS:
        body = seed_body(item)
        quantities = extract_quantities(body)
        catalog.assign(quantities, body, item["topic"])
        for metric, q in match_gold(body, quantities, item["metrics"]):
            if q is not None and q.indicator == metric["indicator"]:
                right += 1
            else:
                wrong.append((metric["evidence"], metric["indicator"], q and q.indicator))
    assert (right, wrong) == (46, [])


def test_topic_is_only_a_tie_breaker():
    body = seed_body(next(i for i in SEED_ITEMS if i["key"] == "wangcang-civilization"))
    quantities = extract_quantities(body)
    IndicatorCatalog.load().assign(quantities, body, topic="health")
    by_value = {q.value: q.indicator for q in quantities}
    assert by_value[51104] == "registered-volunteers"


# --- mapping rules -------------------------------------------------------------------


def test_unit_separates_recipients_from_amounts():
    text = "为22458人发放养老保险待遇9.31亿元"
    assert mapped(text) == [
        ("22458人", "pension-benefit-recipients"),
        ("9.31亿元", "pension-benefits-paid"),
    ]


def test_an_incompatible_unit_never_maps():
    # 基础养老金 is a monthly per-person amount; a total in 元 is something else
    assert mapped("发放基础养老金1.5亿元")[0][1] != "resident-basic-pension-monthly"
    assert mapped("城乡居民基础养老金每人每月285元")[0][1] == "resident-basic-pension-monthly"


def test_a_quantity_matching_no_indicator_keeps_none():
    assert mapped("添置设备25套") == [("25套", None)]
    assert mapped("健身器材添置25套") == [("25套", "fitness-equipment")]
    assert mapped("全年增加支出98万元") == [("98万元", None)]


def test_compound_phrase_borrows_its_subject_from_the_sentence():
    text = "为1077家企业发放稳岗返还补助1040.92万元，惠及25545名职工；为10家企业发放扩岗补助6.3万元，惠及42名职工。"
    result = dict(mapped(text))
    assert result["1040.92万元"] == "job-stabilization-refund"
    assert result["25545名"] == "job-stabilization-refund-employees"
    # the compound belongs to the first sentence only; the 扩岗 one's staff are plain
    assert result["42名"] == "employees-benefited"


def test_population_share_maps_only_when_about_volunteers():
    assert mapped("实名注册志愿者达2.3万余人，占常住人口的9.8%。") == [
        ("2.3万余人", "registered-volunteers"),
        ("9.8%", "registered-volunteers-share"),
    ]
    assert mapped("60岁以上人口占常住人口的15％。") == [("15％", None)]


def test_parallel_insured_counts_map_to_their_own_indicators():
    text = "全市养老保险、失业保险、工伤保险参保人数分别达 11.45 万人、3.69 万人、5.58万人。"
    assert [slug for _, slug in mapped(text)] == [
        "pension-insured-persons",
        "unemployment-insured-persons",
        "work-injury-insured-persons",
    ]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # the sample page: 职工 alone read as employees benefited
        (
            "为364名工伤职工、工亡职工供养亲属发放工伤保险待遇2391.39万元。",
            "work-injury-benefit-recipients",
        ),
        ("向58名工伤职工发放工伤保险待遇。", "work-injury-benefit-recipients"),
        ("为1200名退休职工按时足额发放养老保险待遇。", "pension-benefit-recipients"),
    ],
)
def test_a_count_of_those_paid_is_measured_by_the_payment(text, slug):
    """为/向 + a count of persons + a payment in its clause (…发放工伤保险待遇): the count
    is of those paid, whatever noun names them."""
    assert mapped(text)[0][1] == slug


def test_a_count_of_workers_without_a_payment_keeps_its_noun():
    assert mapped("为1200名职工开展技能培训。")[0][1] == "employees-benefited"
    assert mapped("惠及42名职工。")[0][1] == "employees-benefited"


def test_the_noun_after_a_count_identifies_it():
    assert mapped("依托200个新时代文明实践志愿服务点") == [("200个", "volunteer-service-points")]
    assert mapped("为60名留守儿童赠送了厚棉衣") == [("60名", "children-assisted")]


def test_phrases_generalize_beyond_the_seed_sentences():
    assert mapped("城乡低保标准由每人每月1530元调整至每人每月1692元。")[0][1] == (
        "subsistence-allowance-monthly"
    )
    assert mapped("今年完成改厕1200户。")[0][1] == "toilets-renovated"
    assert mapped("全年空气质量优良天数达到127天")[0][1] == "good-air-quality-days"
    assert mapped("组建志愿服务队670余支")[0][1] == "volunteer-teams"


# --- construction and errors -------------------------------------------------------------


def test_from_rows_accepts_fixture_entries_fields_and_values_dicts():
    rows = [
        FIXTURE_ROWS[0],
        {"slug": "a", "unit": "名", "phrases": ["甲"], "topic": "health"},
        {"slug": "b", "unit": "％", "phrases": ["乙"], "topic__slug": "education"},
    ]
    catalog = IndicatorCatalog.from_rows(rows)
    assert len(catalog) == 3
    assert catalog.get("a").unit == "人"
    assert catalog.get("b").unit == "%"
    assert catalog.get("b").topics == ("education",)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"unit": "人", "phrases": []}, "no slug"),
        ({"slug": "x", "phrases": []}, "no unit"),
        ({"slug": "x", "unit": "人", "phrases": "志愿者"}, "list of str"),
    ],
)
def test_from_rows_rejects_malformed_rows_with_a_clear_error(row, message):
    with pytest.raises(ValueError, match=message):
        IndicatorCatalog.from_rows([row])


def test_duplicate_slugs_are_rejected():
    row = {"slug": "x", "unit": "人", "phrases": ["甲"]}
    with pytest.raises(ValueError, match="duplicate"):
        IndicatorCatalog.from_rows([row, row])


def test_load_reports_a_bad_file(tmp_path):
    bad = tmp_path / "indicators.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        IndicatorCatalog.load(bad)
    with pytest.raises(FileNotFoundError):
        IndicatorCatalog.load(tmp_path / "missing.json")


def test_a_catalogue_from_rows_maps_with_its_own_phrases():
    catalog = IndicatorCatalog.from_rows(
        [{"slug": "trees", "unit": "株", "phrases": ["植树"], "topic": ["environment"]}]
    )
    text = "组织群众植树3000株"
    quantities = extract_quantities(text)
    catalog.assign(quantities, text)
    assert quantities[0].indicator == "trees"


def test_normalize_unit_folds_person_counters():
    assert [normalize_unit(u) for u in ("名", "位", "人", "％", "元/人/月")] == [
        "人",
        "人",
        "人",
        "%",
        "元/人/月",
    ]


def test_a_divisions_share_takes_the_indicator_the_sentence_measured():
    from articles.ingest.pipeline import parse_page

    text = "全市建成文明实践站120个，旺苍县32个、剑阁县28个。"
    (article,) = parse_page(text).articles
    assert [(int(q.value), q.indicator) for q in article.quantities] == [
        (120, "civilization-practice-stations"),
        (32, "civilization-practice-stations"),
        (28, "civilization-practice-stations"),
    ]


@pytest.mark.parametrize(
    "text, indicators",
    [
        # an intake or a difference is no value of a stock: compare would show it as the
        # county's total (a new-user pass: 3800 filed beside the total 62000)
        ("今年全县新增实名注册志愿者3800人，实名注册志愿者总数达到62000人。",
         [None, "registered-volunteers"]),
        ("全市新建文明实践站120个，旺苍县32个、剑阁县28个。", [None, None, None]),
        ("全县实名注册志愿者比上年增加3800人。", [None]),
        # the shape of a provincial report found in the pages corpus: the total, then the
        # year's difference
        ("全省实名注册志愿者已达到120.5万人，比上年底增加10万人。",
         ["registered-volunteers", None]),
        ("全县新注册志愿者560人。", [None]),
        # 增加到/增至 give the new total: still the stock
        ("全县实名注册志愿者人数增加到5.1万人。", ["registered-volunteers"]),
        ("全县实名注册志愿者增至5.1万人。", ["registered-volunteers"]),
        # a flow indicator keeps what was added
        ("全县新增电梯56部。", ["elevators-added"]),
    ],
)  # fmt: skip
def test_a_count_added_is_not_filed_under_a_stock(text, indicators):
    from articles.ingest.pipeline import parse_page

    (article,) = parse_page(text).articles
    assert [q.indicator for q in article.quantities] == indicators


def test_a_figure_with_a_noun_of_its_own_does_not_borrow_the_sentences():
    from articles.ingest.pipeline import parse_page

    text = "全市新建文明实践站120个，旺苍县修缮危房32个。"
    (article,) = parse_page(text).articles
    assert [q.indicator for q in article.quantities][1] != "civilization-practice-stations"


def test_a_phrase_scores_its_longest_match_whatever_the_order_of_the_phrases():
    # score reads the phrases longest first and stops at the first found
    spec = IndicatorSpec("v", "人", ("志愿者", "实名注册志愿者", "补助&惠及", "稳岗返还补助&惠及"))
    assert spec.score("实名注册志愿者总数", "截至目前，实名注册志愿者总数51104人") == 7
    sentence = "为1077家企业发放稳岗返还补助1040.92万元，惠及25545名职工"
    assert spec.score("惠及", sentence) == 8  # 稳岗返还补助 + 惠及
    assert spec.score("惠及", "发放补助，惠及25545名职工") == 4


def test_on_equal_scores_the_topics_indicator_wins_else_the_first_in_the_catalogue():
    catalog = IndicatorCatalog.from_rows(
        [
            {"slug": "first", "unit": "人", "phrases": ["志愿者"], "topic": ["health"]},
            {"slug": "second", "unit": "人", "phrases": ["志愿者"], "topic": ["volunteer"]},
        ]
    )
    text = "实名注册志愿者总数51104人"
    for topic, slug in ((None, "first"), ("health", "first"), ("volunteer", "second")):
        quantities = extract_quantities(text)
        catalog.assign(quantities, text, topic)
        assert quantities[0].indicator == slug, topic


# --- counts of places reached (a new-user pass: 改造3个社区 was filed as 3 projects) -----


@pytest.mark.parametrize(
    "text, figure",
    [
        ("今年以来，旺苍县完成老旧小区改造3个社区，惠及居民1200户。", "3个"),
        ("旺苍县老旧小区改造覆盖3个社区。", "3个"),
        ("全县改造项目覆盖5个村、12个乡镇。", "5个"),
        ("全县改造项目覆盖5个村、12个乡镇。", "12个"),
        ("全县建成示范村5个，覆盖12个乡镇。", "12个"),
        ("老旧小区改造项目惠及8个村（社区）。", "8个"),
        ("小区改造涉及4个街道和9个社区的居民。", "9个"),
    ],
)
def test_a_count_of_bare_places_reached_is_no_indicator_count(text, figure):
    assert (figure, None) in mapped(text, "grassroots-governance")


@pytest.mark.parametrize(
    "text, figure, slug",
    [
        ("全县完成小区改造项目8个，涉及4个街道。", "8个", "community-renovation-projects"),
        ("全县建成示范村5个，覆盖12个乡镇。", "5个", "demonstration-villages"),
        ("全县120个村（社区）建成党群服务中心。", "120个", "community-service-centers"),
        ("今年以来，全县完成老旧小区改造3个。", "3个", "community-renovation-projects"),
    ],
)
def test_a_count_naming_what_it_counts_keeps_its_indicator(text, figure, slug):
    assert (figure, slug) in mapped(text, "grassroots-governance")


# --- honours and inspections (a new-user pass on the sample page) -----------------------


@pytest.mark.parametrize(
    "text, figure",
    [
        ("推荐道德模范候选人15人，其中1人获评广元市“见义勇为”道德模范。", "1人"),
        ("全县推荐身边好人候选人20名，其中3名荣获四川好人称号。", "3名"),
        ("推荐道德模范候选人15人，2人被评为省级道德模范。", "2人"),
    ],
)
def test_those_honoured_are_no_count_of_candidates(text, figure):
    assert (figure, None) in mapped(text, "civilization")


@pytest.mark.parametrize(
    "text, figure",
    [
        ("深入49家参保单位开展实地稽核，维护职工合法权益。", "49家"),
        ("今年以来，县人社局走访企业30家，了解用工需求。", "30家"),
        ("抽查参保企业12家，发现问题3个。", "12家"),
    ],
)
def test_the_units_an_inspection_reached_are_no_count_of_all_units(text, figure):
    assert (figure, None) in mapped(text, "social-security")


@pytest.mark.parametrize(
    "text, figure, slug",
    [
        ("推荐道德模范候选人15人，其中1人获评广元市道德模范。", "15人", "honour-candidates"),
        ("截至目前，全县参保单位达到1200家。", "1200家", "insured-employers"),
        ("开展安全检查，全县参保单位达到1200家。", "1200家", "insured-employers"),
    ],
)
def test_the_candidates_and_the_insured_employers_keep_their_indicators(text, figure, slug):
    assert (figure, slug) in mapped(text, "social-security")


# --- benchmarks and the hard-to-employ (real county reports) -----------------------------


@pytest.mark.parametrize(
    "text, figure",
    [
        ("城镇登记失业率3.2%，远低于省市4.5%的要求。", "4.5%"),
        ("城镇登记失业率3.2%，低于全省平均水平0.8个百分点。", "0.8个百分点"),
        ("全县参保率98%，高于全市平均水平95%。", "95%"),
    ],
)
def test_a_wider_areas_benchmark_is_no_value_of_the_region(text, figure):
    assert (figure, None) in mapped(text, "employment")


def test_the_region_beside_its_benchmark_keeps_its_indicator():
    found = mapped("城镇登记失业率3.2%，远低于省市4.5%的要求。", "employment")
    assert found[0] == ("3.2%", "registered-unemployment-rate")


@pytest.mark.parametrize(
    "text, figure",
    [
        ("全县帮助城镇151名就业困难人员实现就业。", "151名"),
        ("帮扶就业困难人员就业320人。", "320人"),
    ],
)
def test_the_hard_to_employ_placed_are_not_all_new_jobs(text, figure):
    assert (figure, "hard-to-employ-placed") in mapped(text, "employment")


def test_new_jobs_stay_new_jobs():
    assert ("2949人", "new-urban-jobs") in mapped("新增城镇就业2949人，实现就业。", "employment")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of items each named before its figure: a figure takes nothing from the
        # items after it (a new-user pass saw 养老服务中心12个 filed as meal sites)
        (
            "今年全县建成养老服务中心12个、老年助餐点30余个，惠及老年人2万余人。",
            [("12个", None), ("30余个", "elderly-meal-sites"), ("2万余人", None)],
        ),
        ("全县现有养老机构12个、助餐点40个。", [("12个", None), ("40个", "elderly-meal-sites")]),
        (
            "全县现有便民服务中心12个、助餐点40个。",
            [("12个", "community-service-centers"), ("40个", "elderly-meal-sites")],
        ),
        # one noun after the figures names them all, as before
        (
            "建成12个、5个老年助餐点。",
            [("12个", "elderly-meal-sites"), ("5个", "elderly-meal-sites")],
        ),
    ],
)
def test_an_item_of_a_list_takes_no_name_from_the_items_after_it(text, expected):
    assert mapped(text) == expected
