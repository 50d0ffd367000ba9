"""Compare's rows and result: the types the compare page, its exports, chart, map and table
share (``CompareRow``, ``CompareResult``, ``Per``, ``View``), and the pure functions of a
row's numbers and texts (ratios, ``with_texts``); rows are built by
``articles/compare_build.py``. No queries here.

Moved out of ``articles/selectors.py`` (which still re-exports these names).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import numpy
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from .formatting import approximate, in_sentence, unit_name, value_text
from .models import Indicator, RegionLevel

#: Census year of the Population rows used for per-resident ratios (the only year loaded).
POPULATION_YEAR = 2020
#: Credit for the population figures (a msgid, translated when a result is built).
POPULATION_CREDIT = gettext_noop("国家统计局第七次全国人口普查（2020年）分县资料")


class Per:
    """``per`` choices of the compare page (total, per 1,000 residents, per resident)."""

    TOTAL = "total"
    PER_1000 = "per_1000"
    PER_RESIDENT = "per_resident"


#: Units that count persons (ratio per 1,000 residents) and money (ratio per resident).
PERSON_UNITS = {"人", "人次"}
MONEY_UNITS = {"元"}
PATH_SEPARATOR = " › "


class ChartDataError(ValueError):
    """The request is well-formed but its data cannot be drawn honestly (HTTP 400).

    ``str(error)`` is a message for the reader, in the interface language; ``field``
    the parameter the choice that cannot be drawn was made in (``per`` for a ratio
    that does not fit the unit or level), ``__all__`` when the data as a whole is at
    fault (two units), as an export's JSON errors key it.
    """

    def __init__(self, message: str, field: str = "__all__"):
        super().__init__(message)
        self.field = field


def article_title(title: str) -> str:
    """A title for links: the headline, else '（无标题）' in the active language."""
    return title or _("（无标题）")


# --------------------------------------------------------------------------- compare


@dataclass(slots=True)
class CompareRow:
    """One region's latest value of the compared indicator (table, chart, CSV, JSON).
    Not frozen: a frozen dataclass sets each of its 35 fields through
    ``object.__setattr__``, 13 ms for the 3,000 rows of a county compare, this 1.5 ms;
    and the rows of one request get their texts and evidence in place (``with_texts``,
    ``add_evidence``), once, instead of a changed copy each.

    Field names are the export vocabulary (``articles.exports``). ``region_name`` and
    ``region_path`` are in the active language (Wangcang County in English,
    ``Region.name_en``), ``region_name_zh`` is the gazetteer's name. ``value``/``value_max``
    are Decimals in ``unit``; ``display`` the exact text, every digit grouped in every
    row (≥51,104人, 63,000人: one form per column), ``short`` the 万/亿 text (5.11万人); ``published`` a date or None; ``article_values`` how many values of
    the indicator the winning article gives for the region; ``parts`` the number of parts
    summed when the text gives the region's figure only as parts (then ``value`` is their
    sum, ``bound`` lower when any part is approximate), else 0. With a ``per`` other than
    total: ``residents`` (persons, census ``population_year``; both None where no
    population row exists — listed, never dropped), ``ratio`` (Decimal in ``ratio_unit``, e.g.
    人/千人) and ``ratio_display``. ``metric_id``, ``status`` (review state) and ``edited``
    (status corrected) are the winning metric's.
    """

    region_adcode: str
    region_name: str
    region_path: str
    region_level: str
    region_name_zh: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    bound: str
    approx: bool
    display: str
    short: str
    published: date | None
    article_id: int
    article_title: str
    article_url: str
    evidence: str
    article_values: int = 1
    parts: int = 0
    metric_id: int | None = None
    status: str = ""
    edited: bool = False
    residents: int | None = None
    population_year: int | None = None
    ratio: Decimal | None = None
    ratio_unit: str = ""
    ratio_display: str = ""
    previous_value: Decimal | None = None
    previous_date: date | None = None
    previous_display: str = ""
    change: Decimal | None = None
    change_pct: Decimal | None = None
    change_display: str = ""
    change_note: str = ""


class LazyRows(Sequence):
    """The compare page's rows, each built (``compare_build.build_rows``) when first read.

    A county compare has ~3,000 rows and the page shows about 150 of them (the table's
    page and the charted ends); building every row cost more than the rest of the page's
    Python. ``winners`` are winner tuples (``compare_build.WINNER_COLUMNS``) in the rows'
    final order; ``build(tuples)`` returns their ``CompareRow`` in the same order. A row is
    built once: reading it again gives the same object (texts set in place stay set).
    Reading every row (iterating, sorting, searching) builds them all, as a list would
    have been."""

    __slots__ = ("_winners", "_rows", "_build")

    def __init__(self, winners: list[tuple], build: Callable[[list[tuple]], list]):
        self._winners = winners
        self._rows: list = [None] * len(winners)
        self._build = build

    def __len__(self) -> int:
        return len(self._winners)

    def _built(self, indices) -> list:
        rows = self._rows
        missing = [i for i in indices if rows[i] is None]
        if missing:
            made = self._build([self._winners[i] for i in missing])
            for i, row in zip(missing, made, strict=True):
                rows[i] = row
        return [rows[i] for i in indices]

    def take(self, indices: list[int]) -> list:
        """The rows at ``indices`` (non-negative), built together."""
        return self._built(indices)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._built(range(*index.indices(len(self))))
        n = len(self)
        if not -n <= index < n:
            raise IndexError("compare row index out of range")
        return self._built([index % n])[0]

    def __iter__(self):
        return iter(self._built(range(len(self))))


#: Export columns of compare rows, in order; ratio columns only with a ``per``.
COMPARE_COLUMNS = [
    "region_adcode",
    "region_name",
    "region_path",
    "region_level",
    "region_name_zh",
    "value",
    "value_max",
    "unit",
    "bound",
    "parts",
    "display",
    "published",
    "article_id",
    "article_title",
    "article_url",
    "evidence",
    "metric_id",
    "status",
    "edited",
]
RATIO_COLUMNS = ["residents", "population_year", "ratio", "ratio_unit", "ratio_display"]
#: Fields of a row that are absent when empty: no bound (""), no parts summed (0), no ratio
#: or note text (""). An export writes them as null (JSON) or an empty cell (CSV), as
#: the region and article exports write an absent bound or part.
_ABSENT_WHEN_EMPTY = ("bound", "parts", "ratio_unit", "ratio_display", "change_note")


def export_row(row: CompareRow) -> dict:
    """One compare row as an export writes it: ``CompareRow``'s fields (Decimals exact),
    with ``_ABSENT_WHEN_EMPTY`` fields None when empty (a new-user pass found ``"bound":
    ""`` and ``"parts": 0`` here, null in the region export)."""
    out = asdict(row)
    for key in _ABSENT_WHEN_EMPTY:
        if not out[key]:
            out[key] = None
    return out


#: Change columns (issue 10.3), whenever a row has a previous value or the change view.
CHANGE_COLUMNS = ["previous_value", "previous_date", "change", "change_pct", "change_note"]


class View:
    """``view`` choices of the compare page: the latest values, or their changes."""

    LATEST = "latest"
    CHANGE = "change"


#: Levels from finest to coarsest: without a chosen level, compare shows the first with data.
FINEST_FIRST = (RegionLevel.COUNTY, RegionLevel.PREFECTURE, RegionLevel.PROVINCE)


def shown_level(counts: dict[str, int], chosen: str | None) -> str:
    """The one level compare shows: ``chosen`` when given, else county when counties have
    data, else the finest level that has (``counts`` is ``{level: regions with a value}``);
    county when nothing has data. Issue 10, point 1: never two levels on one axis."""
    if chosen:
        return chosen
    return next((lv.value for lv in FINEST_FIRST if counts.get(lv)), RegionLevel.COUNTY.value)


@dataclass(frozen=True)
class LeftOut:
    """A region asked for (``?regions=``) that the comparison does not show: its adcode,
    its name in the active language and its level (a ``RegionLevel`` value)."""

    adcode: str
    name: str
    level: str

    @property
    def level_label(self) -> str:
        """The level's name in the active language ('省级' / 'Province')."""
        return str(dict(RegionLevel.choices)[self.level])


