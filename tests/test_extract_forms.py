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
    ["全年新增就业2万5万人。", "培训农民1.5万3000人次。", "新建住房4千6千套。", "新增就业三万4000人。"],
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
