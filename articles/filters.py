"""The article list's FilterSet and its facets (counts that add a filter when clicked).

Every filter, the sort and the page live in the query string, so a view is a permalink:

=================== ============================================ ==========================
parameter           meaning                                      example
=================== ============================================ ==========================
``region``          adcode (or unique name) at any level; a      ``510000`` finds 旺苍县's
                    province includes its prefectures/counties   articles too
``topic``           topic slug                                   ``volunteering``
``kind``            news / feature / photo                       ``news``
``published_after`` first day, inclusive (ISO date)              ``2024-01-01``
``published_before``last day, inclusive (ISO date)               ``2024-12-31``
``year``            year of ``published``                        ``2024``
``q``               every word in title or body, any case; the   ``志愿者 服务``
                    first 12 words / 200 characters (a notice
                    says when more was typed)
``source``          publication name contains (any publication   ``广元日报``
                    that printed the article, reprints included)
``o``               sort: ``[-]published``, ``[-]title``,        ``-published``
                    ``[-]region`` (adcode)
``page``            page number (not a filter; the form omits it)
=================== ============================================ ==========================

A value that does not validate is a form error shown to the user and that filter is not
applied on the page; an export (``format=json|csv``) with such a value answers 400 with the
same message instead. It never raises.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import F, Func
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .cache import cached
from .forms import ArticleFilterForm, RegionField
from .models import Article, ArticleKind, ArticleQuerySet, Region, RegionLevel, Topic, adcode_prefix

# Parameters that are state of the page but not filters: dropped from facet links etc.
NON_FILTER_PARAMS = ("page", "format")


class RegionFilter(django_filters.Filter):
    """Articles in a region's subtree (``ArticleQuerySet.in_region``)."""

    field_class = RegionField

    def filter(self, qs: ArticleQuerySet, value: Region | None) -> ArticleQuerySet:
        if value is None:
            return qs
        return qs.in_region(value.adcode)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CodepointOrder(Func):
    """A text column compared by code point: ``COLLATE "C"`` on PostgreSQL (whose
    database collation, e.g. en_US.UTF-8, would sort otherwise), SQLite's default BINARY
    elsewhere, so ``o=title`` lists the same order on both databases."""

    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template='%(expressions)s COLLATE "C"', **extra_context
        )


TEXT_ORDER_FIELDS = {"title"}


class ArticleOrderingFilter(django_filters.OrderingFilter):
    """``o`` sorting with a stable tiebreaker (newest id first) so pages never overlap,
    undated articles last in both directions and titles by code point, on SQLite and
    PostgreSQL alike."""

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            if not param:
                continue
            descending = param.startswith("-")
            field = self.param_map.get(param.lstrip("-"), param.lstrip("-"))
            expr = CodepointOrder(F(field)) if field in TEXT_ORDER_FIELDS else F(field)
            ordering.append(expr.desc(nulls_last=True) if descending else expr.asc(nulls_last=True))
        return qs.order_by(*ordering, "-pk")


SORT_CHOICES = [
    ("-published", _("最新发表")),
    ("published", _("最早发表")),
    ("title", _("标题 ↑")),
    ("-title", _("标题 ↓")),
    ("region", _("区划代码 ↑")),
    ("-region", _("区划代码 ↓")),
]


