"""Chart payloads for ``json_script``, built from the typed rows of ``articles.selectors``.

Every payload has the same shape, read by ``static/js/charts.js``::

    {"type": "bar" | "line" | "dumbbell", "horizontal": bool, "integer": bool (whole-number ticks),
     "unit": str, "axis": str (the unit's name in the reader's language, the value axis's
     title: ticks are numbers only), "series": str,
     "labels": [str], "values": [float | None],
     "points": [{"path", "display", "short", "url", "title", "published", "evidence"}]}

``values`` are floats for Chart.js only (``None`` is a gap, never 0 or NaN); everything a
reader sees as a number comes preformatted in ``display`` (``articles/formatting.py``).
A "dumbbell" (compare's change view, ``change_chart``) adds ``previous`` beside
``values`` and ``legend``. ``phone_horizontal`` (count charts): on a phone the bars are
drawn horizontally whatever their number, so long names are never slanted.
No queries here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .formatting import PART_SENTENCE_JOINER, approximate, unit_text
from .models import MetricStatus
from .names import PSEUDO_PREFECTURE, WHOLE_NAMES

#: A chart with more bars than this is drawn horizontally so every label fits.
HORIZONTAL_AFTER = 10
#: A compare chart with more regions draws only this many largest and this many smallest
#: values, a gap between them, and says so (issue 10.4): 51 bars of 24 px stay far below
#: the browser's 32,767-pixel canvas limit at a device pixel ratio of 3.
CHART_EACH_END = 25
#: Evidence shown in a tooltip is cut to this many characters (the table shows all of it).
TOOLTIP_EVIDENCE_CHARS = 120


def cut(text: str) -> str:
    """Tooltip evidence: at most ``TOOLTIP_EVIDENCE_CHARS`` characters, then '…'; as
    many times that for a sum's sentences (``PART_SENTENCE_JOINER``) as there are: cut
    at one sentence's length, 旺苍县's 2,103 teams lost the 1,728 of the second sentence."""
    text = text or ""
    limit = TOOLTIP_EVIDENCE_CHARS * (1 + text.count(PART_SENTENCE_JOINER))
    return text if len(text) <= limit else text[:limit] + "…"


def point(
    *,
    path="",
    display="",
    short="",
    url="",
    title="",
    published="",
    evidence="",
    state="",
    approx=False,
) -> dict:
    """One point's tooltip fields (strings; ``published`` an ISO date or ''; ``state`` the
    review state's label, 待审核/已确认/已更正) and ``approx``: the value is a bound, an
    approximation or a range (≥/≤/≈, 5–8), which a compare chart draws lighter."""
    return {
        "approx": approx,
        "state": state,
        "path": path,
        "display": display,
        "short": short,
        "url": url,
        "title": title,
        "published": published,
        "evidence": cut(evidence),
    }


def payload(kind, *, labels, values, points, unit, series, horizontal=False, integer=False):
    """The chart payload (see the module docstring); ``values`` Decimal/int/None."""
    return {
        "type": kind,
        "horizontal": horizontal,
        "integer": integer,
        "unit": unit,
        "axis": unit_text(unit).strip(),
        "series": series,
        "labels": labels,
        "values": [None if v is None else float(v) for v in values],
        "points": points,
    }


def measure(row, ratio: bool = False, change: bool = False):
    """The number a compare chart sorts and draws a row by: its change in the change
    view, else its ratio with a ``per``, else its value (None: not drawn)."""
    if change:
        return row.change
    return row.ratio if ratio else row.value


def charted(
    rows: list, ratio: bool, change: bool = False, measured: int | None = None
) -> tuple[list, int]:
    """The rows a compare chart draws and how many it leaves out: every row when there
    are at most ``2 * CHART_EACH_END``; else the ``CHART_EACH_END`` largest and smallest
    of the rows that have a number (``measure``; ``rows`` is sorted largest first), with
    ``None`` between them where the gap is drawn. In the change view only rows with a
    change are drawn. ``measured``: how many leading rows have a number, when the caller
    knows it (``CompareResult.measured``: rows without one sort last), so ``rows`` (a
    ``LazyRows``) is read only where drawn."""
    if change:
        kept = [r for r in rows if r.change is not None]
        if len(kept) <= 2 * CHART_EACH_END:
            return kept, len(rows) - len(kept)
        top, bottom = kept[:CHART_EACH_END], kept[-CHART_EACH_END:]
        return top + [None] + bottom, len(rows) - 2 * CHART_EACH_END
    if len(rows) <= 2 * CHART_EACH_END:
        return list(rows), 0
    if measured is not None:
        if measured <= 2 * CHART_EACH_END:
            return rows[:measured], len(rows) - measured
        top, bottom = rows[:CHART_EACH_END], rows[measured - CHART_EACH_END : measured]
        return top + [None] + bottom, len(rows) - 2 * CHART_EACH_END
    numbered = [r for r in rows if (r.ratio if ratio else r.value) is not None]
    if len(numbered) <= 2 * CHART_EACH_END:
        return numbered, len(rows) - len(numbered)
    top, bottom = numbered[:CHART_EACH_END], numbered[-CHART_EACH_END:]
    return top + [None] + bottom, len(rows) - 2 * CHART_EACH_END


def region_labels(rows: list) -> list[str]:
    """The axis label of each drawn compare row (None: the gap, '⋯'): its region's name,
    or, where two drawn rows share one (朝阳区 in Beijing and in Changchun), the last two
    steps of its path ('北京市 › 朝阳区', '长春市 › 朝阳区'): two bars of one name could not
    be told apart (a new-user pass). A pseudo-prefecture (省直辖县级行政区划) is no step:
    台湾省 › 金门县 beside 泉州市 › 金门县. Also the names of the regions a per-resident
    view lists without a population."""
    from collections import Counter

    from .compare_result import PATH_SEPARATOR

    shared = Counter(r.region_name for r in rows if r)

    def two_steps(path: str) -> str:
        steps = [s for s in path.split(PATH_SEPARATOR) if s not in _PSEUDO_PREFECTURES]
        return PATH_SEPARATOR.join(steps[-2:])

    return [
        "⋯"
        if r is None
        else r.region_name
        if shared[r.region_name] < 2
        else two_steps(r.region_path)
        for r in rows
    ]


#: The pseudo-prefecture's name in both languages.
_PSEUDO_PREFECTURES = frozenset({PSEUDO_PREFECTURE, WHOLE_NAMES[PSEUDO_PREFECTURE]})


def _state(status: str, states: dict) -> str:
    """The review state's label (待审核/已确认/已更正), translated once per chart."""
    if status not in states:
        states[status] = str(MetricStatus(status).label) if status else ""
    return states[status]


