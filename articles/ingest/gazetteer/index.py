"""Loading and indexing of the gazetteer: ``Gazetteer`` built from the fixture
(``Gazetteer.load``, cached per path) or from rows (``from_rows``), its surface forms
indexed by surface (names, former names, aliases, short names; which are risky), and
the lookups by adcode, name and lineage. Scanning a text is ``scan.PlaceScanner``'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from .divisions import LEVEL_DEPTH, Division
from .scan import PlaceScanner
from .surfaces import (
    DEICTIC_PHRASE_RE,
    RISKY_SHORT_NAMES,
    _aliases,
    _common_words,
    _frequent_words,
    _is_zone_short,
)

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "fixtures" / "regions.json"


class Gazetteer(PlaceScanner):
    """Divisions by adcode and by name, parent/ancestor helpers, and a place scanner.

    Build with ``Gazetteer.load()`` (the fixture, cached per path) or
    ``Gazetteer.from_rows(rows)``.

    Rules for bare short names (the source of most false places):

    - risky (``Mention.risky``, needs its province/prefecture just before it): county
      short names that are headwords of jionlp's Chinese word dictionary (锦江, 青山, 南部,
      河口: words, rivers, mountains) or frequent words in jionlp's IDF table (合作 IDF
      5.5), and everything in ``RISKY_SHORT_NAMES`` (振兴, 城区, 东区, 来宾 ...);
    - dropped: a bare short name that a frequent word overlaps across its edge
      (中华人民共和国 has 共和, 市民和 has 民和, 打通城市 has 通城, 理事会理事 has 会理);
    - dropped: a county short name ending like a lake, hill or river (龙湖, 东湖, 江山) glued
      to a character that starts no word of its own (鹤龙湖 is a lake; ``scan``);
    - dropped: a full name that splits into two frequent words with the characters around
      it (新增|城区 is no 增城区, 完成|县级 no 成县; ``scan``);
    - development-zone shorts (高新区, 经开区) are never matched bare.
    """

    def __init__(self, divisions: Iterable[Division]):
        self._by_code: dict[str, Division] = {}
        for d in divisions:
            self._by_code[d.adcode] = d
        self._children: dict[str | None, list[str]] = {}
        for d in self._by_code.values():
            self._children.setdefault(d.parent, []).append(d.adcode)
        # each division's ancestors, walked once here: the locator asks for them for
        # every mention it resolves
        self._ancestors: dict[str, tuple[str, ...]] = {
            code: tuple(self._walk_up(code)) for code in self._by_code
        }
        self._forms: dict[str, dict[str, list[str]]] = {}  # surface -> form -> adcodes
        common = _common_words()
        self._frequent = _frequent_words()
        self._risky_shorts: set[str] = set()
        for d in self._by_code.values():
            self._add_division(d, common)
        # full names that are generic words (东区, 城区, 郊区) are as risky as short ones
        for surface, forms in self._forms.items():
            if "name" in forms and surface in RISKY_SHORT_NAMES:
                self._risky_shorts.add(surface)
        self._numeral_names: frozenset[str] | None = None
        self._full_names: frozenset[str] | None = None
        # the lengths of the surfaces by their first two characters and where a surface
        # can start, for the scan (``PlaceScanner._index_starts``)
        self._index_starts()

    def _add_division(self, d: Division, common: frozenset[str]) -> None:
        """Index the surfaces of one division: its name, former names, aliases and short
        name (marked risky when it is an everyday word, see the class docstring)."""
        if not d.short_name and d.name.startswith(("省直辖", "自治区直辖")):
            return
        self._add(d.name, "name", d.adcode)
        for former in d.former_names:
            self._add(former, "former", d.adcode)
        for alias in _aliases(d):
            self._add(alias, "alias", d.adcode)
        short = d.short_name
        if short and short != d.name and len(short) >= 2 and not _is_zone_short(short):
            self._add(short, "short", d.adcode)
            # a short name that was once a city's own name (莱芜 of 莱芜市, now 莱芜区)
            # is a place name first, whatever else the dictionary says it means
            was_city = any(f.startswith(short) for f in d.former_names)
            everyday = short in common or short in self._frequent
            if (
                short in RISKY_SHORT_NAMES
                or DEICTIC_PHRASE_RE.match(short)
                or (d.level == "county" and everyday and not was_city)
            ):
                self._risky_shorts.add(short)

    def _add(self, surface: str, form: str, adcode: str) -> None:
        codes = self._forms.setdefault(surface, {}).setdefault(form, [])
        if adcode not in codes:
            codes.append(adcode)

    # -- construction -----------------------------------------------------------------

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping]) -> Gazetteer:
        """Build from rows ``{adcode, name, short_name, level, parent, former_names}``.

        ``parent`` may be ``[adcode]`` (fixture natural key), an adcode string or None.
        Raises ``KeyError``/``ValueError`` for a row missing a field or with a bad level.
        """
        divisions = []
        for row in rows:
            parent = row.get("parent")
            if isinstance(parent, list | tuple):
                parent = parent[0] if parent else None
            level = row["level"]
            if level not in LEVEL_DEPTH:
                raise ValueError(f"unknown level {level!r} for adcode {row['adcode']}")
            divisions.append(
                Division(
                    adcode=str(row["adcode"]),
                    name=row["name"],
                    short_name=row.get("short_name") or "",
                    level=level,
                    parent=parent,
                    former_names=tuple(row.get("former_names") or ()),
                )
            )
        return cls(divisions)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """The gazetteer from a Django fixture (default ``fixtures/regions.json``), cached."""
        return _load_cached(str(Path(path) if path else DEFAULT_PATH))

    # -- lookups ----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, adcode: object) -> bool:
        return adcode in self._by_code

    def get(self, adcode: str) -> Division | None:
        """The division with this adcode, or None."""
        return self._by_code.get(adcode)

    def __getitem__(self, adcode: str) -> Division:
        return self._by_code[adcode]

    def _lookup(self, surface: str, form: str) -> list[Division]:
        return [self._by_code[c] for c in self._forms.get(surface, {}).get(form, [])]

    def by_name(self, name: str) -> list[Division]:
        """Divisions whose full name is ``name`` (several for 鼓楼区)."""
        return self._lookup(name, "name")

    def by_short_name(self, short: str) -> list[Division]:
        """Divisions whose short name is ``short`` (旺苍 -> 旺苍县)."""
        return [d for d in self._by_code.values() if d.short_name == short]

    def by_former_name(self, name: str) -> list[Division]:
        """Today's divisions that were once called ``name`` (襄樊市 -> 襄阳市)."""
        return self._lookup(name, "former")

    def lookup(self, surface: str) -> list[Division]:
        """Every division a surface form can denote: full, alias, former or short name."""
        seen: list[str] = []
        for codes in self._forms.get(surface, {}).values():
            seen.extend(c for c in codes if c not in seen)
        return [self._by_code[c] for c in seen]

    def parent(self, adcode: str) -> Division | None:
        """The parent division, or None for a province (or an unknown code)."""
        d = self._by_code.get(adcode)
        return self._by_code.get(d.parent) if d and d.parent else None

    def ancestors(self, adcode: str) -> list[str]:
        """Adcodes above ``adcode``, nearest first (county -> prefecture -> province); a
        new list each call, ``[]`` for an unknown code."""
        return list(self._ancestors.get(adcode, ()))

    def _walk_up(self, adcode: str) -> list[str]:
        """``ancestors`` by walking the parents (run once per division, at load)."""
        out = []
        d = self._by_code.get(adcode)
        while d and d.parent and d.parent in self._by_code:
            out.append(d.parent)
            d = self._by_code[d.parent]
        return out

    def lineage(self, adcode: str) -> list[str]:
        """``adcode`` followed by its ancestors."""
        return [adcode, *self._ancestors.get(adcode, ())]

    def children(self, adcode: str) -> list[str]:
        """Adcodes directly below ``adcode``."""
        return list(self._children.get(adcode, ()))

    def is_ancestor(self, ancestor: str, adcode: str) -> bool:
        """True if ``ancestor`` is strictly above ``adcode``."""
        return ancestor in self.ancestors(adcode)

    def province_of(self, adcode: str) -> str | None:
        """The province-level adcode containing ``adcode`` (itself for a province)."""
        chain = self.lineage(adcode) if adcode in self._by_code else []
        return chain[-1] if chain else None

    def common_ancestor(self, adcodes: Iterable[str]) -> str | None:
        """The most specific division containing all ``adcodes`` (one of them if it
        contains the others), or None when they lie in different provinces."""
        codes = [c for c in adcodes if c in self._by_code]
        if not codes:
            return None
        common = self.lineage(codes[0])
        for c in codes[1:]:
            line = set(self.lineage(c))
            common = [a for a in common if a in line]
        return common[0] if common else None

    def names_with_numerals(self) -> frozenset[str]:
        """Every name, former name and alias, and every short name of three characters or
        more, that holds a Chinese numeral (七台河市, 七台河, 三门峡市, 六盘水, 三台县), for the
        extractor to mask (``extract_quantities(proper_names=...)``): their numerals count
        nothing. Two-character short names (三台, 三元, 万年) are left out: they are as often
        a count (三台设备, 每斤三元). Computed once per gazetteer."""
        if self._numeral_names is None:
            self._numeral_names = frozenset(
                surface
                for surface, forms in self._forms.items()
                if any(ch in _NUMERAL_CHARS for ch in surface)
                and (len(surface) >= 3 or set(forms) - {"short"})
                and len(surface) >= 2
            )
        return self._numeral_names

    def full_names(self) -> frozenset[str]:
        """Every name, former name and alias (宣城市, 塔城市, 莱芜市), no short names: the
        names ``IndicatorCatalog.assign`` keeps phrases from starting inside (宣城市低保标准
        is no 城市低保标准). Computed once per gazetteer."""
        if self._full_names is None:
            self._full_names = frozenset(
                surface for surface, forms in self._forms.items() if set(forms) - {"short"}
            )
        return self._full_names


_NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿")


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Gazetteer:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rows = [entry["fields"] if "fields" in entry else entry for entry in data]
    return Gazetteer.from_rows(rows)
