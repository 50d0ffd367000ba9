"""Quantity extraction on the real seed page, the case file, and one test per rule kind."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from articles.ingest.extract import extract_quantities, normalize
from tests.acceptance import load_cases

DATA = Path(__file__).resolve().parent / "data"
SEED_PAGE = (DATA / "seed_page.txt").read_text(encoding="utf-8")
SEED_GOLD = json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))
CASES = load_cases()


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def _compact(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and the original index of each kept character."""
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in positions), positions


def seed_body(item: dict) -> str:
    """The raw slice of the seed page from body_starts_with to body_ends_with."""
    compact, positions = _compact(SEED_PAGE)
    tail = squeeze(item["body_ends_with"])
    end = compact.index(tail) + len(tail)
    start = compact.rindex(squeeze(item["body_starts_with"]), 0, end)
    return SEED_PAGE[positions[start] : positions[end - 1] + 1]


def evidence_span(body: str, evidence: str) -> tuple[int, int]:
    """Original ``(start, end)`` of ``evidence`` in ``body``, ignoring whitespace."""
    compact, positions = _compact(body)
    ev = squeeze(evidence)
    k = compact.index(ev)
    return positions[k], positions[k + len(ev) - 1] + 1


def close(value: Decimal, expected) -> bool:
    expected = Decimal(str(expected))
    return abs(value - expected) <= abs(expected) * Decimal("0.005")


def match_gold(body: str, quantities, metrics: list[dict]) -> list[tuple[dict, object]]:
    """Pair each gold metric with the quantity whose span overlaps its evidence and whose
    value agrees (None when there is none)."""
    used: set[int] = set()
    pairs = []
    for metric in metrics:
        gs, ge = evidence_span(body, metric["evidence"])
        found = None
        for i, q in enumerate(quantities):
            if i not in used and q.start < ge and q.end > gs and close(q.value, metric["value"]):
                found = i
                break
        if found is not None:
            used.add(found)
        pairs.append((metric, quantities[found] if found is not None else None))
    return pairs


SEED_ITEMS = [item for item in SEED_GOLD["items"]]


# --- the real page ---------------------------------------------------------------------


@pytest.mark.parametrize("item", SEED_ITEMS, ids=[i["key"] for i in SEED_ITEMS])
def test_every_gold_metric_of_the_seed_page_is_extracted_right(item):
    body = seed_body(item)
    quantities = extract_quantities(body)
    for metric, q in match_gold(body, quantities, item["metrics"]):
        assert q is not None, f"missing {metric['evidence']}"
        assert q.unit == metric["unit"], metric
        assert q.approx is metric.get("approx", False), metric
        expected_prev = metric.get("previous_value")
        if expected_prev is None:
            assert q.previous_value is None, metric
        else:
            assert q.previous_value == Decimal(str(expected_prev)), metric


def test_all_46_gold_metrics_are_found():
    total = found = 0
    for item in SEED_ITEMS:
        body = seed_body(item)
        pairs = match_gold(body, extract_quantities(body), item["metrics"])
        total += len(pairs)
        found += sum(1 for _, q in pairs if q is not None)
    assert (found, total) == (46, 46)


def test_seed_evidence_slices_are_the_number_through_its_unit():
    item = SEED_ITEMS[0]  # golmud-social-security
    body = seed_body(item)
    evidence = {squeeze(body[q.start : q.end]) for q in extract_quantities(body)}
    assert {"11.45万人", "3.69万人", "5.58万人", "9.31亿元", "928名", "5000余份"} <= evidence
    assert "由每人每月1530元调整至每人每月1692元" in evidence


def test_numbers_split_by_spaces_and_line_breaks_on_the_seed_page():
    body = seed_body(next(i for i in SEED_ITEMS if i["key"] == "fangcheng-clean-government"))
    q = next(q for q in extract_quantities(body) if q.unit == "期")
    assert body[q.start : q.end] == "150 余\n期"
    assert (q.value, q.approx, q.bound) == (150, True, "lower")


def test_nothing_in_must_not_extract_is_extracted_from_the_seed_page():
    quantities = extract_quantities(SEED_PAGE)
    compact, positions = _compact(SEED_PAGE)
    for entry in SEED_GOLD["must_not_extract"]:
        text = squeeze(entry["text"])
        start = 0
        while (k := compact.find(text, start)) >= 0:
            s, e = positions[k], positions[k + len(text) - 1] + 1
            overlapping = [
                SEED_PAGE[q.start : q.end] for q in quantities if q.start < e and q.end > s
            ]
            assert overlapping == [], entry
            start = k + 1