def _compare_point(r, ratio: bool, omitted: int, states: dict | None = None) -> dict:
    if r is None:
        text = ngettext(
            "此处省略%(n)s个地区，见“表格”标签页", "此处省略%(n)s个地区，见“表格”标签页", omitted
        ) % {"n": omitted}
        return point(path="⋯", display=text)
    return point(
        path=r.region_path,
        display=(r.ratio_display if ratio else r.display) or _("无人口数据"),
        # the short form beside the exact one (5.11万人（51,104人）), not beside a sum's
        # text, which names its parts (it read ≥2,103支（≥2,103支（5个分项之和））)
        short=r.short if not ratio and not r.parts and r.short != r.display else "",
        url=r.article_url,
        title=r.article_title,
        published=r.published.isoformat() if r.published else "",
        evidence=r.evidence,
        state=_state(r.status, {} if states is None else states),
        approx=approximate(r),
    )


def _change_point(r, omitted: int, states: dict | None = None) -> dict:
    if r is None:
        return _compare_point(None, False, omitted)
    from .compare import pct_text

    before = r.previous_date.isoformat() if r.previous_date else r.change_note
    shown = _("%(before)s（%(when)s）→ %(now)s：%(change)s") % {
        "before": r.previous_display,
        "when": before,
        "now": r.display,
        "change": " ".join(
            t for t in (r.change_display, pct_text(r.change_pct, approximate(r))) if t
        ),
    }
    return {**_compare_point(r, False, omitted, states), "display": shown, "short": ""}


