"""The filters, fields and orders the article list's FilterSet (``filters.ArticleFilter``)
is made of, and the cheap per-request copies of its filters and form fields
(``FilterCopies``, ``FieldCopies``, ``SharedFormClass``). Re-exported by
``articles.filters``.
"""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F, Func
from django.forms.models import ModelChoiceIterator
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .forms import (
    EchoingDateField,
    NamedRange,
    NamesInvalidValue,
    RegionField,
    StrictBooleanField,
    StrictCheckboxInput,
)
from .models import ArticleQuerySet, Region


class RegionFilter(django_filters.Filter):
    """Articles in a region's subtree (``ArticleQuerySet.in_region``)."""

    field_class = RegionField

    def filter(self, qs: ArticleQuerySet, value: Region | None) -> ArticleQuerySet:
        if value is None:
            return qs
        return qs.in_region(value.adcode)


class YearField(NamesInvalidValue, forms.IntegerField):
    """A year parameter whose error names the value it refused: the number input cannot
    hold ``abc`` and showed itself empty beside "Enter a whole number." (a new-user
    pass)."""

    default_error_messages = {
        "invalid": _("“%(value)s”不是年份：请写四位数字，如 2024。"),
    }

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
        # Django's "Ensure this value is less than or equal to 2100." named neither the
        # year refused nor the range (a new-user pass): one validator that says both.
        if min_value is not None and max_value is not None:
            self.validators = [
                v
                for v in self.validators
                if not isinstance(v, (MinValueValidator, MaxValueValidator))
            ]
            message = _("没有%(value)s年的文章：年份须在%(first)s到%(last)s之间。")
            self.validators.append(NamedRange(min_value, max_value, message))


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


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
    # names the value (Django's says "That choice is not one of the available choices."
    # and leaves the reader guessing which: a new-user pass)
    default_error_messages = {
        "invalid_choice": _("没有“%(value)s”这一项：请从列表中选择。"),
    }

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
            params={"value": Truncator(str(value)).chars(40)},  # a hostile value cut
        )


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    """``ModelChoiceFilter`` on a ``ListedChoiceField`` (one query per form)."""

    field_class = ListedChoiceField


class NamedChoiceField(django_filters.fields.ChoiceField):
    """A choice parameter whose error names the value refused, cut to 40 characters, in
    the words of ``ListedChoiceField`` ("没有“nope”这一项：请从列表中选择。"), not Django's
    "Select a valid choice. nope is not one of the available choices."; a filter may give
    its own ``invalid_choice`` message (with ``%(value)s``)."""

    default_error_messages = {
        "invalid_choice": _("没有“%(value)s”这一项：请从列表中选择。"),
    }

    def validate(self, value):
        try:
            super().validate(value)
        except forms.ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": Truncator(str(value)).chars(40)},
            ) from None


class NamedChoiceFilter(django_filters.ChoiceFilter):
    """``ChoiceFilter`` with a ``NamedChoiceField``."""

    field_class = NamedChoiceField


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
    PostgreSQL alike. An unknown order is named in the site's words
    (``NamedChoiceField``: "没有“bogus”这一项：请从列表中选择。"), not Django's "Select a
    valid choice. bogus is not one of the available choices." (a new-user pass)."""

    field_class = NamedChoiceField

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


class DateBoundFilter(django_filters.DateFilter):
    """``DateFilter`` on an ``EchoingDateField``."""

    field_class = EchoingDateField


def date_filter(field_name: str, lookup: str, label) -> django_filters.DateFilter:
    """A date bound of ``published_after``/``published_before`` (an HTML date input
    whose error names a value it refuses: ``EchoingDateField``)."""
    return DateBoundFilter(
        field_name=field_name,
        lookup_expr=lookup,
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class FilterCopies(dict):
    """A FilterSet class's ``base_filters`` whose deep copy (what every FilterSet
    instance makes of it, ``BaseFilterSet.__init__``) is a shallow copy of each filter.

    django-filter deep-copied the ten filters with their fields, widgets, lazy labels and
    querysets on every request (0.6 ms of CPU of each list page); nothing a request does
    changes a filter but its ``model`` and ``parent``, which ``BaseFilterSet.__init__``
    sets on each copy. A filter with a ``method`` gets its own ``FilterMethod`` (which
    finds the method on the copy's ``parent``), never the class's."""

    def __deepcopy__(self, memo) -> dict:
        copies = {}
        for name, original in self.items():
            fresh = copy.copy(original)
            if fresh.method is not None:
                fresh.method = fresh.method  # a FilterMethod bound to this copy
            copies[name] = fresh
        return copies


class FieldCopies(dict):
    """A filter form class's ``base_fields`` whose deep copy (what every form makes of
    them, ``BaseForm.__init__``) copies each field shallowly, sharing its widget,
    validators and error messages with the class's; a model choice field (the topic
    picker, whose queryset and rows a request sets) is still deep-copied. Nothing else
    of a field changes per request (``RefusesNul`` replaces ``validators``, it does not
    mutate the list). Deep copies of the ten fields were 0.3 ms of each list page."""

    def __deepcopy__(self, memo) -> dict:
        return {
            name: copy.deepcopy(field, memo)
            if isinstance(field, forms.ModelChoiceField)
            else copy.copy(field)
            for name, field in self.items()
        }


class SharedFormClass:
    """A FilterSet mixin (before ``django_filters.FilterSet`` in the bases): django-filter's
    form class built once per FilterSet class from the class's own filters' fields (it
    built a class of fresh fields every request: 0.3 ms of every list page). A form
    copies its class's fields (``FieldCopies``: a model choice field deeply, the others
    shallowly, sharing their widgets), so a request that changes a field's choices must
    give that field a widget of its own first. Pair it with ``FilterCopies``."""

    _form_class = None

    @classmethod
    def get_form_class(cls):
        if cls.__dict__.get("_form_class") is None:
            fields = {name: f.field for name, f in cls.base_filters.items()}
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            form_class.base_fields = FieldCopies(form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class
