"""Numbers whose context says they are no measurement (issue 7, point 4): numerals that open
a proper name, durations, ages, addresses, the size of a ranking pool, page-view counters
and the second end of 一倍到两倍. Each rule reads the ``candidates`` match ``m`` in the
normalized view ``text``; the word lists are in ``vocabulary``.

- **Names**: a Chinese numeral and a unit character that open a place or firm name:
  numeral + unit + 0–3 characters + a place word (五家渠市, 七台河市, 三门峡市, 五户村), or
  + 1–4 characters + a firm word (三元光电公司). A unit that counts such places or firms
  (三个村, 五座城市, 两家公司, 三家光伏公司) is a count (``PLACE_COUNTERS``,
  ``FIRM_COUNTERS``). A bare village word must end there (三户村民 counts households).
  Names the gazetteer knows are masked before (``filters.protected_mask``).
- **Durations**: a time span right after a duration verb (为期3个月, 历时5天, 持续两周), and
  N个多月/N个半月. A span with its own noun (优良天数127天, 服务时长3000小时) is measured.
- **Ages**: 60周岁, 18岁 describe people; only an average or expectancy (人均预期寿命78.5岁,
  平均年龄38岁) is measured.
- **Addresses**: 东风村5组, 幸福小区3栋: an address unit right after a place word.
- **Ranking pools and ranks**: 全市20个区县中排名第4, 市20个区县并列排名第16位: the count
  of the pool a rank is taken in; 上升1位, 分别下降1位、2位: a rank that moved (位 is
  no person there).
- **Page counters**: 浏览次数：58次, 点击1200次, 阅读量: how often a web page was read.
- **一倍到两倍**: a range opened by the numeral 一, whose first end is no count either.
- **Survey names**: 5‰人口变动抽样调查, 1%人口抽样调查: the sampling fraction names the
  survey (found in a real county statistical bulletin).
"""

from __future__ import annotations

import re

from ..vocabulary import (
    ADDRESS_BEFORE,
    ADDRESS_UNITS,
    AGE_MEASURE_WORDS,
    CHANGE_BY_VERBS,
    DURATION_WORDS,
    FIRM_COUNTERS,
    PAGE_COUNTER_WORDS,
    PLACE_COUNTERS,
    PLACE_NAME_ENDS,
    PROPER_NAME_ENDS,
    TIME_UNITS,
    UNIT_FORMS,
    alternation,
)
from .view import is_chinese

_CJK = r"[\u4e00-\u9fff]"
_PLACE_NAME_RE = re.compile(rf"{_CJK}{{0,3}}?(?:{alternation(PLACE_NAME_ENDS)})")
_FIRM_NAME_RE = re.compile(rf"{_CJK}{{1,4}}?(?:{alternation(PROPER_NAME_ENDS)})")
#: What may follow 村/乡/镇 inside a longer word (村民, 乡镇, 镇街): then it is no name end.
_PLACE_WORD_GOES_ON = frozenset("民委级干集里庄组务镇村街道长")
_DURATION_RE = re.compile(rf"(?:{alternation(DURATION_WORDS)})了?(?:长达|达|约|近|超过)?$")
_AGE_MEASURE_RE = re.compile(alternation(AGE_MEASURE_WORDS))
_PAGE_COUNTER_RE = re.compile(rf"(?:{alternation(PAGE_COUNTER_WORDS)})(?:次数|人次|量|数)?[:：]?$")
_RANK_POOL_RE = re.compile(
    rf"{_CJK}{{0,6}}?(?:之中|当中|中|里)?(?:并列)?(?:排名|排|位列|位居|居|列)第"
)
#: A rank moved (莆田、泉州分别上升1位、2位; 排名前进3位): 位 after a verb of moving, with no
#: noun after it (新增5位医生 counts people).
_RANK_MOVE_RE = re.compile(rf"(?:{alternation(CHANGE_BY_VERBS)}|前进|后退|进|退)(?:了|分别)?$")
_CJK_RE = re.compile(_CJK)
_RANK_WORD_RE = re.compile(r"排名|名次|位次|排位|位列|排序")
#: A later rank of a list shared out by a verb of moving (…分别上升1位、2位和1位).
_LISTED_RANK_RE = re.compile(
    rf"(?:{alternation(CHANGE_BY_VERBS)}|前进|后退)(?:了|分别)?\d+位(?:[、和及]\d+位)*[、和及]$"
)
_APPROX_MONTHS_RE = re.compile(r"[多余半](?:月|小时|星期|钟头)")
#: After a sampling fraction (5‰, 1%): the survey it names.
_SURVEY_RE = re.compile(r"(?:人口)?(?:变动)?(?:抽样|抽查)")
_ONE_TO_RE = re.compile(rf"一(?:{alternation(UNIT_FORMS)})?(?:到|至|—|-|~)$")


def not_measured(text: str, m: re.Match, prev: str) -> bool:
    """True when the context of match ``m`` says it is no measurement (module docstring);
    ``prev`` is the character before the match."""
    unit = UNIT_FORMS[m["unit"]]
    start, unit_end = m.start(), m.end("unit")
    before = text[max(0, start - 8) : start]
    return (
        _opens_name(text, m, unit)
        or (unit in TIME_UNITS and bool(_DURATION_RE.search(before)))
        or (m["unit"] == "个" and bool(_APPROX_MONTHS_RE.match(text, unit_end)))
        or (unit == "岁" and not _AGE_MEASURE_RE.search(text, max(0, start - 10), start))
        or (unit in ADDRESS_UNITS and bool(prev) and prev in ADDRESS_BEFORE)
        or bool(_RANK_POOL_RE.match(text, m.end()))
        or bool(_PAGE_COUNTER_RE.search(before))
        or bool(_ONE_TO_RE.search(before))
        or (unit in ("%", "‰") and bool(_SURVEY_RE.match(text, unit_end)))
        or _rank_move(text, m)
    )


def _rank_move(text: str, m: re.Match) -> bool:
    """位 of a rank that moved (排名上升1位; 南平排名第一，莆田、泉州分别上升1位、2位), not
    persons: a verb of moving before it, a rank word (排名, 名次, 位次) earlier in the
    sentence, and no noun after it (志愿者增加了12位 and 新增5位医生 count people)."""
    if m["unit"] != "位" or (_CJK_RE.match(text, m.end()) and text[m.end()] not in "和及"):
        return False
    before = text[max(0, m.start() - 80) : m.start()]
    moved = _RANK_MOVE_RE.search(before) or _LISTED_RANK_RE.search(before)
    return bool(moved) and _RANK_WORD_RE.search(before) is not None


def _opens_name(text: str, m: re.Match, unit: str) -> bool:
    """A Chinese numeral and unit that open a place or firm name (module docstring)."""
    if not is_chinese(m["n1"]) or m["n2"] or m["q1"] or m["post"]:
        return False
    end = m.end("unit")
    place = _PLACE_NAME_RE.match(text, end)
    if place and unit not in PLACE_COUNTERS:
        bare_village = place.end() == end + 1 and text[end] in "村乡镇"
        if not (bare_village and text[place.end() : place.end() + 1] in _PLACE_WORD_GOES_ON):
            return True
    return bool(_FIRM_NAME_RE.match(text, end)) and unit not in FIRM_COUNTERS
