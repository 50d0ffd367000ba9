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
``q``               every term in headline or body, on the       ``志愿者 服务``
                    index (``articles.search``), headline hits
                    first; at most 8 terms / 100 characters (a
                    notice says when more was typed)
``source``          publication name contains (any publication   ``广元日报``
                    that printed the article, reprints included)
``verified``        ``1``: reviewed metrics only (approved or    ``1``
                    corrected); articles with at least one
``o``               sort: ``[-]published``, ``[-]title``,        ``-published``
                    ``[-]region`` (adcode)
``page``            page number (not a filter; the form omits it)
=================== ============================================ ==========================

A value that does not validate is a form error shown to the user, and the FilterSet does
not apply that filter; it never raises. The list page then lists no article
(``views.lists``: no list passes for the result of a bad filter; an unknown ``o`` only
falls back to the default order), and exports (``?format=csv|json``) refuse invalid
filters with HTTP 400 and the errors (``errors_json``), on every page. ``verified`` takes
1/true/on or 0/false/off/empty, nothing else (``forms.StrictBooleanField``). A ``page``
that does not exist is a 404 (``requested_page``), as Django's ``ListView`` answers. ``CompareFilter`` drives ``/compare/``
the same way (same date-range rule, from ``forms.DateRangeForm``).
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Case, Exists, F, Func, IntegerField, OuterRef, Value, When
from django.forms.models import ModelChoiceIterator
from django.http import Http404, QueryDict
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from . import search, search_listing, selectors
from .form_renderer import QUICK_INPUTS
from .formatting import unit_name
from .forms import (
    ArticleFilterForm,
    CanonicalChoices,
    DateRangeForm,
    QuickSelect,
    RegionField,
    RegionListField,
    StrictBooleanField,
    StrictCheckboxInput,
)
from .models import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    REVIEWED_STATUSES,
    Article,
    ArticleKind,
    ArticleQuerySet,
    Indicator,
    Metric,
    Region,
    RegionLevel,
    Topic,
    adcode_prefix,
)
from .query_links import NON_FILTER_PARAMS, url_maker
from .selectors import Per, View, child_region_counts

#: Articles per page of the list (``views.lists.PAGE_SIZE``).
LIST_PAGE_SIZE = 25


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


class ListedChoices(ModelChoiceIterator):
    """The options of a model choice field read with one plain query: Django's iterator
    opens a server-side cursor on PostgreSQL (``DECLARE ... WITH HOLD`` and a fetch: a
    millisecond more for the topic picker's dozen rows on every list page). With a
    ``ListedChoiceField``, its rows (read once for validation and options)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.field.rows() if hasattr(self.field, "rows") else self.queryset.all()
        for obj in rows:
            yield self.choice(obj)


class ListedChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice field for a short table (the dozen topics) that reads its rows once
    per form: the chosen value is looked up among the rows the options show, so the list
    page validates ``?topic=`` and renders the picker with one query instead of a
    ``get()`` and a listing. Same errors as ``ModelChoiceField`` (``invalid_choice``)."""

    iterator = ListedChoices

    def rows(self) -> list:
        """The queryset's rows, read on first use (again if ``queryset`` is replaced)."""
        listed = getattr(self, "_listed", None)
        if listed is None or listed[0] is not self.queryset:
            listed = self._listed = (self.queryset, list(self.queryset))
        return listed[1]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for obj in self.rows():
            if str(getattr(obj, key)) == str(value):
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    """``ModelChoiceFilter`` on a ``ListedChoiceField`` (one query per form)."""

    field_class = ListedChoiceField


class CheckboxFilter(django_filters.Filter):
    """A filter read from a checkbox (``forms.StrictBooleanField``: absent, empty, 0 or
    false is false, 1 or true is true, any other value a form error)."""

    field_class = StrictBooleanField


def verified_filter() -> django_filters.Filter:
    """``?verified=1``: a checkbox; true keeps reviewed metrics only (the filter's
    ``method`` decides what that means for the FilterSet's rows)."""
    return CheckboxFilter(
        method="filter_verified",
        label=_("仅已审核数据"),
        widget=StrictCheckboxInput(attrs={"value": "1"}),
    )


def is_verified(filterset) -> bool:
    """True when the FilterSet's ``verified`` is set and valid."""
    return filterset.is_valid() and bool(filterset.form.cleaned_data.get("verified"))


