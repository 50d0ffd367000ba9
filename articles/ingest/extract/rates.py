"""Quantities whose unit is written *before* the number: fractions (千分之3.2, 四分之三) and
unitless indices (综合指数5.73). ``candidates`` reads every "number + unit"; these forms
have no unit after the number, so they are read here and merged in text order.

Fractions are rates (GB/T 15835-2011 writes 百分之十五 and 15% as the same number):

- 百分之N -> N %; 千分之N -> N ‰; 万分之N -> N/10 ‰ (万分之三 = 0.3 ‰, one unit for
  the per-ten-thousand rates of population reports);
- D分之N for any other denominator (四分之三, 三分之一, 5分之1) -> N/D × 100 %.
  The value is exact when N/D × 100 has a finite decimal expansion (四分之三 = 75,
  八分之一 = 12.5); otherwise it is rounded half-even to ``FRACTION_PLACES`` decimal places
  (三分之一 = 33.3333, 三分之二 = 66.6667), the precision ``Metric.value`` stores.

Indices (``vocabulary.PREFIX_UNITS``): a number written right after 指数 (optionally
with 年累计/累计 and 为/是/达/:) and followed by no unit is a value in unit ``指数``
(综合指数5.73, 综合指数年累计为4.54).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import ROUND_HALF_EVEN, Decimal

from ..numbers import exact, parse_arabic, parse_chinese
from ..vocabulary import POST_BOUND_WORDS, PREFIX_UNITS, UNIT_FORMS, alternation
from .qualifiers import qualifier_before
from .view import Raw

#: Decimal places kept for a fraction with no finite decimal form (三分之一 = 33.3333 %).
FRACTION_PLACES = 4

_DIGITS = "零〇一二两三四五六七八九十百千"
_FRACTION_RE = re.compile(
    rf"(?<![\d{_DIGITS}])(?P<den>\d++|[{_DIGITS}]++|万)分之(?P<num>\d+(?:\.\d+)?|[{_DIGITS}]+(?:点[{_DIGITS}]+)?)"
    rf"(?P<post>{alternation(POST_BOUND_WORDS)})?"
)
#: Fractions that name a round of a tournament, not a rate.
_NOT_RATE_AFTER = ("决赛", "赛")
_INDEX_RE = re.compile(
    rf"(?P<word>{alternation(PREFIX_UNITS)})(?:[年月]?累计)?(?:为|是|达到|达|:)?(?P<num>\d+(?:\.\d+)?)(?![\d.%‰]|{alternation(UNIT_FORMS)}"
    r"|[十百千万亿])"
)


def _number(text: str) -> Decimal:
    """An Arabic or Chinese number, with a Chinese decimal point (三点五)."""
    if text[0].isdigit():
        return parse_arabic(text)
    whole, _, frac = text.partition("点")
    value = parse_chinese(whole)
    if frac:
        value += Decimal("0." + "".join(str(parse_chinese(ch)) for ch in frac))
    return value


def fraction_value(den: str, num: str) -> tuple[Decimal, str]:
    """``(value, unit)`` of the fraction D分之N (see the module docstring). Raises
    ``ValueError`` for an unreadable number, a zero denominator or N > D."""
    n = _number(num)
    if den in ("百", "千"):
        return exact(n), "%" if den == "百" else "‰"
    if den == "万":
        return exact(n / 10), "‰"
    d = _number(den)
    if d <= 0 or n > d:
        raise ValueError(f"not a fraction: {den}分之{num}")
    value = n * 100 / d
    rounded = value.quantize(Decimal(1).scaleb(-FRACTION_PLACES), rounding=ROUND_HALF_EVEN)
    return exact(rounded), "%"


def find_rates(text: str, mask: bytearray) -> list[Raw]:
    """Fractions and indices of the view ``text`` as ``Raw`` quantities, in text order;
    ``mask`` is ``filters.protected_mask(text)`` (nothing inside a quoted name counts)."""
    out: list[Raw] = []
    fractions = _FRACTION_RE.finditer(text) if "分之" in text else ()
    for m in fractions:
        s = m.start()
        if (s and text[s - 1].isdigit()) or mask[s] or text.startswith(_NOT_RATE_AFTER, m.end()):
            continue
        try:
            value, unit = fraction_value(m["den"], m["num"])
        except (ValueError, ArithmeticError):
            continue
        word, bound = qualifier_before(text, s, False)
        if not bound and m["post"]:
            bound = POST_BOUND_WORDS[m["post"]]
        out.append(Raw(s - len(word), s, m.end(), value, unit, approx=bool(bound), bound=bound))
    for m in _INDEX_RE.finditer(text):
        s = m.start("num")
        if mask[s]:
            continue
        out.append(Raw(s, s, m.end(), exact(parse_arabic(m["num"])), PREFIX_UNITS[m["word"]]))
    out.sort(key=lambda q: q.start)
    return [q for i, q in enumerate(out) if not i or out[i - 1].end <= q.start]


def merge_rates(counts: list[Raw], rates: list[Raw]) -> list[Raw]:
    """``counts`` (number + unit) and ``rates``, both in text order, merged in text order;
    a count that overlaps a rate is a piece of a fraction (百分之十五个 is no 十五个) and is
    dropped. Linear: rates do not overlap each other, so one neighbour on each side is
    all a count can overlap."""
    starts = [r.start for r in rates]
    kept = []
    for q in counts:
        k = bisect_left(starts, q.end)  # rates[k:] start at or after the count's end
        if k and rates[k - 1].end > q.start:
            continue
        kept.append(q)
    return sorted(kept + rates, key=lambda q: q.start)
