"""A search page on SQLite: counts, facets and the page's ids in one statement over the
FTS5 matches and ``articles_search_cells`` (migration 0025), with no GROUP BY per facet.

At 100,000 articles a one-character search matches 42,000 of them. A sort of the
matches per facet (SQLite's GROUP BY; PostgreSQL hashes its two groupings,
``search_listing.statement``) cost about 1,800 instructions a match each; here each match is read once for the
counts: its cell row sought by article id, its region's adcode prefix, topic, kind, year
and publication packed into one integer (``CODE``, from the integers the cells keep:
migration 0040) appended to one ``group_concat`` string, which NumPy parses; NumPy
then takes each facet's part from the bits of every code and counts each part's values
(``_decode``, ``_counts``: ``bincount``, 42,000 matches in 0.3 ms; ``numpy.unique`` of
the codes, a sort, took 2.1 ms, ``collections.Counter`` over the texts
``prefix|topic_id|kind|year|publication_id`` 6-10 ms, and making a text of each code
and splitting it again in Python 2 ms more). A part that does not fit its bits (a topic id of 4,095 or
more, a year outside 1900-2153, an unknown kind) reads as its sentinel; then the texts
are counted instead (``coded=False``: one more statement, never with real data).

The page: under the default order (headline hits first) the headline matches are
sorted alone (``ORDER BY ... LIMIT offset+limit``: a bounded sort); all the matches are
sorted only when the headline matches do not fill the page, then with the same limit:
the first ``offset+limit`` matches hold at most all ``h`` headline matches, so at least
the ``offset+limit-h`` others the page needs. Other orders
(``search_listing.order_sql``) sort all the matches with a limit of ``offset+limit``,
joined to their articles for a title order. The filters on the article's own columns
(``search_listing.IndexKeys``) are conditions on the cells (``q=县&kind=news`` as an
``IN`` of 100,000 filtered ids ran 2-3 s at 100,000 articles).

``rebuild_cells`` refills the table from the articles (``manage.py
rebuild_aggregates``); triggers keep it in step with every write (migration 0025).
"""

from __future__ import annotations

from collections import Counter

import numpy
from django.db import transaction

from . import search_listing
from .search import _fts5_query
from .selectors import counts_of

#: The adcode prefix of an article without a region (adcodes are digits).
NO_REGION = "-"
#: The kinds numbered from 1 in the cells' ``code`` (migration 0040; 0: any other kind).
KINDS = ("news", "feature", "photo")
#: A match's facets as one integer of 63 bits: its adcode prefix + 1 (20 bits, 0 without
#: a region; the parameter is 10 ** (6 - prefix length)) above the 43 bits of the
#: cells' stored ``code`` (migration 0040), high to low: topic id + 1 (12 bits, 0
#: without), kind (4, ``KINDS``), year - 1899 (8, 0 undated), publication id + 1 (19, 0
#: without). A part too large for its bits is its sentinel (all ones; ``_decode``).
CODE = "COALESCE(c.adcode_number / %s + 1, 0) * 8796093022208 + c.code"
#: The texts ``CODE`` stands for (``coded=False``): prefix, then the cell column.
TEXT = f"COALESCE(SUBSTR(c.adcode, 1, %s), '{NO_REGION}') || '|' || c.cell"
#: The headline matches' order (and all matches' under the default order, headline hits
#: merged in Python): newest first, undated last (SQLite sorts NULL last descending).
NEWEST = "c.published DESC, c.id DESC"


def _order(order) -> str:
    """ORDER BY over the cells ``c`` (and articles ``a``) of ``o`` keys ``order``."""
    if order is None:
        return NEWEST
    return search_listing.order_sql(order, "c", "sqlite").replace("c.title", "a.title")


