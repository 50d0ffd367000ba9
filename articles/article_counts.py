"""Article counts kept in step at write time (issue 9, points 3 and 6).

The unfiltered article list (facets and total) and the overview grouped all 100,000
articles at every cold read (90–200 ms). Two tables hold what they need instead:

* ``ArticleCount``: articles per cell (province prefix, topic, kind, year of
  ``published``): a few thousand rows at 100,000 articles, summed per facet on read;
* ``PublicationCount``: distinct articles per publication, first printings and reprints
  (what ``ArticleQuerySet.source_counts`` counts).

A write recomputes only what it touched, from the article table, like
``articles.aggregates`` does for the indicator coverage: the cells of the (province
prefix, topic) pairs its articles were in before and after the write (a province's
articles of one topic: a few hundred index entries of ``article_facets``), and the
publications whose printings changed.

* ``touch(...)`` says "these pairs / publications changed": recomputed at once, or at
  the end of the enclosing ``batch()`` (``aggregates.batch()`` opens one too, so an
  ingest of a page and an admin delete recompute once, before their transaction
  commits);
* saving or deleting an ``Article`` or a ``SourcePage`` touches what it was in (read
  from the database, locked, before the write) and what it is in now, through signals
  (``apps.py``): admin edits, deletes and their cascades, ingest updates;
* ``bulk_create`` / raw SQL writers call ``articles_added`` (ingest, ``generate_corpus``)
  or ``rebuild`` (``delete_corpus``; ``manage.py rebuild_aggregates`` as the fallback);
* deleting a topic (its articles' topic set to NULL without signals) or moving a region
  to another province rebuilds the tables: rare edits of reference data.

Cost per write: a touched pair is a few index seeks per region of its province (an
ingested page of 8 articles: about 5 ms on SQLite, 15 ms on PostgreSQL under load, at
100,000 articles); a touched publication is recounted whole, O(its articles): a few ms
for a county paper's few thousand, 10–30 ms for the benchmark's 100,000 in one
publication (a known cost, paid by writes only; per-page counts would avoid it but
cannot count a reprinted article once per publication). The ingest of a new page pays
neither: ``page_added`` moves its articles' cells on by one each (the writer built
those articles, so it knows their cells exactly) and the publication's count by what
the page adds (two subqueries over the page's own rows), the way ``aggregates.added``
moves coverage on: the same few statements at any table size (0.6 ms of CPU a page on
SQLite on a loaded machine), where the recount of its pairs grew with the province's
articles (about 7 ms a page already at 800 articles); edits and deletes still recount.

Why a recompute rather than ``n = n + 1``: an increment is only right if the writer
knows exactly which cell the row left, and a cascade, a raw ``DELETE`` or two
concurrent edits of the same article each make that guess wrong once, for ever. A
recompute counts what is committed plus the writer's own rows, so a touched cell is
exact whatever happened before, and a missed one is repaired by the next write to it.

Concurrency: everything runs inside the writer's transaction. On SQLite every write
transaction is ``BEGIN IMMEDIATE``, so writers are serialised already. On PostgreSQL
the recompute first takes a transaction-scoped advisory lock per pair and per
publication (sorted, one statement), with a shared lock that ``rebuild`` takes
exclusive; a second writer's recompute of the same pair waits for the first to commit
and then counts its rows too (READ COMMITTED: each statement sees what was committed
before it started), so the last recompute of a pair counts every committed article.
The "before" values of an article or page are read ``FOR UPDATE`` inside the writer's
transaction, so two concurrent edits of one article see each other's result.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connections, transaction

from .services.locking import lock_key

CELLS = "articles_articlecount"
PUBLICATIONS = "articles_publicationcount"
#: Taken shared by every recompute and exclusive by ``rebuild``.
_ALL = lock_key("article-count:all")

_YEAR = {
    "postgresql": "CAST(EXTRACT(YEAR FROM a.published) AS integer)",
    "sqlite": "CAST(SUBSTR(a.published, 1, 4) AS integer)",
}
_CELL_SELECT = (
    "SELECT COALESCE(SUBSTR(r.adcode, 1, 2), ''), a.topic_id, a.kind, {year}, COUNT(*) "
    "FROM articles_article a LEFT JOIN articles_region r ON r.id = a.region_id "
    "WHERE {where} GROUP BY 1, 2, 3, 4"
)
_CELL_INSERT = f"INSERT INTO {CELLS} (prefix, topic_id, kind, year, n) "
# distinct articles printed in p: first printings, plus reprints of articles first
# printed elsewhere (or in no publication), each article once
_PUBLICATION_SELECT = (
    "SELECT p.id, "
    "(SELECT COUNT(*) FROM articles_article a JOIN articles_sourcepage s ON s.id = a.page_id "
    "WHERE s.publication_id = p.id) + "
    "(SELECT COUNT(DISTINCT ap.article_id) FROM articles_appearance ap "
    "JOIN articles_sourcepage s ON s.id = ap.page_id "
    "JOIN articles_article a ON a.id = ap.article_id "
    "JOIN articles_sourcepage f ON f.id = a.page_id "
    "WHERE s.publication_id = p.id AND (f.publication_id IS NULL OR f.publication_id <> p.id)) "
    "FROM articles_publication p WHERE {where}"
)
# what a page created in this transaction adds to its publication p: its own articles
# (all new) and the articles it reprints that p had not printed before (first printed
# elsewhere, and on no other page of p)
_PAGE_INCREMENT = (
    f"UPDATE {PUBLICATIONS} SET articles = articles + "
    "(SELECT COUNT(*) FROM articles_article a WHERE a.page_id = %s) + "
    "(SELECT COUNT(DISTINCT ap.article_id) FROM articles_appearance ap "
    "JOIN articles_article a ON a.id = ap.article_id "
    "JOIN articles_sourcepage f ON f.id = a.page_id "
    "WHERE ap.page_id = %s AND (f.publication_id IS NULL OR f.publication_id <> %s) "
    "AND NOT EXISTS (SELECT 1 FROM articles_appearance o "
    "JOIN articles_sourcepage s ON s.id = o.page_id "
    "WHERE o.article_id = ap.article_id AND o.page_id <> %s AND s.publication_id = %s)) "
    "WHERE publication_id = %s"
)
_PUBLICATION_UPSERT = (
    f"INSERT INTO {PUBLICATIONS} (publication_id, articles) {{select}} "
    "ON CONFLICT (publication_id) DO UPDATE SET articles = excluded.articles"
)


@dataclass
class _Pending:
    """What a batch touched: ``cells`` (prefix, topic id) pairs, ``regions`` (region
    id, topic id) pairs and ``pages`` still to resolve, ``publications`` ids, ``new_pages``
    (page id -> publication id: pages created in the transaction, whose publication is
    moved on rather than recounted), ``added`` (full cell (prefix, topic id, kind, year)
    -> how many articles created in the transaction: moved on rather than recounted),
    and whether everything must be rebuilt."""

    new_pages: dict = field(default_factory=dict)
    added: Counter = field(default_factory=Counter)
    cells: set = field(default_factory=set)
    regions: set = field(default_factory=set)
    publications: set = field(default_factory=set)
    pages: set = field(default_factory=set)
    rebuild: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.cells
            or self.regions
            or self.publications
            or self.pages
            or self.new_pages
            or self.added
            or self.rebuild
        )


_state = threading.local()


def _lock(connection, names: list[str], *, exclusive: bool = False) -> None:
    """PostgreSQL: transaction-scoped advisory locks: ``_ALL`` (shared, or exclusive for a
    rebuild), then each name's key in sorted order; one statement. No-op elsewhere."""
    if connection.vendor != "postgresql":
        return
    keys = sorted({lock_key(name) for name in names})
    with connection.cursor() as cursor:
        if exclusive:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ALL])
            return
        cursor.execute(
            "WITH shared AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(%s)) "
            "SELECT count(pg_advisory_xact_lock(k)) FROM shared, unnest(%s::bigint[]) AS t(k)",
            [_ALL, keys],
        )


