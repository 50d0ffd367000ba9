"""Compare's winners kept at write time (issue 9.3): ``CompareWinner``, one row per
(indicator, region) with an observed metric, holding what compare shows by default.

"Which value of a region counts" is ``models.latest_first``; this module ranks a pair's
observed metrics by it (``ranked_winners``, also what a filtered compare view ranks at
read time, ``compare_reads``) and stores the winner with what compare derives from the
pair's other values (``ranked_region``). So the default compare view reads ~3,000
narrow rows instead of ranking every metric of the indicator (300,000 at 1,000,000).

Every writer keeps the table in step inside its own transaction, per pair:

* saving or deleting a ``Metric`` (admin edits, corrections, a deleted article's
  cascade, ``sync_metrics``'s deletes) touches the pair it has and the one it was loaded
  with (``aggregates.metric_changed``);
* an ingest's new metrics (``aggregates.added``), ``sync_metrics``'s new ones, review
  decisions (``review.decide_all``) and an article's new date (``Article.save``: its
  metrics' ``published`` moves) touch their pairs;
* ``touch(pairs)`` recomputes at once, or at the end of the enclosing ``batch()``
  (``aggregates.batch()`` opens one: an ingest page recomputes its pairs once);
* ``rebuild()`` recomputes every pair (``generate_corpus``, ``delete_corpus``,
  ``manage.py rebuild_aggregates``, migration 0025).

Names of regions and publications are not copied: the read joins them, so renaming a
region or a publication needs no recompute. The winning article's publication is kept as
``publication_id`` (``PUBLICATION_OF``: joining 2,700 articles to their pages was most of
the read's time on PostgreSQL): set with each row, and moved by the triggers of migration
0030 when a page's publication or an article's page changes (any writer: ORM saves,
``QuerySet.update``, raw SQL).

Concurrency as ``articles.aggregates``: SQLite serialises writers (``BEGIN IMMEDIATE``);
on PostgreSQL a recompute first takes a transaction-scoped advisory lock per indicator
(shared with the exclusive one ``rebuild`` holds), so a second writer's recompute waits
for the first to commit and then ranks its metrics too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.expressions import RawSQL

from .formatting import PART_SENTENCE_JOINER
from .models import RANKED_COLUMNS, CompareWinner, Metric, PartRole, latest_first
from .services.locking import lock_key
from .services.rows import insert_arrays

#: The ranked narrow rows compare reads of a pair's metrics: every column a winner needs
#: (all in the covering index ``metric_observed_ranked`` but ``publication``, which a
#: compare view annotates for each region's first row and the winners table leaves None;
#: ``published`` is the article's, copied as ``Metric.published``).
NARROW_FIELDS = ("id", "region_id", "article_id", *RANKED_COLUMNS, "publication")

#: Pairs recomputed per statement (bounded IN lists on every database).
CHUNK = 500
_ALL = lock_key("winners:all")
_state = threading.local()


def ranked_region(group: list[tuple]) -> dict:
    """A region's winner from its ranked narrow rows (``NARROW_FIELDS``, best first), as
    a ``compare_values`` dict without names and texts: the winner's columns, how many
    values its article gives (``article_values``), the sum of its group when it is a
    part (``parts_*``) and its ``earlier`` value (the newest row in the same unit from
    an article published strictly before the winner's, not a part; a dict ``value``,
    ``published``, ``period``; or None)."""
    winner = group[0]
    _id, region, article, published, value, unit, role, part_group, approx, period = winner[:10]
    # most regions have one ranked row: nothing earlier, no other value or part
    alone = len(group) == 1
    same_article = group if alone else [r for r in group if r[2] == article]
    parts = (
        [r for r in same_article if r[6] == PartRole.PART and r[7] == part_group]
        if role == PartRole.PART and part_group is not None
        else []
    )
    earlier = None
    if published is not None and not alone:
        earlier = next(
            (
                {"value": r[4], "published": r[3], "period": r[9]}
                for r in group
                if r[3] is not None and r[3] < published and r[5] == unit and r[6] != PartRole.PART
            ),
            None,
        )
    return {
        "id": _id,
        "region_id": region,
        "article_id": article,
        "article__published": published,
        "value": value,
        "unit": unit,
        "part_role": role,
        "approx": approx,
        "period": period,
        "value_max": winner[10],
        "bound": winner[11],
        "status": winner[12],
        "previous_value": winner[13],
        "publication": winner[14],
        "article__title": None,
        "evidence_text": "",
        "sentence_text": "",
        "article_values": len(same_article),
        "parts_sum": sum(r[4] for r in parts) if parts else None,
        "parts_count": len(parts) if parts else None,
        "parts_approx": sum(1 for r in parts if r[8]) if parts else None,
        "earlier": earlier,
    }


def part_sentences(ids: Iterable[int], *, verified: bool = False) -> dict[int, str]:
    """``{metric id: sentences}`` for those of the winning metrics ``ids`` that stand
    for a sum of two or more parts: the sentence of every part the sum adds, each once,
    in the article's order, joined by ``PART_SENTENCE_JOINER``. The parts are those
    ``ranked_region`` sums: observed metrics (reviewed only with
    ``verified``, as the view) of the winner's article, indicator, region and part
    group, in the role of a part (what the view's other filters keep or drop is the
    whole article, so the same rows). A sum cited only its winner's sentence: of
    旺苍县's five kinds of volunteer teams (2,103 支), the 23, 257 and 1,728 of the
    second sentence, not the 15 and 80余 of the first (a new-user pass). One query, which
    reads the metrics of the winners' articles only; none for no ids."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    group = Metric.objects.filter(
        pk__in=ids,
        part_role=PartRole.PART,
        part_group__isnull=False,
        article_id=OuterRef("article_id"),
        indicator_id=OuterRef("indicator_id"),
        region_id=OuterRef("region_id"),
        part_group=OuterRef("part_group"),
    )
    rows = (
        Metric.objects.observed(verified)
        # the winners' articles first (the index on ``article_id``), then their groups
        .filter(article_id__in=Metric.objects.filter(pk__in=ids).values("article_id"))
        .filter(part_role=PartRole.PART, part_group__isnull=False)
        .filter(Exists(group))
        .with_evidence()
        .order_by("sentence_start", "evidence_start")
        .values_list("pk", "article_id", "indicator_id", "region_id", "part_group", "sentence_text")
    )
    sentences: dict[tuple, list[str]] = {}
    keys: dict[int, tuple] = {}
    wanted = set(ids)
    for pk, *key, sentence in rows:
        key = tuple(key)
        texts = sentences.setdefault(key, [])
        if sentence and sentence not in texts:
            texts.append(sentence)
        if pk in wanted:
            keys[pk] = key
    return {pk: PART_SENTENCE_JOINER.join(sentences[key]) for pk, key in keys.items()}


