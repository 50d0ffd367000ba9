"""The article list's statements compiled once per filter shape (``shaped_reads``): its
facet counts (``selectors._counts``' two statements) and its page of rows
(``list_rows.page_rows`` then ``plain_rows``), the same SQL the ORM builds from the
FilterSet's queryset, with the filters' values put in place.

At 100,000 articles the list by province and topic spent about 3 ms of its time outside
SQL building and compiling these three statements through the ORM (PostgreSQL); it now
builds them once per shape and thread. Not for a search that runs (its page is read by
``search_listing``, or with the search's ids, which are no filter value).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from .list_rows import COLUMNS, ListRow, page_rows, row_of
from .models import Appearance, Article, ArticleQuerySet
from .selectors import FacetCounts, grouped_counts, sum_counts
from .shaped_reads import LIMIT_MARKER, OFFSET_MARKER, ShapedRead

_GROUPED = ShapedRead(Article)
_REPRINTS = ShapedRead(Appearance)
_PAGE = ShapedRead(Article)


class Shaped(Protocol):
    """What reads a FilterSet by shape: ``shape_values()`` (the filters' values, or
    None when they have no shape) and ``marked_queryset(marked)`` (the queryset of
    those filters with ``marked`` in place of their values)."""

    def shape_values(self) -> dict[str, Any] | None: ...

    def marked_queryset(self, marked: Mapping[str, Any]) -> ArticleQuerySet: ...


def facet_counts(filterset: Shaped, values: Mapping[str, Any], region_digits: int) -> FacetCounts:
    """``selectors._counts(filterset.qs, region_digits)`` for filter values ``values``
    (``filterset.shape_values()``), two statements compiled once per shape."""

    def grouped(marked):
        return grouped_counts(filterset.marked_queryset(marked), region_digits)

    def reprints(marked):
        return filterset.marked_queryset(marked).reprints()

    return sum_counts(
        _GROUPED.rows(grouped, region_digits, values),
        _REPRINTS.rows(reprints, None, values),
    )


def page(filterset: Shaped, values: Mapping[str, Any], bottom: int, top: int) -> list[ListRow]:
    """``ListRow`` of the list's rows ``[bottom:top]`` (``top > bottom``) for filter values
    ``values``, in the list's order: one statement, compiled once per shape."""

    def make(marked):
        articles = filterset.marked_queryset(marked)
        return page_rows(articles, OFFSET_MARKER, OFFSET_MARKER + LIMIT_MARKER).values_list(
            *COLUMNS
        )

    rows = _PAGE.rows(make, None, values, limit=top - bottom, offset=bottom)
    return [row_of(row) for row in rows]
