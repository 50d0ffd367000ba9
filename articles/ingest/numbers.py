"""Chinese number parsing into exact ``Decimal`` values.

Numbers in Chinese reports come as Arabic digits (``1,234``, ``4.35``), Chinese numerals
(``两千``, ``一百二十``, ``三万五千``), or digits followed by a multiplier character
(``9.31亿``, ``2.3万``). Every function here returns ``decimal.Decimal`` built from the
text itself, never through float, so ``4.35亿`` is exactly 435000000 (float arithmetic
gives 434999999.99999994).

Rule sources: the numeral system of GB/T 15835-2011 (出版物上数字用法) for digit grouping
and the multiplier characters 十/百/千/万/亿.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: Value of each Chinese digit character (两 is the counting form of 二).
CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}

#: Multiplier suffixes written after Arabic digits (``2.3万``, ``9.31亿``), longest first.
MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "十亿": Decimal(10) ** 9,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "百": Decimal(10) ** 2,
}

CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_ARABIC_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_CN_RANGE_RE = re.compile(r"^([一二两三四五六七八九])([二三四五六七八九])([十百千万亿]*)$")


def exact(value: Decimal) -> Decimal:
    """``value`` without a meaningless fractional part: ``Decimal('435000000.00')`` ->
    ``Decimal('435000000')``; ``Decimal('14.990')`` -> ``Decimal('14.99')``."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_arabic(text: str) -> Decimal:
    """``"1,234.5"`` -> ``Decimal('1234.5')``. Commas must group thousands.

    Raises ``ValueError`` when ``text`` is not an ASCII decimal number.
    """
    if not _ARABIC_RE.match(text):
        raise ValueError(f"not an Arabic decimal number: {text!r}")
    return Decimal(text.replace(",", ""))


def parse_chinese(text: str) -> Decimal:
    """Value of a Chinese numeral: ``"一百二十"`` -> 120, ``"两千"`` -> 2000,
    ``"三万五千"`` -> 35000, ``"十"`` -> 10, ``"百"`` -> 100, ``"二〇二三"`` -> 2023
    (digit-by-digit form).

    Raises ``ValueError`` for an empty string or a character that is not a numeral.
    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if len(text) > 1 and all(ch in CHINESE_DIGITS for ch in text):
        return Decimal("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    number = 0
    last_big = 0
    for ch in text:
        if ch in CHINESE_DIGITS:
            number = CHINESE_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[ch]
            number = 0
        else:
            big = _BIG_UNITS[ch]
            total = _add_big(total, section + number, big, last_big)
            last_big = big
            section = number = 0
    return Decimal(total + section + number)


def _add_big(total: int, val: int, big: int, last_big: int) -> int:
    """``total`` after a 万/亿 (``big``) that multiplies ``val``, the value read since the
    last one (1 when nothing was: 万 alone is 10000). A unit bigger than the last one
    multiplies all that came before too (一万亿 is 10**12, not 10**4 + 10**8)."""
    if val == 0 and total == 0:
        val = 1
    if total and big > last_big:
        return (total + val) * big
    return total + val * big


def parse_chinese_range(text: str) -> tuple[Decimal, Decimal] | None:
    """A Chinese approximate range made of two neighbouring digits: ``"两三"`` -> (2, 3),
    ``"三四十"`` -> (30, 40), ``"五六百"`` -> (500, 600). None when ``text`` is not one."""
    m = _CN_RANGE_RE.match(text)
    if not m:
        return None
    first, second, rest = m.groups()
    if CHINESE_DIGITS[second] != CHINESE_DIGITS[first] + 1:
        return None
    return parse_chinese(first + rest), parse_chinese(second + rest)


def apply_multiplier(value: Decimal, multiplier: str | None) -> Decimal:
    """``value`` times the multiplier word (``"万"``, ``"亿"``, ``"千万"`` ...), exactly.

    Raises ``KeyError`` for an unknown multiplier; None or ``""`` leaves ``value`` as is.
    """
    if not multiplier:
        return exact(value)
    return exact(value * MULTIPLIERS[multiplier])


def parse_number(text: str) -> Decimal:
    """Parse one number as written: Arabic (``"1,234"``, ``"4.35"``), Chinese
    (``"一百二十"``) or Arabic with a trailing multiplier (``"9.31亿"``, ``"2.3万"``).

    Returns an exact ``Decimal`` (9.31亿 -> 931000000). Raises ``ValueError`` when the
    text is not a number.
    """
    text = text.strip()
    for suffix in MULTIPLIERS:
        if text.endswith(suffix) and text[: -len(suffix)][-1:].isdigit():
            return apply_multiplier(parse_arabic(text[: -len(suffix)]), suffix)
    try:
        return exact(parse_arabic(text))
    except ValueError:
        pass
    try:
        return parse_chinese(text)
    except (ValueError, InvalidOperation) as exc:
        raise ValueError(f"not a number: {text!r}") from exc