def test_seed_page_extras_are_measured_quantities_with_a_unit():
    quantities = extract_quantities(SEED_PAGE)
    for q in quantities:
        assert q.unit
        assert q.value > 0
        assert len(q.label) <= 30


# --- the case file -----------------------------------------------------------------------


def _case_text(case: dict) -> str:
    text = case["text"]
    if case.get("encoding"):  # the file is stored in another encoding; we see it decoded
        text = text.encode(case["encoding"]).decode(case["encoding"])
    return text


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_metrics(case):
    text = _case_text(case)
    expect = case["expect"]
    quantities = extract_quantities(text)
    remaining = list(quantities)
    for metric in expect["metrics"]:
        unit = {"名": "人", "位": "人"}.get(metric["unit"], metric["unit"])
        hit = next(
            (q for q in remaining if close(q.value, metric["value"]) and q.unit == unit), None
        )
        assert hit is not None, f"{metric} not in {quantities}"
        if "approx" in metric:
            assert hit.approx is metric["approx"]
        if "previous_value" in metric:
            assert hit.previous_value == Decimal(str(metric["previous_value"]))
        remaining.remove(hit)
    if expect.get("exhaustive"):
        assert remaining == []
    for bad in expect.get("not_values", []):
        assert all(q.value != bad for q in quantities)


# --- one test per rule kind -------------------------------------------------------------


def one(text: str):
    quantities = extract_quantities(text)
    assert len(quantities) == 1, quantities
    return quantities[0]


def values(text: str) -> list[Decimal]:
    return [q.value for q in extract_quantities(text)]


def test_multipliers_scale_into_yuan_exactly():
    q = one("全年投入资金4.35亿元。")
    assert (q.value, q.unit) == (Decimal("435000000"), "元")
    assert str(q.value) == "435000000"


def test_chinese_numerals_count():
    assert one("组建三十多支队伍").value == 30
    assert one("培训一百二十人").value == 120
    assert one("种植两千株").value == 2000


def test_thousands_separators_are_read():
    assert one("完成投资1,234万元").value == 12340000


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("组建服务队670余支", 670, "lower"),
        ("参加群众300多人", 300, "lower"),
        ("销售鲜桃超13万斤", 130000, "lower"),
        ("受益群众逾5000人", 5000, "lower"),
        ("访问量突破100万人次", 1000000, "lower"),
        ("参与群众100人以上", 100, "lower"),
        ("带动投资近3000万元", 30000000, "upper"),
        ("摊位不足10个", 10, "upper"),
        ("培训不到50人", 50, "upper"),
        ("共约200人", 200, "about"),
        ("收入8000元左右", 8000, "about"),
        ("大约30个", 30, "about"),
        ("城镇登记失业率低于3.5%", 3.5, "upper"),  # a real county report's 低于
        ("全县森林覆盖率高于60%", 60, "lower"),
        ("城镇登记失业率不低于3%", 3, "lower"),  # 不低于 stays the longer word
    ],
)
def test_qualifiers_mark_approximate_values_and_their_bound(text, value, bound):
    q = one(text)
    assert (q.value, q.approx, q.bound) == (value, True, bound)


def test_wan_yu_is_multiplier_plus_qualifier():
    q = one("实名注册志愿者达2.3万余人")
    assert (q.value, q.unit, q.approx, q.bound) == (23000, "人", True, "lower")
    assert one("覆盖10余万人").value == 100000


def test_exact_numbers_are_not_approximate():
    q = one("新增电梯56部")
    assert (q.approx, q.bound) == (False, "")


def test_near_in_nearby_is_not_a_qualifier():
    q = one("附近3个村")
    assert q.approx is False


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("建成5至8个示范点", 5, 8, "个"),
        ("建成5-8个示范点", 5, 8, "个"),
        ("新建两三个站点", 2, 3, "个"),
        ("投入5至8万元", 50000, 80000, "元"),
    ],
)
def test_ranges_give_value_and_value_max(text, low, high, unit):
    q = one(text)
    assert (q.value, q.value_max, q.unit) == (low, high, unit)


