"""English names of administrative divisions: pinyin of the place plus the type of
division, "旺苍县" -> "Wangcang County", "广元市" -> "Guangyuan City", "四川省" -> "Sichuan
Province", "凉山彝族自治州" -> "Liangshan Yi Autonomous Prefecture" (issue 10.8).

Pinyin comes from pypinyin (its phrase dictionary reads 重庆 as Chongqing, 长沙 as
Changsha); the syllables are joined, capitalised, with an apostrophe before a syllable that
starts with a, o or e (Xi'an, Lu'an), as in GB/T 16159 and the UN's romanisation of
Chinese place names. The division types are the suffixes of GB/T 2260 names. A few names
whose reading pypinyin gets wrong or whose English form is conventional are in
``PLACE_OVERRIDES``; minority-language exonyms (Golmud, Urumqi, Lhasa) are in ``EXONYMS``
(migration 0020 applies them to stored names). Functional zones (development zones,
industrial parks: GB/T 2260 codes xx7x) are named by their type, ``ZONE_TYPES``, after the
places their names start with (``zone_stem_words``); 长 in a place reads chang
(``ZHANG_PLACES`` the exception); migration 0036 applies both. Stored once per region (``Region.name_en``, migration 0014 and
``reference.sync_reference_data``), so pages never call pypinyin.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

#: (suffix, English type) longest first; "市" of a province is a municipality.
SUFFIXES = [
    ("行政委员会", "Administrative Committee"),
    ("联合旗", "United Banner"),
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
    "漯河": "Luohe",
    "三都": "Sandu",
    # a character read one way here and another in other places (荥阳 Xingyang, 牟平
    # Muping, 六盘水 Liupanshui, 洞头 Dongtou)
    "荥经": "Yingjing",
    "中牟": "Zhongmou",
    "六合": "Luhe",
    "洪洞": "Hongtong",
}
#: 长 in a place name reads cháng (长沙, 长治, 长宁, 天长, 弓长岭); pypinyin read zhǎng in
#: most of them (Zhangzhi City, Tianzhang City). 长子县 is the one that reads Zhǎngzǐ.
ZHANG_PLACES = {"长子"}
#: Characters read one way in every place name of GB/T 2260 where pypinyin, reading them
#: as common words, takes another (checked against the names of every region holding
#: them): 勒 lè not lēi (策勒 Cele, 尼勒克 Nileke, 霍林郭勒 Huolinguole), 都 dū not dōu
#: (丰都, 宁都, 都匀), 伽 jiā (伽师 Jiashi), 浚 xùn (浚县 Xun), 蔚 yù (蔚县 Yu), 涡 guō (涡阳
#: Guoyang), 筠 jūn (筠连 Junlian), 覃 qín (覃塘 Qintang), 峙 shì (繁峙 Fanshi), 柏 bǎi
#: (万柏林 Wanbailin); 长 cháng (above). A new-user pass read "Celei County".
PLACE_READINGS = {
    "长": "chang",
    "勒": "le",
    "都": "du",
    "伽": "jia",
    "浚": "xun",
    "蔚": "yu",
    "涡": "guo",
    "筠": "jun",
    "覃": "qin",
    "峙": "shi",
    "柏": "bai",
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
    "科尔沁": "Horqin",
    "察哈尔": "Qahar",
    "喀喇沁": "Harqin",
    "达尔罕茂明安": "Darhan Muminggan",
    "莫力达瓦": "Morin Dawa",
    "克孜勒苏": "Kizilsu",
    "塔什库尔干": "Taxkorgan",
    "大柴旦": "Da Qaidam",
    # Heilongjiang's Manchu and Daur names, Inner Mongolia's, Xinjiang's and Tibet's
    # leagues, cities and prefectures, as the NBS English yearbooks write them (a new-user
    # pass read Ha'erbin City and could not find Harbin)
    "哈尔滨": "Harbin", "齐齐哈尔": "Qiqihar", "呼伦贝尔": "Hulunbuir", "鄂尔多斯": "Ordos",
    "锡林郭勒": "Xilingol", "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab",
    "二连浩特": "Erenhot", "克拉玛依": "Karamay", "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin", "阿图什": "Artux", "奎屯": "Kuytun", "阿拉尔": "Aral",
    "图木舒克": "Tumxuk", "可克达拉": "Kokdala", "那曲": "Nagqu", "阿里": "Ngari",
    "库车": "Kuqa",
    "果洛": "Golog",
    # the banners of Inner Mongolia (the NBS English yearbooks' forms)
    "四子王": "Siziwang", "扎赉特": "Jalaid", "土默特": "Tumed", "新巴尔虎": "New Barag",
    "陈巴尔虎": "Old Barag", "阿荣": "Arun", "乌拉特": "Urad", "杭锦": "Hanggin",
    "克什克腾": "Hexigten", "巴林": "Bairin", "敖汉": "Aohan", "翁牛特": "Ongniud",
    "阿鲁科尔沁": "Ar Horqin", "奈曼": "Naiman", "库伦": "Hure", "扎鲁特": "Jarud",
    "乌审": "Uxin", "伊金霍洛": "Ejin Horo", "准格尔": "Jungar", "达拉特": "Dalad",
    "鄂托克": "Otog", "东乌珠穆沁": "East Ujimqin", "西乌珠穆沁": "West Ujimqin",
    "太仆寺": "Taibus", "正蓝": "Plain Blue", "正镶白": "Plain and Bordered White",
    "镶黄": "Bordered Yellow", "苏尼特": "Sonid", "阿巴嘎": "Abag", "阿拉善": "Alxa",
    "额济纳": "Ejina",
}  # fmt: skip
#: The 55 minority nationalities by their Chinese names, with the English names of the
#: State Ethnic Affairs Commission's list (and of the names of autonomous areas, e.g.
#: Kizilsu Kirgiz, Morin Dawa Daur): an autonomous area's name ends in one or more of them,
#: with 族 or without (克孜勒苏柯尔克孜自治州), and a district may end in one with 族
#: (顺河回族区: Shunhe Hui District).
ETHNIC = {
    "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao",
    "彝": "Yi", "壮": "Zhuang", "布依": "Bouyei", "朝鲜": "Korean", "满": "Manchu",
    "侗": "Dong", "瑶": "Yao", "白": "Bai", "土家": "Tujia", "哈尼": "Hani",
    "哈萨克": "Kazak", "傣": "Dai", "黎": "Li", "傈僳": "Lisu", "佤": "Va", "畲": "She",
    "高山": "Gaoshan", "拉祜": "Lahu", "水": "Sui", "东乡": "Dongxiang", "纳西": "Naxi",
    "景颇": "Jingpo", "柯尔克孜": "Kirgiz", "土": "Tu", "达斡尔": "Daur", "仫佬": "Mulao",
    "羌": "Qiang", "布朗": "Blang", "撒拉": "Salar", "毛南": "Maonan", "仡佬": "Gelao",
    "锡伯": "Xibe", "阿昌": "Achang", "普米": "Pumi", "塔吉克": "Tajik", "怒": "Nu",
    "乌孜别克": "Uzbek", "俄罗斯": "Russian", "鄂温克": "Ewenki", "德昂": "Deang",
    "保安": "Bonan", "裕固": "Yugur", "京": "Gin", "塔塔尔": "Tatar", "独龙": "Derung",
    "鄂伦春": "Oroqen", "赫哲": "Hezhen", "门巴": "Monba", "珞巴": "Lhoba", "基诺": "Jino",
}  # fmt: skip
#: ``ETHNIC``'s names, longest first: 达斡尔 is tried before any shorter name it ends in.
_ETHNIC_LONGEST_FIRST = sorted(ETHNIC, key=len, reverse=True)
#: The gazetteer's name of every pseudo-prefecture: the prefecture-level group of counties
#: a province administers directly (河南 419000, 湖北 429000, 海南 469000, 新疆 659000,
#: 台湾 710700; ``gazetteer_build.read_divisions``).
PSEUDO_PREFECTURE = "省直辖县级行政区划"
#: Whole names that are no place plus a type: the pseudo-prefectures of counties a
#: province (or autonomous region) administers directly, and the islands of 中沙.
WHOLE_NAMES = {
    PSEUDO_PREFECTURE: "County-level Divisions under Direct Administration",
    "中沙群岛的岛礁及其海域": "Islands, Reefs and Waters of the Zhongsha Islands",
}
#: The wings and positions of Inner Mongolia's banners (科尔沁右翼前旗: Horqin Right
#: Wing Front Banner), as the region's English names write them.
WINGS = {"左翼": "Left Wing", "右翼": "Right Wing"}
POSITIONS = {"前": "Front", "中": "Middle", "后": "Rear"}
#: The position a banner's name ends in without a wing (土默特左旗: Tumed Left Banner).
BANNER_SIDES = {"左": "Left", "右": "Right", **POSITIONS}


@lru_cache(maxsize=16384)
def pinyin_sort_key(text: str) -> tuple[str, str]:
    """A sort key that puts Chinese names in pinyin order, as Chinese indexes and
    dictionaries list them (安徽 … 北京 … 重庆 … 四川; 低保 before 养老), not in the order
    of their code points (上海 before 北京 before 四川): the syllables with their tones
    as digits, one word each (pypinyin's ``lazy_pinyin``, ``Style.TONE3``: shan1 xi1
    山西 before shan3 xi1 陕西, which without tones read alike and interleaved their
    counties in a sorted table; characters that are not Chinese kept, case-folded), then
    the text itself. Memoized: a table sorts thousands of region paths."""
    syllables = lazy_pinyin(text, style=Style.TONE3)
    if "一" in text:
        # 一 in a word is read in the tone of its neighbour (一般 yì bān), which pypinyin's
        # phrases give; a dictionary files it under its own tone, yī (一般 before 医疗:
        # a new-user pass). Segments as pypinyin returns them: a Chinese character each,
        # a run of other characters together.
        segments = _SEGMENT_RE.findall(text)
        if len(segments) == len(syllables):
            pairs = zip(segments, syllables, strict=True)
            syllables = ["yi1" if seg == "一" else syl for seg, syl in pairs]
    return (" ".join(syllables).casefold(), text)


#: A Chinese character, or a run of other characters (``pinyin_sort_key``'s segments).
_SEGMENT_RE = re.compile(r"[\u4e00-\u9fff]|[^\u4e00-\u9fff]+")


def pinyin_key(text: str) -> str:
    """The pinyin part of ``pinyin_sort_key`` ('低保' -> 'di1 bao3'), as ``Indicator``
    stores it for SQL to order by (by code point, ``filter_parts.CodepointOrder``: the
    same order as Python's on both databases)."""
    return pinyin_sort_key(text)[0]


def reader_sort_key(text: str, lang: str) -> tuple[str, str]:
    """The key a reader of ``lang`` ('zh' or 'en') expects names sorted by: pinyin order
    for Chinese (``pinyin_sort_key``), letter order without case for English."""
    return (text.casefold(), text) if lang == "en" else pinyin_sort_key(text)


def pinyin_name(chinese: str) -> str:
    """'旺苍' -> 'Wangcang', '西安' -> "Xi'an", '吕梁' -> 'Lüliang', '格尔木' -> 'Golmud'
    (``EXONYMS``); characters that are not Chinese are kept."""
    if chinese in PLACE_OVERRIDES:
        return PLACE_OVERRIDES[chinese]
    if chinese in EXONYMS:
        return EXONYMS[chinese]
    syllables = lazy_pinyin(chinese)
    if len(syllables) == len(chinese):
        syllables = [
            PLACE_READINGS.get(c, p) if not (c == "长" and chinese in ZHANG_PLACES) else p
            for c, p in zip(chinese, syllables, strict=True)
        ]
    # ü as GB/T 16159 writes it (吕梁: Lüliang; pypinyin writes v: Lvliang)
    syllables = [p.replace("v", "ü") for p in syllables]
    text = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        text += ("'" if syllable[:1] in "aoe" else "") + syllable
    return text[:1].upper() + text[1:]


def _ethnic(text: str) -> str:
    """'彝族' -> 'Yi', '苗族侗族' -> 'Miao and Dong', '维吾尔' -> 'Uygur'."""
    groups = [g for g in text.split("族") if g]
    names = [ETHNIC.get(g, pinyin_name(g)) for g in groups]
    return " and ".join(names)


def _place(text: str) -> str:
    """A place's English name, a banner's wing and position spelled out: '科尔沁右翼前'
    -> 'Horqin Right Wing Front', '喀喇沁左翼' -> 'Harqin Left Wing', '旺苍' -> 'Wangcang'."""
    position = POSITIONS.get(text[-1:], "") if text[-3:-1] in WINGS else ""
    stem = text[:-1] if position else text
    wing = WINGS.get(stem[-2:], "")
    if wing and len(stem) > 2:
        return " ".join(p for p in (pinyin_name(stem[:-2]), wing, position) if p)
    return pinyin_name(text)


def _split_ethnic(stem: str, *, bare: bool) -> tuple[str, str]:
    """``(place, groups)``: ``stem`` without the ethnic groups it ends in, each with 族
    (or, ``bare``, without: 克孜勒苏柯尔克孜), longest name first; the place keeps at
    least one character unless the groups are the whole stem (东乡族)."""
    place, groups = stem, []
    while True:
        rest = place[:-1] if place.endswith("族") else place
        if rest == place and not bare:
            break
        group = next((g for g in _ETHNIC_LONGEST_FIRST if rest.endswith(g)), None)
        if group is None or (rest == place and 0 < len(rest) - len(group) <= 1):
            break  # 西藏, 内蒙古: a place of one character left is no place
        place, groups = rest[: -len(group)], [group, *groups]
    return place, "族".join(groups) + ("族" if groups else "")


#: Functional zones of GB/T 2260 (codes xx7x: development zones, industrial parks, new
#: areas run by a prefecture) by the words their names end in, longest first, with the
#: English their own sites and the Ministry of Commerce use. Their names were pinyin run
#: together ("Shijiazhuanggaoxinjishuchanyekaifa District", a new-user pass).
ZONE_TYPES = sorted(
    {
        "经济技术开发区": "Economic and Technological Development Zone",
        "高新技术产业开发区": "High-tech Industrial Development Zone",
        "高技术产业开发区": "High-tech Industrial Development Zone",
        "高新技术产业园区": "High-tech Industrial Park",
        "高新技术开发区": "High-tech Development Zone",
        "经济综合实验区": "Comprehensive Economic Experimental Zone",
        "综合改革示范区": "Comprehensive Reform Demonstration Zone",
        "城乡一体化示范区": "Urban-Rural Integration Demonstration Zone",
        "综合物流产业聚集区": "Comprehensive Logistics Industry Cluster",
        "综合保税区": "Comprehensive Bonded Zone",
        "风景名胜区": "Scenic Area",
        "文化旅游创意园区": "Cultural Tourism Creative Park",
        "现代产业园区": "Modern Industrial Park",
        "现代产业园": "Modern Industrial Park",
        "经济开发区": "Economic Development Zone",
        "工业园区": "Industrial Park",
        "化工园区": "Chemical Industrial Park",
        "循环化工园区": "Circular Chemical Industrial Park",
        "产业园区": "Industrial Park",
        "食品区": "Food Zone",
        "示范区": "Demonstration Zone",
        "开发区": "Development Zone",
        "管理区": "Administrative Area",
        "管委会": "Administrative Committee",
        "新城": "New Town",
        "新区": "New Area",
        "园区": "Park",
    }.items(),
    key=lambda item: len(item[0]),
    reverse=True,
)
#: Words inside a zone's name that English names translate (东营港 -> Dongying Port).
ZONE_WORDS = {
    "航空港": "Airport",
    "临港": "Lingang",
    "海港": "Seaport",
    "港": "Port",
    "中国": "China",
    "新加坡": "Singapore",
    "长江大桥": "Yangtze River Bridge",
}


@cache
def _stem_vocabulary() -> tuple[frozenset[str], list[str]]:
    """``(places, known)``: the short names of provinces and prefectures in the gazetteer
    (fixtures/regions.json), the places a zone's name starts with (河北唐山海港 -> 河北 唐山
    海港), with the exonyms' places (格尔木, a county); ``known`` those and ``ZONE_WORDS``,
    longest first. Read once per process."""
    path = Path(__file__).resolve().parent.parent / "fixtures" / "regions.json"
    rows = json.loads(path.read_text("utf-8"))
    places = frozenset(
        r["fields"]["short_name"]
        for r in rows
        if r["fields"]["level"] in ("province", "prefecture") and len(r["fields"]["short_name"]) > 1
    ) | frozenset(EXONYMS)
    return places, sorted({*places, *ZONE_WORDS}, key=len, reverse=True)


def zone_stem_words(stem: str) -> list[str]:
    """A zone name's stem as English words: each province or prefecture named in it (a
    following 市 dropped) in pinyin, each of ``ZONE_WORDS`` translated, the characters
    between them in pinyin as one word: '河北唐山海港' -> ['Hebei', 'Tangshan', 'Seaport'],
    '郑州航空港' -> ['Zhengzhou', 'Airport'], '秦皇岛市' -> ['Qinhuangdao']."""
    places, known = _stem_vocabulary()
    words: list[str] = []
    other = ""
    i = 0
    while i < len(stem):
        match = next((w for w in known if stem.startswith(w, i)), None)
        if match is None:
            other += stem[i]
            i += 1
            continue
        if other:
            words.append(pinyin_name(other))
            other = ""
        words.append(ZONE_WORDS.get(match) or pinyin_name(match))
        i += len(match)
        if match in places and stem.startswith("市", i):
            i += 1
    if other:
        words.append(pinyin_name(other))
    return words


#: Types of more than one character that also end the names of ordinary districts: 清新区
#: is the district of 清新 (short name 清新), not a new area; 碑林区, 万柏林区, 北林区 are
#: districts, not forestry districts (神农架林区, short name 神农架, is one); 绿园区 no
#: park. 矿区 and 特区 are not here: 井陉矿区 and 六枝特区 are what they say, though their
#: short names also keep 矿 and 特.
NAMES_ENDING_LIKE_TYPES = ("新区", "林区", "园区")


@lru_cache(maxsize=8192)
def english_region_name(name: str, short_name: str = "", level: str = "") -> str:
    """The English name of a GB/T 2260 division ``name`` (its ``short_name`` and
    ``level`` from the gazetteer separate the place from an ethnic group and tell a
    municipality from a city). '' stays ''. Cached (a pure function of its arguments):
    each ``sync_reference_data`` names all ~3,400 regions again, ~0.3 s of pypinyin."""
    if not name:
        return ""
    if name in WHOLE_NAMES:
        return WHOLE_NAMES[name]
    # a district whose own name ends like a type (清新区, 绿园区, 碑林区: short names 清新,
    # 绿园, 碑林) is no new area, park or forestry district (``NAMES_ENDING_LIKE_TYPES``)
    # (unless a zone type of four or more characters ends it: 苏州工业园区, short name
    # 苏州工业园, is Suzhou Industrial Park)
    own = (
        short_name == name[:-1]
        and name.endswith(NAMES_ENDING_LIKE_TYPES)
        and not any(len(w) >= 4 and name.endswith(w) for w, _ in ZONE_TYPES)
    )
    zone = None if own else next(((w, k) for w, k in ZONE_TYPES if name.endswith(w)), None)
    if zone is not None and name != zone[0] and (level == "county" or zone[0] == "新区"):
        return " ".join([*zone_stem_words(name[: -len(zone[0])]), zone[1]])
    match = next(
        (
            (suffix, kind)
            for suffix, kind in SUFFIXES
            if name.endswith(suffix) and name != suffix and not (own and len(suffix) > 1)
        ),
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
        if not place or not _ethnic(stem[len(place) :]):  # no group after: 新疆维吾尔,
            place = _split_ethnic(stem, bare=True)[0]  # 海南藏族 (海南州), 鄂温克族 (鄂温克)
        ethnic = _ethnic(stem[len(place) :])
        return " ".join(p for p in (_place(place) if place else "", ethnic, kind) if p)
    side = BANNER_SIDES.get(stem[-1:]) if suffix == "旗" and stem[-3:-1] not in WINGS else None
    if side and len(stem) > 2:  # 土默特左旗: Tumed Left Banner
        return f"{_place(stem[:-1])} {side} {kind}"
    place, groups = _split_ethnic(stem, bare=False)  # 顺河回族区: Shunhe Hui District
    if groups and place:
        return f"{_place(place)} {_ethnic(groups)} {kind}"
    return f"{_place(stem)} {kind}"


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
