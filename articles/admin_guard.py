"""Admin pages that hostile query strings cannot break (issue 12).

``GuardedModelAdmin`` is the base of every ModelAdmin of the project:

- its search (changelist and autocomplete) keeps at most ``articles.querytext``'s number
  of terms and characters: Django ORs every search field per term and ANDs the terms, so
  a thousand words made SQLite fail (``Expression tree is too large``, ``LIKE or GLOB
  pattern too complex``) and PostgreSQL run for seconds. The changelist says when it cut;
- its deletes (one object or a selection) recompute the indicator coverage of the metrics
  they cascade to once, at the end, in the same transaction (``articles.aggregates``),
  instead of once per deleted metric;
- its changelist treats filter values the database cannot take
  (``?published__year=99999999999999999999`` raised ``OverflowError``) as Django treats
  other bad lookups: ``IncorrectLookupParameters``, i.e. a redirect to ``?e=1``, never a 500.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import DataError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .aggregates import batch
from .querytext import MAX_SEARCH_CHARS, MAX_SEARCH_TERMS, bound_search

# What a filter value the database or the date arithmetic cannot take raises: a year of 20
# digits, an id beyond 64 bits, a date past 9999.
BAD_VALUE_ERRORS = (OverflowError, ValueError, DataError)


class GuardedChangeList(ChangeList):
    """A ChangeList that reports unusable filter values as ``IncorrectLookupParameters``."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except BAD_VALUE_ERRORS as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            super().get_results(request)
        except BAD_VALUE_ERRORS as error:
            raise IncorrectLookupParameters(error) from error


class GuardedModelAdmin(admin.ModelAdmin):
    """ModelAdmin with a bounded search and a ChangeList that never 500s on a filter
    value (see the module docstring); every list's headings may wrap
    (``css/admin-values.css``, which subclasses' own Media extend)."""

    class Media:
        css = {"all": ["css/admin-values.css"]}

    def get_changelist(self, request: HttpRequest, **kwargs):
        return GuardedChangeList

    def delete_model(self, request: HttpRequest, obj) -> None:
        with transaction.atomic(), batch():
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        with transaction.atomic(), batch():
            super().delete_queryset(request, queryset)

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """Django's search on the first terms and characters of ``search_term``
        (``articles.querytext.bound_search``); the changelist shows a warning when it cut."""
        bounded = bound_search(search_term or "")
        if bounded.trimmed and not _is_autocomplete(request):
            messages.warning(
                request,
                _("搜索内容过长：只按前 %(terms)s 个词、%(chars)s 个字搜索。")
                % {"terms": MAX_SEARCH_TERMS, "chars": MAX_SEARCH_CHARS},
            )
        return super().get_search_results(request, queryset, bounded.text)


def _is_autocomplete(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "autocomplete")
