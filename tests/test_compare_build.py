"""Compare's rows built from plain tuples (``articles.compare_build``): the default view
reads the kept winners raw (on SQLite decimals as numbers, dates as ISO text) and a
filtered view ranks typed values through the ORM; both must build exactly the same rows,
types and decimal places included, for every kind of row. Real values: the seed page
(2024-01-16: 旺苍县's five kinds of volunteer teams, a sum of parts; 格尔木市's benefit
由1530元调整至1692元, a previous value in the same report), a second 格尔木市 page a year
earlier (earlier dated values; one indicator taken as a flow without periods) and
volunteers at three levels."""

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation

from articles import compare_reads
from articles.compare_build import Converters, build_rows, winner_tuple
from articles.compare_result import POPULATION_YEAR, Per, article_url_template
from articles.models import CompareWinner, Indicator, Population
from articles.services import ingest_page
from tests.factories import volunteer_metric

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def pages(seed_text):
    ingest_page(text=seed_text, publication="样例报", issue_date=date(2024, 1, 16))
    earlier = (DATA / "golmud_2022_page.txt").read_text(encoding="utf-8")
    ingest_page(text=earlier, publication="样例报", issue_date=date(2023, 1, 10))
    volunteer_metric("510821", 51104, date(2024, 3, 5))
    volunteer_metric("510800", 300000, date(2024, 1, 1))
    volunteer_metric("510000", 4000000, date(2024, 1, 2))
    # counted over a period, without one: its earlier value may not be compared
    Indicator.objects.filter(slug="pension-insured-persons").update(kind="flow")


def exact(rows) -> list[dict]:
    """Every field of every row as ``repr`` (so 51104 and 51104.0000 differ, and a date
    differs from its text)."""
    return [{f.name: repr(getattr(r, f.name)) for f in fields(r)} for r in rows]


def both_ways(indicator: Indicator, lang: str, ratio=None) -> tuple[list, list]:
    """The rows built from the kept read and from the read-time ranking, by region."""
    kept = sorted(compare_reads.kept_tuples(indicator.pk), key=lambda t: t[0])
    ranked = compare_reads._ranked_winners(indicator, None, None, None, None, False)
    compare_reads._add_names(ranked)
    ranked = sorted((winner_tuple(m) for m in ranked), key=lambda t: t[0])
    args = {
        "url": article_url_template(),
        "lang": lang,
        "kind": indicator.kind,
        "unit": indicator.unit,
        "ratio": ratio,
    }
    return (
        build_rows(kept, convert=compare_reads.converters(connection), **args),
        build_rows(ranked, convert=Converters.typed(), **args),
    )


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_kept_and_the_ranked_read_build_the_same_rows(pages, lang):
    residents = dict(
        Population.objects.filter(year=POPULATION_YEAR).values_list("region_id", "residents")
    )
    ratio = (residents, Per.PER_1000, "人/千人")
    slugs = set(CompareWinner.objects.values_list("indicator__slug", flat=True))
    assert len(slugs) > 10
    seen = {"parts": 0, "previous": 0, "earlier": 0, "note": 0}
    with translation.override(lang):
        for slug in sorted(slugs):
            indicator = Indicator.objects.get(slug=slug)
            kept, ranked = both_ways(indicator, lang[:2], ratio if slug.endswith("s") else None)
            assert kept and exact(kept) == exact(ranked), slug
            seen["parts"] += sum(1 for r in kept if r.parts)
            seen["previous"] += sum(1 for r in kept if r.previous_value and not r.previous_date)
            seen["earlier"] += sum(1 for r in kept if r.previous_date)
            seen["note"] += sum(1 for r in kept if r.change_note and r.previous_value is None)
    # the fixture reaches every branch of a row: a sum of parts, a previous value the
    # article states, an earlier dated value, and a flow whose earlier value may not be
    # compared (periods of different lengths, or none)
    assert all(seen.values()), seen


def test_the_sum_of_parts_and_the_change_of_a_stated_previous_value(pages):
    teams = Indicator.objects.get(slug="volunteer-teams")
    wangcang = next(r for r in both_ways(teams, "zh")[0] if r.region_adcode == "510821")
    assert (str(wangcang.value), wangcang.parts, wangcang.bound, wangcang.approx) == (
        "2103.0000",
        5,
        "lower",
        True,
    )
    assert wangcang.region_path == "四川省 › 广元市 › 旺苍县"
    benefit = Indicator.objects.get(slug="unemployment-benefit-monthly")
    golmud = next(r for r in both_ways(benefit, "zh")[0] if r.region_adcode == "632801")
    assert (golmud.value, golmud.previous_value, golmud.previous_date) == (1692, 1530, None)
    assert (golmud.change, str(golmud.change_pct), golmud.published) == (
        162,
        "10.6",
        date(2024, 1, 16),
    )
    assert golmud.change_note == "调整前的数值（同一报道）"


def _winners(values: list) -> list[tuple]:
    """Winner tuples with only their value (and no part role) set."""
    from articles.compare_build import VALUE, WINNER_COLUMNS

    blank = [None] * len(WINNER_COLUMNS)
    return [tuple(blank[:VALUE] + [v] + blank[VALUE + 1 :]) for v in values]


@pytest.mark.parametrize(
    "texts",
    [
        ["1.0000", "299986.0000", "0.5000", "299986.0000", "-3.2500", "0.0000", "1.0000"],
        # 15 significant digits: still exact as floats
        ["99999999999.9999", "99999999999.9998", "0.0001", "99999999999.9999"],
        # 16 digits and more, beyond a float: compared as Decimals
        ["100000000000.0001", "100000000000.0000", "100000000000.0001", "5.0000"],
        ["9999999999999999.9999", "9999999999999999.9998", "-9999999999999999.9999"],
        [],
    ],
)
def test_value_order_is_the_order_of_the_decimals(texts):
    """Compared as floats or as Decimals, the order is the Decimals' (largest first, equal
    values in their first order)."""
    from decimal import Decimal

    from articles.compare_build import value_order

    decimals = list(map(Decimal, texts))
    expected = sorted(range(len(texts)), key=decimals.__getitem__, reverse=True)
    assert value_order(_winners(texts), Converters.text(4)) == expected
    assert value_order(_winners(decimals), Converters.typed()) == expected
