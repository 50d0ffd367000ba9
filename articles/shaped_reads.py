"""Statements compiled once per filter shape (issue 9.3: time outside SQL), for reads whose
varying parts are a filter form's values.

``article_page.CompiledRead`` compiles a statement with one varying parameter once per
thread and database. The article list has up to eight filters, each present or not, and
a sort: compiling its three statements (facet groups, reprints, the page's rows) anew
through the ORM was about 3 ms of a filtered list page at 100,000 articles. A
``ShapedRead`` compiles its statement once per *shape* (which filters are set, the
region's adcode level, the sort, the booleans, the caller's structural key), with a
marker in place of each value, and then runs it with the values put where the markers
went (``Slot``):

============================ =========================== =============================
value                        marker                      its parameters
============================ =========================== =============================
``Region`` (a subtree)       adcode ``98``/``9876``/     the range ``98xxxx``: the
                             ``987654`` of its level     region's prefix put in front
model instance (``Topic``)   an instance with a negative its primary key
                             primary key
``str``                      private-use characters      the value, or ``%value%`` with
                                                         ``LIKE``'s escapes (contains)
``int`` (a year)             a year of the 12th century  dates of that year, re-yeared
``date``                     a 12th-century day          the date
``bool``, ``tuple``, empty   none: part of the shape     none
============================ =========================== =============================

Any other value makes the shape unknown (``shape_of`` returns None) and the caller reads
through the ORM as before. Compiling checks that every marker went into the parameters
and that no parameter is half a marker (``ValueError`` otherwise: a filter this module
does not know how to place). ``tests/test_shaped_reads.py`` holds the reads to the
ORM's rows for every filter, alone and combined, on both databases.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connections, router
from django.db.models import Count, Model, QuerySet, Value

from .models import Region, adcode_prefix
from .row_converters import row_converter

#: Region markers by the length of the region's adcode prefix: no adcode starts with 98.
REGION_MARKERS = {2: "98", 4: "9876", 6: "987654"}
#: The ``LIMIT`` and ``OFFSET`` compiled into a paged statement, replaced in its SQL.
LIMIT_MARKER, OFFSET_MARKER = 7_777_777, 8_888_888
#: The first marker primary key, year and text; the n-th value of a shape takes the n-th.
_PK, _YEAR, _TEXT = -7_654_321, 1101, "\ue000"
#: Shapes kept per thread and statement (least recently used dropped first).
SHAPES_KEPT = 256


def _kind(value: Any) -> Hashable | None:
    """The part of the shape a value makes: its kind, or the value itself when it
    changes the SQL (booleans, sorts, empty values); None for a value not known here."""
    if value is None or value == "" or value == [] or value == ():
        return ("empty", value if not isinstance(value, list) else ())
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, Region):
        return ("region", len(adcode_prefix(value.adcode)))
    if isinstance(value, Model):
        return ("pk", type(value))
    if isinstance(value, str):
        return ("text",)
    if isinstance(value, int):
        return ("year",)
    if isinstance(value, date):
        return ("date",)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return ("sort", tuple(value))
    return None


def shape_of(values: Mapping[str, Any]) -> tuple | None:
    """The shape of ``values`` (name -> value, in order): a hashable tuple, or None when
    some value is of a kind not placed here (read through the ORM then)."""
    kinds = []
    for name, value in values.items():
        kind = _kind(value)
        if kind is None:
            return None
        kinds.append((name, kind))
    return tuple(kinds)


#: Kinds of value that are part of the shape itself: they have no marker and no slot.
_IN_THE_SHAPE = ("empty", "bool", "sort")


def _marker(value: Any, n: int) -> Any:
    """The marker standing in for ``value``, the ``n``-th value of its shape."""
    kind = _kind(value)
    if kind[0] in _IN_THE_SHAPE:
        return value
    if kind[0] == "region":
        return Region(adcode=REGION_MARKERS[kind[1]].ljust(6, "0"))
    if kind[0] == "pk":
        return type(value)(pk=_PK - n)
    if kind[0] == "text":
        return f"{_TEXT}{n}{_TEXT}"
    if kind[0] == "year":
        return _YEAR + n
    return date(_YEAR + n, 2, 3)  # a date


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a value goes: parameter ``index`` takes value ``name`` as ``how`` (``pk``,
    ``value``, ``like``, ``prefix``, ``year``, ``date``); ``marked`` is the compiled
    parameter, kept for its type (a date or its ISO text) and its tail."""

    index: int
    name: str
    how: str
    marked: Any

    def place(self, value: Any, like: Callable[[str], str]) -> Any:
        """The parameter for ``value`` (``like``: the database's ``LIKE`` escaping)."""
        if self.how == "pk":
            return value.pk
        if self.how == "value":
            return value
        if self.how == "like":
            return f"%{like(value)}%"
        if self.how == "prefix":
            prefix = adcode_prefix(value.adcode)
            return prefix + self.marked[len(prefix) :]
        if self.how == "year":
            if isinstance(self.marked, str):
                return f"{value:04d}{self.marked[4:]}"
            return self.marked.replace(year=value)
        return value.isoformat() if isinstance(self.marked, str) else value  # a date


