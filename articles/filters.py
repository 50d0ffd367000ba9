"""The article list's FilterSet (its parts in ``filter_parts``, its facets, counts that
add a filter when clicked, in ``facets``; both re-exported here) and, re-exported from
``compare_filter``, compare's.

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
that does not exist is a 400 naming it (``requested_page``, ``BadPage``), as any other
bad parameter. ``CompareFilter`` drives ``/compare/``
the same way (same date-range rule, from ``forms.DateRangeForm``).
"""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import search, search_listing, shaped_reads
from .compare_filter import (  # noqa: F401 (re-exported: ``filters.CompareFilter``)
    CompareFilter,
    CompareFilterForm,
    RegionListFilter,
    indicator_choices,
    indicator_label,
    level_links,
    per_choices,
    topic_choices,
)
from .facets import (  # noqa: F401 (the list's facets, re-exported: ``filters.build_facets``)
    ChildPlace,
    Facet,
    FacetItem,
    FacetPanel,
    active_filters,
    build_facets,
    region_children,
    region_trail,
)
from .filter_parts import (  # noqa: F401 (re-exported: ``filters.is_verified``, ...)
    DEFAULT_ORDER,
    SORT_CHOICES,
    TEXT_ORDER_FIELDS,
    ArticleOrderingFilter,
    CheckboxFilter,
    CodepointOrder,
    FieldCopies,
    FilterCopies,
    ListedChoiceField,
    ListedChoiceFilter,
    ListedChoices,
    NamedChoiceFilter,
    RegionFilter,
    SharedFormClass,
    YearFilter,
    date_filter,
    is_verified,
    verified_filter,
)
from .form_renderer import QUICK_INPUTS
from .forms import (
    ArticleFilterForm,
    QuickSelect,
)
from .models import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    REVIEWED_STATUSES,
    Article,
    ArticleKind,
    ArticleQuerySet,
    Metric,
    Region,
    Topic,
    adcode_prefix,
)
from .query_links import url_with  # noqa: F401 (re-exported: ``filters.url_with``)
from .selectors import Per, View, child_region_counts  # noqa: F401 (re-exported)

#: Articles per page of the list (``views.lists.PAGE_SIZE``).
LIST_PAGE_SIZE = 25


class ArticleFilter(SharedFormClass, django_filters.FilterSet):
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
    kind = NamedChoiceFilter(
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
        if search.query_runs(self.data.get("q") or ""):
            # a search's default order puts headline matches first: say so. The form's
            # field is a shallow copy sharing the class's widget (``FieldCopies``): this
            # request's label goes on copies of its own.
            order = self.form.fields["o"]
            order.widget = copy.copy(order.widget)
            order.empty_label = _("标题命中在前，再按最新")
            order.choices = order.choices.choices

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

    def shape_values(self) -> dict | None:
        """The cleaned filters in the order ``filter_queryset`` applies them, for the
        list's statements compiled once per shape (``list_reads``); a search that does
        not run (no letter or digit) left out, as it filters nothing. None for a search
        that runs (its ids are no filter value) or a value ``shaped_reads`` does not
        place. Call after validating."""
        if self._shape_values is not False:  # the facets and the page both ask
            return self._shape_values
        data = self.form.cleaned_data
        values = None
        if not search.query_runs(data.get("q") or ""):
            values = {name: value for name, value in data.items() if name not in self.LAST}
            if "o" in data:
                values["o"] = data["o"]
            if shaped_reads.shape_of(values) is None:
                values = None
        self._shape_values = values
        return values

    _shape_values: dict | None | bool = False  # not worked out yet

    def marked_queryset(self, marked) -> ArticleQuerySet:
        """``filter_queryset`` of ``marked`` (``shape_values``' names, markers for values)
        on this FilterSet's queryset."""
        queryset = self.queryset
        for name, value in marked.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

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


ArticleFilter.base_filters = FilterCopies(ArticleFilter.base_filters)


class BadPage(forms.ValidationError):
    """A ``?page=`` (or ``?mpage=``, ``?p=``) that names no page: not a whole number from
    1 up, or beyond the last page. ``param`` is the parameter's name. Raised by
    ``requested_page`` and the paginators and answered by
    ``govreports.middleware.BadPageMiddleware`` as every other bad parameter is: a 400
    naming the parameter (``articles/bad_param.html``), JSON errors for an export."""

    def __init__(self, message, *, param: str = "page", code: str = "invalid", params=None):
        super().__init__(message, code=code, params=params)
        self.param = param


def requested_page(value: str | None, *, param: str = "page") -> int:
    """``?page=`` as a page number: absent (or empty) is page 1; anything but a whole
    number from 1 up (``0``, ``-1``, ``abc``) raises ``BadPage`` (a 400 naming ``param``).
    A number beyond the last page is checked against the count where that is known
    (``page_beyond_last``)."""
    if value in (None, ""):
        return 1
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise BadPage(_("须为从 1 起的整数页码。"), param=param)
    return number


def page_beyond_last(number: int, pages: int, *, param: str = "page") -> None:
    """Raise ``BadPage`` when page ``number`` is beyond the last of ``pages`` (page 1
    always exists, empty or not)."""
    if number > max(pages, 1):
        raise BadPage(
            _("没有第 %(number)s 页：最后一页是第 %(pages)s 页。"),
            param=param,
            code="out_of_range",
            params={"number": number, "pages": max(pages, 1)},
        )


def _english() -> bool:
    return (get_language() or "").startswith("en")


def errors_json(form: forms.Form) -> dict:
    """A form's errors as the exports' 400 body: ``{"errors": {field or "__all__":
    [{"message", "code"}]}}`` (messages in the active language)."""
    return {"errors": form.errors.get_json_data()}