class ArticleFilter(django_filters.FilterSet):
    """Filters of ``/articles/`` (see the module docstring for the parameters)."""

    q = django_filters.CharFilter(
        method="filter_search",
        label=_("搜索"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("标题或正文中的词")}),
    )
    region = RegionFilter(
        label=_("地区"),
        widget=forms.TextInput(attrs={"placeholder": _("区划代码或名称，如 510821 或 旺苍县")}),
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        label=_("主题"),
        empty_label=_("全部主题"),
    )
    kind = django_filters.ChoiceFilter(
        choices=ArticleKind.choices, label=_("体裁"), empty_label=_("全部体裁")
    )
    published_after = django_filters.DateFilter(
        field_name="published",
        lookup_expr="gte",
        label=_("起始日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_before = django_filters.DateFilter(
        field_name="published",
        lookup_expr="lte",
        label=_("截止日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    year = YearFilter(
        field_name="published",
        lookup_expr="year",
        label=_("年份"),
        min_value=1949,
        max_value=2100,
    )
    source = django_filters.CharFilter(method="filter_source", label=_("报刊"))
    o = ArticleOrderingFilter(
        fields=(("published", "published"), ("title", "title"), ("region__adcode", "region")),
        choices=SORT_CHOICES,
        label=_("排序"),
        empty_label=_("默认（最新）"),
    )

    class Meta:
        model = Article
        fields: list[str] = []
        form = ArticleFilterForm

    def filter_search(self, qs: ArticleQuerySet, name: str, value: str) -> ArticleQuerySet:
        return qs.search(value)

    def filter_source(self, qs: ArticleQuerySet, name: str, value: str) -> ArticleQuerySet:
        return qs.in_publication(value)

    @property
    def selected_region(self) -> Region | None:
        """The region filter's cleaned value, when it validated."""
        if not self.is_valid() and "region" in self.form.errors:
            return None
        return self.form.cleaned_data.get("region")


def _english() -> bool:
    return (get_language() or "").startswith("en")


def url_with(params: QueryDict, **changes: str | int | None) -> str:
    """``?query`` with ``changes`` applied to ``params`` (``None`` removes a key) and the
    page number dropped, since a new filter starts again at page 1."""
    query = params.copy()
    for key in NON_FILTER_PARAMS:
        query.pop(key, None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)  # keeps the key's place, so links stay stable
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@dataclass
class FacetItem:
    """One link of a facet: ``label`` with ``count`` articles; ``href`` adds the filter
    (or, when ``selected``, removes it)."""

    label: str
    count: int
    href: str
    selected: bool = False


@dataclass
class Facet:
    name: str
    title: str
    items: list[FacetItem]


def child_region_counts(
    region: Region | None, counts: dict[str, int], regions: list[Region]
) -> list[tuple[Region, int]]:
    """Sum ``counts`` (``{adcode: articles}``) into the ``regions`` one level below
    ``region`` (provinces when ``region`` is None): ``[(child, count)]``, largest first,
    children without articles left out. Matching is by adcode prefix, so a county's
    articles count towards its prefecture and province."""
    prefixes = [(adcode_prefix(r.adcode), r) for r in regions]
    # Longest prefix first: a municipality's county (full code) before any shorter one.
    prefixes.sort(key=lambda pr: -len(pr[0]))
    totals: dict[int, int] = {}
    by_pk = {r.pk: r for r in regions}
    for adcode, n in counts.items():
        for prefix, child in prefixes:
            if adcode.startswith(prefix):
                totals[child.pk] = totals.get(child.pk, 0) + n
                break
    result = [(by_pk[pk], n) for pk, n in totals.items()]
    result.sort(key=lambda rn: (-rn[1], rn[0].adcode))
    return result


def region_children(region: Region | None) -> list[Region]:
    """The divisions one level below ``region``: provinces for None. One query."""
    if region is None:
        return list(Region.objects.filter(level=RegionLevel.PROVINCE))
    return list(region.children.all())


def build_facets(filterset: ArticleFilter, params: QueryDict) -> list[Facet]:
    """Facets of the current result set (``filterset.qs``), Datasette-style.

    Regions cascade: provinces when no region is selected, else the selected region's
    children (a province's prefectures, a prefecture's counties). Then topic, kind, year
    and source. Six or seven queries whatever the size of the result.
    """
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    counts = facet_counts(filterset.qs, cleaned)
    facets: list[Facet] = []

    region = filterset.selected_region
    children = region_children(region)
    if children:
        items = [
            FacetItem(child.name, n, url_with(params, region=child.adcode))
            for child, n in child_region_counts(region, counts["region"], children)
        ]
        title = _("省份") if region is None else _("下级地区")
        facets.append(Facet("region", title, items))

    topic = cleaned.get("topic")
    kind_labels = dict(ArticleKind.choices)
    facets += [
        _toggle_facet(
            "topic",
            _("主题"),
            counts["topic"],
            params,
            value=lambda row: row["topic__slug"],
            label=lambda row: row["topic__name_en"] if _english() else row["topic__name_zh"],
            selected=topic.slug if topic else None,
        ),
        _toggle_facet(
            "kind",
            _("体裁"),
            counts["kind"],
            params,
            value=lambda row: row["kind"],
            label=lambda row: str(kind_labels.get(row["kind"], row["kind"])),
            selected=cleaned.get("kind"),
        ),
        _toggle_facet(
            "year",
            _("年份"),
            counts["year"],
            params,
            value=lambda row: row["year"],
            label=lambda row: str(row["year"]),
            selected=cleaned.get("year"),
        ),
        _toggle_facet(
            "source",
            _("报刊"),
            counts["source"],
            params,
            value=lambda row: row["publication"],
            label=lambda row: row["publication"],
            selected=cleaned.get("source"),
        ),
    ]
    return [f for f in facets if f.items]


def _toggle_facet(name, title, rows, params: QueryDict, *, value, label, selected) -> Facet:
    """A facet whose items add their value as the ``name`` filter, or remove it when it is
    the one ``selected`` (keeping every other parameter)."""
    items = []
    for row in rows:
        chosen = selected is not None and selected == value(row)
        link = url_with(params, **{name: None if chosen else value(row)})
        items.append(FacetItem(label(row), row["n"], link, selected=chosen))
    return Facet(name, title, items)


def facet_counts(qs, cleaned: dict) -> dict:
    """The raw facet counts of a filtered article queryset (five GROUP BY queries), cached
    per filter under the data version (``articles.cache``): on 100,000 articles they cost
    about 200 ms, and most visitors open the same few views.

    ``cleaned`` is the filter form's cleaned data; the cache key is built from it with
    model instances by primary key and the sort order left out (it does not change counts).
    Returns ``{"region": {adcode: n}, "topic"|"kind"|"year"|"source": [row dicts]}``.
    """

    def plain(value):
        return getattr(value, "pk", value)

    key_source = repr(sorted((k, str(plain(v))) for k, v in cleaned.items() if k != "o" and v))
    key = "facets:" + hashlib.sha256(key_source.encode("utf-8")).hexdigest()[:32]
    return cached(
        key,
        lambda: {
            "region": qs.region_counts(),
            "topic": list(qs.topic_counts()),
            "kind": list(qs.kind_counts()),
            "year": list(qs.year_counts()),
            "source": list(qs.source_counts()),
        },
    )


def region_trail(region: Region | None, params: QueryDict) -> list[FacetItem]:
    """Links that widen the region filter: [all regions, province, prefecture, county],
    the last one ``selected``; empty when no region is selected. No query (the region's
    parents are joined by ``RegionField``)."""
    if region is None:
        return []
    trail = [FacetItem("", 0, url_with(params, region=None))]
    path = region.path()
    for r in path:
        trail.append(FacetItem(r.name, 0, url_with(params, region=r.adcode), r is path[-1]))
    return trail


def active_filters(filterset: ArticleFilter, params: QueryDict) -> list[FacetItem]:
    """The filters in force, each with a link that removes it (``count`` is unused, 0).

    The region chip shows the region's path (四川省 › 广元市 › 旺苍县)."""
    if not filterset.is_bound:
        return []
    chips = []
    cleaned = filterset.form.cleaned_data
    for name, field in filterset.form.fields.items():
        value = cleaned.get(name)
        if value in (None, "", []) or name == "o":
            continue
        if name == "region":
            shown = " › ".join(r.name for r in value.path())
        elif name == "kind":
            shown = str(dict(ArticleKind.choices).get(value, value))
        else:
            shown = str(value)
        chips.append(FacetItem(f"{field.label}: {shown}", 0, url_with(params, **{name: None})))
    return chips
