"""Compare reads names, titles and evidence apart from its ranked rows (issue 9.3): region
names from one read of the gazetteer, titles and evidence by primary key for the rows a
page shows (every row in an export). These tests hold each row to the models themselves,
so a faster read that drifts from them fails."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.models import Metric, Region
from tests.factories import MetricFactory, body_of, indicator, region, volunteer_metric

pytestmark = pytest.mark.django_db

#: A county under a prefecture, a district directly under a municipality (no prefecture),
#: a prefecture-level city, a province-level municipality.
WANGCANG, JIADING, GUANGYUAN, SHANGHAI = "510821", "310114", "510800", "310000"


def export(client, **params) -> dict:
    response = client.get(reverse("articles:compare"), {"format": "json", **params})
    assert response.status_code == 200
    return json.loads(body_of(response))


def expected_path(adcode: str, english: bool) -> str:
    names = [
        (r.name_en or r.name) if english else r.name
        for r in Region.objects.get(adcode=adcode).path()
    ]
    return " › ".join(names)


@pytest.fixture
def spread():
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5), article__title="旺苍县志愿服务")
    volunteer_metric(JIADING, 7000, date(2024, 2, 1), article__title="")  # untitled
    volunteer_metric(GUANGYUAN, 300000, date(2024, 1, 1), article__title="广元市志愿者")
    volunteer_metric(SHANGHAI, 4000000, date(2024, 1, 2), article__title="上海市志愿者")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("level", ["county", "prefecture", "province"])
def test_every_exported_row_names_its_region_path_title_and_evidence(client, spread, level, lang):
    rows = export(client, indicator="registered-volunteers", level=level, lang=lang)["rows"]
    assert rows, level
    untitled = "(untitled)" if lang == "en" else "（无标题）"
    for row in rows:
        metric = Metric.objects.select_related("article", "region").get(pk=row["metric_id"])
        assert row["region_path"] == expected_path(row["region_adcode"], lang == "en")
        assert row["region_name_zh"] == metric.region.name
        assert row["region_level"] == metric.region.level == level
        assert row["article_title"] == (metric.article.title or untitled)
        body = metric.article.body
        assert row["evidence"] == body[metric.sentence_start : metric.sentence_end]


def test_a_district_under_a_municipality_has_a_two_part_path(client, spread):
    [row] = [
        r
        for r in export(client, indicator="registered-volunteers", level="county")["rows"]
        if r["region_adcode"] == JIADING
    ]
    assert row["region_path"] == "上海市 › 嘉定区"


def test_the_page_shows_the_title_of_every_charted_and_listed_row(client):
    """130 counties: the chart draws the 25 largest and smallest, the table lists 100 a
    page; each of them links its own article under its own title."""
    counties = list(
        Region.objects.filter(level="county").order_by("adcode").values_list("adcode", flat=True)
    )[:130]
    for i, adcode in enumerate(counties):
        volunteer_metric(adcode, 1000 + i, date(2024, 1, 1), article__title=f"标题{adcode}")
    params = {"indicator": "registered-volunteers", "level": "county", "tab": "table"}
    html = client.get(reverse("articles:compare"), params).content.decode()
    listed = re.findall(r'<tr data-adcode="(\d+)">.*?<a href="[^"]+">([^<]*)</a>', html, re.S)
    assert len(listed) == 100
    assert all(title == f"标题{adcode}" for adcode, title in listed)
    chart = json.loads(
        html.split('<script id="compare-chart-data" type="application/json">')[1].split(
            "</script>"
        )[0]
    )
    titles = [p["title"] for p in chart["points"] if p["path"] != "⋯"]
    assert len(titles) == 50
    assert all(re.fullmatch(r"标题\d{6}", t) for t in titles)
    paths = [p["path"].split(" › ")[-1] for p in chart["points"] if p["path"] != "⋯"]
    names = dict(Region.objects.filter(adcode__in=counties).values_list("name", "adcode"))
    assert [f"标题{names[n]}" for n in paths] == titles


def test_the_sources_panel_counts_each_articles_publication_once(client):
    """Publications of the shown rows' articles, most articles first, then by name; the
    articles without a publication counted as 未知报刊 where the database sorted them."""
    from django.db import connection

    from articles.models import SourcePage

    counties = ["510821", "510822", "510823", "510824", "510104", "510105", "510106"]
    papers = ["广元日报", "广元日报", "四川日报", "四川日报", None, None, "成都日报"]
    for adcode, paper in zip(counties, papers, strict=True):
        metric = volunteer_metric(
            adcode, 100, date(2024, 1, 1), article__page__publication__name=paper or "x"
        )
        if paper is None:
            SourcePage.objects.filter(pk=metric.article.page_id).update(publication=None)
    # 成都日报's article also gives 武侯区's figure: a second row, the same article
    MetricFactory(
        article=metric.article,
        region=region("510107"),
        indicator=indicator("registered-volunteers"),
        value=Decimal("90"),
        unit="人",
    )
    # an older value of 旺苍县: not shown, so its article is not counted
    volunteer_metric(WANGCANG, 50, date(2023, 1, 1))
    response = client.get(
        reverse("articles:compare"), {"indicator": "registered-volunteers", "level": "county"}
    )
    panel = response.context["sources"]
    named = [("四川日报", 2), ("广元日报", 2)]
    unknown = [("未知报刊", 2)]
    tied = named + unknown if connection.vendor == "postgresql" else unknown + named
    assert [(p["name"], p["articles"]) for p in panel["publications"]] == tied + [("成都日报", 1)]
    assert (panel["regions"], panel["articles"]) == (8, 7)


def test_the_ranked_rows_are_read_from_one_covering_index(spread):
    """Every metric column compare ranks by and reads is in ``metric_observed_ranked``
    (a column added to ``compare_winners.NARROW_FIELDS`` but not to the index sends the
    query back to the table): a filtered view ranks at read time, and every write ranks
    its pairs. Checked on SQLite, whose plan does not depend on table size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import selectors
    from articles.models import Indicator

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL picks a sequential scan for a table this small")
    with CaptureQueriesContext(connection) as captured:
        selectors.compare_values(
            indicator=Indicator.objects.get(slug="registered-volunteers"), verified=True
        )
    narrow = next(q["sql"] for q in captured.captured_queries if '"part_group"' in q["sql"])
    with connection.cursor() as cursor:
        plan = [row[-1] for row in cursor.execute("EXPLAIN QUERY PLAN " + narrow)]
    assert any("COVERING INDEX metric_observed_ranked" in step for step in plan), plan


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_region_picker_names_every_region_in_the_language_read(spread, lang):
    """``compare_candidates``: every region with a value, at every level, by adcode, named
    as its row is (the English name, else the Chinese one), with its path as the table
    gives it (上海市 › 嘉定区); ``compare_rows`` lists the
    same when regions are picked (the page's links to the levels of a picked region),
    and only counts them otherwise."""
    from django.utils import translation

    from articles import selectors
    from articles.models import Indicator

    Region.objects.filter(adcode=JIADING).update(name_en="")  # no English name: Chinese
    volunteers = Indicator.objects.get(slug="registered-volunteers")
    with translation.override(lang):
        candidates = selectors.compare_candidates(indicator=volunteers)
        picked = selectors.compare_rows(indicator=volunteers, regions=[WANGCANG], evidence=False)
        unpicked = selectors.compare_rows(indicator=volunteers, evidence=False)
    english = lang == "en"
    expected = [
        (r.adcode, (r.name_en if english else "") or r.name, expected_path(r.adcode, english))
        for r in Region.objects.filter(adcode__in=[WANGCANG, JIADING, GUANGYUAN, SHANGHAI])
    ]
    assert candidates == sorted(expected)
    assert english == ({a: n for a, n, _path in candidates}[WANGCANG] != "旺苍县")
    assert picked.candidates == candidates and picked.candidate_count == 4
    assert (unpicked.candidates, unpicked.candidate_count) == ([], 4)