def ranked_winners(narrow: Iterable[tuple]) -> list[dict]:
    """One ``ranked_region`` dict per region of ``narrow`` (``NARROW_FIELDS`` rows ordered
    by region, then ``latest_first``), in the rows' region order."""
    winners: list[dict] = []
    group: list[tuple] = []
    for row in narrow:
        if group and row[1] != group[0][1]:
            winners.append(ranked_region(group))
            group = []
        group.append(row)
    if group:
        winners.append(ranked_region(group))
    return winners


def computed(indicator_id: int, region_ids: list[int] | None = None, using="default") -> list:
    """The winners of ``indicator_id`` (of ``region_ids`` only, when given) computed from
    the metrics: ``ranked_region`` dicts, one query. What the table must always equal."""
    ranked = Metric.objects.using(using).filter(indicator_id=indicator_id, region__isnull=False)
    if region_ids is not None:
        ranked = ranked.filter(region_id__in=region_ids)
    narrow = (
        ranked.observed()
        .annotate(publication=Value(None, output_field=CharField()))
        .order_by("region_id", *latest_first())
        .values_list(*NARROW_FIELDS)
    )
    return ranked_winners(narrow)


#: The table's columns in the order ``_values`` gives them.
COLUMNS = (
    "indicator_id",
    "region_id",
    "metric_id",
    "article_id",
    "published",
    "value",
    "value_max",
    "unit",
    "bound",
    "approx",
    "part_role",
    "period",
    "status",
    "previous_value",
    "article_values",
    "parts_sum",
    "parts_count",
    "parts_approx",
    "earlier_value",
    "earlier_published",
    "earlier_period",
    "publication_id",
)
#: The publication id of the article whose id is the SQL expression ``{article}``, as a
#: scalar subquery per database: SQLite reads it from ``articles_search_cells`` (migration
#: 0027, one narrow row per article; the article's own row stores ``page_id`` after its
#: body), PostgreSQL from the article's page.
PUBLICATION_OF = {
    "sqlite": "(SELECT c.publication_id FROM articles_search_cells c WHERE c.id = {article})",
    None: "(SELECT sp.publication_id FROM articles_article a JOIN articles_sourcepage sp "
    "ON sp.id = a.page_id WHERE a.id = {article})",
}


