"""Inserting many rows whose ids are not needed back, cheaply.

``QuerySet.bulk_create`` compiles one multi-row ``INSERT`` per batch through the query
compiler (a placeholder and a prepared parameter per field per row, batches cut at the
database's parameter limit) and asks for the new ids back (``RETURNING``). For the rows
an ingest writes by the hundred per page (metrics, band keys, mentions, appearances)
nobody reads those ids, and the compiler's per-value work was the largest single cost
of storing a page. ``insert_rows`` sends one ``INSERT`` with ``executemany`` instead,
each value prepared by its own field (``pre_save`` then ``get_db_prep_save``: the same
conversions ``save`` and ``bulk_create`` apply, defaults and ``auto_now_add`` included).
Like ``bulk_create`` it sends no signals and runs no validation.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model
from django.db.models.fields import AutoFieldMixin


def insert_rows(objs: Sequence[Model]) -> int:
    """INSERT the unsaved instances ``objs`` (all of one model) in one ``executemany``;
    returns how many. Their primary keys stay unset when the database assigns them.
    Database errors (a broken constraint) propagate like ``bulk_create``'s."""
    if not objs:
        return 0
    meta = type(objs[0])._meta
    fields = [f for f in meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)
