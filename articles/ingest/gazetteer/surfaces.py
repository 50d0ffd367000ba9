"""Surface forms of a division beyond its names, and the everyday words a bare short name
can be: plain-suffix aliases of autonomous units (``_aliases``), development-zone shorts
(``_is_zone_short``), ``RISKY_SHORT_NAMES``, deictic phrases (全州, 本市), and jionlp's word
dictionary and IDF table (``_common_words``, ``_frequent_words``). Read when the
gazetteer is indexed (``index``); the frequent words also by the scanner (``scan``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...text import jionlp_data_lines
from .divisions import Division

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
