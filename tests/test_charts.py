"""The payloads of ``articles/charts.py`` that ``static/js/charts.js`` draws."""

from datetime import date
from decimal import Decimal

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