def test_a_change_is_one_quantity_with_its_previous_value():
    text = "失业保险金标准由每人每月1530元调整至每人每月1692元。"
    q = one(text)
    assert (q.value, q.previous_value, q.unit) == (1692, 1530, "元/人/月")
    assert text[q.start : q.end] == "由每人每月1530元调整至每人每月1692元"
    assert Decimal("1530.1692") not in values(text)


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        ("集市摊位由最初的不足10个增加至50个", 50, "由最初的不足10个增加至50个"),
        ("志愿者从近万人增加到1.2万人", 12000, "从近万人增加到1.2万人"),
        ("服务站由20余个增至35个", 35, "由20余个增至35个"),
        ("补贴由每人每月约200元提高到每人每月300元", 300, "由每人每月约200元提高到每人每月300元"),
    ],
)
def test_an_approximate_earlier_figure_is_no_previous_value(text, value, evidence):
    """不足10 is not 10: a change from it would be exact where the text is not (the
    sample page's 摊位 read 10 -> 50, +400%: a new-user pass). The new value and the
    phrase as evidence stay; the earlier figure is not kept as ``previous_value``."""
    q = one(text)
    assert (q.value, q.previous_value) == (value, None)
    assert text[q.start : q.end] == evidence


def test_from_a_raised_to_b_is_a_change():
    q = one("补贴从每人每月200元提高到每人每月300元")
    assert (q.value, q.previous_value) == (300, 200)


def test_from_a_to_b_without_a_verb_is_a_range():
    q = one("每村从3个到5个")
    assert (q.value, q.value_max, q.previous_value) == (3, 5, None)


def test_year_on_year_change_is_its_own_quantity_labelled_with_the_comparison():
    quantities = extract_quantities("全年接待游客120万人次，较上年增加15万人次。")
    assert [q.value for q in quantities] == [1200000, 150000]
    assert quantities[1].label == "较上年增加"
    assert quantities[1].previous_value is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("928名失业人员", "人"),
        ("20位学生", "人"),
        ("困境儿童2000余人", "人"),
        ("教育人数1900余人次", "人次"),
        ("满意率98.5%", "%"),
        ("占常住人口的15％", "%"),
        ("同比增长12.5%", "%"),
        ("基础养老金调整至每人每月285元", "元/人/月"),
        ("每人每年补助600元", "元/人/年"),
        ("志愿服务活动1000余场次", "场次"),
        ("改造建筑面积19.41万平方米", "平方米"),
        ("累计销售鲜桃超13万斤", "斤"),
        ("惠及群众2346户", "户"),
        ("新增电梯56部", "部"),
        ("健身器材添置25套", "套"),
        ("优良天数127天", "天"),
    ],
)
def test_units_are_normalized(text, unit):
    assert one(text).unit == unit


def test_yearly_contribution_tier_is_per_person_per_year():
    q = one("个人缴费档次由每年200元提高至每年500元。")
    assert (q.unit, q.value, q.previous_value) == ("元/人/年", 500, 200)


def test_yearly_spending_without_per_person_context_stays_yuan():
    assert one("县财政每年投入500万元").unit == "元"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1月11日，活动在社区开展。", id="date"),
        pytest.param("2023年以来，全县推进建设。", id="year"),
        pytest.param("自2023年5月起常态化开展展览。", id="year-month"),
        pytest.param("上午8:30集合，9时30分出发。", id="clock-time"),
        pytest.param("群众可拨打12345政务服务便民热线反映问题。", id="hotline"),
        pytest.param("咨询电话0816-3221234。", id="phone"),
        pytest.param("本报第1886期刊发专题。", id="issue-number"),
        pytest.param("开展第六期便民服务集市。", id="ordinal-chinese"),
        pytest.param("分别实现第19、第8连涨。", id="ordinal-arabic"),
        pytest.param("严格落实“第一议题”制度。", id="ordinal-first"),
        pytest.param("按照“1+8+N”要求配置队伍。", id="formula-quoted"),
        pytest.param("按1+5+N模式组建。", id="formula-bare"),
        pytest.param("利用“8+1”融媒矩阵宣传。", id="formula-media"),
        pytest.param("政务服务大厅提供7×24小时自助服务。", id="service-hours-times"),
        pytest.param("推行“7*24小时”不打烊服务。", id="service-hours-star"),
        pytest.param("实行5+2工作制，365天×24小时在线受理。", id="service-days-times-hours"),
        pytest.param("推行“5天+2天”错峰值班。", id="formula-of-days"),
        pytest.param("完善优化“15分钟文明实践圈”。", id="programme-quoted"),
        pytest.param("打造15分钟生活圈。", id="programme-minutes-circle"),
        pytest.param("伊犁州出台稳就业十条措施。", id="programme-ten-measures"),
        pytest.param("带动“五大创建”合力并进。", id="programme-five-creations"),
        pytest.param("开展“四进”活动。", id="programme-four-into"),
        pytest.param("深化“三险合一”经办。", id="programme-three-in-one"),
        pytest.param("持续开展“三项指标”核查工作。", id="programme-quoted-count"),
        pytest.param("2.3 主要做法\n各地积极推进。", id="section-number"),
        pytest.param("PM2.5浓度持续下降。", id="pollutant-name"),
        pytest.param("发布TOP100示范线。", id="product-name"),
        pytest.param("60岁以上老人免费体检。", id="age-bound"),
        pytest.param("年满18周岁的居民均可报名。", id="age-reached"),
        pytest.param("经过近一个小时的创作。", id="one-hour"),
        pytest.param("解决了一批突出问题。", id="one-batch"),
        pytest.param("一张张照片记录了变化。", id="reduplication"),
        pytest.param("开设《好人好事好风气》专栏。", id="title-without-number"),
        pytest.param("宣讲《关于做好2024年100项民生实事的通知》。", id="number-in-title"),
        pytest.param("社保服务进万家，送进千家万户。", id="bare-power-idiom"),
        pytest.param("增强“四个意识”，做到两个维护。", id="political-slogan"),
        pytest.param("10部门联合开展检查。", id="unit-char-in-word"),
        pytest.param("进入全省前10名。", id="rank"),
    ],
)
def test_not_a_quantity(text):
    assert extract_quantities(text) == []


