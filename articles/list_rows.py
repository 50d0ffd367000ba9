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

from .article_page import NamedRow, PlaceRow

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
