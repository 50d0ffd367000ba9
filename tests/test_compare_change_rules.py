"""Rules of ``articles.compare``: period lengths, which values a line joins, changes."""

from decimal import Decimal

import pytest

from articles.compare import change, comparable, joinable, period_length


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("2023", "year"),
        ("2023年", "year"),
        ("2023-H1", "half"),
        ("2023年上半年", "half"),
        ("2023Q2", "quarter"),
        ("2023年第二季度", "quarter"),
        ("2023-05", "month"),
        ("2023年5月", "month"),
        ("", None),
        ("近年来", None),
    ],
)
def test_period_length(text, length):
    assert period_length(text) == length


def test_stocks_rates_and_levels_join_in_one_unit():
    points = [{"unit": "人"}, {"unit": "人"}]
    assert joinable("stock", points)
    assert joinable("level", [{"unit": "元/人/月"}, {"unit": "元/人/月"}])
    assert not joinable("stock", [{"unit": "人"}, {"unit": "人次"}])
    assert not joinable("stock", [{"unit": "人"}])


def test_flows_join_only_over_periods_of_one_length():
    assert joinable("flow", [{"unit": "元", "period": "2022"}, {"unit": "元", "period": "2023年"}])
    assert not joinable(
        "flow", [{"unit": "元", "period": "2023"}, {"unit": "元", "period": "2023Q1"}]
    )
    assert not joinable("flow", [{"unit": "元", "period": ""}, {"unit": "元", "period": ""}])


def test_change_of_the_seed_pages_unemployment_benefit():
    # 由每人每月1530元调整至每人每月1692元 (seed page, 格尔木市)
    c = change(Decimal(1530), Decimal(1692), unit="元/人/月", kind="level")
    assert (c.change, c.change_pct, c.note) == (Decimal(162), Decimal("10.6"), "")


def test_no_percentage_from_zero_or_for_a_rate():
    assert change(Decimal(0), Decimal(5), unit="人", kind="stock").change_pct is None
    assert change(Decimal(0), Decimal(5), unit="人", kind="stock").note
    rate = change(Decimal("98.5"), Decimal("99.1"), unit="%", kind="rate")
    assert (rate.change, rate.change_pct) == (Decimal("0.6"), None)
    assert rate.note


def test_flows_compare_only_with_a_period_of_the_same_length():
    assert comparable("stock", "", "") == ""
    assert comparable("flow", "2023", "2022") == ""
    assert comparable("flow", "2023", "2023Q1")
    assert comparable("flow", "", "2022")


def test_why_a_flow_is_not_compared_is_said_in_the_language_passed_or_active():
    """The note is memoized per language: a caller passing the language it read once
    (compare's rows) gets the same text as one leaving it to ``get_language``."""
    from django.utils import translation

    with translation.override("en"):
        english = comparable("flow", "", "2022")
        assert comparable("flow", "", "2022", language="en") == english
    with translation.override("zh-hans"):
        chinese = comparable("flow", "", "2022", language="zh")
        assert comparable("flow", "", "2022") == chinese
    assert english == "a flow without a stated period is not compared with an earlier one"
    assert chinese == "流量指标未注明统计时期，不与上一期比较"
