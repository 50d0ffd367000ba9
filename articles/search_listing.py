"""The article list of a search, read in one statement (issue 9: the matching ids are
computed once per request, and never travel to Python).

On PostgreSQL ``read`` puts the index's matches (``search.match_source``) in a CTE
``m`` with the article columns the list needs (copied into ``articles_search``, see
migrations 0023 and 0033), and reads from it, in one statement: the facet groups
(region prefix; the cells of topic, kind, year and first publication, summed per facet
here), the reprints per publication (``Appearance``) and the ids of the page asked
for, in the list's order. On SQLite, where every GROUP BY
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
from .search import match_source, query_runs, run_on_index
from .selectors import FacetCounts, counts_of

#: ``o`` value -> ORDER BY over the matches ``m`` (None: no ``o``, headline hits first).
ORDERS = {
    None: "m.hit DESC, m.published DESC NULLS LAST, m.id DESC",
    "-published": "m.published DESC NULLS LAST, m.id DESC",
    "published": "m.published ASC NULLS LAST, m.id DESC",
}

#: Columns of ``articles_search`` the matches ``m`` carry (migrations 0023 and 0033).
_KEYS = ("region_id", "topic_id", "kind", "year", "publication_id", "published")


@dataclass(frozen=True)
class Listing:
    """One page of a search: ``counts`` the facet counts and total (as
    ``selectors._counts`` gives them); ``page_ids`` the page's article ids in order,
    ``title_ids`` those of them matching in the headline."""

    counts: FacetCounts
    page_ids: list[int]
    title_ids: frozenset[int]


def _matches_cte(source, within: tuple[str, list] | None) -> tuple[str, list]:
    """The CTE of PostgreSQL's matches with their copied columns (``_KEYS``)."""
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
    n, rank, kind, source)``, ``part`` one of ``PARTS``. The matches ``m`` are grouped twice: by
    region id (``rg``: a few thousand groups, then named and summed per adcode prefix, so
    the prefix is computed per group, not per match) and by the cell ``(topic, kind,
    year, first publication)`` (``cg``: a few dozen groups, copied into the index by
    migration 0033), which Python sums into the topic, kind, year and publication facets
    and the total. One GROUP BY per facet (five passes over the matches, the
    publication through a join of every match to its page) cost a third more at 42,000
    matches; one GROUP BY over region and cell has about as many groups as matches, and
    PostgreSQL's GROUPING SETS measured slower. The first row's typed NULLs fix the
    columns' types for PostgreSQL's UNION."""
    matches, params = _matches_cte(match_source(query_runs(q), vendor), within)
    order_sql = ORDERS[order]
    sql = f"""WITH m AS MATERIALIZED ({matches}),
rg AS (SELECT m.region_id, COUNT(*) AS n FROM m GROUP BY m.region_id),
cg AS (SELECT m.topic_id, m.kind, m.year, m.publication_id, COUNT(*) AS n
       FROM m GROUP BY m.topic_id, m.kind, m.year, m.publication_id),
rp AS (SELECT sp.publication_id, COUNT(DISTINCT ap.article_id) AS n
       FROM articles_appearance ap JOIN m ON m.id = ap.article_id
       JOIN articles_sourcepage sp ON sp.id = ap.page_id
       WHERE sp.publication_id IS NOT NULL
         AND (m.publication_id IS NULL OR sp.publication_id <> m.publication_id)
       GROUP BY sp.publication_id),
pg AS (SELECT m.id, m.hit, m.published FROM m ORDER BY {order_sql} LIMIT %s OFFSET %s)
SELECT 1, SUBSTR(r.adcode, 1, %s), CAST(NULL AS TEXT), CAST(NULL AS TEXT),
       CAST(NULL AS INTEGER), CAST(SUM(rg.n) AS BIGINT), CAST(0 AS BIGINT), CAST(NULL AS TEXT),
       CAST(NULL AS TEXT)
FROM rg JOIN articles_region r ON r.id = rg.region_id GROUP BY 2
UNION ALL
SELECT 2, t.slug, t.name_zh, t.name_en, cg.year, cg.n, 0, cg.kind, p.name
FROM cg LEFT JOIN articles_topic t ON t.id = cg.topic_id
LEFT JOIN articles_publication p ON p.id = cg.publication_id
UNION ALL
SELECT 5, p.name, NULL, NULL, NULL, rp.n, 0, NULL, NULL
FROM rp JOIN articles_publication p ON p.id = rp.publication_id
UNION ALL
SELECT 6, NULL, NULL, NULL, pg.hit, pg.id, ROW_NUMBER() OVER (ORDER BY {order_sql.replace("m.", "pg.")}),
       NULL, NULL
FROM pg"""
    return sql, [*params, limit, offset, region_digits]


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