def test_hours_outside_a_formula_are_still_read():
    q = one("便民服务热线实行全天24小时值守。")
    assert (q.value, q.unit) == (24, "小时")


def test_dateline_date_is_not_a_metric_but_the_count_is():
    text = "11月5日,某县在城关镇举行消防演练,300余名干部群众参加。"
    q = one(text)
    assert (q.value, q.unit, q.approx) == (300, "人", True)


# --- offsets and normalization ---------------------------------------------------------


def test_offsets_point_into_the_original_full_width_text():
    text = "60岁以上人口占常住人口的15％；全年完成投资１，２３４万元。"
    pct, money = extract_quantities(text)
    assert text[pct.start : pct.end] == "15％"
    assert text[money.start : money.end] == "１，２３４万元"
    assert money.value == 12340000


def test_offsets_survive_line_breaks_and_spaces_inside_numbers():
    text = "全市养老保险参保人数分别达 11.45 万人、\n3.69 万人，发放待遇1\n234元。"
    quantities = extract_quantities(text)
    assert [text[q.start : q.end] for q in quantities] == ["11.45 万人", "3.69 万人", "1\n234元"]
    assert [q.value for q in quantities] == [114500, 36900, 1234]


def test_traditional_characters_are_read():
    text = "全縣待遇領取人員4.36萬人，全年增加支出98萬元。"
    quantities = extract_quantities(text)
    assert [(q.value, q.unit) for q in quantities] == [(43600, "人"), (980000, "元")]
    assert text[quantities[0].start : quantities[0].end] == "4.36萬人"


def test_normalized_view_maps_back_to_the_original():
    view = normalize("达 １１.45\n万人")
    assert view.text == "达11.45万人"
    assert view.to_original(1, len(view.text)) == (2, 10)
    assert view.from_original(2, 10) == (1, len(view.text))


# --- labels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("截至目前，实名注册志愿者总数51104人，占常住人口的15%。", "实名注册志愿者总数"),
        ("为928名失业人员发放失业保险待遇", "失业人员"),
        ("该校的20位学生，在社工指导下作画。", "学生"),
        ("群众回访满意率为98.5%", "群众回访满意率"),
    ],
)
def test_label_names_what_is_counted(text, label):
    assert extract_quantities(text)[0].label == label


def test_parallel_subjects_get_their_own_labels():
    text = "全市养老保险、失业保险、工伤保险参保人数分别达 11.45 万人、3.69 万人、5.58万人。"
    labels = [q.label for q in extract_quantities(text)]
    assert labels == ["养老保险参保人数", "失业保险参保人数", "工伤保险参保人数"]


