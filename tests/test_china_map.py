"""The shipped map boundaries (static/vendor/china-map/) follow China's official depiction
and join to the gazetteer by adcode. Points are tested against the decoded TopoJSON by ray
casting, so a file rebuilt from another source that drew the border elsewhere fails here.
"""

import json
from pathlib import Path

import pytest

from tools.build_china_map import inside

MAP_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "china-map"
REGIONS = Path(__file__).resolve().parent.parent / "fixtures" / "regions.json"


def shapes(level: str) -> dict[str, list]:
    """{adcode or name of an inset: [polygon rings in lon/lat]} from a TopoJSON file."""
    topo = json.loads((MAP_DIR / f"{level}.topo.json").read_text())
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        out = []
        for i in indexes:
            out.extend(arcs[i] if i >= 0 else arcs[~i][::-1])
        return out

    result = {}
    (layer,) = topo["objects"].values()
    for geometry in layer["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        key = geometry["properties"]["adcode"] or geometry["properties"]["name"]
        result[key] = [[ring(r) for r in polygon] for polygon in polygons]
    return result


def containing(level: str, point) -> list[str]:
    """Keys of the shapes that contain the point (lon, lat)."""
    return [
        key
        for key, polygons in shapes(level).items()
        if any(inside(point, p[0]) and not any(inside(point, h) for h in p[1:]) for p in polygons)
    ]


@pytest.mark.parametrize(
    ("place", "point", "province"),
    [
        ("台北", (121.56, 25.04), "710000"),
        ("钓鱼岛", (123.47, 25.74), "710000"),
        ("达旺（藏南）", (91.87, 27.59), "540000"),
        ("伊塔那加（藏南）", (93.61, 27.08), "540000"),
        ("巴昔卡（藏南）", (95.33, 28.07), "540000"),
        ("阿克赛钦", (79.5, 35.3), "650000"),
        ("成都", (104.07, 30.67), "510000"),
    ],
)
def test_official_depiction_province(place, point, province):
    assert containing("province", point) == [province], place


@pytest.mark.parametrize("point", [(77.2, 28.6), (85.3, 27.7), (89.64, 27.47)])
def test_neighbours_capitals_are_outside(point):
    """Delhi, Kathmandu, Thimphu: the border is not drawn around everything."""
    assert containing("province", point) == []
    assert containing("prefecture", point) == []


def test_tawang_is_in_a_xizang_prefecture():
    (adcode,) = containing("prefecture", (91.87, 27.59))
    assert adcode.startswith("54")


@pytest.mark.parametrize("level", ["province", "prefecture"])
def test_south_china_sea_inset_and_adcode_keys(level):
    keys = shapes(level)
    assert "南海诸岛" in keys
    assert len(keys["南海诸岛"]) == 12  # the land edge, ten dashes and the frame
    gazetteer = {
        r["fields"]["adcode"]: r["fields"]["level"] for r in json.loads(REGIONS.read_text())
    }
    codes = [k for k in keys if k != "南海诸岛"]
    assert all(code in gazetteer for code in codes)
    at_level = [c for c in codes if gazetteer[c] == level]
    if level == "province":
        assert sorted(at_level) == sorted(c for c, lv in gazetteer.items() if lv == "province")
    else:
        assert len(at_level) >= 320  # of 333 prefectures; 山南 540500 under its new code
        assert "540500" in at_level and "371200" not in codes


@pytest.mark.parametrize("level", ["province", "prefecture"])
def test_outer_rings_are_clockwise(level):
    """d3-geo draws an anticlockwise outer ring as the globe minus the shape (the whole
    map one grey wedge): tools/build_china_map.py --rewind must have run."""

    def twice_area(ring):
        return sum(
            x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
        )

    rings = [polygon[0] for polygons in shapes(level).values() for polygon in polygons]
    assert rings and all(twice_area(ring) < 0 for ring in rings)
