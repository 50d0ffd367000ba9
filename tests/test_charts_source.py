"""The citation at the foot of a chart (``charts.source_line``): articles counted once,
their first and last publication dates, one date said once."""

from datetime import date
from types import SimpleNamespace

from django.utils import translation

from articles.charts import source_line
from articles.compare_result import CompareResult


def rows(*published):
    """A ``CompareResult`` made by hand (no ``span``: its dates and articles are read from
    the rows), one row per date, each from its own article."""
    return CompareResult(
        indicator=None,
        per="total",
        unit="人",
        plot_unit="人",
        rows=[SimpleNamespace(published=d, article_id=n) for n, d in enumerate(published)],
    )


def test_the_citation_gives_the_span_of_the_dates_and_one_day_once():
    today = date.today().isoformat()
    with translation.override("zh-hans"):
        assert source_line(rows(date(2024, 3, 5), date(2024, 1, 16), None)) == (
            f"来源：govreports 据3篇报道整理（发表于2024-01-16至2024-03-05），生成于{today}"
        )
        assert source_line(rows(date(2024, 3, 5), date(2024, 3, 5))) == (
            f"来源：govreports 据2篇报道整理（发表于2024-03-05），生成于{today}"
        )
        assert source_line(rows(None)) == f"来源：govreports 据1篇报道整理，生成于{today}"
    with translation.override("en"):
        assert "(published 2024-03-05)" in source_line(rows(date(2024, 3, 5)))
