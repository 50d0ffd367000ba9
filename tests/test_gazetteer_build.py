"""The Region fixture built from jionlp's gazetteer (articles/gazetteer_build.py)."""

import json
from pathlib import Path

from articles.gazetteer_build import read_divisions

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "regions.json"


def test_a_name_the_source_misspells_is_corrected(tmp_path):
    """jionlp writes 苗栗县 (710705) as 苗粟县: no text naming the county matched it."""
    (tmp_path / "china_location.txt").write_text(
        "台湾省\t710000\t台湾\n\t省直辖县级行政区划\t710700\t\n\t\t苗粟县\t710705\t苗粟\n",
        encoding="utf-8",
    )
    (tmp_path / "china_location_change.txt").write_text("", encoding="utf-8")
    rows = {row["adcode"]: row for row in read_divisions(tmp_path)}
    assert (rows["710705"]["name"], rows["710705"]["short_name"]) == ("苗栗县", "苗栗")
    fixture = {r["fields"]["adcode"]: r["fields"] for r in json.loads(FIXTURE.read_text())}
    assert (fixture["710705"]["name"], fixture["710705"]["short_name"]) == ("苗栗县", "苗栗")


def test_every_division_is_coded_inside_its_parent():
    """A subtree is read by code prefix (the list's region filter, compare within a
    region, facets): a division coded outside its parent's prefix is put in another
    region. jionlp coded 公主岭市 220381 (四平市) under 长春市, and 新星市 650929 (博尔塔拉)
    under Xinjiang's directly administered cities; both carry today's codes."""
    from articles.gazetteer_build import FORMER_ADCODES
    from articles.models import adcode_prefix

    rows = [r["fields"] for r in json.loads(FIXTURE.read_text())]
    outside = [
        (r["adcode"], r["name"])
        for r in rows
        if r["parent"] and not r["adcode"].startswith(adcode_prefix(r["parent"][0]))
    ]
    assert outside == []
    by_code = {r["adcode"]: r["name"] for r in rows}
    assert (by_code["220184"], by_code["659011"]) == ("公主岭市", "新星市")
    assert not set(FORMER_ADCODES) & set(by_code)


def test_a_code_the_source_gets_wrong_is_corrected(tmp_path):
    (tmp_path / "china_location.txt").write_text(
        "吉林省\t220000\t吉林\n\t长春市\t220100\t长春\n\t\t公主岭市\t220381\t公主岭\n",
        encoding="utf-8",
    )
    (tmp_path / "china_location_change.txt").write_text("", encoding="utf-8")
    rows = {row["adcode"]: row for row in read_divisions(tmp_path)}
    assert rows["220184"]["parent"] == "220100" and "220381" not in rows
