"""Data builders for the chart pages: plain dicts for templates, ``json_script``, CSV and JSON.

The views are thin wrappers: they validate the query string (``articles/views/charts.py``)
and call one builder here. Every chart payload has the same shape, read by
``static/js/charts.js``::

    {"type": "bar" | "line", "horizontal": bool, "integer": bool (whole-number ticks),
     "unit": str, "series": str,
     "labels": [str], "values": [float | None], "points": [{"path", "display", "url",
     "title", "published", "evidence"}]}

``values`` are floats for Chart.js only (``None`` is a gap, never 0 or NaN); everything a
reader sees as a number comes preformatted in ``display`` (Decimal arithmetic, the 万/亿 rule
of ``articles/templatetags/numbers.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, Value, When
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, pgettext

from .cache import cached
from .models import (
    Article,
    Indicator,
    Metric,
    MetricStatus,
    Population,
    Region,
    RegionLevel,
    Topic,
)
from .templatetags.numbers import bound_mark, format_zh_number

#: Census year of the Population rows used for per-resident ratios (the only year loaded).
POPULATION_YEAR = 2020
#: Credit for the population figures, shown under every per-resident chart and table
#: (a msgid: translated when a result is built, in the active language).
POPULATION_CREDIT = gettext_noop("国家统计局第七次全国人口普查（2020年）分县资料")

#: ``per`` choices of the compare page.
PER_TOTAL = "total"
PER_1000 = "per_1000"
PER_RESIDENT = "per_resident"
#: Units that count persons (ratio per 1,000 residents) and money (ratio per resident).
PERSON_UNITS = {"人", "人次"}
MONEY_UNITS = {"元"}

#: A chart with more bars than this is drawn horizontally so every label fits.
HORIZONTAL_AFTER = 10
#: Evidence shown in a tooltip is cut to this many characters (the table shows all of it).
TOOLTIP_EVIDENCE_CHARS = 120

PATH_SEPARATOR = " › "


class ChartDataError(ValueError):
    """The request is well-formed but its data cannot be drawn honestly (HTTP 400).

    ``str(error)`` is a message for the reader, in the interface language.
    """


def region_path(region: Region | None) -> str:
    """'四川省 › 广元市 › 旺苍县' (needs the parents joined to stay query-free)."""
    if region is None:
        return ""
    return PATH_SEPARATOR.join(r.name for r in region.path())


def value_display(
    value,
    unit: str,
    *,
    bound: str = "",
    approx: bool = False,
    value_max=None,
    exact: bool = True,
    places: int | None = None,
):
    """The reader's text for a value: mark + number + unit, e.g. '≥670人', '5–8个',
    '9.31亿元'. ``exact`` and ``places`` as in ``format_zh_number`` (exact by default:
    tables and tooltips never round a reported figure away)."""
    if value is None:
        return ""
    mark = bound_mark(bound, approx)
    fmt = {"exact": exact, "places": places}
    if value_max is not None and value_max != value:
        return f"{mark}{format_zh_number(value, **fmt)}–{format_zh_number(value_max, unit, **fmt)}"
    return f"{mark}{format_zh_number(value, unit, **fmt)}"


def _as_float(value) -> float | None:
    return None if value is None else float(value)


def _chart(kind, *, labels, values, points, unit, series, horizontal=False, integer=False):
    return {
        "type": kind,
        "horizontal": horizontal,
        "integer": integer,
        "unit": unit,
        "series": series,
        "labels": labels,
        "values": [_as_float(v) for v in values],
        "points": points,
    }


# --------------------------------------------------------------------------- compare


@dataclass
class CompareResult:
    """What the compare page shows: ``rows`` (table, CSV and JSON), ``chart`` (payload).

    Each row: ``adcode, region, path, level, value (Decimal), value_max, unit, bound,
    approx, display, published (date|None), article_id, article_title, article_url,
    evidence``; with ``per`` other than total also ``residents (int|None), ratio
    (Decimal|None), ratio_display`` (ratio None and residents None where the region has no
    population row: listed, never dropped or divided by zero).
    """

    indicator: Indicator
    per: str
    unit: str
    plot_unit: str
    rows: list[dict] = field(default_factory=list)
    chart: dict = field(default_factory=dict)
    missing_population: list[str] = field(default_factory=list)
    population_year: int | None = None
    population_credit: str = ""

    @property
    def ratio_label(self) -> str:
        if self.per == PER_1000:
            return _("每千名常住人口")
        if self.per == PER_RESIDENT:
            return _("人均（按常住人口）")
        return ""

    def export(self) -> dict:
        """The JSON document of ``?format=json``: Decimals as strings, gaps as null."""
        return {
            "indicator": {
                "slug": self.indicator.slug,
                "name": self.indicator.name,
                "unit": self.indicator.unit,
            },
            "per": self.per,
            "unit": self.unit,
            "plot_unit": self.plot_unit,
            "population_year": self.population_year,
            "population_source": self.population_credit or None,
            "rows": [export_row(row, self.per) for row in self.rows],
        }


EXPORT_COLUMNS = [
    "adcode",
    "region",
    "path",
    "level",
    "value",
    "value_max",
    "unit",
    "bound",
    "display",
    "published",
    "article_id",
    "article_title",
    "article_url",
    "evidence",
]
RATIO_COLUMNS = ["residents", "population_year", "ratio", "ratio_unit", "ratio_display"]


def export_columns(per: str) -> list[str]:
    """Column names of the CSV/JSON export for this ``per`` (ratio columns only if used)."""
    return EXPORT_COLUMNS + (RATIO_COLUMNS if per != PER_TOTAL else [])


def export_row(row: dict, per: str) -> dict:
    """One row for CSV/JSON: the export columns, Decimals and dates as strings, None kept."""
    out = {}
    for key in export_columns(per):
        value = row.get(key)
        if isinstance(value, Decimal):
            value = _plain(value)
        elif isinstance(value, date):
            value = value.isoformat()
        out[key] = value
    return out


def _plain(value: Decimal) -> str:
    """'51104.0000' -> '51104', '154.8' -> '154.8' (no exponent, no trailing zeros)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def ratio_unit(unit: str, per: str) -> str:
    if per == PER_1000:
        return f"{unit}/千人"
    if per == PER_RESIDENT:
        return f"{unit}/人"
    return unit


