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
3. ``details``: the page's metrics with their articles' titles and dates and their
   evidence (as ``metric_page`` read them), together with the metrics of the points
   charted on this page, whose article titles and sentences the charts' tooltips show.
   Points of blocks not charted on this page carry no title or evidence (nothing shows
   them).

Both statements are compiled once per thread and database (``article_page.CompiledRead``;
``CompiledIn`` for the list of ids) and read into tuples and ``DetailRow``, not model
instances: compiling and building ``Metric``/``Article`` instances were 2.6 of the 5.4 ms
CPU this took for a county at 100,000 articles (PostgreSQL).

The blocks, points and rows are the same as the three functions give (``tests/
test_region_metrics.py`` compares them); a region without shown metrics of its own (a
province) costs the first statement only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django.db import router
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from .article_page import CompiledRead
from .compare_winners import part_sentences
from .formatting import active_lang
from .models import REVIEWED_STATUSES, IndicatorKind, Metric, PartRole, Region
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
    "part_role",
    "part_group",
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
    _PART_ROLE,
    _PART_GROUP,
) = range(len(NARROW))

#: What the metric table's rows (``templatetags.rows.metric_rows``) and the charts'
#: tooltips read of a metric and its article (``DetailRow``), in tuple order: the
#: ORM's ``Metric`` and ``Article`` instances of these columns cost 2 ms of a county page
#: (100 rows converted, set and wrapped, and the statement compiled anew each request).
DETAIL_FIELDS = (
    "pk",
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
    "evidence_text",
    "sentence_text",
    "head",
)
#: Characters of the body an untitled article's ``display_title`` needs (30, and one to
#: tell whether there are more).
_HEAD = 31


class CompiledIn(CompiledRead):
    """A ``CompiledRead`` whose varying parameter is a list: compiled once with
    ``[_MARKER]`` (``IN (%s)``), run with that placeholder repeated once per value.
    ``rows(values)`` needs at least one value (``IN ()`` is no SQL)."""

    def _pieces(self, alias: str) -> tuple:
        compiled = self._compiled(alias)
        cache = self._local.__dict__.setdefault("pieces", {})
        if alias not in cache:
            sql, params = compiled[0], compiled[1]
            pieces = sql.split("%s")
            if len(pieces) != len(params) + 1:  # a literal "%s" would shift the slots
                raise ValueError("cannot place the list's parameters in " + sql)
            cache[alias] = pieces
        return compiled, cache[alias]

    def rows(self, values) -> list[tuple]:
        """The rows for the values ``values`` (a non-empty iterable)."""
        values = list(values)
        alias = router.db_for_read(self.model)
        (_sql, params, slot, convert), pieces = self._pieces(alias)
        marks = ["%s"] * len(params)
        marks[slot] = ", ".join(["%s"] * len(values))
        sql = pieces[0] + "".join(m + p for m, p in zip(marks, pieces[1:], strict=True))
        params = [*params[:slot], *values, *params[slot + 1 :]]
        return self._run(alias, sql, params, convert)


@dataclass(slots=True)
class DetailArticle:
    """What a metric row shows of its article: ``title``, ``published`` and ``head``
    (the body's first ``_HEAD`` characters, for ``display_title``)."""

    title: str
    published: date | None
    head: str

    @property
    def display_title(self) -> str:
        """``Article.display_title``: the headline, else the body's first 30 characters
        (and … when it is longer)."""
        if self.title:
            return self.title
        head = self.head or ""
        return (head[:30] + "…") if len(head) > 30 else head


@dataclass(slots=True)
class DetailRow:
    """A metric of a region page's metric list or of a charted point, with the
    ``Metric`` attribute names ``rows.metric_rows``, ``regions.snippet`` and the charts
    read; ``snippet`` and ``article_url`` are set by ``read``."""

    pk: int
    article_id: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    bound: str | None
    approx: bool
    target: bool
    evidence_start: int
    evidence_end: int
    sentence_start: int
    sentence_end: int
    article: DetailArticle
    evidence_text: str | None
    sentence_text: str | None
    snippet: object = None
    article_url: str = ""