def _matches(
    match: str, within, keys: search_listing.IndexKeys, *, title: bool = False
) -> tuple[str, list]:
    """FROM/WHERE of the matches of FTS5 expression ``match`` joined to their cells
    (``title``: and to their articles, alias ``a``), within ``keys`` and ``within``."""
    article = " CROSS JOIN articles_article a" if title else ""
    sql = (
        "FROM (SELECT rowid AS id FROM articles_search WHERE articles_search MATCH %s) s "
        f"CROSS JOIN articles_search_cells c{article} WHERE c.id = s.id"
    )
    params = [match]
    if title:
        sql += " AND a.id = c.id"
    where, where_params = keys.where("c", "sqlite")
    for condition in where:
        sql += f" AND {condition}"
    params += where_params
    if within is not None:
        # ``+``: not a constraint offered to FTS5, which would evaluate the MATCH once per
        # id of ``within`` (a search with a filter keeping 100,000 articles ran minutes)
        sql += f" AND +s.id IN ({within[0]})"
        params += list(within[1])
    return sql, params


def _match_ids(match: str, within, keys: search_listing.IndexKeys) -> tuple[str, list]:
    """SELECT of the ids matching FTS5 expression ``match`` within ``keys`` and
    ``within`` (for an ``IN``: without ``keys`` membership needs no cell, so the matches
    are not joined to them)."""
    if keys.where("c", "sqlite")[0]:
        sql, params = _matches(match, within, keys)
        return f"SELECT s.id {sql}", params
    sql = "SELECT rowid FROM articles_search WHERE articles_search MATCH %s"
    params = [match]
    if within is not None:
        sql += f" AND +rowid IN ({within[0]})"  # ``+``: as in ``_matches``
        params += list(within[1])
    return sql, params


def statement(
    wanted: list[str],
    *,
    within,
    region_digits: int,
    order,
    offset: int,
    limit: int,
    keys: search_listing.IndexKeys | None = None,
    coded: bool = True,
) -> tuple[str, list]:
    """SQL and parameters of ``read``: rows ``(part, a, b, c, d)``:

    - 0: total, ``group_concat`` of each match's ``CODE`` (without ``coded``: of its
      adcode prefix (``NO_REGION``: none) and cell text, joined by ``|``);
    - 1: a topic: id, slug, name_zh, name_en; 2: a publication: id, name;
    - 3: reprints: publication name, distinct articles reprinted there (not first there);
    - 4: the headline matches in order (default order only): id, place;
    - 5: the matches in order: id, place, headline hit (1/0).
    """
    expr = _fts5_query(wanted)
    title = f"title : ({expr})"
    keys = keys or search_listing.IndexKeys()
    every, every_params = _matches(expr, within, keys)
    ids, ids_params = _match_ids(expr, within, keys)
    heads, heads_params = _matches(title, within, keys)
    ordered, ordered_params = _matches(
        expr, within, keys, title=search_listing.needs(order, "title")
    )
    n = offset + limit
    order_sql = _order(order)
    page_columns = "c.id, c.published, c.adcode" + (
        ", a.title" if search_listing.needs(order, "title") else ""
    )
    if order is None:
        # the headline matches fill the first n places: the other matches are not read
        page_limit = (
            f"CASE WHEN (SELECT COUNT(*) FROM (SELECT 1 {heads} LIMIT %s)) >= %s THEN 0 ELSE %s END"
        )
        page_params = [*heads_params, n, n, n]
    else:
        page_limit, page_params = "%s", [n]
    sql = f"""SELECT 0, COUNT(*), GROUP_CONCAT({CODE if coded else TEXT}), NULL, NULL
{every}
UNION ALL SELECT 1, t.id, t.slug, t.name_zh, t.name_en FROM articles_topic t
UNION ALL SELECT 2, p.id, p.name, NULL, NULL FROM articles_publication p
UNION ALL SELECT 3, NULL, p.name, COUNT(DISTINCT ap.article_id), NULL
FROM articles_appearance ap
CROSS JOIN articles_sourcepage sp CROSS JOIN articles_publication p
CROSS JOIN articles_search_cells c
WHERE sp.id = ap.page_id AND p.id = sp.publication_id AND c.id = ap.article_id
  AND (c.publication_id IS NULL OR sp.publication_id <> c.publication_id)
  AND +ap.article_id IN ({ids})
GROUP BY p.id
UNION ALL SELECT 4, h.id, ROW_NUMBER() OVER (ORDER BY {NEWEST.replace("c.", "h.")}), NULL, NULL
FROM (SELECT c.id, c.published {heads} ORDER BY {NEWEST} LIMIT %s) h
UNION ALL SELECT 5, m.id, ROW_NUMBER() OVER (ORDER BY {order_sql.replace("c.", "m.").replace("a.", "m.")}),
       EXISTS (SELECT 1 FROM articles_search
               WHERE articles_search.rowid = m.id AND articles_search MATCH %s), NULL
FROM (SELECT {page_columns} {ordered} ORDER BY {order_sql} LIMIT {page_limit}) m"""
    params = [
        10 ** (6 - region_digits) if coded else region_digits,
        *every_params,
        *ids_params,
        *heads_params,
        n if order is None else 0,
        title,
        *ordered_params,
        *page_params,
    ]
    return sql, params