def per_resident_ratio(value: Decimal, residents: int, per: str) -> Decimal:
    """``value`` per 1,000 residents (1 decimal) or per resident (2 decimals), half-up.

    51104 volunteers / 330108 residents * 1000 = 154.8 (旺苍县, 2020 census).
    Raises ValueError for a non-positive population (the database forbids it anyway).
    """
    if residents <= 0:
        raise ValueError("residents must be positive")
    if per == PER_1000:
        return (value * 1000 / Decimal(residents)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return (value / Decimal(residents)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def build_compare(
    *,
    indicator: Indicator,
    level: str | None = None,
    within: str | None = None,
    topic: str | None = None,
    published_after: date | None = None,
    published_before: date | None = None,
    per: str = PER_TOTAL,
) -> CompareResult:
    """The latest value per region of one indicator, as rows and a bar chart.

    Two queries: the latest metrics (``MetricQuerySet.latest_per_region``) and, for a
    per-resident ``per``, the 2020 census populations of those regions.

    Raises ``ChartDataError`` (shown as HTTP 400) when the rows would put two units on one
    axis, or a per-resident ratio is asked for a unit that is neither persons (人/人次,
    per 1,000 residents) nor money (元, per resident), or for regions not at county level
    (the census figures are per county).
    """
    metrics = list(
        Metric.objects.for_indicator(indicator.slug)
        .in_topic(topic)
        .published_between(published_after, published_before)
        .latest_per_region(level=level, within=within)
    )
    units = sorted({m.unit for m in metrics})
    if len(units) > 1:
        raise ChartDataError(
            _("所选数据混有不同单位（%(units)s），不能画在同一坐标轴上。请缩小日期或地区范围。")
            % {"units": pgettext("list separator", "、").join(units)}
        )
    unit = units[0] if units else indicator.unit

    residents: dict[int, int] = {}
    if per != PER_TOTAL:
        if per == PER_1000 and unit not in PERSON_UNITS:
            raise ChartDataError(
                _("“每千人”只适用于人数（人、人次），此指标的单位是“%(unit)s”。") % {"unit": unit}
            )
        if per == PER_RESIDENT and unit not in MONEY_UNITS:
            raise ChartDataError(
                _("“人均”只适用于金额（元），此指标的单位是“%(unit)s”。") % {"unit": unit}
            )
        if level != RegionLevel.COUNTY:
            raise ChartDataError(_("按常住人口换算只适用于县级地区：人口数据是分县普查资料。"))
        residents = dict(
            Population.objects.filter(
                region_id__in=[m.region_id for m in metrics], year=POPULATION_YEAR
            ).values_list("region_id", "residents")
        )

    result = CompareResult(indicator=indicator, per=per, unit=unit, plot_unit=ratio_unit(unit, per))
    if per != PER_TOTAL:
        result.population_year = POPULATION_YEAR
        result.population_credit = _(POPULATION_CREDIT)

    for metric in metrics:
        row = _metric_row(metric)
        if per != PER_TOTAL:
            population = residents.get(metric.region_id)
            ratio = per_resident_ratio(metric.value, population, per) if population else None
            row.update(
                residents=population,
                population_year=POPULATION_YEAR,
                ratio=ratio,
                ratio_unit=result.plot_unit,
                ratio_display=value_display(
                    ratio,
                    result.plot_unit,
                    bound=metric.bound,
                    approx=metric.approx,
                    places=1 if per == PER_1000 else 2,
                ),
            )
            if population is None:
                result.missing_population.append(row["region"])
        result.rows.append(row)

    if per != PER_TOTAL:
        # Largest ratio first; regions without a population keep their place at the end.
        result.rows.sort(key=lambda r: (r["ratio"] is None, -(r["ratio"] or 0), r["adcode"]))

    plotted = "ratio" if per != PER_TOTAL else "value"
    shown = "ratio_display" if per != PER_TOTAL else "display"
    result.chart = _chart(
        "bar",
        labels=[r["region"] for r in result.rows],
        values=[r[plotted] for r in result.rows],
        points=[
            {
                "path": r["path"],
                "display": r[shown] or _("无人口数据"),
                "short": r["short"] if per == PER_TOTAL and r["short"] != r["display"] else "",
                "url": r["article_url"],
                "title": r["article_title"],
                "published": r["published"].isoformat() if r["published"] else "",
                "evidence": _cut(r["evidence"]),
            }
            for r in result.rows
        ],
        unit=result.plot_unit,
        series=_series_title(indicator.name, result),
        horizontal=len(result.rows) > HORIZONTAL_AFTER,
    )
    return result


def _series_title(name: str, result: CompareResult) -> str:
    """Chart title; a ratio names its population year, so a downloaded PNG still says it."""
    if result.per == PER_TOTAL:
        return name
    return _("%(name)s（%(ratio)s，%(year)s年人口普查）") % {
        "name": name,
        "ratio": result.ratio_label,
        "year": result.population_year,
    }


def _cut(text: str) -> str:
    text = text or ""
    return text if len(text) <= TOOLTIP_EVIDENCE_CHARS else text[:TOOLTIP_EVIDENCE_CHARS] + "…"


def _metric_row(metric: Metric) -> dict:
    region = metric.region
    article = metric.article
    return {
        "adcode": region.adcode,
        "region": region.name,
        "path": region_path(region),
        "level": region.level,
        "value": metric.value,
        "value_max": metric.value_max,
        "unit": metric.unit,
        "bound": metric.bound,
        "approx": metric.approx,
        "display": value_display(
            metric.value,
            metric.unit,
            bound=metric.bound,
            approx=metric.approx,
            value_max=metric.value_max,
        ),
        # the 万/亿 form for tooltips, next to the exact figure when it rounds (5.11万人)
        "short": value_display(
            metric.value,
            metric.unit,
            bound=metric.bound,
            approx=metric.approx,
            value_max=metric.value_max,
            exact=False,
        ),
        "published": article.published,
        "article_id": article.pk,
        "article_title": article.title or _("（无标题）"),
        "article_url": article.get_absolute_url(),
        "evidence": getattr(metric, "sentence_text", "") or getattr(metric, "evidence_text", ""),
        "article_values": getattr(metric, "article_values", 1),
    }


def indicator_choices() -> list[dict]:
    """Indicators with data for the picker: ``MetricQuerySet.indicator_coverage()`` rows
    plus ``name`` in the active language and ``label`` '实名注册志愿者（人）· 12个地区'."""
    rows = [dict(row) for row in cached("indicator-coverage", Metric.objects.indicator_coverage)]
    for row in rows:
        indicator = Indicator(name_zh=row["name_zh"], name_en=row["name_en"])
        row["name"] = indicator.name
        row["label"] = ngettext(
            "%(name)s（%(unit)s）· %(count)s个地区",
            "%(name)s（%(unit)s）· %(count)s个地区",
            row["regions"],
        ) % {"name": row["name"], "unit": row["unit"], "count": row["regions"]}
        row["compare_url"] = reverse("articles:compare") + f"?indicator={row['slug']}"
    return rows


def within_choices() -> list[tuple]:
    """Grouped choices of provinces and prefectures for the compare ``within`` picker.

    One query. ``[("", "全国"), ("四川省", [("510000", "四川省（全省）"), ("510800",
    "广元市"), ...]), ...]``.
    """
    groups: list[tuple] = [("", _("全国"))]
    current: list | None = None
    for adcode, name, level in (
        Region.objects.filter(level__in=[RegionLevel.PROVINCE, RegionLevel.PREFECTURE])
        .values_list("adcode", "name", "level")
        .order_by("adcode")
    ):
        if level == RegionLevel.PROVINCE:
            current = [(adcode, _("%(name)s（全省）") % {"name": name})]
            groups.append((name, current))
        elif current is not None:
            current.append((adcode, name))
    return groups


# --------------------------------------------------------------------------- overview


def overview_data(latest: int = 10) -> dict:
    """Everything the overview page shows, in five aggregate queries.

    Returns ``{"by_province": [{"adcode", "name", "count", "url"}], "by_topic": [{"slug",
    "name", "count"}], "latest": [Article], "coverage": indicator_choices(),
    "total": int, "province_chart": payload, "topic_chart": payload}``. Articles without a
    region count under '未定位', without a topic under '未分类'.
    """
    province_counts = cached(
        "articles-by-province",
        lambda: list(
            Article.objects.annotate(province_prefix=Substr("region__adcode", 1, 2))
            .values("province_prefix")
            .annotate(count=Count("id"))
            .order_by()
        ),
    )
    province_names = dict(
        Region.objects.filter(level=RegionLevel.PROVINCE).values_list("adcode", "name")
    )
    by_province = []
    for row in province_counts:
        prefix = row["province_prefix"]
        if prefix:
            adcode = prefix + "0000"
            by_province.append(
                {
                    "adcode": adcode,
                    "name": province_names.get(adcode, adcode),
                    "count": row["count"],
                    "url": reverse("articles:region", args=[adcode]),
                }
            )
        else:
            by_province.append(
                {"adcode": "", "name": _("未定位"), "count": row["count"], "url": ""}
            )
    by_province.sort(key=lambda r: (-r["count"], r["adcode"] or "999999"))

    by_topic = []
    topic_counts = cached(
        "articles-by-topic",
        lambda: list(
            Article.objects.values("topic__slug", "topic__name_zh", "topic__name_en")
            .annotate(count=Count("id"))
            .order_by("-count", "topic__slug")
        ),
    )
    for row in topic_counts:
        if row["topic__slug"]:
            name = Topic(name_zh=row["topic__name_zh"], name_en=row["topic__name_en"]).name
        else:
            name = _("未分类")
        by_topic.append({"slug": row["topic__slug"] or "", "name": name, "count": row["count"]})

    latest_articles = list(Article.objects.select_related("region", "topic")[:latest])
    coverage = indicator_choices()

    def count_chart(rows, series):
        return _chart(
            "bar",
            labels=[r["name"] for r in rows],
            values=[r["count"] for r in rows],
            points=[
                {
                    "path": r["name"],
                    "display": ngettext("%(n)s篇", "%(n)s篇", r["count"]) % {"n": r["count"]},
                    "url": r.get("url", ""),
                    "title": "",
                    "published": "",
                    "evidence": "",
                }
                for r in rows
            ],
            # No unit on the ticks: the title says what is counted, and a count unit
            # would need a plural per tick in English ("1 article", "2 articles").
            unit="",
            series=series,
            horizontal=len(rows) > HORIZONTAL_AFTER,
            integer=True,
        )

    return {
        "by_province": by_province,
        "by_topic": by_topic,
        "latest": latest_articles,
        "coverage": coverage,
        "total": sum(r["count"] for r in by_province),
        "province_chart": count_chart(by_province, _("文章数（按省份）")),
        "topic_chart": count_chart(by_topic, _("文章数（按主题）")),
    }


# --------------------------------------------------------------------------- time series


def region_timeseries(region: Region) -> list[dict]:
    """Indicators for which ``region`` itself has values on two or more publication dates.

    One query. Only the region's own metrics (not its children's), not rejected, with a
    dated article, not targets. One series per (indicator, unit), so an axis never mixes
    units; of several values on one date the one compare would take is kept (the latest
    article, then a reviewer-approved value, else the largest: ``latest_per_region``'s
    rule). Returns, ordered by indicator slug::

        [{"indicator": slug, "name": str, "unit": str, "element_id": "timeseries-<n>",
          "points": [{"date": date, "value": Decimal, "display": str, "article_url",
                      "article_title", "evidence"}],   # oldest first
          "chart": line-chart payload (see module docstring)}]
    """
    metrics = (
        Metric.objects.observed()
        .filter(region=region, indicator__isnull=False, article__published__isnull=False)
        .select_related("indicator", "article")
        .defer("article__body")
        .with_evidence()
        .annotate(
            approved_first=Case(When(status=MetricStatus.APPROVED, then=Value(1)), default=Value(0))
        )
        # within a date, the row compare would pick comes last and wins below
        .order_by(
            "indicator__slug",
            "unit",
            "article__published",
            "article_id",
            "approved_first",
            "value",
            "id",
        )
    )
    grouped: dict[tuple[str, str], dict] = {}
    for metric in metrics:
        key = (metric.indicator.slug, metric.unit)
        series = grouped.setdefault(
            key, {"indicator": metric.indicator, "unit": metric.unit, "by_date": {}}
        )
        series["by_date"][metric.article.published] = metric  # later rows win

    result = []
    for (slug, unit), series in grouped.items():
        if len(series["by_date"]) < 2:
            continue
        points = [
            {
                "date": published,
                "value": m.value,
                "display": value_display(
                    m.value, unit, bound=m.bound, approx=m.approx, value_max=m.value_max
                ),
                "article_url": m.article.get_absolute_url(),
                "article_title": m.article.title or _("（无标题）"),
                "evidence": getattr(m, "sentence_text", "") or getattr(m, "evidence_text", ""),
            }
            for published, m in series["by_date"].items()
        ]
        name = series["indicator"].name
        result.append(
            {
                "indicator": slug,
                "name": name,
                "unit": unit,
                "element_id": f"timeseries-{len(result) + 1}",
                "points": points,
                "chart": _chart(
                    "line",
                    labels=[p["date"].isoformat() for p in points],
                    values=[p["value"] for p in points],
                    points=[
                        {
                            "path": region.name,
                            "display": p["display"],
                            "url": p["article_url"],
                            "title": p["article_title"],
                            "published": p["date"].isoformat(),
                            "evidence": _cut(p["evidence"]),
                        }
                        for p in points
                    ],
                    unit=unit,
                    series=name,
                ),
            }
        )
    return result