def test_labels_are_at_most_30_characters():
    text = "围绕传播党的声音、助力乡村振兴、赋能基层治理、推动城乡融合、服务群众需求等方面开展系列学雷锋志愿服务活动1000余场次。"
    assert len(one(text).label) <= 30


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "围绕传播党的声音、助力乡村振兴、赋能基层治理、推动城乡融合、服务群众需求等方面"
            "开展“四川志愿·携手圆梦”系列学雷锋志愿服务活动1000余场次。",
            "开展“四川志愿·携手圆梦”系列学雷锋志愿服务活动",
        ),
        (
            "组织开展“我们的节日”“扣好人生第一粒扣子”“童心向党”“向国旗敬礼”"
            "等系列教育实践活动100余场次。",
            "“童心向党”“向国旗敬礼”等系列教育实践活动",
        ),
        (
            "聚焦困难群众、残疾人、留守儿童、空巢老人、退役军人等重点人群常态化开展上门探访服务"
            "2000余人次。",
            "留守儿童、空巢老人、退役军人等重点人群常态化开展上门探访服务",
        ),
    ],
)
def test_a_long_label_is_cut_at_a_word_boundary(text, label):
    assert one(text).label == label


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("城镇低保标准每人每月780元、每人每年6000元以上。", ["城镇低保标准", "城镇低保标准"]),
        ("对困难群众给予临时救助，每人每年6000元以上。", [""]),
        ("全县现有村级组织运转经费50万元，明年将上调至80万元。", ["村级组织运转经费", ""]),
    ],
)
def test_a_label_of_only_punctuation_or_stop_words_is_shared_or_dropped(text, labels):
    assert [q.label for q in extract_quantities(text)] == labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2024年将新建志愿服务站点20个。", "新建志愿服务站点"),
        ("力争到2025年注册志愿者达到5万人。", "注册志愿者"),
        ("要确保城乡低保标准不低于每人每月780元。", "城乡低保标准"),
        ("计划投入资金3000万元。", "投入资金"),
    ],
)
def test_time_and_plan_words_are_not_part_of_the_label(text, label):
    assert one(text).label == label


def test_no_seed_label_starts_mid_word_with_punctuation_or_inside_a_quote():
    for q in extract_quantities(SEED_PAGE):
        label = q.label
        assert len(label) <= 30, label
        assert not label or label[0] not in "、，,。；;：:！？)）”’》·", label
        assert label.count("“") == label.count("”"), label
        assert label.count("《") == label.count("》"), label


def test_non_string_input_raises_type_error():
    with pytest.raises(TypeError):
        extract_quantities(b"100\xe4\xba\xba")  # type: ignore[arg-type]


def test_a_change_whose_per_person_context_is_written_only_once_keeps_it():
    [q] = extract_quantities("城乡居民医保财政补助标准由每人每年610元提高到640元。")
    assert (q.value, q.previous_value, q.unit) == (Decimal("640"), Decimal("610"), "元/人/年")


@pytest.mark.parametrize(
    ("text", "evidence", "value", "previous", "unit", "label"),
    [
        (
            "全县农村居民人均可支配收入1,234元增至1,456元。",
            "1,234元增至1,456元",
            1456,
            1234,
            "元",
            "农村居民人均可支配收入",
        ),
        (
            "我省最低工资标准1800元提高到2000元。",
            "1800元提高到2000元",
            2000,
            1800,
            "元",
            "我省最低工资标准",
        ),
        (
            "全县失业保险参保人数3000人增加到3500人。",
            "3000人增加到3500人",
            3500,
            3000,
            "人",
            "失业保险参保人数",
        ),
        (
            "村级组织运转经费50万元上调至80万元。",
            "50万元上调至80万元",
            800000,
            500000,
            "元",
            "村级组织运转经费",
        ),
        (
            "高龄津贴每人每月100元提高到每人每月150元。",
            "100元提高到每人每月150元",
            150,
            100,
            "元/人/月",
            "高龄津贴",
        ),
    ],
)
def test_a_change_without_an_opener_is_one_quantity_with_its_previous_value(
    text, evidence, value, previous, unit, label
):
    q = one(text)
    assert text[q.start : q.end] == evidence
    assert (q.value, q.previous_value, q.unit, q.label) == (value, previous, unit, label)


@pytest.mark.parametrize(
    "text",
    [
        "全县新增城镇就业增加300人。",
        "全年接待游客较上年增加50万人次。",
        "发放慰问资金30万元、慰问困难群众200人。",
        "发放临时救助金30万元，增加到200万元的专项资金下月拨付。",
        "发放临时救助金30万元、提高到50万元的标准另行公布。",
    ],
)
def test_an_increase_alone_or_amounts_in_separate_clauses_have_no_previous_value(text):
    assert all(q.previous_value is None for q in extract_quantities(text))


# --- planned and targeted values ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("2024年将新建志愿服务站点20个。", 20, "个"),
        ("力争到2025年注册志愿者达到5万人。", 50000, "人"),
        ("今年计划投入资金3000万元，用于老旧小区改造。", 30000000, "元"),
        ("目标是实现行政村全覆盖100%。", 100, "%"),
        ("要确保城乡低保标准不低于每人每月780元。", 780, "元/人/月"),
        ("项目建成后，预计带动就业500人。", 500, "人"),
        ("该县拟新增公益性岗位120个。", 120, "个"),
        ("争取年内完成改厕1200户。", 1200, "户"),
        ("下一步，全县将再建设幸福食堂15个。", 15, "个"),
    ],
)
def test_a_planned_or_targeted_value_is_kept_and_marked_as_a_target(text, value, unit):
    q = one(text)
    assert (q.value, q.unit, q.target) == (value, unit, True)
    assert q.label  # kept with its label so a reviewer sees what was planned


