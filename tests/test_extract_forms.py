"""Number forms, signs, fractions, units, not-a-measurement rules and plan words of the
extractor (issue 7, points 3, 4 and 8). Sentences written for these tests, each of the
form found in real county reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from articles.ingest.extract import extract_quantities
from articles.ingest.numbers import parse_mixed, parse_number


def found(text: str) -> list[tuple[Decimal, str]]:
    return [(q.value, q.unit) for q in extract_quantities(text)]


def evidence(text: str) -> list[str]:
    return [text[q.start : q.end] for q in extract_quantities(text)]


# --- point 3: mixed Arabic and multiplier forms ------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("3万4000", 34000),
        ("1万5千", 15000),
        ("2千零30万", 20300000),
        ("25万6千", 256000),
        ("5万3千", 53000),
        ("1亿2000万", 120000000),
        ("3万零500", 30500),
        ("4千万3百万", 43000000),
        ("1亿零500万", 105000000),
        ("2千5百", 2500),
    ],
)
def test_mixed_forms_parse_to_one_exact_number(written, value):
    assert parse_mixed(written) == Decimal(value)
    assert parse_number(written) == Decimal(value)


@pytest.mark.parametrize(
    "written", ["3万4", "5千3", "3万40000", "3千5千", "3.5万4000", "4万万", "2万一", "十万"]
)
def test_garbled_mixed_forms_are_refused(written):
    with pytest.raises(ValueError):
        parse_mixed(written)


@pytest.mark.parametrize(
    ("text", "value", "unit", "span"),
    [
        ("全年帮助城镇失业人员再就业1万2千人。", 12000, "人", "1万2千人"),
        ("景区全年接待游客38万7千人次。", 387000, "人次", "38万7千人次"),
        ("项目总投资2亿3000万元。", 230000000, "元", "2亿3000万元"),
        ("全县新增造林6万零800亩。", 60800, "亩", "6万零800亩"),
        ("争取上级资金3千零50万元。", 30500000, "元", "3千零50万元"),
    ],
)
def test_a_mixed_form_in_a_sentence_is_one_quantity_with_the_whole_span(text, value, unit, span):
    assert found(text) == [(Decimal(value), unit)]
    assert evidence(text) == [span]


@pytest.mark.parametrize(
    "text",
    [
        "全年新增就业2万5万人。",
        "培训农民1.5万3000人次。",
        "新建住房4千6千套。",
        "新增就业三万4000人。",
    ],
)
def test_a_garbled_mixed_form_gives_no_quantity_not_its_tail(text):
    assert found(text) == []


def test_a_multiplier_that_opens_a_unit_belongs_to_the_unit():
    assert found("新修农村公路12千米，新增装机容量8千瓦。") == [
        (Decimal(12), "公里"),
        (Decimal(8), "千瓦"),
    ]
    assert found("全县光伏装机达到15万千瓦。") == [(Decimal(150000), "千瓦")]


# --- point 3: fractions are rates --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("全县人口出生率为千分之6.8。", "6.8", "‰"),
        ("孕产妇死亡率控制在万分之二以内。", "0.2", "‰"),
        ("百分之二十的村集体经济收入超过10万元。", "20", "%"),
        ("百分之三点五的农户加入了合作社。", "3.5", "%"),
        ("五分之四的乡镇建成了综合文化站。", "80", "%"),
        ("八分之一的学校开设了托管服务。", "12.5", "%"),
        ("三分之二的社区建有日间照料中心。", "66.6667", "%"),
        ("约三分之一的村民参加了培训。", "33.3333", "%"),
    ],
)
def test_fractions_are_rates(text, value, unit):
    qs = [q for q in extract_quantities(text) if q.unit in ("%", "‰")]
    assert [(q.value, q.unit) for q in qs] == [(Decimal(value), unit)]


def test_a_fraction_keeps_its_qualifiers_and_evidence():
    text = "超过四分之一的家庭签约了家庭医生。"
    q = extract_quantities(text)[0]
    assert (q.value, q.unit, q.approx) == (Decimal(25), "%", True)
    assert text[q.start : q.end] == "超过四分之一"


def test_a_quarter_final_is_no_rate():
    assert found("我县代表队进入四分之一决赛。") == []


def test_percentage_points_stay_apart_from_percent():
    assert found("城镇登记失业率较上年回落0.3个百分点，参保率达到96%。")[1] == (
        Decimal(96),
        "%",
    )
    assert found("参保率提高1.5个百分点。") == [(Decimal("1.5"), "百分点")]


# --- point 3: a change that falls is negative -------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("全县固定资产投资比上年增长-4.6%。", "-4.6", "%"),
        ("一般公共预算收入同比下降2.7%。", "-2.7", "%"),
        ("城镇登记失业率下降了0.4个百分点。", "-0.4", "百分点"),
        ("房地产开发投资负增长6.2%。", "-6.2", "%"),
        ("全年农村低保对象减少350人。", "-350", "人"),
        ("规上企业利润降低1.8亿元。", "-180000000", "元"),
        ("粮食播种面积回落了3.5%。", "-3.5", "%"),
        ("居民消费价格指数环比-0.3个百分点。", "-0.3", "百分点"),
    ],
)
def test_a_falling_change_is_negative(text, value, unit):
    q = extract_quantities(text)[0]
    assert (q.value, q.unit, q.previous_value) == (Decimal(value), unit, None)


def test_a_change_to_a_new_level_stays_positive():
    q = extract_quantities("全县建档立卡贫困人口由1500人减少到600人。")[0]
    assert (q.value, q.previous_value) == (Decimal(600), Decimal(1500))
    assert found("全县城镇登记失业率下降至3.1%。") == [(Decimal("3.1"), "%")]
    assert found("全县城镇登记失业率降低到3.1%。") == [(Decimal("3.1"), "%")]
    q = extract_quantities("工业品出厂价格涨幅由1.5%下降到-0.8%。")[0]
    assert (q.value, q.previous_value) == (Decimal("-0.8"), Decimal("1.5"))


def test_a_rise_stays_positive_and_a_dash_is_no_minus():
    assert found("税收收入同比增长8.3%。") == [(Decimal("8.3"), "%")]
    q = extract_quantities("预计增长6%-8%。")[0]
    assert (q.value, q.value_max) == (Decimal(6), Decimal(8))


def test_values_shared_out_by_a_fall_are_all_negative():
    qs = extract_quantities("全县火灾起数、直接财产损失同比分别下降12.5%、30.4%。")
    assert [q.value for q in qs] == [Decimal("-12.5"), Decimal("-30.4")]


def test_a_negated_bound_and_range_turn_over():
    q = extract_quantities("单位生产总值能耗下降超过3%。")[0]
    assert (q.value, q.bound) == (Decimal(-3), "upper")
    q = extract_quantities("主要污染物排放量同比下降3%—5%。")[0]
    assert (q.value, q.value_max) == (Decimal(-5), Decimal(-3))


def test_the_label_of_a_falling_value_never_says_it_rose():
    qs = extract_quantities("全县社会消费品零售总额比上年增长-1.3%，规上工业增加值同比下降2.2%。")
    assert [q.value for q in qs] == [Decimal("-1.3"), Decimal("-2.2")]
    assert qs[0].label == "社会消费品零售总额比上年下降"
    assert "增加值" in qs[1].label and qs[1].label.endswith("下降")
    assert "增长" not in extract_quantities("进出口总额负增长4.1%。")[0].label


# --- point 8: completed actions are facts, plans are targets ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "去年，全县争取到中央预算内投资1.6亿元。",
        "今年以来，该镇争取了省级专项资金800万元。",
        "全县已建成村级养老服务站46个。",
        "全县建成投用便民服务中心12个。",
        "上半年完成植树造林3.2万亩。",
        "全年实现农村居民人均可支配收入18600元。",
    ],
)
def test_a_completed_action_is_a_fact(text):
    qs = extract_quantities(text)
    assert qs and not [q for q in qs if q.target]


@pytest.mark.parametrize(
    "text",
    [
        "争取到2026年，全县注册志愿者达到6万人。",
        "计划年底前建成投用充电站30个。",
        "年底前建成村级综合服务站15个。",
        "该县拟投入资金2000万元改造老旧小区。",
        "下半年准备新建幸福食堂8个。",
        "2025年将新增城镇就业3000人。",
        "力争全年完成造林5000亩。",
        "预计全年接待游客120万人次。",
        "目标是培育家庭农场50家。",
    ],
)
def test_a_planned_value_is_a_target(text):
    qs = extract_quantities(text)
    assert qs and all(q.target for q in qs)


def test_a_completed_action_after_a_planning_clause_is_a_fact():
    q = extract_quantities("预计明年全面投用，上半年完成投资1.2亿元。")[0]
    assert (q.value, q.target) == (Decimal(120000000), False)


def test_the_label_of_money_won_does_not_start_with_the_verb():
    q = extract_quantities("2024年，该县争取到市级乡村振兴衔接资金2000万元。")[0]
    assert (q.value, q.target, q.label) == (Decimal(20000000), False, "市级乡村振兴衔接资金")


# --- point 4: numbers that are no measurement -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "来自七台河市、三门峡市的代表参加了培训。",
        "五家渠市代表团到访。",
        "三元光电公司捐赠了物资。",
        "五户村党支部书记介绍了经验。",
        "八一路、十堰市、六盘水市、九江市的客商参会。",
        "培训为期3个月。",
        "整治行动历时两个多月。",
        "持续两周的集中宣传结束。",
        "本次活动历时5天。",
        "为年满60周岁的老人发放补贴。",
        "东风村5组、幸福小区3栋的居民参加了活动。",
        "在全市20个区县中排名第4。",
        "位列全省第3，连续三年位居前列。",
        "浏览次数：58次",
        "点击1200次，阅读量3000次。",
        "收入提高一倍到两倍。",
        "发放一次性补贴，建设一批项目，奋战在一线，推进一体化。",
    ],
)
def test_not_a_measurement(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("全年空气质量优良天数达到318天。", 318, "天"),
        ("全县志愿服务时长超过3000小时。", 3000, "小时"),
        ("全县人均预期寿命达到78.5岁。", "78.5", "岁"),
        ("新招聘教师平均年龄28岁。", 28, "岁"),
        ("全镇三个村建成了文化广场。", 3, "个"),
        ("引进两家公司、三家光伏公司落户园区。", 2, "家"),
        ("走访五户村民，入户访问300户。", 5, "户"),
    ],
)
def test_a_measurement_in_the_same_words_is_kept(text, value, unit):
    assert (Decimal(value), unit) in found(text)


def test_the_visits_of_a_survey_are_kept():
    assert found("入户访问300户。") == [(Decimal(300), "户")]
    assert found("引进两家公司、三家光伏公司落户园区。") == [(2, "家"), (3, "家")]


def test_gazetteer_names_passed_in_are_masked():
    names = frozenset({"七台河", "七台河市"})
    assert found("七台河代表团到访。") == [(Decimal(7), "台")]  # nothing passed in
    assert extract_quantities("七台河代表团到访，购置三台设备。", proper_names=names)[0].value == 3
    assert len(extract_quantities("七台河代表团到访，购置三台设备。", proper_names=names)) == 1


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("全年PM2.5平均浓度为32μg/m³。", 32, "微克/立方米"),
        ("PM10平均浓度为48μg/m3。", 48, "微克/立方米"),
        ("二氧化硫浓度为9ug/m3。", 9, "微克/立方米"),
        ("细颗粒物浓度降至29微克/立方米。", 29, "微克/立方米"),
        ("全市环境空气质量综合指数为3.86。", "3.86", "指数"),
        ("新人集体婚礼共有28对新人参加。", 28, "对"),
        ("新人集體婚禮共有28對新人參加。", 28, "对"),
        ("完成高标准农田建设1.2万亩。", 12000, "亩"),
        ("全年收购茶叶300吨。", 300, "吨"),
        ("帮助农户销售大米5000斤。", 5000, "斤"),
        ("新建农村公路45公里。", 45, "公里"),
        ("新增光伏装机容量2.5万千瓦。", 25000, "千瓦"),
        ("全年发电量1.2亿千瓦时。", 120000000, "千瓦时"),
    ],
)
def test_units_of_real_reports_are_read(text, value, unit):
    assert found(text) == [(Decimal(value), unit)]


def test_the_pipeline_masks_the_gazetteer_names_that_hold_numerals():
    from articles.ingest.gazetteer import Gazetteer
    from articles.ingest.pipeline import parse_page

    names = Gazetteer.load().names_with_numerals()
    assert {"七台河市", "七台河", "三门峡市", "六盘水市"} <= names
    assert "三台" not in names and "三元" not in names  # two-character shorts count too often
    page = parse_page("七台河代表团到访我县，购置三台设备。")
    assert [(q.value, q.unit) for a in page.articles for q in a.quantities] == [(3, "台")]


def test_a_rate_opening_its_clause_does_not_take_the_label_of_the_clause_before():
    qs = extract_quantities("全县人口自然增长率为千分之3.2，四分之三的行政村通了公交。")
    assert qs[0].label == "人口自然增长率"
    assert qs[1].label.startswith("行政村")


# --- kinds of failure found on real county texts (own sentences of the same forms) -------


def test_the_pool_of_a_rank_without_zhong_is_no_count():
    text = "我县综合指数为4.26，全市18个区县排名第5，市18个县区并列排名第9位。"
    assert found(text) == [(Decimal("4.26"), "指数")]


def test_an_index_with_its_running_total_words_is_read_and_labelled():
    q = extract_quantities("截至8月底，我县综合指数年累计为4.91，同比改善。")[0]
    assert (q.value, q.unit, q.label) == (Decimal("4.91"), "指数", "综合指数")


def test_a_rank_that_moved_is_no_count_of_persons():
    text = "与上月相比，甲县排名不变，乙县、丙县分别上升2位、1位，丁县下降3位。"
    assert found(text) == []
    assert found("全县今年新增5位家庭医生。") == [(Decimal(5), "人")]
    assert found("服务队志愿者增加了12位。") == [(Decimal(12), "人")]


def test_the_seconds_of_a_publish_time_do_not_join_the_next_number():
    assert found("发布时间：2024-06-03 09:41:27 浏览3次") == []
    assert found("更新时间：2024-06-03 14:05:33 12人参与") == []
    assert found("发布时间：2024-06-03 09:41:27 新增就业200人") == [(Decimal(200), "人")]


def test_a_running_total_word_is_not_cut_into_the_label():
    q = extract_quantities("两个村将获得项目专项资金累计达到860万元。")[-1]
    assert q.label.endswith("项目专项资金")
    q = extract_quantities("2024年全县实现旅游综合收入12.6亿元。")[0]
    assert q.label == "旅游综合收入"


def test_the_three_sectors_of_the_economy_are_no_count():
    assert found("全县三次产业结构比调整为12.1:40.3:47.6。") == []
    assert found("开展安全检查三次。") == [(Decimal(3), "次")]
