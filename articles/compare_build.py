"""Compare's rows built in one pass over plain tuples (issue 9.3): a county compare has
~3,000 rows, and building each through a dict, a copy for sums of parts, a dict of
change fields and keyword arguments cost more than reading them (about 150 ms of a
300 ms page at 100,000 articles). ``build_rows`` makes the same ``CompareRow`` values as
that path did (``tests/test_compare_build.py`` checks both ways of reading agree).

A winner tuple has the columns of ``WINNER_COLUMNS`` in that order: what the kept
winners' read (``compare_winner_reads._KEPT``) selects, and what a filtered view's ranked dicts
are turned into (``winner_tuple``). No queries here.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter

from django.utils.translation import gettext as _

from .compare import comparable, rate_change
from .compare_result import (
    PATH_SEPARATOR,
    POPULATION_YEAR,
    CompareRow,
    article_title,
    per_resident_ratio,
)
from .compare_winners import COLUMNS as KEPT_COLUMNS
from .models import IndicatorKind, MetricStatus, PartRole

#: The columns of a winner tuple, in order (``compare_winner_reads._KEPT`` selects them so).
WINNER_COLUMNS = (
    "region_id",
    "region__adcode",
    "region__name",
    "region__name_en",
    "region__level",
    "region__parent__name",
    "region__parent__name_en",
    "region__parent__parent__name",
    "region__parent__parent__name_en",
    "id",
    "article_id",
    "article__published",
    # the kept row's own columns from its value to its earlier value's period, as
    # ``compare_winners`` stores them
    *KEPT_COLUMNS[KEPT_COLUMNS.index("value") : KEPT_COLUMNS.index("earlier_period") + 1],
    "publication",
)
#: Positions of the columns read outside ``build_rows``.
ADCODE, NAME, NAME_EN, LEVEL, P_NAME, P_NAME_EN, G_NAME, G_NAME_EN = (
    WINNER_COLUMNS.index(c)
    for c in (
        "region__adcode",
        "region__name",
        "region__name_en",
        "region__level",
        "region__parent__name",
        "region__parent__name_en",
        "region__parent__parent__name",
        "region__parent__parent__name_en",
    )
)
METRIC, ARTICLE, UNIT, PUBLICATION = (
    WINNER_COLUMNS.index(c)
    for c in (
        "id",
        "article_id",
        "unit",
        "publication",
    )
)


#: Positions of the columns the summaries of every row read (``row_values``,
#: ``any_previous``, ``published_span``).
PUBLISHED, VALUE, ROLE, PERIOD, PREVIOUS, PARTS_SUM, PARTS_COUNT, EARLIER, EARLIER_PERIOD = (
    WINNER_COLUMNS.index(c)
    for c in (
        "article__published",
        "value",
        "part_role",
        "period",
        "previous_value",
        "parts_sum",
        "parts_count",
        "earlier_value",
        "earlier_period",
    )
)


def summed_ids(winners: Iterable[tuple]) -> list[int]:
    """The metric ids of the winner tuples that stand for a sum of two or more parts
    (whose row ``build_rows`` makes the sum), in the winners' order."""
    part = PartRole.PART
    return [t[METRIC] for t in winners if t[ROLE] == part and (t[PARTS_COUNT] or 0) >= 2]


def row_values(winners: Iterable[tuple], convert: Converters) -> list:
    """Each winner tuple's row ``value`` as ``build_rows`` makes it (a Decimal): the
    parts' sum for a winner that stands for a group of two or more parts, else its own
    value. Compare sorts the winners by it before building any row. (Columns taken with
    ``itemgetter`` and converted with ``Converters.decimals``: in C, not a loop a row;
    only the parts' rows are looked at one by one.)"""
    values = raw_row_values(winners)
    return values if convert.identity else convert.decimals(values)


def value_order(winners: Iterable[tuple], convert: Converters) -> list[int]:
    """The positions of the winner tuples by their row value (``row_values``), largest
    first, equal values in the winners' order (a stable sort).

    Decimals read as their text with at most ``convert.places`` decimals
    (``Converters.text``: PostgreSQL's ``numeric::text``) are compared as floats when
    every one is smaller than ``10 ** (15 - places)``: each then has at most 15
    significant digits, which a float keeps exactly (``float`` of a text is correctly
    rounded), so two values are equal, or ordered, as floats exactly as they are as
    Decimals. A county compare's 2,700 values: 0.35 ms, against 0.95 ms making and
    comparing their Decimals. Otherwise the Decimals are compared."""
    values = raw_row_values(winners)
    if convert.places is not None and None not in values:
        keys = list(map(float, values))
        if not keys or max(map(abs, keys)) < 10.0 ** (15 - convert.places):
            return sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
    if not convert.identity:
        values = convert.decimals(values)
    return sorted(range(len(values)), key=values.__getitem__, reverse=True)


