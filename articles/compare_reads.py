"""Compare's reads (issue 9.3): the winning value of an indicator per region
(``compare_values``), the page's rows and chart (``compare_rows``) and the texts of the
rows a page shows (``add_evidence``). Rows are built by ``articles/compare_build.py``.

Moved out of ``articles/selectors.py`` (which still re-exports these names).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from operator import itemgetter

from django.db import connection
from django.db.models import Case, F, OuterRef, Subquery, When, Window
from django.db.models.functions import RowNumber
from django.db.models.lookups import Exact
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import charts
from .compare_build import (
    ADCODE,
    ARTICLE,
    LEVEL,
    METRIC,
    NAME,
    NAME_EN,
    PUBLICATION,
    UNIT,
    WINNER_COLUMNS,
    Converters,
    any_previous,
    build_rows,
    published_span,
    row_values,
    winner_tuple,
)
from .compare_result import (
    FINEST_FIRST,
    POPULATION_CREDIT,
    POPULATION_YEAR,
    ChartDataError,
    CompareResult,
    CompareRow,
    LazyRows,
    LeftOut,
    Per,
    View,
    _check_per,
    article_title,
    article_url_template,
    per_resident_ratios,
    ratio_unit,
    shown_level,
    with_texts,
)
from .compare_winners import NARROW_FIELDS, ranked_winners
from .formatting import active_lang
from .models import (
    Article,
    CompareWinner,
    Indicator,
    Metric,
    Region,
    adcode_prefix,
    latest_first,
)
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

    The default view (no topic, no dates, not ``verified``): one query reads the rows
    kept at write time (``compare_winners``: ``CompareWinner``, one per region) with the
    regions' names and the articles' publications joined (``kept_winners``). A filtered
    view ranks at read time, two queries: the narrow rows of every observed metric of
    the indicator under the filters (``compare_winners.NARROW_FIELDS``, from the covering
    index ``metric_observed_ranked``; the publication by the article's primary key for
    each region's first row only), ranked by ``latest_first`` within each region in SQL
    and taken by ``compare_winners.ranked_winners`` in one pass (each region's winner,
    ``article_values``, ``parts_*``, and its earlier value: the newest metric in the same
    unit from an article published strictly before the winner's, not a part, under the
    same filters); then the gazetteer's names (``_add_names``). No model instances (issue
    9: 3,000 counties of 1,000,000 metrics). With ``evidence`` (exports) one more query
    reads every winner's article title and the texts cut from its article's body;
    without, they are left empty (``add_evidence`` reads them for the rows a page shows:
    cutting 3,000 bodies cost more than the rest).
    """
    if not (topic or published_after or published_before or verified):
        winners = kept_winners(indicator.pk, within)  # names and publications joined
    else:
        winners = _ranked_winners(
            indicator, within, topic, published_after, published_before, verified
        )
        _add_names(winners)
    if not winners:
        return []
    if evidence:
        texts = _evidence_texts([m["id"] for m in winners])
        for m in winners:
            m["article__title"], m["evidence_text"], m["sentence_text"] = texts[m["id"]]
    return winners


#: The article title and the texts ``MetricQuerySet.with_evidence`` cuts from the body
#: (its SQL, written once: the ORM compiled it anew for every page) of the metrics
#: ``{ids}`` (``_IDS``: one parameter, a list of any length).
_TEXTS = (
    "SELECT m.id, a.title, "
    "{substr}(a.body, m.evidence_start + 1, m.evidence_end - m.evidence_start), "
    "{substr}(a.body, m.sentence_start + 1, m.sentence_end - m.sentence_start) "
    "FROM articles_metric m JOIN articles_article a ON a.id = m.article_id "
    "WHERE m.id IN ({ids})"
)
_IDS = {"postgresql": "SELECT unnest(%s::bigint[])", "sqlite": "SELECT value FROM json_each(%s)"}
_SUBSTR = {"postgresql": "SUBSTRING", "sqlite": "SUBSTR"}


