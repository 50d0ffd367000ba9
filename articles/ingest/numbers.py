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


#: One group of a mixed number: Arabic digits (a decimal point is refused by ``parse_mixed``)
#: or Chinese digits, then the multiplier characters that scale it, then an optional 零.
_MIXED_GROUP_RE = re.compile(r"(零?)(\d+(?:\.\d+)?|[零〇一二两三四五六七八九]+)([十百千万亿]*)")
_PLACE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}


def parse_mixed(text: str) -> Decimal:
    """Value of a number that mixes Arabic digits and multiplier characters in several
    groups, as reports write it: ``"3万4000"`` -> 34000, ``"1万5千"`` -> 15000,
    ``"25万6千"`` -> 256000, ``"2千零30万"`` -> 20300000 (2030万), ``"1亿2000万"`` ->
    120000000, ``"3万零500"`` -> 30500.

    Rule (GB/T 15835-2011 place values): each group is a number and its multipliers; a
    later group must be smaller than the place of the multiplier before it (3万40000 and
    3千5千 are not numbers), a group after 万/亿 written without 零 and without multiplier
    must fill that place's digits or be shorter than it with 零 (3万4 is the colloquial
    3.4万 or a typo: refused), no group has a decimal point (3.5万4000 is garbled), and a
    trailing 万/亿 scales everything before it (2千零30万 is 2030万).
    Raises ``ValueError`` when ``text`` is not such a number, so a garbled form gives no
    value rather than a part of one.
    """
    groups = _mixed_groups(text)
    total = Decimal(0)
    section = Decimal(0)
    limit: int | None = None  # the next group's magnitude must stay below this place
    for k, (zero, digits, mults) in enumerate(groups):
        value = parse_arabic(digits) if digits[0].isdigit() else parse_chinese(digits)
        _check_tail(text, k, zero, digits, mults, limit, last=k == len(groups) - 1)
        small = "".join(ch for ch in mults if ch in "十百千")
        big = mults[len(small) :]
        small_place = _PLACE[small[0]] if small else 1
        value *= small_place
        place = _PLACE[big[0]] * (_PLACE[big[1]] if len(big) > 1 else 1) if big else 1
        scales_section = bool(big) and not total and bool(section) and place > (limit or 0)
        if limit is not None and (value if scales_section else value * place) >= limit:
            raise ValueError(f"place values out of order: {text!r}")
        section += value
        if big:
            total = total + section * place
            section = Decimal(0)
            limit = small_place * place
        else:
            limit = small_place if small else 1
    return exact(total + section)


def _mixed_groups(text: str) -> list[tuple[str, str, str]]:
    """(零, digits, multipliers) of each group of ``text``; ValueError when the groups do
    not cover it, there is only one, or a multiplier is written twice (4万万)."""
    groups: list[tuple[str, str, str]] = []
    pos = 0
    while pos < len(text):
        m = _MIXED_GROUP_RE.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"not a mixed number: {text!r}")
        if len(m[3]) > 2 or (len(m[3]) == 2 and m[3] not in MULTIPLIERS):
            raise ValueError(f"not a multiplier: {m[3]!r} in {text!r}")
        groups.append(m.groups())
        pos = m.end()
    if len(groups) < 2 or not groups[0][2] or groups[0][0] or "." in groups[0][1]:
        raise ValueError(f"not a mixed number: {text!r}")
    return groups


def _check_tail(
    text: str, k: int, zero: str, digits: str, mults: str, limit: int | None, last: bool
) -> None:
    """Refuse a group that cannot follow the one before it (see ``parse_mixed``)."""
    if not k:
        return
    if limit is None:
        raise ValueError(f"not a mixed number: {text!r}")
    if not mults and not last:
        raise ValueError(f"group without multiplier inside {text!r}")
    if not digits[0].isdigit() and not mults:
        raise ValueError(f"Chinese tail without multiplier after Arabic digits: {text!r}")
    if mults or zero:
        return
    width = len(str(limit)) - 1
    if width >= 2 and len(digits) == 1:
        raise ValueError(f"ambiguous tail {digits!r} after a multiplier: {text!r}")
    if len(digits) > width:
        raise ValueError(f"tail {digits!r} longer than its place: {text!r}")


def parse_number(text: str) -> Decimal:
    """Parse one number as written: Arabic (``"1,234"``, ``"4.35"``), Chinese
    (``"一百二十"``) or Arabic with a trailing multiplier (``"9.31亿"``, ``"2.3万"``).

    Returns an exact ``Decimal`` (9.31亿 -> 931000000). Raises ``ValueError`` when the
    text is not a number.
    """
    text = text.strip()
    if _MIXED_GROUP_RE.fullmatch(text) is None and _MIXED_GROUP_RE.match(text):
        try:
            return parse_mixed(text)
        except ValueError:
            pass
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
