"""Compare's reads (issue 9.3): the winning value of an indicator per region
(``compare_values``), the page's rows and chart (``compare_rows``) and the texts of the
rows a page shows (``add_evidence``). Rows are built by ``articles/compare_result.py``.

Moved out of ``articles/selectors.py`` (which still re-exports these names).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.db.models import Case, F, OuterRef, Subquery, When, Window
from django.db.models.functions import RowNumber
from django.db.models.lookups import Exact
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import charts
from .compare_result import (
    FINEST_FIRST,
    POPULATION_CREDIT,
    POPULATION_YEAR,
    ChartDataError,
    CompareResult,
    CompareRow,
    Per,
    View,
    _check_per,
    _compare_row,
    _region_name,
    article_title,
    article_url_template,
    ratio_unit,
    shown_level,
    with_texts,
)
from .formatting import active_lang
from .models import Article, Indicator, Metric, PartRole, Population, Region, latest_first
from .search import id_filter

#: Keys of the dicts ``compare_values`` returns (beside ``previous_value``, ``period``,
#: ``earlier``): the export vocabulary's sources, read without a model instance per row.
COMPARE_FIELDS = (
    "region_id",
    "region__adcode",
    "region__name",
    "region__level",
    "region__parent__name",
    "region__parent__parent__name",
    "region__name_en",
    "region__parent__name_en",
    "region__parent__parent__name_en",
    "value",
    "value_max",
    "unit",
    "bound",
    "approx",
    "article_id",
    "article__title",
    "article__published",
    "evidence_text",
    "sentence_text",
    "article_values",
    "part_role",
    "id",
    "status",
    "parts_sum",
    "parts_count",
    "parts_approx",
)
#: The ranked narrow rows ``compare_values`` reads: every column a row needs but the
#: region's names (one read of the gazetteer), the article's title and the evidence (read
#: by primary key for the rows shown, or for every winner in an export).
NARROW_FIELDS = (
    "id",
    "region_id",
    "article_id",
    "published",  # the article's, copied (Metric.published): no article read to rank
    "value",
    "unit",
    "part_role",
    "part_group",
    "approx",
    "period",
    "value_max",
    "bound",
    "status",
    "previous_value",
    "publication",  # the article's, for each region's first row only (_publication_of_first)
)


def compare_values(
    *,
    indicator: Indicator,
    within: str | None = None,
    topic: str | None = None,
    published_after: date | None = None,
    published_before: date | None = None,
    verified: bool = False,
    evidence: bool = True,
) -> list[dict]:
    """The winning metric of ``indicator`` per region (any level; inside ``within``) by
    ``models.latest_first``, as ``COMPARE_FIELDS`` dicts plus ``previous_value``,
    ``period``, ``publication`` (its article's publication name, None without one) and
    ``earlier`` (the region's previous dated value: a dict ``value``, ``published``,
    ``period``; or None), in no particular order; ``article__title`` is None when not
    read (without ``evidence``).

    Two queries, three with ``evidence``. The first reads the narrow rows of every
    observed metric of the indicator (``NARROW_FIELDS``: ids, region, article, date,
    value, unit, status, part group, previous value, the article's publication; every
    column but the publication from the covering index ``metric_observed_ranked``, the
    article's date from its copy ``Metric.published``, the publication by the article's
    primary key for each region's first row only), ranked by ``latest_first``
    within each region in SQL; one pass in Python takes each region's winner, how many
    values its article gives (``article_values``), the sum of its group when it is a part
    (``parts_*``), and its earlier value: the newest metric in the same unit from an
    article published strictly before the winner's, not a part (a part is not the
    region's figure), under the same filters. The second reads the gazetteer's names
    (``_add_names``). No window over the table, no model instances (issue 9: 3,000
    counties of 1,000,000 metrics). With ``evidence`` (exports) a third reads every
    winner's article title and the texts cut from its article's body; without, they are
    left empty (``add_evidence`` reads them for the rows a page shows: cutting 3,000
    bodies cost more than the rest).
    """
    ranked = (
        Metric.objects.filter(indicator=indicator, region__isnull=False)
        .observed(verified)
        .in_topic(topic)
        .published_between(published_after, published_before)
    )
    if within:
        ranked = ranked.filter(region__in=Region.objects.descendants_of(within).values("pk"))
    narrow = (
        ranked.annotate(publication=_publication_of_first())
        .order_by("region_id", *latest_first())
        .values_list(*NARROW_FIELDS)
    )
    winners: list[dict] = []
    group: list[tuple] = []
    for row in narrow:
        if group and row[1] != group[0][1]:
            winners.append(_ranked_region(group))
            group = []
        group.append(row)
    if group:
        winners.append(_ranked_region(group))
    if not winners:
        return []
    _add_names(winners)
    if evidence:
        texts = {
            pk: (title, evidence_text, sentence_text)
            for pk, title, evidence_text, sentence_text in Metric.objects.filter(
                pk__in=id_filter([m["id"] for m in winners])
            )
            .order_by()
            .with_evidence()
            .values_list("pk", "article__title", "evidence_text", "sentence_text")
        }
        for m in winners:
            m["article__title"], m["evidence_text"], m["sentence_text"] = texts[m["id"]]
    return winners


def _publication_of_first():
    """The name of the article's publication on each region's first row by
    ``latest_first`` (its winner), NULL on the others: the article, its page and its
    publication are read for the 2,700 winners only, not for each of the 6,700 ranked
    rows (PostgreSQL: CASE evaluates the subquery only when the row is first)."""
    first = Window(RowNumber(), partition_by=F("region_id"), order_by=latest_first())
    name = (
        Article.objects.filter(pk=OuterRef("article_id"))
        .order_by()
        .values("page__publication__name")
    )
    return Case(When(Exact(first, 1), then=Subquery(name[:1])), default=None)


def _add_names(winners: list[dict]) -> None:
    """Set each winner's region columns (``region__adcode`` … ``region__parent__parent__
    name_en``) from one read of the gazetteer (a few thousand rows whatever the data size;
    joining them to every ranked row cost more)."""
    regions = {
        pk: row
        for pk, *row in Region.objects.order_by().values_list(
            "pk", "adcode", "name", "name_en", "level", "parent_id"
        )
    }
    none = (None, None, None, None, None)
    for m in winners:
        adcode, name, name_en, level, up = regions[m["region_id"]]
        parent = regions.get(up, none)
        grand = regions.get(parent[4], none)
        m["region__adcode"], m["region__name"], m["region__name_en"] = adcode, name, name_en
        m["region__level"] = level
        m["region__parent__name"], m["region__parent__name_en"] = parent[1], parent[2]
        m["region__parent__parent__name"] = grand[1]
        m["region__parent__parent__name_en"] = grand[2]


def _ranked_region(group: list[tuple]) -> dict:
    """A region's winner from its ranked narrow rows (``NARROW_FIELDS``, best first), as
    a ``compare_values`` dict without names and texts: the winner's columns, how many
    values its article gives (``article_values``), the sum of its group when it is a
    part (``parts_*``) and its ``earlier`` value."""
    winner = group[0]
    _id, region, article, published, value, unit, role, part_group, approx, period = winner[:10]
    # most regions have one ranked row: nothing earlier, no other value or part
    alone = len(group) == 1
    same_article = group if alone else [r for r in group if r[2] == article]
    parts = (
        [r for r in same_article if r[6] == PartRole.PART and r[7] == part_group]
        if role == PartRole.PART and part_group is not None
        else []
    )
    earlier = None
    if published is not None and not alone:
        earlier = next(
            (
                {"value": r[4], "published": r[3], "period": r[9]}
                for r in group
                if r[3] is not None and r[3] < published and r[5] == unit and r[6] != PartRole.PART
            ),
            None,
        )
    return {
        "id": _id,
        "region_id": region,
        "article_id": article,
        "article__published": published,
        "value": value,
        "unit": unit,
        "part_role": role,
        "approx": approx,
        "period": period,
        "value_max": winner[10],
        "bound": winner[11],
        "status": winner[12],
        "previous_value": winner[13],
        "publication": winner[14],
        "article__title": None,
        "evidence_text": "",
        "sentence_text": "",
        "article_values": len(same_article),
        "parts_sum": sum(r[4] for r in parts) if parts else None,
        "parts_count": len(parts) if parts else None,
        "parts_approx": sum(1 for r in parts if r[8]) if parts else None,
        "earlier": earlier,
    }


def compare_rows(
    *,
    indicator: Indicator,
    level: str | None = None,
    within: str | None = None,
    regions: list[str] | None = None,
    topic: str | None = None,
    published_after: date | None = None,
    published_before: date | None = None,
    per: str = Per.TOTAL,
    verified: bool = False,
    view: str = View.LATEST,
    evidence: bool = True,
) -> CompareResult:
    """The latest value per region of one indicator (``compare_values``, by
    ``models.latest_first``) at one level (``shown_level``: ``level``, else county when
    counties have data, else the finest level that has), as rows and a bar chart; with
    ``per``, divided by the regions' 2020 census residents. Each value is the metric's own
    region (``Metric.region``), so a county's figure never stands for its prefecture.
    ``regions`` (adcodes) keeps only those regions; ``candidates`` lists every region with
    a value, for the picker. Every row carries its previous value and change where one
    exists (``change_fields``); ``view`` ``View.CHANGE`` sorts by change (largest rise
    first) and draws a dumbbell chart (``charts.change_chart``).

    With ``evidence`` (exports) every row has its evidence, title and texts, and the
    result its ``chart``; without (the HTML page) none of them, and ``add_evidence`` fills
    them for the rows the page shows and draws the chart.
    Two queries (``compare_values``), one more with ``evidence``, one more with a ``per``
    (every census row of the year).
    Raises ``ChartDataError`` (HTTP 400) for rows in two units, or a per-resident ratio
    for a unit that is neither persons (人/人次) nor money (元), or not at county level.
    With ``verified``, reviewed metrics only (``?verified=1``).
    """
    every_level = compare_values(
        indicator=indicator,
        within=within,
        topic=topic,
        published_after=published_after,
        published_before=published_before,
        verified=verified,
        evidence=evidence,
    )
    lang = active_lang()
    candidates = sorted((m["region__adcode"], _region_name(m, lang)) for m in every_level)
    if regions:
        every_level = [m for m in every_level if m["region__adcode"] in set(regions)]
    level_counts = {lv.value: 0 for lv in FINEST_FIRST}
    for m in every_level:
        level_counts[m["region__level"]] = level_counts.get(m["region__level"], 0) + 1
    chosen = bool(level)
    level = shown_level(level_counts, level)
    metrics = [m for m in every_level if m["region__level"] == level]
    units = sorted({m["unit"] for m in metrics})
    if len(units) > 1:
        raise ChartDataError(
            _("所选数据混有不同单位（%(units)s），不能画在同一坐标轴上。请缩小日期或地区范围。")
            % {"units": pgettext("list separator", "、").join(units)}
        )
    unit = units[0] if units else indicator.unit
    result = CompareResult(
        indicator=indicator,
        per=per,
        unit=unit,
        plot_unit=ratio_unit(unit, per),
        level=level,
        level_chosen=chosen,
        level_counts=level_counts,
        candidates=candidates,
        publications={m["article_id"]: m["publication"] for m in metrics},
    )
    url = article_url_template()
    ratio = None
    if per != Per.TOTAL:
        _check_per(per, unit, level)
        # every county's census row (a few thousand whatever the data size), not a list
        # of the regions shown as parameters
        residents = dict(
            Population.objects.filter(year=POPULATION_YEAR)
            .order_by()
            .values_list("region_id", "residents")
        )
        ratio = (residents, per, result.plot_unit)
    same = _("调整前的数值（同一报道）")
    rows = [_compare_row(m, url, lang, indicator.kind, ratio, same) for m in metrics]
    rows.sort(key=lambda r: (-r.value, r.region_adcode))  # a sum of parts may move up
    result.view = view
    if view == View.CHANGE:
        # Largest rise first; rows without a change keep their place at the end.
        rows.sort(key=lambda r: (r.change is None, -(r.change or 0), r.region_adcode))
    if ratio:
        result.missing_population = [r.region_name for r in rows if r.residents is None]
        result.population_year = POPULATION_YEAR
        result.population_credit = _(POPULATION_CREDIT)
        # Largest ratio first; regions without a population keep their place at the end.
        rows.sort(key=lambda r: (r.ratio is None, -(r.ratio or 0), r.region_adcode))
    if evidence:
        rows = [with_texts(r, lang) for r in rows]
    result.rows = rows
    if evidence:  # else ``add_evidence`` draws it, with the texts of the charted rows
        result.chart = charts.compare_chart(result)
    return result


def add_evidence(
    result: CompareResult, shown: list[CompareRow], *, all_texts: bool = False
) -> list[CompareRow]:
    """Fill the evidence and article title of the rows a page shows, read without them
    (``compare_rows(evidence=False)``): the charted rows and ``shown`` (the table's
    page), in one query; the chart is drawn with them. Returns ``shown`` with both."""
    drawn = [
        r
        for r in charts.charted(result.rows, result.per != Per.TOTAL, result.view == View.CHANGE)[0]
        if r
    ]
    ids = {r.metric_id for r in drawn + list(shown)}
    texts = {
        pk: {"evidence": sentence or text or "", "article_title": article_title(title)}
        for pk, sentence, text, title in Metric.objects.filter(pk__in=ids or [0])
        .with_evidence()
        .order_by()
        .values_list("pk", "sentence_text", "evidence_text", "article__title")
    }
    lang = active_lang()
    result.rows = [
        with_texts(replace(r, **texts[r.metric_id]), lang) if r.metric_id in texts else r
        for r in result.rows
    ]
    if all_texts:  # every row's number (the map's tooltips), still no evidence for most
        result.rows = [r if r.display else with_texts(r, lang) for r in result.rows]
    result.chart = charts.compare_chart(result)
    return [with_texts(replace(r, **texts.get(r.metric_id, {})), lang) for r in shown]