def read(connection, wanted: list[str], *, within, region_digits, order, offset, limit, keys):
    """``search_listing.Listing`` of the runs ``wanted`` (non-empty) on SQLite
    ``connection``: one statement (``statement``), its group_concat string counted
    here (two when a code does not hold a match's facets: ``CODE``). Arguments as
    ``search_listing.read``."""
    arguments = {
        "within": within,
        "region_digits": region_digits,
        "order": order,
        "offset": offset,
        "limit": limit,
        "keys": keys,
    }
    rows = _rows(connection, *statement(wanted, **arguments))
    concatenated = next(b for part, _a, b, _c, _d in rows if part == 0)
    facets = _decode(_parse_codes(concatenated))
    if facets is None:  # a part beyond its bits: count the texts
        rows = _rows(connection, *statement(wanted, **arguments, coded=False))
        concatenated = next(b for part, _a, b, _c, _d in rows if part == 0)
        facets = _from_texts(Counter(concatenated.split(",")) if concatenated else {})
    total = 0
    topics, publications, reprints, heads, every = {}, {}, [], [], []
    for part, a, b, c, d in rows:
        if part == 0:
            total = a
        elif part == 1:
            topics[a] = (b, c, d)
        elif part == 2:
            publications[a] = b
        elif part == 3:
            reprints.append((b, c))
        elif part == 4:
            heads.append((b, a))
        else:
            every.append((b, a, c))
    by_region, by_topic_id, by_kind, by_year, by_publication_id = facets
    by_region.pop(NO_REGION, None)
    by_topic = {topics[pk]: count for pk, count in by_topic_id.items()}
    by_source = {}
    for name, count in (
        *((publications[pk], n) for pk, n in by_publication_id.items()),
        *reprints,
    ):
        by_source[name] = by_source.get(name, 0) + count
    sources = sorted(by_source.items(), key=lambda pn: (-pn[1], pn[0]))
    page, hits = _page(sorted(heads), sorted(every), order, offset + limit)
    page = page[offset : offset + limit]
    return search_listing.Listing(
        counts=counts_of(total, by_region, by_topic, by_kind, by_year, sources),
        page_ids=page,
        title_ids=frozenset(pk for pk in page if pk in hits),
    )


