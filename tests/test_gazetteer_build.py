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
