"""Article list, article and region pages (each also as ``?format=csv|json``).

Views parse the request (a FilterSet), call a selector or QuerySet method, and render or
hand the rows to ``articles.exports``.
"""

from __future__ import annotations

import re

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.sql.where import WhereNode
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .. import selectors
from ..exports import articles_response
from ..filters import (
    ArticleFilter,
    active_filters,
    build_facets,
    errors_json,
    is_verified,
    region_trail,
)
from ..models import REVIEWED_STATUSES, Article, Region

PAGE_SIZE = 25
ADCODE_RE = re.compile(r"^[0-9]{6}$")
EXPORT_FORMATS = ("csv", "json")


class IdPaginator(Paginator):
    """A Paginator whose page reads its rows through the ids of that page.

    ``SELECT ... JOIN ... ORDER BY ... LIMIT 25 OFFSET n`` made SQLite join and sort every
    matching row, bodies included (140 ms for page 1, 800 ms for page 200 at 10,000
    articles); here the page's ids come from a subquery on the article table alone (the
    ordering's index, ``LIMIT``/``OFFSET`` inside) and only those rows are joined and
    sorted. Still one statement. A list (not a QuerySet) pages as usual. ``count``, when known (the facets counted it), saves the
    ``COUNT(*)``.
    """

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.count = count  # replaces the cached_property's COUNT query

    def page(self, number):
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)  # a list (the compare table): nothing to read
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        ids = queryset.values("pk")[bottom:top]
        rows = queryset._chain()
        rows.query.where = WhereNode()  # the filters live in ``ids``; keep joins and order
        return self._get_page(rows.filter(pk__in=ids), number, self)


def paginate(
    request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE, *, count: int | None = None
) -> Page:
    """The page ``?page=`` asks for, clamped to the nearest valid one: non-numeric or
    below 1 gives page 1, beyond the end gives the last page (never a 404). ``count``:
    the number of rows when the caller already knows it (no COUNT query then)."""
    paginator = IdPaginator(queryset, per_page, count=count)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    return paginator.page(max(1, min(number, paginator.num_pages)))


def export_format(request: HttpRequest) -> str | None:
    """``?format=``: None for the page, ``csv``/``json`` for an export; raises
    ``ValueError`` for anything else (the views answer 400)."""
    fmt = request.GET.get("format") or None
    if fmt is not None and fmt not in EXPORT_FORMATS:
        raise ValueError(fmt)
    return fmt


def verified_param(request: HttpRequest) -> bool:
    """``?verified=1`` (exactly): reviewed metrics only; any other value is ignored."""
    return request.GET.get("verified") == "1"


def bad_format() -> JsonResponse:
    """400 for an unknown ``format``."""
    message = {"message": str(_("格式须为 json 或 csv")), "code": "invalid_choice"}
    # the same shape as every export's 400 (``filters.errors_json``), UTF-8 as written
    return JsonResponse(
        {"errors": {"format": [message]}}, status=400, json_dumps_params={"ensure_ascii": False}
    )


def article_list(request: HttpRequest) -> HttpResponse:
    """``/articles/``: filtered, sorted, paginated list with facets.

    ``?format=csv|json`` streams every filtered row (all pages, same order); an invalid
    filter is shown on the page and ignored there, and refused by the export (400 with
    the errors); an unknown ``format`` is a 400.
    """
    filterset = ArticleFilter(request.GET, queryset=Article.objects.with_related())
    try:
        fmt = export_format(request)
    except ValueError:
        return bad_format()
    if fmt:
        if not filterset.is_valid():
            return JsonResponse(
                errors_json(filterset.form), status=400, json_dumps_params={"ensure_ascii": False}
            )
        return articles_response(
            filterset.qs, fmt=fmt, filename=f"articles.{fmt}", verified=is_verified(filterset)
        )
    panel = build_facets(filterset, request.GET)
    page = paginate(request, filterset.qs, count=panel.total)
    region = filterset.selected_region
    context = {
        "filter": filterset,
        "page_obj": page,
        "articles": page.object_list,
        "facets": panel.facets,
        "active_filters": active_filters(filterset, request.GET),
        "selected_region": region,
        "region_trail": region_trail(region, request.GET),
        "search_query": filterset.form.cleaned_data.get("q", ""),
        "verified": is_verified(filterset),
    }
    return render(request, "articles/article_list.html", context)


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """``/articles/<id>/``: the article with its metrics' evidence highlighted;
    ``?format=csv|json`` its metrics / its document."""
    try:
        fmt = export_format(request)
    except ValueError:
        return bad_format()
    if fmt:
        get_object_or_404(Article.objects.only("pk"), pk=pk)
        one = Article.objects.filter(pk=pk)
        return articles_response(
            one, fmt=fmt, filename=f"article-{pk}.{fmt}", verified=verified_param(request)
        )
    article = get_object_or_404(Article.objects.with_related().with_metrics(), pk=pk)
    verified = verified_param(request)
    metrics = [m for m in article.metrics.all() if not verified or m.status in REVIEWED_STATUSES]
    context = {"article": article, "metrics": metrics, "verified": verified}
    return render(request, "articles/article_detail.html", context)


def region_detail(request: HttpRequest, adcode: str) -> HttpResponse:
    """``/regions/<adcode>/``: a region, its path, its children with articles, the
    articles and metrics of its subtree (``selectors.region_page``); ``?format=csv|json``
    the subtree's articles. 404 for an unknown or malformed adcode."""
    if not ADCODE_RE.match(adcode):
        raise Http404("malformed adcode")
    region = get_object_or_404(Region.objects.select_related("parent__parent"), adcode=adcode)
    try:
        fmt = export_format(request)
    except ValueError:
        return bad_format()
    if fmt:
        articles = Article.objects.in_region(adcode)
        return articles_response(
            articles, fmt=fmt, filename=f"region-{adcode}.{fmt}", verified=verified_param(request)
        )
    data = selectors.region_page(region=region, verified=verified_param(request))
    page = paginate(request, data.articles)
    context = {
        "region": region,
        "children": data.children,
        "page_obj": page,
        "articles": page.object_list,
        "metrics": data.metrics,
        "metrics_limit": selectors.REGION_METRICS_SHOWN,
        "timeseries": data.timeseries,
        "verified": verified_param(request),
    }
    return render(request, "articles/region_detail.html", context)
