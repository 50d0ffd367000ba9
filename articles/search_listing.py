"""The article list of a search, read in one statement (issue 9: the matching ids are
computed once per request, and never travel to Python).

On PostgreSQL ``read`` scans the index's matches (``search.match_source``) twice in one
statement, each scan reading the article columns the list needs from the index's copies
(``articles_search``, migrations 0023, 0033 and 0038): once grouped for the facets
(adcode prefix and cell: topic, kind, year, first publication, reprinting publications), once
for the ids of the page asked for, in the list's order. On SQLite, where every GROUP BY
is a sort, ``articles.search_cells`` reads the same in one statement without one. The
same counts as ``selectors._counts`` over ``ArticleQuerySet.search``
(tests/test_search_listing.py compares them).

Every order of the list is read here (``order_sql``): the default (headline hits
first, then newest) and any list of ``[-]published``, ``[-]title`` (by code point) and
``[-]region`` (adcode), undated and unlocated last, then newest id, as
``filters.ArticleOrderingFilter`` orders the queryset: a title order joins only the
page scan's matches to their titles, a region order reads the index's adcode (SQLite
joins the matches to their adcodes). A queryset order of a term in most articles passed
90,000 ids as an array and ran 1.4-2.5 s at 100,000 articles.

The list's filters on the article's own columns (region subtree, topic, kind, year,
dates, publication: ``IndexKeys``) are conditions on the index's copies of those
columns, so the filter and the index meet in one table; ``within`` carries the other
(reviewed-only). A region filter as ``within`` (article ids) made PostgreSQL test each
filtered article's body vector from TOAST one by one (苍 in Yunnan: 0.3-0.7 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connections

from . import search_cells
from .search import match_source, query_runs, run_on_index
from .selectors import FacetCounts, counts_of

#: ``o`` key -> the column of the page rows ``pg`` it sorts by (``title`` by code point).
ORDER_KEYS = {"published": "published", "title": "title", "region": "adcode"}


def order_keys(order) -> tuple[str, ...] | None:
    """``order`` (None: headline hits first; a ``[-]key`` of ``ORDER_KEYS``, or a
    sequence of them) as a tuple of ``[-]key``; raises ``KeyError`` for another key."""
    if order is None:
        return None
    keys = (order,) if isinstance(order, str) else tuple(order)
    for key in keys:
        ORDER_KEYS[key.lstrip("-")]  # noqa: B018 - raises KeyError for an unknown key
    return keys


def order_sql(order, alias: str, vendor: str = "postgresql") -> str:
    """ORDER BY of ``order`` (``order_keys``) over rows ``alias`` with columns ``id``,
    ``hit``, ``published``, ``title``, ``adcode``: undated and unlocated last either
    way, then newest id, titles by code point (``COLLATE "C"`` on PostgreSQL, SQLite's
    BINARY), as ``filters.ArticleOrderingFilter`` orders the queryset."""
    keys = order_keys(order)
    if keys is None:
        return f"{alias}.hit DESC, {alias}.published DESC NULLS LAST, {alias}.id DESC"
    parts = []
    for key in keys:
        column = f"{alias}.{ORDER_KEYS[key.lstrip('-')]}"
        if column.endswith(".title") and vendor == "postgresql":
            column += ' COLLATE "C"'
        parts.append(f"{column} {'DESC' if key.startswith('-') else 'ASC'} NULLS LAST")
    return ", ".join([*parts, f"{alias}.id DESC"])


def needs(order, key: str) -> bool:
    """Whether ``order`` sorts by ``key`` (``title``/``region``: a join for the page)."""
    keys = order_keys(order) or ()
    return any(k.lstrip("-") == key for k in keys)


@dataclass(frozen=True)
class IndexKeys:
    """The list's filters on the article's own columns, read from the index's copies of
    them (PostgreSQL ``articles_search``, SQLite ``articles_search_cells``): ``region``
    an adcode prefix (``models.adcode_prefix``: the subtree), ``topic_id``, ``kind``,
    ``year``, ``after``/``before`` inclusive dates, ``source`` a part of the name of a
    publication that printed it first or reprinted it; None (or empty) filters nothing.
    The same articles as the queryset's filters (``filters.ArticleFilter``)."""

    region: str | None = None
    topic_id: int | None = None
    kind: str | None = None
    year: int | None = None
    after: date | None = None
    before: date | None = None
    source: str | None = None

    def where(self, alias: str, vendor: str) -> tuple[list[str], list]:
        """``(conditions, params)`` on rows ``alias`` of the index's copy (columns
        ``id``, ``published``, ``topic_id``, ``kind``, ``publication_id``, ``adcode``;
        PostgreSQL ``year``)."""
        sql, params = [], []
        if self.source:
            condition, condition_params = _source(alias, vendor, self.source)
            sql.append(condition)
            params += condition_params
        if self.region is not None:
            low, high = self.region.ljust(6, "0"), self.region.ljust(6, "9")
            sql.append(f"{alias}.adcode BETWEEN %s AND %s")
            if vendor == "postgresql":  # an integer there (migration 0038), text in SQLite
                low, high = int(low), int(high)
            params += [low, high]
        if self.topic_id is not None:
            sql.append(f"{alias}.topic_id = %s")
            params.append(self.topic_id)
        if self.kind:
            sql.append(f"{alias}.kind = %s")
            params.append(self.kind)
        if self.year is not None:
            if vendor == "postgresql":
                sql.append(f"{alias}.year = %s")
                params.append(self.year)
            else:
                sql.append(f"{alias}.published BETWEEN %s AND %s")
                params += [f"{self.year:04d}-01-01", f"{self.year:04d}-12-31"]
        for bound, op in ((self.after, ">="), (self.before, "<=")):
            if bound is not None:
                sql.append(f"{alias}.published {op} %s")
                params.append(bound if vendor == "postgresql" else bound.isoformat())
        return sql, params