def _detail_query(marker):
    return (
        Metric.objects.filter(pk__in=[marker])
        .with_evidence()
        .annotate(head=Substr("article__body", 1, _HEAD))
        .order_by()
        .values_list(*DETAIL_FIELDS)
    )


_DETAILS = CompiledIn(_detail_query)


def details(ids) -> dict[int, DetailRow]:
    """``{metric id: DetailRow}`` of the metrics ``ids`` (non-empty), one query."""
    found = {}
    for row in _DETAILS.rows(ids):
        *metric, title, published, evidence, sentence, head = row
        found[row[0]] = DetailRow(
            *metric, DetailArticle(title, published, head), evidence, sentence
        )
    return found


#: The metric list's order (``regions.metric_page``): blocks, newest article first. The
#: article's date is read from its copy on the metric (``Metric.published``, kept in step
#: by every writer, as compare's ranking does), so no article is joined: 570 primary-key
#: look-ups fewer for a county at 100,000 articles.
LIST_ORDER = ("-published", "-article_id", "position", "pk")
#: A point's date: its article's (``Metric.published``).
_DAY = _PUBLISHED


#: ``narrow_rows``' statement, compiled once per ``verified`` and language (the blocks
#: are ordered by the names the reader sees; the region's id varies).
_NARROW = {
    (verified, lang): CompiledRead(
        lambda marker, verified=verified, lang=lang: (
            _own(Region(pk=marker), verified)
            .order_by(*_block_order(lang), *LIST_ORDER)
            .values_list(*NARROW)
        )
    )
    for verified in (False, True)
    for lang in ("zh", "en")
}


def narrow_rows(region: Region, verified: bool = False) -> list[tuple]:
    """The shown metrics whose own region is ``region`` (``verified``: reviewed only),
    as tuples of ``NARROW`` in the metric list's order (block order, then
    ``LIST_ORDER``). One query."""
    return _NARROW[bool(verified), active_lang()].rows(region.pk)


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


def _part_key(row: tuple) -> tuple:
    """The group of parts a row belongs to: its indicator, article and ``part_group``
    (the region is the page's)."""
    return row[_INDICATOR], row[_ARTICLE], row[_PART_GROUP]


def _blocks(
    rows: list[tuple],
) -> tuple[list[IndicatorBlock], dict[int, list], dict[tuple, list], dict[int, tuple]]:
    """Blocks in row order with their counts, per block (by index) its points' winning
    rows, oldest date first, the groups of parts ``{_part_key: [sum, count,
    approximate count]}`` and per block its best observed row of an undated article
    (by the same rank). A point is an observed (not a target) metric of a catalogue
    indicator in a dated article, one per (indicator, unit, article date); a winner that
    is one of two or more parts stands for their sum, as on the compare page
    (``Metric.objects.latest_per_region``: the same groups, observed metrics only)."""
    english = active_lang() == "en"
    kinds = {kind: str(label) for kind, label in IndicatorKind.choices}
    blocks: list[IndicatorBlock] = []
    winners: dict[int, dict] = {}
    undated: dict[int, tuple] = {}  # per block: its best observed row of no date
    parts: dict[tuple, list] = {}
    part = PartRole.PART
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
        if mapped and not row[_TARGET] and row[_PART_ROLE] == part:
            group = parts.setdefault(_part_key(row), [0, 0, 0])
            group[0] += row[_VALUE]
            group[1] += 1
            group[2] += bool(row[_APPROX])
        if mapped and day is not None and not row[_TARGET]:
            held = best.get(day)
            if held is None or _rank(row) > _rank(held):
                best[day] = row
        elif mapped and not row[_TARGET]:
            held = undated.get(len(blocks) - 1)
            if held is None or _rank(row) > _rank(held):
                undated[len(blocks) - 1] = row
    points = {i: [b[d] for d in sorted(b)] for i, b in winners.items()}
    return blocks, points, parts, undated


