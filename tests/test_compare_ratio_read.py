"""Compare's per-resident order read from the database (issue 9.3): the kept winners
joined to the census and ordered in SQL (``compare_winner_reads.kept_tuples`` with a
``per``) come in exactly the order ``compare_result.ratio_order`` gives the same rows
read by adcode, on either database, or say that they do not (``out_of_ratio_range``)."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles import compare_winner_reads
from articles.compare_result import POPULATION_YEAR, Per, ratio_order
from articles.models import CompareWinner, PartRole, Population, Region
from tests.factories import indicator

pytestmark = pytest.mark.django_db

#: The counties the rows are written for (the first of the gazetteer's by adcode).
COUNTIES = 24
#: A value beyond the integers the ratio keys hold (``compare_result.RATIO_VALUE_LIMIT``
#: scaled by 10,000): 4e10 and more.
BEYOND = Decimal(4 * 10**10)

# values with at most 4 decimals, negative ones and exact ties of the rounded ratio
# (154.81 and 154.84 per 1,000 of 100,000 residents both read 154.8), small ones that
# round to 0 or away from it; a part standing
# for a group orders by its parts' sum; populations of a village to a province, or no
# census row (None)
_VALUE = st.one_of(
    st.integers(min_value=-(10**13), max_value=10**13).map(lambda n: Decimal(n).scaleb(-4)),
    st.sampled_from([Decimal(0), Decimal(15481), Decimal(15484), Decimal(15485)]),
    # of 100,000 residents per 1,000: -0.06 rounds to -0.1 (half away from zero), -0.04 to 0
    st.sampled_from([Decimal(-15485), Decimal(-6), Decimal(-4), Decimal(4), Decimal(6)]),
)
_PEOPLE = st.one_of(st.none(), st.just(100_000), st.integers(min_value=1, max_value=2_000_000_000))
_ROW = st.tuples(_VALUE, _PEOPLE, st.one_of(st.none(), _VALUE))


def _write(rows: list[tuple], counties: list[Region]) -> None:
    """The kept winners of registered-volunteers: one per county, the i-th row's
    ``(value, residents, parts' sum or None)`` for the i-th county (written in falling
    adcode order, so that the read's order is its own), and its census row."""
    volunteers = indicator("registered-volunteers")
    CompareWinner.objects.filter(indicator=volunteers).delete()
    Population.objects.filter(region__in=counties, year=POPULATION_YEAR).delete()
    winners, census = [], []
    for i, (value, people, parts_sum) in reversed(list(enumerate(rows))):
        county = counties[i]
        winners.append(
            CompareWinner(
                indicator=volunteers,
                region=county,
                adcode=county.adcode,
                level=county.level,
                region_name=county.name,
                metric_id=i + 1,
                article_id=i + 1,
                value=value,
                unit="人",
                status="extracted",
                part_role=PartRole.PART if parts_sum is not None else "",
                parts_sum=parts_sum,
                parts_count=2 if parts_sum is not None else None,
            )
        )
        if people is not None:
            census.append(Population(region=county, year=POPULATION_YEAR, residents=people))
    CompareWinner.objects.bulk_create(winners)
    Population.objects.bulk_create(census)


@pytest.fixture
def counties() -> list[Region]:
    return list(Region.objects.filter(level="county").order_by("adcode")[:COUNTIES])


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(_ROW, max_size=COUNTIES),
    per=st.sampled_from([Per.PER_1000, Per.PER_RESIDENT]),
    beyond=st.booleans(),
)
# per 1,000 of 100,000 residents: -0.06 reads -0.1 and follows -0.04 (0.0), 0.04 and 0.06
# read 0.0 and 0.1; a part's group of -154.84 reads -154.8
@example(
    rows=[
        (Decimal(-6), 100_000, None),
        (Decimal(-4), 100_000, None),
        (Decimal(6), 100_000, None),
        (Decimal(4), 100_000, None),
        (Decimal(-15485), 100_000, Decimal(-15484)),
    ],
    per=Per.PER_1000,
    beyond=False,
)
def test_the_ratio_order_read_is_the_integer_ratio_order(counties, rows, per, beyond):
    """Read with a ``per``, the rows are in ``ratio_order``'s order of the same values
    and residents by adcode (largest rounded ratio first, ties by adcode, the counties
    without a census row last by adcode), each with its residents; with a value beyond
    the keys' integers the first row says so, and compare orders them itself."""
    if beyond and rows:
        rows[len(rows) // 2] = (-BEYOND if len(rows) % 2 else BEYOND, *rows[len(rows) // 2][1:])
    _write(rows, counties)
    volunteers = indicator("registered-volunteers")
    kept = compare_winner_reads.kept_tuples(volunteers.pk, per=per, scale=4)
    assert len(kept) == len(rows)
    adcodes = [county.adcode for county in counties[: len(rows)]]
    shown = [parts if parts is not None else value for value, _people, parts in rows]
    if any(abs(v) >= BEYOND for v in shown):
        assert compare_winner_reads.out_of_ratio_range(kept, 4)
        return
    assert not compare_winner_reads.out_of_ratio_range(kept, 4)
    order, measured = ratio_order(shown, [people for _v, people, _p in rows], per, 4)
    assert [t[1] for t in kept] == [adcodes[i] for i in order]
    residents = {county.adcode: rows[i][1] for i, county in enumerate(counties[: len(rows)])}
    assert [t[compare_winner_reads.RESIDENTS] for t in kept] == [residents[t[1]] for t in kept]
    assert [t[compare_winner_reads.RESIDENTS] for t in kept].count(None) == len(rows) - measured


def test_a_page_in_ratio_order_from_the_database_shows_what_the_decimals_give(client, counties):
    """The per-1,000 page read in SQL order shows its counties as the Decimal ratios order
    them, and one beyond the keys' integers is ordered by compare itself, the same way."""
    from articles.selectors import compare_rows

    rows = [
        (Decimal(15481), 100_000, None),  # 154.8
        (Decimal(15484), 100_000, None),  # 154.8: a tie, by adcode
        (Decimal(15485), 100_000, None),  # 154.9
        (Decimal(9), 10, Decimal(2)),  # a part: its group's sum, 2, gives 200.0
        (Decimal(500), None, None),  # no census row: last
        (Decimal(-3), 1000, None),  # -3.0
    ]
    volunteers = indicator("registered-volunteers")
    for extra, first in ((None, [3, 2, 0, 1, 5, 4]), (BEYOND, [6, 3, 2, 0, 1, 5, 4])):
        _write(rows + ([(extra, 10**9, None)] if extra else []), counties)
        result = compare_rows(
            indicator=volunteers, level="county", per=Per.PER_1000, evidence=False
        )
        assert [r.region_adcode for r in result.rows] == [counties[i].adcode for i in first]
        leading = ["40000.0", "200.0"] if extra else ["200.0", "154.9"]
        assert [r.ratio for r in result.rows][:2] == list(map(Decimal, leading))
        assert result.measured == len(first) - 1
        assert result.missing_population == [counties[4].name]