@dataclass(frozen=True)
class Listing:
    """One page of a search: ``counts`` the facet counts and total (as
    ``selectors._counts`` gives them); ``page_ids`` the page's article ids in order,
    ``title_ids`` those of them matching in the headline."""

    counts: FacetCounts
    page_ids: list[int]
    title_ids: frozenset[int]


def _printed_in(name: str):
    """``(publications, reprinted)``: querysets of the ids of the publications whose
    name contains ``name`` and of the articles reprinted in one of them, as
    ``ArticleQuerySet.in_publication`` filters (``icontains``, the ORM's SQL)."""
    from .models import Appearance, Publication

    return (
        Publication.objects.filter(name__icontains=name).values("pk"),
        Appearance.objects.filter(page__publication__name__icontains=name).values("article_id"),
    )


def _source(alias: str, vendor: str, name: str) -> tuple[str, list]:
    """The publication filter on rows ``alias`` as ``(sql, params)``: first printed in
    (the index's copy of the page's publication) or reprinted in a publication whose
    name contains ``name``."""
    key = "article_id" if vendor == "postgresql" else "id"
    (publications, p1), (reprinted, p2) = (
        qs.query.get_compiler(using=qs.db).as_sql() for qs in _printed_in(name)
    )
    sql = f"({alias}.publication_id IN ({publications}) OR {alias}.{key} IN ({reprinted}))"
    return sql, [*p1, *p2]


def _matching(within: tuple[str, list] | None, keys: IndexKeys, key: str) -> tuple[str, list]:
    """``(where, params)``: the conditions the filters add on PostgreSQL's index rows
    ``source`` ("TRUE" for none; ``key`` their article id) and their parameters."""
    where, params = keys.where("source", "postgresql")
    if within is not None:
        where.append(f"{key} IN ({within[0]})")
        params += list(within[1])
    return " AND ".join(where) or "TRUE", params


#: The default order (``order_sql`` of None) within the headline matches or the others:
#: the order of the index ``articles_search_newest`` (migration 0041).
_NEWEST = "source.published DESC NULLS LAST, source.article_id DESC"
#: The most headline matches (``offset + limit``) read by walking that index: from the
#: newest, testing each title until that many match. For a common term the walk stops
#: early (低保's first 25: 160 rows, 0.3 ms, not 12,600 matches read and sorted: 15
#: ms); deeper, it tested far more rows than the GIN read returns (低保 at offset 5,000:
#: 79 ms, against 48), and the planner, which prices the test of a row too low, took it
#: anyway.
HEADS_BY_INDEX = 100


def _unindexed(order: str) -> str:
    """``order`` with ``source.published`` as an expression (``+ 0``: the same dates)
    that no index holds, so PostgreSQL reads the matches from the GIN index and sorts
    them. Walking ``articles_search_newest`` instead tests each row's whole document
    (``title || body``, the body read from its TOAST table): 苍 at offset 5,000 took
    489 ms so, 80 ms from the GIN index."""
    return order.replace("source.published", "(source.published + 0)")


