"""The 2020 census county table matched to the gazetteer's divisions.

Source: ``fixtures/population_2020_county.csv``, the 7th national census *Tabulation on
the 2020 China Population Census by County* (NBS; compiled in thebamboogrove/tudigong,
MIT, see ``fixtures/POPULATION-LICENSE``): one row per county-level division as coded in
2020, plus one row (named 市辖区) for each prefecture-level city without counties (东莞
441900, 中山 442000, 儋州 460400, 嘉峪关 620200).

The gazetteer (``fixtures/regions.json``) is of another vintage, so a census code is not
always a gazetteer code. ``match_census`` puts each census row on one division:

1. the division with the same code (a county, or a prefecture-level city without counties);
2. else the one county in the same province named the same, or formerly so named
   (海门市 -> 海门区, formerly 海门市; 港闸区 -> 崇川区,
   formerly 港闸区, summed with 崇川区's own row);
3. else the one county in the same prefecture (first four digits) whose name is the same
   but for the last character, the level (湟中区 -> 湟中县, 同仁县 -> 同仁市, 无为市 -> 无为县).

Rows that match nothing (梅列区 and 吉利区, merged into their neighbours in 2021) are
``unmatched``: they still count in the total
of the prefecture and province their code begins with (``unmatched_residents``), so a
province's population is the census's, however its counties were redrawn since.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .reference import FIXTURES_DIR, read_fixture

POPULATION_SOURCE = "第七次全国人口普查（2020）分县资料，国家统计局"


class CensusRow(NamedTuple):
    """One row of the census table: its 2020 ``code``, ``name`` and ``residents``."""

    code: str
    name: str
    residents: int


class CensusMatch(NamedTuple):
    """``residents`` per gazetteer adcode (rows put on the same division summed) and the
    rows that match no division (``unmatched``), in file order."""

    residents: dict[str, int]
    unmatched: list[CensusRow]


def read_census(fixtures_dir: Path = FIXTURES_DIR) -> list[CensusRow]:
    """The census table's rows with a population, in file order (金门县 is blank in the
    source and is skipped, not zeroed). Raises FileNotFoundError."""
    path = fixtures_dir / "population_2020_county.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [
            CensusRow(row["CODE"].strip(), row["NAME"].strip(), int(row["POPU"]))
            for row in csv.DictReader(f)
            if row["POPU"].strip()
        ]


def match_census(rows: list[CensusRow], regions: list[dict]) -> CensusMatch:
    """Put each census row on one of ``regions`` (fixture ``fields`` dicts with ``adcode``,
    ``name``, ``level``, ``former_names``) by the rules of the module docstring."""
    by_code = {r["adcode"]: r for r in regions}
    counties = [r for r in regions if r["level"] == "county"]
    named: dict[tuple[str, str], list[str]] = defaultdict(list)
    stems: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in counties:
        for name in dict.fromkeys([r["name"], *r.get("former_names", [])]):
            named[(r["adcode"][:2], name)].append(r["adcode"])
        stems[(r["adcode"][:4], r["name"][:-1])].append(r["adcode"])
    residents: dict[str, int] = defaultdict(int)
    unmatched: list[CensusRow] = []
    for row in rows:
        if row.code in by_code:
            found = [row.code]
        else:
            found = named.get((row.code[:2], row.name)) or stems.get(
                (row.code[:4], row.name[:-1]), []
            )
        if len(found) == 1:
            residents[found[0]] += row.residents
        else:
            unmatched.append(row)
    return CensusMatch(dict(residents), unmatched)


@cache
def census_match(fixtures_dir: Path = FIXTURES_DIR) -> CensusMatch:
    """``match_census`` of the fixture files (read once a process: static reference data)."""
    return match_census(read_census(fixtures_dir), read_fixture("regions.json", fixtures_dir))


def unmatched_residents(adcode: str) -> tuple[int, int]:
    """``(residents, rows)`` of the unmatched census rows inside prefecture or province
    ``adcode`` (by the first four or two digits of their 2020 code); ``(0, 0)`` for a
    county or when none."""
    if adcode.endswith("0000"):
        prefix = adcode[:2]
    elif adcode.endswith("00"):
        prefix = adcode[:4]
    else:
        return 0, 0
    inside = [r.residents for r in census_match().unmatched if r.code.startswith(prefix)]
    return sum(inside), len(inside)