class ArticleOrderingFilter(django_filters.OrderingFilter):
    """``o`` sorting with a stable tiebreaker (newest id first) so pages never overlap,
    undated articles last in both directions and titles by code point, on SQLite and
    PostgreSQL alike."""

    def filter(self, qs, value):
        if not value or not any(value):
            first = ("-title_hit",) if "title_hit" in qs.query.annotations else ()
            return qs.order_by(*first, *DEFAULT_ORDER)
        ordering = []
        for param in value:
            if not param:
                continue
            descending = param.startswith("-")
            field = self.param_map.get(param.lstrip("-"), param.lstrip("-"))
            expr = CodepointOrder(F(field)) if field in TEXT_ORDER_FIELDS else F(field)
            ordering.append(expr.desc(nulls_last=True) if descending else expr.asc(nulls_last=True))
        return qs.order_by(*ordering, "-pk")


#: The list's order without ``o``: newest first, undated last, then newest id (total).
DEFAULT_ORDER = (F("published").desc(nulls_last=True), "-pk")

SORT_CHOICES = [
    ("-published", _("最新发表")),
    ("published", _("最早发表")),
    ("title", _("标题 ↑")),
    ("-title", _("标题 ↓")),
    ("region", _("区划代码 ↑")),
    ("-region", _("区划代码 ↓")),
]


