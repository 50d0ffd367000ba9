"""The region page (``/regions/<adcode>/``, issue 10.7) and its exports, in a fixed number
of queries whatever the data size (issue 9.3).

What a region page shows, each piece one query:

- the region with its path and its 2020 census population (``population``: the county's
  own figure, or the sum of the county-level divisions below a prefecture or province);
- one block per (indicator, unit) the region itself has values of (``summaries``: a
  GROUP BY, so a province never loads its metrics), each with a small chart of its values
  over time (``chart_points``: one value per publication date, the rule compare uses,
  ``models.latest_first``), drawn as a line only where the values may be joined
  (``joinable``), else as dots or a single value;
- one page of the region's own metrics in block order (``metric_page``), region and
  article not repeated on every row; the metrics of divisions below it are counted under
  ``children`` and shown on their own pages, never mixed in;
- its children that have articles or metrics, with both counts (articles: a GROUP BY over
  the subtree, found by the adcode range index, ``RegionQuerySet.descendants_of``;
  metrics: the subtree's rows of ``RegionMetricCount``, kept at write time);
- the articles of its subtree (a queryset the view paginates).

The exports (``metric_rows``) hold every metric of the blocks, in the page's order.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import BooleanField, Case, Count, F, Sum, Value, When, Window
from django.db.models.functions import RowNumber, Substr
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from . import charts
from .compare import joinable
from .formatting import active_lang, plain_decimal, unit_text, value_text
from .models import (
    Article,
    ArticleQuerySet,
    IndicatorKind,
    Metric,
    MetricStatus,
    Population,
    Region,
    RegionLevel,
    RegionMetricCount,
    latest_first,
)

#: Census year of the population shown (the 7th national census, the only year loaded).
POPULATION_YEAR = 2020
#: Metric rows per page of the grouped metric list (``?mpage=``).
METRICS_PER_PAGE = 50
#: An adcode no division has (its prefix 98 is no province), replaced by each child's own
#: in the one URL ``children_with_data`` reverses.
_SENTINEL = "987654"


def region_name(region: Region) -> str:
    """The region's name in the active language: ``Region.name_en`` (pinyin and type of
    division, ``articles.names``) in English when it has one, else the gazetteer's name."""
    if active_lang() == "en" and region.name_en:
        return region.name_en
    return region.name


def file_stem(region: Region) -> str:
    """The start of an export's file name: pinyin of the place and the adcode,
    ``wangcang-510821`` (ASCII, so every browser and shell keeps it)."""
    from .names import pinyin_name

    stem = slugify(pinyin_name(region.short_name)) if region.short_name else ""
    if not stem:
        stem = slugify(region.name_en) or "region"
    return f"{stem}-{region.adcode}"


# --------------------------------------------------------------------------- population


class RegionPopulation(NamedTuple):
    """Resident population of a region in census ``year``: ``residents`` persons;
    ``counties`` is 0 for a county's own figure, else how many county-level divisions
    were summed (prefectures and provinces: the census tables loaded are by county)."""

    residents: int
    year: int
    counties: int


def population(region: Region) -> RegionPopulation | None:
    """The 2020 census population of ``region`` (one query), None when there is none
    (a division the census table lacks, e.g. 金门县). Source: ``Population``, NBS
    *Tabulation on the 2020 China Population Census by County*."""
    rows = Population.objects.filter(year=POPULATION_YEAR)
    if region.level == RegionLevel.COUNTY:
        rows = rows.filter(region=region)
    else:
        below = Region.objects.descendants_of(region.adcode).filter(level=RegionLevel.COUNTY)
        rows = rows.filter(region__in=below.values("pk"))
    total = rows.aggregate(residents=Sum("residents"), n=Count("pk"))
    if not total["residents"]:
        return None
    counties = 0 if region.level == RegionLevel.COUNTY else total["n"]
    return RegionPopulation(total["residents"], POPULATION_YEAR, counties)


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

    @property
    def display(self) -> str:
        return value_text(
            self.value,
            self.unit,
            bound=self.bound,
            approx=self.approx,
            value_max=self.value_max,
            lang=self.lang,
        )


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
    points: list[SeriesPoint] = field(default_factory=list)
    _mode: str | None = field(default=None, repr=False)
    chart: dict | None = None
    rows: list[Metric] = field(default_factory=list)
    latest_text: str = ""
    page: int = 1
    chart_json: str = ""
    chart_label: str = ""

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
    def latest(self) -> SeriesPoint | None:
        return self.points[-1] if self.points else None


