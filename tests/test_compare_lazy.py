"""Compare's page builds only the rows it reads (``compare_result.LazyRows``): the winners
are sorted first, what the page says of every row (dates, articles, whether some row has
a previous value, how many rows have a number to chart) is read from the winners, and a
row is built when the table's page or the chart reads it. Rows read that way must be the
rows an export builds at once, field for field, in the same order."""

from dataclasses import fields, replace
from datetime import date

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from articles import compare_reads
from articles.compare_result import ChartDataError, LazyRows, Per
from articles.models import CompareWinner, Indicator, Population
from tests.factories import county_metrics, volunteer_metric
from tests.test_compare_build import exact, pages  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

#: The texts ``with_texts``/``add_evidence`` set: an export's rows have them, rows read
#: lazily get them when a page shows them.
TEXTS = (
    "display",
    "short",
    "ratio_display",
    "previous_display",
    "change_display",
    "evidence",
    "article_title",
)


def without_texts(row):
    return replace(row, **{name: "" for name in TEXTS})


def test_lazy_rows_build_a_row_once_and_only_when_read():
    built = []

    def build(winners):
        built.extend(winners)
        return [{"w": w} for w in winners]

    rows = LazyRows(list(range(10)), build)
    assert len(rows) == 10 and not built
    first = rows[0]
    assert rows[-10] is first and rows[0:1] == [first] and built == [0]
    assert [r["w"] for r in rows[8:]] == [8, 9] and built == [0, 8, 9]
    assert [r["w"] for r in rows] == list(range(10))
    assert sorted(built) == list(range(10))  # each once
    with pytest.raises(IndexError):
        rows[10]


def test_the_page_builds_only_the_rows_of_the_table_page_and_the_chart(client, monkeypatch):
    counted = []
    real = compare_reads.build_rows

    def counting(winners, **kwargs):
        counted.append(len(winners))
        return real(winners, **kwargs)

    monkeypatch.setattr(compare_reads, "build_rows", counting)
    county_metrics(300)
    response = client.get(reverse("articles:compare"), {"indicator": "registered-volunteers"})
    assert response.status_code == 200
    # on the chart tab, the chart's largest and smallest 25: the table's panel is read
    # by compare-tabs.js when it is opened
    assert sorted(counted) == [25, 25]
    counted.clear()
    params = {"indicator": "registered-volunteers", "tab": "table"}
    assert client.get(reverse("articles:compare"), params).status_code == 200
    # the table's first 100 rows (the chart's largest 25 among them), the chart's 25 smallest
    assert sum(counted) == 125
    # per 1,000 residents, the counties without a census row too (10 more than the
    # gazetteer's: named in a warning, built together, not one call each)
    Population.objects.filter(
        pk__in=list(
            Population.objects.filter(region__level="county").values_list("pk", flat=True)[:10]
        )
    ).delete()
    counted.clear()
    response = client.get(
        reverse("articles:compare"),
        {"indicator": "registered-volunteers", "per": "per_1000", "tab": "table"},
    )
    missing = len(response.context["result"].missing_population)
    assert response.status_code == 200 and missing >= 10
    assert sorted(counted) == sorted([100, 25, missing])


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_rows_read_lazily_are_the_rows_an_export_builds(pages, lang):  # noqa: F811
    slugs = sorted(set(CompareWinner.objects.values_list("indicator__slug", flat=True)))
    views = [
        {"per": Per.TOTAL},
        {"per": Per.PER_1000, "level": "county"},
        {"per": Per.TOTAL, "view": "change"},
    ]
    compared = 0
    with translation.override(lang):
        for slug in slugs:
            indicator = Indicator.objects.get(slug=slug)
            for args in views:
                try:
                    whole = compare_reads.compare_rows(indicator=indicator, **args)
                except ChartDataError:
                    continue
                lazy = compare_reads.compare_rows(indicator=indicator, evidence=False, **args)
                rows = list(whole.rows)
                assert exact(list(lazy.rows)) == exact([without_texts(r) for r in rows]), slug
                dated = [r.published for r in rows if r.published]
                assert lazy.dates() == ((min(dated), max(dated)) if dated else (None, None))
                assert lazy.has_previous == any(r.previous_value is not None for r in rows)
                assert lazy.row_publications() == {
                    r.article_id: whole.publications[r.article_id] for r in rows
                }
                assert lazy.missing_population == whole.missing_population
                compared += 1
    assert compared > 20


def test_has_previous_follows_the_rules_of_a_rows_previous_value(pages):  # noqa: F811
    """Read from the winners: a stated previous value counts unless the row is a sum of
    parts; an earlier dated value counts unless the indicator is a flow whose periods
    differ or are not given (the fixture's pension-insured-persons)."""
    expected = {}
    for slug in sorted(set(CompareWinner.objects.values_list("indicator__slug", flat=True))):
        indicator = Indicator.objects.get(slug=slug)
        whole = compare_reads.compare_rows(indicator=indicator)
        lazy = compare_reads.compare_rows(indicator=indicator, evidence=False)
        assert lazy.previous_any is None and lazy.previous_of is not None  # not yet read
        expected[slug] = any(r.previous_value is not None for r in whole.rows)
        assert lazy.has_previous == expected[slug], slug
        assert lazy.previous_any == expected[slug], slug
    assert expected["pension-insured-persons"] is False
    assert expected["unemployment-benefit-monthly"] is True
    assert True in expected.values() and False in expected.values()


