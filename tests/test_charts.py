"""The payloads of ``articles/charts.py`` that ``static/js/charts.js`` draws."""

from datetime import date
from decimal import Decimal

import pytest

from articles.charts import line_chart
from articles.regions.blocks import SeriesPoint


def series(*values) -> list[SeriesPoint]:
    return [
        SeriesPoint(date(2024, 1 + i, 1), Decimal(v), f"/articles/{i}/", "标题", "原文", unit="个")
        for i, v in enumerate(values)
    ]


def test_a_series_of_whole_numbers_asks_for_whole_number_ticks():
    """Two and three markets drew an axis of 2, 2.5, 3 (a new-user pass)."""
    assert line_chart(series("2", "3"), place="旺苍县", unit="个", series="农贸市场")["integer"]
    assert line_chart(series("5000.0000", "6000"), place="旺苍县", unit="人", series="x")["integer"]


def test_a_series_with_a_fraction_keeps_fractional_ticks():
    chart = line_chart(series("12.5", "13"), place="旺苍县", unit="%", series="占比")
    assert chart["integer"] is False
    assert chart["values"] == [12.5, 13.0]


@pytest.mark.django_db
def test_approximate_values_are_flagged_and_keyed_on_the_compare_chart():
    """A bar of ≥32,000 looked like one of 32,000 (a new-user pass): each point says
    whether its value is a bound, an approximation or a range, and the chart carries a
    key of the two kinds, in the reader's language, only when it draws one."""
    from datetime import date

    from django.utils import translation

    from articles.selectors import compare_rows
    from tests.factories import indicator, volunteer_metric

    volunteer_metric("510821", 51104, date(2024, 3, 5))
    volunteer_metric("510824", 32000, date(2024, 3, 5), bound="lower", approx=True)
    volunteer_metric("510822", 15000, date(2024, 3, 5), approx=True)
    volunteer_metric("510823", 5, date(2024, 3, 5), value_max=8)
    args = {"indicator": indicator("registered-volunteers"), "level": "county"}
    chart = compare_rows(**args).chart
    approx = {p["path"].split(" › ")[-1]: p["approx"] for p in chart["points"]}
    assert approx == {"旺苍县": False, "苍溪县": True, "青川县": True, "剑阁县": True}
    assert chart["approx_legend"] == [[False, "确切值"], [True, "约数（≥、≤、≈ 或范围）"]]
    with translation.override("en"):
        english = compare_rows(**args).chart
    assert english["approx_legend"] == [
        [False, "Exact value"],
        [True, "Approximate (≥, ≤, ≈ or a range)"],
    ]
    exact = compare_rows(**args, regions=["510821"]).chart
    assert "approx_legend" not in exact and not exact["points"][0]["approx"]
    # the kinds drawn only: every bar approximate, one item (a new-user pass)
    approximate = compare_rows(**args, regions=["510824", "510822"]).chart
    assert approximate["approx_legend"] == [[True, "约数（≥、≤、≈ 或范围）"]]


def test_a_line_charts_approximate_points_are_marked_for_a_lighter_dot():
    """Compare drew ≥/≤/≈ values and ranges lighter, the region page's lines did not."""
    exact, lower, about, ranged = series("10", "20", "30", "40")
    points = [
        exact,
        lower._replace(bound="lower"),
        about._replace(approx=True),
        ranged._replace(value_max=Decimal("45")),
    ]
    chart = line_chart(points, place="旺苍县", unit="个", series="农贸市场")
    assert [p["approx"] for p in chart["points"]] == [False, True, True, True]
