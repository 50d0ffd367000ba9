"""Reads behind the charts: MetricQuerySet.latest_per_region and the selectors in
articles/selectors.py, on invented articles in Sichuan and elsewhere."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from articles.models import Metric, MetricStatus
from articles.selectors import ChartDataError, Per, per_resident_ratio
from articles.selectors import compare_rows as build_compare
from tests.factories import ArticleFactory, MetricFactory, indicator, region, volunteer_metric

PER_1000, PER_RESIDENT = Per.PER_1000, Per.PER_RESIDENT


def region_timeseries(area):
    """Blocks of the region page with two or more dated values (``articles.regions``)."""
    from articles.regions import region_page

    return [b for b in region_page(region=area).blocks if len(b.points) >= 2]


pytestmark = pytest.mark.django_db

WANGCANG, CANGXI, JIANGE, JINJIANG = "510821", "510824", "510823", "510104"
HAIBOWAN, JINMEN = "150302", "350527"


def latest(**kwargs):
    return list(Metric.objects.for_indicator("registered-volunteers").latest_per_region(**kwargs))


def strict_json(text: str):
    """json.loads that refuses NaN/Infinity (Python's json accepts them by default)."""

    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_latest_per_region_picks_the_newest_article_for_each_region():
    volunteer_metric(WANGCANG, 40000, date(2023, 3, 5))
    newest = volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(WANGCANG, 45000, None)  # undated: never counts as the latest
    volunteer_metric(CANGXI, 60000, date(2022, 1, 1))

    rows = latest()

    assert [(m.region.adcode, m.value) for m in rows] == [
        (CANGXI, Decimal("60000")),
        (WANGCANG, Decimal("51104")),
    ]
    assert rows[1].pk == newest.pk


def test_latest_per_region_breaks_a_date_tie_by_the_later_article():
    volunteer_metric(WANGCANG, 50000, date(2024, 3, 5))
    later = volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    assert [m.pk for m in latest()] == [later.pk]


def test_latest_per_region_never_shows_a_rejected_metric():
    volunteer_metric(WANGCANG, 40000, date(2023, 3, 5))
    volunteer_metric(WANGCANG, 99999, date(2024, 3, 5), status=MetricStatus.REJECTED)
    assert [m.value for m in latest()] == [Decimal("40000")]


def test_level_keeps_each_metric_at_its_own_regions_level():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric("510800", 200000, date(2024, 3, 5))  # 广元市
    volunteer_metric("510000", 9000000, date(2024, 3, 5))  # 四川省

    assert [m.region.adcode for m in latest(level="county")] == [WANGCANG]
    assert [m.region.adcode for m in latest(level="prefecture")] == ["510800"]
    assert [m.region.adcode for m in latest(level="province")] == ["510000"]
    assert len(latest()) == 3


def test_within_keeps_regions_inside_a_province_or_prefecture():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(JINJIANG, 80000, date(2024, 3, 5))
    volunteer_metric(HAIBOWAN, 30000, date(2024, 3, 5))

    assert {m.region.adcode for m in latest(level="county", within="510000")} == {
        WANGCANG,
        JINJIANG,
    }
    assert [m.region.adcode for m in latest(level="county", within="510800")] == [WANGCANG]
    assert [m.region.adcode for m in latest(level="county", within="150000")] == [HAIBOWAN]


def test_topic_and_date_range_filter_before_the_latest_is_taken():
    volunteering = indicator("registered-volunteers").topic
    volunteer_metric(WANGCANG, 40000, date(2023, 3, 5), article__topic=volunteering)
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))

    in_2023 = (
        Metric.objects.for_indicator("registered-volunteers")
        .published_between(date(2023, 1, 1), date(2023, 12, 31))
        .latest_per_region()
    )
    assert [m.value for m in in_2023] == [Decimal("40000")]
    on_topic = (
        Metric.objects.for_indicator("registered-volunteers")
        .in_topic(volunteering.slug)
        .latest_per_region()
    )
    assert [m.value for m in on_topic] == [Decimal("40000")]