def _rows(connection, sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _parse_codes(concatenated: str | None) -> numpy.ndarray:
    """The ``CODE`` integers of a ``group_concat`` of them (None: no match), one per
    match (an int64 array; NumPy's ``fromstring`` parses the digits)."""
    if not concatenated:
        return numpy.zeros(0, numpy.int64)
    return numpy.fromstring(concatenated, dtype=numpy.int64, sep=",")


#: A ``Facets`` tuple: matches by adcode prefix (text; ``NO_REGION`` without a region),
#: by topic id, by kind (text), by year (int; undated left out) and by publication id
#: (without one left out).
Facets = tuple[dict[str, int], dict[int, int], dict[str, int], dict[int, int], dict[int, int]]

#: The largest part ``_counts`` counts by ``bincount`` (an array of that many counts);
#: above it (an adcode prefix of 6 digits, a publication id in the hundreds of
#: thousands) by ``unique``, which sorts.
_BINCOUNT_LIMIT = 1 << 16


def _counts(part: numpy.ndarray) -> dict[int, int]:
    """``{value: how many matches have it}`` of one part of every match's code, by
    value. ``bincount`` where the values are small (every part but a fine adcode
    prefix): 42,000 matches' five parts in 0.3 ms, where ``unique`` over their codes
    (a sort) took 2.1."""
    if not len(part):
        return {}
    if int(part.max()) < _BINCOUNT_LIMIT:
        counted = numpy.bincount(part)
        present = numpy.flatnonzero(counted)
        return dict(zip(present.tolist(), counted[present].tolist(), strict=True))
    distinct, counted = numpy.unique(part, return_counts=True)
    return dict(zip(distinct.tolist(), counted.tolist(), strict=True))


def _decode(codes: numpy.ndarray) -> Facets | None:
    """The facets (``Facets``) of the matches' ``codes`` (``_parse_codes``), each part
    taken from its bits and counted by NumPy (``_counts``); None when a code holds a
    sentinel (a part did not fit its bits)."""
    publication, year = codes & 0x7FFFF, codes >> 19 & 0xFF
    kind, topic, prefix = codes >> 27 & 0xF, codes >> 31 & 0xFFF, codes >> 43
    if (
        (publication == 0x7FFFF).any()
        or (year == 0xFF).any()
        or (topic == 0xFFF).any()
        or (kind == 0).any()
    ):
        return None
    # GB/T 2260 adcodes begin with 1-8: a prefix's integer has all its digits
    by_region = {str(p - 1) if p else NO_REGION: n for p, n in _counts(prefix).items()}
    by_kind = {KINDS[k - 1]: n for k, n in _counts(kind).items()}
    # 0: without a topic, undated, without a publication (left out of those facets)
    parts = (_counts(part) for part in (topic, year, publication))
    by_topic, by_year, by_publication = ({k: n for k, n in p.items() if k} for p in parts)
    return (
        by_region,
        {k - 1: n for k, n in by_topic.items()},
        by_kind,
        {k + 1899: n for k, n in by_year.items()},
        {k - 1: n for k, n in by_publication.items()},
    )


def _from_texts(cells: dict[str, int]) -> Facets:
    """The facets (``Facets``) of ``{"prefix|topic_id|kind|year|publication_id":
    matches}``, the texts ``statement(coded=False)`` concatenates."""
    by_region, by_topic, by_kind, by_year, by_publication = {}, {}, {}, {}, {}
    for text, count in cells.items():
        prefix, topic, kind, year, publication = text.split("|")
        by_region[prefix] = by_region.get(prefix, 0) + count
        by_kind[kind] = by_kind.get(kind, 0) + count
        for facet, key in ((by_topic, topic), (by_year, year), (by_publication, publication)):
            if key:
                facet[int(key)] = facet.get(int(key), 0) + count
    return by_region, by_topic, by_kind, by_year, by_publication


def _page(heads, every, order, n) -> tuple[list[int], set[int]]:
    """The first ``n`` ids in the list's order, and which of them are headline hits,
    from the sorted ``heads`` ``[(place, id)]`` and ``every`` ``[(place, id, hit)]``."""
    if order is not None:
        return [pk for _, pk, _ in every], {pk for _, pk, hit in every if hit}
    first = [pk for _, pk in heads]
    if len(first) >= n:  # the headline matches fill the page
        return first, set(first)
    seen = set(first)  # every headline match (fewer than n)
    return first + [pk for _, pk, _ in every if pk not in seen], seen


REBUILD = (
    "INSERT INTO articles_search_cells "
    "(id, published, adcode, topic_id, kind, publication_id) "
    "SELECT a.id, a.published, r.adcode, a.topic_id, a.kind, sp.publication_id "
    "FROM articles_article a LEFT JOIN articles_region r ON r.id = a.region_id "
    "LEFT JOIN articles_sourcepage sp ON sp.id = a.page_id ORDER BY a.id"
)


def rebuild_cells(using: str = "default") -> None:
    """Refill ``articles_search_cells`` from the articles (SQLite; nothing elsewhere)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search_cells")
        cursor.execute(REBUILD)
