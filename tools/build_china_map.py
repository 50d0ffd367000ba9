"""Build static/vendor/china-map/*.topo.json from the map files of the npm package
echarts@4.9.0 (Apache-2.0). Run by hand when the boundaries or the gazetteer change:

    npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz          # -> package/
    python tools/build_china_map.py package /tmp/china-map       # GeoJSON, adcode-keyed
    npx mapshaper@0.6 ... (the two commands printed at the end)  # -> TopoJSON, simplified

What it does: decodes ECharts' compressed coordinates (the algorithm of ECharts 4's
src/coord/geo/parseGeoJson.js), keys every shape by its current GB/T 2260 adcode
(fixtures/regions.json: by code, else by name within the province, for codes changed
since the map was drawn, e.g. 山南 542200 -> 540500), names it as the gazetteer does, and
adds the 南海诸岛 inset (ten-dash line and frame) that ECharts 4 drew for its China map
(src/coord/geo/fix/nanhai.js, Apache-2.0) as a shape without data. Not shipped, not
imported by the app; it needs only the standard library.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Divisions merged since ECharts drew its map: the old shape is dissolved into the new one.
MERGED = {"371200": "370100"}  # 莱芜市 became part of 济南市 in 2019 (国函〔2019〕4号)

# ECharts 4 src/coord/geo/fix/nanhai.js: the inset, in tenths-ish units from its corner.
NANHAI_CORNER = (126, 25)
NANHAI_POINTS = [
    [
        [0, 3.5],
        [7, 11.2],
        [15, 11.9],
        [30, 7],
        [42, 0.7],
        [52, 0.7],
        [56, 7.7],
        [59, 0.7],
        [64, 0.7],
        [64, 0],
        [5, 0],
        [0, 3.5],
    ],
    [[13, 16.1], [19, 14.7], [16, 21.7], [11, 23.1], [13, 16.1]],
    [[12, 32.2], [14, 38.5], [15, 38.5], [13, 32.2], [12, 32.2]],
    [[16, 47.6], [12, 53.2], [13, 53.2], [18, 47.6], [16, 47.6]],
    [[6, 64.4], [8, 70], [9, 70], [8, 64.4], [6, 64.4]],
    [[23, 82.6], [29, 79.8], [30, 79.8], [25, 82.6], [23, 82.6]],
    [[37, 70.7], [43, 62.3], [44, 62.3], [39, 70.7], [37, 70.7]],
    [[48, 51.1], [51, 45.5], [53, 45.5], [50, 51.1], [48, 51.1]],
    [[51, 35], [51, 28.7], [53, 28.7], [53, 35], [51, 35]],
    [[52, 22.4], [55, 17.5], [56, 17.5], [53, 22.4], [52, 22.4]],
    [[58, 12.6], [62, 7], [63, 7], [60, 12.6], [58, 12.6]],
    [[0, 3.5], [0, 93.1], [64, 93.1], [64, 0], [63, 0], [63, 92.4], [1, 92.4], [1, 3.5], [0, 3.5]],
]


def decode_ring(text: str, offset: list[int], scale: int) -> list[list[float]]:
    """One ring of ECharts' 'UTF8Encoding': zigzag deltas as characters from 64."""
    ring, x0, y0 = [], offset[0], offset[1]
    for i in range(0, len(text), 2):
        x, y = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x0 += (x >> 1) ^ -(x & 1)
        y0 += (y >> 1) ^ -(y & 1)
        ring.append([x0 / scale, y0 / scale])
    return ring


def decode(collection: dict) -> dict:
    """The collection with plain GeoJSON coordinates (in place)."""
    if not collection.get("UTF8Encoding"):
        return collection
    scale = collection.get("UTF8Scale") or 1024
    for feature in collection["features"]:
        geometry = feature["geometry"]
        offsets = geometry.pop("encodeOffsets")
        coords = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            geometry["coordinates"] = [
                decode_ring(r, offsets[i], scale) for i, r in enumerate(coords)
            ]
        else:
            geometry["coordinates"] = [
                [decode_ring(r, offsets[i][j], scale) for j, r in enumerate(polygon)]
                for i, polygon in enumerate(coords)
            ]
    collection["UTF8Encoding"] = False
    return collection