def test_latest_per_region_is_one_query_with_the_region_path_and_evidence(
    django_assert_num_queries,
):
    for adcode in (WANGCANG, CANGXI, JIANGE, JINJIANG, HAIBOWAN):
        volunteer_metric(adcode, 1000, date(2024, 3, 5))
        volunteer_metric(adcode, 2000, date(2024, 4, 5))
    with django_assert_num_queries(1):
        rows = latest()
        paths = [" › ".join(r.name for r in m.region.path()) for m in rows]
        evidence = [m.evidence_text for m in rows]
    assert "四川省 › 广元市 › 旺苍县" in paths
    assert evidence[0] == "截至目前，实名注册志愿者总数51104人，占常住人口的15%。"


def test_evidence_text_is_the_exact_span_of_the_article_body():
    article = ArticleFactory(region=region(WANGCANG), published=date(2024, 3, 5))
    start = article.body.index("51104")
    MetricFactory(
        article=article,
        indicator=indicator("registered-volunteers"),
        evidence_start=start,
        evidence_end=start + len("51104人"),
    )
    assert latest()[0].evidence_text == "51104人"


def test_wangcang_volunteers_per_1000_residents_read_154_8():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    result = build_compare(
        indicator=indicator("registered-volunteers"), level="county", per=PER_1000
    )

    (row,) = result.rows
    assert row.residents == 330108
    assert row.ratio == Decimal("154.8")  # 51104 / 330108 * 1000 = 154.81..., 1 decimal
    assert row.ratio_display == "154.8人/千人"
    assert result.population_year == 2020
    assert "第七次全国人口普查" in result.population_credit
    # consistent with the 15% of residents the article states
    assert abs(row.ratio / 1000 - Decimal("0.15")) < Decimal("0.01")


def test_per_resident_money_is_divided_with_decimals():
    assert per_resident_ratio(Decimal("931000000"), 330108, PER_RESIDENT) == Decimal("2820.29")
    assert per_resident_ratio(Decimal("51104"), 330108, PER_1000) == Decimal("154.8")


def test_a_region_without_population_is_listed_with_a_gap_not_dropped():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(JINMEN, 800, date(2024, 3, 5))  # 金门县: no 2020 census figure

    result = build_compare(
        indicator=indicator("registered-volunteers"), level="county", per=PER_1000
    )

    assert [r.region_adcode for r in result.rows] == [WANGCANG, JINMEN]
    jinmen = result.rows[1]
    assert jinmen.residents is None and jinmen.ratio is None
    assert jinmen.display == "800人"
    assert result.missing_population == ["金门县"]
    assert result.chart["values"] == [154.8, None]
    assert result.chart["labels"] == ["旺苍县", "金门县"]


def test_regions_without_population_that_share_a_name_are_told_apart():
    """福建's and 台湾's 金门县 both lack a census figure: the list of them read 金门县
    twice. Each takes its path's last two steps, a pseudo-prefecture (省直辖县级行政区划)
    being no step, in both languages; the chart's labels alike."""
    from django.utils import translation

    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(JINMEN, 800, date(2024, 3, 5))
    volunteer_metric("710715", 300, date(2024, 3, 5))

    args = {"indicator": indicator("registered-volunteers"), "level": "county", "per": PER_1000}
    result = build_compare(**args)
    assert result.missing_population == ["泉州市 › 金门县", "台湾省 › 金门县"]
    assert result.chart["labels"] == ["旺苍县", "泉州市 › 金门县", "台湾省 › 金门县"]
    with translation.override("en"):
        english = build_compare(**args)
    assert english.missing_population == [
        "Quanzhou City › Jinmen County",
        "Taiwan Province › Jinmen County",
    ]


def test_mixing_units_on_one_axis_is_refused_with_a_message():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(CANGXI, 6000, date(2024, 3, 5), unit="人次")
    with pytest.raises(ChartDataError, match="人、人次"):
        build_compare(indicator=indicator("registered-volunteers"))


def test_per_1000_is_refused_for_a_unit_that_is_not_persons():
    volunteer_metric(
        WANGCANG,
        285,
        date(2024, 3, 5),
        unit="元/人/月",
        indicator_slug="resident-basic-pension-monthly",
    )
    with pytest.raises(ChartDataError, match="元/人/月"):
        build_compare(
            indicator=indicator("resident-basic-pension-monthly"), level="county", per=PER_1000
        )


