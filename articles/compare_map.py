"""The compare page's map tab and sources panel: what they show, computed from a
``selectors.CompareResult`` the page already has (one query for the gazetteer names of the
map's shapes, whatever the number of rows; the publications come with the rows).

Map: boundaries exist for provinces and prefectures (static/vendor/china-map/, from
echarts@4.9.0, Apache-2.0; see its README), not for counties: at county level the map tab
says so and links to the coarser levels instead of drawing a wrong or partial map.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from urllib.parse import urlencode

from django.db import connection
from django.templatetags.static import static
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .formatting import in_sentence
from .models import IndicatorKind, Region, RegionLevel

#: Levels with boundary files, and the file of each (static path).
MAP_FILES = {
    RegionLevel.PROVINCE: "vendor/china-map/province.topo.json",
    RegionLevel.PREFECTURE: "vendor/china-map/prefecture.topo.json",
}
TABS = ("chart", "table", "map")
#: Table parameters: a link that sorts, searches or pages the table opens on the table.
TABLE_PARAMS = ("o", "find", "page")


def chosen_tab(params) -> str:
    """The tab to show: ``tab`` when it is one of ``TABS``; else the table when the query
    sorts, searches or pages it (those links come from the table); else the chart. An
    unknown ``tab`` falls back the same way (a tab is a view, not a filter: no error)."""
    tab = params.get("tab", "")
    if tab in TABS:
        return tab
    return "table" if any(params.get(k) for k in TABLE_PARAMS) else "chart"


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _unit(unit: str) -> str:
    """The unit as a reader of the active language writes it ('persons' for 人; '' in
    English for a measure word such as 支 or 个, which English counts without)."""
    from .formatting import unit_text

    return unit_text(unit, "en" if _english() else "zh").strip()


def _title(name: str, unit: str) -> str:
    """'实名注册志愿者（人）' / 'Registered volunteers (persons)'; the name alone without a unit."""
    return _("%(name)s（%(unit)s）") % {"name": name, "unit": unit} if unit else name


def map_payload(result) -> dict | None:
    """JSON for static/js/compare-map.js, or None when the shown level has no boundaries.

    ``{"topojson": static URL, "level", "unit", "title", "subtitle", "source",
    "values": [{"adcode", "name", "value" (float, the ratio with a ``per``), "display",
    "url"}], "names": {adcode: name in the active language} of every region of the level
    (shapes without data are named too), "labels": {"no_data", "legend"}}``.
    """
    if result.level not in MAP_FILES:
        return None
    ratio = result.per != "total"
    values = []
    for row in result.rows:
        value = row.ratio if ratio else row.value
        if value is None:
            continue
        values.append(
            {
                "adcode": row.region_adcode,
                "name": row.region_name,
                "value": float(value),
                "display": (row.ratio_display if ratio else row.display) or "",
                "url": row.article_url,
            }
        )
    english = _english()
    names = {
        adcode: (name_en if english and name_en else name)
        for adcode, name, name_en in Region.objects.filter(level=result.level).values_list(
            "adcode", "name", "name_en"
        )
    }
    chart = result.chart or {}
    return {
        "topojson": static(MAP_FILES[result.level]),
        "level": result.level,
        "unit": result.plot_unit,
        "title": _title(chart.get("series") or result.indicator.name, _unit(result.plot_unit)),
        "subtitle": chart.get("subtitle", ""),
        "source": chart.get("source", ""),
        "values": values,
        "names": names,
        "labels": {"no_data": _("无数据"), "legend": _unit(result.plot_unit)},
    }


KIND_TEXT = {
    IndicatorKind.STOCK: ("某一时点的数量", "a count at a point in time"),
    IndicatorKind.FLOW: (
        "一段时期内的累计量（如全年、上半年）",
        "a total over a period (a year, a half-year)",
    ),
    IndicatorKind.RATE: ("比率或增减幅度", "a ratio or rate of change"),
    IndicatorKind.LEVEL: (
        "标准或单价（每人、每月等）",
        "a standard or amount per unit (per person, per month)",
    ),
}


def definition(indicator) -> str:
    """What the indicator counts, in the active language: its ``description`` when one
    was written (Chinese; shown in both languages), else a definition derived from its
    name, kind and unit ('实名注册志愿者：某一时点的数量，单位：人。'). Never invented
    beyond those fields."""
    if indicator.description:
        return indicator.description
    zh, en = KIND_TEXT.get(indicator.kind, ("", ""))
    if _english():
        unit = _unit(indicator.unit)
        return f"{indicator.name_en}: {en}, in {unit}." if unit else f"{indicator.name_en}: {en}."
    return f"{indicator.name_zh}：{zh}，单位：{indicator.unit}。"


def sources(result, permalink: str, today: date | None = None) -> dict:
    """The sources panel under the chart: ``indicator``, ``definition``, ``kind`` label,
    ``unit``, ``regions`` and ``articles`` (counts), ``first``/``last`` publication dates
    (None without dates) and ``dates``, them as the panel shows them (``dates_text``),
    ``publications`` ``[{"name", "articles"}]`` most first (articles without a
    publication counted under '未知报刊'), ``permalink`` and ``citation``
    ('govreports (2026). Registered volunteers, County level, 2024-01-16–2024-03-05.
    Retrieved 2026-12-01 from https://…'). No query: the publications come with the
    rows (``CompareResult.publications``)."""
    today = today or date.today()
    first, last = result.dates()
    dates = [first, last] if first else []
    tally = result.publication_articles()
    publications = [
        {"name": name or _("未知报刊"), "articles": n} for name, n in publication_counts(tally)
    ]
    if not dates:
        span = _("日期不详")
    elif dates[0] == dates[-1]:
        span = dates[0].isoformat()
    else:
        span = f"{dates[0].isoformat()}–{dates[-1].isoformat()}"
    name = result.indicator.name
    if result.ratio_label:
        name = f"{name} ({result.ratio_label})" if _english() else f"{name}（{result.ratio_label}）"
    if result.view == "change":  # a cited change view said only the indicator's name
        name = _("%(name)s的变化（上一值→最新值）") % {"name": name}
    if result.scope:  # the province or prefecture compared within, named (a new-user pass)
        citation = _(
            "govreports（%(year)s）。%(indicator)s，%(scope)s的%(level)s，%(span)s。"
            "%(today)s 检索自 %(url)s"
        )
    else:
        citation = _(
            "govreports（%(year)s）。%(indicator)s，%(level)s，%(span)s。%(today)s 检索自 %(url)s"
        )
    citation %= {
        "year": today.year,
        "indicator": name,
        "scope": result.scope,
        "level": in_sentence(result.level_label),  # 'county level' mid-sentence
        "span": span,
        "today": today.isoformat(),
        "url": permalink,
    }
    return {
        "indicator": result.indicator,
        "definition": definition(result.indicator),
        "kind": result.indicator.get_kind_display(),
        "unit": _unit(result.plot_unit),
        "regions": len(result.rows),
        "articles": sum(tally.values()),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "dates": dates_text(dates, result.undated_rows()),
        "publications": publications,
        "permalink": permalink,
        "citation": citation,
    }


def dates_text(dates: list[date], undated: int) -> str:
    """The sources panel's dates: '2024-01-16 – 2024-03-01' (one date once), with how
    many regions' articles have no date when some have ('2024-01-16（另有1个地区的文章日期
    不详）': the range alone read as covering every value, a new-user pass); '日期不详'
    without any date. Written here: the template's ``|date`` filters cost 0.15 ms a
    page."""
    if not dates:
        return _("日期不详")
    text = " – ".join(dict.fromkeys(d.isoformat() for d in dates))
    if undated:
        more = ngettext(
            "（另有%(n)s个地区的文章日期不详）", "（另有%(n)s个地区的文章日期不详）", undated
        )
        text += more % {"n": undated}
    return text


def publication_counts(counts: Counter) -> list[tuple[str | None, int]]:
    """``[(publication name or None, articles)]`` of ``Counter({name: articles})``, most
    first, then by name as the database's ``ORDER BY n DESC, name`` gave them: no
    publication (None) first on SQLite, last on PostgreSQL."""
    none_last = connection.vendor == "postgresql"
    return sorted(
        counts.items(), key=lambda kv: (-kv[1], (kv[0] is None) == none_last, kv[0] or "")
    )


#: Parameters a cited address leaves out: the table's page, search and order, the export
#: format and the tab (a citation names the view: the map's citation read tab=chart after
#: a switch in place, and a cited find= showed none of the regions it counted: new-user
#: passes), and ``lang``: an address is the same in both languages
#: (README, Languages), the reader's own language shows it.
NOT_CITED = ("page", "format", "lang", "tab", "find", "o")
#: Values a cited address leaves out because they are the defaults (per=total,
#: view=latest: noise in every citation, a new-user pass).
DEFAULTS_NOT_CITED = {("per", "total"), ("view", "latest")}


def permalink(request) -> str:
    """This view's canonical absolute URL, for the citation: only its non-empty
    parameters, in the order given, without ``NOT_CITED`` nor ``DEFAULTS_NOT_CITED``
    (a submitted form sent every
    empty field: '&level=&within=&regions=&topic=…&lang=zh-hans', a new-user pass)."""
    kept = [
        (name, value)
        for name, values in request.GET.lists()
        if name not in NOT_CITED
        for value in values
        if value.strip() and (name, value) not in DEFAULTS_NOT_CITED
    ]
    query = urlencode(kept)
    return request.build_absolute_uri(f"{request.path}?{query}" if query else request.path)