def _point_value(row: tuple, parts: dict[tuple, list]) -> tuple:
    """``(value, bound, approx, value_max, parts)`` a winning row charts: its own, or for
    one of two or more parts their sum (a lower bound when a part is approximate, as
    ``compare_build`` makes it) and how many they are."""
    if row[_PART_ROLE] == PartRole.PART:
        total, count, approx = parts.get(_part_key(row), (0, 0, 0))
        if count >= 2:
            return total, "lower" if approx else "", False, None, count
    return row[_VALUE], row[_BOUND], row[_APPROX], row[_VALUE_MAX], 0


def _series_point(
    row: tuple, parts: dict, url: str, lang: str, title: str, m, evidence: str | None = None
) -> SeriesPoint:
    """The ``SeriesPoint`` of a winning narrow ``row`` (its date, None for an undated
    one; its value or its parts' sum, ``_point_value``), with its article's ``title`` and
    ``evidence``: when None, the sentence of its detail row ``m`` ('' when ``m`` is None,
    not read)."""
    value, bound, approx, value_max, summed = _point_value(row, parts)
    if evidence is None:
        evidence = (m.sentence_text or "") if m else ""
    return SeriesPoint(
        row[_DAY],
        value,
        url.format(row[_ARTICLE]),
        title,
        evidence,
        row[_PERIOD] or "",
        row[_UNIT],
        bound,
        approx,
        value_max,
        lang,
        summed,
    )


def read(
    region: Region, number: int, verified: bool = False
) -> tuple[list[IndicatorBlock], MetricPage]:
    """The region's blocks (counts, ``points``, and ``rows`` of page ``number``, clamped
    to the pages there are) and where the page is: what ``regions.summaries``,
    ``chart_points`` and ``metric_page`` give, in two queries (one without metrics; a
    third when a chart drawn on this page has a point that is a sum of parts, whose
    evidence is the sentence of each part: ``compare_winners.part_sentences``). Points
    of blocks with rows on this page carry their article's title and sentence; the
    others' ``article_title`` and ``evidence`` are '' and are made when first read
    (``IndicatorBlock.defer_points``: a county's page reads the latest of each, a tenth of
    its 550 points)."""
    from .selectors import article_title, article_url_template

    per_page = metric_list.METRICS_PER_PAGE  # read when called (tests shorten the page)
    rows = narrow_rows(region, verified)
    blocks, winners, parts, undated = _blocks(rows)
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
    found = details({*page_ids, *point_ids}) if page_ids else {}
    # a charted sum of parts cites the sentence of each part in its tooltip, as compare
    # does (one more query when this page draws one; a single value has no chart)
    sums = [
        row[_PK]
        for i in charted
        if len(winners[i]) >= 2
        for row in winners[i]
        if _point_value(row, parts)[4]  # the number of parts it sums, 0 for none
    ]
    sentences = part_sentences(sums, verified=verified) if sums else {}
    url = article_url_template()
    lang = active_lang()
    drawn = set(charted)
    for i, block in enumerate(blocks):
        if i in drawn:
            points = []
            for row in winners[i]:
                m = found.get(row[_PK])
                title = article_title(m.article.title) if m else ""
                evidence = sentences.get(row[_PK])
                points.append(_series_point(row, parts, url, lang, title, m, evidence))
            block.points = points
        else:
            # no title or evidence (nothing shows them), made when read: the page reads
            # the latest only (the index), an export every one (``mode``)
            block.defer_points(
                winners[i],
                partial(_series_point, parts=parts, url=url, lang=lang, title="", m=None),
            )
        if not winners[i] and i in undated:  # compare's value when nothing is dated
            block.undated = _series_point(undated[i], parts, url, lang, "", None)
    start = 0
    for block in blocks:  # the page's rows, each in its block, list order
        end = start + block.count
        for pk in page_ids[max(0, start - offset) : max(0, end - offset)]:
            metric = found[pk]
            metric.snippet = snippet(metric)
            metric.article_url = url.format(metric.article_id)
            block.rows.append(metric)
        start = end
    end = min(total, offset + per_page)
    return blocks, MetricPage(number, pages, total, offset + 1 if total else 0, end)
