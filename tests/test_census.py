"""The 2020 census table matched to the gazetteer's divisions, and the populations the
region pages show from it (a new-user pass found 广东 short of 东莞 and 中山, 西宁 short of
湟中, and 东莞's own page without a figure)."""

import pytest

from articles import regions
from articles.census import census_match, match_census, read_census
from articles.models import Population
from articles.reference import load_population
from tests.factories import region

CENSUS_TOTAL = 1_409_878_724  # every populated row of fixtures/population_2020_county.csv


def test_every_census_row_counts_once_matched_or_not():
    match = census_match()
    assert sum(match.residents.values()) + sum(r.residents for r in match.unmatched) == CENSUS_TOTAL
    assert sum(r.residents for r in read_census()) == CENSUS_TOTAL


@pytest.mark.parametrize(
    ("adcode", "residents"),
    [
        ("630122", 395_043),  # 湟中县 <- 湟中区 630106 (same prefecture, other level)
        ("632321", 101_519),  # 同仁市 <- 同仁县 632301
        ("340225", 817_997),  # 无为县 <- 无为市 340281
        ("220184", 862_313),  # 公主岭市: its own code (the gazetteer's is corrected)
        ("320684", 991_782),  # 海门区, formerly 海门市 320614
        ("320602", 780_564 + 403_176),  # 崇川区 <- 崇川区 320613 + 港闸区 320611 (formerly)
        ("330105", 635_136 + 485_849),  # 拱墅区's own row + 下城区 (formerly)
        ("441900", 10_466_625),  # 东莞: a prefecture-level city's own row
        ("510821", 330_108),  # 旺苍县: its own code
    ],
)
def test_a_census_row_goes_to_the_division_it_became(adcode, residents):
    assert census_match().residents[adcode] == residents


def test_rows_that_match_no_division_are_kept_aside():
    assert [(r.code, r.name) for r in census_match().unmatched] == [
        ("350402", "梅列区"),
        ("410306", "吉利区"),
    ]


def test_a_name_shared_by_two_counties_matches_neither():
    rows = read_census()[:0] + [type(read_census()[0])("330199", "新区", 10)]
    regions_ = [
        {"adcode": "330101", "name": "新区", "level": "county", "former_names": []},
        {"adcode": "330202", "name": "新区", "level": "county", "former_names": []},
        {"adcode": "330301", "name": "新县", "level": "county", "former_names": []},
    ]
    match = match_census(rows, regions_)
    assert match.residents == {} and [r.code for r in match.unmatched] == ["330199"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("adcode", "residents", "rows"),
    [
        ("440000", 126_012_510, 124),  # 广东 with 东莞 and 中山, which have no counties
        ("630000", 5_923_957, 45),
        ("630100", 2_467_965, 7),  # 西宁 with 湟中
        ("350400", 2_486_450, 12),  # 三明: 梅列区 matches no division, still counted
        ("441900", 10_466_625, 0),  # 东莞's own row, nothing summed
    ],
)
def test_a_region_population_is_the_census_total_of_its_area(adcode, residents, rows):
    assert regions.population(region(adcode)) == (residents, 2020, rows)


@pytest.mark.django_db
def test_loading_again_corrects_old_loads_and_keeps_edited_figures():
    from django.apps import apps

    xining, chongchuan = region("630122"), region("320602")
    Population.objects.filter(region=xining).delete()  # never loaded: the code differed
    gongshu = Population.objects.get(region=region("330105"), year=2020)
    gongshu.residents = 635_136  # what the load before the match wrote (its own code)
    gongshu.save()
    edited = Population.objects.get(region=chongchuan, year=2020)
    edited.residents = 1_000_000  # edited in the admin
    edited.save()
    load_population(apps)
    assert Population.objects.get(region=xining, year=2020).residents == 395_043
    assert Population.objects.get(region=region("330105"), year=2020).residents == 1_120_985
    assert Population.objects.get(region=chongchuan, year=2020).residents == 1_000_000