@dataclass
class CompareResult:
    """What the compare page shows: ``rows`` (``CompareRow``, largest first) of one
    ``level`` (``level_chosen`` False when it was picked by ``shown_level``),
    ``level_counts`` ``{level: regions with a value}`` for every level (finest first, so
    the page can offer the others), ``candidate_count`` regions with a value (any
    level) and, when regions are picked, ``candidates`` ``[(adcode, name, path)]`` of them
    (``compare_reads.region_candidates``; the picker reads its options apart,
    ``compare_reads.compare_candidates``), ``chart`` (payload of ``articles/charts.py``),
    regions without population, the census year, ``publications`` ``{article id:
    publication name or None}`` of the rows' articles (the sources panel's counts), and
    the regions asked for by ``regions`` that are not shown (``LeftOut``, in the order
    asked): ``other_level``, with a value at another level than the one shown (one level
    is compared at a time), and ``without_value``, with no value of the indicator."""

    indicator: Indicator
    per: str
    unit: str
    plot_unit: str
    level: str = RegionLevel.COUNTY
    level_chosen: bool = False
    level_counts: dict[str, int] = field(default_factory=dict)
    candidates: list[tuple[str, str, str]] = field(default_factory=list)
    #: How many regions have a value, at any level (the region picker is offered when any)
    candidate_count: int = 0
    rows: list[CompareRow] = field(default_factory=list)
    chart: dict = field(default_factory=dict)
    missing_population: list[str] = field(default_factory=list)
    population_year: int | None = None
    population_credit: str = ""
    view: str = View.LATEST
    publications: dict[int, str | None] = field(default_factory=dict)
    #: ``publications`` counted by name (``publication_articles``), by ``compare_rows``
    publication_tally: Counter | None = None
    other_level: list[LeftOut] = field(default_factory=list)
    without_value: list[LeftOut] = field(default_factory=list)
    #: What ``compare_rows`` knows of every row from its winners, so that rows built only
    #: when read (``LazyRows``) need not all be built: the first and last publication
    #: date (None, None without dates), how many leading rows have a number to chart
    #: (``charts.measure``; the rest sort last), whether some row has a previous value
    #: (``previous_any``, or ``previous_of()`` when first asked: only the table and the
    #: exports ask, a page on the chart or the map never does).
    #: None: not given (a result made by hand); then they are read from ``rows``.
    span: tuple[date | None, date | None] | None = None
    measured: int | None = None
    previous_any: bool | None = None
    previous_of: Callable[[], bool] | None = field(default=None, repr=False, compare=False)
    #: How many rows' articles have no publication date (None: read from ``rows``).
    undated: int | None = None
    #: Reviewed metrics only (``?verified=1``): what the rows were ranked from.
    verified: bool = False
    #: The region ``within`` narrows the comparison to, named in the active language
    #: ('四川省'); '' for the whole country. Set by the page (``views.charts.scope_name``).
    scope: str = ""

    @property
    def has_values(self) -> bool:
        """True when some level has a region with a value (``level_counts``)."""
        return any(self.level_counts.values())

    def dates(self) -> tuple[date | None, date | None]:
        """The first and last publication date of the rows; (None, None) without dates."""
        if self.span is not None:
            return self.span
        dated = [r.published for r in self.rows if r.published]
        return (min(dated), max(dated)) if dated else (None, None)  # without a sort

    def undated_rows(self) -> int:
        """How many rows come from an article without a publication date."""
        if self.undated is not None:
            return self.undated
        return sum(1 for r in self.rows if not r.published)

    def row_publications(self) -> dict[int, str | None]:
        """``{article id: publication name or None}`` of the rows' articles."""
        if self.span is not None:  # made by ``compare_rows``: exactly the rows' articles
            return self.publications
        return {r.article_id: self.publications.get(r.article_id) for r in self.rows}

    def publication_articles(self) -> Counter:
        """``Counter({publication name or None: articles})`` of the rows' articles
        (``row_publications``): counted when ``compare_rows`` made them, while the
        2,700 names just read were in the processor's cache (0.55 ms later, 0.1 then)."""
        if self.span is not None and self.publication_tally is not None:
            return self.publication_tally
        return Counter(self.row_publications().values())

    @property
    def changed(self) -> int:
        """How many rows have a change (a previous value it can be compared with): the
        change view's caption says it beside the regions shown (every row is built in
        that view)."""
        return sum(1 for r in self.rows if r.change is not None)

    @property
    def has_previous(self) -> bool:
        """True when some row has a previous value (the change columns are shown)."""
        if self.previous_any is None and self.previous_of is not None:
            self.previous_any = self.previous_of()
        if self.previous_any is not None:
            return self.previous_any
        return any(r.previous_value is not None for r in self.rows)

    @property
    def other_level_text(self) -> str:
        """``other_level`` as the page names them: '四川省（省级）、…' / 'Sichuan Province
        (province), …' in the active language (the level in a sentence: ``in_sentence``)."""
        return _with_levels(self.other_level)

    @property
    def without_value_text(self) -> str:
        """The names of ``without_value`` at the level shown, joined: '月球县、…' in the
        active language."""
        return pgettext("list separator", "、").join(
            r.name for r in self.without_value if r.level == self.level
        )

    @property
    def without_value_elsewhere_text(self) -> str:
        """The regions of ``without_value`` at another level than the one shown (a
        province picked while counties are compared: its level, not only its lack of a
        value, is why), named with their levels as ``other_level_text`` names them."""
        return _with_levels(r for r in self.without_value if r.level != self.level)

    @property
    def without_value_counts(self) -> tuple[int, int]:
        """How many of ``without_value`` are at the level shown, and at another level."""
        here = sum(r.level == self.level for r in self.without_value)
        return here, len(self.without_value) - here

    @property
    def level_label(self) -> str:
        """The shown level's name in the active language ('县级' / 'County')."""
        return str(dict(RegionLevel.choices)[self.level])

    @property
    def scoped_level_label(self) -> str:
        """``level_label`` with the ``scope`` it is within: '四川省的县级' / 'County level in
        Sichuan Province' (the chart's subtitle and the citation: a downloaded chart or a
        cited view of one province said only '县级'); ``level_label`` without a scope."""
        if not self.scope:
            return self.level_label
        return _("%(scope)s的%(level)s") % {"scope": self.scope, "level": self.level_label}

    @property
    def ratio_label(self) -> str:
        """'每千名常住人口' / '人均（按常住人口）' in the active language; '' for totals."""
        if self.per == Per.PER_1000:
            return _("每千名常住人口")
        if self.per == Per.PER_RESIDENT:
            return _("人均（按常住人口）")
        return ""

    @property
    def columns(self) -> list[str]:
        """Export column names for this ``per`` (ratio columns only if used) and view
        (change columns in the change view or where a row has a previous value)."""
        columns = COMPARE_COLUMNS + (RATIO_COLUMNS if self.per != Per.TOTAL else [])
        if self.view == View.CHANGE or self.has_previous:
            columns = columns + CHANGE_COLUMNS
        return columns

    def header(self) -> dict:
        """The JSON export's fields beside ``rows``: indicator, per, units, population."""
        return {
            "indicator": {
                "slug": self.indicator.slug,
                "name": self.indicator.name,
                "unit": self.indicator.unit,
                "kind": self.indicator.kind,
            },
            "per": self.per,
            "view": self.view,
            "level": self.level,
            "level_counts": self.level_counts,
            "unit": self.unit,
            "plot_unit": self.plot_unit,
            "population_year": self.population_year,
            "population_source": self.population_credit or None,
            "regions_other_level": [r.adcode for r in self.other_level],
            "regions_without_value": [r.adcode for r in self.without_value],
        }


