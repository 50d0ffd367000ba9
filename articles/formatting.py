"""Numbers as readers see them, in Chinese and in English: the one formatter of govreports.

Used by the templates (``templatetags/numbers.py`` and ``highlight.py`` are thin filters
over it), the chart payloads (``articles/charts.py``), the exports (``articles/exports/``),
the admin and the parser's dry-run schema. ``static/js/number-format.js`` implements
``format_number`` for chart axes and tooltips; ``tests/test_numbers_format.py`` runs both
on the same cases (with Node, in CI).

Rules, for a value ``v`` (Decimal arithmetic, half-up rounding, trailing zeros trimmed):

=========== ============================================ ===========================
language    ``exact=False`` (axes, short labels)         ``exact=True`` (tables)
=========== ============================================ ===========================
``zh``      ``|v| >= 1亿``: v/10^8, ≤2 decimals + 亿      the 万/亿 form when it loses
            (931000000 -> 9.31亿); ``|v| >= 1万``: v/10^4  nothing (114500 -> 11.45万),
            + 万 (51104 -> 5.11万; 99999999 -> 1亿);     else every digit grouped
            else grouped, ≤2 decimals (1,234)            (51104 -> 51,104)
``en``      ``|v| >= 10^9``: B, ``>= 10^6``: M,          every digit, Western grouping
            ``>= 10^3``: K, ≤2 decimals (931M, 51.1K)    (931,000,000; 51,104)
=========== ============================================ ===========================

The unit follows with no space in Chinese (units are data and stay as written: 9.31亿元,
51,104人); in English it is ``UNITS_EN``'s (931M yuan, 51,104 persons).
Approximate values carry a mark in front: ``≥`` lower bound (余/多/超), ``≤`` upper bound
(近/不足), ``≈`` 约/左右 or any other approximate value. A range is ``5–8个``.
``None``, ``""`` and non-finite values give ``""``: a gap is shown as a gap, never as 0.

``plain_decimal`` is the machine form for exports and ``data`` attributes: every digit,
no grouping, no exponent, no trailing zeros (``Decimal("931000000.0000")`` -> ``"931000000"``).

This module imports nothing from Django at load time, so the pure parser may use it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

#: Between the sentences a sum of parts cites (``compare_winners.part_sentences``):
#: text left out.
PART_SENTENCE_JOINER = " … "

YI = Decimal("100000000")
WAN = Decimal("10000")
TWO_PLACES = Decimal("0.01")
#: English compact steps, largest first: (threshold, suffix).
EN_STEPS = ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K"))
#: Below this the English short form keeps every digit, as Chinese keeps them below 万:
#: 1,520 yuan beside the Chinese page's 1,520元, never 1.52K (a new-user pass).
EN_COMPACT_FROM = Decimal(10) ** 4

#: Units in English (issue 10.8), written after the number with the space included;
#: Chinese measure words (个, 件, 支 ...) have no English unit, the indicator's name says
#: what is counted. A unit not listed is shown as written. static/js/number-format.js
#: holds the same table (tests/test_numbers_format.py checks they agree).
UNITS_EN = {
    "人": " persons",
    "人次": " person-times",
    "元": " yuan",
    "元/人": " yuan per person",
    "元/人/年": " yuan per person per year",
    "元/人/月": " yuan per person per month",
    "人/千人": " per 1,000 residents",
    "户": " households",
    "亩": " mu",
    "公里": " km",
    "千瓦": " kW",
    "吨": " tonnes",
    "天": " days",
    "小时": " hours",
    "平方米": " m²",
    "微克/立方米": " μg/m³",
    "斤": " jin",
    **dict.fromkeys(
        [
            "个",
            "件",
            "份",
            "处",
            "套",
            "张",
            "所",
            "部",
            "项",
            "条",
            "株",
            "篇",
            "支",
            "期",
            "家",
            "场",
            "场次",
            "次",
            "指数",
            "则",
            "座",
            "辆",
            "台",
            "栋",
            "间",
            "棵",
            "只",
            "头",
        ],
        "",
    ),
}


#: English units of measurement, whose numbers keep every digit: 194.1K m² read as km²,
#: and 2.5K kW as a unit of its own (a new-user pass).
FULL_EN = frozenset({" m²", " km", " kW", " tonnes", " μg/m³", " mu", " jin", " days", " hours"})

#: English units that change for exactly one ("1 person", "1 household"); the others
#: read the same (1 yuan, 1 mu, 1 km). static/js/number-format.js holds the same table.
SINGULAR_EN = {
    " persons": " person",
    " person-times": " person-time",
    " households": " household",
    " tonnes": " tonne",
    " days": " day",
    " hours": " hour",
}


def unit_text(unit: str, lang: str | None = None) -> str:
    """The unit as written after a number: Chinese as is; English from ``UNITS_EN``
    ('元/人/月' -> ' yuan per person per month', '支' -> ''), else as is ('%')."""
    unit = unit or ""
    if (lang or active_lang()) != "en":
        return unit
    return UNITS_EN.get(unit, unit)


def unit_name(unit: str, lang: str | None = None) -> str:
    """The unit on its own, as a column or a picker names it: Chinese as is; English from
    ``UNITS_EN`` without the leading space ('元/人/月' -> 'yuan per person per month',
    '人' -> 'persons'), 'count' for a measure word with no English unit ('支', '个'),
    'index' for 指数 (an index is no count: a new-user pass read "Air-quality composite
    index (count)"), else as written ('%')."""
    unit = unit or ""
    if (lang or active_lang()) != "en":
        return unit
    if unit == "指数":
        return "index"
    english = UNITS_EN.get(unit)
    if english is None:
        return unit
    return english.strip() or "count"


def in_sentence(label, lang: str | None = None) -> str:
    """A name that stands alone capitalized ('County', a picker's option or a link) as it
    reads inside an English sentence: 'Compare every county-level region'. Chinese (and
    any other language) as is: '比较所有县级地区'. Made for ``RegionLevel`` labels, whose
    English names are single common nouns; never for proper names."""
    text = str(label)
    return text.lower() if (lang or active_lang()) == "en" else text


#: ``Metric.bound`` value -> mark shown before the number.
BOUND_MARKS = {"lower": "≥", "upper": "≤", "about": "≈"}
RANGE_DASH = "–"


def active_lang() -> str:
    """``"en"`` when Django's active language is English, else ``"zh"``."""
    from django.utils.translation import get_language

    return "en" if (get_language() or "").startswith("en") else "zh"


def to_decimal(value) -> Decimal | None:
    """``value`` (Decimal, int, float or numeric string) as a finite Decimal, else None."""
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def plain_decimal(value) -> str | None:
    """Machine text of a number: ``"931000000"``, ``"15.5"``, ``"0"``; None for None.

    ``Decimal.normalize`` alone would give ``"9.31E+8"``; the ``"f"`` format keeps it
    positional. Exports and the parser's dry run write numbers this way (round-trip exact).
    """
    number = to_decimal(value)
    if number is None:
        return None
    text = format(number.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def grouped(value) -> str:
    """Every significant digit with Western thousands grouping: ``"931,000,000"``,
    ``"1,234.5"``; ``""`` for None. Used by both languages for exact figures."""
    text = plain_decimal(value)
    if text is None:
        return ""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, frac = digits.partition(".")
    return f"{sign}{int(whole):,}{dot}{frac}"


def _trimmed(value: Decimal, *, grouping: bool = False) -> str:
    """``value`` rounded half-up to 2 decimals, trailing zeros (and a bare point) removed."""
    rounded = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.2f}" if grouping else f"{rounded:.2f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _short_zh_exact(number: Decimal) -> tuple[str, Decimal]:
    """``(text, stands_for)``: the 万/亿 text of ``number`` and the number that text
    stands for (the rounded figure times 万 or 亿), worked out as the text is made
    rather than parsed back from it."""
    size = abs(number)
    if size >= WAN:
        factor = YI
        if size < YI:
            scaled = (number / WAN).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
            if abs(scaled) < WAN:
                return _trimmed(scaled) + "万", scaled * WAN
        rounded = (number / factor).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        return _trimmed(rounded) + "亿", rounded * factor
    rounded = number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return _trimmed(rounded, grouping=True), rounded


def _short_zh(number: Decimal) -> str:
    return _short_zh_exact(number)[0]


def _short_en(number: Decimal) -> str:
    if abs(number) < EN_COMPACT_FROM:
        return _trimmed(number, grouping=True)
    for step, suffix in EN_STEPS:
        if abs(number) >= step:
            return _trimmed(number / step, grouping=True) + suffix
    return _trimmed(number, grouping=True)


def _short_value(text: str) -> Decimal:
    """The number a 万/亿 text stands for: '11.45万' -> 114500, '1,234' -> 1234."""
    factor = YI if text.endswith("亿") else WAN if text.endswith("万") else Decimal(1)
    return Decimal(text.rstrip("万亿").replace(",", "")) * factor


def _grouped_decimal(number: Decimal) -> str:
    """``grouped`` of a finite Decimal."""
    text = format(number.normalize(), "f")
    if text in {"-0", ""}:
        return "0"
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, frac = digits.partition(".")
    return f"{sign}{int(whole):,}{dot}{frac}"


def format_number(
    value,
    unit: str = "",
    *,
    exact: bool = False,
    places: int | None = None,
    lang: str | None = None,
    digits: bool = False,
) -> str:
    """A number for readers, unit appended: ``"9.31亿元"`` (zh), ``"931M元"`` (en).

    ``exact`` as in the module table (tables and tooltips never round a reported figure
    away). ``places``: exactly that many decimals, grouped, no 万/亿/K (ratios: 154.8).
    ``digits``: every digit grouped in both languages, never 万/亿 (63,000人): the form of
    a column of values read against each other (compare), where an exact 6.3万人 beside
    51,104人 made readers compare unlike forms (a new-user pass).
    ``lang``: ``"zh"`` or ``"en"``; None means Django's active language.
    """
    number = to_decimal(value)
    if number is None:
        return ""
    return _format(number, unit, exact, places, (lang or active_lang()) == "en", digits)


def _format(
    number: Decimal,
    unit: str,
    exact: bool,
    places: int | None,
    english: bool,
    digits: bool = False,
) -> str:
    """``format_number`` of a finite Decimal, the language resolved (a region page formats
    ~300 values: each conversion and language look-up saved counts)."""
    if english:
        unit = UNITS_EN.get(unit, unit) if unit else ""
        if number == 1 and places is None:
            unit = SINGULAR_EN.get(unit, unit)
    elif not unit:
        unit = ""
    if places is not None:
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return f"{rounded:,.{places}f}{unit}"
    if digits or exact:
        if english or digits:
            return f"{_grouped_decimal(number)}{unit}"
        short, stands_for = _short_zh_exact(number)
        return f"{short if stands_for == number else _grouped_decimal(number)}{unit}"
    if english and unit in FULL_EN:
        return f"{_trimmed(number, grouping=True)}{unit}"
    return f"{_short_en(number) if english else _short_zh(number)}{unit}"


def bound_mark(bound: str | None, approx: bool = False) -> str:
    """The mark of an approximate value: ≥ (lower), ≤ (upper), ≈ (about or unspecified)."""
    if bound in BOUND_MARKS:
        return BOUND_MARKS[bound]
    return "≈" if approx else ""


def value_text(
    value,
    unit: str = "",
    *,
    bound: str | None = "",
    approx: bool = False,
    value_max=None,
    exact: bool = True,
    places: int | None = None,
    lang: str | None = None,
    digits: bool = False,
) -> str:
    """Mark + number (or range) + unit: ``'≥670人'``, ``'5–8个'``, ``'9.31亿元'``.

    Exact by default, ``digits`` every digit grouped (see ``format_number``); ``""`` for a
    missing value.
    """
    number = to_decimal(value)
    if number is None:
        return ""
    english = (lang or active_lang()) == "en"
    mark = BOUND_MARKS[bound] if bound in BOUND_MARKS else "≈" if approx else ""  # bound_mark
    if value_max is not None:
        high = to_decimal(value_max)
        if high != number:
            low = _format(number, "", exact, places, english, digits)
            top = _format(high, unit, exact, places, english, digits) if high is not None else ""
            return f"{mark}{low}{RANGE_DASH}{top}"
    return f"{mark}{_format(number, unit, exact, places, english, digits)}"


def metric_text(metric, *, lang: str | None = None, exact: bool = True) -> str:
    """``value_text`` of anything with ``value, value_max, unit, bound, approx`` (a
    ``Metric`` or a row): the table and tooltip text of one reported value (``exact``
    False: its short form, 5.11万人, with its mark and range all the same)."""
    return value_text(
        metric.value,
        metric.unit,
        bound=metric.bound,
        approx=metric.approx,
        value_max=metric.value_max,
        exact=exact,
        lang=lang,
    )


def approximate(value) -> bool:
    """True when a value (anything with ``bound``, ``approx`` and ``value_max``: a compare
    row, a chart's series point) is not exact: a bound (余/超/近), 约 or a range. Such
    values are drawn lighter and a change made from one is marked ≈."""
    return bool(value.bound or value.approx or value.value_max is not None)
