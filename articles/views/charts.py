"""Overview and compare pages: parse the query string (``CompareFilter``), call a
selector, render or export.

Every chart choice is a GET parameter, so a view can be shared and reloaded. A malformed
parameter is a form error shown on the page with HTTP 400 (JSON errors for exports),
never a 500.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from govreports.middleware import answers_nul_in_query

from .. import compare_map, selectors
from ..cache import data_version
from ..compare_filter import per_allowed_script
from ..compare_result import FINEST_FIRST, export_row
from ..compare_winner_reads import ranks_at_read
from ..exports import absolute_urls, rows_response
from ..filters import (
    CompareFilter,
    errors_json,
    is_verified,
    level_links,
    requested_page,
    url_with,
)
from ..form_renderer import QUICK_INPUTS
from ..forms import NUL_PARAMETER_MESSAGE, nul_outside_form, query_without_nul
from ..models import Region, RegionLevel, adcode_prefix
from ..query_links import joined_values, without_empty
from ..tables import DEFAULT_SORT, FIND_MAX_CHARS, SORTS, compare_table, table_rows
from .lists import bad_format, export_format, paginate


def empty_cause(args: dict) -> str:
    """What the page blames when no region of any level has a value (the form's cleaned data):
    ``"scope"`` when only ``within`` narrows the values, ``"filters"`` when dates, a
    topic or the review box do (``"both"`` with ``within`` too), ``"none"`` when nothing
    does. A new-user pass read "the dates, topic or review status" where only the
    region scope was set."""
    filtered = ranks_at_read(args)
    if args.get("within"):
        return "both" if filtered else "scope"
    return "filters" if filtered else "none"


@answers_nul_in_query
def compare(request: HttpRequest) -> HttpResponse:
    """``/compare/?indicator=…&level=…&within=…&topic=…&published_after=…&per=…&view=…``

    HTML by default, on the tab ``tab`` names (``compare_map.chosen_tab``); the table's
    page is built on the table tab only (static/js/compare-tabs.js reads it from that
    tab's address when a page served on another tab opens it). ``format=csv|json``
    export exactly the rows the table shows, every page of them (``tables.table_rows``:
    those its ``find`` keeps, in its sort ``o``; JSON's head then says ``find`` and
    ``sort``); without an indicator the indicators with data, as JSON ``{"indicators":
    [...]}`` or CSV. HTTP 400 with the message for a form error, an unknown ``o`` in an
    export, or data that cannot be drawn (mixed units, a ratio for a unit it does not
    fit).
    """
    # the coverage rows themselves (one query), not through the cache: nothing else on
    # the page is cached, and with the database cache a miss cost six more statements,
    # a write transaction among them (on SQLite, behind an ingest's write lock)
    coverage = selectors.indicator_coverage(fresh=True)
    # the picker's input is named ``regions`` too (so that it is sent without JavaScript):
    # one value for the form, the links and the hidden inputs that echo the query; and
    # no empty parameter (a submitted form sends every field) in any of them
    request.GET = without_empty(joined_values(request.GET, "regions"))
    filterset = CompareFilter(request.GET or None, coverage=coverage)
    # its <input>s (regions, dates, verified) built in Python, as the list's form does
    filterset.form.renderer = QUICK_INPUTS
    try:
        fmt = export_format(request)
    except ValueError as refused:
        return bad_format(refused)
    context = {"form": filterset.form, "coverage": coverage, "result": None, "error": None}
    context["per_allowed"] = per_allowed_script(coverage)  # per-options.js: the ratios each takes
    context["verified"] = is_verified(filterset)
    stray = nul_outside_form(request.GET, filterset.form.fields)
    if stray:  # find, o, tab...: read by the view, refused like the form's fields (the
        # form is cleaned already, by is_verified, so an error can be added)
        names = pgettext("list separator", "、").join(stray)
        code = "null_characters_not_allowed"
        error = ValidationError(NUL_PARAMETER_MESSAGE, code=code, params={"names": names})
        filterset.form.add_error(None, error)
        request.GET = query_without_nul(request.GET)  # the page echoes the query string
    if filterset.is_bound and not filterset.is_valid():
        return _refuse(request, context, fmt, errors_json(filterset.form))
    if fmt:
        requested_page(request.GET.get("page"))  # every row is exported; a bad page is a 400
    if not filterset.chosen:
        # what the page shows without a choice: the indicators (CSV too: it gave the page)
        rows = [{k: v for k, v in r._asdict().items() if k != "label"} for r in coverage]
        # absolute, as every other URL in an export (article_url): a file's links work
        # outside the site (a new-user pass found this one relative)
        rows = list(absolute_urls(request, rows, key="compare_url"))
        if fmt == "json":
            return JsonResponse({"indicators": rows}, json_dumps_params={"ensure_ascii": False})
        if fmt == "csv":
            columns = [c for c in selectors.CoverageRow._fields if c != "label"]
            return rows_response(columns, rows, fmt=fmt, filename="compare-indicators.csv")
        return render(request, "articles/compare.html", context)
    try:
        # Exports carry every row's evidence; the page reads it for what it shows only.
        result = selectors.compare_rows(**filterset.compare_args(), evidence=bool(fmt))
    except selectors.ChartDataError as error:
        context["error"] = str(error)
        return _refuse(request, context, fmt, {"errors": {error.field: [{"message": str(error)}]}})
    # the order the rows come in: by change in the change view (by ratio with a ratio)
    by_change = result.view == selectors.View.CHANGE and result.per == selectors.Per.TOTAL
    in_order = "-change" if by_change else DEFAULT_SORT
    if fmt:
        # the table's rows, every page: those its ``find`` keeps, in its sort
        found = table_rows(request, result.rows, in_order)
        if found.error:  # the page lists in its default sort and says so; a file cannot
            message = _("未知的排序方式“%(sort)s”；可用：%(sorts)s。") % {
                "sort": request.GET.get("o", "")[:FIND_MAX_CHARS],  # as the page cuts ``find``
                "sorts": ", ".join(SORTS),
            }
            return JsonResponse(
                {"errors": {"o": [{"message": message, "code": "invalid_choice"}]}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        rows = list(absolute_urls(request, (export_row(row) for row in found.rows)))
        name = f"{view_name(result, filterset.form.cleaned_data)}.{fmt}"
        head = {**result.header(), "verified": context["verified"]}
        if found.find or found.sort != in_order:
            head.update(find=found.find or None, sort=found.sort)
        return rows_response(result.columns, rows, fmt=fmt, filename=name, head=head)
    context["result"] = result
    result.scope = scope_name(filterset.form)  # before the chart is drawn (add_evidence)
    context["empty_cause"] = empty_cause(filterset.form.cleaned_data)
    context["level_links"] = level_links(result, request.GET)
    asked = filterset.form.cleaned_data.get("regions") or []
    context["picked_empty"] = picked_empty(result, request.GET, asked)
    context["picked"] = picked_regions(result, asked)
    context["export_name"] = view_name(result, filterset.form.cleaned_data)
    context["candidates_url"] = candidates_url(request.GET)
    context["candidate_parameters"] = " ".join(CANDIDATE_PARAMETERS)
    context["tab"] = compare_map.chosen_tab(request.GET)
    context["tab_links"] = tab_links(request.GET, context["tab"])
    # The table's page is built only when the table is the tab shown: on the chart and
    # the map its panel is hidden, and static/js/compare-tabs.js reads it from the
    # table tab's address when the reader opens it (without JavaScript the tab is that
    # link). Its 100 rows were 47 of a county comparison's 125 KB and about 1 ms.
    table, shown = None, []
    # also with a table parameter (page, find, o) on another tab: its page is checked
    # (a bad one is a 400, whichever tab) and the panel is ready when the tab is chosen
    if context["tab"] == "table" or any(request.GET.get(k) for k in compare_map.TABLE_PARAMS):
        table = context["table"] = compare_table(request, result.rows, paginate, in_order)
        shown = list(table.page.object_list)
        if table.sort_error:  # listed in the default sort: so are the exports it links
            context["export_ignored"] = ("o",)
        # The table's own links (sort, find, pages) open on the table whatever tab the
        # address names: the tabs switch in place, so it may still say tab=chart.
        context["table_query"] = request.GET.copy()
        context["table_query"]["tab"] = "table"
    else:
        context["table_href"] = next(t["href"] for t in context["tab_links"] if t["tab"] == "table")
    # The map names every region's value, so there every row needs its text.
    shown = selectors.add_evidence(result, shown, all_texts=result.level in compare_map.MAP_FILES)
    if table is not None:
        table.page.object_list = shown
        context["page_obj"] = table.page
    context["map"] = compare_map.map_payload(result)
    context["sources"] = compare_map.sources(result, compare_map.permalink(request))
    return render(request, "articles/compare.html", context)


#: The parameters that decide which regions have a value (``compare_candidates``), and
#: the page's language: what the picker's options URL keeps of the page's query, in
#: this order (one URL, and one browser-cached answer, per view of the options).
CANDIDATE_PARAMETERS = (
    "indicator",
    "level",
    "within",
    "topic",
    "published_after",
    "published_before",
    "verified",
    "lang",
)


def candidates_url(params) -> str:
    """``/compare/regions/?…``: the region picker's options for the page whose query is
    ``params``: its ``CANDIDATE_PARAMETERS``, in that order, so every level, ratio, tab
    and page of one indicator under the same filters shares one URL.
    ``static/js/region-picker.js`` makes the same URL from the form as it stands."""
    kept = QueryDict(mutable=True)
    for key in CANDIDATE_PARAMETERS:
        if params.get(key):
            kept[key] = params[key]
    return f"{reverse('articles:compare_regions')}?{kept.urlencode()}"


@csrf_exempt  # only GET and HEAD are answered (a 405 otherwise): nothing to forge
@answers_nul_in_query
def compare_regions(request: HttpRequest) -> HttpResponse:
    """``/compare/regions/?indicator=…&level=…&within=…&topic=…&published_after=…&published_before=…&verified=…``:
    the compare page's region picker options, read by ``static/js/region-picker.js``
    when the reader first uses the picker: JSON ``{"regions": [[adcode, name, path],
    …]}``, every region with a value under the filters, at ``level`` when the form names
    one (else at any level), by adcode, named in the reader's language
    (``selectors.compare_candidates``).

    Other parameters are not read. A bad one of these, or no indicator, is HTTP 400 with
    the form's errors as JSON; any method but GET and HEAD a JSON 405. Browsers keep the
    answer and ask again with its ETag (``no-cache``): the data version, which every
    write moves on and which never repeats (``cache.first_version``), and the language:
    304 until the next write, checked after the parameters."""
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse(
            {"errors": {"__all__": [{"message": _("只接受 GET 和 HEAD 请求。")}]}}
        )
        response.status_code = 405
        response["Allow"] = "GET, HEAD"
        return response
    query = QueryDict(mutable=True)
    for key in CANDIDATE_PARAMETERS:
        if key in request.GET:
            query.setlist(key, request.GET.getlist(key))
    coverage = selectors.indicator_coverage(fresh=True)
    filterset = CompareFilter(query, coverage=coverage)
    if not filterset.is_valid():
        return JsonResponse(errors_json(filterset.form), status=400)
    if not filterset.chosen:
        message = _("请选择指标")
        return JsonResponse({"errors": {"indicator": [{"message": message}]}}, status=400)
    etag = quote_etag(f"{data_version()}-{get_language()}")
    response = get_conditional_response(request, etag=etag)
    if response is None:
        args = filterset.compare_args()
        filters = [key for key in CANDIDATE_PARAMETERS if key != "lang"]  # lang: the page's
        regions = selectors.compare_candidates(**{key: args[key] for key in filters})
        response = JsonResponse({"regions": regions}, json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


def picked_regions(result, asked: list[str]) -> list[tuple[str, str, str]]:
    """``[(adcode, name, path)]`` of the regions picked (``asked``, cleaned adcodes), in
    the order asked, names in the active language: the picker's list of what is picked,
    each with a button that drops it (region-picker.js). Two boxes, one of codes and
    one to search, read as two ways to choose regions (a new-user pass). Names from the
    result: its candidates (every region with a value; a path tells 朝阳区 apart) and the
    regions left out without one; no query."""
    known = {adcode: (name, path) for adcode, name, path in result.candidates}
    for region in result.without_value:
        known.setdefault(region.adcode, (region.name, region.name))
    return [(adcode, *known[adcode]) for adcode in asked if adcode in known]


def picked_empty(result, params, asked: list[str]) -> dict | None:
    """When the regions picked (``?regions=``, cleaned to ``asked`` adcodes) leave nothing
    at the level shown: links to every region of that level (``all_url``) and, for each
    picked region above the level that has regions with a value inside it, in the order
    asked, to those regions (``within``: ``[{"name", "level_label", "href"}]``): at the
    level shown when some have a value there, else at the finest level that has one
    (Inner Mongolia's only value is 乌海市's, a prefecture: "compare the county-level
    regions in Inner Mongolia" led to an empty page, then, without a level, to its
    prefectures under the county label; new-user passes). A picked region above the
    level is left out with a value of its own (``other_level``) or without one
    (``without_value``): both get the link; a city without counties (东莞市) or a
    region with no value inside gets none. Else None.
    Picking 四川省 on the county view read "no county has a value" (a new-user pass).
    One query (the levels of the regions with a value inside the picked ones) when
    some picked region is above the level."""
    if result.rows or not params.get("regions"):
        return None
    depth = {"province": 0, "prefecture": 1, "county": 2}
    order = {adcode: i for i, adcode in enumerate(asked)}
    above = sorted(
        (
            r
            for r in (*result.other_level, *result.without_value)
            if depth.get(r.level, 9) < depth.get(result.level, 9)
        ),
        key=lambda r: order.get(r.adcode, len(order)),
    )
    prefixes = {r.adcode: adcode_prefix(r.adcode) for r in above}
    inside = {
        adcode
        for adcode, _name, _path in result.candidates
        if any(adcode != x and adcode.startswith(p) for x, p in prefixes.items())
    }
    levels = dict(Region.objects.filter(adcode__in=inside).values_list("adcode", "level"))
    names = dict(RegionLevel.choices)
    within = []
    for r in above:
        found = {
            lv for a, lv in levels.items() if a != r.adcode and a.startswith(prefixes[r.adcode])
        }
        level = next((lv for lv in (result.level, *FINEST_FIRST) if lv in found), None)
        if level is not None:
            href = url_with(params, regions=None, within=r.adcode, level=level)
            within.append({"name": r.name, "level_label": str(names[level]), "href": href})
    return {"all_url": url_with(params, regions=None), "within": within}


def scope_name(form) -> str:
    """The name, in the active language, of the province or prefecture a valid compare
    ``form``'s ``within`` narrows the comparison to ('四川省', '广元市'), from the picker's
    own options (no query: ``selectors.within_choices``, whose province options read
    '四川省（全省）' under the group '四川省'); '' without ``within``."""
    within = form.cleaned_data.get("within")
    if not within:
        return ""
    for group, options in form.fields["within"].choices:
        if not isinstance(options, (list, tuple)):
            continue
        for adcode, label in options:
            if adcode == within:
                return group if adcode.endswith("0000") else label
    return ""


def tab_links(params, chosen: str) -> list[dict]:
    """The chart/table/map tabs as links (``tab=…`` kept in the URL, so a tab is part of
    the permalink and works without JavaScript): ``[{"tab", "label", "href",
    "selected"}]``. Table paging and search stay on the table tab only."""
    labels = {"chart": _("图表"), "table": _("表格"), "map": _("地图")}
    links = []
    for tab in compare_map.TABS:
        query = params.copy()
        query["tab"] = tab
        if tab != "table":
            query.pop("page", None)
        links.append(
            {
                "tab": tab,
                "label": labels[tab],
                "href": f"?{query.urlencode()}",
                "selected": tab == chosen,
            }
        )
    return links


def view_name(result: selectors.CompareResult, args: dict) -> str:
    """A file name that says what the view holds: ``compare-registered-volunteers-county``
    then ``-in-510000``, ``-3-regions``, ``-per_1000``, ``-change``, ``-from-2024-01-01``/``-to-…``
    as chosen (ASCII only, so every browser and shell keeps it)."""
    parts = ["compare", result.indicator.slug, result.level]
    if args.get("within"):
        parts.append(f"in-{args['within']}")
    if args.get("regions"):
        parts.append(f"{len(args['regions'])}-regions")
    if args.get("topic"):
        parts.append(args["topic"])
    if result.per != selectors.Per.TOTAL:
        parts.append(result.per)
    if result.view == selectors.View.CHANGE:
        parts.append("change")
    for key, word in (("published_after", "from"), ("published_before", "to")):
        if args.get(key):
            parts.append(f"{word}-{args[key].isoformat()}")
    return "-".join(parts)


def _refuse(request, context, fmt, errors: dict) -> HttpResponse:
    if fmt:
        return JsonResponse(errors, status=400, json_dumps_params={"ensure_ascii": False})
    return render(request, "articles/compare.html", context, status=400)


def overview(request: HttpRequest) -> HttpResponse:
    """``/``: articles by province and by topic, the latest articles, indicator coverage."""
    return render(request, "articles/overview.html", vars(selectors.overview()))
