"""Inserting many rows whose ids are not needed back, cheaply.

``QuerySet.bulk_create`` compiles one multi-row ``INSERT`` per batch through the query
compiler (a placeholder and a prepared parameter per field per row, batches cut at the
database's parameter limit) and asks for the new ids back (``RETURNING``). For the rows
an ingest writes by the hundred per page (metrics, band keys, mentions, appearances)
nobody reads those ids, and the compiler's per-value work was the largest single cost
of storing a page. ``insert_rows`` (model instances) and ``insert_values`` (plain
dicts, no instance built at all) send one ``INSERT`` with ``executemany`` instead, each
value prepared by its own field (``pre_save`` then ``get_db_prep_save``: the same
conversions ``save`` and ``bulk_create`` apply, defaults included). Like ``bulk_create``
they send no signals and run no validation.

Preparing ~2,000 values a page one field call at a time was still a few milliseconds a
page, so a field's prepared value of an ``int``, ``str``, ``bool`` or ``None`` is
remembered for the rest of the statement (``_Preparer``; enumerations over str or int
too): those conversions depend on the value and its exact type only, and a page repeats
them (units, flags, ids, bounds, the extractor version). Other values (``Decimal``,
dates) are prepared each time.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence

from django.db import connection
from django.db.models import Field, Model
from django.db.models.fields import AutoFieldMixin, DateField

#: Value types whose prepared form is a function of (field, type, value): remembered.
#: Enumerations over str or int (``TextChoices``, ``StrEnum``: a metric's bound, status
#: and part role) join on first sight (``_memoizable``).
_MEMO_TYPES = {int: True, str: True, bool: True, type(None): True}


def _memoizable(kind: type) -> bool:
    """Whether values of type ``kind`` are remembered (``_MEMO_TYPES``)."""
    known = _MEMO_TYPES.get(kind)
    if known is None:
        known = _MEMO_TYPES[kind] = issubclass(kind, enum.Enum) and issubclass(kind, str | int)
    return known


class _Preparer:
    """``field.get_db_prep_save(value, connection)``, remembered per (type, value) for
    the ``_MEMO_TYPES`` (``True`` and ``1`` are kept apart by the type)."""

    __slots__ = ("field", "memo")

    def __init__(self, field: Field):
        self.field = field
        self.memo: dict = {}

    def __call__(self, value):
        kind = type(value)
        if not _memoizable(kind):
            return self.field.get_db_prep_save(value, connection)
        key = (kind, value)
        try:
            return self.memo[key]
        except KeyError:
            prepared = self.memo[key] = self.field.get_db_prep_save(value, connection)
            return prepared


def _fields(model: type[Model]) -> list[Field]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]


def _execute(model: type[Model], fields: list[Field], rows: list[list]) -> int:
    meta = model._meta
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def insert_rows(objs: Sequence[Model]) -> int:
    """INSERT the unsaved instances ``objs`` (all of one model) in one ``executemany``;
    returns how many. Their primary keys stay unset when the database assigns them.
    Database errors (a broken constraint) propagate like ``bulk_create``'s."""
    if not objs:
        return 0
    model = type(objs[0])
    fields = _fields(model)
    prepare = [_Preparer(f) for f in fields]
    # a field that computes its value on save (auto_now) goes through pre_save; the
    # others' pre_save is reading the attribute
    plain = [type(f).pre_save is Field.pre_save for f in fields]
    rows = [
        [
            p(getattr(obj, f.attname) if simple else f.pre_save(obj, True))
            for f, p, simple in zip(fields, prepare, plain, strict=True)
        ]
        for obj in objs
    ]
    return _execute(model, fields, rows)


def insert_values(model: type[Model], rows: Sequence[Mapping]) -> int:
    """INSERT ``rows`` of ``model`` given as mappings ``{attname: value}`` (``article_id``
    for a foreign key) in one ``executemany``, without building model instances; returns
    how many. A field left out takes its default (``Field.get_default``, per row). An
    unknown key, or a left-out field that computes its value on save (``auto_now``,
    ``auto_now_add``), raises ``ValueError``: use ``insert_rows`` for those models.
    Database errors propagate like ``bulk_create``'s."""
    if not rows:
        return 0
    fields = _fields(model)
    attnames = {f.attname for f in fields}
    given = set(rows[0])
    for row in rows:
        if set(row) != given:
            raise ValueError("insert_values: every row must name the same fields")
    if given - attnames:
        raise ValueError(f"insert_values: {model.__name__} has no field {sorted(given - attnames)}")
    for f in fields:
        if f.attname not in given and isinstance(f, DateField) and (f.auto_now or f.auto_now_add):
            raise ValueError(f"insert_values: {f.name} is set on save; use insert_rows")
    columns = [(f.attname, f.attname in given, f, {}) for f in fields]
    memo_types, prepared_of = _MEMO_TYPES, _prepared
    values = []
    for row in rows:
        out = []
        for attname, present, f, memo in columns:
            value = row[attname] if present else f.get_default()
            kind = type(value)
            memoizable = memo_types.get(kind)  # inline ``_Preparer``
            if memoizable is None:
                memoizable = _memoizable(kind)
            if memoizable:
                key = (kind, value)
                prepared = memo.get(key, _MISSING)
                if prepared is _MISSING:
                    prepared = memo[key] = prepared_of(f, value)
            else:
                prepared = prepared_of(f, value)
            out.append(prepared)
        values.append(out)
    return _execute(model, fields, values)


_MISSING = object()


def _prepared(field: Field, value):
    return field.get_db_prep_save(value, connection)