def publication_of(vendor: str, article: str) -> str:
    """``PUBLICATION_OF`` for a database vendor, of the article id expression ``article``."""
    return PUBLICATION_OF.get(vendor, PUBLICATION_OF[None]).format(article=article)


_HEAD = f"INSERT INTO {CompareWinner._meta.db_table} ({', '.join(COLUMNS)}) VALUES "
_ONE = f"({', '.join(['%s'] * len(COLUMNS))})"


def _values(indicator_id: int, w: dict, publication_id: int | None = None) -> tuple:
    """A ``ranked_region`` dict as the table's row (``COLUMNS``), with the publication
    id of its article (``publication_id``)."""
    earlier = w["earlier"] or {}
    return (
        indicator_id,
        w["region_id"],
        w["id"],
        w["article_id"],
        w["article__published"],
        w["value"],
        w["value_max"],
        w["unit"],
        w["bound"],
        w["approx"],
        w["part_role"],
        w["period"],
        w["status"],
        w["previous_value"],
        w["article_values"],
        w["parts_sum"],
        w["parts_count"],
        w["parts_approx"],
        earlier.get("value"),
        earlier.get("published"),
        earlier.get("period", ""),
        publication_id,
    )


def _insert(cursor, rows: list[tuple]) -> None:
    """Insert ``_values`` rows (no model instance per row: a rebuild writes 400,000 of
    them at 1,000,000 metrics): one executemany on SQLite; on PostgreSQL, where
    executemany is a statement per row, one statement of arrays (``rows.insert_arrays``)."""
    if not rows:
        return
    if cursor.db.vendor == "postgresql":
        fields = [CompareWinner._meta.get_field(column) for column in COLUMNS]
        insert_arrays(cursor, CompareWinner._meta.db_table, fields, rows)
    else:
        cursor.executemany(_HEAD + _ONE, rows)


