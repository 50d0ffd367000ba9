"""The rows of an article list as plain values (the list, search results, a region's
articles), for ``{% article_rows %}``.

``ArticleQuerySet.list_rows()`` gave model instances: an article, its region, topic,
source page and publication, five instances a row with the related-object machinery of
``select_related`` and deferred fields (about 1 ms of a 25-row page). ``plain_rows(qs)``
reads the same columns with ``values_list`` (one statement, the queryset's own filters and
order) into ``ListRow``, which has the attributes ``rows.article_rows`` reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import QuerySet
from django.db.models.sql.where import WhereNode

from .article_page import NamedRow, PlaceRow
from .models import Article, Region
from .shaped_reads import LIMIT_MARKER, OFFSET_MARKER, ShapedRead, counting

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


def row_of(values: tuple) -> ListRow:
    """The ``ListRow`` of a row of ``COLUMNS``."""
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
    return [row_of(values) for values in articles.values_list(*COLUMNS)]


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


class RegionArticles:
    """The region page's articles (its subtree's, ``ArticleQuerySet.in_region``, newest
    first): one page of them as ``ListRow`` from the statement the page read through the
    ORM (``page_rows`` of ``in_region``, then ``plain_rows`` of ``among`` those ids),
    compiled once per thread, database alias and adcode level instead of each request
    (0.7 ms of CPU a region page): a ``shaped_reads.ShapedRead``, the region's range and
    the page's ``LIMIT``/``OFFSET`` put in place of its markers."""

    def __init__(self):
        self._read = ShapedRead(Article)
        self._count = ShapedRead(Article)

    @staticmethod
    def queryset(adcode: str, bottom: int, top: int) -> QuerySet:
        """The ORM statement: rows ``[bottom:top]`` of the subtree's articles."""
        subtree = Article.objects.with_related().in_region(adcode).select_related(None).only("pk")
        ids = page_rows(subtree, bottom, top).values("pk")
        return Article.objects.among(ids).values_list(*COLUMNS)

    def rows(self, adcode: str, bottom: int, top: int) -> list[ListRow]:
        """``ListRow`` of the subtree's articles ``[bottom:top]`` (``top > bottom``), in
        the page's order; one query. Raises ValueError for a malformed adcode."""

        def make(marked):
            end = OFFSET_MARKER + LIMIT_MARKER
            return self.queryset(marked["region"].adcode, OFFSET_MARKER, end)

        values = {"region": Region(adcode=adcode)}
        rows = self._read.rows(make, None, values, limit=top - bottom, offset=bottom)
        return [row_of(values) for values in rows]

    def count(self, adcode: str) -> int:
        """How many articles the subtree has (``in_region(adcode).count()``); one query,
        compiled once per thread, alias and adcode level. ValueError for a malformed
        adcode."""

        def make(marked):
            return counting(Article.objects.in_region(marked["region"].adcode))

        [(n,)] = self._count.rows(make, None, {"region": Region(adcode=adcode)})
        return n


region_articles = RegionArticles()


_LATEST = ShapedRead(Article)


def latest_rows(n: int) -> list[ListRow]:
    """The ``n`` newest articles (the model's order: newest first, undated last) as
    ``ListRow``; one statement, compiled once per ``n`` and thread (the overview's list:
    0.7 ms of model instances and compiling a request)."""
    # the ids first, on the article table's own order index, then their rows joined
    # (``page_rows``): ``values_list(*COLUMNS)[:n]`` made SQLite join and sort every
    # article (100 ms at 100,000 articles)
    rows = _LATEST.rows(
        lambda marked: page_rows(Article.objects.all(), 0, n).values_list(*COLUMNS), n, {}
    )
    return [row_of(values) for values in rows]