def test_compare_chart_marks_approximate_values_and_links_each_bar():
    volunteer_metric(WANGCANG, 670, date(2024, 3, 5), approx=True, bound="lower")
    volunteer_metric(CANGXI, 114500, date(2024, 3, 5), approx=True, bound="upper")
    volunteer_metric(JIANGE, 931000000, date(2024, 3, 5), approx=True, bound="about")

    result = build_compare(indicator=indicator("registered-volunteers"))

    # the tooltips say the table's text (every digit), the bars' labels the 万/亿 one
    displays = ["≈931,000,000人", "≤114,500人", "≥670人"]
    assert [p["display"] for p in result.chart["points"]] == displays
    assert [p["short"] for p in result.chart["points"]] == ["≈9.31亿人", "≤11.45万人", ""]
    assert result.chart["points"][2]["path"] == "四川省 › 广元市 › 旺苍县"
    assert result.chart["points"][2]["url"] == result.rows[2].article_url
    assert result.chart["horizontal"] is False


def test_more_than_ten_regions_draw_a_horizontal_chart():
    counties = [
        "510802",
        "510811",
        "510812",
        "510821",
        "510822",
        "510823",
        "510824",
        "510104",
        "510105",
        "510106",
        "510107",
    ]
    for n, adcode in enumerate(counties):
        volunteer_metric(adcode, 1000 + n, date(2024, 3, 5))
    result = build_compare(indicator=indicator("registered-volunteers"), level="county")
    assert len(result.chart["labels"]) == 11
    assert result.chart["horizontal"] is True


def test_chart_data_in_json_script_parses_as_strict_json_with_null_gaps():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(JINMEN, 800, date(2024, 3, 5))
    result = build_compare(
        indicator=indicator("registered-volunteers"), level="county", per=PER_1000
    )

    html = render_to_string(
        "includes/chart_canvas.html", {"chart": result.chart, "chart_id": "c", "label": "x"}
    )
    payload = html.split('<script id="c-data" type="application/json">')[1].split("</script>")[0]
    data = strict_json(payload)
    assert data["values"] == [154.8, None]
    assert 'data-chart-source="c-data"' in html


def test_timeseries_lists_indicators_with_several_dated_values_oldest_first():
    volunteer_metric(WANGCANG, 40000, date(2023, 3, 5))
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(WANGCANG, 45000, None)  # undated: not a point in time
    volunteer_metric(WANGCANG, 12, date(2024, 3, 5), indicator_slug="volunteer-teams", unit="支")
    volunteer_metric(CANGXI, 7, date(2023, 3, 5))  # another region

    (series,) = region_timeseries(region(WANGCANG))

    assert series.slug == "registered-volunteers"
    assert series.unit == "人"
    assert [(p.date, p.value) for p in series.points] == [
        (date(2023, 3, 5), Decimal("40000")),
        (date(2024, 3, 5), Decimal("51104")),
    ]
    assert series.chart["type"] == "line"
    assert series.chart["labels"] == ["2023-03-05", "2024-03-05"]
    assert series.chart["values"] == [40000.0, 51104.0]
    assert series.points[1].display == "51,104人"  # exact: 5.11万 would round the reported figure


def test_timeseries_keeps_units_apart_and_is_one_query(django_assert_num_queries):
    from articles.regions import chart_points

    volunteer_metric(WANGCANG, 40000, date(2023, 3, 5))
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric(WANGCANG, 6000, date(2023, 3, 5), unit="人次")
    wangcang = region(WANGCANG)
    with django_assert_num_queries(1):
        points = chart_points(wangcang)
    assert {key: len(p) for key, p in points.items()} == {
        ("registered-volunteers", "人"): 2,
        ("registered-volunteers", "人次"): 1,
    }
    assert [(s.slug, s.unit) for s in region_timeseries(wangcang)] == [
        ("registered-volunteers", "人")
    ]