def _resolve(cursor, pending: _Pending) -> tuple[set, set]:
    """The (prefix, topic) pairs and publication ids of ``pending``, region and page ids
    looked up (one query each, only when there are some)."""
    cells, publications = set(pending.cells), {p for p in pending.publications if p}
    regions = {pk for pk, _topic in pending.regions if pk is not None}
    prefixes = {}
    if regions:
        marks = ", ".join(["%s"] * len(regions))
        cursor.execute(
            f"SELECT id, SUBSTR(adcode, 1, 2) FROM articles_region WHERE id IN ({marks})",
            sorted(regions),
        )
        prefixes = dict(cursor.fetchall())
    for pk, topic in pending.regions:
        cells.add((prefixes.get(pk, "") if pk is not None else "", topic))
    pages = sorted(pk for pk in pending.pages if pk is not None)
    if pages:
        marks = ", ".join(["%s"] * len(pages))
        cursor.execute(
            "SELECT DISTINCT publication_id FROM articles_sourcepage "
            f"WHERE id IN ({marks}) AND publication_id IS NOT NULL",
            pages,
        )
        publications.update(pk for (pk,) in cursor.fetchall())
    return cells, publications


def _cell_conditions(cells: set) -> tuple[str, list, list[tuple[str, list]]]:
    """How to select ``cells`` ((prefix, topic id) pairs): a WHERE clause over the count
    table with its parameters, and one WHERE clause (with parameters) over the articles
    (alias ``a``) per prefix and per "topic or none", to be joined by UNION ALL. One OR
    of them all made PostgreSQL scan every article (76 ms for a page of 8 articles at
    100,000); each part alone is a few index seeks per region of ``article_facets``."""
    by_prefix: dict[str, set] = {}
    for prefix, topic in cells:
        by_prefix.setdefault(prefix or "", set()).add(topic)
    mine, mine_params, parts = [], [], []
    for prefix, topics in sorted(by_prefix.items()):
        ids = sorted(t for t in topics if t is not None)
        if prefix:
            region_sql = "a.region_id IN (SELECT id FROM articles_region WHERE adcode LIKE %s)"
            region_params = [f"{prefix}%"]
        else:
            region_sql, region_params = "a.region_id IS NULL", []
        topic_parts = []
        if ids:
            topic_parts.append((f"topic_id IN ({', '.join(['%s'] * len(ids))})", ids))
        if None in topics:
            topic_parts.append(("topic_id IS NULL", []))
        for topic_sql, topic_params in topic_parts:
            mine.append(f"(prefix = %s AND {topic_sql})")
            mine_params += [prefix, *topic_params]
            parts.append((f"{region_sql} AND a.{topic_sql}", region_params + topic_params))
    return " OR ".join(mine), mine_params, parts


