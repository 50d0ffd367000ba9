"""Inserting many rows whose ids are not needed back, cheaply.

``QuerySet.bulk_create`` compiles one multi-row ``INSERT`` per batch through the query
compiler (a placeholder and a prepared parameter per field per row, batches cut at the
database's parameter limit) and asks for the new ids back (``RETURNING``). For the rows
an ingest writes by the hundred per page (metrics, band keys, mentions, appearances)
nobody reads those ids, and the compiler's per-value work was the largest single cost
of storing a page. ``insert_rows`` (model instances) and ``insert_values`` (plain
dicts, no instance built at all) send a plain ``INSERT`` instead (``_execute``: one
``executemany``, or statements of many rows each), each value prepared by its own field
(``pre_save`` then ``get_db_prep_save``: the same conversions ``save`` and
``bulk_create`` apply, defaults included). Like ``bulk_create``
they send no signals and run no validation.

Preparing ~2,000 values a page one field call at a time was still a few milliseconds a
page, so a field's prepared value of an ``int``, ``str``, ``bool`` or ``None`` is
remembered for the rest of the statement (``_Preparer``; enumerations over str or int
too): those conversions depend on the value and its exact type only, and a page repeats
them (units, flags, ids, bounds, the extractor version).

The values that do not repeat (article ids, offsets, figures, bodies) went through the
field's whole chain of calls each (``get_db_prep_save`` -> ``get_db_prep_value`` ->
``get_prep_value`` -> ``to_python`` -> the backend's ``adapt_*``: ~700 values and
several milliseconds a page). ``_shortcuts`` gives, per column, the end of that chain for
the value types whose conversion Django 5.2 defines as a plain pass-through or a single
backend adapter: an ``int`` on an integer field or a foreign key to one, a finite
``Decimal`` on a ``DecimalField``, a ``str`` on a ``CharField`` or ``TextField``. Only
fields whose conversion methods are Django's own get one (a subclass that overrides any
of them is prepared the long way), and any other value type takes the long way too.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache

from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import (
    CharField,
    DecimalField,
    Field,
    ForeignKey,
    IntegerField,
    Model,
    TextField,
)
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
    """``field.get_db_prep_save(value, connection)``: by the field's ``_shortcuts`` for
    their types, else remembered per (type, value) for the ``_MEMO_TYPES`` (``True`` and
    ``1`` are kept apart by the type)."""

    __slots__ = ("field", "memo", "shortcuts")

    def __init__(self, field: Field):
        self.field = field
        self.memo: dict = {}
        self.shortcuts = _shortcuts(field)

    def __call__(self, value):
        kind = type(value)
        if kind in self.shortcuts:
            how = self.shortcuts[kind]
            return value if how is _AS_IS else how(value)
        if not _memoizable(kind):
            return self.field.get_db_prep_save(value, connection)
        key = (kind, value)
        try:
            return self.memo[key]
        except KeyError:
            prepared = self.memo[key] = self.field.get_db_prep_save(value, connection)
            return prepared


#: Marks a value passed to the database as it is (``_shortcuts``).
_AS_IS = None


def _own(field: Field, owner: type, *names: str) -> bool:
    """Whether ``field``'s methods ``names`` are those of Django's class ``owner``."""
    kind = type(field)
    return all(getattr(kind, name) is getattr(owner, name) for name in names)


def _integer_shortcut(field: Field, ops):
    """``int`` -> prepared value on integer field ``field`` (after ``int(value)``, the
    identity on an ``int``), or ``False`` when the field's chain is not Django's own."""
    if isinstance(field, AutoFieldMixin):  # get_prep_value, then validate_autopk_value
        if not _own(field, Field, "get_db_prep_save") or not _own(
            field, AutoFieldMixin, "get_db_prep_value"
        ):
            return False
        if type(field).get_prep_value is not IntegerField.get_prep_value:
            return False
        validate = ops.validate_autopk_value
        return _AS_IS if type(ops).validate_autopk_value is _base_validate_autopk else validate
    if not isinstance(field, IntegerField) or not _own(
        field, IntegerField, "get_db_prep_value", "get_prep_value"
    ):
        return False
    if not _own(field, Field, "get_db_prep_save"):
        return False
    adapt, internal_type = ops.adapt_integerfield_value, field.get_internal_type()
    if type(ops).adapt_integerfield_value is _base_adapt_integer:
        return _AS_IS
    return lambda value: adapt(value, internal_type)


def _shortcuts(field: Field) -> dict:
    """``{value type: _AS_IS or function}`` for ``field`` on the default connection: how
    ``field.get_db_prep_save(value, connection)`` ends for a value of exactly that type
    (the module docstring says which)."""
    ops = connection.ops
    if isinstance(field, ForeignKey):
        if type(field).get_db_prep_save is not ForeignKey.get_db_prep_save:
            return {}
        # a non-empty value goes to the target field's get_db_prep_save; an int is never ""
        target = _integer_shortcut(field.target_field, ops)
        return {} if target is False else {int: target}
    if isinstance(field, IntegerField):
        how = _integer_shortcut(field, ops)
        return {} if how is False else {int: how}
    if type(field) is DecimalField:
        adapt, digits, places = (
            ops.adapt_decimalfield_value,
            field.max_digits,
            field.decimal_places,
        )

        def decimal(value, prepare=field.get_db_prep_save):
            # to_python is Decimal(value): the value itself; a non-finite one is refused
            if value.is_finite():
                return adapt(value, digits, places)
            return prepare(value, connection)

        return {Decimal: decimal}
    if type(field) in (CharField, TextField):
        return {str: _AS_IS}  # to_python: a str is returned as it is
    return {}


def _fields(model: type[Model]) -> list[Field]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]


#: The largest number of rows one multi-row INSERT statement takes (a power of two).
ROWS_PER_STATEMENT = 64


def _triggered(cursor) -> frozenset[str]:
    """SQLite: the tables that have a trigger (read once per process: triggers come and
    go with migrations only)."""
    global _TRIGGERED
    if _TRIGGERED is None:
        cursor.execute("SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        _TRIGGERED = frozenset(name for (name,) in cursor.fetchall())
    return _TRIGGERED


_TRIGGERED: frozenset[str] | None = None


def _execute(model: type[Model], fields: list[Field], rows: list[list]) -> int:
    """INSERT ``rows`` (prepared values in ``fields`` order): on PostgreSQL one statement
    of arrays (``insert_arrays``); ``executemany`` into SQLite tables without a trigger;
    into a SQLite table with a trigger, multi-row ``INSERT ... VALUES (...), (...)``
    statements of 64, 32, 16 ... 1 rows (68 rows: one of 64 and one of 4).

    On PostgreSQL ``executemany`` sends one statement per row, which the server parses,
    plans and runs alone (and the metric table's statement trigger, ``region_counts``,
    fires for each): a metric row cost 77 microseconds of server CPU that way, 30 in
    statements of 64 rows (measured on an ingest's database of 300 pages), about 4 ms a
    page of ~90 metrics; the band keys, mentions and appearances gain alike.

    On SQLite a statement into a table with a trigger (``articles_metric``: the region
    counts of ``region_counts.py``) opens a statement journal that copies every page the
    statement changes before changing it; ``executemany`` runs one statement per row, so
    every row copied every index page it touched: about 45% of the cost of inserting a
    metric (115-123 -> 62-70 microseconds a row with 64 rows a statement, measured on a
    copy of an ingest's database). Statement sizes are powers of two so that SQLite
    compiles each size once per connection (Python's statement cache) instead of a
    statement per page; tables without a trigger keep ``executemany``, which is as
    cheap there."""
    meta = model._meta
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields)
    )
    one = "({})".format(", ".join(["%s"] * len(fields)))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            insert_arrays(cursor, meta.db_table, fields, rows)
        elif meta.db_table not in _triggered(cursor):
            cursor.executemany(head + one, rows)
        else:
            insert_statements(cursor, head, one, rows)
    return len(rows)


#: Field types ``insert_arrays`` sends as arrays (values psycopg writes as array items).
_ARRAY_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def insert_arrays(cursor, table: str, fields: list[Field], rows: Sequence[Sequence]) -> None:
    """PostgreSQL: INSERT ``rows`` (prepared values in ``fields`` order) into ``table`` as
    one statement of one array parameter per column, ``INSERT ... SELECT * FROM
    unnest(%s::integer[], %s::varchar[], ...)`` (rows in order, so ids are given in
    order). Fields of another type than ``_ARRAY_TYPES`` take ``insert_statements``.

    An ``executemany`` is a statement per row for the server (parsed, planned, statement
    triggers fired, each alone: 7.0 ms of server CPU for a page's 90 metric rows); rows
    in statements of 64 cost the server 3.0 ms but the client 3.4 ms instead of 1.3
    (psycopg caches the conversion of a query of at most 50 parameters only); arrays
    cost 2.0 and 1.2 (``tests/test_rows.py``; measured on an ingest's database). Each
    array is cast to its column's type without a length or precision (``varchar``, not
    ``varchar(16)``, which would cut a longer value silently): the insert itself still
    refuses a value the column cannot hold, as a plain INSERT does."""
    if not rows:
        return
    sql = _array_insert(table, tuple(fields))
    if sql is None:
        quote = connection.ops.quote_name
        head = "INSERT INTO {} ({}) VALUES ".format(
            quote(table), ", ".join(quote(f.column) for f in fields)
        )
        insert_statements(cursor, head, "({})".format(", ".join(["%s"] * len(fields))), rows)
        return
    cursor.execute(sql, [[row[i] for row in rows] for i in range(len(fields))])


@lru_cache(maxsize=64)
def _array_insert(table: str, fields: tuple[Field, ...]) -> str | None:
    """``insert_arrays``'s statement for ``fields`` of ``table`` (None when a field's type
    is not in ``_ARRAY_TYPES``), made once per process: the column types are read from
    the fields (``db_type``), a few microseconds each."""
    if any(f.get_internal_type() not in _ARRAY_TYPES for f in fields):
        return None
    quote = connection.ops.quote_name
    arrays = ", ".join(f"%s::{f.db_type(connection).partition('(')[0]}[]" for f in fields)
    return "INSERT INTO {} ({}) SELECT * FROM unnest({})".format(
        quote(table), ", ".join(quote(f.column) for f in fields), arrays
    )


def insert_statements(cursor, head: str, one: str, rows: Sequence[Sequence]) -> None:
    """Run ``INSERT`` ``head`` (``"INSERT INTO t (a, b) VALUES "``) with the placeholders
    ``one`` (``"(%s, %s)"``) for each of ``rows`` as multi-row statements of 64, 32 ...
    1 rows (``ROWS_PER_STATEMENT``; see ``_execute`` for why). Database errors
    propagate."""
    start, size = 0, ROWS_PER_STATEMENT
    while start < len(rows):
        while size > len(rows) - start:
            size //= 2
        chunk = rows[start : start + size]
        cursor.execute(head + ", ".join([one] * size), [v for r in chunk for v in r])
        start += size


def insert_rows(objs: Sequence[Model]) -> int:
    """INSERT the unsaved instances ``objs`` (all of one model) (``_execute``); returns
    how many. Their primary keys stay unset when the database assigns them.
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
    for a foreign key) (``_execute``), without building model instances; returns how
    many. A field left out takes its default (``Field.get_default``, per row). An
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
    columns = [(f.attname, f.attname in given, f, {}, _shortcuts(f)) for f in fields]
    memo_types, prepared_of = _MEMO_TYPES, _prepared
    values = []
    for row in rows:
        out = []
        for attname, present, f, memo, shortcuts in columns:
            value = row[attname] if present else f.get_default()
            kind = type(value)
            if kind in shortcuts:
                how = shortcuts[kind]
                out.append(value if how is _AS_IS else how(value))
                continue
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
_base_adapt_integer = BaseDatabaseOperations.adapt_integerfield_value
_base_validate_autopk = BaseDatabaseOperations.validate_autopk_value


def _prepared(field: Field, value):
    return field.get_db_prep_save(value, connection)
