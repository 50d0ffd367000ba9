"""Article list (+ CSV/JSON export), article detail and region pages.

Views only parse the request, call QuerySet methods / ``articles.filters`` /
``articles.export``, and render.
"""

from __future__ import annotations

import re

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ..charts import region_timeseries
from ..export import serialize_articles, write_csv
from ..filters import (
    ArticleFilter,
    active_filters,
    build_facets,
    child_region_counts,
    region_trail,
)
from ..models import Article, Metric, Region

PAGE_SIZE = 25
REGION_METRICS_SHOWN = 50
ADCODE_RE = re.compile(r"^[0-9]{6}$")


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """The page ``?page=`` asks for, clamped to the nearest valid one: non-numeric or
    below 1 gives page 1, beyond the end gives the last page (never a 404)."""
    paginator = Paginator(queryset, per_page)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    number = max(1, min(number, paginator.num_pages))
    return paginator.page(number)


def export_filename(fmt: str) -> str:
    return f"articles.{fmt}"


def article_list(request: HttpRequest) -> HttpResponse:
    """``/articles/``: filtered, sorted, paginated list with facets.

    ``?format=json`` / ``?format=csv`` export every filtered row (all pages, same order)
    in the schema of ``articles.export``: exactly the rows the page lists. An invalid
    filter value is shown as an error on the page and ignored, on the page and in its
    exports alike; an unknown ``format`` is a 400.
    An export with an invalid filter value answers 400 with the messages the page shows
    (``export_refusal``), never every row.
    """
    filterset = ArticleFilter(request.GET, queryset=Article.objects.with_related())
    fmt = request.GET.get("format", "")
    if fmt:
        if fmt not in {"json", "csv"}:
            return export_refusal({"format": [_("格式须为 json 或 csv")]}, "json")
        if not filterset.is_valid():
            return export_refusal(filterset.form.errors, fmt)
        return export_response(filterset.qs, fmt)

    page = paginate(request, filterset.qs)
    return render(
        request,
        "articles/article_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "articles": page.object_list,
            "facets": build_facets(filterset, request.GET),
            "active_filters": active_filters(filterset, request.GET),
            "selected_region": filterset.selected_region,
            "region_trail": region_trail(filterset.selected_region, request.GET),
            "export_json": _export_query(request, "json"),
            "export_csv": _export_query(request, "csv"),
        },
    )


def _export_query(request: HttpRequest, fmt: str) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = fmt
    return "?" + query.urlencode()


def export_refusal(errors: dict[str, list[str]], fmt: str) -> HttpResponse:
    """HTTP 400 for an export whose filters do not validate: ``{"errors": {field:
    [message, ...]}}`` for JSON (``__all__`` for errors of the whole form, such as a
    reversed date range); for CSV, plain text, one ``field: message`` line each."""
    errors = {field: [str(m) for m in messages] for field, messages in errors.items()}
    if fmt == "json":
        return JsonResponse(
            {"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    lines = [f"{field}: {message}" for field, messages in errors.items() for message in messages]
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


def export_response(queryset: QuerySet[Article], fmt: str) -> HttpResponse:
    """The export of ``queryset`` as a download (Content-Disposition attachment)."""
    disposition = f'attachment; filename="{export_filename(fmt)}"'
    if fmt == "json":
        response = JsonResponse(
            serialize_articles(queryset),
            safe=False,
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        write_csv(queryset, response)
    response["Content-Disposition"] = disposition
    return response


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """``/articles/<id>/``: the article with its metrics' evidence highlighted."""
    article = get_object_or_404(Article.objects.with_related().with_metrics(), pk=pk)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "metrics": list(article.metrics.all())},
    )


def region_detail(request: HttpRequest, adcode: str) -> HttpResponse:
    """``/regions/<adcode>/``: a region, its path, its children with articles, and the
    articles and metrics of its whole subtree. 404 for an unknown or malformed adcode."""
    if not ADCODE_RE.match(adcode):
        raise Http404("malformed adcode")
    region = get_object_or_404(Region.objects.select_related("parent__parent"), adcode=adcode)
    articles = Article.objects.with_related().in_region(adcode)
    children = child_region_counts(region, articles.region_counts(), list(region.children.all()))
    metrics = (
        Metric.objects.shown()
        # Metric.save defaults a metric's region to its article's
        .filter(region__in=Region.objects.descendants_of(adcode).values("pk"))
        .select_related("indicator", "region", "article")
        # undated last on both databases, then a total order
        .order_by(F("article__published").desc(nulls_last=True), "-article_id", "position", "pk")[
            :REGION_METRICS_SHOWN
        ]
    )
    page = paginate(request, articles)
    return render(
        request,
        "articles/region_detail.html",
        {
            "region": region,
            "children": children,
            "page_obj": page,
            "articles": page.object_list,
            "metrics": list(metrics),
            "metrics_limit": REGION_METRICS_SHOWN,
            "timeseries": region_timeseries(region),
        },
    )