@pytest.mark.parametrize(
    "text",
    [
        "截至目前，全县累计发放补贴300万元。",
        "今年已新建志愿服务站点20个。",
        "今年已完成计划投资的80%。",
        "全年完成改厕1200户，群众满意率98.5%。",
        "按照“1+8+N”要求配置15支常备特色志愿服务队伍。",
        "以打造新时代雷锋城为目标，组建志愿服务队50支。",
        "景区国庆期间接待游客将近3000人。",
        "主要向困难群众发放补贴500万元。",
    ],
)
def test_a_reported_fact_is_not_a_target(text):
    quantities = extract_quantities(text)
    assert quantities and not any(q.target for q in quantities)


def test_jiang_meaning_ba_is_not_future_but_jiang_before_a_verb_is():
    [disposal] = extract_quantities("今年将困难群众120人纳入低保范围。")
    assert (disposal.value, disposal.target) == (120, False)
    [future] = extract_quantities("今年将新增低保对象120人。")
    assert (future.value, future.target) == (120, True)
    [raise_] = extract_quantities("该县将低保标准提高到每人每月780元。")
    assert raise_.target is False  # 将…提高到: 把, the standard is raised


def test_a_target_clause_does_not_spill_over_a_fact_or_into_the_next_sentence():
    text = (
        "截至目前，全县已建成站点200个，下一步将新建20个。"
        "力争到2025年，注册志愿者达到5万人，覆盖率达到100%。全县现有志愿者3万人。"
    )
    assert [(q.value, q.target) for q in extract_quantities(text)] == [
        (200, False),
        (20, True),
        (50000, True),
        (100, True),
        (30000, False),
    ]


def test_a_planned_change_keeps_its_previous_value_and_is_a_target():
    q = one("明年，高龄津贴将由每人每月100元提高到每人每月150元。")
    assert (q.value, q.previous_value, q.target) == (150, 100, True)


def test_nothing_on_the_seed_page_or_in_the_cases_is_a_target():
    assert not [q for q in extract_quantities(SEED_PAGE) if q.target]
    for case in CASES:
        assert not [q for q in extract_quantities(_case_text(case)) if q.target], case["id"]


# --- classes found on realistic county reports ------------------------------------------


def test_a_plan_named_as_a_noun_does_not_make_the_next_clause_a_target():
    text = "今年以来，某县人社局持续推进全民参保计划，全县城乡居民基本养老保险参保人数达28.6万人。"
    q = one(text)
    assert (q.value, q.target) == (286000, False)


def test_a_change_stamped_with_years_is_one_change_and_not_a_target():
    q = one("全县农民专业合作社从2020年的320家增加到2023年的512家。")
    assert (q.value, q.previous_value, q.unit, q.target) == (512, 320, "家", False)
    assert q.label == "农民专业合作社"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("全县城乡居民养老保险参保率稳定在95%以上。", "城乡居民养老保险参保率"),
        ("城镇登记失业率控制在4.5%以内。", "城镇登记失业率"),
        ("到2025年，全市森林覆盖率将达到45%。", "森林覆盖率"),
        ("为1.2万名60周岁以上老人按月足额发放养老金。", "60周岁以上老人"),
        ("村集体经济收入超过10万元的村达到186个。", "村"),
    ],
)
def test_verbs_and_particles_around_the_number_are_not_part_of_the_label(text, label):
    assert extract_quantities(text)[-1].label == label


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("带动3.2万户茶农户均增收8000余元。", "元/户"),
        ("对改厕农户每户补助3000元。", "元/户"),
        ("全县农村居民人均可支配收入16,234元。", "元"),
    ],
)
def test_per_household_amounts_are_yuan_per_household(text, unit):
    assert extract_quantities(text)[-1].unit == unit


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("城乡低保标准不低于780元。", "lower"),
        ("参训人员不少于200人。", "lower"),
        ("单次临时救助金额不超过5000元。", "upper"),
    ],
)
def test_floor_and_ceiling_words_bound_the_value(text, bound):
    q = one(text)
    assert (q.approx, q.bound) == (True, bound)


