"""A region page's own metrics read in two statements (issue 9.3): its blocks, their
chart points and one page of its metric rows.

``regions.summaries``, ``regions.chart_points`` and ``regions.metric_page`` each read the
region's metrics again (a GROUP BY, a window over the rows joined to their articles with
every sentence cut from its body, and the page's rows): three statements whose
compiling, converting and joining were most of a county page (570 metrics at 100,000
articles: 50 ms CPU on SQLite of a 105 ms page). Here:

1. ``narrow_rows``: the region's shown metrics as narrow tuples (no text but the
   indicator's names; no article joined: its date is the metric's copy), in the metric
   list's order, which is block order;
2. in Python, one pass: each block's count (``summaries``' GROUP BY), each block's points
   (one per date, the metric ``models.latest_first`` ranks first, ``chart_points``'
   window) and the ids of the requested page (``metric_page``'s ``LIMIT``/``OFFSET``);
3. ``detail``: the page's metrics with their articles and evidence (as ``metric_page``
   read them), together with the metrics of the points charted on this page, whose
   article titles and sentences the charts' tooltips show. Points of blocks not charted
   on this page carry no title or evidence (nothing shows them).

The blocks, points and rows are the same as the three functions give (``tests/
test_region_metrics.py`` compares them); a region without shown metrics of its own (a
province) costs the first statement only.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from .formatting import active_lang
from .models import REVIEWED_STATUSES, IndicatorKind, Metric, Region
from .regions import metric_list
from .regions.blocks import IndicatorBlock, SeriesPoint, _block_order, _own
from .regions.metric_list import MetricPage, snippet

#: Columns of ``narrow_rows``, in tuple order.
NARROW = (
    "pk",
    "indicator_id",
    "indicator__slug",
    "indicator__name_zh",
    "indicator__name_en",
    "indicator__kind",
    "unit",
    "target",
    "status",
    "article_id",
    "published",
    "value",
    "value_max",
    "bound",
    "approx",
    "period",
)
(
    _PK,
    _INDICATOR,
    _SLUG,
    _NAME_ZH,
    _NAME_EN,
    _KIND,
    _UNIT,
    _TARGET,
    _STATUS,
    _ARTICLE,
    _PUBLISHED,
    _VALUE,
    _VALUE_MAX,
    _BOUND,
    _APPROX,
    _PERIOD,
) = range(len(NARROW))

#: What the metric table's rows (``templatetags.rows.metric_rows``) and the charts'
#: tooltips read of a metric and its article: every other column (the indicator's
#: phrases and description, the article's body and raw fields) was a model field to
#: convert and set on 100 rows. ``tests/test_query_counts.py`` fails if a row reads more.
DETAIL_FIELDS = (
    "article_id",
    "value",
    "value_max",
    "unit",
    "bound",
    "approx",
    "target",
    "evidence_start",
    "evidence_end",
    "sentence_start",
    "sentence_end",
    "article__title",
    "article__published",
)

#: The metric list's order (``regions.metric_page``): blocks, newest article first. The
#: article's date is read from its copy on the metric (``Metric.published``, kept in step
#: by every writer, as compare's ranking does), so no article is joined: 570 primary-key
#: look-ups fewer for a county at 100,000 articles.
LIST_ORDER = ("-published", "-article_id", "position", "pk")
#: A point's date: its article's (``Metric.published``).
_DAY = _PUBLISHED


def narrow_rows(region: Region, verified: bool = False) -> list[tuple]:
    """The shown metrics whose own region is ``region`` (``verified``: reviewed only),
    as tuples of ``NARROW`` in the metric list's order (block order, then
    ``LIST_ORDER``). One query."""
    return list(_own(region, verified).order_by(*_block_order(), *LIST_ORDER).values_list(*NARROW))


def _rank(row: tuple) -> tuple:
    """``models.latest_first`` as a key, larger first: newest ``Metric.published``
    (undated last), highest article id, reviewed first, largest value, highest id."""
    published = row[_PUBLISHED]
    return (
        published is not None,
        published or date.min,
        row[_ARTICLE],
        row[_STATUS] in REVIEWED_STATUSES,
        row[_VALUE],
        row[_PK],
    )


def _blocks(rows: list[tuple]) -> tuple[list[IndicatorBlock], dict[int, list]]:
    """Blocks in row order with their counts, and per block (by index) its points'
    winning rows, oldest date first. A point is an observed (not a target) metric of a
    catalogue indicator in a dated article, one per (indicator, unit, article date)."""
    english = active_lang() == "en"
    kinds = {kind: str(label) for kind, label in IndicatorKind.choices}
    blocks: list[IndicatorBlock] = []
    winners: dict[int, dict] = {}
    key = None
    for row in rows:
        mapped = row[_INDICATOR] is not None
        row_key = (row[_SLUG], row[_UNIT] if mapped else "")
        if row_key != key:
            key = row_key
            if mapped:
                name = (row[_NAME_EN] if english else "") or row[_NAME_ZH]
            else:
                name = _("未归类")
            kind = row[_KIND] or ""
            blocks.append(
                IndicatorBlock(
                    slug=row[_SLUG],
                    name=name,
                    unit=key[1],
                    kind=kind,
                    kind_label=kinds.get(kind, ""),
                    count=0,
                    element_id=f"indicator-{len(blocks) + 1}",
                )
            )
            best: dict = {}
            winners[len(blocks) - 1] = best
        blocks[-1].count += 1
        day = row[_DAY]
        if mapped and day is not None and not row[_TARGET]:
            held = best.get(day)
            if held is None or _rank(row) > _rank(held):
                best[day] = row
    return blocks, {i: [b[d] for d in sorted(b)] for i, b in winners.items()}


def read(
    region: Region, number: int, verified: bool = False
) -> tuple[list[IndicatorBlock], MetricPage]:
    """The region's blocks (counts, ``points``, and ``rows`` of page ``number``, clamped
    to the pages there are) and where the page is: what ``regions.summaries``,
    ``chart_points`` and ``metric_page`` give, in two queries (one without metrics).
    Points of blocks with rows on this page carry their article's title and sentence;
    the others' ``article_title`` and ``evidence`` are ''."""
    from .selectors import article_title, article_url_template

    per_page = metric_list.METRICS_PER_PAGE  # read when called (tests shorten the page)
    rows = narrow_rows(region, verified)
    blocks, winners = _blocks(rows)
    total = len(rows)
    pages = max(1, -(-total // per_page))
    number = max(1, min(number, pages))
    offset = (number - 1) * per_page
    page_ids = [row[_PK] for row in rows[offset : offset + per_page]]
    seen = 0
    charted = []  # blocks with rows on this page: their charts are drawn
    for i, block in enumerate(blocks):  # the page each block starts on, for the index
        block.page = seen // per_page + 1
        if seen < offset + per_page and seen + block.count > offset:
            charted.append(i)
        seen += block.count
    point_ids = [row[_PK] for i in charted for row in winners[i]]
    details = {}
    if page_ids:
        metrics = (
            Metric.objects.filter(pk__in={*page_ids, *point_ids})
            .select_related("article")
            .only(*DETAIL_FIELDS)
            .with_evidence()
            .order_by()
        )
        details = {m.pk: m for m in metrics}
    url = article_url_template()
    lang = active_lang()
    for i, block in enumerate(blocks):
        points = []
        for row in winners[i]:
            m = details.get(row[_PK])
            points.append(
                SeriesPoint(
                    row[_DAY],
                    row[_VALUE],
                    url.format(row[_ARTICLE]),
                    article_title(m.article.title) if m else "",
                    (m.sentence_text or "") if m else "",
                    row[_PERIOD] or "",
                    row[_UNIT],
                    row[_BOUND],
                    row[_APPROX],
                    row[_VALUE_MAX],
                    lang,
                )
            )
        block.points = points
    start = 0
    for block in blocks:  # the page's rows, each in its block, list order
        end = start + block.count
        for pk in page_ids[max(0, start - offset) : max(0, end - offset)]:
            metric = details[pk]
            metric.snippet = snippet(metric)
            metric.article_url = url.format(metric.article_id)
            block.rows.append(metric)
        start = end
    end = min(total, offset + per_page)
    return blocks, MetricPage(number, pages, total, offset + 1 if total else 0, end)