def _slots(params: list, values: Mapping[str, Any], markers: Mapping[str, Any]) -> list[Slot]:
    """The slots of ``params`` compiled with ``markers``; ``ValueError`` when a marker
    is missing from them or a parameter holds one in a form not placed here."""
    kinds = {name: _kind(values[name])[0] for name in markers}

    def named(kind: str, key=lambda marker: marker) -> dict:
        """``{key of its marker: name}`` of the values of ``kind``."""
        return {key(markers[name]): name for name, k in kinds.items() if k == kind}

    by_pk, by_text = named("pk", lambda marker: marker.pk), named("text")
    by_year, by_date = named("year"), named("date")
    regions = [name for name, kind in kinds.items() if kind == "region"]
    slots = []
    for i, p in enumerate(params):
        slot = None
        if isinstance(p, bool):
            continue
        if isinstance(p, int) and p in by_pk:
            slot = Slot(i, by_pk[p], "pk", p)
        elif isinstance(p, str) and _TEXT in p:
            for marker, name in by_text.items():
                if p == marker:
                    slot = Slot(i, name, "value", p)
                elif p == f"%{marker}%":
                    slot = Slot(i, name, "like", p)
            if slot is None:
                raise ValueError(f"a text marker in a form not placed here: {p!r}")
        elif isinstance(p, str) and p[:2] == "98" and len(p) == 6 and regions:
            slot = Slot(i, regions[0], "prefix", p)
        elif isinstance(p, (date, str)):
            year = _year_of(p)
            if year is not None and year in by_year:
                slot = Slot(i, by_year[year], "year", p)
            elif year is not None and _as_date(p) in by_date:
                slot = Slot(i, by_date[_as_date(p)], "date", p)
            elif year is not None and _YEAR <= year < _YEAR + len(markers):
                raise ValueError(f"a date marker in a form not placed here: {p!r}")
        if slot is not None:
            slots.append(slot)
    if len(regions) > 1:
        raise ValueError("two regions in one shape")
    placed = {s.name for s in slots}
    wanted = {name for name, kind in kinds.items() if kind not in _IN_THE_SHAPE}
    if placed != wanted:
        raise ValueError(f"markers not found in the parameters: {sorted(wanted - placed)}")
    return slots


def _year_of(p: date | str) -> int | None:
    if isinstance(p, date):
        return p.year
    if len(p) >= 10 and p[:4].isdigit() and p[4] == "-":
        return int(p[:4])
    return None


def _as_date(p: date | str) -> date | None:
    if isinstance(p, date):
        return p
    try:
        return date.fromisoformat(p[:10])
    except ValueError:
        return None


def counting(queryset: QuerySet) -> QuerySet:
    """``queryset`` as a ``values_list`` of one row, its ``COUNT(*)`` (what ``count()``
    reads, as a statement a ``ShapedRead`` compiles): grouped by a constant, which the
    ORM leaves out of ``GROUP BY``, so an empty queryset counts 0."""
    return (
        queryset.order_by()
        .annotate(_one=Value(1))
        .values("_one")
        .annotate(_n=Count("*"))
        .values_list("_n")
    )


class ShapedRead:
    """A ``values_list`` statement compiled once per shape, thread and database alias.

    ``rows(make, key, values, limit=, offset=)``: ``make(marked)`` builds the queryset
    from ``values`` with markers in place of their values (``marked``: a dict in the
    same order); ``key`` is whatever else ``make`` reads that changes the SQL (hashable);
    ``limit``/``offset`` a page when the statement is paged (``make`` slices it by
    ``LIMIT_MARKER``/``OFFSET_MARKER``). Returns the rows (tuples in ``values_list``
    order) after the ORM's converters, on the alias ``router.db_for_read`` chooses for
    ``model``; through the connection's cursor (it counts as any query). Raises
    ``ValueError`` for ``values`` of a shape not placed here (check ``shape_of``)."""

    def __init__(self, model: type[Model]):
        self.model = model
        self._local = threading.local()

    def _compiled(self, alias: str, make, key, values: Mapping[str, Any], paged: bool):
        shape = shape_of(values)
        if shape is None:
            raise ValueError(f"values of no known shape: {sorted(values)}")
        cache = self._local.__dict__.setdefault("by", OrderedDict())
        full = (alias, key, shape, paged)
        if full in cache:
            cache.move_to_end(full)
            return cache[full]
        markers = {name: _marker(value, n) for n, (name, value) in enumerate(values.items())}
        queryset = make(markers)
        compiler = queryset.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        if paged:
            for text in (f"LIMIT {LIMIT_MARKER}", f"OFFSET {OFFSET_MARKER}"):
                if sql.count(text) != 1:
                    raise ValueError(f"{text} not once in {sql}")
        params = list(params)
        slots = _slots(params, values, markers)
        fields = [s[0] for s in compiler.select[: compiler.col_count]]
        convert = row_converter(compiler, compiler.get_converters(fields), connections[alias])
        cache[full] = (sql, params, slots, convert)
        if len(cache) > SHAPES_KEPT:
            cache.popitem(last=False)
        return cache[full]

    def rows(
        self,
        make: Callable[[dict], QuerySet],
        key: Hashable,
        values: Mapping[str, Any],
        *,
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[tuple]:
        """The rows of the statement of ``values`` (see the class docstring)."""
        alias = router.db_for_read(self.model)
        paged = limit is not None
        sql, params, slots, convert = self._compiled(alias, make, key, values, paged)
        params = list(params)
        like = connections[alias].ops.prep_for_like_query
        for slot in slots:
            params[slot.index] = slot.place(values[slot.name], like)
        if paged:
            sql = sql.replace(f"LIMIT {LIMIT_MARKER}", f"LIMIT {int(limit)}")
            sql = sql.replace(f"OFFSET {OFFSET_MARKER}", f"OFFSET {int(offset or 0)}")
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            return convert(cursor.fetchall())
