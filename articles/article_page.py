"""The article page's two reads, as plain rows (issue 9 point 4: the page at least as fast
as Datasette's row page of the same article).

``Article.objects.with_related().with_metrics().get(pk=...)`` cost about 2 ms CPU at
100,000 articles on SQLite, of which the two statements themselves took 0.1 ms: the rest
was the ORM compiling them anew each request (three levels of ``select_related``, a
``Prefetch``) and building some 30 model instances. Here each statement is compiled once
per thread and database alias (``CompiledRead``: the ORM's own SQL and its own value
converters, so dates, decimals and booleans come back as the ORM gives them) and its rows
become the small read-only objects below, which have the attribute names the template,
``highlight_body`` and ``rows.metric_table_rows`` read (``display_title``,
``display_name``, ``get_absolute_url``, ``indicator.name``, ...).

The page shows the same columns as before; the source page's raw text (kilobytes), which
``with_related`` also read, is not read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connections, router
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language

from .models import REVIEWED_STATUSES, Article, ArticleKind, Metric, MetricStatus
from .row_converters import row_converter

#: Stands in for the article id while a statement is compiled; replaced by the real id in
#: the parameters on every execution (no id is this large).
_MARKER = 9_007_199_254_740_993


def _english() -> bool:
    return (get_language() or "").startswith("en")


class CompiledRead:
    """A ``values_list`` queryset compiled once per thread and database alias, then run
    with another value in place of ``_MARKER`` (the article id).

    ``make(marker)`` builds the queryset with ``marker`` as its one varying parameter.
    ``rows(value)`` returns the rows (tuples, in ``values_list`` order) after the ORM's
    converters for the alias's database, on the alias ``router.db_for_read`` chooses
    (the read replica when there is one). Runs through the connection's cursor, so it
    counts in ``assertNumQueries`` and ``CaptureQueriesContext`` as any query.
    """

    def __init__(self, make: Callable[[int], QuerySet], marker=_MARKER):
        self.make = make
        self.marker = marker  # a value of the varying parameter's type (an adcode: a str)
        self.model = make(marker).model
        self._local = threading.local()  # a compiler is bound to one thread's connection

    def _compiled(self, alias: str):
        cache = self._local.__dict__.setdefault("by_alias", {})
        if alias not in cache:
            queryset = self.make(self.marker)
            compiler = queryset.query.get_compiler(alias)
            sql, params = compiler.as_sql()
            params = list(params)
            slot = params.index(self.marker)
            fields = [s[0] for s in compiler.select[: compiler.col_count]]
            convert = row_converter(compiler, compiler.get_converters(fields), connections[alias])
            cache[alias] = (sql, params, slot, convert)
        return cache[alias]

    def rows(self, value: int) -> list[tuple]:
        """The rows for ``value`` (a list of tuples)."""
        alias = router.db_for_read(self.model)
        sql, params, slot, convert = self._compiled(alias)
        params = list(params)
        params[slot] = value
        return self._run(alias, sql, params, convert)

    @staticmethod
    def _run(alias: str, sql: str, params: list, convert) -> list[tuple]:
        """Execute the compiled ``sql`` on ``alias`` and convert its rows as the ORM would
        (``convert``: ``row_converters.row_converter``)."""
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            return convert(cursor.fetchall())


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A region as the page shows it: adcode, GB/T 2260 name and English name; its
    ``parent`` (a ``PlaceRow`` or None) for the path."""

    adcode: str
    name: str
    name_en: str
    parent: PlaceRow | None = None

    @property
    def display_name(self) -> str:
        """``Region.display_name``: the English name when English is active and known."""
        if self.name_en and _english():
            return self.name_en
        return self.name

    def get_absolute_url(self) -> str:
        """The region page (``Region.get_absolute_url``)."""
        return reverse("articles:region", args=[self.adcode])

    def path(self) -> list[PlaceRow]:
        """Ancestors and self, province first (``Region.path``)."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass(frozen=True, slots=True)
class NamedRow:
    """A topic or an indicator: slug and the names in both languages."""

    slug: str
    name_zh: str
    name_en: str

    @property
    def name(self) -> str:
        """The name in the active language (``Topic.name``, ``Indicator.name``)."""
        return self.name_en if _english() else self.name_zh


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What the article page shows of an article (``Article`` field names; ``region`` and
    ``topic`` None when the article has none, ``publication`` the publication's name or
    None, ``page_label`` the page's label)."""

    pk: int
    kind: str
    title: str
    title_prefix: str
    subtitle: str
    byline: str
    body: str
    published: date | None
    url: str
    region: PlaceRow | None
    topic: NamedRow | None
    page_label: str
    publication: str | None

    @property
    def display_title(self) -> str:
        """``Article.display_title``: the headline, else the caption's first words."""
        if self.title:
            return self.title
        return (self.body[:30] + "…") if len(self.body) > 30 else self.body

    def get_kind_display(self) -> str:
        """The kind's label in the active language (the stored value when unknown)."""
        return str(dict(ArticleKind.choices).get(self.kind, self.kind))