def date_filter(field_name: str, lookup: str, label) -> django_filters.DateFilter:
    """A date bound of ``published_after``/``published_before`` (an HTML date input)."""
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup,
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


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
    topic = ListedChoiceFilter(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        label=_("主题"),
        empty_label=_("全部主题"),
        widget=QuickSelect,
    )
    kind = django_filters.ChoiceFilter(
        choices=ArticleKind.choices, label=_("体裁"), empty_label=_("全部体裁"), widget=QuickSelect
    )
    published_after = date_filter("published", "gte", _("起始日期"))
    published_before = date_filter("published", "lte", _("截止日期"))
    year = YearFilter(
        field_name="published",
        lookup_expr="year",
        label=_("年份"),
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
    )
    source = django_filters.CharFilter(method="filter_source", label=_("报刊"))
    verified = verified_filter()
    o = ArticleOrderingFilter(
        fields=(("published", "published"), ("title", "title"), ("region__adcode", "region")),
        choices=SORT_CHOICES,
        label=_("排序"),
        empty_label=_("默认（最新）"),
        widget=QuickSelect,
    )

    class Meta:
        model = Article
        fields: list[str] = []
        form = ArticleFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.renderer = QUICK_INPUTS  # its six <input>s built in Python, not templates
        if _english():  # the topic picker in the reader's language's order
            self.form.fields["topic"].queryset = Topic.objects.order_by("name_en")

    _form_class = None

    @classmethod
    def get_form_class(cls):
        """django-filter's form class, built once per FilterSet class from the class's
        own filters' fields (it built a class of fresh fields every request: 0.3 ms of
        every list page). A form deep-copies its class's fields, so no request's changes
        (the topic picker's queryset) reach another."""
        if cls.__dict__.get("_form_class") is None:
            fields = {name: f.field for name, f in cls.base_filters.items()}
            cls._form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
        return cls._form_class

    #: Filters applied after every other one: the search (so ``unsearched`` holds what the
    #: others keep) and the order (which puts headline hits first).
    LAST = ("q", "o")

    def filter_queryset(self, queryset):
        """django-filter's loop over the cleaned filters, with ``LAST`` last; keeps the
        queryset of the other filters as ``unsearched`` (the search list reads within it)."""
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in self.LAST:
                queryset = self.filters[name].filter(queryset, value)
        self.unsearched = queryset
        for name in self.LAST:
            if name in data:
                queryset = self.filters[name].filter(queryset, data[name])
        return queryset

    def filter_search(self, qs: ArticleQuerySet, name: str, value: str) -> ArticleQuerySet:
        """Articles matching ``q`` on the index (``articles.search``, searched at most once
        per request, and only if this queryset is read: the list page reads a search
        through ``search_listing``), headline hits flagged ``title_hit`` so the default
        order shows them first."""
        if not search.query_runs(value):
            return qs
        self.search_q = value
        found, in_title = search.matched_ids(value)
        return qs.filter(pk__in=found).annotate(
            title_hit=Case(
                When(pk__in=in_title, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )

    search_q = ""
    listing: search_listing.Listing | None = None

    def listing_order(self) -> tuple[bool, str | tuple[str, ...] | None]:
        """``(readable, order)``: whether ``search_listing`` reads the list's order
        (always: every valid ``o`` is one it reads), and its ``order`` there. No valid
        ``o`` is the model's order (newest first), an empty one headline hits first."""
        data = self.form.cleaned_data
        if "o" not in data:
            return True, "-published"
        value = tuple(v for v in (data["o"] or []) if v)
        if not value:
            return True, None
        try:
            return True, search_listing.order_keys(value)
        except KeyError:
            return False, None

    #: Filters read on the index's copies of the article's columns
    #: (``search_listing.IndexKeys``), not as ``within``.
    INDEX_KEYS = (
        "region",
        "topic",
        "kind",
        "year",
        "published_after",
        "published_before",
        "source",
    )

    def index_keys(self) -> search_listing.IndexKeys:
        """The cleaned filters of ``INDEX_KEYS`` as ``search_listing.IndexKeys``."""
        data = self.form.cleaned_data
        region, topic = data.get("region"), data.get("topic")
        return search_listing.IndexKeys(
            region=adcode_prefix(region.adcode) if region is not None else None,
            topic_id=topic.pk if topic is not None else None,
            kind=data.get("kind") or None,
            year=data.get("year"),
            after=data.get("published_after"),
            before=data.get("published_before"),
            source=data.get("source") or None,
        )

    def read_listing(self, region_digits: int) -> search_listing.Listing | None:
        """The page of a search in one statement (``search_listing.read``), kept as
        ``listing``; None when there is no search or ``listing_order`` says the order is
        not one it reads. The filters of ``INDEX_KEYS`` are read on the index, the
        other (reviewed-only) as a subquery of ids. Call after ``qs``."""
        readable, order = self.listing_order()
        if not self.search_q or not readable:
            return None
        number = requested_page(self.data.get("page"))
        others = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name not in self.LAST and name not in self.INDEX_KEYS:
                others = self.filters[name].filter(others, value)
        within = None
        if others.query.where:
            ids = others.order_by().values("pk")
            within = ids.query.get_compiler(using=ids.db).as_sql()
        self.listing = search_listing.read(
            self.search_q,
            using=self.unsearched.db,
            within=within,
            keys=self.index_keys(),
            region_digits=region_digits,
            order=order,
            offset=(number - 1) * LIST_PAGE_SIZE,
            limit=LIST_PAGE_SIZE,
        )
        self.listing_number = number
        return self.listing

    def filter_source(self, qs: ArticleQuerySet, name: str, value: str) -> ArticleQuerySet:
        return qs.in_publication(value)

    def filter_verified(self, qs: ArticleQuerySet, name: str, value: bool) -> ArticleQuerySet:
        """Articles with at least one approved or corrected metric."""
        if not value:
            return qs
        reviewed = Metric.objects.filter(article=OuterRef("pk"), status__in=REVIEWED_STATUSES)
        return qs.filter(Exists(reviewed))

    @property
    def selected_region(self) -> Region | None:
        """The region filter's cleaned value, when it validated."""
        if not self.is_valid() and "region" in self.form.errors:
            return None
        return self.form.cleaned_data.get("region")


def requested_page(value: str | None) -> int:
    """``?page=`` as a page number: absent (or empty) is page 1; anything but a whole
    number from 1 up raises ``Http404``, as Django's ``ListView`` answers an invalid page
    (``0``, ``-1``, ``abc``). A number beyond the last page is checked against the count
    where that is known (``views.lists.paginate``)."""
    if value in (None, ""):
        return 1
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404(f"invalid page {value!r}") from None
    if number < 1:
        raise Http404(f"invalid page {value!r}")
    return number


def _english() -> bool:
    return (get_language() or "").startswith("en")


def url_with(params: QueryDict, **changes: str | int | None) -> str:
    """``?query`` with ``changes`` applied to ``params`` (``None`` removes a key) and the
    page number dropped, since a new filter starts again at page 1."""
    query = QueryDict(mutable=True)  # not ``params.copy()``: a deepcopy per facet link
    for key, values in params.lists():
        if key not in NON_FILTER_PARAMS:
            query.setlist(key, list(values))
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


def region_children(region: Region | None) -> list[ChildPlace]:
    """The divisions one level below ``region`` (provinces for None), by adcode, as
    plain rows (no ``Region`` instance: 34 provinces with their ``former_names`` JSON
    were 0.6 ms of every list page). One query."""
    rows = Region.objects.order_by("adcode")
    if region is None:
        rows = rows.filter(level=RegionLevel.PROVINCE)
    else:
        rows = rows.filter(parent_id=region.pk)
    return [ChildPlace(*row) for row in rows.values_list("pk", "adcode", "name", "name_en")]


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
    and source (``selectors.facet_counts``: two statements, cached per filter; for a
    search, the one statement of ``ArticleFilter.read_listing``, which also reads the
    page's ids).
    """
    articles = filterset.qs  # validates the form first
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    region = filterset.selected_region
    children = region_children(region)
    digits = max((len(adcode_prefix(c.adcode)) for c in children), default=6)
    listing = filterset.read_listing(digits)
    if listing is not None:  # a search: one statement, not cached (it holds the page too)
        counts = listing.counts
    else:
        counts = selectors.facet_counts(articles=articles, filters=cleaned, region_digits=digits)
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


def active_filters(filterset: ArticleFilter, params: QueryDict) -> list[FacetItem]:
    """The filters in force, each with a link that removes it (``count`` is unused, 0).

    The region chip shows the region's path (四川省 › 广元市 › 旺苍县)."""
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
            shown = str(value)
        chips.append(FacetItem(f"{field.label}: {shown}", 0, url_with(params, **{name: None})))
    return chips


def level_links(result, params: QueryDict) -> list[FacetItem]:
    """Links to each level of a ``selectors.CompareResult`` (finest first): label '县级',
    ``count`` regions with a value, ``selected`` for the level shown. Levels without data
    are left out unless shown. A per-resident ratio exists for counties only, so a link
    to another level drops ``per``. No query."""
    labels = dict(RegionLevel.choices)
    links = []
    for level, n in result.level_counts.items():
        if not n and level != result.level:
            continue
        per = params.get("per") if level == RegionLevel.COUNTY else None
        href = url_with(params, level=level, per=per)
        links.append(FacetItem(str(labels[level]), n, href, level == result.level))
    return links


def errors_json(form: forms.Form) -> dict:
    """A form's errors as the exports' 400 body: ``{"errors": {field or "__all__":
    [{"message", "code"}]}}`` (messages in the active language)."""
    return {"errors": form.errors.get_json_data()}


# --------------------------------------------------------------------------- compare


def indicator_label(row: selectors.CoverageRow) -> str:
    """The indicator picker's option for ``row``: name, unit and regions with data, in
    the active language ('实名注册志愿者（人）· 12个地区' / 'Registered volunteers
    (persons) · 12 regions'); units through ``formatting.unit_name``."""
    return ngettext(
        "%(name)s（%(unit)s）· %(count)s个地区",
        "%(name)s（%(unit)s）· %(count)s个地区",
        row.regions,
    ) % {"name": row.name, "unit": unit_name(row.unit), "count": row.regions}


class CompareFilterForm(DateRangeForm):
    """Form of ``CompareFilter``: the date-range rule of every list, and per-resident
    ratios only at county level (the census figures are per county)."""

    def clean(self):
        data = super().clean()
        data["per"] = data.get("per") or Per.TOTAL
        if data["per"] != Per.TOTAL and not data.get("level"):
            data["level"] = RegionLevel.COUNTY  # populations exist for counties only
        if data["per"] != Per.TOTAL and data.get("level") != RegionLevel.COUNTY:
            self.add_error("per", _("按常住人口换算只适用于县级地区：请把“地区级别”选为县级。"))
        data["view"] = data.get("view") or View.LATEST
        if data["view"] == View.CHANGE and data["per"] != Per.TOTAL:
            self.add_error("view", _("变化视图比较总量：请把“口径”选为总量。"))
        return data


class RegionListFilter(django_filters.CharFilter):
    """``regions=``: any set of regions (``forms.RegionListField``); ``compare_rows``
    keeps them, so the queryset is left alone."""

    field_class = RegionListField

    def filter(self, qs, value):
        return qs


class CompareFilter(django_filters.FilterSet):
    """``/compare/``: ``indicator`` (slug of an indicator with data), ``level``,
    ``within`` (a province or prefecture adcode), ``regions`` (any set: names or adcodes,
    comma separated), ``topic``, ``published_after`` /
    ``published_before``, ``per`` (total, per_1000, per_resident), ``view`` (latest, or
    change: previous and latest value side by side).

    ``qs`` is the metrics the chosen filters keep (indicator, topic, dates);
    ``compare_args()`` gives ``selectors.compare_rows`` its arguments. Choices are read
    once per request: topics and the province/prefecture list (2 queries) beside
    ``coverage`` (``selectors.indicator_coverage``, cached).
    """

    indicator = django_filters.ChoiceFilter(
        widget=QuickSelect,
        field_name="indicator__slug",
        label=_("指标"),
        empty_label=_("请选择指标"),
    )
    level = django_filters.ChoiceFilter(
        widget=QuickSelect,
        field_name="region__level",
        label=_("地区级别"),
        choices=RegionLevel.choices,
        empty_label=_("自动（有数据的最细级别）"),
    )
    within = django_filters.ChoiceFilter(
        widget=QuickSelect,
        method="filter_within",
        label=_("范围"),
        null_label=None,
        empty_label=None,
    )
    regions = RegionListFilter(
        label=_("指定地区（可选）"),
        widget=forms.TextInput(
            attrs={
                "placeholder": _("名称或区划代码，用逗号分隔"),
                "autocomplete": "off",
            }
        ),
    )
    topic = django_filters.ChoiceFilter(
        widget=QuickSelect,
        field_name="article__topic__slug",
        label=_("主题"),
        empty_label=_("全部主题"),
    )
    published_after = date_filter("article__published", "gte", _("发表日期起"))
    published_before = date_filter("article__published", "lte", _("发表日期止"))
    per = django_filters.ChoiceFilter(
        widget=QuickSelect,
        method="filter_per",
        label=_("口径"),
        empty_label=None,
        choices=[
            (Per.TOTAL, _("总量")),
            (Per.PER_1000, _("每千名常住人口（人数，县级）")),
            (Per.PER_RESIDENT, _("人均（金额，县级）")),
        ],
    )
    view = django_filters.ChoiceFilter(
        widget=QuickSelect,
        method="filter_per",
        label=_("视图"),
        empty_label=None,
        choices=[(View.LATEST, _("最新值")), (View.CHANGE, _("变化（上一值→最新值）"))],
    )
    verified = verified_filter()

    class Meta:
        model = Metric
        fields: list[str] = []
        form = CompareFilterForm

    def __init__(self, data=None, *args, coverage: list, **kwargs):
        super().__init__(data, *args, queryset=Metric.objects.observed(), **kwargs)
        self.coverage = coverage
        fields = self.form.fields
        # ChoiceFilter puts its empty_label first itself: the choices are the options only
        by_name = sorted(coverage, key=lambda r: r.name.casefold())  # the reader's language
        indicators = [(r.slug, indicator_label(r)) for r in by_name]
        fields["indicator"].choices = CanonicalChoices(indicators)
        fields["within"].choices = CanonicalChoices(selectors.within_choices())
        topics = list(Topic.objects.all())  # Chinese: the catalogue's order
        if _english():
            topics.sort(key=lambda t: t.name.casefold())
        fields["topic"].choices = CanonicalChoices((t.slug, t.name) for t in topics)

    def filter_within(self, qs, name, value):
        return qs.at_level(within=value) if value else qs

    def filter_verified(self, qs, name, value):
        return qs.shown(verified=True) if value else qs

    def filter_per(self, qs, name, value):
        return qs  # a ratio changes the rows' values, not which metrics are read

    @property
    def chosen(self) -> bool:
        """True when the query string names a valid indicator (there is a chart to draw)."""
        return self.is_valid() and bool(self.form.cleaned_data.get("indicator"))

    def compare_args(self) -> dict:
        """Keyword arguments of ``selectors.compare_rows`` (call only when ``chosen``)."""
        data = self.form.cleaned_data
        return {
            "indicator": Indicator.objects.get(slug=data["indicator"]),
            "level": data.get("level") or None,
            "within": data.get("within") or None,
            "regions": data.get("regions") or None,
            "topic": data.get("topic") or None,
            "published_after": data.get("published_after"),
            "published_before": data.get("published_before"),
            "per": data["per"],
            "verified": bool(data.get("verified")),
            "view": data["view"],
        }