def inside(point, ring) -> bool:
    """Whether ``point`` (lon, lat) lies inside ``ring`` (a list of (lon, lat)), by ray
    casting (even-odd rule); also used by tests/test_china_map.py."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def split_parts(collection: dict) -> int:
    """ECharts' files put a division's separate parts (exclaves, islands) as extra rings
    of one polygon, which GeoJSON reads as holes (巴音郭楞's main part would be a hole in
    a small exclave, leaving a blank on the map). A ring stays a hole only if it lies
    inside the polygon's first ring; otherwise it becomes a polygon of its own. Returns
    how many rings were moved."""
    moved = 0
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        result = []
        for polygon in polygons:
            outer, holes = polygon[0], []
            for ring in polygon[1:]:
                if inside(ring[0], outer):
                    holes.append(ring)
                else:
                    result.append([ring])
                    moved += 1
            result.append([outer, *holes])
        geometry["type"], geometry["coordinates"] = "MultiPolygon", result
    return moved


def nanhai_feature() -> dict:
    """The 南海诸岛 inset as a MultiPolygon feature without an adcode."""
    polygons = []
    for ring in NANHAI_POINTS:
        polygons.append(
            [[[NANHAI_CORNER[0] + x / 10.5, NANHAI_CORNER[1] - y * 0.75 / 10.5] for x, y in ring]]
        )
    return {
        "type": "Feature",
        "properties": {"adcode": "", "name": "南海诸岛", "inset": True},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def rekey(collection: dict, regions: dict[str, dict], level: str) -> list[str]:
    """Set each feature's properties to {adcode, name} of the gazetteer; returns the
    shapes it could not match (kept under ECharts' code and name)."""
    by_name = {}
    for adcode, fields in regions.items():
        if fields["level"] == level:
            for name in (fields["name"], fields.get("short_name") or ""):
                if name:
                    by_name[(adcode[:2], name)] = adcode
    unmatched = []
    for feature in collection["features"]:
        code = str(feature.get("id") or feature["properties"].get("id"))
        name = feature["properties"]["name"]
        code = MERGED.get(code, code)
        adcode = code if code in regions else None
        if adcode is None or regions[adcode]["level"] != level:
            adcode = by_name.get((code[:2], name)) or next(
                (a for (p, n), a in by_name.items() if p == code[:2] and n.startswith(name)), adcode
            )
        if adcode is None:
            unmatched.append(f"{code} {name}")
            adcode = code
        feature.pop("id", None)
        feature["type"] = "Feature"  # china-cities.json leaves it out
        gazetteer_name = regions.get(adcode, {}).get("name", name)
        feature["properties"] = {"adcode": adcode, "name": gazetteer_name}
    return unmatched


def rewind(path: str) -> int:
    """Make every outer ring of a TopoJSON file clockwise and every hole anticlockwise
    (d3-geo's spherical rule: a ring the other way round is drawn as the whole globe
    minus the shape). Snapping leaves some prefecture rings reversed. Returns how many
    rings were turned."""
    topo = json.loads(Path(path).read_text())
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x, y))
        arcs.append(points)

    def area(ring):
        pts = [p for i in ring for p in (arcs[i] if i >= 0 else arcs[~i][::-1])]
        return sum(
            x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True)
        )

    turned = 0
    (layer,) = topo["objects"].values()
    for geometry in layer["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                if (area(ring) > 0) == (k == 0):
                    polygon[k] = [~i for i in reversed(ring)]
                    turned += 1
    Path(path).write_text(json.dumps(topo, separators=(",", ":"), ensure_ascii=False))
    return turned


def main(package: str, out: str) -> None:
    regions = {
        r["fields"]["adcode"]: r["fields"]
        for r in json.loads((ROOT / "fixtures/regions.json").read_text())
    }
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for source, level, target in (
        ("china.json", "province", "province.geo.json"),
        ("china-cities.json", "prefecture", "prefecture.geo.json"),
    ):
        collection = decode(json.loads((Path(package) / "map/json" / source).read_text()))
        moved = split_parts(collection)
        unmatched = rekey(collection, regions, level)
        collection["features"].append(nanhai_feature())
        collection.pop("UTF8Encoding", None)
        (out_dir / target).write_text(json.dumps(collection, ensure_ascii=False))
        print(
            f"{target}: {len(collection['features'])} shapes ({moved} parts split off);"
            f" not {level} in the gazetteer: {unmatched}"
        )
    print(
        "then: npx mapshaper -i province.geo.json snap snap-interval=0.01 -explode -simplify 20% keep-shapes"
        " -dissolve fields=adcode copy-fields=name,inset -o province.topo.json"
        " format=topojson quantization=10000\n"
        "      npx mapshaper -i prefecture.geo.json snap snap-interval=0.01 -dissolve fields=adcode copy-fields=name,inset -simplify 6% keep-shapes -o prefecture.topo.json"
        " format=topojson quantization=5000\n"
        "then: python tools/build_china_map.py --rewind province.topo.json prefecture.topo.json"
    )


if __name__ == "__main__":
    if sys.argv[1] == "--rewind":
        for name in sys.argv[2:]:
            print(name, "rings turned:", rewind(name))
    else:
        main(*sys.argv[1:3])
