"""The region page as a whole (``/regions/<adcode>/``, issue 10.7), in a fixed number of
queries whatever the data size (issue 9.3): ``region_page`` and what it returns.

What a region page shows, each piece one query:

- the region with its path and its 2020 census population (``population``: the county's
  own figure, or the sum of the county-level divisions below a prefecture or province);
- one block per (indicator, unit) the region itself has values of (``blocks.summaries``:
  a GROUP BY, so a province never loads its metrics), each with a small chart of its
  values over time (``blocks.chart_points``: one value per publication date, the rule
  compare uses, ``models.latest_first``), drawn as a line only where the values may be
  joined (``compare.joinable``), else as dots or a single value;
- one page of the region's own metrics in block order (``metric_list.metric_page``),
  region and article not repeated on every row; the metrics of divisions below it are
  counted under ``children`` and shown on their own pages, never mixed in;
- its children that have articles or metrics, with both counts (articles: a GROUP BY over
  the subtree, found by the adcode range index, ``RegionQuerySet.descendants_of``;
  metrics: the subtree's rows of ``RegionMetricCount``, kept at write time);
- the articles of its subtree (a queryset the view paginates).

The region's own metrics are read in two statements by ``region_metrics.read`` (the same
blocks, points and rows as the three functions named above). The exports are in
``exports``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from ..article_page import CompiledRead
from ..census import unmatched_residents
from ..formatting import active_lang, unit_text
from ..models import (
    Article,
    ArticleQuerySet,
    Population,
    Region,
    RegionLevel,
    RegionMetricCount,
)
from .blocks import IndicatorBlock, draw
from .metric_list import MetricPage

#: Census year of the population shown (the 7th national census, the only year loaded).
POPULATION_YEAR = 2020
#: An adcode no division has (its prefix 98 is no province), replaced by each child's own
#: in the one URL ``children_with_data`` reverses.
_SENTINEL = "987654"


def region_name(region: Region) -> str:
    """The region's name in the active language: ``Region.name_en`` (pinyin and type of
    division, ``articles.names``) in English when it has one, else the gazetteer's name."""
    if active_lang() == "en" and region.name_en:
        return region.name_en
    return region.name


# --------------------------------------------------------------------------- population


class RegionPopulation(NamedTuple):
    """Resident population of a region in census ``year``: ``residents`` persons;
    ``counties`` is 0 for a county's own figure, else how many county-level divisions
    were summed (prefectures and provinces: the census tables loaded are by county)."""

    residents: int
    year: int
    counties: int


#: A county's census rows (``residents``), its id put in when run (``article_page``).
_COUNTY_RESIDENTS = CompiledRead(
    lambda pk: (
        Population.objects.filter(year=POPULATION_YEAR, region_id=pk)
        .order_by()
        .values_list("residents")
    )
)


def population(region: Region) -> RegionPopulation | None:
    """The 2020 census population of ``region`` (one query), None when there is none
    (a division the census table lacks, e.g. 金门县). Source: ``Population``, NBS
    *Tabulation on the 2020 China Population Census by County*.

    A county: its own row. A prefecture or province: the rows of every division in it
    and its own (东莞 and 中山 have no counties: the census gives the city a row), plus
    the census rows that match no division of today's gazetteer but whose 2020 code lies
    in it (``census.unmatched_residents``: 三明's 梅列区), so the total is the
    census's; ``counties`` says how many rows were summed, 0 for a city's own row alone.
    """
    if region.level == RegionLevel.COUNTY:
        # its own row, summed here (no row: no figure), by
        # one statement compiled once: the ORM's aggregate was 0.5 ms of a county page
        residents = sum(n for (n,) in _COUNTY_RESIDENTS.rows(region.pk))
        return RegionPopulation(residents, POPULATION_YEAR, 0) if residents else None
    subtree = Region.objects.descendants_of(region.adcode).values("pk")  # itself included
    rows = Population.objects.filter(year=POPULATION_YEAR, region__in=subtree)
    total = rows.aggregate(
        residents=Sum("residents"), n=Count("pk"), own=Count("pk", filter=Q(region=region.pk))
    )
    extra, extra_rows = unmatched_residents(region.adcode)
    residents = (total["residents"] or 0) + extra
    if not residents:
        return None
    n = total["n"] + extra_rows
    return RegionPopulation(residents, POPULATION_YEAR, 0 if n == total["own"] == 1 else n)


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
    from ..selectors import child_region_counts

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
            day = latest.date.isoformat() if latest and latest.date else ""
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
    def children_metrics(self) -> int:
        """How many shown metrics the divisions below hold (the children's counts summed):
        the page says where they are, since its metric export holds the region's own
        only (a new-user pass expected a province's export to hold its counties')."""
        return sum(c.metrics for c in self.children)

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
    from ..region_metrics import read

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
