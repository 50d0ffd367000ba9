"""Numbers tokenized: every "number (+万/亿) (+余/多) + unit" match that passes the filters,
as ``Raw`` quantities with value, bound and normalized unit, merged with the fractions and
indices of ``rates`` (forms whose unit comes before the number)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..numbers import (
    CHINESE_NUMERAL_CHARS,
    MULTIPLIERS,
    apply_multiplier,
    parse_arabic,
    parse_chinese,
    parse_chinese_range,
    parse_mixed,
)
from ..types import Bound
from ..vocabulary import (
    CHANGE_BY_VERBS,
    LOWER_BOUND_AFTER_NUMBER,
    POST_BOUND_WORDS,
    UNIT_FORMS,
    alternation,
)
from .filters import protected_mask, rejected
from .qualifiers import qualifier_before
from .rates import find_rates, merge_rates
from .view import Raw, is_chinese

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = f"[{CHINESE_NUMERAL_CHARS}]+"
#: A number starts where no digit or numeral stands before it: a match never starts inside
#: a longer number (the tail of 三万4000 or of 123456789 is no number of its own), and a
#: long run of digits is tried once, not once per character (linear time, issue 12).
_NUMBER_START = rf"(?<![\d{CHINESE_NUMERAL_CHARS}])"
#: Arabic digits and multipliers in several groups (3万4000, 25万6千, 2千零30万, 1亿2000万,
#: 3万零500): one number, read by ``numbers.parse_mixed`` (which refuses garbled forms).
#: The digits of a group are possessive (``++``): 123456 is never split into groups, which
#: would backtrack exponentially.
_MIXED = (
    r"\d+(?:\.\d+)?[十百千万亿]{1,2}"
    r"(?:零?(?:\d++|[〇一二两三四五六七八九]++(?=[十百千万亿]))[十百千万亿]{0,2})+"
)
#: Multipliers after the digits, in ``numbers.MULTIPLIERS`` order (longest first).
_MULT = "|".join(MULTIPLIERS)
#: A multiplier character that opens a unit is the unit's (5千米 is 5 km, 5千瓦 5 kW).
_NOT_UNIT_HEAD = rf"(?!{alternation(u for u in UNIT_FORMS if u[0] in '十百千万亿')})"
#: A minus sign before a number (增长-2.1%): ASCII hyphen-minus (NFKC folds the full-width
#: －) and U+2212. Read only where no digit stands before it (5-8个 is a range).
_MINUS = "[-−]"
_SIGN_AFTER_RE = re.compile(
    rf"(?:^|{alternation(CHANGE_BY_VERBS)}|同比|环比|为|是|到|至|[（(：:，,])$"
)
#: 余/多 between number and unit.
_MORE = alternation(LOWER_BOUND_AFTER_NUMBER)


#: Where a match can start: a minus, a digit or a numeral. Said first so that ``re``
#: skips every other position at once: without it the whole pattern was tried at each
#: character of a body (a third of ``find_candidates``).
_MATCH_START = rf"(?=[-−\d{CHINESE_NUMERAL_CHARS}])"
_QTY_RE = re.compile(
    rf"{_MATCH_START}(?P<sign>{_MINUS})?(?P<n1>{_NUMBER_START}(?:{_MIXED}|{_NUM}|{_CN}))(?P<m1>{_NOT_UNIT_HEAD}(?:{_MULT}))?(?P<q1>{_MORE})?(?P<m1b>万|亿)?"
    rf"(?:(?P<sep>至|到|-|~|—|–)(?P<n2>{_MIXED}|{_NUM}|{_CN})(?P<m2>{_NOT_UNIT_HEAD}(?:{_MULT}))?(?P<q2>{_MORE})?(?P<m2b>万|亿)?)?"
    rf"(?P<unit>{alternation(UNIT_FORMS)})"
    rf"(?P<post>{alternation(POST_BOUND_WORDS)})?"
)


_MIXED_RE = re.compile(_MIXED)


def read_value(num: str, mult: str | None, mult_b: str | None) -> tuple[Decimal, Decimal | None]:
    """(value, value_max or None) of one number group, multipliers applied."""
    if is_chinese(num):
        rng = parse_chinese_range(num)
        if rng:
            low, high = rng
        else:
            low, high = parse_chinese(num), None
    elif _MIXED_RE.fullmatch(num):
        low, high = parse_mixed(num), None
    else:
        low, high = parse_arabic(num), None
    for mul in (mult, mult_b):
        if mul:
            low = apply_multiplier(low, mul)
            high = apply_multiplier(high, mul) if high is not None else None
    return apply_multiplier(low, None), high


def find_candidates(text: str, proper_names: frozenset[str] = frozenset()) -> list[Raw]:
    """Every "number (+万/亿) (+余/多) + unit" in the view ``text`` that is a measured
    quantity, as ``Raw`` (evidence from the qualifier before the number, value and
    value_max with multipliers applied, normalized unit, bound), in text order; nothing
    inside one of ``proper_names`` counts."""
    mask = protected_mask(text, proper_names)
    out: list[Raw] = []
    for m in _QTY_RE.finditer(text):
        if not rejected(text, m, mask):
            raw = _raw(text, m)
            if raw is not None:
                out.append(raw)
    return merge_rates(out, find_rates(text, mask))


def _is_power(num: str | None) -> bool:
    """A bare Chinese power (十, 百, 千万): it names (十条措施, 万家) more than it counts."""
    return bool(num) and is_chinese(num) and all(ch in "十百千万亿" for ch in num)


def _raw(text: str, m: re.Match) -> Raw | None:
    """The quantity of one match, or None when it is no count (a bare power without a
    qualifier, an unreadable number, a "range" whose high end is not higher)."""
    n1, n2 = m["n1"], m["n2"]
    bare = _is_power(n1)
    negative = bool(m["sign"]) and not _dash(text, m.start())
    num_start = m.start("n1") if m["sign"] and not negative else m.start()
    word, bound = qualifier_before(text, num_start, bare)
    if (bare and not (m["q1"] or word)) or _is_power(n2):
        return None  # 十条措施, 百丈关, 万家: a power alone names, it does not count
    values = _values(m)
    if values is None:
        return None
    value, value_max = values
    if not bound and (m["q1"] or m["q2"]):
        bound = Bound.LOWER
    if not bound and m["post"]:
        bound = POST_BOUND_WORDS[m["post"]]
    if negative:
        value, value_max = -value, (-value_max if value_max is not None else None)
        if value_max is not None:
            value, value_max = value_max, value
    return Raw(
        start=num_start - len(word),
        num_start=num_start,
        end=m.end(),
        value=value,
        value_max=value_max,
        unit=UNIT_FORMS[m["unit"]],
        approx=bool(bound),
        bound=bound,
    )


def _dash(text: str, pos: int) -> bool:
    """The minus at ``pos`` is a dash, not a sign: a sign follows a change verb, a
    comparison (同比, 环比), 为/是, 到/至, an opening bracket, a comma or colon, or opens
    the text (增长-2.1%, 同比-0.5个百分点, 为-3.2%, 下降到-2%); 5%-8%, 2023-5 and A-3 are
    dashes."""
    return not _SIGN_AFTER_RE.search(text, max(0, pos - 4), pos)


def _values(m: re.Match) -> tuple[Decimal, Decimal | None] | None:
    """``(value, value_max)`` of a match, multipliers applied; None when a number does not
    parse or a written range does not rise ("2023-5个" is no range)."""
    n2 = m["n2"]
    try:
        value, value_max = read_value(m["n1"], m["m1"] or (m["m2"] if n2 else None), m["m1b"])
        if n2:
            value_max, _ = read_value(n2, m["m2"], m["m2b"])
    except (ValueError, KeyError):
        return None
    if n2 and value_max is not None and value_max <= value:
        return None
    return value, value_max
