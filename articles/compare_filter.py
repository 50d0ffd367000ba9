"""Compare's FilterSet (``/compare/``): the indicator, level, within, regions, topic,
date, per-resident and view parameters, each a form field, so a bad one is a form error
shown on the page (HTTP 400) and never a 500; the pickers' choices; the level links.
Re-exported by ``filters``, whose date-range rule (``forms.DateRangeForm``) it shares.
"""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from . import selectors
from .cache import derived
from .facets import FacetItem
from .filter_parts import (
    FilterCopies,
    NamedChoiceFilter,
    SharedFormClass,
    date_filter,
    verified_filter,
)
from .formatting import active_lang, unit_name
from .forms import CanonicalChoices, DateRangeForm, QuickSelect, RegionListField
from .indicator_lookup import indicator_by_slug
from .models import Metric, RegionLevel
from .names import reader_sort_key
from .query_links import url_with
from .script_data import json_script
from .selectors import Per, View


def _english() -> bool:
    return (get_language() or "").startswith("en")


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


def indicator_choices(coverage: list[selectors.CoverageRow]) -> list[tuple[str, str]]:
    """The indicator picker's ``(slug, indicator_label)`` options, by name in the active
    language, in the reader's order (``names.reader_sort_key``: pinyin for Chinese)."""
    lang = active_lang()
    by_name = sorted(coverage, key=lambda r: reader_sort_key(r.name, lang))
    return [(r.slug, indicator_label(r)) for r in by_name]


def per_choices(coverage: list[selectors.CoverageRow]) -> dict[str, list[str]]:
    """``{indicator slug: [the per values its unit takes]}``: every indicator takes the
    total; persons (人, 人次) also per 1,000 residents, money (元) also per resident
    (``compare_result._check_per``'s rule). ``static/js/per-options.js`` disables the
    others in the form's "口径" list for the indicator chosen: both ratios were offered
    for every indicator and refused after the submit (a new-user pass)."""
    from .compare_result import MONEY_UNITS, PERSON_UNITS, Per

    allowed = {}
    for row in coverage:
        pers = [Per.TOTAL]
        if row.unit in PERSON_UNITS:
            pers.append(Per.PER_1000)
        if row.unit in MONEY_UNITS:
            pers.append(Per.PER_RESIDENT)
        allowed[row.slug] = pers
    return allowed


def per_allowed_script(coverage: list[selectors.CoverageRow]) -> SafeString:
    """``per_choices(coverage)`` as the page's ``<script type="application/json"
    id="per-allowed">``, made once per process for the coverage rows read
    (``cache.derived``): the JSON of 150 indicators was 0.17 ms of every compare page."""
    return derived(
        "per-allowed", tuple(coverage), lambda: json_script(per_choices(coverage), "per-allowed")
    )


def topic_choices(topics: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str]]:
    """The topic picker's ``(slug, name)`` options from ``(slug, name_zh, name_en)`` rows
    in the catalogue's order: kept in Chinese, by name in English (``Topic.name``)."""
    if not _english():
        return [(slug, zh) for slug, zh, _en in topics]
    named = [(slug, en) for slug, _zh, en in topics]
    return sorted(named, key=lambda option: option[1].casefold())


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


class CompareFilter(SharedFormClass, django_filters.FilterSet):
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

    indicator = NamedChoiceFilter(
        error_messages={"invalid_choice": _("没有“%(value)s”这一指标的数据：请从列表中选择。")},
        widget=QuickSelect,
        field_name="indicator__slug",
        label=_("指标"),
        empty_label=_("请选择指标"),
    )
    level = NamedChoiceFilter(
        widget=QuickSelect,
        field_name="region__level",
        label=_("地区级别"),
        choices=RegionLevel.choices,
        empty_label=_("自动（有数据的最细级别）"),
    )
    within = NamedChoiceFilter(
        widget=QuickSelect,
        method="filter_within",
        # a county's code (?within=510821) read "Select a valid choice"
        error_messages={"invalid_choice": _("“%(value)s”不能作为范围：请选择一个省级或地级地区。")},
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
    topic = NamedChoiceFilter(
        widget=QuickSelect,
        field_name="article__topic__slug",
        label=_("主题"),
        empty_label=_("全部主题"),
    )
    published_after = date_filter("article__published", "gte", _("发表日期起"))
    published_before = date_filter("article__published", "lte", _("发表日期止"))
    per = NamedChoiceFilter(
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
    view = NamedChoiceFilter(
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
        for name in ("indicator", "within", "topic"):  # their choices are this request's:
            fields[name].widget = copy.copy(fields[name].widget)  # not the shared widget
        # ChoiceFilter puts its empty_label first itself: the choices are the options only.
        # Each picker's choices are built once per process for the rows read and the
        # language (``cache.derived``), the same ``CanonicalChoices`` each time.
        language = get_language()
        fields["indicator"].choices = derived(
            f"compare-indicators:{language}",
            (language, tuple(coverage)),
            lambda: CanonicalChoices(indicator_choices(coverage)),
        )
        within = selectors.within_choices()
        fields["within"].choices = derived(
            f"compare-within:{language}", (language, within), lambda: CanonicalChoices(within)
        )
        # Chinese: the catalogue's order (``Topic.Meta.ordering``)
        topics = selectors.topic_rows()
        fields["topic"].choices = derived(
            f"compare-topics:{language}",
            (language, topics),
            lambda: CanonicalChoices(topic_choices(topics)),
        )

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
            "indicator": indicator_by_slug(data["indicator"]),
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


CompareFilter.base_filters = FilterCopies(CompareFilter.base_filters)
