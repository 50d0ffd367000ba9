"""Changes between two values of one indicator, and which values a line may join (issue 10.3).

An indicator says what kind of quantity it is (``models.IndicatorKind``): a stock counted
at a point in time, a flow over a period, a rate, a level. Two values of one region are
comparable, and a time-series line may join them, only when that kind allows it:

- stocks, rates and levels: any two dated values in the same unit;
- flows: only values over periods of the same length (a year with a year, a month with a
  month), read from ``Metric.period``; a flow without a period is never compared, since
  "funds paid" over a quarter and over a year are not a change.

A rate's change is in points (98.5% → 99.1% is +0.6 points), so it has no percentage
change. These rules are used by compare's change view (``selectors.compare_rows``) and,
through ``joinable``, by region pages' time series. No queries here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import IndicatorKind

#: ``Metric.period`` texts and the period length they name (year, half, quarter, month).
PERIOD_PATTERNS = (
    (re.compile(r"^\d{4}(年|年度)?$"), "year"),
    (re.compile(r"^\d{4}(-?H[12]|年?[上下]半年)$", re.I), "half"),
    (re.compile(r"^\d{4}(-?Q[1-4]|年?第?[一二三四1-4]季度)$", re.I), "quarter"),
    (re.compile(r"^\d{4}(-\d{1,2}|年\d{1,2}月)$"), "month"),
)

#: Periods named without a year, as reports write them ('全年', '上半年', '一季度', '3月');
#: a span of months ('1-5月') names no one length and matches none of these.
RELATIVE_PERIODS = (
    (re.compile(r"^(全年|年度|本年度?)$"), "year"),
    (re.compile(r"^[上下]半年$"), "half"),
    (re.compile(r"^第?[一二三四1-4]季度$"), "quarter"),
    (re.compile(r"^\d{1,2}月份?$"), "month"),
)

#: Units whose values are rates: their change is in points, never a percentage.
RATE_UNITS = {"%", "‰"}


@lru_cache(maxsize=4096)
def period_length(period: str | None) -> str | None:
    """'year' / 'half' / 'quarter' / 'month' for a ``Metric.period`` text ('2023',
    '2023年', '2023-H1', '2023年上半年', '2023Q2', '2023年第二季度', '2023-05',
    '2023年5月') or a period named without its year ('全年', '上半年', '一季度', '3月');
    None when blank, a span of months ('1-5月') or not understood ('近年来').
    Memoized: a few dozen period texts recur over thousands of compared rows."""
    text = (period or "").strip().replace(" ", "")
    patterns = PERIOD_PATTERNS + RELATIVE_PERIODS
    return next((length for pattern, length in patterns if pattern.match(text)), None)


def _field(point, name: str):
    return point.get(name) if isinstance(point, dict) else getattr(point, name, None)


def joinable(kind: str, points: Iterable) -> bool:
    """True when a time-series line may join ``points`` of one indicator of ``kind``
    (``IndicatorKind`` value): all in one unit, and for a flow all over periods of one
    known length (``period_length``). ``points`` are objects or dicts with ``unit`` and,
    for flows, ``period``; a point without ``unit`` is taken to share the others'.
    Fewer than two points: False (nothing to join)."""
    points = list(points)
    if len(points) < 2:
        return False
    units = {_field(p, "unit") for p in points} - {None}
    if len(units) > 1:
        return False
    if kind == IndicatorKind.FLOW:
        lengths = {period_length(_field(p, "period")) for p in points}
        return len(lengths) == 1 and None not in lengths
    return True


@dataclass(frozen=True)
class Change:
    """A change from ``previous`` to ``current`` (Decimals in one unit): ``change`` =
    current − previous (points for a rate), ``change_pct`` its percentage of previous
    (1 decimal, half-up), None with ``note`` saying why (previous is 0, a rate)."""

    previous: Decimal
    current: Decimal
    change: Decimal
    change_pct: Decimal | None
    note: str = ""


def change(previous: Decimal, current: Decimal, *, unit: str, kind: str) -> Change:
    """The change from ``previous`` to ``current``: 1530 → 1692 元/人/月 is +162 and
    +10.6%. No percentage when ``previous`` is 0 (undefined) or for a rate (``kind``
    rate or a unit in ``RATE_UNITS``: the change is in points)."""
    diff = current - previous
    if rate_change(kind, unit):
        return Change(previous, current, diff, None, _("比率的变化以百分点计，不计百分比"))
    if previous == 0:
        return Change(previous, current, diff, None, _("上一值为0，无法计算变化百分比"))
    pct = (diff * 100 / previous).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Change(previous, current, diff, pct)


def rate_change(kind: str, unit: str) -> bool:
    """True when changes of an indicator of ``kind`` in ``unit`` are in points, without a
    percentage: a rate (``IndicatorKind.RATE``) or a unit of ``RATE_UNITS``."""
    return kind == IndicatorKind.RATE or unit in RATE_UNITS


def pct_text(pct: Decimal | None, approx: bool = False) -> str:
    """'+10.6%' / '−3.2%' / '0.0%' / '+2,153.7%' for a percentage change, '≈' before it
    when it is made from an approximate value (``approx``); '' for none."""
    if pct is None:
        return ""
    sign = "+" if pct > 0 else "−" if pct < 0 else ""
    return f"{'≈' if approx else ''}{sign}{abs(pct):,}%"


def comparable(
    kind: str, current_period: str, previous_period: str, *, language: str | None = None
) -> str:
    """'' when a dated earlier value may be compared with the current one, else why not
    (in the active language): a flow needs two periods of one known length. ``language``:
    the active language's code when the caller read it already (compare asks for
    thousands of rows; ``get_language`` is a context-local lookup each time)."""
    if kind != IndicatorKind.FLOW:
        return ""
    language = language or get_language()
    return _flow_comparable(current_period or "", previous_period or "", language)


@lru_cache(maxsize=4096)
def _flow_comparable(current_period: str, previous_period: str, language: str | None) -> str:
    """``comparable`` for a flow, memoized per active ``language`` (the cache key only;
    the message is translated by the active language): compare asks it for thousands of
    rows over a few dozen period texts."""
    now, before = period_length(current_period), period_length(previous_period)
    if now is None or before is None:
        return _("流量指标未注明统计时期，不与上一期比较")
    if now != before:
        return _("两个数值的统计时期长短不同，不能比较")
    return ""
