"""The article list of a search, read in one statement (issue 9: the matching ids are
computed once per request, and never travel to Python).

On PostgreSQL ``read`` puts the index's matches (``search.match_source``) in a CTE
``m`` with the article columns the list needs (copied into ``articles_search``, see
migration 0023), and reads from it, in one statement: the facet groups (region prefix,
topic, kind, year, first publication), the reprints per publication (``Appearance``)
and the ids of the page asked for, in the list's order. On SQLite, where every GROUP BY
is a sort, ``articles.search_cells`` reads the same in one statement without one. The
same counts as ``selectors._counts`` over ``ArticleQuerySet.search``
(tests/test_search_listing.py compares them).

Orders read here: the default (headline hits first, then newest), ``published`` and
``-published``; other orders go through the queryset (``filters.ArticleFilter``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections

from . import search_cells
from .search import match_source, query_runs
from .selectors import FacetCounts, counts_of

#: ``o`` value -> ORDER BY over the matches ``m`` (None: no ``o``, headline hits first).
ORDERS = {
    None: "m.hit DESC, m.published DESC NULLS LAST, m.id DESC",
    "-published": "m.published DESC NULLS LAST, m.id DESC",
    "published": "m.published ASC NULLS LAST, m.id DESC",
}

_KEYS = ("region_id", "topic_id", "kind", "published", "page_id")


@dataclass(frozen=True)
class Listing:
    """One page of a search: ``counts`` the facet counts and total (as
    ``selectors._counts`` gives them); ``page_ids`` the page's article ids in order,
    ``title_ids`` those of them matching in the headline."""

    counts: FacetCounts
    page_ids: list[int]
    title_ids: frozenset[int]


def _matches_cte(source, within: tuple[str, list] | None) -> tuple[str, list]:
    """The CTE of PostgreSQL's matches with their copied columns (``search.PG_KEYS``)."""
    columns = ", ".join(f"source.{k}" for k in _KEYS)
    sql = f"SELECT {source.key} AS id, {columns}, {source.hit} AS hit FROM {source.sql}"
    params = [*source.hit_params, *source.params]
    if within is not None:
        sql += f" WHERE {source.key} IN ({within[0]})"
        params += within[1]
    return sql, params


