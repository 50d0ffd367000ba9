"""The rows of an article list as plain values (the list, search results, a region's
articles), for ``{% article_rows %}``.

``ArticleQuerySet.list_rows()`` gave model instances: an article, its region, topic,
source page and publication, five instances a row with the related-object machinery of
``select_related`` and deferred fields (about 1 ms of a 25-row page). ``plain_rows(qs)``
reads the same columns with ``values_list`` (one statement, the queryset's own filters and
order) into ``ListRow``, which has the attributes ``rows.article_rows`` reads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.sql.where import WhereNode

from .article_page import NamedRow, PlaceRow
from .models import Article, adcode_prefix
from .row_converters import row_converter

#: What a row shows, in ``ListRow``'s order (region and topic as in ``PlaceRow`` and
#: ``NamedRow``).
COLUMNS = (
    "pk",
    "kind",
    "title",
    "title_prefix",
    "subtitle",
    "body",
    "published",
    "region_id",
    "region__adcode",
    "region__name",
    "region__name_en",
    "topic_id",
    "topic__slug",
    "topic__name_zh",
    "topic__name_en",
    "page__publication__name",
)


class PageRow(NamedTuple):
    """The source page as a row shows it: its publication's name (None without one)."""

    publication: str | None


@dataclass(frozen=True, slots=True)
class ListRow:
    """An article as a list row shows it (``Article`` field names; ``region`` and
    ``topic`` None when the article has none; ``page.publication`` the name)."""

    pk: int
    kind: str
    title: str
    title_prefix: str
    subtitle: str
    body: str
    published: date | None
    region: PlaceRow | None
    topic: NamedRow | None
    page: PageRow

    @property
    def display_title(self) -> str:
        """``Article.display_title``: the headline, else the caption's first words."""
        if self.title:
            return self.title
        return (self.body[:30] + "…") if len(self.body) > 30 else self.body


def _row(values: tuple) -> ListRow:
    (pk, kind, title, prefix, subtitle, body, published, region_id, *place) = values[:11]
    topic_id, slug, zh, en, publication = values[11:]
    return ListRow(
        pk=pk,
        kind=kind,
        title=title,
        title_prefix=prefix,
        subtitle=subtitle,
        body=body,
        published=published,
        region=PlaceRow(*place) if region_id is not None else None,
        topic=NamedRow(slug, zh, en) if topic_id is not None else None,
        page=PageRow(publication),
    )


def plain_rows(articles: QuerySet) -> list[ListRow]:
    """The rows of ``articles`` (an ``Article`` queryset: its filters, slice and order
    kept; ``select_related``/``only`` play no part), one statement."""
    return [_row(values) for values in articles.values_list(*COLUMNS)]


def rows_in_order(articles: QuerySet, ids: Iterable[int]) -> list[ListRow]:
    """The rows of ``articles`` whose ids are ``ids``, in the order of ``ids`` (ids with
    no row left out), one statement: a search's page, whose order its statement chose."""
    ids = list(ids)
    by_id = {row.pk: row for row in plain_rows(articles.filter(pk__in=ids).order_by())}
    return [by_id[pk] for pk in ids if pk in by_id]


def page_rows(queryset: QuerySet, bottom: int, top: int) -> QuerySet:
    """The rows ``[bottom:top]`` of ``queryset`` through their ids (``IdPaginator``):
    ``queryset``'s joins and order, filtered by the ids of a ``LIMIT``/``OFFSET``
    subquery on its own filters."""
    ids = queryset.values("pk")[bottom:top]
    rows = queryset._chain()
    rows.query.where = WhereNode()  # the filters live in ``ids``; keep joins and order
    return rows.filter(pk__in=ids)


#: Stand in for a region's adcode prefix (by its length: no prefix starts with 98) and
#: for the page's ``LIMIT``/``OFFSET`` while the region page's rows statement is compiled.
_PREFIXES = {2: "98", 4: "9876", 6: "987654"}
_LIMIT, _OFFSET = 7_777_777, 8_888_888


class RegionArticles:
    """The region page's articles (its subtree's, ``ArticleQuerySet.in_region``, newest
    first): one page of them as ``ListRow`` from the statement the page read through the
    ORM (``page_rows`` of ``in_region``, then ``plain_rows`` of ``among`` those ids),
    compiled once per thread, database alias and adcode level instead of each request
    (0.7 ms of CPU a region page). The region's adcode range and the ``LIMIT``/``OFFSET``
    are put in place of markers compiled into it."""

    def __init__(self):
        self._local = threading.local()

    @staticmethod
    def queryset(adcode: str, bottom: int, top: int) -> QuerySet:
        """The ORM statement: rows ``[bottom:top]`` of the subtree's articles."""
        subtree = Article.objects.with_related().in_region(adcode).select_related(None).only("pk")
        ids = page_rows(subtree, bottom, top).values("pk")
        return Article.objects.among(ids).values_list(*COLUMNS)

    def _compiled(self, alias: str, length: int):
        cache = self._local.__dict__.setdefault("by", {})
        key = (alias, length)
        if key not in cache:
            marker = _PREFIXES[length].ljust(6, "0")
            queryset = self.queryset(marker, _OFFSET, _OFFSET + _LIMIT)
            compiler = queryset.query.get_compiler(alias)
            sql, params = compiler.as_sql()
            prefix = _PREFIXES[length]
            slots = [i for i, p in enumerate(params) if isinstance(p, str) and p[:2] == "98"]
            if not slots or any(not params[i].startswith(prefix) for i in slots):
                raise ValueError(f"no adcode range to replace in {sql}")
            for text in (f"LIMIT {_LIMIT}", f"OFFSET {_OFFSET}"):
                if sql.count(text) != 1:
                    raise ValueError(f"{text} not once in {sql}")
            fields = [s[0] for s in compiler.select[: compiler.col_count]]
            convert = row_converter(compiler, compiler.get_converters(fields), connections[alias])
            cache[key] = (sql, list(params), slots, convert)
        return cache[key]

    def rows(self, adcode: str, bottom: int, top: int) -> list[ListRow]:
        """``ListRow`` of the subtree's articles ``[bottom:top]`` (``top > bottom``), in
        the page's order; one query. Raises ValueError for a malformed adcode."""
        prefix = adcode_prefix(adcode)
        alias = router.db_for_read(Article)
        sql, params, slots, convert = self._compiled(alias, len(prefix))
        params = list(params)
        for i in slots:  # the marker's prefix swapped for the region's
            params[i] = prefix + params[i][len(prefix) :]
        sql = sql.replace(f"LIMIT {_LIMIT}", f"LIMIT {int(top - bottom)}")
        sql = sql.replace(f"OFFSET {_OFFSET}", f"OFFSET {int(bottom)}")
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = convert(cursor.fetchall())
        return [_row(values) for values in rows]


region_articles = RegionArticles()
