"""Page-level reads: what the overview page, the compare pickers and the list's facets show
(compare's rows: ``articles/compare_reads.py`` and ``compare_winner_reads.py``, still
importable from here).

HackSoft's ``selectors.py`` pattern over the QuerySet methods of ``articles/models/``:
each selector takes keyword-only arguments and returns typed rows (frozen dataclasses or
NamedTuples, never free dicts), documented with their fields and units. Rules live once:
"which value of a region counts" is ``models.latest_first``; "shown" / "observed" metrics
are ``MetricQuerySet.shown`` / ``observed``. Chart payloads come from ``articles/charts.py``
and every reader-facing number from ``articles/formatting.py``.

Whole-table aggregates (overview counts, indicator coverage, facet counts) go through
``articles.cache.cached`` under the data version, so every worker sees a write at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlencode

from django.db import connections, router
from django.db.models import (
    CharField,
    Count,
    IntegerField,
)
from django.db.models.functions import Cast, Substr
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from . import article_counts, charts
from .cache import cached, derived
from .compare_result import PATH_SEPARATOR
from .formatting import active_lang
from .list_rows import ListRow, latest_rows
from .models import (
    ArticleQuerySet,
    Metric,
    Region,
    RegionLevel,
    Topic,
)
from .names import PSEUDO_PREFECTURE, reader_sort_key


def region_path(region: Region | None) -> str:
    """'四川省 › 广元市 › 旺苍县' (needs the parents joined to stay query-free)."""
    return PATH_SEPARATOR.join(r.name for r in region.path()) if region else ""


# --------------------------------------------------------------------------- pickers


class CoverageRow(NamedTuple):
    """An indicator with data: ``slug``, ``name`` (active language), ``unit``, how many
    ``regions`` have a value and how many ``metrics`` (observed: not rejected, no target),
    ``label`` for the picker ('实名注册志愿者（人）· 12个地区') and its ``compare_url``."""

    slug: str
    name: str
    unit: str
    regions: int
    metrics: int
    label: str
    compare_url: str


def indicator_coverage(*, fresh: bool = False) -> list[CoverageRow]:
    """Indicators with observed metrics, most regions first, then by name in the active
    language (the slug's order looked random to readers; one read of the
    ``IndicatorCoverage`` rows kept in step at write time, ``articles.aggregates``).
    ``fresh``: read the rows themselves (one query) instead of through the cache (two
    reads when warm; when cold, five more statements to store the result, a write
    transaction among them), for a page that uses no other cached aggregate."""
    # one read of a few dozen rows; still cached, so a warm page runs no query for it
    read = Metric.objects.indicator_coverage
    rows = read() if fresh else cached("indicator-coverage", read)
    url = reverse("articles:compare")
    language = get_language()
    inputs = (language, url, tuple(tuple(row.values()) for row in rows))
    # the same rows in the same language give the same list: built once per process
    return list(derived(f"indicator-coverage:{language}", inputs, lambda: _coverage(rows, url)))


def _coverage(rows: list[dict], url: str) -> list[CoverageRow]:
    """``indicator_coverage``'s rows from ``Metric.objects.indicator_coverage``'s dicts,
    in the active language, sorted."""
    english = active_lang() == "en"  # ``Indicator.name`` without a model instance per row
    result = []
    labels: dict[int, str] = {}  # the label's pattern for each count, translated once
    for row in rows:
        name = row["name_en"] if english else row["name_zh"]
        n = row["regions"]
        if n not in labels:
            labels[n] = ngettext(
                "%(name)s（%(unit)s）· %(count)s个地区", "%(name)s（%(unit)s）· %(count)s个地区", n
            )
        label = labels[n] % {"name": name, "unit": row["unit"], "count": n}
        result.append(
            CoverageRow(
                row["slug"],
                name,
                row["unit"],
                row["regions"],
                row["metrics"],
                label,
                f"{url}?indicator={row['slug']}",
            )
        )
    lang = active_lang()  # most regions first, then by name in the reader's order
    result.sort(key=lambda r: (-r.regions, reader_sort_key(r.name, lang)))
    return result


#: Every topic's slug and names in the catalogue's order (``Topic.Meta.ordering``).
_TOPICS = "SELECT slug, name_zh, name_en FROM articles_topic ORDER BY slug"


def topic_rows() -> tuple[tuple[str, str, str], ...]:
    """``(slug, name_zh, name_en)`` of every topic, by slug (``Topic.Meta.ordering``): the
    compare form's topic picker (``compare_filter.topic_choices``). One query, written
    once: the ORM's ``values_list`` of it, compiled anew on every compare page, cost
    0.23 ms against 0.06."""
    with connections[router.db_for_read(Topic)].cursor() as cursor:
        cursor.execute(_TOPICS)
        return tuple(cursor.fetchall())


#: The provinces and prefectures (``within_choices``), by adcode.
_WITHIN = (
    "SELECT adcode, name, name_en, level FROM articles_region "
    "WHERE level IN (%s, %s) ORDER BY adcode"
)


def within_choices() -> list[tuple]:
    """Grouped choices of provinces and prefectures for the compare ``within`` picker,
    named and sorted in the active language (English: ``Region.name_en``, by name;
    Chinese: by adcode, the order readers know).

    One query. ``[("", "全国"), ("四川省", [("510000", "四川省（全省）"), ("510800",
    "广元市"), ...]), ...]``; a province-level region's whole is named as its kind says:
    省 全省, a municipality (市) 全市, an autonomous or special administrative region
    (区) 全区 (English: '(all)' for each). Built once per process for the regions read and
    the language (``cache.derived``): the list is shared, do not change it.
    """
    # the ORM's ``values_list`` of this read, written once (compiled anew and a tuple
    # made through Django's iterator for each of 370 rows on every compare page)
    with connections[router.db_for_read(Region)].cursor() as cursor:
        cursor.execute(_WITHIN, [RegionLevel.PROVINCE.value, RegionLevel.PREFECTURE.value])
        rows = tuple(cursor.fetchall())
    language = get_language()
    # the same regions in the same language give the same choices: built once per process
    return derived(f"within-choices:{language}", (language, rows), lambda: _within(rows))


def _within(rows: tuple[tuple, ...]) -> list[tuple]:
    """``within_choices`` from the regions' ``(adcode, name, name_en, level)`` rows in
    adcode order, in the active language. A province's directly administered counties
    (``PSEUDO_PREFECTURE``) are named with the province, as GB/T 2260 writes them
    (河南省直辖县级行政区划, 新疆维吾尔自治区直辖县级行政区划): five options of one name, and
    a closed picker shows the option alone (a new-user pass)."""
    english = active_lang() == "en"
    # translated once, not per province
    wholes = {"省": _("%(name)s（全省）"), "市": _("%(name)s（全市）"), "区": _("%(name)s（全区）")}
    provinces: dict[str, tuple[str, list]] = {}
    for adcode, name, name_en, level in rows:
        shown = (name_en or name) if english else name
        if level == RegionLevel.PROVINCE:
            whole = wholes.get(name[-1:], wholes["省"])
            provinces[adcode[:2]] = (shown, [(adcode, whole % {"name": shown})])
        elif adcode[:2] in provinces:
            if name == PSEUDO_PREFECTURE:  # five of them: named by their province
                province = provinces[adcode[:2]][0]
                shown = f"{shown} ({province})" if english else f"{province}直辖县级行政区划"
            provinces[adcode[:2]][1].append((adcode, shown))
    groups = list(provinces.values())
    if english:
        groups.sort(key=lambda g: g[0].casefold())
        for _name, options in groups:
            options[1:] = sorted(options[1:], key=lambda o: o[1].casefold())
    return [("", _("全国")), *groups]


# --------------------------------------------------------------------------- overview


class CountRow(NamedTuple):
    """A bar of the overview: ``key`` (province adcode or topic slug, '' for none),
    ``name`` (active language; '未定位' / '未分类' for none), ``count`` articles, ``url``."""

    key: str
    name: str
    count: int
    url: str = ""


@dataclass
class Overview:
    """The overview page: ``total`` articles, counts ``by_province`` and ``by_topic``
    (largest first), the ``latest`` articles, indicator ``coverage``, two chart payloads."""

    total: int
    by_province: list[CountRow]
    by_topic: list[CountRow]
    latest: list[ListRow]
    coverage: list[CoverageRow]
    province_chart: dict
    topic_chart: dict


def overview(*, latest: int = 10) -> Overview:
    """Everything the overview page shows: articles per province and per topic (one read
    of the counts kept at write time, ``article_counts.margins``), the province names
    (English ones in English), the ``latest`` articles (region and topic joined) and
    ``indicator_coverage``. Articles without a region count under '未定位', without a
    topic under '未分类'."""
    english = active_lang() == "en"
    names = {
        adcode: (name_en or name) if english else name
        for adcode, name, name_en in Region.objects.filter(level=RegionLevel.PROVINCE).values_list(
            "adcode", "name", "name_en"
        )
    }
    provinces: dict[str | None, int] = {}
    topics: dict[tuple, int] = {}
    for facet, key, zh, en, n in article_counts.margins():
        if facet == "region":
            provinces[key or None] = provinces.get(key or None, 0) + n
        elif facet == "topic":
            topics[(key, zh, en)] = topics.get((key, zh, en), 0) + n
    by_province = []
    for prefix, n in provinces.items():
        adcode = f"{prefix}0000" if prefix else ""
        url = reverse("articles:region", args=[adcode]) if adcode else ""
        by_province.append(CountRow(adcode, names.get(adcode, adcode) or _("未定位"), n, url))
    by_province.sort(key=lambda r: (-r.count, r.key or "999999"))
    ordered = sorted(topics.items(), key=lambda kv: (-kv[1], kv[0][0] is None, kv[0][0] or ""))
    # a topic's row links to the list of its articles, as a province's to its page
    listing = reverse("articles:list")
    by_topic = [
        CountRow(
            slug or "",
            Topic(name_zh=zh, name_en=en).name if slug else _("未分类"),
            n,
            f"{listing}?{urlencode({'topic': slug})}" if slug else "",
        )
        for (slug, zh, en), n in ordered
    ]
    return Overview(
        total=sum(r.count for r in by_province),
        by_province=by_province,
        by_topic=by_topic,
        latest=latest_rows(latest),
        coverage=indicator_coverage(fresh=True),  # nothing else on the page is cached
        province_chart=charts.count_chart(by_province, _("文章数（按省份）")),
        topic_chart=charts.count_chart(by_topic, _("文章数（按主题）")),
    )


# --------------------------------------------------------------------------- regions

# The region page lives in ``articles/regions/``; this sum is shared with the list's
# region facet (``filters.region_children``).


def child_region_counts(
    region: Region | None, counts: dict[str, int], regions: list[Region]
) -> list[tuple[Region, int]]:
    """Sum ``counts`` (``{adcode: articles}``) into the ``regions`` one level below
    ``region`` (provinces when ``region`` is None): ``[(child, count)]``, largest first,
    children without articles left out. Matching is by adcode prefix, so a county's
    articles count towards its prefecture and province."""
    from .models import adcode_prefix

    # {prefix length: {prefix: child}}, longest first: a dict look-up per length and
    # adcode instead of a startswith per child (200 adcodes x 21 children a province)
    by_length: dict[int, dict[str, Region]] = {}
    for r in regions:
        prefix = adcode_prefix(r.adcode)
        by_length.setdefault(len(prefix), {}).setdefault(prefix, r)
    lengths = sorted(by_length.items(), reverse=True)
    totals: dict[int, int] = {}
    by_pk = {r.pk: r for r in regions}
    for adcode, n in counts.items():
        for length, children in lengths:
            child = children.get(adcode[:length])
            if child is not None:
                totals[child.pk] = totals.get(child.pk, 0) + n
                break
    result = [(by_pk[pk], n) for pk, n in totals.items()]
    result.sort(key=lambda rn: (-rn[1], rn[0].adcode))
    return result


# --------------------------------------------------------------------------- facets


class FacetCount(NamedTuple):
    """One value of a facet: ``value`` (slug, kind, year or publication), the labels in
    both languages (equal for data that has one), ``n`` articles."""

    value: str | int
    label_zh: str
    label_en: str
    n: int


@dataclass(frozen=True)
class FacetCounts:
    """Facet counts of a filtered article list: ``total`` articles, ``region``
    ``{adcode prefix: articles}`` (prefixes as long as the facet's regions need, see
    ``facet_counts``) and ``topic``, ``kind``, ``year`` (newest first), ``source`` rows
    (most first)."""

    total: int
    region: dict[str, int]
    topic: list[FacetCount]
    kind: list[FacetCount]
    year: list[FacetCount]
    source: list[FacetCount]


def _year_expr():
    """The year of ``published`` as native SQL on both databases (the ``year`` lookup
    calls a Python function per row on SQLite: 170 ms of a 250 ms page at 100,000)."""
    return Cast(Substr(Cast("published", CharField()), 1, 4), IntegerField())


def _add(counts: dict, key, n: int) -> None:
    if key is not None:
        counts[key] = counts.get(key, 0) + n


def grouped_counts(articles: ArticleQuerySet, region_digits: int):
    """The facets' GROUP BY of ``articles``: rows ``(area, topic slug, topic name_zh,
    topic name_en, kind, year, publication name, n)``, ``area`` the first
    ``region_digits`` digits of the adcode, ``publication`` that of the first printing."""
    return (
        articles.order_by()
        .annotate(area=Substr("region__adcode", 1, region_digits), y=_year_expr())
        .values_list(
            "area",
            "topic__slug",
            "topic__name_zh",
            "topic__name_en",
            "kind",
            "y",
            "page__publication__name",
        )
        # COUNT(*), not COUNT(id): every column it reads is in the index article_facets,
        # so PostgreSQL counts from the index alone (id is not in it: a heap read a row)
        .annotate(n=Count("*"))
    )


def _counts(articles: ArticleQuerySet, region_digits: int) -> FacetCounts:
    """Two statements: one GROUP BY over (region prefix, topic, kind, year, publication of
    the first printing), ``grouped_counts``, summed here into the five facets and the
    total, and the reprints per publication (``ArticleQuerySet.reprints``). One pass over
    the filtered rows instead of one per facet, and no separate COUNT. The sources were a
    second pass (``source_counts``: first printings UNION ALL reprints), reading every
    filtered article again (PostgreSQL, a province and a topic at 100,000 articles: 1,123
    rows, 12 ms)."""
    return sum_counts(grouped_counts(articles, region_digits), articles.reprints())


def sum_counts(grouped, reprints) -> FacetCounts:
    """``FacetCounts`` from the rows of ``grouped_counts`` and of
    ``ArticleQuerySet.reprints`` (``(publication name, n)``), each an iterable of
    tuples."""
    total, region, topics, kinds, years, printed = 0, {}, {}, {}, {}, {}
    for area, slug, zh, en, kind, year, publication, n in grouped:
        total += n
        _add(region, area, n)
        _add(topics, (slug, zh, en) if slug is not None else None, n)
        _add(kinds, kind, n)
        _add(years, year, n)
        _add(printed, publication, n)
    # per publication that printed the article, first printing or reprint (the order of
    # ``source_counts``: most first, then by name)
    for publication, n in reprints:
        _add(printed, publication, n)
    sources = sorted(printed.items(), key=lambda kv: (-kv[1], kv[0]))
    return counts_of(total, region, topics, kinds, years, sources)


def counts_of(
    total: int,
    region: dict[str, int],
    topics: dict[tuple[str, str, str], int],
    kinds: dict[str, int],
    years: dict[int, int],
    sources: list[tuple[str, int]],
) -> FacetCounts:
    """``FacetCounts`` in the facets' orders from the articles per area, per topic
    ``(slug, name_zh, name_en)``, kind and year, and ``sources`` ``[(publication, n)]``
    (already most first). Shared by ``_counts`` and the search list
    (``search_listing``), so both order alike."""
    return FacetCounts(
        total=total,
        region=region,
        topic=[
            FacetCount(*key, n)
            for key, n in sorted(topics.items(), key=lambda kv: (-kv[1], kv[0][0]))
        ],
        kind=[
            FacetCount(k, k, k, n) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        year=[FacetCount(y, str(y), str(y), n) for y, n in sorted(years.items(), reverse=True)],
        source=[FacetCount(name, name, name, n) for name, n in sources],
    )


def unfiltered_counts() -> FacetCounts:
    """``_counts(Article.objects.all(), 2)`` read from the counts kept at write time
    (``articles.article_counts.margins``): one statement over a few thousand rows
    instead of grouping every article, always as fresh as the last committed write, so
    not cached."""
    total, region, topics, kinds, years, sources = 0, {}, {}, {}, {}, {}
    for facet, key, zh, en, n in article_counts.margins():
        if facet == "region":
            total += n
            _add(region, key or None, n)
        elif facet == "topic":
            _add(topics, (key, zh, en) if key is not None else None, n)
        elif facet == "kind":
            _add(kinds, key, n)
        elif facet == "year":
            _add(years, int(key) if key is not None else None, n)
        else:
            sources[key] = n
    ordered = sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))
    return counts_of(total, region, topics, kinds, years, ordered)


def facet_counts(
    *,
    articles: ArticleQuerySet | None,
    filters: dict,
    region_digits: int = 6,
    reads: Callable[[int], FacetCounts] | None = None,
) -> FacetCounts:
    """Facet counts of ``articles`` (two statements, ``_counts``), cached per filter under
    the data version. ``filters`` is the filter form's cleaned data: the cache key is built
    from it (model instances by primary key, the sort left out since it changes no count).
    ``region`` is keyed by the first ``region_digits`` digits of each article's adcode:
    the longest prefix (``models.adcode_prefix``) of the regions the facet lists (2 for
    provinces), so rows group by facet entry, not by county.

    No filter at all (the sort aside) and provinces: ``unfiltered_counts``, one read of
    the counts kept at write time, not cached. ``reads(region_digits)``, when given,
    counts instead of ``_counts`` of ``articles`` (which may then be None): the same
    statements compiled once per filter shape (``list_reads.facet_counts``)."""

    def plain(value):
        return getattr(value, "pk", value)

    chosen = sorted((k, str(plain(v))) for k, v in filters.items() if k != "o" and v)
    if not chosen and region_digits == 2:
        return unfiltered_counts()
    source = repr(chosen)
    key = f"facets:{region_digits}:" + hashlib.sha256(source.encode("utf-8")).hexdigest()[:32]
    if reads is not None:
        return cached(key, lambda: reads(region_digits))
    return cached(key, lambda: _counts(articles, region_digits))


def __getattr__(name: str):
    """Compare's names moved to ``articles/compare_reads.py`` and
    ``articles/compare_result.py``; ``selectors.compare_rows`` and ``from .selectors import
    Per`` keep working through this (PEP 562). AttributeError for any other name."""
    from . import compare_reads, compare_result

    for module in (compare_reads, compare_result):
        if not name.startswith("__") and hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
