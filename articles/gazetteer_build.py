"""Build the Region fixture (GB/T 2260 tree to county level) from the gazetteer jionlp ships.

Source: ``jionlp/dictionary/china_location.txt`` (province / prefecture / county lines
with adcode and short name, then towns and villages, which we skip) and
``china_location_change.txt`` (renamed divisions: date, approval, old path => new path),
both in the jionlp package (Apache-2.0). The result is a Django fixture with natural keys,
so it never depends on primary keys; ``python manage.py build_regions`` rewrites it.
"""

from __future__ import annotations

import json
from pathlib import Path

LEVELS = ("province", "prefecture", "county")


def _jionlp_dictionary_dir() -> Path:
    import jionlp  # imported here: a heavy import only needed when rebuilding

    return Path(jionlp.__file__).parent / "dictionary"


def read_divisions(source_dir: Path | None = None) -> list[dict]:
    """Parse jionlp's location file into rows ``{adcode, name, short_name, level, parent}``.

    Municipalities (北京市 110000) appear in the source as province and again as
    prefecture with the same code; the duplicate is dropped and their districts hang
    from the province. Pseudo-prefectures (省直辖县级行政区划 419000) are kept but get no
    short name, so text matching never finds them. Rows come out in file order, parents
    before children.
    """
    source_dir = source_dir or _jionlp_dictionary_dir()
    rows: list[dict] = []
    seen: set[str] = set()
    parents: list[str | None] = [None, None, None]
    for raw in (source_dir / "china_location.txt").read_text(encoding="utf-8").splitlines():
        depth = len(raw) - len(raw.lstrip("\t"))
        if depth > 2:
            continue
        parts = raw.strip().split("\t")
        if len(parts) != 3:
            continue
        name, adcode, alias = parts
        adcode = FORMER_ADCODES.get(adcode, adcode)
        parent = parents[depth - 1] if depth else None
        parents[depth] = adcode
        if adcode in seen:  # a municipality's prefecture line repeats the province
            continue
        seen.add(adcode)
        short = alias.split("/")[0]
        name, short = CORRECTIONS.get(adcode, (name, short))
        if name.startswith("省直辖") or name.startswith("自治区直辖"):
            name, short = "省直辖县级行政区划", ""
        rows.append(
            {
                "adcode": adcode,
                "name": name,
                "short_name": short,
                "level": LEVELS[depth],
                "parent": parent,
                "former_names": [],
            }
        )
    changes = (source_dir / "china_location_change.txt").read_text(encoding="utf-8").splitlines()
    _attach_former_names(rows, changes + list(LATER_CHANGES))
    return rows


#: Names jionlp's file misspells, by adcode: ``(name, short name)``. 苗栗县 (Miaoli
#: County, Taiwan) is written 苗粟县 there (a new-user pass), so no text naming it matched.
CORRECTIONS = {"710705": ("苗栗县", "苗栗")}

#: Codes jionlp's file gives that GB/T 2260 does not, by jionlp's code: today's code.
#: Two county-level cities carried a code of another prefecture than their parent, so
#: everything that reads a subtree by its code prefix (the list's region filter, compare
#: within a region, facets) put them in the wrong one: 公主岭市 under 四平市 (2203, its
#: code before it moved to 长春市 in 2020; the 2020 census, fixtures/population_2020_county.csv,
#: already gives 220184) and 新星市 under 博尔塔拉 (6509) where it is one of the cities
#: directly under Xinjiang (6590; founded 2021 as 659011, after 胡杨河市 659010).
#: The region page and region lookups read an old code as its new one.
FORMER_ADCODES = {"220381": "220184", "650929": "659011"}

#: Renamings after jionlp's change list ends, in its line format (date, approval, old path
#: => new path). Source: the State Council's approval of January 2019 merging the
#: prefecture-level 莱芜市 into 济南市 as 莱芜区 and 钢城区 (国务院关于同意山东省调整济南市
#: 莱芜市行政区划的批复); the bare 莱芜 names today's 莱芜区.
LATER_CHANGES = ("2019-01-09\t国批\t山东省\t山东\t莱芜市\t莱芜=>山东省\t济南市\t莱芜区",)


def _attach_former_names(rows: list[dict], change_lines: list[str]) -> None:
    """Record old names of renamed divisions (襄樊市 -> 襄阳市) on today's row.

    ``change_lines`` are lines of jionlp's ``china_location_change.txt`` format."""
    by_path: dict[tuple[str, ...], dict] = {}
    by_code = {row["adcode"]: row for row in rows}
    for row in rows:
        chain = []
        node = row
        while node:
            chain.append(node["name"])
            node = by_code.get(node["parent"]) if node["parent"] else None
        by_path[tuple(reversed(chain))] = row
    for line in change_lines:
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old_names = old.split("\t")[2::2]  # date, approval, then (full, short) pairs
        new_path = tuple(p for p in new.split("\t") if p)
        target = by_path.get(new_path)
        old_name = old_names[-1] if old_names else ""
        if target and old_name and old_name != target["name"]:
            if old_name not in target["former_names"]:
                target["former_names"].append(old_name)


def as_fixture(rows: list[dict]) -> list[dict]:
    """Rows as a Django fixture of ``articles.region`` with natural keys."""
    return [
        {
            "model": "articles.region",
            "fields": {
                "adcode": r["adcode"],
                "name": r["name"],
                "short_name": r["short_name"],
                "level": r["level"],
                "parent": [r["parent"]] if r["parent"] else None,
                "former_names": r["former_names"],
            },
        }
        for r in rows
    ]


def write_fixture(path: Path, source_dir: Path | None = None) -> int:
    """Write the Region fixture to ``path``; returns the number of regions written."""
    rows = read_divisions(source_dir)
    path.write_text(
        json.dumps(as_fixture(rows), ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    return len(rows)
