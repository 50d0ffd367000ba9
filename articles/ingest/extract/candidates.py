"""Numbers tokenized: every "number (+万/亿) (+余/多) + unit" match that passes the filters,
as ``Raw`` quantities with value, bound and normalized unit."""

from __future__ import annotations

import re
from decimal import Decimal

from ..numbers import (
    CHINESE_NUMERAL_CHARS,
    apply_multiplier,
    parse_arabic,
    parse_chinese,
    parse_chinese_range,
)
from .filters import protected_mask, rejected
from .qualifiers import POST_BOUND, qualifier_before
from .units import UNIT_ALT, UNIT_FORMS
from .view import Raw, is_chinese

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = f"[{CHINESE_NUMERAL_CHARS}]+"
_MULT = r"万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百"


_QTY_RE = re.compile(
    rf"(?P<n1>{_NUM}|{_CN})(?P<m1>{_MULT})?(?P<q1>余|多)?(?P<m1b>万|亿)?"
    rf"(?:(?P<sep>至|到|-|~|—|–)(?P<n2>{_NUM}|{_CN})(?P<m2>{_MULT})?(?P<q2>余|多)?(?P<m2b>万|亿)?)?"
    rf"(?P<unit>{UNIT_ALT})"
    r"(?P<post>左右|上下|以上|以下|以内)?"
)


def read_value(num: str, mult: str | None, mult_b: str | None) -> tuple[Decimal, Decimal | None]:
    """(value, value_max or None) of one number group, multipliers applied."""
    if is_chinese(num):
        rng = parse_chinese_range(num)
        if rng:
            low, high = rng
        else:
            low, high = parse_chinese(num), None
    else:
        low, high = parse_arabic(num), None
    for mul in (mult, mult_b):
        if mul:
            low = apply_multiplier(low, mul)
            high = apply_multiplier(high, mul) if high is not None else None
    return apply_multiplier(low, None), high


def find_candidates(text: str) -> list[Raw]:
    mask = protected_mask(text)
    out: list[Raw] = []
    for m in _QTY_RE.finditer(text):
        if rejected(text, m, mask):
            continue
        n1, n2 = m["n1"], m["n2"]
        bare = is_chinese(n1) and all(ch in "十百千万亿" for ch in n1)
        word, bound = qualifier_before(text, m.start(), bare)
        if bare and not (m["q1"] or word):
            continue  # 十条措施, 百丈关, 万家: a power alone names, it does not count
        if n2 and is_chinese(n2) and all(ch in "十百千万亿" for ch in n2):
            continue
        try:
            value, value_max = read_value(n1, m["m1"] or (m["m2"] if n2 else None), m["m1b"])
            if n2:
                value_max, _ = read_value(n2, m["m2"], m["m2b"])
        except (ValueError, KeyError):
            continue
        if value_max is not None and value_max <= value:
            if n2:
                continue  # "2023-5个" is no range
        if not bound and (m["q1"] or m["q2"]):
            bound = "lower"
        if not bound and m["post"]:
            bound = POST_BOUND[m["post"]]
        out.append(
            Raw(
                start=m.start() - len(word),
                num_start=m.start(),
                end=m.end(),
                value=value,
                value_max=value_max,
                unit=UNIT_FORMS[m["unit"]],
                approx=bool(bound),
                bound=bound,
            )
        )
    return out