def test_a_page_on_the_chart_never_reads_whether_a_row_has_a_previous_value(client, monkeypatch):
    """Only the table (its change columns) and the exports ask; a page served on the
    chart or the map passes over the 2,700 winners once less."""
    asked = []
    real = compare_reads.any_previous
    monkeypatch.setattr(
        compare_reads, "any_previous", lambda *a, **k: asked.append(1) or real(*a, **k)
    )
    county_metrics(30)
    params = {"indicator": "registered-volunteers"}
    for tab in ("chart", "map"):
        assert client.get(reverse("articles:compare"), {**params, "tab": tab}).status_code == 200
    assert asked == []
    assert client.get(reverse("articles:compare"), {**params, "tab": "table"}).status_code == 200
    assert asked == [1]


def test_equal_ratios_keep_the_adcode_order_whatever_order_the_winners_come_in():
    """Cangxi (510824) is written before Wangcang (510821), with the same value and the
    same population: per 1,000 residents they tie, and the adcode decides, as in the
    totals. The counties without a census row come last in adcode order (the warning
    names them largest value first)."""
    volunteer_metric("510824", 3000, date(2024, 1, 2))
    volunteer_metric("510821", 3000, date(2024, 1, 3))
    volunteer_metric("510822", 9000, date(2024, 1, 4))
    volunteer_metric("510811", 500, date(2024, 1, 5))
    volunteer_metric("510812", 700, date(2024, 1, 6))
    residents = Population.objects.get(region__adcode="510821").residents
    Population.objects.filter(region__adcode="510824").update(residents=residents)
    Population.objects.filter(region__adcode__in=["510811", "510812"]).delete()
    indicator = Indicator.objects.get(slug="registered-volunteers")
    for per in (Per.TOTAL, Per.PER_1000):
        result = compare_reads.compare_rows(
            indicator=indicator, level="county", per=per, evidence=False
        )
        adcodes = [r.region_adcode for r in result.rows]
        assert adcodes.index("510821") == adcodes.index("510824") - 1, per
    assert adcodes[-2:] == ["510811", "510812"]
    assert result.dates() == (date(2024, 1, 2), date(2024, 1, 6))
    assert result.missing_population == ["朝天区", "昭化区"]
    assert result.measured == 3


def test_the_chart_of_many_rows_reads_the_ends_of_the_rows_with_a_ratio(client):
    """Per 1,000 residents, counties without a census row sort last and are not drawn:
    the chart's smallest are the smallest of the counties with a ratio."""
    county_metrics(80)
    CompareWinner.objects.update(value=F("value"))  # kept as written
    shown = list(Population.objects.filter(region__level="county").order_by("region__adcode"))
    without = [p.region_id for p in shown[:5]]
    Population.objects.filter(region_id__in=without).delete()
    indicator = Indicator.objects.get(slug="registered-volunteers")
    whole = compare_reads.compare_rows(indicator=indicator, per=Per.PER_1000)
    lazy = compare_reads.compare_rows(indicator=indicator, per=Per.PER_1000, evidence=False)
    compare_reads.add_evidence(lazy, list(lazy.rows[:100]))
    assert lazy.measured == 75
    assert lazy.chart["labels"] == whole.chart["labels"]
    assert lazy.chart["values"] == whole.chart["values"]
    assert lazy.chart["labels"][-1] == [r.region_name for r in whole.rows if r.ratio][-1]
    assert (lazy.chart["omitted"], lazy.chart["source"]) == (30, whole.chart["source"])
    assert [f.name for f in fields(lazy.rows[0])] == [f.name for f in fields(whole.rows[0])]


def test_a_sum_of_parts_is_sorted_by_the_sum_not_by_its_largest_part(pages):  # noqa: F811
    """旺苍县's volunteer teams are five parts (largest 1728, sum 2103): a county with
    2000 teams comes after it."""
    volunteer_metric("510822", 2000, date(2024, 3, 1), indicator_slug="volunteer-teams", unit="支")
    teams = Indicator.objects.get(slug="volunteer-teams")
    for evidence in (True, False):
        result = compare_reads.compare_rows(indicator=teams, level="county", evidence=evidence)
        assert [(r.region_adcode, r.value) for r in result.rows] == [
            ("510821", 2103),
            ("510822", 2000),
        ]


def test_the_texts_read_for_shown_rows_are_what_with_evidence_cuts(pages):  # noqa: F811
    from articles.models import Metric

    expected = {
        pk: (title, evidence, sentence)
        for pk, title, evidence, sentence in Metric.objects.with_evidence().values_list(
            "pk", "article__title", "evidence_text", "sentence_text"
        )
    }
    assert len(expected) > 20 and all(e and s for _t, e, s in expected.values())
    assert compare_reads._evidence_texts(sorted(expected)) == expected
    some = sorted(expected)[::3]
    assert compare_reads._evidence_texts(some) == {pk: expected[pk] for pk in some}
    assert compare_reads._evidence_texts([0]) == {}