def _add_cells(cursor, added: dict) -> None:
    """Move cells on by articles created in this transaction (``added``: (prefix, topic
    id, kind, year) -> how many), under the locks of their pairs: the stored cells of
    those pairs read in one statement, then one ``executemany`` of increments and one of
    new cells. Exact as long as the table was (every writer keeps it so), like
    ``aggregates.added``; a pair recomputed in the same batch is not moved on as well."""
    mine, params, _parts = _cell_conditions({cell[:2] for cell in added})
    cursor.execute(f"SELECT id, prefix, topic_id, kind, year FROM {CELLS} WHERE {mine}", params)
    stored = {}
    for pk, *cell in sorted(cursor.fetchall()):
        stored.setdefault(tuple(cell), pk)  # the oldest row of a cell, were there two
    cells = sorted(added, key=lambda c: (c[0], c[1] or 0, c[2], c[3] or 0))
    moved = [(added[c], stored[c]) for c in cells if c in stored]
    new = [(*c, added[c]) for c in cells if c not in stored]
    if moved:
        cursor.executemany(f"UPDATE {CELLS} SET n = n + %s WHERE id = %s", moved)
    if new:
        cursor.executemany(_CELL_INSERT + "VALUES (%s, %s, %s, %s, %s)", new)


def refresh(pending: _Pending, using: str = "default") -> None:
    """Recompute what ``pending`` touched (see the module docstring); rebuild everything
    when it asks to. At most seven statements on PostgreSQL (resolve regions and pages,
    lock, delete and insert cells, upsert publications), fewer on SQLite. Must run
    inside the transaction that made the change (it opens one if there is none)."""
    if pending.rebuild:
        rebuild(connections[using])
        return
    connection = connections[using]
    # no savepoint: a failure here fails the writer's transaction anyway (and on SQLite
    # a savepoint makes the search index flush its pending rows early)
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        cells, publications = _resolve(cursor, pending)
        # a new page's publication is moved on by it, unless it is recounted anyway;
        # so are the cells of its articles
        moved = {page: pk for page, pk in pending.new_pages.items() if pk not in publications}
        added = {cell: n for cell, n in pending.added.items() if cell[:2] not in cells}
        if not cells and not publications and not moved and not added:
            return
        _lock(
            connection,
            [f"article-count:{p}:{t}" for p, t in cells | {cell[:2] for cell in added}]
            + [f"publication-count:{pk}" for pk in publications | set(moved.values())],
        )
        for page, pk in sorted(moved.items()):
            cursor.execute(_PAGE_INCREMENT, [page, page, pk, page, pk, pk])
            if cursor.rowcount == 0:  # no count kept yet: count it whole
                publications.add(pk)
        if added:
            _add_cells(cursor, added)
        if cells:
            mine, mine_params, parts = _cell_conditions(cells)
            cursor.execute(f"DELETE FROM {CELLS} WHERE {mine}", mine_params)
            year = _YEAR[connection.vendor]
            select = " UNION ALL ".join(_CELL_SELECT.format(year=year, where=w) for w, _p in parts)
            cursor.execute(_CELL_INSERT + select, [p for _w, params in parts for p in params])
        if publications:
            ids = sorted(publications)
            where = f"p.id IN ({', '.join(['%s'] * len(ids))})"
            select = _PUBLICATION_SELECT.format(where=where)
            cursor.execute(_PUBLICATION_UPSERT.format(select=select), ids)