def _with_levels(regions) -> str:
    """``LeftOut`` regions named with their levels, joined: '四川省（省级）、…' / 'Sichuan
    Province (province), …' in the active language (the level in a sentence)."""
    return pgettext("list separator", "、").join(
        _("%(name)s（%(level)s）") % {"name": r.name, "level": in_sentence(r.level_label)}
        for r in regions
    )


def ratio_unit(unit: str, per: str) -> str:
    """'人/千人' per 1,000 residents, '元/人' per resident, else the unit itself."""
    return {Per.PER_1000: f"{unit}/千人", Per.PER_RESIDENT: f"{unit}/人"}.get(per, unit)


def per_resident_ratio(value: Decimal, residents: int, per: str) -> Decimal:
    """``value`` per 1,000 residents (1 decimal) or per resident (2 decimals), half-up.

    51104 volunteers / 330108 residents * 1000 = 154.8 (旺苍县, 2020 census).
    Raises ValueError for a non-positive population (the database forbids it anyway).
    """
    if residents <= 0:
        raise ValueError("residents must be positive")
    if per == Per.PER_1000:
        return (value * 1000 / Decimal(residents)).quantize(_TENTH, ROUND_HALF_UP)
    return (value / Decimal(residents)).quantize(_HUNDREDTH, ROUND_HALF_UP)


