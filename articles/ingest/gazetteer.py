"""The GB/T 2260 gazetteer in memory: lookups by name and a fast place-name scanner.

Data: ``fixtures/regions.json`` (Django fixture, natural key ``adcode``), 3,390 divisions
to county level built from the gazetteer jionlp ships (``manage.py build_regions``). Each
row is ``{adcode, name, short_name, level, parent, former_names}`` where ``level`` is
``province | prefecture | county`` and ``parent`` is ``[adcode]`` or null.

Surface forms the scanner recognizes, each tagged with its ``form``:

- ``name``: the full name (四川省, 旺苍县, 伊犁哈萨克自治州);
- ``alias``: the short name plus a plain level suffix, for autonomous units whose full
  name is long (伊犁州, 海西州, 北川县 for 北川羌族自治县, 鄂伦春旗), and 省 for provinces
  without it in the name (never needed for 四川省, added only when missing);
- ``former``: a name the division had before a renaming (襄樊市 -> 襄阳市 420600), from
  jionlp's ``china_location_change.txt``;
- ``short``: the bare short name (旺苍, 成都, 内蒙古). Bare short names are the risky
  form, see ``Mention.risky``.

The scanner is leftmost-longest over a dict keyed by first character (built once), so a
page of a few thousand characters scans in about a millisecond.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text import jionlp_data_lines
from .vocabulary import PROPER_NAME_ENDS, VENUE_ENDS, ZONE_SUFFIXES, word_trie

__all__ = ["Division", "Mention", "Gazetteer", "LEVEL_DEPTH", "DEFAULT_PATH", "names_venue"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "fixtures" / "regions.json"

LEVEL_DEPTH = {"province": 0, "prefecture": 1, "county": 2}

# Bare short names that are everyday words in governance reporting, so they need a
# suffix (振兴区) or their province/prefecture just before them (丹东振兴) to count.
# Complements the dictionary test in ``_common_words`` (see ``Mention.risky``).
RISKY_SHORT_NAMES = frozenset(
    "振兴 平安 文明 建设 前进 胜利 团结 光明 红旗 向阳 东风 友谊 工农 红星 新华 和平 民主 "
    "城关 新城 城中 市中 城东 城西 城南 城北 东区 西区 郊区 矿区 城区 新区 长安 永安 安宁 "
    "太平 吉利 大方 开放 先锋 来宾 日照 白银 中山 黄山 宝山 青山 南山 北山 东山 西山 "
    "南部 东部 西部 北部 中部 河口 江口 大安 长宁 普陀 西湖 东湖 和平 新兴 江北 河东 "
    "河西 铁东 铁西 桥东 桥西 海北 海南 海东 海西 滨海 临港 白云 龙华 朝阳 大通 清河 "
    "新乡 安阳 承德 长春 四平 铜川 白山 三明 兴安 太和 永宁 锦江 金牛 城厢 沙湾 高新 经开".split()
)

# Short names that read as "the whole/this <level>" in reports: 全州 is 全州县 (Guilin) but
# "全州森林覆盖率" means the whole prefecture; 全区/本市/我县 likewise.
DEICTIC_PHRASE_RE = re.compile(r"^[全本我该各][省市县区州旗盟镇乡]$")

# Words after a place name that make it part of another proper name: a road, street,
# town, estate, park or institution (成都路, 南京东路, 海北街道, 嘉禾小区, 东湖公园).
_NOT_REGION_AFTER_NAME = (
    "大街",
    "大道",
    "东路",
    "西路",
    "南路",
    "北路",
    "中路",
    "路",
    "街",
    "巷",
    "胡同",
)
_NOT_REGION_AFTER_SHORT = _NOT_REGION_AFTER_NAME + (
    "街道",
    "镇",
    "乡",
    "村",
    "社区",
    "小区",
    "公园",
    "广场",
    "大桥",
    "桥",
    "机场",
    "站",
    "湖",
    "大学",
    "中学",
    "小学",
    "学院",
    "医院",
    "宾馆",
    "饭店",
    "酒店",
    "花园",
    "苑",
    "体育",
    "大厦",
    "商场",
    "景区",
    "古镇",
    "湿地",
    "水库",
    "号",
)

#: How far after a bare short name a proper-name end is looked for (北京万商天勤律师事务所).
PROPER_NAME_SPAN = 10

# Characters that cannot sit inside a firm or estate name between the place and its end:
# punctuation, digits, function words and the level suffixes of a division.
_PROPER_NAME_BREAK_RE = re.compile(
    r"[\s，。；：、！？,.;:!?（）()《》“”\"'0-9０-９的了在是和与及等对将把被向从到有已共全"
    r"县市区省镇乡村旗州盟建推开举召投完启实组]"
)


@dataclass(frozen=True)
class Division:
    """One GB/T 2260 division. ``parent`` is the parent adcode (None for provinces)."""

    adcode: str
    name: str
    short_name: str
    level: str
    parent: str | None
    former_names: tuple[str, ...] = ()

    @property
    def depth(self) -> int:
        """0 province, 1 prefecture, 2 county."""
        return LEVEL_DEPTH[self.level]


@dataclass(frozen=True)
class Mention:
    """A place-name occurrence in a text.

    ``start``/``end`` index the scanned text; ``candidates`` are the adcodes the surface
    can denote (several for 鼓楼区); ``form`` is name | alias | former | short; ``risky``
    is True for a bare short name that is also an everyday word (see ``Gazetteer``), which
    counts only with its province/prefecture immediately before it.
    """

    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]
    form: str
    risky: bool = False


class Gazetteer:
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
        # the lengths of the surfaces by their first two characters, longest first, and
        # a pattern finding where a surface can start (its first two characters, or a
        # surface of one character: none in GB/T 2260), so the scan skips the other
        # characters in C
        self._lengths: dict[str, tuple[int, ...]] = {}
        for surface in self._forms:
            lens = set(self._lengths.get(surface[:2], ()))
            lens.add(len(surface))
            self._lengths[surface[:2]] = tuple(sorted(lens, reverse=True))
        longer = [s for s in self._forms if len(s) > 1]
        singles = [s for s in self._forms if len(s) == 1]
        starts = []
        if longer:
            firsts, seconds = _char_class(s[0] for s in longer), _char_class(s[1] for s in longer)
            starts.append(f"{firsts}(?={seconds})")
        if singles:
            starts.append(_char_class(singles))
        starts = "|".join(starts) or r"(?!)"  # no surface: nothing starts anywhere
        self._start_re = re.compile(starts)

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

    # -- scanning ---------------------------------------------------------------------

    #: ``scan`` remembers this many recent texts: the splitter and the locator scan the
    #: same lines and bodies again (213 scans of 66 distinct texts on the sample page).
    SCAN_CACHE_SIZE = 512

    def scan(self, text: str) -> list[Mention]:
        """Place-name mentions in ``text``, leftmost-longest, in text order (a new list
        each call; results are remembered per text, see ``SCAN_CACHE_SIZE``).
        Same rules as ``_scan``."""
        cache = self.__dict__.setdefault("_scan_cache", {})
        found = cache.get(text)
        if found is None:
            if len(cache) >= self.SCAN_CACHE_SIZE:
                cache.clear()  # a simple bound: pages rarely share lines
            found = cache[text] = tuple(self._scan(text))
        return list(found)

    def may_name_at(self, text: str, i: int) -> bool:
        """False when no surface of the gazetteer starts at ``text[i]`` (its first two
        characters open none): then ``scan(text)`` has no mention starting at ``i``. A
        quick test for a caller that needs a name at one position only."""
        return text[i : i + 2] in self._lengths or text[i : i + 1] in self._forms

    def scan_tail(self, text: str, start: int) -> list[Mention]:
        """``scan(text[start:])`` taken from ``scan(text)`` when ``text[start - 1]`` is a
        line break (and remembered as that text's scan): the locator scans headline,
        dateline place and body as one text, then the metric regions the body alone.

        The two agree because no name holds a line break and a mention's checks look
        back only for frequent words (which hold none either): a mention before the
        break ends before it, and the scan after it starts afresh. Without a line break
        at ``start - 1`` the tail is scanned on its own.
        """
        tail = text[start:]
        if start and text[start - 1] != "\n":
            return self.scan(tail)
        found = tuple(
            Mention(m.start - start, m.end - start, m.surface, m.candidates, m.form, m.risky)
            for m in self.scan(text)
            if m.start >= start
        )
        cache = self.__dict__.setdefault("_scan_cache", {})
        if len(cache) >= self.SCAN_CACHE_SIZE:
            cache.clear()
        cache[tail] = found
        return list(found)

    def _scan(self, text: str) -> list[Mention]:
        """Place-name mentions in ``text``, leftmost-longest, in text order.

        Matches inside a road/street/estate name are dropped (成都路, 南京东路, 海北街道,
        嘉禾小区): a full name followed by 路/街/大道/巷, a short name also by 街道/镇/
        村/小区/公园 and the like. Candidates of a bare short name are cut to the highest
        level present (吉林 -> the province, 红河 -> the prefecture). ``text`` should be the
        Simplified view (``articles.text.to_simplified``) when Traditional characters may occur.
        """
        out: list[Mention] = []
        i, n = 0, len(text)
        forms_map, lengths = self._forms, self._lengths
        # every position the start pattern allows (its matches are one character wide, so
        # ``finditer`` meets each), kept when its first two characters open a surface: the
        # pattern's classes let through about nine positions in ten that open none, and
        # dropping them here, in one comprehension, spares each a turn of the loop below
        starts = [m.start() for m in self._start_re.finditer(text)]
        starts = [p for p in starts if text[p : p + 2] in lengths or text[p] in forms_map]
        for start in starts:
            if start < i:
                continue  # inside the mention found last
            i = start
            hit = None
            for length in lengths.get(text[i : i + 2], ()):
                if i + length > n:
                    continue
                surface = text[i : i + length]
                forms = forms_map.get(surface)
                if forms is not None:
                    hit = (surface, forms)
                    break
            if hit is None and text[i] in forms_map:  # a surface of one character
                hit = (text[i], forms_map[text[i]])
            if hit is None:
                i += 1
                continue
            surface, forms = hit
            end = i + len(surface)
            mention = self._mention(text, i, end, surface, forms)
            if mention is None:
                i += 1
                continue
            out.append(mention)
            i = end
        return out

    def _mention(self, text: str, start: int, end: int, surface: str, forms) -> Mention | None:
        after = text[end : end + 2]
        strong = [f for f in ("name", "alias", "former") if f in forms]
        if strong:
            if after.startswith(_NOT_REGION_AFTER_NAME):
                return None
            codes: list[str] = []
            for f in strong:
                codes.extend(c for c in forms[f] if c not in codes)
            form = strong[0]
            risky = surface in self._risky_shorts
        else:
            if after.startswith(_NOT_REGION_AFTER_SHORT):
                return None
            if text.startswith(ZONE_SUFFIXES, end) or _starts_proper_name(text, end):
                return None
            if _inside_common_word(text, start, end, self._frequent):
                return None
            codes = list(forms["short"])
            top = min(self._by_code[c].depth for c in codes)
            codes = [c for c in codes if self._by_code[c].depth == top]
            form = "short"
            risky = surface in self._risky_shorts and top > 0
        return Mention(start, end, surface, tuple(codes), form, risky)


_NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿")


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars`` (escaped, in code-point order)."""
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _starts_proper_name(text: str, end: int, ends: tuple[str, ...] = PROPER_NAME_ENDS) -> bool:
    """True if ``text[end:]`` completes a firm, institution, street or estate name.

    Within ``PROPER_NAME_SPAN`` characters after the place name one of ``ends``
    must follow, with no ``_PROPER_NAME_BREAK_RE`` character before it (粮油加工厂,
    万商天勤律师事务所, 风情街, 城小区; not 新建污水处理厂, whose 建 is a verb).
    """
    window = text[end : end + PROPER_NAME_SPAN]
    # the leftmost end found decides: a break before it is before every other end too
    first = _ends_regex(ends).search(window)
    return first is not None and not _PROPER_NAME_BREAK_RE.search(window, 0, first.start())


@lru_cache(maxsize=8)
def _ends_regex(ends: tuple[str, ...]) -> re.Pattern:
    """One pattern finding the leftmost of ``ends`` (a trie, ``vocabulary.word_trie``)."""
    return re.compile(word_trie(ends))


def names_venue(text: str, end: int) -> bool:
    """True if a venue's name (天一广场, 市民公园, see ``VENUE_ENDS``) follows ``text[:end]``."""
    return _starts_proper_name(text, end, VENUE_ENDS)


_ETHNIC_RE = re.compile(r"^(?P<people>[^族]{1,5}?)族")


def _ethnic_abbreviation(d: Division, suffix: str) -> str | None:
    """The everyday short form of an autonomous county: the first character of its place
    name and of its (first) people, then 县 (阜新蒙古族自治县 -> 阜蒙县, 杜尔伯特蒙古族自治县
    -> 杜蒙县), as county papers and the State Council's own lists write them."""
    rest = d.name[len(d.short_name) :] if d.name.startswith(d.short_name) else ""
    match = _ETHNIC_RE.match(rest)
    if not match:
        return None
    return d.short_name[0] + match.group("people")[0] + suffix


def _aliases(d: Division) -> list[str]:
    """Plain-suffix forms of autonomous units (伊犁州, 北川县, 鄂伦春旗), their everyday
    abbreviations (阜蒙县, see ``_ethnic_abbreviation``) and 省 for provinces."""
    short, name = d.short_name, d.name
    if not short or len(short) < 2:
        return []
    out = []
    if name.endswith("自治州") and short + "州" != name:
        out.append(short + "州")
    elif name.endswith("自治县"):
        out.append(short + "县")
        abbreviation = _ethnic_abbreviation(d, "县")
        if abbreviation:
            out.append(abbreviation)
    elif name.endswith("自治旗"):
        out.append(short + "旗")
    elif name.endswith("地区") and d.level == "prefecture":
        out.append(short + "地区")
    if d.level == "province" and name.endswith("自治区"):
        out.append(short + "区")  # 宁夏区, 广西区 as printed in regional papers
    return [a for a in out if a != name]


def _is_zone_short(short: str) -> bool:
    """Short names of development zones (高新区, 经开区, 产业园) and generic 区 shorts."""
    return short.endswith(("区", "园")) or "开发" in short


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Headwords of jionlp's Chinese word dictionary (``chinese_word_dictionary.txt``)."""
    return frozenset(
        line.split("\t", 1)[0].strip() for line in jionlp_data_lines("chinese_word_dictionary.txt")
    )


FREQUENT_WORD_MAX_IDF = 9.0


@lru_cache(maxsize=1)
def _frequent_words() -> dict[str, float]:
    """{word: idf} for 2-4 character words with IDF below ``FREQUENT_WORD_MAX_IDF``.

    From jionlp's ``idf.txt`` (270k words with inverse document frequency over a news
    corpus): the words common enough that a place short name glued into one of them
    (共和国 around 共和, 居民和 around 民和, 城市 after 通) is not a place.
    """
    words: dict[str, float] = {}
    for line in jionlp_data_lines("idf.txt"):
        word, _, idf = line.rstrip("\n").partition("\t")
        if 2 <= len(word) <= 4:
            try:
                value = float(idf)
            except ValueError:
                continue
            if value < FREQUENT_WORD_MAX_IDF:
                words[word] = value
    return words


def _inside_common_word(text: str, start: int, end: int, words) -> bool:
    """True if a frequent word overlaps ``text[start:end]`` across one of its edges."""
    # the windows text[p:q] of 2-4 characters from p >= start - 3 that hold an edge
    # inside (p < edge < q), edge by edge (``_EDGE_WINDOWS``): the same windows as
    # testing every p, q near the name for "crosses an edge", without the ones that
    # cross none
    n = len(text)
    for edge in (start, end):
        for dp, dq in _EDGE_WINDOWS:
            p, q = edge + dp, edge + dq
            if p >= 0 and q <= n and text[p:q] in words:
                return True
    return False


#: ``(p - edge, q - edge)`` of the windows ``text[p:q]`` of 2-4 characters that hold
#: ``edge`` inside: p < edge < q and q - p <= 4.
_EDGE_WINDOWS = tuple((dp, dq) for dp in (-3, -2, -1) for dq in range(1, dp + 5))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Gazetteer:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rows = [entry["fields"] if "fields" in entry else entry for entry in data]
    return Gazetteer.from_rows(rows)