def test_per_1000_residents_orders_by_the_rounded_ratio_then_the_adcode():
    """Per 1,000 residents the rows go by the ratio as shown (1 decimal, half up): 154.81
    and 154.84 both read 154.8, so the smaller adcode comes first although its ratio is
    the smaller; 154.85 reads 154.9 and leads; a county without a census row comes last,
    and is named as one."""
    from articles.compare_result import POPULATION_YEAR, Per
    from articles.models import Population
    from articles.selectors import compare_rows

    for adcode, value in (("510821", 15481), ("510822", 15484), ("510823", 15485)):
        Population.objects.update_or_create(
            region=region(adcode), year=POPULATION_YEAR, defaults={"residents": 100000}
        )
        volunteer_metric(adcode, value, date(2024, 3, 5))
    Population.objects.filter(region=region("510824"), year=POPULATION_YEAR).delete()
    volunteer_metric("510824", 90000, date(2024, 3, 5))
    result = compare_rows(
        indicator=indicator("registered-volunteers"), level="county", per=Per.PER_1000
    )
    shown = [(r.region_adcode, r.ratio) for r in result.rows]
    assert shown == [
        ("510823", Decimal("154.9")),
        ("510821", Decimal("154.8")),
        ("510822", Decimal("154.8")),
        ("510824", None),
    ]
    assert result.measured == 3 and result.missing_population == [result.rows[3].region_name]