def _copy(cursor, rows: list[tuple]) -> None:
    """PostgreSQL: ``_values`` rows by COPY (``rebuild``: 400,000 rows at 1,000,000
    metrics, where the arrays of ``_insert`` were quoted element by element in Python,
    a third of the rebuild's time); ``_insert`` elsewhere."""
    if cursor.db.vendor != "postgresql":
        _insert(cursor, rows)
        return
    with cursor.cursor.copy(
        f"COPY {CompareWinner._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(row)


def _delete(cursor, pairs: list[tuple[int, int]]) -> None:
    """Delete the rows of ``pairs`` ``(indicator_id, region_id)``: one executemany on
    SQLite; on PostgreSQL one statement for all (two arrays unnested)."""
    table = CompareWinner._meta.db_table
    if cursor.db.vendor == "postgresql":
        cursor.execute(
            f"DELETE FROM {table} USING unnest(%s::integer[], %s::integer[]) AS p(i, r) "
            "WHERE indicator_id = p.i AND region_id = p.r",
            [[i for i, _r in pairs], [r for _i, r in pairs]],
        )
    else:
        cursor.executemany(f"DELETE FROM {table} WHERE indicator_id = %s AND region_id = %s", pairs)


def _lock(connection, indicator_ids: Iterable[int], exclusive: bool = False) -> None:
    """PostgreSQL: transaction-scoped advisory locks, ``_ALL`` shared (exclusive for a
    rebuild) then each indicator's key in sorted order. No-op elsewhere."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if exclusive:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ALL])
            return
        keys = sorted({lock_key(f"winners:{pk}") for pk in indicator_ids})
        cursor.execute(
            "WITH shared AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(%s)) "
            "SELECT count(pg_advisory_xact_lock(k)) FROM shared, unnest(%s::bigint[]) AS t(k)",
            [_ALL, keys],
        )


def refresh(pairs: Iterable[tuple[int | None, int | None]], using: str = "default") -> None:
    """Recompute the ``CompareWinner`` rows of ``pairs`` ``(indicator_id, region_id)``
    (pairs with a None ignored): each pair's row is replaced by its winner, or deleted
    when the pair has no observed metric left. Runs inside the caller's transaction
    (opens one if there is none)."""
    by_indicator: dict[int, set[int]] = {}
    for indicator_id, region_id in pairs:
        if indicator_id is not None and region_id is not None:
            by_indicator.setdefault(indicator_id, set()).add(region_id)
    if not by_indicator:
        return
    connection = connections[using]
    todo = sorted((i, r) for i, regions in by_indicator.items() for r in regions)
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        _lock(connection, by_indicator)
        _delete(cursor, todo)
        for at in range(0, len(todo), CHUNK):
            chunk = todo[at : at + CHUNK]
            picks = _picks(chunk, using)
            publications = {article: publication for _i, _r, article, _e, publication in picks}
            winners = _ranked_pairs(picks, chunk, using)
            _insert(cursor, [_values(i, w, publications[w["article_id"]]) for i, w in winners])
            fill_regions(cursor, chunk)


def computed_pairs(pairs: list[tuple[int, int]], using: str = "default") -> list[tuple]:
    """The winners of ``pairs`` ``(indicator_id, region_id)`` computed from the metrics:
    ``(indicator_id, ranked_region dict)`` per pair with an observed metric, in the pairs'
    order; equal to ``computed`` for those pairs (``tests/test_compare_winners.py``).

    Two statements for any number of pairs, and a cost that does not grow with a pair's
    history (a county of an archive has hundreds of values of one indicator; ranking them
    all in Python made each ingested page slower than the one before): ``_picks`` finds
    each pair's winner and the row its ``earlier`` comes from with the database's
    ranking (``latest_first``, LIMIT 1 per pair), then only those rows and the rows of
    the winner's article (its values, its parts) are read and ranked here (rows of
    another pair's winning article that the read also returns rank after the winner and
    are never an ``earlier`` better than the one picked, so they change nothing).
    """
    return _ranked_pairs(_picks(pairs, using), pairs, using)


def _ranked_pairs(picks: list[tuple], pairs: list[tuple[int, int]], using: str) -> list[tuple]:
    """``computed_pairs`` of ``pairs`` from their ``_picks``: one statement."""
    if not picks:
        return []
    wanted = set(pairs)
    earlier = [e for *_rest, e, _p in picks if e is not None]
    condition = Q(
        indicator_id__in=sorted({i for i, *_r in picks}),
        region_id__in=sorted({r for _i, r, *_a in picks}),
        article_id__in=sorted({a for _i, _r, a, *_e in picks}),
    )
    ranked = (
        Metric.objects.using(using)
        .filter(condition | Q(pk__in=earlier) if earlier else condition)
        .observed()
        .annotate(publication=Value(None, output_field=CharField()))
        .order_by("indicator_id", "region_id", *latest_first())
        .values_list(*NARROW_FIELDS, "indicator_id")
    )
    found: list[tuple] = []
    group: list[tuple] = []
    for row in ranked:
        pair = (row[-1], row[1])
        if pair not in wanted:  # the read crosses the pairs' indicators and regions
            continue
        if group and pair != (group[0][-1], group[0][1]):
            found.append((group[0][-1], ranked_region(group)))
            group = []
        group.append(row)
    if group:
        found.append((group[0][-1], ranked_region(group)))
    return found


def _pick_statements(using: str) -> tuple:
    """The two LIMIT 1 subqueries of ``_picks`` as ``(sql, params, sql, params)``,
    compiled once per database vendor (compiling them cost ~4 ms a page)."""
    vendor = connections[using].vendor
    if vendor not in _STATEMENTS:
        observed = Metric.objects.using(using).observed().order_by(*latest_first()).values("id")
        first = observed.filter(indicator_id=RawSQL("p.i", ()), region_id=RawSQL("p.r", ()))
        before = observed.filter(
            indicator_id=RawSQL("w.i", ()),
            region_id=RawSQL("w.r", ()),
            published__lt=RawSQL("m.published", ()),
            unit=RawSQL("m.unit", ()),
        ).exclude(part_role=PartRole.PART)
        _STATEMENTS[vendor] = (
            *first[:1].query.sql_with_params(),
            *before[:1].query.sql_with_params(),
        )
    return _STATEMENTS[vendor]


_STATEMENTS: dict[str, tuple] = {}


def _picks(pairs: list[tuple[int, int]], using: str) -> list[tuple]:
    """``(indicator_id, region_id, winner's article_id, earlier's metric id or None, the
    winner's article's publication id or None)`` for each of ``pairs`` with an observed
    metric, in one statement: per pair, the first
    observed metric by ``latest_first`` (the winner) and the first dated strictly before
    it in its unit that is not a part (``ranked_region``'s ``earlier``), each a LIMIT 1
    subquery over the pair's rows. Both subqueries are compiled from the ORM
    (``observed``, ``latest_first``) so the rule exists once."""
    if not pairs:
        return []
    connection = connections[using]
    first, first_params, before, before_params = _pick_statements(using)
    table = connection.ops.quote_name(Metric._meta.db_table)
    values = ", ".join(["(%s, %s)"] * len(pairs))
    sql = (
        f"WITH p (i, r) AS (VALUES {values}), "
        f"w AS (SELECT p.i AS i, p.r AS r, ({first}) AS id FROM p) "
        f"SELECT w.i, w.r, m.article_id, ({before}), "
        f"{publication_of(connection.vendor, 'm.article_id')} FROM w JOIN {table} m ON m.id = w.id"
    )
    params = [x for pair in pairs for x in pair] + list(first_params) + list(before_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rebuild(using: str = "default", *, regions: bool = True) -> int:
    """Recompute every pair's row from the metrics (one ranked read per indicator:
    seconds at 1,000,000 metrics), then every row's ``publication_id`` in one statement
    (``fill_publications``) and, with ``regions``, its region's names in another
    (``fill_regions``); returns how many rows. ``using``: a database alias; ``regions``
    False only for migration 0030, which runs before the region columns exist."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        _lock(connection, (), exclusive=True)
        cursor.execute(f"DELETE FROM {CompareWinner._meta.db_table}")
        indicators = (
            Metric.objects.using(using)
            .filter(indicator__isnull=False, region__isnull=False)
            .observed()
            .order_by()
            .values_list("indicator_id", flat=True)
            .distinct()
        )
        total = 0
        for indicator_id in sorted(indicators):
            made = [_values(indicator_id, w) for w in computed(indicator_id, using=using)]
            _copy(cursor, made)
            total += len(made)
        fill_publications(cursor, connection.vendor)
        if regions:
            fill_regions(cursor)
        return total