def _own(region: Region, verified: bool):
    return Metric.objects.shown(verified).filter(region=region)


def _block_order() -> list:
    """Metrics of a catalogue indicator first (by slug, then unit), unmapped ones last."""
    return [
        Case(When(indicator__isnull=True, then=Value(1)), default=Value(0)),
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
    ``models.latest_first`` (the value compare would take), oldest first. One query on
    narrow rows (``values()``, evidence cut in SQL)."""
    from .selectors import article_title, article_url_template

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
    if chart and latest:
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


# --------------------------------------------------------------------------- metrics


#: Characters of the sentence kept on each side of the evidence in a metric row.
SNIPPET_CONTEXT = 24


class Snippet(NamedTuple):
    """The evidence in its sentence, cut to ``SNIPPET_CONTEXT`` characters each side:
    ``before`` and ``after`` (with '…' where cut) and the ``evidence`` itself."""

    before: str
    evidence: str
    after: str


def snippet(metric: Metric) -> Snippet:
    """The row's evidence snippet, from ``with_evidence``'s ``sentence_text`` and the
    metric's offsets (the body is not loaded)."""
    sentence = getattr(metric, "sentence_text", "") or ""
    start = metric.evidence_start - metric.sentence_start
    end = metric.evidence_end - metric.sentence_start
    if not sentence or start < 0 or end > len(sentence):
        return Snippet("", getattr(metric, "evidence_text", "") or "", "")
    before = sentence[max(0, start - SNIPPET_CONTEXT) : start]
    after = sentence[end : end + SNIPPET_CONTEXT]
    if start > SNIPPET_CONTEXT:
        before = "…" + before
    if len(sentence) - end > SNIPPET_CONTEXT:
        after += "…"
    return Snippet(before, sentence[start:end], after)


class MetricPage(NamedTuple):
    """One page of the grouped metric list: ``number`` (1-based), ``pages``, ``total``
    metrics, ``start``/``end`` (1-based rows shown)."""

    number: int
    pages: int
    total: int
    start: int
    end: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def metric_page(
    region: Region, blocks: list[IndicatorBlock], number: int, verified: bool = False
) -> MetricPage:
    """Fill ``rows`` of the blocks on page ``number`` of the region's own metrics (in
    block order, newest article first within a block) and return where the page is.
    One query; the total comes from the blocks' counts, so no COUNT. ``number`` is
    clamped to the pages there are. Each row gets ``snippet`` and ``article_url``."""
    from .selectors import article_url_template

    total = sum(b.count for b in blocks)
    pages = max(1, -(-total // METRICS_PER_PAGE))
    number = max(1, min(number, pages))
    offset = (number - 1) * METRICS_PER_PAGE
    order = (*_block_order(), "-article__published", "-article_id", "position", "pk")
    # The page's ids are sorted on narrow rows inside the statement; only those rows
    # are joined and cut (``with_evidence``): a county's 570 metrics each cut their
    # sentence from their article's body before the sort kept 50 (PostgreSQL, 100,000
    # articles: 7-9 ms for the statement, now 3-4; SQLite 2 ms either way).
    ids = _own(region, verified).order_by(*order).values("pk")[offset : offset + METRICS_PER_PAGE]
    metrics = (
        Metric.objects.filter(pk__in=ids)
        .select_related("indicator", "article")
        .defer("article__body")
        .with_evidence()
        .order_by(*order)
    )
    by_key = {(b.slug, b.unit): b for b in blocks}
    seen = 0
    for block in blocks:  # the page each block starts on, for the index's links
        block.page = seen // METRICS_PER_PAGE + 1
        seen += block.count
    url = article_url_template()
    for metric in metrics:
        metric.snippet = snippet(metric)
        metric.article_url = url.format(metric.article_id)
        key = (metric.indicator.slug, metric.unit) if metric.indicator else (None, "")
        if key in by_key:
            by_key[key].rows.append(metric)
    end = min(total, offset + METRICS_PER_PAGE)
    return MetricPage(number, pages, total, offset + 1 if total else 0, end)


# --------------------------------------------------------------------------- children


class ChildRow(NamedTuple):
    """A division one level below with data: its ``adcode``, ``name`` (gazetteer),
    ``name_en``, its subtree's ``articles`` and ``metrics`` (shown metrics whose own
    region is it or below it) and the ``url`` of its page."""

    adcode: str
    name: str
    name_en: str
    articles: int
    metrics: int
    url: str

    @property
    def display_name(self) -> str:
        """The name in the active language (``region_name``'s rule)."""
        return self.name_en if active_lang() == "en" and self.name_en else self.name


def subtree_metric_counts(region: Region, verified: bool = False) -> dict[int, int]:
    """``{region id: shown metrics whose own region it is}`` (reviewed ones with
    ``verified``) for ``region`` and each division below it that has any, from the counts
    kept at write time (``RegionMetricCount``): one query over the subtree's few hundred
    rows. Counting a province's metrics at read time scanned 62,000 index entries for
    Sichuan at 1,000,000 metrics (19-39 ms, PostgreSQL)."""
    shown = "reviewed" if verified else "shown"
    subtree = Region.objects.descendants_of(region.adcode).values("pk")
    rows = RegionMetricCount.objects.filter(region__in=subtree, **{f"{shown}__gt": 0})
    return dict(rows.order_by().values_list("region_id", shown))


def children_with_data(
    region: Region,
    articles: ArticleQuerySet,
    verified: bool = False,
    metric_counts: dict[int, int] | None = None,
) -> list[ChildRow]:
    """The children of ``region`` that have articles or metrics, most articles first.

    Three queries: the divisions below ``region`` (adcode range), then articles per region
    id of that range (a GROUP BY on the index (``region``, -published), no join) and
    ``subtree_metric_counts`` (not read again when given as ``metric_counts``); a
    county's counts go to its prefecture by adcode prefix
    (``selectors.child_region_counts``)."""
    from .selectors import child_region_counts

    if region.level == RegionLevel.COUNTY:
        return []
    below = Region.objects.descendants_of(region.adcode).exclude(pk=region.pk)
    subtree = list(below.values_list("pk", "adcode", "name", "name_en", "parent_id"))
    children = [
        Region(pk=pk, adcode=a, name=n, name_en=e) for pk, a, n, e, up in subtree if up == region.pk
    ]
    if not children:
        return []
    adcodes = {row[0]: row[1] for row in subtree}

    def by_adcode(rows) -> dict[str, int]:
        return {adcodes[pk]: n for pk, n in rows if pk in adcodes}

    article_rows = (
        articles.order_by()
        .values_list("region_id")
        .annotate(n=Count("*"))
        .values_list("region_id", "n")
    )
    if metric_counts is None:
        metric_counts = subtree_metric_counts(region, verified)
    metric_rows = metric_counts.items()  # by_adcode leaves out the region's own
    by_articles = {
        r.pk: n for r, n in child_region_counts(region, by_adcode(article_rows), children)
    }
    by_metrics = {r.pk: n for r, n in child_region_counts(region, by_adcode(metric_rows), children)}
    # one reverse() for all rows: a reverse() per child was 5% of a province page's time
    url = reverse("articles:region", args=[_SENTINEL])
    rows = [
        ChildRow(
            r.adcode,
            r.name,
            r.name_en,
            by_articles.get(r.pk, 0),
            by_metrics.get(r.pk, 0),
            url.replace(_SENTINEL, r.adcode),
        )
        for r in children
        if r.pk in by_articles or r.pk in by_metrics
    ]
    rows.sort(key=lambda c: (-c.articles, -c.metrics, c.adcode))
    return rows


# --------------------------------------------------------------------------- page


@dataclass
class RegionPage:
    """Everything ``/regions/<adcode>/`` shows (see the module docstring)."""

    region: Region
    name: str
    population: RegionPopulation | None
    blocks: list[IndicatorBlock]
    metric_page: MetricPage
    children: list[ChildRow]
    articles: ArticleQuerySet

    def index_rows(self, link_base: str) -> str:
        """The ``<tr>`` rows of the indicator index, one per block (name linked to the
        metric page and block it starts on, unit, kind, latest value, date, count), all
        text escaped. Built here rather than by a template loop: 150 rows per county at
        100,000 articles cost more than the rest of the page. ``link_base`` is the query
        string to keep (``lang=en&``) or ''. The language is looked up once, not once
        per block (``unit_label``), and each kind's label capitalised once."""
        lang = active_lang()
        kinds = {
            label: html.escape(capfirst(label)) for label in {b.kind_label for b in self.blocks}
        }
        base = html.escape(link_base)
        rows = []
        # f-strings and ``html.escape`` (what ``django.utils.html.escape`` calls), not
        # ``format_html_join``: its per-argument ``conditional_escape`` was most of the
        # 150 rows' cost; the text is the same, every part escaped.
        for b in self.blocks:
            unit = unit_text(b.unit, lang).strip()  # ``unit_label``
            unit_html = f' <span class="muted">({html.escape(unit)})</span>' if unit else ""
            latest = b.latest
            value = html.escape(latest.display) if latest else ""
            day = latest.date.isoformat() if latest else ""
            rows.append(
                f'<tr><td><a href="?{base}mpage={b.page}#{html.escape(b.element_id)}">'
                f"{html.escape(b.name)}</a>{unit_html}</td><td>{kinds[b.kind_label]}</td>"
                f'<td class="num">{value}</td><td class="date">{day}</td>'
                f'<td class="num">{b.count}</td></tr>'
            )
        return mark_safe("\n".join(rows))  # noqa: S308 (every part escaped)

    @property
    def has_charts(self) -> bool:
        """Whether this page draws a chart (and needs the chart scripts)."""
        return any(b.chart for b in self.blocks)

    @property
    def shown_blocks(self) -> list[IndicatorBlock]:
        """Blocks with rows on this page of the metric list."""
        return [b for b in self.blocks if b.rows]


def region_page(*, region: Region, metric_page_number: int = 1, verified: bool = False):
    """What ``/regions/<adcode>/`` shows, in a fixed number of queries plus the page of
    articles, whatever the size of the region: its metrics (``region_metrics.read``, two)
    and population; a prefecture or province adds ``subtree_metric_counts`` (which says
    whether it has metrics of its own: most have none, and then none are read) and the
    two other queries of ``children_with_data``. With ``verified``, reviewed metrics
    only."""
    from .region_metrics import read

    articles = Article.objects.with_related().in_region(region.adcode)
    name = region_name(region)
    counts = None
    if region.level != RegionLevel.COUNTY:  # the children's counts, and the region's own
        counts = subtree_metric_counts(region, verified)
    if counts is not None and not counts.get(region.pk):
        # no metrics of its own (most prefectures and provinces): nothing to read
        blocks, page = [], MetricPage(1, 1, 0, 0, 0)
    else:
        # ``summaries``, ``chart_points`` and ``metric_page`` in two statements, one pass
        blocks, page = read(region, metric_page_number, verified)
    for block in blocks:
        # every block is listed with its latest value; charts are drawn for the blocks
        # on this page of the metric list (a county has 150 indicators at 100,000 articles)
        draw(block, name, chart=bool(block.rows))
    children = children_with_data(region, articles, verified, metric_counts=counts)
    return RegionPage(region, name, population(region), blocks, page, children, articles)


# --------------------------------------------------------------------------- exports


#: Columns of a region's metric export (the export vocabulary of ``articles.exports``).
REGION_METRIC_COLUMNS = [
    "indicator",
    "indicator_name",
    "indicator_kind",
    "unit",
    "published",
    "value",
    "value_max",
    "approx",
    "bound",
    "previous_value",
    "period",
    "display",
    "label",
    "evidence",
    "sentence",
    "target",
    "part_group",
    "part_role",
    "status",
    "edited",
    "metric_id",
    "metric_region_adcode",
    "metric_region_name",
    "article_id",
    "article_title",
    "article_url",
]


#: Export columns of a metric that are not a field of the same name: its id, its own
#: region (the division its clause names, else its article's) and whether a reviewer
#: corrected it (status ``corrected``; the old values are in its review history).
METRIC_ALIASES = {
    "metric_id": F("id"),
    "metric_region_adcode": F("region__adcode"),
    "metric_region_name": F("region__name"),
    "metric_region_level": F("region__level"),
    "edited": Case(
        When(status=MetricStatus.CORRECTED, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    ),
}


def metric_rows(region: Region, verified: bool = False):
    """Every shown metric of ``region`` itself, in the page's block order, as export rows
    (``REGION_METRIC_COLUMNS``; numbers as Decimals, ``display`` the exact text the page
    shows). Streams: one query read in chunks, no model instance per row."""
    from .selectors import article_url_template

    english = active_lang() == "en"
    rows = (
        _own(region, verified)
        .order_by(*_block_order(), "-article__published", "-article_id", "position", "pk")
        .annotate(
            evidence=Substr(
                "article__body", F("evidence_start") + 1, F("evidence_end") - F("evidence_start")
            ),
            sentence=Substr(
                "article__body", F("sentence_start") + 1, F("sentence_end") - F("sentence_start")
            ),
            # "published": the article's date, copied onto the metric (Metric.published)
            article_title=F("article__title"),
        )
        .values(
            "indicator__slug",
            "indicator__name_zh",
            "indicator__name_en",
            "indicator__kind",
            "unit",
            "published",
            "value",
            "value_max",
            "approx",
            "bound",
            "previous_value",
            "period",
            "label",
            "evidence",
            "sentence",
            "target",
            "part_group",
            "part_role",
            "status",
            "article_id",
            "article_title",
            **METRIC_ALIASES,
        )
    )
    url = article_url_template()
    for row in rows.iterator(chunk_size=2000):
        row["indicator"] = row.pop("indicator__slug")
        zh, en = row.pop("indicator__name_zh"), row.pop("indicator__name_en")
        row["indicator_name"] = (en if english else "") or zh
        row["indicator_kind"] = row.pop("indicator__kind")
        row["display"] = value_text(
            row["value"],
            row["unit"],
            bound=row["bound"],
            approx=row["approx"],
            value_max=row["value_max"],
            lang="en" if english else "zh",
        )
        row["bound"] = row["bound"] or None
        row["period"] = row["period"] or None
        row["article_url"] = url.format(row["article_id"])
        yield row


def export_head(data: RegionPage) -> dict:
    """The JSON export's head: the region, its population and the blocks (counts, latest
    value and how the chart draws them), as the page shows them."""
    region = data.region
    pop = data.population
    return {
        "region": {
            "adcode": region.adcode,
            "name": region.name,
            "name_en": region.name_en,
            "level": region.level,
        },
        "population": (
            {"residents": pop.residents, "census_year": pop.year, "counties_summed": pop.counties}
            if pop
            else None
        ),
        "indicators": [
            {
                "indicator": b.slug,
                "name": b.name,
                "unit": b.unit,
                "kind": b.kind or None,
                "metrics": b.count,
                "chart": b.mode or None,
                "latest": (
                    {"published": b.latest.date.isoformat(), "value": plain_decimal(b.latest.value)}
                    if b.latest
                    else None
                ),
            }
            for b in data.blocks
        ],
        "children": [
            {
                "adcode": c.adcode,
                "name": c.name,
                "articles": c.articles,
                "metrics": c.metrics,
            }
            for c in data.children
        ],
    }