@pytest.mark.django_db
def test_the_time_series_keeps_the_value_compare_takes_from_one_article():
    from tests.factories import ArticleFactory, MetricFactory, indicator, region

    teams = indicator("volunteer-teams")
    older = ArticleFactory(region=region("510821"), published=date(2023, 1, 5))
    MetricFactory(article=older, indicator=teams, value=Decimal("250"), unit="支")
    newer = ArticleFactory(region=region("510821"), published=date(2024, 5, 1))
    MetricFactory(article=newer, indicator=teams, value=Decimal("300"), unit="支")
    MetricFactory(article=newer, indicator=teams, value=Decimal("20"), unit="支")
    [series] = region_timeseries(region("510821"))
    assert [p.value for p in series.points] == [Decimal("250"), Decimal("300")]
    [latest] = Metric.objects.for_indicator("volunteer-teams").latest_per_region()
    assert latest.value == series.points[-1].value


def test_the_time_series_and_compare_both_prefer_the_reviewer_approved_value():
    teams = indicator("volunteer-teams")
    older = ArticleFactory(region=region(WANGCANG), published=date(2023, 1, 5))
    MetricFactory(article=older, indicator=teams, value=Decimal("250"), unit="支")
    newer = ArticleFactory(region=region(WANGCANG), published=date(2024, 5, 1))
    MetricFactory(article=newer, indicator=teams, value=Decimal("1728"), unit="支")
    MetricFactory(
        article=newer,
        indicator=teams,
        value=Decimal("257"),
        unit="支",
        status=MetricStatus.APPROVED,
    )
    [series] = region_timeseries(region(WANGCANG))
    assert [p.value for p in series.points] == [Decimal("250"), Decimal("257")]
    [row] = build_compare(indicator=teams).rows
    assert (row.value, row.article_values) == (Decimal("257"), 2)


def test_the_time_series_puts_the_later_article_of_a_day_last():
    first = ArticleFactory(region=region(WANGCANG), published=date(2024, 5, 1))
    MetricFactory(article=first, indicator=indicator("volunteer-teams"), value=Decimal("900"))
    second = ArticleFactory(region=region(WANGCANG), published=date(2024, 5, 1))
    MetricFactory(article=second, indicator=indicator("volunteer-teams"), value=Decimal("300"))
    older = ArticleFactory(region=region(WANGCANG), published=date(2023, 5, 1))
    MetricFactory(article=older, indicator=indicator("volunteer-teams"), value=Decimal("100"))
    [series] = region_timeseries(region(WANGCANG))
    assert [p.value for p in series.points] == [Decimal("100"), Decimal("300")]


@pytest.mark.django_db
def test_a_region_page_leads_with_metrics_of_a_catalogue_indicator():
    from articles.regions import region_page
    from articles.services import ingest_page

    ingest_page(text="旺苍县今年添置设备25套，实名注册志愿者总数51104人。", filename="t.txt")
    blocks = region_page(region=region("510821")).blocks
    assert [(b.slug, [m.value for m in b.rows]) for b in blocks] == [
        ("registered-volunteers", [Decimal("51104")]),
        (None, [Decimal("25")]),
    ]


def test_the_ratios_of_many_rows_are_each_rows_ratio():
    """``per_resident_ratios`` (compare's sort keys, every row) gives the numbers
    ``per_resident_ratio`` gives one by one, half-up included, None without residents."""
    from articles.compare_result import per_resident_ratios

    values = [Decimal("51104"), Decimal("1.5"), Decimal("0.05"), Decimal("12345.67"),
              Decimal("7"), Decimal("1e3"), Decimal("330108")]  # fmt: skip
    people = [330108, 1000, 1, 3, None, 0, 2000]
    for per in (Per.PER_1000, Per.PER_RESIDENT):
        expected = [
            per_resident_ratio(v, n, per) if n else None
            for v, n in zip(values, people, strict=True)
        ]
        assert per_resident_ratios(values, people, per) == expected
        assert [str(r) for r in per_resident_ratios(values, people, per)] == [
            str(r) for r in expected
        ]
    assert per_resident_ratios([Decimal("1.5")], [1000], Per.PER_1000) == [Decimal("1.5")]
    assert per_resident_ratios([Decimal("0.05")], [1000], Per.PER_1000) == [Decimal("0.1")]
    with pytest.raises(ValueError):
        per_resident_ratios([Decimal(1)], [-5], Per.PER_1000)