@dataclass(frozen=True, slots=True)
class MetricRow:
    """A metric of the article as its page shows it (``Metric`` field names; ``indicator``
    a ``NamedRow`` or None, ``region`` a ``PlaceRow`` or None, ``evidence`` the span of
    the body)."""

    pk: int
    label: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    approx: bool
    bound: str
    previous_value: Decimal | None
    part_role: str
    evidence_start: int
    evidence_end: int
    target: bool
    status: str
    indicator_id: int | None
    indicator: NamedRow | None
    region: PlaceRow | None
    evidence: str

    def get_status_display(self) -> str:
        """The review status's label in the active language (``Metric.get_status_display``)."""
        return str(dict(MetricStatus.choices).get(self.status, self.status))


_PLACE = ("adcode", "name", "name_en")
ARTICLE_COLUMNS = (
    "pk",
    "kind",
    "title",
    "title_prefix",
    "subtitle",
    "byline",
    "body",
    "published",
    "url",
    "region_id",
    *(f"region__{c}" for c in _PLACE),
    *(f"region__parent__{c}" for c in _PLACE),
    *(f"region__parent__parent__{c}" for c in _PLACE),
    "topic_id",
    "topic__slug",
    "topic__name_zh",
    "topic__name_en",
    "page__page_label",
    "page__publication__name",
)
METRIC_COLUMNS = (
    "pk",
    "label",
    "value",
    "value_max",
    "unit",
    "approx",
    "bound",
    "previous_value",
    "part_role",
    "evidence_start",
    "evidence_end",
    "target",
    "status",
    "indicator_id",
    "indicator__slug",
    "indicator__name_zh",
    "indicator__name_en",
    "region_id",
    *(f"region__{c}" for c in _PLACE),
)

_ARTICLE = CompiledRead(lambda pk: Article.objects.filter(pk=pk).values_list(*ARTICLE_COLUMNS))
# the metrics a reader sees, in the order of ``ArticleQuerySet.with_metrics``
_METRICS = CompiledRead(
    lambda pk: (
        Metric.objects.shown()
        .filter(article_id=pk)
        .order_by("position", "pk")
        .values_list(*METRIC_COLUMNS)
    )
)


def _place(values: tuple, parent: PlaceRow | None = None) -> PlaceRow | None:
    return PlaceRow(*values, parent) if values[0] is not None else None


#: The largest id a database column holds (a signed 64-bit integer: SQLite's INTEGER,
#: PostgreSQL's bigint); a larger one is no row's.
MAX_ID = 2**63 - 1


def read_article(pk: int) -> ArticleRow | None:
    """The article ``pk`` as its page shows it, None when there is none (also for an id
    no database column holds: ``/articles/99999999999999999999/`` was a 500). One query,
    none for such an id."""
    if not 0 < pk <= MAX_ID:
        return None
    rows = _ARTICLE.rows(pk)
    if not rows:
        return None
    (pk, kind, title, prefix, subtitle, byline, body, published, url, region_id) = rows[0][:10]
    places = rows[0][10:19]
    topic_id, slug, zh, en, page_label, publication = rows[0][19:]
    region = None
    if region_id is not None:
        top = _place(places[6:9])
        region = _place(places[0:3], _place(places[3:6], top) if places[3] else None)
    return ArticleRow(
        pk=pk,
        kind=kind,
        title=title,
        title_prefix=prefix,
        subtitle=subtitle,
        byline=byline,
        body=body,
        published=published,
        url=url,
        region=region,
        topic=NamedRow(slug, zh, en) if topic_id is not None else None,
        page_label=page_label,
        publication=publication,
    )


def read_metrics(article: ArticleRow, *, verified: bool = False) -> list[MetricRow]:
    """The metrics of ``article`` a reader sees (not rejected; with ``verified`` only the
    reviewed ones, ``REVIEWED_STATUSES``), in their order in the text. One query."""
    metrics = []
    for row in _METRICS.rows(article.pk):
        (pk, label, value, value_max, unit, approx, bound, previous, part_role) = row[:9]
        start, end, target, status, indicator_id, slug, zh, en, region_id = row[9:18]
        if verified and status not in REVIEWED_STATUSES:
            continue
        metrics.append(
            MetricRow(
                pk=pk,
                label=label,
                value=value,
                value_max=value_max,
                unit=unit,
                approx=approx,
                bound=bound,
                previous_value=previous,
                part_role=part_role,
                evidence_start=start,
                evidence_end=end,
                target=target,
                status=status,
                indicator_id=indicator_id,
                indicator=NamedRow(slug, zh, en) if indicator_id is not None else None,
                region=_place(row[18:21]) if region_id is not None else None,
                evidence=article.body[start:end],
            )
        )
    return metrics