# --- ranges with the unit on both ends, distributed changes, linked qualifiers ----------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("全县秸秆综合利用率稳定在95%—98%。", "95%—98%"),
        ("群众满意率保持在95%～98%之间。", "95%～98%"),
        ("农产品抽检合格率达95%-98%。", "95%-98%"),
        ("城乡居民医保参保率保持在95%至98%。", "95%至98%"),
        ("每个网格配备专职网格员3人到5人。", "3人到5人"),
    ],
)
def test_a_range_with_the_unit_written_on_both_ends_is_one_quantity(text, evidence):
    q = one(text)
    assert text[q.start : q.end] == evidence
    low, high = (95, 98) if "%" in evidence else (3, 5)
    assert (q.value, q.value_max, q.previous_value) == (low, high, None)


def test_a_change_may_end_in_a_range():
    q = one("全县秸秆综合利用率由90%提高到95%—98%。")
    assert (q.value, q.value_max, q.previous_value, q.unit) == (95, 98, 90, "%")


@pytest.mark.parametrize(
    "text",
    [
        "全县失业保险参保人数增加300人至3500人。",  # by 300, to 3500
        "城镇调查失业率5.2%、农村居民收入增速6.8%。",
        "上半年满意率98%—下半年95%。",
    ],
)
def test_two_amounts_that_are_no_range_stay_two_quantities(text):
    quantities = extract_quantities(text)
    assert len(quantities) == 2
    assert all(q.value_max is None for q in quantities)


@pytest.mark.parametrize(
    ("text", "labels", "values"),
    [
        (
            "全年事故起数、死亡人数同比分别下降15.2%、20%。",
            ["事故起数同比下降", "死亡人数同比下降"],
            [Decimal("-15.2"), -20],
        ),
        (
            "全县地区生产总值、一般公共预算收入分别比上年增长6.5%和8.2%。",
            ["地区生产总值比上年增长", "一般公共预算收入比上年增长"],
            [Decimal("6.5"), Decimal("8.2")],
        ),
        (
            "城乡居民医保、职工医保、大病保险参保人数分别达11.45万人、3.69万人、5.58万人。",
            ["城乡居民医保参保人数", "职工医保参保人数", "大病保险参保人数"],
            [114500, 36900, 55800],
        ),
    ],
)
def test_values_distributed_by_fenbie_get_their_own_labels_and_keep_a_comparison(
    text, labels, values
):
    quantities = extract_quantities(text)
    assert [q.label for q in quantities] == labels
    assert [q.value for q in quantities] == values
    assert all(q.previous_value is None for q in quantities)


@pytest.mark.parametrize(
    ("text", "labels", "values"),
    [
        (  # the sample page's wording (a real report): 和 inside the first part
            "对大型企业和社会团体、中小微企业分别按企业及职工上年度实际缴纳失业保险费的"
            "30％、60％返还失业保险费。",
            [
                "大型企业和社会团体按企业及职工上年度实际缴纳失业保险费",
                "中小微企业按企业及职工上年度实际缴纳失业保险费",
            ],
            [30, 60],
        ),
        (
            "全县城镇人口和农村人口分别占总人口的45%、55%。",
            ["城镇人口占总人口", "农村人口占总人口"],
            [45, 55],
        ),
        ("城区学校、乡村学校分别占30%和70%。", ["城区学校占比", "乡村学校占比"], [30, 70]),
        (
            "全县小学、初中和高中学生分别按每人每年500元、625元和1000元标准发放补助。",
            ["小学学生", "初中学生", "高中学生"],
            [500, 625, 1000],
        ),
    ],
)
def test_a_share_or_basis_after_fenbie_is_each_values_own(text, labels, values):
    """分别占/按/以 … 的 x、y: each value takes its part of the subject and the share or
    basis (it read 中小微企业分别按… for both of the sample page's refund rates)."""
    quantities = extract_quantities(text)
    assert [q.label for q in quantities] == labels
    assert [q.value for q in quantities] == values


def test_parts_whose_shared_measure_is_unknown_keep_the_whole_subject():
    """大型企业和社会团体、中小微企业参保人数: the first part lacks the measure the last
    ends in, and which words of the last to share is not known: both values keep the
    whole subject rather than one of them losing its measure."""
    text = "大型企业和社会团体、中小微企业参保人数分别达3000人、5000人。"
    labels = [q.label for q in extract_quantities(text)]
    assert labels == ["大型企业和社会团体、中小微企业参保人数"] * 2