def change_chart(result) -> dict:
    """Dumbbell chart of the change view (issue 10.3): per region a thin bar from the
    previous to the latest value and a point at each end, largest rise first; beyond
    ``2 * CHART_EACH_END`` regions the largest rises and falls (``charted``). The payload
    is ``compare_chart``'s with ``type`` "dumbbell", ``values`` the latest values and
    ``previous`` the previous ones (floats), and ``legend`` the two points' names."""
    rows, omitted = charted(result.rows, False, change=True)
    states: dict[str, str] = {}
    chart = payload(
        "dumbbell",
        labels=region_labels(rows),
        values=[r.value if r else None for r in rows],
        points=[_change_point(r, omitted, states) for r in rows],
        unit=result.plot_unit,
        series=_("%(name)s：上一值与最新值") % {"name": result.indicator.name},
        horizontal=True,
    )
    chart["previous"] = [None if r is None else float(r.previous_value) for r in rows]
    chart["legend"] = [_("上一值"), _("最新值")]
    chart["omitted"] = omitted
    chart["total"] = len(result.rows)
    chart["subtitle"] = compare_subtitle(result, rows)
    chart["source"] = source_line(result)
    chart["each_end"] = CHART_EACH_END if omitted and None in rows else 0
    return chart


def compare_chart(result) -> dict:
    """Bar chart of a ``selectors.CompareResult``: the value, or the ratio with a ``per``;
    the title names the census year, so a downloaded PNG still says it. Beyond
    ``2 * CHART_EACH_END`` regions only the largest and smallest are drawn (``charted``);
    the payload's ``omitted`` counts the rest and ``total`` all rows."""
    if getattr(result, "view", "") == "change":
        return change_chart(result)
    ratio = result.per != "total"
    series = result.indicator.name
    if ratio:
        series = _("%(name)s（%(ratio)s，%(year)s年人口普查）") % {
            "name": series,
            "ratio": result.ratio_label,
            "year": result.population_year,
        }
    rows, omitted = charted(result.rows, ratio, measured=result.measured)
    states: dict[str, str] = {}
    chart = payload(
        "bar",
        labels=region_labels(rows),
        values=[(r.ratio if ratio else r.value) if r else None for r in rows],
        points=[_compare_point(r, ratio, omitted, states) for r in rows],
        unit=result.plot_unit,
        series=series,
        horizontal=len(rows) > HORIZONTAL_AFTER,
    )
    chart["omitted"] = omitted
    chart["total"] = len(result.rows)
    chart["subtitle"] = compare_subtitle(result, rows)
    chart["source"] = source_line(result)
    chart["each_end"] = CHART_EACH_END if omitted and None in rows else 0
    kinds = {p["approx"] for p in chart["points"] if p["path"] != "⋯"}
    if True in kinds:
        # a bar of ≥32,000 looked like one of 32,000, in the page and in a downloaded
        # PNG (a new-user pass): approximate values are drawn lighter, with a key of the
        # kinds drawn, ``[[approx, label], ...]``
        chart["approx_legend"] = [
            [approx, _("约数（≥、≤、≈ 或范围）") if approx else _("确切值")]
            for approx in (False, True)
            if approx in kinds
        ]
    return chart


