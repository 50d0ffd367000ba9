"""Compare's page reads (issue 9.3): the rows and chart of one indicator at one level
(``compare_rows``), the regions asked for that it leaves out (``left_out``), the census
divisors (``census_residents``) and the texts of the rows a page shows
(``add_evidence``). The winners are read by ``articles/compare_winner_reads.py``
(``compare_values`` and the rest, still importable from here); rows are built by
``articles/compare_build.py``.

Moved out of ``articles/selectors.py`` (which still re-exports these names).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import partial
from operator import itemgetter

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import charts
from .compare_build import (
    ADCODE,
    ARTICLE,
    G_NAME,
    G_NAME_EN,
    LEVEL,
    METRIC,
    NAME,
    NAME_EN,
    P_NAME,
    P_NAME_EN,
    PUBLICATION,
    PUBLISHED,
    UNIT,
    any_previous,
    build_rows,
    published_span,
    raw_row_values,
    row_values,
    summed_ids,
    value_order,
)
from .compare_result import (
    FINEST_FIRST,
    PATH_SEPARATOR,
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
    ratio_order,
    ratio_unit,
    shown_level,
    with_texts,
)

# The winners' reads, split out to ``compare_winner_reads``; importable from here as before.
from .compare_winner_reads import (  # noqa: F401 (re-exported)
    COMPARE_FIELDS,
    RESIDENTS,
    _add_names,
    _evidence_texts,
    _kept_sql,
    _ranked_winners,
    _winner_tuples,
    compare_values,
    converters,
    kept_tuples,
    kept_winners,
    out_of_ratio_range,
)
from .compare_winners import part_sentences
from .formatting import active_lang
from .models import Indicator, Region


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
    ``regions`` (adcodes) keeps only those regions; ``candidate_count`` is how many
    regions have a value (any level), and with ``regions`` ``candidates`` lists them
    (``region_candidates``; the picker reads them from ``compare_candidates``). Every
    row carries its previous value and change where one exists
    (``compare_build.build_rows``); ``view`` ``View.CHANGE`` sorts by change (largest
    rise first) and draws a dumbbell chart (``charts.change_chart``).

    With ``evidence`` (exports) every row has its evidence, title and texts, and the
    result its ``chart``; without (the HTML page) none of them, and ``add_evidence`` fills
    them for the rows the page shows and draws the chart. Without ``evidence`` and outside
    the change view, ``rows`` is a ``LazyRows``: a row is built when read, and the
    result's ``span`` and ``measured`` are read from the winners, ``has_previous`` from
    them when first asked (``previous_of``).
    The queries of ``compare_values`` (one for the default view, two when filtered), one
    more with ``evidence``, one more with a ``per`` in a filtered view or the change view
    (every census row of the year; the default view reads each row's census row with it,
    in ratio order: ``kept_tuples``).
    Raises ``ChartDataError`` (HTTP 400) for rows in two units, or a per-resident ratio
    for a unit that is neither persons (人/人次) nor money (元), or not at county level.
    With ``verified``, reviewed metrics only (``?verified=1``).
    """
    lang = active_lang()
    # the rows in value (or ratio) order from the database when they are shown so
    # (``kept_tuples``)
    by_value = per == Per.TOTAL and view != View.CHANGE
    every_level, convert, order = _winner_tuples(
        indicator,
        within,
        topic,
        published_after,
        published_before,
        verified,
        lang == "en",
        by_value,
        per if per != Per.TOTAL and view != View.CHANGE else None,
    )
    in_value_order = order == "value"
    with_residents = order == "ratio"  # each tuple ends with its residents (``RESIDENTS``)
    in_ratio_order = with_residents and not out_of_ratio_range(every_level, convert.scale)
    if order is None or (with_residents and not in_ratio_order):
        # by adcode (one winner per region, so adcodes are unique): the picker's order,
        # and the order rows of equal value keep (the kept read is in one or the other)
        every_level.sort(key=itemgetter(ADCODE))
    # the picker's options are read by the page when the picker is used
    # (``compare_candidates``): here only when regions are picked (``picked_empty``)
    candidate_count = len(every_level)
    candidates = region_candidates(every_level, lang) if regions else []
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
        verified=verified,
        per=per,
        unit=unit,
        plot_unit=ratio_unit(unit, per),
        level=level,
        level_chosen=chosen,
        level_counts=level_counts,
        candidates=candidates,
        candidate_count=candidate_count,
        publications=dict(
            zip(
                map(itemgetter(ARTICLE), metrics),
                map(itemgetter(PUBLICATION), metrics),
                strict=True,
            )
        ),
    )
    result.publication_tally = Counter(result.publications.values())
    if regions:
        result.other_level, result.without_value = left_out(regions, every_level, level, lang)
    ratio = None
    if per != Per.TOTAL:
        _check_per(per, unit, level)
        if with_residents:  # read with the rows
            residents = dict(map(itemgetter(0, RESIDENTS), metrics))
        else:
            # every county's census row (a few thousand whatever the data size), not a
            # list of the regions shown as parameters
            residents = census_residents()
        ratio = (residents, per, result.plot_unit)
    # Exports carry every shown row's evidence (one query whatever the number of rows).
    texts = _evidence_texts([t[METRIC] for t in metrics]) if evidence and metrics else None
    if texts:  # a sum of parts cites the sentence of each part
        for pk, sentences in part_sentences(summed_ids(metrics), verified=verified).items():
            title, text, _sentence = texts[pk]
            texts[pk] = (title, text, sentences)

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
        if in_ratio_order:
            # in ratio order from the database, the rows without residents last
            order, measured = None, len(metrics)
            while measured and metrics[measured - 1][RESIDENTS] is None:
                measured -= 1
            result.measured = measured
            at = range(measured, len(metrics))
        elif ratio:
            people = list(map(residents.get, map(itemgetter(0), metrics)))
            ordered = None
            if convert.scale is not None:  # in integers (NumPy): 0.4 ms, not 3.5
                ordered = ratio_order(raw_row_values(metrics), people, per, convert.scale)
            if ordered is not None:
                order, result.measured = ordered
            else:
                keys = per_resident_ratios(row_values(metrics, convert), people, per)
                # largest ratio first (a stable sort, reversed: equal ratios keep their
                # order), then the rows without one
                order = [i for i, k in enumerate(keys) if k is not None]
                order.sort(key=keys.__getitem__, reverse=True)
                result.measured = len(order)
                order += [i for i, k in enumerate(keys) if k is None]
            at = [k for k, i in enumerate(order) if people[i] is None]
        else:
            # in value order from the database, else sorted here (the same order)
            order = None if in_value_order else value_order(metrics, convert)
            result.measured = len(metrics)
        if order is not None:
            metrics = [metrics[i] for i in order]
        rows = build(metrics) if evidence else LazyRows(metrics, build)
        if ratio:
            taken = rows.take(at) if isinstance(rows, LazyRows) else [rows[k] for k in at]
            missing = sorted(taken, key=_by_value)
            result.missing_population = charts.region_labels(missing)
    if ratio:
        if view == View.CHANGE:
            missing = sorted((r for r in rows if r.residents is None), key=_by_change)
            result.missing_population = charts.region_labels(missing)
        result.population_year = POPULATION_YEAR
        result.population_credit = _(POPULATION_CREDIT)
    result.span = published_span(metrics, convert)
    result.undated = list(map(itemgetter(PUBLISHED), metrics)).count(None)  # in C
    # whether a row has a previous value: read from the winners when first asked
    result.previous_of = partial(any_previous, metrics, kind=indicator.kind, lang=lang)
    if evidence:
        for r in rows:
            with_texts(r, lang)
    result.rows = rows
    if evidence:  # else ``add_evidence`` draws it, with the texts of the charted rows
        result.chart = charts.compare_chart(result)
    return result


