"""Chinese number formatting for pages and charts: ``{{ value|zh_number:unit }}``.

The rule (the same one is implemented in ``static/js/zh-number.js`` for chart axes and
tooltips; ``tests/test_numbers_format.py`` checks both against the same cases):

- ``|value| >= 1亿`` (100,000,000): value / 10^8 rounded half-up to at most 2 decimals,
  trailing zeros trimmed, then ``亿``: 931000000 -> ``9.31亿``.
- ``|value| >= 1万`` (10,000): value / 10^4 the same way, then ``万``: 114500 -> ``11.45万``,
  51104 -> ``5.11万``. A value that rounds up to 10000万 is written in 亿 (99999999 -> ``1亿``).
- otherwise the number with thousands separators and at most 2 decimals, trimmed:
  1234 -> ``1,234``; 154.8 -> ``154.8``.
- the unit, when given, follows with no space: ``9.31亿元``, ``285元/人/月``, ``15%``.

Approximate values carry a mark in front (``approx_mark``): ``≥`` for a lower bound
(余/多/超: 670余 -> ``≥670``), ``≤`` for an upper bound (近/不足), ``≈`` for 约/左右 or any
other approximate value.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

YI = Decimal("100000000")
WAN = Decimal("10000")
TWO_PLACES = Decimal("0.01")

BOUND_MARKS = {"lower": "≥", "upper": "≤", "about": "≈"}


def _trimmed(value: Decimal, grouped: bool = False) -> str:
    """``value`` rounded half-up to 2 decimals, trailing zeros (and a bare point) removed."""
    rounded = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.2f}" if grouped else f"{rounded:.2f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_zh_number(
    value, unit: str = "", *, exact: bool = False, places: int | None = None
) -> str:
    """Format a number the Chinese way (万/亿), with its unit appended.

    ``value``: Decimal, int, float or a numeric string; ``None`` or an unreadable value gives
    ``""`` (a missing value is shown as missing, never as 0). Returns e.g. ``"9.31亿元"``.

    ``exact=True`` (tables, tooltips, anything a reader may copy): the 万/亿 form only when
    it loses nothing, as reports themselves write numbers (931000000 -> 9.31亿,
    114500 -> 11.45万), else every digit grouped (22458 -> 22,458; 98.5 -> 98.5).
    ``places``: exactly that many decimals, grouped, no 万/亿 (ratios: 13.0, 154.8).
    """
    if value is None or value == "":
        return ""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if not number.is_finite():
        return ""
    if places is not None:
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return f"{rounded:,.{places}f}{unit or ''}"
    if exact:
        short = format_zh_number(number)
        if Decimal(_short_value(short)) != number:
            return f"{_grouped_exact(number)}{unit or ''}"
        return f"{short}{unit or ''}"
    size = abs(number)
    if size >= YI:
        text = _trimmed(number / YI) + "亿"
    elif size >= WAN:
        scaled = (number / WAN).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        text = _trimmed(number / YI) + "亿" if abs(scaled) >= WAN else _trimmed(scaled) + "万"
    else:
        text = _trimmed(number, grouped=True)
    return f"{text}{unit or ''}"


def _short_value(text: str) -> Decimal:
    """The number a 万/亿 text stands for: '11.45万' -> 114500, '1,234' -> 1234."""
    factor = YI if text.endswith("亿") else WAN if text.endswith("万") else Decimal(1)
    return Decimal(text.rstrip("万亿").replace(",", "")) * factor


def _grouped_exact(number: Decimal) -> str:
    """Every significant digit, thousands grouped, no trailing zeros: 22458, 1,234.5."""
    text = format(number.normalize(), "f")
    whole, dot, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-') or 0):,}{dot}{frac}"


def bound_mark(bound: str | None, approx: bool = False) -> str:
    """The mark for an approximate value: ≥ (lower), ≤ (upper), ≈ (about or unspecified)."""
    if bound in BOUND_MARKS:
        return BOUND_MARKS[bound]
    return "≈" if approx else ""


@register.filter
def zh_number(value, unit: str = "") -> str:
    """``{{ metric.value|zh_number:metric.unit }}`` -> ``9.31亿元``; see the module rule."""
    return format_zh_number(value, unit)


@register.filter
def zh_exact(value, unit: str = "") -> str:
    """``{{ metric.previous_value|zh_exact:metric.unit }}`` -> ``1,530元/人/月``: the 万/亿
    form only when it loses nothing (see ``format_zh_number(exact=True)``)."""
    return format_zh_number(value, unit, exact=True)


@register.filter
def approx_mark(metric) -> str:
    """``{{ metric|approx_mark }}``: ≥/≤/≈ for a metric (or dict) with ``approx``/``bound``."""
    if isinstance(metric, dict):
        return bound_mark(metric.get("bound"), bool(metric.get("approx")))
    return bound_mark(getattr(metric, "bound", ""), bool(getattr(metric, "approx", False)))