#: The region columns of ``CompareWinner`` (``adcode`` … ``grandparent_name_en``) and the
#: gazetteer's column each is copied from, as ``(region alias, column)``: ``r`` the row's
#: region, ``p`` its parent, ``g`` its parent's parent.
REGION_COLUMNS = {
    "adcode": ("r", "adcode"),
    "level": ("r", "level"),
    "region_name": ("r", "name"),
    "region_name_en": ("r", "name_en"),
    "parent_name": ("p", "name"),
    "parent_name_en": ("p", "name_en"),
    "grandparent_name": ("g", "name"),
    "grandparent_name_en": ("g", "name_en"),
}
_REGION_FROM = {
    "r": "articles_region r WHERE r.id = articles_comparewinner.region_id",
    "p": "articles_region r JOIN articles_region p ON p.id = r.parent_id "
    "WHERE r.id = articles_comparewinner.region_id",
    "g": "articles_region r JOIN articles_region p ON p.id = r.parent_id "
    "JOIN articles_region g ON g.id = p.parent_id WHERE r.id = articles_comparewinner.region_id",
}
#: Copy the gazetteer's names onto rows (``REGION_COLUMNS``): one UPDATE of correlated
#: subqueries, the same on SQLite and PostgreSQL, with a ``{where}`` of the rows to fill.
#: Used by ``refresh`` and ``rebuild`` and, with ``{where}`` the region and the
#: divisions below it, by the triggers on ``articles_region`` (migration 0042).
FILL_REGIONS = (
    "UPDATE articles_comparewinner SET "
    + ", ".join(
        f"{column} = (SELECT {alias}.{source} FROM {_REGION_FROM[alias]})"
        for column, (alias, source) in REGION_COLUMNS.items()
    )
    + " WHERE {where}"
)