def raw_row_values(winners: Iterable[tuple]) -> list:
    """``row_values`` as read (before ``Converters.decimals``): int/float on SQLite,
    decimal text on PostgreSQL (``Converters.text``), Decimals from the ORM."""
    winners = winners if isinstance(winners, list) else list(winners)
    values = list(map(itemgetter(VALUE), winners))
    part = PartRole.PART
    if part in map(itemgetter(ROLE), winners):
        for i, t in enumerate(winners):
            if t[ROLE] == part and (t[PARTS_COUNT] or 0) >= 2:
                values[i] = t[PARTS_SUM]
    return values


def any_previous(winners: Iterable[tuple], *, kind: str, lang: str) -> bool:
    """True when ``build_rows`` would give some winner's row a ``previous_value``: its own
    previous value (same report) unless it stands for a sum of parts, else its earlier
    dated value when ``articles.compare.comparable`` allows it (asked once for each pair
    of periods, not for each of thousands of rows). Rows without a previous or an earlier
    value are skipped in C (``itemgetter``, ``list.count``)."""
    winners, part = list(winners), PartRole.PART
    previous = list(map(itemgetter(PREVIOUS), winners))
    if previous.count(None) != len(previous) and any(
        t[PREVIOUS] is not None and not (t[ROLE] == part and (t[PARTS_COUNT] or 0) >= 2)
        for t in winners
    ):
        return True
    earlier = list(map(itemgetter(EARLIER), winners))
    if earlier.count(None) == len(earlier):
        return False
    if kind != IndicatorKind.FLOW:  # only a flow's periods can stop a comparison
        return True
    pairs = {(t[PERIOD], t[EARLIER_PERIOD]) for t in winners if t[EARLIER] is not None}
    return any(not comparable(kind, now, before, language=lang) for now, before in pairs)


def published_span(winners: Iterable[tuple], convert: Converters) -> tuple:
    """The first and last publication date of the winners' articles (dates), (None,
    None) when none is dated. On SQLite the raw dates are ISO text, whose order is the
    dates' order."""
    dated = list(filter(None, map(itemgetter(PUBLISHED), winners)))  # in C
    if not dated:
        return (None, None)
    return (convert.day(min(dated)), convert.day(max(dated)))


def winner_tuple(m: dict) -> tuple:
    """A ``compare_values`` dict (typed values, ``earlier`` a dict or None) as a winner
    tuple (``WINNER_COLUMNS``)."""
    earlier = m["earlier"] or {}
    values = [m[c] for c in WINNER_COLUMNS[:25]]
    return (*values, earlier.get("value"), earlier.get("published"), earlier.get("period"),
            m["publication"])  # fmt: skip


def _same(value):
    return value


def _text_decimal(value):
    return None if value is None else Decimal(value)


class Converters:
    """How a winner tuple's raw columns become typed values: ``decimal`` (None stays
    None) and ``day`` (a date, from ISO text on SQLite). ``typed()``: nothing to convert
    (PostgreSQL's driver, or dicts from the ORM); ``identity`` says so, and ``build_rows``
    then calls neither. ``places``: the most decimals a value read as text has
    (``text()``), None when not read as text (``value_order``). ``scale``: the most
    decimals any raw value stands for (the columns' scale: ``text()`` and ``sqlite()``),
    None when not known (``compare_result.ratio_order``)."""

    def __init__(
        self,
        decimal: Callable = _same,
        day: Callable = _same,
        places: int | None = None,
        scale: int | None = None,
    ):
        self.decimal = decimal
        self.day = day
        self.identity = decimal is _same and day is _same
        self.places = places
        self.scale = places if scale is None else scale

    def decimals(self, values: list) -> list:
        """``[self.decimal(v) for v in values]``; for decimals read as text
        (``Converters.text``) one ``map(Decimal, ...)`` when none is None."""
        if self.decimal is _text_decimal and None not in values:
            return list(map(Decimal, values))
        return list(map(self.decimal, values))

    @classmethod
    def typed(cls) -> Converters:
        return cls()

    @classmethod
    def text(cls, places: int) -> Converters:
        """Decimals read as their text (PostgreSQL's ``numeric::text``, exact: the
        Decimal the driver would have made) with at most ``places`` decimals (the
        columns' scale), dates typed."""

        return cls(_text_decimal, places=places)

    @classmethod
    def sqlite(cls, places: int, context: decimal.Context) -> Converters:
        """SQLite gives decimals as int/float and (read through ``CAST … AS TEXT``) dates
        as ISO text; converted as Django's own converters would (15 significant digits,
        then quantized to ``places``), so values equal the ORM's."""
        create = decimal.Context(prec=15).create_decimal_from_float
        quantum = Decimal(1).scaleb(-places)
        iso = date.fromisoformat

        def to_decimal(value):
            return None if value is None else create(value).quantize(quantum, None, context)

        def day(value):
            return iso(value) if type(value) is str else value

        return cls(to_decimal, day, scale=places)


