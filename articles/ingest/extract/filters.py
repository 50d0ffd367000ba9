"""Not-a-measurement rules: numbers in names, titles, idioms, slogans, formulas, phone
numbers, ordinals, ages used as bounds (see the package docstring)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabulary import NUMERAL_TERM_TAILS, NUMERAL_TIER_BEFORE, alternation
from .contexts import not_measured
from .units import UNIT_WORDS
from .view import is_chinese

_SLOGAN_RE = re.compile(
    r"两个(?:维护|确立|务必|结合|毫不动摇)|三个(?:代表|务必)|四个(?:意识|自信|全面)"
    r"|五位一体|四位一体|三会一课|两学一做|三严三实|三重一大|一岗双责"
)
_IDIOM_RE = re.compile(
    r"三番五次|千方百计|三令五申|千家万户|五湖四海|四面八方|七上八下|万无一失"
    r"|三次产业"  # the three sectors of the economy (三次产业结构比), not "three times"
)
_NAME_SPAN_RE = re.compile(
    r"“[^“”。，,；;！!？?]{1,20}”|‘[^‘’。，,；;]{1,20}’|「[^「」。，,]{1,20}」"
    r"|\"[^\"。，,]{1,20}\"|《[^《》]{1,80}》|〈[^〈〉]{1,60}〉"
)
_PHONE_CONTEXT = ("拨打", "热线", "电话", "号码", "编号", "代码", "邮编", "手机", "专线")
#: A phone context word in the 4 characters before a number (one search, not one per word).
_PHONE_CONTEXT_RE = re.compile(alternation(_PHONE_CONTEXT))
_PROGRAMME_AFTER_MINUTES = re.compile(r"[\u4e00-\u9fff]{0,6}圈")

_MULTIPLIER_CHARS = frozenset("十百千万亿零")

#: Operators of a formula or slogan (1+8+N, 5+2, 7×24小时, 365天×24小时): a number
#: touching one is a term of the expression, not a measured quantity.
_FORMULA_OPS = frozenset("+×*✕╳")


def protected_mask(text: str, proper_names: frozenset[str] = frozenset()) -> bytearray:
    """1 at every view position inside a quoted name, a 《title》, an idiom or one of
    ``proper_names`` (gazetteer names holding a numeral: 七台河市)."""
    mask = bytearray(len(text))
    regexes = [_NAME_SPAN_RE, _IDIOM_RE]
    if proper_names:
        regexes.append(_names_regex(proper_names))
    for rx in regexes:
        for m in rx.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


@lru_cache(maxsize=4)
def _names_regex(names: frozenset[str]) -> re.Pattern:
    """One alternation of ``names``, longest first (compiled once per set)."""
    return re.compile(alternation(names))


def rejected(text: str, m: re.Match, mask: bytearray) -> bool:
    """True when the ``candidates`` match ``m`` in the view ``text`` is not a measured
    quantity (see the package docstring); ``mask`` is ``protected_mask(text)``."""
    s = m.start()
    prev = text[s - 1] if s else ""
    return (
        _glued(text, s, prev)
        or _in_formula(text, m, prev)
        or bool(mask[s])  # inside “name” / 《title》 / idiom
        or _PHONE_CONTEXT_RE.search(text, max(0, s - 4), s) is not None
        or _unit_in_word(text, m)
        or _age_bound(text, m, prev)
        or _rank_or_programme(text, m, prev)
        or _numeral_word(text, m)
        or not_measured(text, m, prev)
    )


def _glued(text: str, s: int, prev: str) -> bool:
    """The number is part of a longer number, of a Latin token (PM2.5, TOP100), or an
    ordinal (第3, 排名第5)."""
    if prev.isdigit() or (prev in ".,:" and s >= 2 and text[s - 2].isdigit()):
        return True  # inside a longer number, or the seconds of a clock time (23:35:15)
    if prev in _MULTIPLIER_CHARS and s >= 2 and (text[s - 2].isdigit() or is_chinese(text[s - 2])):
        return True  # the tail of a mixed form the candidates could not read (三万4000人)
    if prev.isascii() and prev.isalpha():
        return True  # PM2.5, TOP100
    return (prev and prev in "第") or text[max(0, s - 2) : s] in ("排名", "排第")


def _in_formula(text: str, m: re.Match, prev: str) -> bool:
    """A term of a formula or service-hour slogan: 1+8+N, 5+2, 7×24小时, 365天×24小时."""
    unit_end = m.end("unit")
    return bool(prev and prev in _FORMULA_OPS) or text[unit_end : unit_end + 1] in _FORMULA_OPS


def _unit_in_word(text: str, m: re.Match) -> bool:
    """The unit character is doubled (一张张, 个个) or starts a longer word (10部门)."""
    unit, unit_end = m["unit"], m.end("unit")
    if len(unit) == 1 and text[unit_end : unit_end + 1] == unit:
        return True
    return unit + text[unit_end : unit_end + 1] in UNIT_WORDS


def _age_bound(text: str, m: re.Match, prev: str) -> bool:
    """An age used as a bound (60岁以上, 满18周岁, 18岁的), not a measured age."""
    if m["unit"] not in ("岁", "周岁"):
        return False
    rest = text[m.end("unit") : m.end("unit") + 3]
    return bool(
        m["post"]
        or m["n2"]
        or rest.startswith(("及以上", "及以下", "以上", "以下", "的"))
        or prev == "满"
    )


def _rank_or_programme(text: str, m: re.Match, prev: str) -> bool:
    """A rank (前10名) or a programme named by minutes (15分钟生活圈)."""
    unit = m["unit"]
    if unit == "分钟" and _PROGRAMME_AFTER_MINUTES.match(text, m.end("unit")):
        return True
    return unit in ("名", "位") and prev == "前"


def _numeral_word(text: str, m: re.Match) -> bool:
    """A Chinese numeral that names rather than counts: 一 (一批, 一张张, 一个小时), a
    political slogan (两个维护, 四个意识) or a fixed word (二次供水, 三期工程, 高考二本:
    ``NUMERAL_TERM_TAILS``)."""
    for num in (m["n1"], m["n2"]):
        if num and is_chinese(num):
            if num == "一":
                return True
            if _SLOGAN_RE.match(text, m.start()):
                return True
    return _numeral_term(text, m)


def _numeral_term(text: str, m: re.Match) -> bool:
    """A lone Chinese numeral + measure word inside a fixed word (``NUMERAL_TERM_TAILS``):
    二次供水, 背街小巷三期改造, 二本以上, 高考二本, a phase in brackets (安置点配套学校
    （二期）); never with digits, a multiplier or a range (培训班3期, 三十期 are counts)."""
    num, unit = m["n1"], m["unit"]
    tails = NUMERAL_TERM_TAILS.get(unit)
    if not tails or m["n2"] or m["m1"] or m["m1b"] or len(num) != 1 or not is_chinese(num):
        return False
    if text.startswith(tails, m.end("unit")):
        return True
    before = text[m.start("n1") - 1] if m.start("n1") else ""
    after = text[m.end("unit") : m.end("unit") + 1]
    if unit == "期" and before and before in "（(" and after and after in "）)":
        return True  # 配套学校（二期）: the phase of a named project
    return unit == "本" and text[max(0, m.start("n1") - 2) : m.start("n1")].endswith(
        NUMERAL_TIER_BEFORE
    )
