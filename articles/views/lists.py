"""Article list, article and region pages (each also as ``?format=csv|json``).

Views parse the request (a FilterSet), call a selector or QuerySet method, and render or
hand the rows to ``articles.exports``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from govreports.middleware import answers_nul_in_query

from .. import article_page, list_reads, regions
from ..export_names import list_file_name
from ..exports import absolute_urls, articles_response, csv_lines, json_lines, streaming_response
from ..filters import (
    LIST_PAGE_SIZE,
    ArticleFilter,
    active_filters,
    build_facets,
    errors_json,
    is_verified,
    page_beyond_last,
    region_trail,
    requested_page,
)
from ..forms import StrictBooleanField, repeated_error
from ..gazetteer_build import FORMER_ADCODES
from ..ingest_guard import HAN
from ..list_rows import page_rows, plain_rows, region_articles, rows_in_order
from ..models import REVIEWED_STATUSES, Article, Metric, Publication
from ..region_lookup import region_by_adcode

PAGE_SIZE = LIST_PAGE_SIZE
#: Parameters of the list that filter nothing: an invalid one is shown as a form error and
#: the list is shown as if it were absent (an unknown ``o`` sorts newest first, as
#: compare's table falls back to its default order), while an invalid filter lists nothing.
UNFILTERING_PARAMS = {"o"}
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
        bottom, top = self.bounds(number)
        return self._get_page(page_rows(self.object_list, bottom, top), number, self)

    def bounds(self, number: int) -> tuple[int, int]:
        """``(bottom, top)``: the rows ``[bottom:top]`` of page ``number`` (valid)."""
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        return bottom, top


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    per_page: int = PAGE_SIZE,
    *,
    count: int | None = None,
    name: str = "page",
    rows=None,
) -> Page:
    """The page ``?page=`` (or ``?<name>=``) asks for. Raises ``BadPage`` (a 400 naming
    the parameter, as any bad parameter) for a page that does not exist: not a whole
    number, below 1, or beyond the last page (page 1 always exists, empty or not). ``count``: the number of rows when
    the caller already knows it (no COUNT query then). ``rows(bottom, top)``: the page's
    rows ``[bottom:top]`` read another way (a list; not called for an empty page), when
    ``queryset`` is only counted."""
    paginator = IdPaginator(queryset, per_page, count=count)
    number = requested_page(request.GET.get(name), param=name)
    page_beyond_last(number, paginator.num_pages, param=name)
    if rows is None:
        return paginator.page(number)
    bottom, top = paginator.bounds(paginator.validate_number(number))
    return Page(rows(bottom, top) if top > bottom else [], number, paginator)


def listing_page(filterset, count: int) -> Page | None:
    """The page a search's one statement read (``ArticleFilter.read_listing``): its
    articles by id, with every list row's joins, in its order (one query). None when
    there was no such statement; ``BadPage`` when the page asked for is beyond the last."""
    listing = filterset.listing
    if listing is None:
        return None
    paginator = IdPaginator([], PAGE_SIZE, count=count)
    page_beyond_last(filterset.listing_number, paginator.num_pages)
    rows = rows_in_order(Article.objects.all(), listing.page_ids)
    return Page(rows, filterset.listing_number, paginator)


def not_found(request: HttpRequest, reason: str) -> Http404:
    """The ``Http404`` of a page that does not exist, with ``reason`` (the reader's
    language) kept on the request for ``templates/404.html`` to say which part of the
    address was wrong (it said only that the article number, region code or page number
    might be: a new-user pass). On the request, not the exception: with ``DEBUG`` on the
    page is rendered again after the response (``NotFoundPageMiddleware``)."""
    request.not_found_reason = reason
    return Http404(reason)


def export_format(request: HttpRequest) -> str | None:
    """``?format=``: None for the page, ``csv``/``json`` for an export; raises
    ``ValueError`` for anything else (the views answer 400: ``bad_format``), and for two
    different values (``?format=csv&format=json`` took the last silently: a new-user
    pass; ``forms.OneValueEach``'s rule, repeats of one value read as it)."""
    given = list(dict.fromkeys(v for v in request.GET.getlist("format") if v))
    if len(given) > 1:
        raise RepeatedFormat(given)
    fmt = given[0] if given else None
    if fmt is not None and fmt not in EXPORT_FORMATS:
        raise ValueError(fmt)
    return fmt


class RepeatedFormat(ValueError):
    """``format`` given two or more different values (``values``), a ``ValueError`` so
    that every caller's ``except ValueError`` answers it; ``bad_format`` names them."""

    def __init__(self, values: list[str]):
        super().__init__(values)
        self.values = values


def verified_param(request: HttpRequest) -> bool:
    """``?verified=``: True for 1/true/on (reviewed metrics only), False when absent or
    0/false/off/empty, read as the list's and compare's checkbox reads it
    (``forms.StrictBooleanField``); raises its ``ValidationError`` for any other value
    (``bad_param`` answers it)."""
    return StrictBooleanField(required=False).clean(request.GET.get("verified"))


def bad_param(
    request: HttpRequest,
    name: str,
    error: ValidationError,
    fmt: str | None,
    *,
    keep_others: bool = False,
):
    """400 for a bad parameter of a page without a filter form (the region and article
    pages' ``verified``, any page's ``page``): the page of ``articles/bad_param.html``
    naming the parameter and the error, or for an export the JSON errors every export
    refuses with. ``keep_others``: the page also links to itself without that one
    parameter, its other ones kept (a bad page number: the first page of the same
    filter)."""
    if fmt:
        errors = {name: [{"message": str(m), "code": error.code} for m in error.messages]}
        return JsonResponse(
            {"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    context = {"name": name, "messages": error.messages, "without": None}
    if keep_others:
        others = request.GET.copy()
        others.pop(name, None)
        others.pop("lang", None)
        context["without"] = f"{request.path}?{others.urlencode()}" if others else request.path
    return render(request, "articles/bad_param.html", context, status=400)


def bad_format(value: ValueError | str) -> JsonResponse:
    """400 for an unknown ``format`` (``export_format``'s ``ValueError``, or the value),
    naming it (cut to 40 characters), or for a ``RepeatedFormat``, naming its values
    (``forms.repeated_error``)."""
    if isinstance(value, RepeatedFormat):
        error = repeated_error("format", value.values)
        message = {"message": str(error.messages[0]), "code": "repeated"}
    else:
        text = _("“%(value)s”不是可用的格式：请用 json 或 csv。") % {
            "value": Truncator(str(value)).chars(40)
        }
        message = {"message": str(text), "code": "invalid_choice"}
    # the same shape as every export's 400 (``filters.errors_json``), UTF-8 as written
    return JsonResponse(
        {"errors": {"format": [message]}}, status=400, json_dumps_params={"ensure_ascii": False}
    )


@answers_nul_in_query
def article_list(request: HttpRequest) -> HttpResponse:
    """``/articles/``: filtered, sorted, paginated list with facets.

    ``?format=csv|json`` streams every filtered row (all pages, same order); an invalid
    filter is shown on the page with no articles (``_refused_filters``), and refused by
    the export (400 with the errors); an unknown ``format`` is a 400; a page that does not
    exist (``?page=0``, ``abc``, beyond the last) is a 400 naming ``page`` (``paginate``),
    and an export, which holds every page, refuses a ``page`` that is no page number.
    """
    filterset = ArticleFilter(request.GET, queryset=Article.objects.list_rows())
    try:
        fmt = export_format(request)
    except ValueError as refused:
        return bad_format(refused)
    if fmt:
        requested_page(request.GET.get("page"))  # every page is exported; a bad one is a 400
        if not filterset.is_valid():
            return JsonResponse(
                errors_json(filterset.form), status=400, json_dumps_params={"ensure_ascii": False}
            )
        return articles_response(
            filterset.qs,
            fmt=fmt,
            filename=list_file_name(filterset.form.cleaned_data, fmt),
            verified=is_verified(filterset),
            request=request,
        )
    if set(filterset.form.errors) - UNFILTERING_PARAMS:
        return _refused_filters(request, filterset)
    panel = build_facets(filterset, request.GET)
    page = listing_page(filterset, panel.total)
    values = filterset.shape_values() if page is None else None
    if values is not None:  # no search: the page's statement compiled once per shape
        page = paginate(
            request,
            filterset.queryset,  # counted already: only the page's rows are read
            count=panel.total,
            rows=lambda bottom, top: list_reads.page(filterset, values, bottom, top),
        )
    elif page is None:  # not ``or``: an empty page is falsy, and its search was read
        page = paginate(request, filterset.qs, count=panel.total)
    articles = page.object_list
    if isinstance(articles, QuerySet):  # the page's rows as plain values (``list_rows``)
        articles = plain_rows(articles)
    region = filterset.selected_region
    context = {
        "filter": filterset,
        "page_obj": page,
        "articles": articles,
        "facets": panel.facets,
        "active_filters": active_filters(filterset, request.GET),
        "selected_region": region,
        "region_trail": region_trail(region, request.GET),
        "search_query": filterset.form.cleaned_data.get("q", ""),
        "verified": is_verified(filterset),
    }
    query = context["search_query"] or ""
    # The articles are Chinese: a search in Latin letters alone ("volunteer") finds
    # nothing, and the empty list says why (found by a new user on the sample page).
    context["search_without_chinese"] = bool(re.search(r"[A-Za-z]", query)) and not HAN.search(
        query
    )
    if context["search_without_chinese"] and not articles:
        context["search_examples"] = search_examples(request)
    if context["verified"] and not articles:
        context["empty_text"] = unreviewed_text()
    source = filterset.form.cleaned_data.get("source")
    if source and not articles:
        context["source_hint"] = unknown_source_hint(request, source)
    return render(request, "articles/article_list.html", context)


#: The most publications ``unknown_source_hint`` links.
SOURCE_HINT_LIMIT = 12


def unknown_source_hint(request: HttpRequest, source: str) -> SafeString | None:
    """When no publication's name contains ``source`` (the 报刊 filter matches part of a
    name), the publications there are as links (by name, at most ``SOURCE_HINT_LIMIT``)
    to the same list filtered by each, its other filters kept, page 1, joined with the
    list separator; None when some publication's name contains it (then the other
    filters are what leave the list empty). An empty list said only that no article
    matched, for a misspelt paper as for a real one (a new-user pass). At most two
    queries, only on an empty list filtered by source."""
    if Publication.objects.filter(name__icontains=source).exists():
        return None
    names = Publication.objects.order_by("name").values_list("name", flat=True)
    links = []
    for name in names[:SOURCE_HINT_LIMIT]:
        params = request.GET.copy()
        params["source"] = name
        params.pop("page", None)
        links.append(format_html('<a href="?{}">{}</a>', params.urlencode(), name))
    return mark_safe(pgettext("list separator", "、").join(links))  # noqa: S308 (format_html)


def unreviewed_text() -> str:
    """What an empty list of ``?verified=1`` says: that nothing has been reviewed yet
    (one query), else the usual sentence with what the box keeps. It said only that no
    article matched, where no metric had been reviewed at all (a new-user pass)."""
    if not Metric.objects.filter(status__in=REVIEWED_STATUSES).exists():
        return _("还没有经人工审核的指标值：审核（确认或更正）之后，含这些数值的文章才列在这里。")
    return _("没有符合条件的文章：这里只列出至少有一个经人工审核（确认或更正）的指标值的文章。")


#: Chinese words the list's hint offers to an English reader who searched in English:
#: volunteers, pension (both in the sample page).
SEARCH_EXAMPLES = ("志愿者", "养老金")


def search_examples(request: HttpRequest) -> SafeString:
    """The hint's examples as links: the same list searched for each of
    ``SEARCH_EXAMPLES`` (its other filters kept, page 1), joined with the list
    separator. The hint named them only in Chinese ("the words for volunteers or
    pension" in English, never showing them: a new-user pass)."""
    links = []
    for word in SEARCH_EXAMPLES:
        params = request.GET.copy()
        params["q"] = word
        params.pop("page", None)
        params.pop("lang", None)
        links.append(format_html('<a href="?{}" lang="zh">{}</a>', params.urlencode(), word))
    return mark_safe(pgettext("list separator", "、").join(links))  # noqa: S308 (format_html)


def _refused_filters(request: HttpRequest, filterset: ArticleFilter) -> HttpResponse:
    """The list page when a filter (any parameter but ``UNFILTERING_PARAMS``, or the
    date range) is invalid: a 400 with the form, its errors and no articles,
    as django-filter's ``FilterView`` answers an invalid form in strict mode (an empty
    list). Listing the articles without that filter would pass them off as its result
    (``?year=99999`` listed every article). No query for the list."""
    context = {
        "filter": filterset,
        "refused": True,
        "articles": [],
        "facets": [],
        "search_query": "",
        "verified": False,
    }
    # 400 like every page's bad parameter (region, compare, exports, a page that does not
    # exist): the request is wrong, not the list
    return render(request, "articles/article_list.html", context, status=400)


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """``/articles/<id>/``: the article with its metrics' evidence highlighted;
    ``?format=csv|json`` its metrics / its document."""
    try:
        fmt = export_format(request)
    except ValueError as refused:
        return bad_format(refused)
    try:
        verified = verified_param(request)
    except ValidationError as error:
        return bad_param(request, "verified", error, fmt)
    if fmt:
        get_object_or_404(Article.objects.only("pk"), pk=pk)
        one = Article.objects.filter(pk=pk)
        return articles_response(
            one,
            fmt=fmt,
            filename=f"article-{pk}.{fmt}",
            verified=verified,
            request=request,
        )
    # plain rows from statements compiled once (``article_page``): the ORM's compiling
    # and model instances were two thirds of the page's 2 ms of reading
    article = article_page.read_article(pk)
    if article is None:
        raise not_found(request, _("没有编号为 %(pk)s 的文章。") % {"pk": pk})
    metrics = article_page.read_metrics(article, verified=verified)
    context = {"article": article, "metrics": metrics, "verified": verified}
    return render(request, "articles/article_detail.html", context)


def region_detail(request: HttpRequest, adcode: str) -> HttpResponse:
    """``/regions/<adcode>/``: a region, its path and 2020 census population, a small
    chart and a block of metrics per indicator it has values of (``?mpage=`` pages the
    metrics), its children with data and the articles of its subtree (``regions.region_page``).

    ``?format=csv|json`` exports what the page shows: the region's metrics
    (``<place>-<adcode>-metrics.csv``), or with ``part=articles`` the subtree's articles
    (``<place>-<adcode>-articles.csv``); any other ``part`` is a 400. 404 for an unknown
    or malformed adcode."""
    if not ADCODE_RE.match(adcode):
        text = _("“%(adcode)s”不是区划代码：区划代码是六位数字，如 510821。")
        raise not_found(request, text % {"adcode": Truncator(adcode).chars(20)})
    if adcode in FORMER_ADCODES:  # a link made before the code was corrected
        target = reverse("articles:region", args=[FORMER_ADCODES[adcode]])
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
    region = region_by_adcode(adcode)  # with its parent and grandparent
    if region is None:
        raise not_found(request, _("没有区划代码为 %(adcode)s 的地区。") % {"adcode": adcode})
    try:
        fmt = export_format(request)
    except ValueError as refused:
        return bad_format(refused)
    try:
        verified = verified_param(request)
    except ValidationError as error:
        return bad_param(request, "verified", error, fmt)
    if fmt:
        requested_page(request.GET.get("page"))  # every page is exported; a bad one is a 400
        requested_page(request.GET.get("mpage"), param="mpage")
        part = request.GET.get("part") or "metrics"
        name = f"{regions.file_stem(region)}-{part}.{fmt}"
        if part == "articles":
            articles = Article.objects.in_region(adcode)
            return articles_response(
                articles, fmt=fmt, filename=name, verified=verified, request=request
            )
        if part != "metrics":
            message = {"message": str(_("part 须为 metrics 或 articles")), "code": "invalid_choice"}
            return JsonResponse(
                {"errors": {"part": [message]}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        rows = absolute_urls(request, regions.metric_rows(region, verified))
        if fmt == "csv":
            lines = csv_lines(regions.REGION_METRIC_COLUMNS, rows)
        else:
            data = regions.region_page(region=region, verified=verified)
            head = {**regions.export_head(data), "verified": verified}
            lines = json_lines(rows, head=head)
        return streaming_response(lines, fmt=fmt, filename=name)
    metric_page = requested_page(request.GET.get("mpage"), param="mpage")
    data = regions.region_page(region=region, metric_page_number=metric_page, verified=verified)
    page_beyond_last(metric_page, data.metric_page.pages, param="mpage")
    # The page's 25 ids on the narrow index (region, published), then their rows joined:
    # sorting a province's articles after the joins took 250 ms at 100,000 articles. Only
    # the columns a row shows (``list_rows``): ``with_related`` read every page's raw text.
    # That statement and their count compiled once (``list_rows.RegionArticles``).
    page = paginate(
        request,
        data.articles.select_related(None).only("pk"),
        count=region_articles.count(adcode),
        rows=lambda bottom, top: region_articles.rows(adcode, bottom, top),
    )
    shown = page.object_list
    others = request.GET.copy()
    others.pop("mpage", None)
    context = {
        "region": region,
        "data": data,
        "index_rows": data.index_rows(others.urlencode() + "&" if others else ""),
        "page_obj": page,
        "articles": shown,
        "verified": verified,
    }
    return render(request, "articles/region_detail.html", context)