def statement(
    q: str, *, vendor: str, within, region_digits: int, order, offset: int, limit: int
) -> tuple[str, list]:
    """The SQL and parameters of ``read``: rows ``(part, label, name_zh, name_en, number,
    n, rank)``, ``part`` one of ``PARTS``. Each facet is a GROUP BY over ``m`` on raw
    columns (not one GROUP BY over all of them, whose sort compared five columns per
    row): topic and kind share one pass (``tk``: a few dozen (topic, kind) groups, each
    facet summing them); region and year group by the region id and the date (``rg``,
    ``dg``), then name and sum those few thousand groups, so an adcode prefix or a year
    (the date's text form) is computed per group, not per match. PostgreSQL's GROUPING
    SETS (every facet in one pass) measured slower. The first row's typed NULLs fix the
    columns' types for PostgreSQL's UNION. The closing ORDER BY (a few dozen rows) has
    SQLite compute every part before it returns the first row, so the whole statement
    runs, and is measured, in ``execute``, not in the fetch."""
    matches, params = _matches_cte(match_source(query_runs(q), vendor), within)
    order_sql = ORDERS[order]
    sql = f"""WITH m AS MATERIALIZED ({matches}),
tk AS (SELECT m.topic_id, m.kind, COUNT(*) AS n FROM m GROUP BY m.topic_id, m.kind),
tg AS (SELECT tk.topic_id, CAST(SUM(tk.n) AS BIGINT) AS n FROM tk GROUP BY tk.topic_id),
rg AS (SELECT m.region_id, COUNT(*) AS n FROM m GROUP BY m.region_id),
dg AS (SELECT m.published, COUNT(*) AS n FROM m WHERE m.published IS NOT NULL GROUP BY m.published),
fp AS (SELECT sp.publication_id, COUNT(*) AS n
       FROM m JOIN articles_sourcepage sp ON sp.id = m.page_id
       WHERE sp.publication_id IS NOT NULL GROUP BY sp.publication_id),
rp AS (SELECT sp.publication_id, COUNT(DISTINCT ap.article_id) AS n
       FROM articles_appearance ap JOIN m ON m.id = ap.article_id
       JOIN articles_sourcepage sp ON sp.id = ap.page_id
       LEFT JOIN articles_sourcepage fsp ON fsp.id = m.page_id
       WHERE sp.publication_id IS NOT NULL
         AND (fsp.publication_id IS NULL OR sp.publication_id <> fsp.publication_id)
       GROUP BY sp.publication_id),
pg AS (SELECT m.id, m.hit, m.published FROM m ORDER BY {order_sql} LIMIT %s OFFSET %s)
SELECT 0, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS INTEGER),
       COUNT(*), 0 FROM m
UNION ALL
SELECT 1, SUBSTR(r.adcode, 1, %s), NULL, NULL, NULL, CAST(SUM(rg.n) AS BIGINT), 0
FROM rg JOIN articles_region r ON r.id = rg.region_id GROUP BY 2
UNION ALL
SELECT 2, t.slug, t.name_zh, t.name_en, NULL, tg.n, 0
FROM tg JOIN articles_topic t ON t.id = tg.topic_id
UNION ALL
SELECT 3, tk.kind, NULL, NULL, NULL, CAST(SUM(tk.n) AS BIGINT), 0 FROM tk GROUP BY tk.kind
UNION ALL
SELECT 4, NULL, NULL, NULL, CAST(SUBSTR(CAST(dg.published AS TEXT), 1, 4) AS INTEGER),
       CAST(SUM(dg.n) AS BIGINT), 0
FROM dg GROUP BY 5
UNION ALL
SELECT 5, p.name, NULL, NULL, NULL, fp.n, 0
FROM fp JOIN articles_publication p ON p.id = fp.publication_id
UNION ALL
SELECT 5, p.name, NULL, NULL, NULL, rp.n, 0
FROM rp JOIN articles_publication p ON p.id = rp.publication_id
UNION ALL
SELECT 6, NULL, NULL, NULL, pg.hit, pg.id, ROW_NUMBER() OVER (ORDER BY {order_sql.replace("m.", "pg.")})
FROM pg
ORDER BY 1, 7"""
    return sql, [*params, limit, offset, region_digits]


#: What each ``part`` of the statement's rows holds.
PARTS = {
    0: "total",
    1: "articles per region prefix (label)",
    2: "articles per topic (label: slug; name_zh, name_en)",
    3: "articles per kind (label)",
    4: "articles per year (number)",
    5: "articles per publication, first printings and reprints (label: name)",
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
) -> Listing:
    """The search ``q`` (with at least one run, ``search.query_runs``) as one page of the
    list, in one statement on database ``using``: ``within`` is ``(sql, params)`` of a
    subquery of article ids the other filters keep (None: all articles);
    ``region_digits`` the adcode prefix the region facet groups by; ``order`` a key of
    ``ORDERS``; ``offset``/``limit`` the page's rows."""
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
        )
    sql, params = statement(
        q,
        vendor=connection.vendor,
        within=within,
        region_digits=region_digits,
        order=order,
        offset=offset,
        limit=limit,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total, by = 0, {part: {} for part in (1, 2, 3, 4, 5)}
    page = []
    for part, label, zh, en, number, n, rank in rows:
        if part == 0:
            total = n
        elif part == 6:
            page.append((rank, n, number))
        else:
            key = {2: (label, zh, en), 4: number}.get(part, label)
            by[part][key] = by[part].get(key, 0) + n
    page.sort()
    sources = sorted(by[5].items(), key=lambda pn: (-pn[1], pn[0]))
    return Listing(
        counts=counts_of(total, by[1], by[2], by[3], by[4], sources),
        page_ids=[pk for _, pk, _ in page],
        title_ids=frozenset(pk for _, pk, hit in page if hit),
    )