def fill_regions(cursor, pairs: list[tuple[int, int]] | None = None) -> None:
    """Copy the gazetteer's names (``FILL_REGIONS``) onto the rows of ``pairs``
    ``(indicator_id, region_id)`` (every row when None): rows of the pairs' indicators
    and regions, a few more than the pairs when they cross, which the copy leaves equal."""
    if pairs is None:
        cursor.execute(FILL_REGIONS.format(where="1 = 1"))
        return
    if not pairs:
        return
    indicators = sorted({i for i, _r in pairs})
    regions = sorted({r for _i, r in pairs})
    where = (
        f"indicator_id IN ({', '.join(['%s'] * len(indicators))}) "
        f"AND region_id IN ({', '.join(['%s'] * len(regions))})"
    )
    cursor.execute(FILL_REGIONS.format(where=where), [*indicators, *regions])


def fill_publications(cursor, vendor: str) -> None:
    """Set every row's ``publication_id`` from its article (``PUBLICATION_OF``), one
    statement (``rebuild``; migration 0030)."""
    table = CompareWinner._meta.db_table
    article = f"{table}.article_id"
    cursor.execute(f"UPDATE {table} SET publication_id = {publication_of(vendor, article)}")


@contextmanager
def batch():
    """Collect the pairs ``touch``ed inside the block and recompute them once at its end
    (still inside the caller's transaction); nothing on an exception. Nested blocks join
    the outermost."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = set()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    refresh(pending)


def touch(pairs: Iterable[tuple[int | None, int | None]]) -> None:
    """Mark ``(indicator_id, region_id)`` pairs whose metrics changed: recomputed at the
    end of the enclosing ``batch()``, or at once outside one."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        refresh(pairs)
    else:
        pending.update((i, r) for i, r in pairs if i is not None and r is not None)