def _page(source, where: tuple[str, list], order, n: int) -> tuple[str, list]:
    """``(sql, params)`` of the CTEs whose last, ``pg``, holds the page rows (``LIMIT %s
    OFFSET %s``: the caller's parameters) of the matches in ``order``, the page ending at
    the ``n``-th: id, hit flag, date, and the title or adcode when the order reads it.

    The default order (headline hits first) reads the headline matches alone, newest
    first, up to ``offset+limit`` of them (``heads``: the headline's index, a few
    rows), and the other matches only when those do not fill the page: their scan sits
    under a one-time filter on the count of ``heads``, so PostgreSQL does not start it
    (苍 at 100,000 articles: 132 headline matches, the page 1 ms instead of a 14 ms
    top-N of 42,395 matches). A headline match is a match (every run in the headline)."""
    condition, params = where
    if order is None:
        # the headline matches by the index of the list's order for the first pages only
        heads_order = _NEWEST if n <= HEADS_BY_INDEX else _unindexed(_NEWEST)
        sql = f"""heads AS (SELECT source.article_id AS id, source.published
       FROM articles_search source WHERE {source.head} AND {condition}
       ORDER BY {heads_order} LIMIT %s),
pg AS (SELECT u.* FROM (SELECT id, 1 AS hit, published FROM heads
       UNION ALL (SELECT {source.key}, 0, source.published FROM {source.sql}
                  WHERE {condition} AND NOT ({source.headline})
                    AND (SELECT COUNT(*) FROM heads) < %s
                  ORDER BY {_unindexed(_NEWEST)} LIMIT %s)) u
       ORDER BY {order_sql(None, "u")} LIMIT %s OFFSET %s)"""
        heads = [*source.hit_params, *params, n]
        return sql, [*heads, *source.params, *params, *source.hit_params, n, n]
    columns = [f"{source.key} AS id", f"{source.hit} AS hit", "source.published"]
    if needs(order, "region"):
        columns.append("source.adcode")  # an integer: six digits order as the text does
    if needs(order, "title"):
        # the matches first, then their titles: joined in one scan, the planner merged
        # the article table with the index read in key order (the sequential scans being
        # off), testing the query on every index row (苍 at 100,000 articles: 2.8-15 s)
        sql = (
            f"m AS MATERIALIZED (SELECT {', '.join(columns)} FROM {source.sql} "
            f"WHERE {condition}),\n"
            f"pg AS (SELECT m.*, a.title FROM m JOIN articles_article a ON a.id = m.id "
            f"ORDER BY {order_sql(order, 'm').replace('m.title', 'a.title')} "
            "LIMIT %s OFFSET %s)"
        )
        return sql, [*source.hit_params, *source.params, *params]
    inner = _unindexed(order_sql(order, "source").replace("source.id", source.key))
    sql = (
        f"pg AS (SELECT {', '.join(columns)} FROM {source.sql} "
        f"WHERE {condition} ORDER BY {inner} LIMIT %s OFFSET %s)"
    )
    return sql, [*source.hit_params, *source.params, *params]