def per_resident_ratios(values: list, people: list, per: str) -> list:
    """``per_resident_ratio(v, n, per)`` of each value and population, None where the
    population is None or 0: compare's sort keys, for every one of 3,000 rows (one
    expression a row, the same numbers: dividing a Decimal by an int is exact as by its
    Decimal). A negative population raises ValueError, as ``per_resident_ratio`` does."""
    if min(filter(None, people), default=1) < 0:  # None and 0 left out
        return [
            per_resident_ratio(v, n, per) if n else None
            for v, n in zip(values, people, strict=True)
        ]
    half_up = ROUND_HALF_UP
    if per == Per.PER_1000:
        thousand, tenth = Decimal(1000), _TENTH
        return [
            (v * thousand / n).quantize(tenth, half_up) if n else None
            for v, n in zip(values, people, strict=True)
        ]
    hundredth = _HUNDREDTH
    return [
        (v / n).quantize(hundredth, half_up) if n else None
        for v, n in zip(values, people, strict=True)
    ]


#: Largest scaled value and population ``ratio_order`` takes: its integers (twice the
#: value times 10,000 plus the divisor) then stay below int64's 9.2e18, and the value's
#: float times its scale is an exact integer (below 2**52). Compare's ratio order in
#: SQL (``compare_winner_reads.kept_tuples``) keeps the same bound.
RATIO_VALUE_LIMIT, _RATIO_PEOPLE_LIMIT = 4 * 10**14, 10**10
#: What a value is multiplied by, before its division by the residents, to give the
#: ratio in the units ``per_resident_ratio`` rounds to: tenths per 1,000 residents
#: (``value * 1000 / people`` in tenths), hundredths per resident.
RATIO_FACTOR = {Per.PER_1000: 10_000, Per.PER_RESIDENT: 100}