def region_candidates(winners: list[tuple], lang: str) -> list[tuple[str, str, str]]:
    """``[(adcode, name, path)]`` of winner tuples (``compare_build.WINNER_COLUMNS``, one
    per region), by adcode: the region picker's options. Names in ``lang`` (the English
    name where the gazetteer has one, else the Chinese); ``path`` as the table's rows
    name a region, its province and prefecture first ('四川省 › 广元市 › 旺苍县'), which
    tells apart the regions of one name (朝阳区 in Beijing and in Changchun: a new-user
    pass could not)."""
    english = lang == "en"
    candidates = []
    for t in winners:
        if english:
            names = (t[G_NAME_EN] or t[G_NAME], t[P_NAME_EN] or t[P_NAME], t[NAME_EN] or t[NAME])
        else:
            names = (t[G_NAME], t[P_NAME], t[NAME])
        candidates.append((t[ADCODE], names[2], PATH_SEPARATOR.join(filter(None, names))))
    candidates.sort(key=itemgetter(0))
    return candidates


def compare_candidates(
    *,
    indicator: Indicator,
    level: str | None = None,
    within: str | None = None,
    topic: str | None = None,
    published_after: date | None = None,
    published_before: date | None = None,
    verified: bool = False,
) -> list[tuple[str, str, str]]:
    """Every region with a value of ``indicator`` under the filters, at ``level`` (a
    ``RegionLevel`` value; None: any level), as ``region_candidates`` gives them (names
    in the active language): the compare page's region picker (``/compare/regions/``),
    read when the reader uses it. With a level chosen, regions of the others are not
    offered: one level is compared at a time, and a province picked beside counties was
    only left out with a note (a new-user pass). The page itself
    used to carry them: 2,700 options, half of a county comparison's 230 KB and 3 ms of
    its server time. The queries of ``compare_values`` for these filters (one, two when
    filtered)."""
    lang = active_lang()
    winners, _convert, _ordered = _winner_tuples(
        indicator,
        within,
        topic,
        published_after,
        published_before,
        verified,
        lang == "en",
        False,
    )
    if level:
        winners = [t for t in winners if t[LEVEL] == level]
    return region_candidates(winners, lang)


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
    # a sum of parts cites the sentence of each part (one more query when one is shown)
    sums = {r.metric_id for r in drawn + list(shown) if r.parts >= 2}
    for pk, sentences in part_sentences(sums, verified=result.verified).items():
        texts[pk] = (sentences, texts[pk][1])
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