def rebuild(connection=None) -> None:
    """Recompute both tables from every article (whole-table aggregates: about a second
    at 100,000 articles). ``connection`` defaults to ``default`` (a migration passes its
    schema editor's)."""
    connection = connection or connections["default"]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        _lock(connection, [], exclusive=True)
        cursor.execute(f"DELETE FROM {CELLS}")
        select = _CELL_SELECT.format(year=_YEAR[connection.vendor], where="1 = 1")
        cursor.execute(_CELL_INSERT + select)
        cursor.execute(f"DELETE FROM {PUBLICATIONS}")
        select = _PUBLICATION_SELECT.format(where="1 = 1")
        cursor.execute(_PUBLICATION_UPSERT.format(select=select))


@contextmanager
def batch():
    """Collect what is ``touch``ed inside the block and recompute it once at its end
    (still inside the caller's transaction). Nested blocks join the outermost."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = _Pending()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    if pending:
        refresh(pending)


def touch(
    *,
    cells: Iterable[tuple] = (),
    regions: Iterable[tuple] = (),
    publications: Iterable[int | None] = (),
    pages: Iterable[int | None] = (),
    everything: bool = False,
) -> None:
    """Mark what changed: ``cells`` (province prefix or '', topic id or None) pairs,
    ``regions`` (region id or None, topic id or None) pairs, ``publications`` and the
    publications of ``pages`` (ids), or ``everything``. Recomputed at the end of the
    enclosing ``batch()``, or at once outside one."""
    pending = getattr(_state, "pending", None)
    now = pending is None
    if now:
        pending = _Pending()
    pending.cells.update(cells)
    pending.regions.update(regions)
    pending.publications.update(publications)
    pending.pages.update(pages)
    pending.rebuild = pending.rebuild or everything
    if now and pending:
        refresh(pending)


def cell_of(article) -> tuple[str, int | None, str, int | None]:
    """The cell (prefix, topic id, kind, year) an unsaved or just inserted ``Article`` is
    counted in, from its own attributes (its ``region`` loaded): what ``_CELL_SELECT``
    groups it under."""
    region = article.region if article.region_id is not None else None
    prefix = (region.adcode or "")[:2] if region is not None else ""
    year = article.published.year if article.published else None
    return (prefix, article.topic_id, str(article.kind), year)


def page_added(
    page_id: int,
    publication_id: int | None,
    cells: Iterable[tuple[str, int | None, str, int | None]],
) -> None:
    """For the ingest of a page created in this transaction (``bulk_create``, no
    signals): ``cells`` are its new articles' cells (``cell_of``, one per article). The
    cells are moved on by them, and the publication's count by what the page adds (its
    articles and the reprints the publication had not printed), instead of recounted:
    recounting a pair is O(the province's articles of the topic) a page, and a
    publication O(its articles), so 1,000 pages of one publication cost O(n^2). Exact
    for a new page only (everything on it is new); a page edited or deleted later
    recounts through the signals and ``touch``. A publication with no kept row yet is
    counted whole."""
    pending = getattr(_state, "pending", None)
    now = pending is None
    if now:
        pending = _Pending()
    pending.added.update(cells)
    if publication_id is not None:
        pending.new_pages[page_id] = publication_id
    if now and pending:
        refresh(pending)


def articles_added(rows: Iterable[tuple[int | None, int | None]], pages: Iterable[int]) -> None:
    """For writers that insert articles or appearances without signals (``bulk_create``,
    raw SQL): ``rows`` are the new articles' (region id, topic id), ``pages`` the pages
    they or their appearances are printed on."""
    touch(regions=rows, pages=pages)


# --------------------------------------------------------------------------- reads

_MARGINS = (
    f"SELECT 'region', c.prefix, '', '', SUM(c.n) FROM {CELLS} c GROUP BY c.prefix "
    # summed per topic id first, then named: a third of the time of grouping joined rows
    "UNION ALL SELECT 'topic', t.slug, t.name_zh, t.name_en, s.n FROM "
    f"(SELECT topic_id, SUM(n) AS n FROM {CELLS} GROUP BY topic_id) s "
    "LEFT JOIN articles_topic t ON t.id = s.topic_id "
    f"UNION ALL SELECT 'kind', c.kind, '', '', SUM(c.n) FROM {CELLS} c GROUP BY c.kind "
    f"UNION ALL SELECT 'year', CAST(c.year AS varchar(4)), '', '', SUM(c.n) FROM {CELLS} c "
    "GROUP BY c.year "
    f"UNION ALL SELECT 'source', p.name, '', '', pc.articles FROM {PUBLICATIONS} pc "
    "JOIN articles_publication p ON p.id = pc.publication_id WHERE pc.articles > 0"
)


def margins(using: str = "default") -> list[tuple[str, str | None, str, str, int]]:
    """Every article counted once per facet, from the kept tables (one statement over a
    few thousand rows): ``[(facet, key, name_zh, name_en, n)]`` where ``facet`` is
    ``region`` (key: province prefix, '' for no region), ``topic`` (key: slug and the two
    names, None for no topic), ``kind``, ``year`` (key: the year as text, None when
    undated) or ``source`` (key: publication name; distinct articles it printed, reprints
    included). Rows with a zero count are left out; the order is the database's."""
    with connections[using].cursor() as cursor:
        cursor.execute(_MARGINS)
        return [(facet, key, zh, en, int(n)) for facet, key, zh, en, n in cursor.fetchall() if n]


def connect(get_model) -> None:
    """Connect the receivers that keep the counts in step with ORM writes
    (``article_count_signals``; ``ArticlesConfig.ready``)."""
    from . import article_count_signals

    article_count_signals.connect(get_model)
