"""English names of administrative divisions: pinyin of the place plus the type of
division, "旺苍县" -> "Wangcang County", "广元市" -> "Guangyuan City", "四川省" -> "Sichuan
Province", "凉山彝族自治州" -> "Liangshan Yi Autonomous Prefecture" (issue 10.8).

Pinyin comes from pypinyin (its phrase dictionary reads 重庆 as Chongqing, 长沙 as
Changsha); the syllables are joined, capitalised, with an apostrophe before a syllable that
starts with a, o or e (Xi'an, Lu'an), as in GB/T 16159 and the UN's romanisation of
Chinese place names. The division types are the suffixes of GB/T 2260 names. A few names
whose reading pypinyin gets wrong or whose English form is conventional are in
``PLACE_OVERRIDES``; minority-language exonyms (Golmud, Urumqi, Lhasa) are in ``EXONYMS``
(migration 0020 applies them to stored names). Stored once per region (``Region.name_en``, migration 0014 and
``reference.sync_reference_data``), so pages never call pypinyin.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin

#: (suffix, English type) longest first; "市" of a province is a municipality.
SUFFIXES = [
    ("省直辖县级行政区划", "County-level Divisions"),
    ("特别行政区", "Special Administrative Region"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("林区", "Forestry District"),
    ("矿区", "Mining District"),
    ("特区", "Special District"),
    ("新区", "New Area"),
    ("地区", "Prefecture"),
    ("省", "Province"),
    ("市", "City"),
    ("县", "County"),
    ("区", "District"),
    ("旗", "Banner"),
    ("盟", "League"),
]
AUTONOMOUS = {"自治区", "自治州", "自治县", "自治旗"}

#: Places whose pypinyin reading is wrong here or whose English name is conventional.
PLACE_OVERRIDES = {
    "陕西": "Shaanxi",
    "内蒙古": "Inner Mongolia",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "朝阳": "Chaoyang",
    "单": "Shan",
    "番禺": "Panyu",
    "什邡": "Shifang",
    "六安": "Lu'an",
}
#: Conventional English names (exonyms) of places in Xinjiang, Tibet, Qinghai and Inner
#: Mongolia, whose names are transcribed from Uygur, Tibetan or Mongolian rather than read
#: as Mandarin pinyin: the forms used by Xinhua's English service and the NBS English
#: yearbooks (China Statistical Yearbook), following the State Council's 1976 rules for
#: romanising minority-language place names (diacritics dropped: Urumqi, Xigaze).
EXONYMS = {
    "格尔木": "Golmud",
    "乌鲁木齐": "Urumqi",
    "呼和浩特": "Hohhot",
    "拉萨": "Lhasa",
    "喀什": "Kashgar",
    "和田": "Hotan",
    "阿克苏": "Aksu",
    "库尔勒": "Korla",
    "吐鲁番": "Turpan",
    "哈密": "Hami",
    "阿勒泰": "Altay",
    "伊犁": "Ili",
    "日喀则": "Xigaze",
    "林芝": "Nyingchi",
    "昌都": "Qamdo",
}
#: Ethnic groups whose English name is not their pinyin.
ETHNIC = {"维吾尔": "Uygur", "蒙古": "Mongol", "藏": "Tibetan", "哈萨克": "Kazak"}


def pinyin_name(chinese: str) -> str:
    """'旺苍' -> 'Wangcang', '西安' -> "Xi'an", '格尔木' -> 'Golmud' (``EXONYMS``); characters that are not Chinese are kept."""
    if chinese in PLACE_OVERRIDES:
        return PLACE_OVERRIDES[chinese]
    if chinese in EXONYMS:
        return EXONYMS[chinese]
    syllables = lazy_pinyin(chinese)
    text = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        text += ("'" if syllable[:1] in "aoe" else "") + syllable
    return text[:1].upper() + text[1:]


def _ethnic(text: str) -> str:
    """'彝族' -> 'Yi', '苗族侗族' -> 'Miao and Dong', '维吾尔' -> 'Uygur'."""
    groups = [g for g in text.split("族") if g]
    names = [ETHNIC.get(g, pinyin_name(g)) for g in groups]
    return " and ".join(names)


@lru_cache(maxsize=8192)
def english_region_name(name: str, short_name: str = "", level: str = "") -> str:
    """The English name of a GB/T 2260 division ``name`` (its ``short_name`` and
    ``level`` from the gazetteer separate the place from an ethnic group and tell a
    municipality from a city). '' stays ''. Cached (a pure function of its arguments):
    each ``sync_reference_data`` names all ~3,400 regions again, ~0.3 s of pypinyin."""
    if not name:
        return ""
    match = next(
        ((suffix, kind) for suffix, kind in SUFFIXES if name.endswith(suffix) and name != suffix),
        None,
    )
    if match is None:
        return pinyin_name(name)
    suffix, kind = match
    stem = name[: -len(suffix)]
    if suffix == "市" and level == "province":
        kind = "Municipality"
    if suffix in AUTONOMOUS:
        place = short_name if short_name and stem.startswith(short_name) else ""
        if not place:  # "新疆维吾尔": no short name to split on; keep the known groups
            place = next((stem[: -len(e)] for e in ETHNIC if stem.endswith(e)), stem)
        ethnic = _ethnic(stem[len(place) :])
        return " ".join(p for p in (pinyin_name(place), ethnic, kind) if p)
    return f"{pinyin_name(stem)} {kind}"


#: The English division types of ``SUFFIXES`` (and a province-level 市), longest first.
ENGLISH_KINDS = sorted({kind for _, kind in SUFFIXES} | {"Municipality"}, key=len, reverse=True)


def bare_english_names(name: str, short_name: str, name_en: str) -> set[str]:
    """The lower-cased English names of a region without its division type, the forms a
    reader types alone: ``Wangcang County`` -> ``{"wangcang"}``; an autonomous division
    also without its ethnic groups, ``Liangshan Yi Autonomous Prefecture`` (凉山彝族自治州,
    short name 凉山) -> ``{"liangshan yi", "liangshan"}``. Empty when ``name_en`` ends in
    no known type. Reads the stored names only (no pypinyin): the ethnic part is one word
    per 族 of the Chinese name after ``short_name``, joined by "and" (``english_region_name``)."""
    kind = next((k for k in ENGLISH_KINDS if name_en.endswith(" " + k)), None)
    if kind is None:
        return set()
    words = name_en[: -len(kind) - 1].split()
    found = {" ".join(words).lower()}
    suffix = next((s for s in AUTONOMOUS if name.endswith(s)), "")
    if suffix and short_name and name.startswith(short_name):
        groups = [g for g in name[len(short_name) : -len(suffix)].split("族") if g]
        if groups and len(words) > 2 * len(groups) - 1:
            found.add(" ".join(words[: len(words) - (2 * len(groups) - 1)]).lower())
    return found