def _ratio_order_by_decimals(values: list[Decimal], people: list, per: str) -> tuple[list, int]:
    """The order ``compare_rows`` gave before ``ratio_order``: Decimal ratios, a stable
    sort reversed, then the rows without one."""
    from articles.compare_result import per_resident_ratios

    keys = per_resident_ratios(values, people, per)
    order = [i for i, k in enumerate(keys) if k is not None]
    order.sort(key=keys.__getitem__, reverse=True)
    return order + [i for i, k in enumerate(keys) if k is None], len(order)


# values with at most 4 decimals (the columns' scale), negative ones and exact ties
# among them; populations of a village to a province, missing (None) or 0
_SCALED = st.integers(min_value=-(10**13), max_value=10**13)
_PEOPLE = st.one_of(st.none(), st.just(0), st.integers(min_value=1, max_value=200_000_000))


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(
    rows=st.lists(
        st.tuples(st.one_of(_SCALED, st.sampled_from([0, 15485, 154850, 1548500])), _PEOPLE),
        max_size=60,
    ),
    per=st.sampled_from(["per_1000", "per_resident"]),
)
def test_the_integer_ratio_order_is_the_decimal_order(rows, per):
    """``ratio_order`` (NumPy integers) orders as the Decimal ratios did, for the raw
    values of either database: SQLite's floats, PostgreSQL's decimal text, the ORM's
    Decimals; ties of the rounded ratio keep the given order."""
    from articles.compare_result import ratio_order

    decimals = [Decimal(v).scaleb(-4) for v, _n in rows]
    people = [n for _v, n in rows]
    expected = _ratio_order_by_decimals(decimals, people, per)
    for raw in (list(map(float, decimals)), [f"{d:.4f}" for d in decimals], decimals):
        assert ratio_order(raw, people, per, 4) == expected


def test_the_integer_ratio_order_leaves_what_it_cannot_hold_to_the_decimals():
    """None (the Decimals decide) for a missing value, a value or population beyond its
    integers, and a negative population (which ``per_resident_ratio`` refuses)."""
    from articles.compare_result import ratio_order

    assert ratio_order([Decimal(1), None], [10, 10], "per_1000", 4) is None
    assert ratio_order([Decimal(10**11)], [10], "per_1000", 4) is None  # 10**15 scaled
    assert ratio_order([Decimal(1)], [10**10], "per_1000", 4) is None
    assert ratio_order([Decimal(1)], [-5], "per_1000", 4) is None
    assert ratio_order([Decimal(10**10)], [10], "per_1000", 4) == ([0], 1)
    assert ratio_order([], [], "per_1000", 4) == ([], 0)