def build_rows(
    winners: Iterable[tuple],
    *,
    convert: Converters,
    url: str,
    lang: str,
    kind: str,
    unit: str,
    ratio: tuple | None = None,
    texts: dict | None = None,
) -> list[CompareRow]:
    """The ``CompareRow`` of each winner tuple (``WINNER_COLUMNS``, and any columns read
    after them, such as ``compare_winner_reads.RESIDENTS``), in order.

    ``url``: an article URL with ``{}`` for its id; ``lang``: "en" or "zh" (names,
    notes); ``kind``/``unit``: the indicator's kind and the rows' unit (change rules,
    ``articles.compare``); ``ratio``: ``({region id: residents}, per, plot unit)`` for
    the per-resident columns; ``texts``: ``{metric id: (title, evidence_text,
    sentence_text)}`` when read (exports), else titles and evidence stay ''.

    Each row as ``compare_reads`` always made it: a winner that is one part of a group
    stands for the group (value = the parts' sum, a lower bound when any part is
    approximate); names in ``lang`` (English name, else the Chinese one); the previous
    value is the winner's own ``previous_value`` (same report, no date) unless it is a
    sum of parts, else its ``earlier`` dated value when ``articles.compare.comparable``
    allows it (else only ``change_note`` says why).
    """
    dec, day = convert.decimal, convert.day
    typed = convert.identity  # PostgreSQL: no call per value
    flow = kind == IndicatorKind.FLOW  # only a flow's periods can stop a comparison
    en = lang == "en"
    same = _("调整前的数值（同一报道）")
    rate = rate_change(kind, unit)
    notes = (_("比率的变化以百分点计，不计百分比"), _("上一值为0，无法计算变化百分比"))
    url_head, url_tail = url.split("{}", 1)  # one concatenation a row, no ``format``
    residents, per, plot_unit = ratio or (None, None, "")
    population_year = POPULATION_YEAR if ratio else None
    corrected, part = MetricStatus.CORRECTED, PartRole.PART
    tenth = Decimal("0.1")
    rows = []
    for (region_id, adcode, name, name_en, level, p_name, p_name_en, g_name, g_name_en,
         metric_id, article_id, published, value, value_max, unit_, bound, approx, role,
         period, status, previous, values, parts_sum, parts_count, parts_approx,
         earlier_value, earlier_published, earlier_period, _publication, *_residents) in winners:  # fmt: skip
        if en:
            region_name, p_name, g_name = name_en or name, p_name_en or p_name, g_name_en or g_name
        else:
            region_name = name
        if g_name and p_name and region_name:
            path = f"{g_name}{PATH_SEPARATOR}{p_name}{PATH_SEPARATOR}{region_name}"
        else:
            path = PATH_SEPARATOR.join(n for n in (g_name, p_name, region_name) if n)
        if role == part and (parts_count or 0) >= 2:
            value, value_max, parts = parts_sum if typed else dec(parts_sum), None, parts_count
            bound = "lower" if parts_approx else ""
            approx = bool(bound)
        elif typed:
            parts, approx = 0, bool(approx)
        else:
            value, value_max, parts, approx = dec(value), dec(value_max), 0, bool(approx)
        # change columns (``change_fields`` of old): previous, date, change, pct, note
        before = when = change = pct = None
        note = ""
        if previous is not None and not parts:
            before, note = previous if typed else dec(previous), same
        elif earlier_value is not None:
            if flow:
                note = comparable(kind, period, earlier_period, language=lang)
            if not note:
                before = earlier_value if typed else dec(earlier_value)
                when = earlier_published if typed else day(earlier_published)
        if before is not None:
            change = value - before
            if rate:
                note = notes[0]
            elif before == 0:
                note = notes[1]
            else:
                pct = (change * 100 / before).quantize(tenth, ROUND_HALF_UP)
                note = note if when is None else ""
        if texts is None:
            title, evidence = "", ""
        else:
            title, evidence_text, sentence_text = texts[metric_id]
            title, evidence = article_title(title), sentence_text or evidence_text or ""
        people = residents.get(region_id) if ratio else None
        rows.append(
            CompareRow(
                adcode,
                region_name,
                path,
                level,
                name,
                value,
                value_max,
                unit_,
                bound,
                approx,
                "",
                "",
                published if typed else day(published),
                article_id,
                title,
                f"{url_head}{article_id}{url_tail}",
                evidence,
                values or 1,
                parts,
                metric_id,
                status,
                status == corrected,
                people,
                population_year if people else None,  # no census row: no census year
                per_resident_ratio(value, people, per) if people else None,
                plot_unit,
                "",
                before,
                when,
                "",
                change,
                pct,
                "",
                note,
            )
        )
    return rows