def ratio_order(values: list, people: list, per: str, scale: int) -> tuple[list[int], int] | None:
    """``(positions, measured)``: the rows by their per-resident ratio as
    ``per_resident_ratio`` rounds it (1 decimal per 1,000, 2 per resident, half up),
    largest first, equal ratios in the given order; then the rows without one (no
    population: None or 0) in the given order; ``measured`` rows have one. The order
    ``per_resident_ratios`` and a stable sort give, for compare's 3,000 rows in NumPy.

    ``values``: raw row values (``compare_build.raw_row_values``: int, float, decimal
    text or Decimal) with at most ``scale`` decimals; ``people``: residents or None. Each
    value is scaled to an integer (the float of a decimal of at most 15 digits times
    ``10 ** scale``, rounded: exact), and each ratio is the integer of tenths (or
    hundredths) rounded half away from zero, as ``ROUND_HALF_UP``: the quotient's
    division by a population of at most 10 digits is never within Decimal's 28 digits
    of a tie without being one. None, for the Decimals to decide, when a value is
    None, a value or population is too large for that (``RATIO_VALUE_LIMIT``), or a
    population is negative (``per_resident_ratio`` raises)."""
    count = len(values)
    if None in values:
        return None
    pop = numpy.fromiter((n or 0 for n in people), dtype=numpy.int64, count=count)
    floats = numpy.fromiter(map(float, values), dtype=numpy.float64, count=count)
    scaled = numpy.rint(floats * 10.0**scale)
    if count and (
        numpy.abs(scaled).max() >= RATIO_VALUE_LIMIT
        or pop.min() < 0
        or pop.max() >= _RATIO_PEOPLE_LIMIT
    ):
        return None
    measured = pop > 0
    ints = scaled.astype(numpy.int64)
    # ratio * 10 (per 1,000: value * 1000 / people, in tenths) or * 100 (per resident)
    numerator = numpy.abs(ints) * RATIO_FACTOR[per]
    divisor = numpy.where(measured, pop, 1) * 10**scale
    keys = numpy.sign(ints) * ((2 * numerator + divisor) // (2 * divisor))
    shown = numpy.flatnonzero(measured)
    order = shown[numpy.argsort(-keys[shown], kind="stable")]
    return order.tolist() + numpy.flatnonzero(~measured).tolist(), len(shown)


#: The quanta of ``per_resident_ratio`` (parsed once: it runs for each of 3,000 rows).
_TENTH, _HUNDREDTH = Decimal("0.1"), Decimal("0.01")


def _check_per(per: str, unit: str, level: str | None) -> None:
    """Raise ``ChartDataError`` when a per-resident ratio does not fit the unit or level."""
    if per == Per.PER_1000 and unit not in PERSON_UNITS:
        raise ChartDataError(
            _("“每千人”只适用于人数（人、人次），此指标的单位是“%(unit)s”。")
            % {"unit": unit_name(unit)},  # the reader's language: 'yuan per person per month'
            field="per",
        )
    if per == Per.PER_RESIDENT and unit not in MONEY_UNITS:
        raise ChartDataError(
            _("“人均”只适用于金额（元），此指标的单位是“%(unit)s”。") % {"unit": unit_name(unit)},
            field="per",
        )
    if level != RegionLevel.COUNTY:
        raise ChartDataError(
            _("按常住人口换算只适用于县级地区：人口数据是分县普查资料。"), field="per"
        )


def _signed(number: Decimal, unit: str, lang: str) -> str:
    text = value_text(abs(number), unit, lang=lang, digits=True)
    return ("+" if number > 0 else "−" if number < 0 else "±") + text


def with_texts(row: CompareRow, lang: str) -> CompareRow:
    """Set ``row``'s reader-facing texts (``display``, ``short``, ``ratio_display``,
    ``previous_display``, ``change_display``) in ``lang``, in place; returns ``row``.
    ``compare_rows`` formats every row for exports and only the charted rows and the
    table's page for the HTML page (``add_evidence``): formatting 3,000 rows cost more
    than reading them, and a changed copy of each (``dataclasses.replace``) as much again."""
    fmt = {"bound": row.bound, "approx": row.approx, "value_max": row.value_max, "lang": lang}
    # every digit, grouped, in every row (51,104人 and 63,000人, never 6.3万人 beside
    # 51,104人): the rows are read against each other; ``short`` keeps 万/亿 for axes
    display = value_text(row.value, row.unit, digits=True, **fmt)
    if row.parts:
        display = _("%(value)s（%(parts)s个分项之和）") % {"value": display, "parts": row.parts}
    row.display = display
    row.short = value_text(row.value, row.unit, exact=False, **fmt)
    if row.ratio is not None:
        places = 1 if row.ratio_unit.endswith("/千人") else 2
        row.ratio_display = value_text(
            row.ratio, row.ratio_unit, bound=row.bound, approx=row.approx, places=places, lang=lang
        )
    if row.previous_value is not None:
        row.previous_display = value_text(row.previous_value, row.unit, lang=lang, digits=True)
        # a change from a value with 余/约 or a range is as approximate as the value
        # ("≥193,889 persons" beside "+152,389 persons" read as exact: a new-user pass)
        row.change_display = ("≈" if approximate(row) else "") + _signed(row.change, row.unit, lang)
    return row


def article_url_template() -> str:
    """An article's URL with ``{}`` for its id: one ``reverse()`` for a whole page."""
    return reverse("articles:detail", args=[987654321]).replace("987654321", "{}")
