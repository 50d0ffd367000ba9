"""The article list's facets (counts that add a filter when clicked), the chips of the
filters in force and the region trail, built from an ``ArticleFilter`` and the page's
query string (``filters.build_facets`` and the others are re-exported there).

Regions cascade (provinces, a province's prefectures, a prefecture's counties); then
topic, kind, year and source, counted by ``selectors.facet_counts`` (or, for a search,
by the one statement of ``ArticleFilter.read_listing``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from . import list_reads, selectors
from .article_page import CompiledRead
from .formatting import active_lang
from .models import EARLIEST_YEAR, LATEST_YEAR, ArticleKind, Region, RegionLevel, adcode_prefix
from .query_links import url_maker, url_with
from .selectors import child_region_counts

if TYPE_CHECKING:
    from .filters import ArticleFilter


def _english() -> bool:
    return active_lang() == "en"


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


@dataclass(frozen=True, slots=True)
class ChildPlace:
    """A division the region facet lists: ``pk``, ``adcode``, gazetteer ``name`` and
    ``name_en``; ``display_name`` as ``Region.display_name``."""

    pk: int
    adcode: str
    name: str
    name_en: str

    @property
    def display_name(self) -> str:
        """The English name when English is active and known, else the gazetteer's."""
        return self.name_en if self.name_en and _english() else self.name


_PLACE_COLUMNS = ("pk", "adcode", "name", "name_en")
#: The facet's divisions, each statement compiled once per thread and database
#: (``article_page.CompiledRead``): the ORM compiled it anew on every list page.
_AT_LEVEL = CompiledRead(
    lambda level: (
        Region.objects.order_by("adcode").filter(level=level).values_list(*_PLACE_COLUMNS)
    ),
    marker="\ue000level\ue000",  # no level is this
)
_CHILDREN = CompiledRead(
    lambda parent: (
        Region.objects.order_by("adcode").filter(parent_id=parent).values_list(*_PLACE_COLUMNS)
    )
)


def region_children(region: Region | None) -> list[ChildPlace]:
    """The divisions one level below ``region`` (provinces for None), by adcode, as
    plain rows (no ``Region`` instance: 34 provinces with their ``former_names`` JSON
    were 0.6 ms of every list page). One query."""
    if region is None:
        rows = _AT_LEVEL.rows(RegionLevel.PROVINCE.value)
    else:
        rows = _CHILDREN.rows(region.pk)
    return [ChildPlace(*row) for row in rows]


@dataclass
class FacetPanel:
    """What ``build_facets`` gives the list page: the ``facets`` to show and the ``total``
    number of articles the filters keep (counted by the same statement, so the page needs
    no COUNT of its own)."""

    facets: list[Facet]
    total: int


def build_facets(filterset: ArticleFilter, params: QueryDict) -> FacetPanel:
    """Facets of the current result set (``filterset.qs``), Datasette-style.

    Regions cascade: provinces when no region is selected, else the selected region's
    children (a province's prefectures, a prefecture's counties). Then topic, kind, year
    and source (``selectors.facet_counts``: two statements, cached per filter, compiled
    once per filter shape by ``list_reads`` when there is no search; for a search, the
    one statement of ``ArticleFilter.read_listing``, which also reads the page's ids).
    """
    filterset.is_valid()  # validates the form first
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    region = filterset.selected_region
    children = region_children(region)
    digits = max((len(adcode_prefix(c.adcode)) for c in children), default=6)
    values = filterset.shape_values()
    if values is not None:  # no search: statements compiled once per filter shape
        counts = selectors.facet_counts(
            articles=None,
            filters=cleaned,
            region_digits=digits,
            reads=lambda d: list_reads.facet_counts(filterset, values, d),
        )
    else:
        articles = filterset.qs  # before ``read_listing``, which reads within its filters
        listing = filterset.read_listing(digits)
        if listing is not None:  # a search: one statement, not cached (it holds the page)
            counts = listing.counts
        else:
            counts = selectors.facet_counts(
                articles=articles, filters=cleaned, region_digits=digits
            )
    facets: list[Facet] = []
    link = url_maker(params)
    if children:
        items = [
            FacetItem(child.display_name, n, link("region", child.adcode))
            for child, n in child_region_counts(region, counts.region, children)
        ]
        facets.append(Facet("region", _("省份") if region is None else _("下级地区"), items))
    topic = cleaned.get("topic")
    kinds = dict(ArticleKind.choices)
    english = _english()
    facets += [
        _toggle_facet(
            "topic",
            _("主题"),
            counts.topic,
            link,
            label=lambda row: row.label_en if english else row.label_zh,
            selected=topic.slug if topic else None,
        ),
        _toggle_facet(
            "kind",
            _("体裁"),
            counts.kind,
            link,
            label=lambda row: str(kinds.get(row.value, row.value)),
            selected=cleaned.get("kind"),
        ),
        _toggle_facet(
            "year",
            _("年份"),
            # a year the filter refuses (a page stored before ingest checked dates) would
            # link to a 400
            [row for row in counts.year if EARLIEST_YEAR <= row.value <= LATEST_YEAR],
            link,
            selected=cleaned.get("year"),
        ),
        _toggle_facet("source", _("报刊"), counts.source, link, selected=cleaned.get("source")),
    ]
    return FacetPanel([f for f in facets if f.items], counts.total)


def _toggle_facet(name, title, rows, link, *, selected, label=None) -> Facet:
    """A facet whose items (``selectors.FacetCount``) add their value as the ``name``
    filter, or remove it when it is the one ``selected`` (keeping every other parameter;
    ``link`` is the page's ``url_maker``)."""
    items = []
    for row in rows:
        chosen = selected is not None and selected == row.value
        href = link(name, None if chosen else row.value)
        text = label(row) if label else str(row.label_zh)
        items.append(FacetItem(text, row.n, href, selected=chosen))
    return Facet(name, title, items)


def region_trail(region: Region | None, params: QueryDict) -> list[FacetItem]:
    """Links that widen the region filter: [all regions, province, prefecture, county],
    the last one ``selected``; empty when no region is selected. No query (the region's
    parents are joined by ``RegionField``)."""
    if region is None:
        return []
    trail = [FacetItem("", 0, url_with(params, region=None))]
    path = region.path()
    for r in path:
        trail.append(FacetItem(r.display_name, 0, url_with(params, region=r.adcode), r is path[-1]))
    return trail


#: The characters of a typed value a filter chip shows.
CHIP_CHARS = 30


def active_filters(filterset: ArticleFilter, params: QueryDict) -> list[FacetItem]:
    """The filters in force, each with a link that removes it (``count`` is unused, 0).

    The region chip shows the region's path (四川省 › 广元市 › 旺苍县); a typed value is cut
    to ``CHIP_CHARS`` characters."""
    if not filterset.is_bound:
        return []
    chips = []
    cleaned = filterset.form.cleaned_data
    for name, field in filterset.form.fields.items():
        value = cleaned.get(name)
        if value in (None, "", [], False) or name == "o":
            continue
        if name == "verified":
            chips.append(FacetItem(str(field.label), 0, url_with(params, verified=None)))
            continue
        if name == "region":
            shown = " › ".join(r.display_name for r in value.path())
        elif name == "kind":
            shown = str(dict(ArticleKind.choices).get(value, value))
        else:
            # a typed value (a search, a publication) is cut: 1,500 x's stretched a phone's
            # page to 14,000 px (a new-user pass); the box above holds it whole
            shown = Truncator(str(value)).chars(CHIP_CHARS)
        chips.append(FacetItem(f"{field.label}: {shown}", 0, url_with(params, **{name: None})))
    return chips