def _evidence_texts(ids: list[int]) -> dict[int, tuple]:
    """``{metric id: (article title, evidence_text, sentence_text)}`` of ``ids``, one
    query (the texts are cut from each article's body in SQL, as ``with_evidence`` does;
    ``search.id_filter``'s one parameter for the ids)."""
    vendor = connection.vendor
    if vendor not in _IDS:  # another database: through the ORM
        return {
            pk: (title, evidence_text, sentence_text)
            for pk, title, evidence_text, sentence_text in Metric.objects.filter(
                pk__in=id_filter(ids)
            )
            .order_by()
            .with_evidence()
            .values_list("pk", "article__title", "evidence_text", "sentence_text")
        }
    sql = _TEXTS.format(substr=_SUBSTR[vendor], ids=_IDS[vendor])
    param = list(ids) if vendor == "postgresql" else json.dumps(list(ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, [param])
        return {pk: (title, evidence, sentence) for pk, title, evidence, sentence in cursor}


def _winner_tuples(indicator, within, topic, after, before, verified, english=True) -> tuple:
    """``(winner tuples, Converters)`` of ``compare_values``'s winners without texts:
    the kept winners' raw read (typed by ``converters``; English names only when
    ``english``) in the default view, else the ranked dicts of a filtered view as typed
    tuples. Same queries as ``compare_values`` without ``evidence``."""
    if not (topic or after or before or verified):
        return kept_tuples(indicator.pk, within, english=english), converters(connection)
    winners = _ranked_winners(indicator, within, topic, after, before, verified)
    _add_names(winners)
    return [winner_tuple(m) for m in winners], Converters.typed()


def _ranked_winners(indicator, within, topic, after, before, verified) -> list[dict]:
    """``ranked_winners`` of the indicator's observed metrics under the filters (a
    filtered compare view), each with its article's ``publication``; one query."""
    ranked = (
        Metric.objects.filter(indicator=indicator, region__isnull=False)
        .observed(verified)
        .in_topic(topic)
        .published_between(after, before)
    )
    if within:
        ranked = ranked.filter(region__in=Region.objects.descendants_of(within).values("pk"))
    narrow = (
        ranked.annotate(publication=_publication_of_first())
        .order_by("region_id", *latest_first())
        .values_list(*NARROW_FIELDS)
    )
    return ranked_winners(narrow)


#: The kept winners of one indicator with their regions' names (the region, its parent
#: and grandparent) and their articles' publication (by the kept ``publication_id``: the
#: join through 2,700 articles to their pages was half the read's time), as winner tuples
#: (``compare_build.WINNER_COLUMNS``). ``{published}``/``{earlier}``: the date columns,
#: ``{r_en}``/``{p_en}``/``{g_en}`` the English names (``_kept_sql``).
_KEPT = (
    "SELECT w.region_id, r.adcode, r.name, {r_en}, r.level, p.name, {p_en}, g.name, "
    "{g_en}, w.metric_id, w.article_id, {published}, w.value{n}, w.value_max{n}, w.unit, "
    "w.bound, w.approx, w.part_role, w.period, w.status, w.previous_value{n}, "
    "w.article_values, w.parts_sum{n}, w.parts_count, w.parts_approx, w.earlier_value{n}, "
    "{earlier}, w.earlier_period, pub.name "
    "FROM articles_comparewinner w JOIN articles_region r ON r.id = w.region_id "
    "LEFT JOIN articles_region p ON p.id = r.parent_id "
    "LEFT JOIN articles_region g ON g.id = p.parent_id "
    "LEFT JOIN articles_publication pub ON pub.id = w.publication_id "
    "WHERE w.indicator_id = %s"
)


def _kept_sql(vendor: str, english: bool = True) -> str:
    """``_KEPT`` for a database vendor. On SQLite the dates are read as text (``CAST``):
    a column declared ``date`` goes through Django's converter (a regular expression per
    value, 6,000 a county compare), ``Converters.sqlite`` parses ISO text in C. Without
    ``english`` the English names are NULL: a Chinese page reads none of them, and
    8,000 strings fewer are 7% of the read on SQLite. On PostgreSQL the five decimal
    columns are read as text (``{n}``): the driver made a Decimal of each of 13,000
    values, the page needs those of the rows it builds and the values it sorts by
    (``Converters.text``)."""
    sqlite = vendor == "sqlite"
    return _KEPT.format(
        n="::text" if vendor == "postgresql" else "",
        published="CAST(w.published AS TEXT)" if sqlite else "w.published",
        earlier="CAST(w.earlier_published AS TEXT)" if sqlite else "w.earlier_published",
        **{
            key: column if english else "NULL"
            for key, column in (("r_en", "r.name_en"), ("p_en", "p.name_en"), ("g_en", "g.name_en"))
        },
    )


def converters(connection) -> Converters:
    """How the raw columns of ``kept_tuples`` become typed values on this connection:
    SQLite returns decimals as int/float and (``_kept_sql``) dates as text; PostgreSQL's
    driver returns dates typed and (``_kept_sql``) decimals as their text."""
    if connection.vendor == "postgresql":
        return Converters.text()
    if connection.vendor != "sqlite":
        return Converters.typed()
    field = CompareWinner._meta.get_field("value")
    return Converters.sqlite(field.decimal_places, field.context)


def kept_tuples(
    indicator_id: int, within: str | None = None, *, english: bool = True
) -> list[tuple]:
    """The ``CompareWinner`` rows of ``indicator_id`` (inside the region ``within``, an
    adcode: the region and every division below it) as raw winner tuples
    (``compare_build.WINNER_COLUMNS``; ``converters`` types them) with the regions' names
    and the articles' publication; one query, no model instances. Without ``english``
    the English names are None (``_kept_sql``)."""
    sql, params = _kept_sql(connection.vendor, english), [indicator_id]
    if within:
        prefix = adcode_prefix(within)
        sql += " AND r.adcode BETWEEN %s AND %s"
        params += [prefix.ljust(6, "0"), prefix.ljust(6, "9")]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def kept_winners(indicator_id: int, within: str | None = None) -> list[dict]:
    """``kept_tuples`` as ``compare_values`` dicts (typed; ``earlier`` a dict or None;
    ``article__title`` None and no evidence texts)."""
    convert = converters(connection)
    dec, day = convert.decimal, convert.day
    winners = []
    for row in kept_tuples(indicator_id, within):
        m = dict(zip(WINNER_COLUMNS, row, strict=True))
        for key in ("value", "value_max", "previous_value", "parts_sum"):
            m[key] = dec(m[key])
        m["article__published"] = day(m["article__published"])
        m["approx"] = bool(m["approx"])
        value, published = m.pop("earlier_value"), m.pop("earlier_published")
        period = m.pop("earlier_period")
        m["earlier"] = (
            None
            if value is None
            else {"value": dec(value), "published": day(published), "period": period}
        )
        m.update({"article__title": None, "evidence_text": "", "sentence_text": ""})
        winners.append(m)
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
    exists (``compare_build.build_rows``); ``view`` ``View.CHANGE`` sorts by change
    (largest rise first) and draws a dumbbell chart (``charts.change_chart``).

    With ``evidence`` (exports) every row has its evidence, title and texts, and the
    result its ``chart``; without (the HTML page) none of them, and ``add_evidence`` fills
    them for the rows the page shows and draws the chart. Without ``evidence`` and outside
    the change view, ``rows`` is a ``LazyRows``: a row is built when read, and the
    result's ``span``, ``measured`` and ``previous_any`` are read from the winners.
    The queries of ``compare_values`` (one for the default view, two when filtered), one
    more with ``evidence``, one more with a ``per``
    (every census row of the year).
    Raises ``ChartDataError`` (HTTP 400) for rows in two units, or a per-resident ratio
    for a unit that is neither persons (人/人次) nor money (元), or not at county level.
    With ``verified``, reviewed metrics only (``?verified=1``).
    """
    lang = active_lang()
    every_level, convert = _winner_tuples(
        indicator, within, topic, published_after, published_before, verified, lang == "en"
    )
    # by adcode (one winner per region, so adcodes are unique): the picker's order, and
    # the order rows of equal value keep
    every_level.sort(key=itemgetter(ADCODE))
    # (columns taken by ``map``/``itemgetter``/``Counter``: in C, not a loop a row)
    adcodes = map(itemgetter(ADCODE), every_level)
    if lang == "en":
        names = (t[NAME_EN] or t[NAME] for t in every_level)
        candidates = list(zip(adcodes, names, strict=True))
    else:
        candidates = list(zip(adcodes, map(itemgetter(NAME), every_level), strict=True))
    if regions:
        wanted = set(regions)
        every_level = [t for t in every_level if t[ADCODE] in wanted]
    level_counts = {lv.value: 0 for lv in FINEST_FIRST}
    for lv, n in Counter(map(itemgetter(LEVEL), every_level)).items():
        level_counts[lv] = level_counts.get(lv, 0) + n
    chosen = bool(level)
    level = shown_level(level_counts, level)
    if level_counts.get(level) == len(every_level):  # every winner at the level shown
        metrics = every_level
    else:
        metrics = [t for t in every_level if t[LEVEL] == level]
    units = sorted(set(map(itemgetter(UNIT), metrics)))
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
        publications=dict(
            zip(
                map(itemgetter(ARTICLE), metrics),
                map(itemgetter(PUBLICATION), metrics),
                strict=True,
            )
        ),
    )
    if regions:
        result.other_level, result.without_value = left_out(regions, every_level, level, lang)
    ratio = None
    if per != Per.TOTAL:
        _check_per(per, unit, level)
        # every county's census row (a few thousand whatever the data size), not a list
        # of the regions shown as parameters
        residents = census_residents()
        ratio = (residents, per, result.plot_unit)
    # Exports carry every shown row's evidence (one query whatever the number of rows).
    texts = _evidence_texts([t[METRIC] for t in metrics]) if evidence and metrics else None

    def build(winners: list[tuple]) -> list[CompareRow]:
        return build_rows(
            winners,
            convert=convert,
            url=url,
            lang=lang,
            kind=indicator.kind,
            unit=unit,
            ratio=ratio,
            texts=texts,
        )

    url = article_url_template()
    result.view = view
    if view == View.CHANGE:
        # Largest rise first (a ratio: largest ratio), rows without one at the end: every
        # row's change is needed, so every row is built.
        rows = build(metrics)
        rows.sort(key=_by_ratio if ratio else _by_change)
    else:
        # Largest value first (a sum of parts may move up), with a per-resident ratio the
        # largest ratio, rows without one at the end; equal ones keep the adcode order
        # (stable sorts of winners in adcode order). The winners are sorted, then only
        # the rows read are built (``LazyRows``; every row for exports).
        values = row_values(metrics, convert)
        if ratio:
            people = list(map(residents.get, map(itemgetter(0), metrics)))
            keys = per_resident_ratios(values, people, per)
            # largest ratio first (a stable sort, reversed: equal ratios keep their
            # order), then the rows without one
            order = [i for i, k in enumerate(keys) if k is not None]
            order.sort(key=keys.__getitem__, reverse=True)
            result.measured = len(order)
            order += [i for i, k in enumerate(keys) if k is None]
        else:
            order = sorted(range(len(metrics)), key=values.__getitem__, reverse=True)
            result.measured = len(metrics)
        metrics = [metrics[i] for i in order]
        rows = build(metrics) if evidence else LazyRows(metrics, build)
        if ratio:
            at = [k for k, i in enumerate(order) if people[i] is None]
            taken = rows.take(at) if isinstance(rows, LazyRows) else [rows[k] for k in at]
            missing = sorted(taken, key=_by_value)
            result.missing_population = [r.region_name for r in missing]
    if ratio:
        if view == View.CHANGE:
            missing = sorted((r for r in rows if r.residents is None), key=_by_change)
            result.missing_population = [r.region_name for r in missing]
        result.population_year = POPULATION_YEAR
        result.population_credit = _(POPULATION_CREDIT)
    result.span = published_span(metrics, convert)
    result.previous_any = any_previous(metrics, kind=indicator.kind, lang=lang)
    if evidence:
        for r in rows:
            with_texts(r, lang)
    result.rows = rows
    if evidence:  # else ``add_evidence`` draws it, with the texts of the charted rows
        result.chart = charts.compare_chart(result)
    return result


# Compare's orders: each key ends with the adcode, so one sort by the key that decides
# is the order successive sorts gave.
def _by_value(r):
    return (-r.value, r.region_adcode)


def _by_change(r):
    return (r.change is None, -(r.change or 0), r.region_adcode)


def _by_ratio(r):
    return (r.ratio is None, -(r.ratio or 0), r.region_adcode)


#: Every census row of ``POPULATION_YEAR`` (``census_residents``).
_CENSUS = "SELECT region_id, residents FROM articles_population WHERE year = %s"


def census_residents() -> dict[int, int]:
    """``{region id: residents}`` of every census row of ``POPULATION_YEAR`` (a few
    thousand counties, whatever the data size), one query: the per-resident ratios'
    divisors."""
    with connection.cursor() as cursor:
        cursor.execute(_CENSUS, [POPULATION_YEAR])
        return dict(cursor.fetchall())


def left_out(
    regions: list[str], values: list[tuple], level: str, lang: str
) -> tuple[list[LeftOut], list[LeftOut]]:
    """The regions asked for that a comparison at ``level`` leaves out, in the order asked:
    those with a value (``values``: the winner tuples, ``compare_build.WINNER_COLUMNS``,
    of the regions asked for) at another level, and those with no value at all. Names in
    ``lang``. One query, for the names and levels of regions without a value, only when
    there are some."""
    by_adcode = {t[ADCODE]: t for t in values}
    english = lang == "en"
    other = [
        LeftOut(a, (english and by_adcode[a][NAME_EN]) or by_adcode[a][NAME], by_adcode[a][LEVEL])
        for a in regions
        if a in by_adcode and by_adcode[a][LEVEL] != level
    ]
    missing = [a for a in regions if a not in by_adcode]
    if not missing:
        return other, []
    found = {
        adcode: (name_en if lang == "en" and name_en else name, region_level)
        for adcode, name, name_en, region_level in Region.objects.filter(
            adcode__in=missing
        ).values_list("adcode", "name", "name_en", "level")
    }
    return other, [LeftOut(a, *found[a]) for a in missing if a in found]


def add_evidence(
    result: CompareResult, shown: list[CompareRow], *, all_texts: bool = False
) -> list[CompareRow]:
    """Fill the evidence and article title of the rows a page shows, read without them
    (``compare_rows(evidence=False)``): the charted rows and ``shown`` (the table's
    page), in one query, and their texts (``with_texts``), in place: ``shown`` are rows
    of ``result.rows``. The chart is drawn with them. Returns ``shown`` with both."""
    drawn = [
        r
        for r in charts.charted(
            result.rows,
            result.per != Per.TOTAL,
            result.view == View.CHANGE,
            measured=result.measured,
        )[0]
        if r
    ]
    ids = {r.metric_id for r in drawn + list(shown)}
    texts = {
        pk: (sentence or text or "", article_title(title))
        for pk, (title, text, sentence) in _evidence_texts(sorted(ids) or [0]).items()
    }
    lang = active_lang()
    done = set()
    for r in (*drawn, *shown):  # the same row objects as in ``result.rows``
        if id(r) not in done:
            done.add(id(r))
            if r.metric_id in texts:
                r.evidence, r.article_title = texts[r.metric_id]
            with_texts(r, lang)
    if all_texts:  # every row's number (the map's tooltips), still no evidence for most
        for r in result.rows:
            if not r.display:
                with_texts(r, lang)
    result.chart = charts.compare_chart(result)
    return list(shown)
