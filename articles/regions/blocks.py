"""The blocks of a region page: one per (indicator, unit) the region itself has shown
metrics of (``summaries``, a GROUP BY), their dated points (``chart_points``, one value
per publication date by ``models.latest_first``) and each block's small chart (``draw``).

``_own`` (the region's own shown metrics) and ``_block_order`` (catalogue indicators by
their names in the reader's language, then slug and unit, unmapped metrics last) are the
order the metric list and the exports share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Case, Count, F, Value, When, Window
from django.db.models.functions import Coalesce, Lower, NullIf, RowNumber, Substr
from django.utils.translation import gettext as _

from .. import charts
from ..compare import joinable
from ..filter_parts import CodepointOrder
from ..formatting import active_lang, metric_text, unit_text
from ..models import IndicatorKind, Metric, Region, latest_first
from ..script_data import json_script

# --------------------------------------------------------------------------- joining


# Which values a line may join is ``articles.compare.joinable`` (one rule for compare and
# region pages): stocks, rates and levels always; flows only over periods of one length.


# --------------------------------------------------------------------------- blocks


class SeriesPoint(NamedTuple):
    """One dated value: ``date``, ``value`` (Decimal in the block's unit), the source
    ``article_url`` / ``article_title``, its ``evidence`` and ``period``; ``display`` (the
    exact text, ``formatting.value_text`` of ``value`` .. ``lang``) is made when read: a
    county has 570 points at 100,000 articles and the page shows the text of a block's
    latest point and of the points of the charts it draws (a tenth of them)."""

    date: date
    value: Decimal
    article_url: str
    article_title: str
    evidence: str
    period: str = ""
    unit: str = ""
    bound: str | None = ""
    approx: bool = False
    value_max: Decimal | None = None
    lang: str = "zh"
    #: 2 or more: ``value`` is the sum of that many parts (``region_metrics._point_value``)
    parts: int = 0

    @property
    def display(self) -> str:
        text = metric_text(self, lang=self.lang)
        if self.parts >= 2:  # the compare table's words (``compare_result``)
            return _("%(value)s（%(parts)s个分项之和）") % {"value": text, "parts": self.parts}
        return text


@dataclass
class IndicatorBlock:
    """One (indicator, unit) the region itself has shown metrics of: ``slug`` (None for
    metrics not mapped to an indicator), ``name`` and ``kind_label`` in the active
    language, ``count`` shown metrics, ``points`` (observed, dated, one per date, oldest
    first), ``latest`` (the newest point or None), ``mode`` ('line', 'dots', 'single' or
    '' with no dated value), ``chart`` (payload for ``static/js/charts.js``, None unless
    line or dots), ``element_id`` unique on the page and ``rows`` (this page's metrics)."""

    slug: str | None
    name: str
    unit: str
    kind: str
    kind_label: str
    count: int
    element_id: str
    _points: list[SeriesPoint] = field(default_factory=list, repr=False)
    #: ``(rows, make)``: points not made yet (``defer_points``), and the last of them
    #: once ``latest`` has made it
    _deferred: tuple | None = field(default=None, repr=False)
    _made_latest: SeriesPoint | None = field(default=None, repr=False)
    _mode: str | None = field(default=None, repr=False)
    chart: dict | None = None
    rows: list[Metric] = field(default_factory=list)
    latest_text: str = ""
    page: int = 1
    chart_json: str = ""
    chart_label: str = ""
    #: The block's value from an undated article (``date`` None), for ``latest`` when it
    #: has no dated point: compare ranks undated values last but shows one when a region
    #: has nothing newer (``region_metrics.read`` sets it)
    undated: SeriesPoint | None = None

    @property
    def mode(self) -> str:
        """How the points are drawn: 'line' when there are two or more and they are
        ``joinable``, 'dots' when they are not, 'single' for one, '' for none. Worked out
        when first read (from ``points``, which must be set by then): a page reads it for
        the blocks it charts only (a county lists 150), the JSON export for all."""
        if self._mode is None:
            if not self.points:
                self._mode = ""
            elif len(self.points) == 1:
                self._mode = "single"
            else:
                # an unmapped block (no indicator, so no kind) mixes labels: never a line
                join = bool(self.kind) and joinable(
                    self.kind, [{"period": p.period} for p in self.points]
                )
                self._mode = "line" if join else "dots"
        return self._mode

    @property
    def unit_label(self) -> str:
        """The unit for a heading in the active language: 人 / persons; '' for a Chinese
        measure word in English (the indicator's name says what is counted)."""
        return unit_text(self.unit).strip()

    @property
    def points(self) -> list[SeriesPoint]:
        """The observed dated values, one per date, oldest first (made now from the rows
        ``defer_points`` was given, once)."""
        if self._deferred is not None:
            rows, make = self._deferred
            points = [make(row) for row in rows[:-1]]
            if rows:
                points.append(self.latest)  # the point ``latest`` gave, not a second one
            self._points, self._deferred = points, None
        return self._points

    @points.setter
    def points(self, points: list[SeriesPoint]) -> None:
        self._points, self._deferred, self._made_latest = list(points), None, None

    def defer_points(self, rows: list, make: Callable[[object], SeriesPoint]) -> None:
        """The points are ``make(row)`` of each of ``rows`` (oldest first), made when
        ``points`` is first read; ``latest`` makes the last alone. A county's page reads
        the latest point of each of its 150 blocks and every point of the dozen it
        charts: making the 550 points of a county cost 0.6 ms."""
        self._points, self._deferred, self._made_latest = [], (rows, make), None

    @property
    def latest(self) -> SeriesPoint | None:
        """The newest point, else ``undated`` (what compare takes when a region has only
        undated values), else None."""
        if self._deferred is not None:
            rows, make = self._deferred
            if not rows:
                return self.undated
            if self._made_latest is None:  # once: an export's head reads it seven times
                self._made_latest = make(rows[-1])
            return self._made_latest
        return self.points[-1] if self.points else self.undated


def _own(region: Region, verified: bool):
    return Metric.objects.shown(verified).filter(region=region)


def _block_order(lang: str | None = None) -> list:
    """Metrics of a catalogue indicator first, by the indicator's name as the reader sees
    it (``lang``, default the active language): English case-insensitively (the Chinese
    name where there is no English one), Chinese in pinyin order (``Indicator.pinyin_key``,
    then the name by code point), as the compare picker lists them
    (``names.reader_sort_key``); then slug and unit; unmapped metrics last. By slug alone
    the blocks read as unsorted (a new-user pass: "Air-quality composite index, Change of
    the air quality composite index, Assistance funds ..."); by code point, the
    radical-and-stroke order of the first character, 养老 came before 低保."""
    if (lang or active_lang()) == "en":
        names = [Lower(Coalesce(NullIf("indicator__name_en", Value("")), "indicator__name_zh"))]
    else:
        names = [CodepointOrder("indicator__pinyin_key"), CodepointOrder("indicator__name_zh")]
    return [
        Case(When(indicator__isnull=True, then=Value(1)), default=Value(0)),
        *names,
        "indicator__slug",
        _unit_key(),
    ]


def _unit_key():
    """The unit a block is keyed by: the metric's, '' for all unmapped metrics (one block
    of them, each row with its own unit)."""
    return Case(When(indicator__isnull=True, then=Value("")), default=F("unit"))


def summaries(region: Region, verified: bool = False) -> list[IndicatorBlock]:
    """One block per (indicator, unit) of the region's own shown metrics, with counts,
    in block order; one GROUP BY query (the metrics themselves are not loaded)."""
    rows = (
        _own(region, verified)
        .order_by()
        .annotate(unit_key=_unit_key())
        .values(
            "indicator__slug",
            "indicator__name_zh",
            "indicator__name_en",
            "indicator__kind",
            "unit_key",
        )
        .annotate(n=Count("pk"))
        .order_by(*_block_order())
    )
    english = active_lang() == "en"
    kinds = {kind: str(label) for kind, label in IndicatorKind.choices}  # once, not per block
    blocks = []
    for row in rows:
        slug = row["indicator__slug"]
        if slug:
            name = (row["indicator__name_en"] if english else "") or row["indicator__name_zh"]
        else:
            name = _("未归类")
        kind = row["indicator__kind"] or ""
        blocks.append(
            IndicatorBlock(
                slug=slug,
                name=name,
                unit=row["unit_key"],
                kind=kind,
                kind_label=kinds.get(kind, ""),
                count=row["n"],
                element_id=f"indicator-{len(blocks) + 1}",
            )
        )
    return blocks


def chart_points(region: Region, verified: bool = False) -> dict[tuple, list[SeriesPoint]]:
    """``{(indicator slug, unit): [SeriesPoint]}``: the region's own observed metrics of a
    catalogue indicator in dated articles, one per (indicator, unit, publication date) by
    ``models.latest_first`` (the metric compare would take), oldest first. One query on
    narrow rows (``values()``, evidence cut in SQL). The winner's own value: the page
    (``region_metrics.read``) makes a winner that is one of several parts stand for
    their sum, as compare does."""
    from ..selectors import article_title, article_url_template

    rank = Window(
        RowNumber(),
        partition_by=[F("indicator_id"), F("unit"), F("article__published")],
        order_by=latest_first(),
    )
    # The ranked rows carry what a point shows, so the winners are kept in the statement
    # that ranks them (Django wraps it and filters on the rank) instead of being looked up
    # again by id: a county's 570 points at 100,000 articles, PostgreSQL 110 -> 75 ms
    # wall (loaded machine, min of 8); SQLite the same.
    rows = (
        Metric.objects.observed(verified)
        .filter(region=region, indicator__isnull=False, article__published__isnull=False)
        .annotate(
            date_rank=rank,
            evidence=Substr(
                "article__body",
                F("sentence_start") + 1,
                F("sentence_end") - F("sentence_start"),
            ),
        )
        .filter(date_rank=1)
        .values(
            "indicator__slug",
            "unit",
            "value",
            "value_max",
            "bound",
            "approx",
            "period",
            "article_id",
            "article__title",
            "article__published",
            "evidence",
        )
        .order_by("indicator__slug", "unit", "article__published", "article_id")
    )
    url = article_url_template()
    lang = active_lang()  # once, not once per point (a county has hundreds)
    points: dict[tuple, list[SeriesPoint]] = {}
    for r in rows:
        point = SeriesPoint(
            r["article__published"],
            r["value"],
            url.format(r["article_id"]),
            article_title(r["article__title"]),
            r["evidence"] or "",
            r["period"] or "",
            r["unit"],
            r["bound"],
            r["approx"],
            r["value_max"],
            lang,
        )
        points.setdefault((r["indicator__slug"], r["unit"]), []).append(point)
    return points


def draw(block: IndicatorBlock, place: str, chart: bool = True) -> None:
    """With ``chart``: the block's chart as ``block.mode`` says (a line or dots; none for
    a single value), its payload, JSON and label, and ``latest_text`` (the chart's
    caption). Without: nothing (``mode`` is worked out when read)."""
    if not chart:
        return
    if block.mode in ("line", "dots"):
        block.chart = charts.line_chart(
            block.points,
            place=place,
            unit=block.unit,
            series=block.name,
            joined=block.mode == "line",
        )
    latest = block.latest
    if chart and latest and latest.date:
        block.latest_text = _("最新：%(value)s（%(day)s）") % {
            "value": latest.display,
            "day": latest.date.isoformat(),
        }
    if block.chart:
        # Built here, not by an include per chart: a county has dozens of small charts
        # and the template engine's per-include cost was most of the page's time.
        block.chart_json = json_script(block.chart, f"{block.element_id}-chart-data")
        label = (
            _("%(name)s随时间变化的折线图；数值见下方表格")
            if block.mode == "line"
            else _("%(name)s各日期的数值（不连线）；数值见下方表格")
        )
        block.chart_label = label % {"name": block.name}