def statement(
    q: str,
    *,
    vendor: str,
    within,
    region_digits: int,
    order,
    offset: int,
    limit: int,
    keys: IndexKeys | None = None,
) -> tuple[str, list]:
    """The SQL and parameters of ``read``: rows ``(part, label, name_zh, name_en, number,
    n, rank, kind, source)``, ``part`` one of ``PARTS``.

    Two scans of the index's matches, neither kept: the facets ``g`` group them by two
    integers of each index row (migration 0038): the adcode prefix (``adcode`` over
    10^(6-digits)) and the cell (``articles_search_cell``: topic, kind, year, first
    publication, reprinting publications; 0 for none), a few thousand groups at most,
    summed per facet here and in Python. The page ``pg`` (``_page``) is read apart: for
    the default order from the headline matches when they fill it. At 100,000 articles,
    苍 (42,395 matches) took 45 ms as one materialized CTE read five times (3,000
    region-id groups joined to their adcodes, four columns grouped, the flag tested on
    every match), 26 ms as two scans, 14 ms with the page from the headline matches.
    The first row's typed NULLs fix the columns' types for PostgreSQL's UNION."""
    source = match_source(query_runs(q), vendor)
    condition, params = _matching(within, keys or IndexKeys(), source.key)
    page, page_params = _page(source, (condition, params), order, offset + limit)
    sql = f"""WITH g AS (SELECT source.adcode / %s AS rp, source.cell, COUNT(*) AS n
      FROM {source.sql} WHERE {condition} GROUP BY 1, 2),
gc AS (SELECT c.topic_id, c.kind, c.year, c.publication_id, c.reprints,
              CAST(SUM(g.n) AS BIGINT) AS n
       FROM g JOIN articles_search_cell c ON c.id = g.cell GROUP BY c.id),
{page}
SELECT 1, CAST(g.rp AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT),
       CAST(NULL AS INTEGER), CAST(SUM(g.n) AS BIGINT), CAST(0 AS BIGINT), CAST(NULL AS TEXT),
       CAST(NULL AS TEXT)
FROM g WHERE g.rp IS NOT NULL GROUP BY g.rp
UNION ALL
SELECT 2, t.slug, t.name_zh, t.name_en, NULLIF(gc.year, 0), gc.n, 0, gc.kind, p.name
FROM gc LEFT JOIN articles_topic t ON t.id = gc.topic_id
LEFT JOIN articles_publication p ON p.id = gc.publication_id
UNION ALL
SELECT 5, p.name, NULL, NULL, NULL, r.n, 0, NULL, NULL
FROM (SELECT pub, CAST(SUM(gc.n) AS BIGINT) AS n FROM gc, UNNEST(gc.reprints) AS pub
      GROUP BY pub) r
JOIN articles_publication p ON p.id = r.pub
UNION ALL
SELECT 6, NULL, NULL, NULL, pg.hit, pg.id, ROW_NUMBER() OVER (ORDER BY {order_sql(order, "pg")}),
       NULL, NULL
FROM pg"""
    scale = 10 ** (6 - region_digits)
    return sql, [scale, *source.params, *params, *page_params, limit, offset]


#: What each ``part`` of the statement's rows holds.
PARTS = {
    1: "articles per region prefix (label)",
    2: "articles per cell: topic slug (label; name_zh, name_en; NULL: none), year (number;"
    " NULL: undated), kind, first publication (source: name; NULL: none), count (n)",
    5: "reprints per publication (label: name), articles reprinted there (n)",
    6: "the page: hit flag (number), article id (n), place (rank)",
}


def read(
    q: str,
    *,
    using: str = "default",
    within: tuple[str, list] | None = None,
    region_digits: int = 2,
    order: str | None = None,
    offset: int = 0,
    limit: int = 25,
    keys: IndexKeys | None = None,
) -> Listing:
    """The search ``q`` (with at least one run, ``search.query_runs``) as one page of the
    list, in one statement on database ``using``: ``within`` is ``(sql, params)`` of a
    subquery of article ids the other filters keep (None: all articles), ``keys`` the
    filters read on the index's columns (``IndexKeys``; both apply);
    ``region_digits`` the adcode prefix the region facet groups by; ``order`` None
    (headline hits first) or ``order_keys``'s ``[-]key``s; ``offset``/``limit`` the
    page's rows."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        return search_cells.read(
            connection,
            query_runs(q),
            within=within,
            region_digits=region_digits,
            order=order,
            offset=offset,
            limit=limit,
            keys=keys or IndexKeys(),
        )
    sql, params = statement(
        q,
        vendor=connection.vendor,
        within=within,
        region_digits=region_digits,
        order=order,
        offset=offset,
        limit=limit,
        keys=keys,
    )
    with connection.cursor() as cursor:
        rows = run_on_index(cursor, sql, params)
    total, regions, topics, kinds, years, sources = 0, {}, {}, {}, {}, {}
    page = []
    for part, label, zh, en, number, n, rank, kind, source in rows:
        if part == 2:
            total += n
            if label is not None:
                _add(topics, (label, zh, en), n)
            _add(kinds, kind, n)
            if number is not None:
                _add(years, number, n)
            if source is not None:
                _add(sources, source, n)
        elif part == 1:
            _add(regions, label, n)
        elif part == 5:
            _add(sources, label, n)
        else:
            page.append((rank, n, number))
    page.sort()
    return Listing(
        counts=counts_of(
            total, regions, topics, kinds, years, sorted(sources.items(), key=_most_first)
        ),
        page_ids=[pk for _, pk, _ in page],
        title_ids=frozenset(pk for _, pk, hit in page if hit),
    )


def _add(counts: dict, key, n: int) -> None:
    counts[key] = counts.get(key, 0) + n


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]