def test_a_distributed_change_is_labelled_like_a_single_year_on_year_change():
    single = extract_quantities("全年事故起数同比下降15.2%。")[0].label
    distributed = extract_quantities("全年事故起数、死亡人数同比分别下降15.2%、20%。")[0].label
    assert single == distributed == "事故起数同比下降"


@pytest.mark.parametrize(
    ("text", "evidence", "bound"),
    [
        ("活动现场约有3000名志愿者参与服务。", "约有3000名", "about"),
        ("参与活动的群众约为1.2万人。", "约为1.2万人", "about"),
        ("全年发放各类补贴大约达2.3亿元。", "大约达2.3亿元", "about"),
        ("当天将近有5000名群众参加健步走活动。", "将近有5000名", "upper"),
    ],
)
def test_an_about_word_joined_by_you_wei_da_ji_still_makes_the_value_approximate(
    text, evidence, bound
):
    q = one(text)
    assert text[q.start : q.end] == evidence
    assert (q.approx, q.bound) == (True, bound)


@pytest.mark.parametrize(
    "text",
    [
        "网上预约达1200人次。",  # 预约 is "booking", not 约 "about"
        "近有3000名志愿者报名参加。",  # 近有 reads "recently there were"
        "最近有3000名志愿者报名参加。",
    ],
)
def test_a_linking_verb_after_a_word_that_is_no_qualifier_leaves_the_value_exact(text):
    q = one(text)
    assert (q.approx, q.bound) == (False, "")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("该县计划到2025年建成返乡创业园区5个。", "返乡创业园区"),
        ("该县力争2024年底实名注册志愿者达到5万人。", "实名注册志愿者"),
        ("1至6月共投入资金2.3亿元。", "投入资金"),
        ("1-6月份全县新增城镇就业2300人。", "新增城镇就业"),
        ("截至6月底全县实名注册志愿者达4.2万人。", "实名注册志愿者"),
        ("今年以来全市累计发放稳岗返还资金1200万元。", "发放稳岗返还资金"),
        ("该区2023年度组建了志愿服务队120支。", "志愿服务队"),
        ("上半年我市城镇新增就业1.2万人。", "城镇新增就业"),
    ],
)
def test_labels_do_not_start_with_the_subject_a_time_phrase_or_a_plan_word(text, label):
    assert one(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("全市场主体达3.2万户。", "全市场主体"),  # 全 + 市场, not 全市
        ("全国实名注册志愿者达2.3亿人。", "全国实名注册志愿者"),  # another scope
        ("6月份平均气温比常年偏高1.2%。", "平均气温比常年偏高"),
    ],
)
def test_words_that_only_look_like_a_subject_or_time_phrase_stay_in_the_label(text, label):
    assert one(text).label == label


def test_a_long_label_cut_at_a_separator_loses_the_subject_the_cut_bares():
    # the label before the number is longer than 30 characters: cut after 、, the tail
    # opens with the article's subject (该县), which is tidied away as at any label start
    text = "今年以来，围绕理论宣讲、政策宣传、该县各级志愿服务队伍深入城乡社区开展各类志愿服务活动1200场次。"
    (q,) = extract_quantities(text)
    assert (text[q.start : q.end], q.label) == (
        "1200场次",
        "各级志愿服务队伍深入城乡社区开展各类志愿服务活动",
    )


@pytest.mark.parametrize(
    ("text", "evidence", "label"),
    [
        ("今年评选表彰120名“最美志愿者、最佳志愿服务项目”。", "120名", "评选表彰"),
        ("今年评选表彰120名‘最美志愿者、最佳志愿服务项目’。", "120名", "评选表彰"),
        ("今年发放120册《红岩、红日》等红色读物。", "120册", "发放"),
        ("推出特色产品36个（含非遗项目8个）。", "36个", "推出特色产品"),
    ],
    ids=["double-quote", "single-quote", "title", "bracket"],
)
def test_a_label_is_never_a_quote_or_bracket_the_number_cuts_open(text, evidence, label):
    # the noun after 120名 is cut at 、 inside the quote: a name opened but not closed
    # is no label, so the words before the number are (one case per kind of quote)
    q = extract_quantities(text)[0]
    assert (text[q.start : q.end], q.label) == (evidence, label)


@pytest.mark.parametrize(
    "word", ["拨打", "热线", "电话", "号码", "编号", "代码", "邮编", "手机", "专线"]
)
def test_a_number_up_to_four_characters_after_a_phone_word_is_no_quantity(word):
    # the same number and unit with no phone word before it is a quantity
    assert [q.value for q in extract_quantities("数量为：12345个")] == [12345]
    assert extract_quantities(f"{word}为：12345个") == []