def compare_subtitle(result, drawn: list) -> str:
    """'县级 · 3,000个地区（图中为最大和最小各25个）' in the active language: drawn under the
    title, so a downloaded PNG says what it shows. ``drawn``: the rows the chart draws
    (``charted``; None at the gap). When fewer rows are drawn without a gap (the change
    view draws only regions with a change: 3 of 211), it says how many ('（图中画出3个）');
    it had claimed the largest and smallest 25 each. A per-resident view says how many
    drawn regions have no census population: their places are blank (a new-user pass
    could not tell a blank from a zero in a downloaded PNG)."""
    from .formatting import grouped

    text = ngettext("%(level)s · %(n)s个地区", "%(level)s · %(n)s个地区", len(result.rows)) % {
        "level": result.scoped_level_label,
        "n": grouped(len(result.rows)),
    }
    if None in drawn:
        text += _("（图中为最大和最小各%(each)s个）") % {"each": CHART_EACH_END}
    elif len(drawn) < len(result.rows):
        text += _("（图中画出%(n)s个）") % {"n": grouped(len(drawn))}
    if getattr(result, "per", "total") != "total":
        blank = sum(1 for r in drawn if r is not None and r.ratio is None)
        if blank:
            text += ngettext(
                "；%(n)s个地区无人口数据，留空", "；%(n)s个地区无人口数据，留空", blank
            ) % {"n": grouped(blank)}
    return text


def source_line(result) -> str:
    """The citation drawn at the foot of a compare chart (and its PNG): how many articles
    the ``selectors.CompareResult``'s rows come from, their publication dates, the site
    and the day the view was made, e.g. '来源：govreports 据3篇报道整理（发表于2024-01-16至
    2024-03-05），生成于2026-12-01'."""
    from datetime import date

    first, last = result.dates()
    articles = len(result.row_publications())
    if first is None:
        span = ""
    elif first == last:  # one day: not "from 2024-03-05 to 2024-03-05"
        span = _("（发表于%(day)s）") % {"day": first}
    else:
        span = _("（发表于%(first)s至%(last)s）") % {"first": first, "last": last}
    return ngettext(
        "来源：govreports 据%(n)s篇报道整理%(span)s，生成于%(today)s",
        "来源：govreports 据%(n)s篇报道整理%(span)s，生成于%(today)s",
        articles,
    ) % {"n": articles, "span": span, "today": date.today().isoformat()}


def count_chart(rows, series: str) -> dict:
    """Bar chart of article counts (``selectors.CountRow``: name, count, url). On a phone
    it is horizontal (``phone_horizontal``): five English province names slanted under
    five bars at 390 px overlapped ("Inner Mongolia Autonomous Region", a new-user pass)."""
    chart = payload(
        "bar",
        labels=[r.name for r in rows],
        values=[r.count for r in rows],
        points=[
            point(
                path=r.name,
                display=ngettext("%(n)s篇", "%(n)s篇", r.count) % {"n": r.count},
                url=r.url,
            )
            for r in rows
        ],
        # No unit on the ticks: the title says what is counted, and a count unit would
        # need a plural per tick in English ("1 article", "2 articles").
        unit="",
        series=series,
        horizontal=len(rows) > HORIZONTAL_AFTER,
        integer=True,
    )
    chart["phone_horizontal"] = True
    return chart


def line_chart(points, *, place: str, unit: str, series: str, joined: bool = True) -> dict:
    """Chart over time of ``regions.SeriesPoint`` rows (oldest first) of one ``place``:
    the payload's ``joined`` is False when the values may not be joined by a line
    (``regions.joinable``), and ``static/js/charts.js`` then draws dots only. Whole
    numbers only (a count of markets, of roads) ask for whole-number ticks: the axis of
    2 and 3 markets read 2, 2.5, 3 (a new-user pass)."""
    values = [p.value for p in points]
    chart = payload(
        "line",
        labels=[p.date.isoformat() for p in points],
        values=values,
        points=[
            point(
                path=place,
                display=p.display,
                url=p.article_url,
                title=p.article_title,
                published=p.date.isoformat(),
                evidence=p.evidence,
                approx=approximate(p),  # drawn lighter
            )
            for p in points
        ],
        unit=unit,
        series=series,
        integer=all(v == v.to_integral_value() for v in values if v is not None),
    )
    chart["joined"] = joined
    return chart
