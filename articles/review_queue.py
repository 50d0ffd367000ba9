"""The review queue, an admin page of its own (issue 11, points 1 and 2).

``admin:articles_metric_review`` shows one metric at a time: its sentence with the number
highlighted (or, for one article, the whole body once with the current number
highlighted), the article's title, region and date, what was read (indicator, value,
unit, bound, the metric's own region, previous value, plan flag), the other metrics of
the sentence and the metric's history. Plain POST forms approve, reject or correct and
move on to the next; ``static/js/review.js`` adds keyboard shortcuts. ``?view=list`` is a
compact list; the filtered set can be approved or rejected in bulk after a confirmation
that says how many. Decisions go through ``articles.review``.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from .filters import BadPage, page_beyond_last, requested_page
from .formatting import plain_decimal
from .forms import NamedRange
from .models import (
    Indicator,
    IndicatorKind,
    Metric,
    MetricStatus,
    Publication,
    Region,
    ReviewAction,
    Topic,
)
from .review import decide, decide_all

#: Query parameters of the queue that select metrics (kept across every redirect).
FILTER_PARAMS = ("status", "indicator", "topic", "region", "publication", "article")
#: ``status`` value that selects every status (the per-article walk uses it).
ALL_STATUSES = "all"
LIST_PAGE_SIZE = 100


class QueueFilterForm(forms.Form):
    """The queue's filters, all optional; bad values are form errors, never a 500."""

    status = forms.ChoiceField(
        label=pgettext_lazy("verbose name", "审核状态"),
        required=False,
        choices=[(MetricStatus.EXTRACTED, MetricStatus.EXTRACTED.label)]
        + [(s.value, s.label) for s in MetricStatus if s != MetricStatus.EXTRACTED]
        + [(ALL_STATUSES, gettext_lazy("全部"))],
    )
    indicator = forms.ModelChoiceField(
        label=pgettext_lazy("verbose name", "指标"),
        queryset=Indicator.objects.order_by("slug"),
        to_field_name="slug",
        required=False,
    )
    topic = forms.ModelChoiceField(
        label=pgettext_lazy("verbose name", "主题"),
        queryset=Topic.objects.order_by("slug"),
        to_field_name="slug",
        required=False,
    )
    region = forms.RegexField(
        label=pgettext_lazy("verbose name", "区划代码"), regex=r"^\d{6}$", required=False
    )
    publication = forms.ModelChoiceField(
        label=pgettext_lazy("verbose name", "报刊"),
        queryset=Publication.objects.order_by("name"),
        to_field_name="name",
        required=False,
    )
    article = forms.IntegerField(
        label=pgettext_lazy("verbose name", "文章"),
        required=False,
        # "Ensure this value is less than or equal to 4611686018427387904." named neither
        # the number given nor what was wrong with it
        validators=[NamedRange(1, 2**62, gettext_lazy("没有编号为%(value)s的文章。"))],
        error_messages={"invalid": gettext_lazy("文章编号须是正整数。")},
    )


def filtered_metrics(data: dict) -> QuerySet[Metric]:
    """Metrics selected by ``QueueFilterForm``'s cleaned ``data``, in reading order
    (article, position in it, id). Status defaults to waiting (``extracted``); a region
    selects the metrics of that region and every region inside it."""
    qs = Metric.objects.all()
    status = data.get("status") or MetricStatus.EXTRACTED
    if status != ALL_STATUSES:
        qs = qs.filter(status=status)
    if data.get("indicator"):
        qs = qs.filter(indicator=data["indicator"])
    if data.get("topic"):
        qs = qs.filter(Q(indicator__topic=data["topic"]) | Q(article__topic=data["topic"]))
    if data.get("region"):
        qs = qs.filter(region__in=Region.objects.descendants_of(data["region"]).values("pk"))
    if data.get("publication"):
        qs = qs.filter(article__page__publication=data["publication"])
    if data.get("article"):
        qs = qs.filter(article_id=data["article"])
    return qs.order_by("article_id", "position", "pk")


class CorrectionForm(forms.Form):
    """What a reviewer may correct (``review.CORRECTABLE_FIELDS``) and a note. The region
    is typed as an adcode (3,390 regions make no usable select)."""

    indicator = forms.ModelChoiceField(
        label=pgettext_lazy("verbose name", "指标"),
        queryset=Indicator.objects.order_by("slug"),
        required=False,
    )
    value = forms.DecimalField(
        label=pgettext_lazy("verbose name", "数值"), max_digits=20, decimal_places=4
    )
    unit = forms.CharField(label=pgettext_lazy("verbose name", "单位"), max_length=16)
    bound = forms.ChoiceField(
        label=pgettext_lazy("verbose name", "约数方向"),
        choices=Metric.Bound.choices,
        required=False,
    )
    region = forms.RegexField(
        label=pgettext_lazy("verbose name", "地区（区划代码）"), regex=r"^\d{6}$", required=False
    )
    target = forms.BooleanField(label=pgettext_lazy("verbose name", "目标值"), required=False)
    note = forms.CharField(
        label=pgettext_lazy("verbose name", "备注"), required=False, max_length=1000
    )

    def clean_region(self) -> Region | None:
        adcode = self.cleaned_data.get("region")
        if not adcode:
            return None
        try:
            return Region.objects.get(adcode=adcode)
        except Region.DoesNotExist as error:
            message = _("没有这个区划代码：%(adcode)s") % {"adcode": adcode}
            raise forms.ValidationError(message) from error

    def clean(self) -> dict:
        """Refuse a negative value unless the indicator (the one chosen, or the metric's
        own) is a rate: stocks and flows are counts and amounts, levels are standards and
        concentrations (``IndicatorKind``); only a rate of change can fall below zero."""
        data = super().clean()
        value = data.get("value")
        kind = getattr(data.get("indicator") or self.current_indicator, "kind", None)
        if value is not None and value < 0 and kind not in (None, IndicatorKind.RATE):
            self.add_error("value", _("这个指标的数值不能为负数。"))
        return data

    #: The corrected metric's own indicator (set by ``for_metric``), for ``clean``.
    current_indicator: Indicator | None = None

    @classmethod
    def for_metric(cls, metric: Metric, data=None) -> CorrectionForm:
        initial = {
            "indicator": metric.indicator_id,
            "value": plain_decimal(metric.value),
            "unit": metric.unit,
            "bound": metric.bound,
            "region": metric.region.adcode if metric.region_id else "",
            "target": metric.target,
        }
        form = cls(data=data, initial=initial, prefix="fix")
        form.current_indicator = metric.indicator
        return form

    def corrections(self) -> dict:
        """The cleaned values keyed by ``Metric`` field name (the note left out)."""
        data = dict(self.cleaned_data)
        data.pop("note", None)
        data["value"] = Decimal(data["value"])
        return data


def queue_url(params: dict, **extra) -> str:
    """The queue's URL with the filter ``params`` (and ``extra``) as its query string."""
    query = {k: v for k, v in {**params, **extra}.items() if v not in (None, "")}
    base = reverse("admin:articles_metric_review")
    return f"{base}?{urlencode(query)}" if query else base


def neighbours(qs: QuerySet[Metric], metric: Metric) -> tuple[int | None, int | None]:
    """Ids of the metrics before and after ``metric`` in ``qs``'s reading order."""
    key = (metric.article_id, metric.position, metric.pk)
    after = (
        Q(article_id__gt=key[0])
        | Q(article_id=key[0], position__gt=key[1])
        | Q(article_id=key[0], position=key[1], pk__gt=key[2])
    )
    before = (
        Q(article_id__lt=key[0])
        | Q(article_id=key[0], position__lt=key[1])
        | Q(article_id=key[0], position=key[1], pk__lt=key[2])
    )
    nxt = qs.filter(after).values_list("pk", flat=True).first()
    prev = qs.filter(before).order_by("-article_id", "-position", "-pk")
    return prev.values_list("pk", flat=True).first(), nxt


def review_view(request: HttpRequest, admin_site) -> HttpResponse:
    """The queue page (GET) and its decisions (POST); see the module docstring.
    Staff with the permission to change metrics only (else 403)."""
    if not request.user.has_perm("articles.change_metric"):
        raise PermissionDenied(
            _("审核队列需要“reviewer”（审核员）组：请管理员在“用户”中把你加入该组。")
        )
    filters = QueueFilterForm(request.GET or None)
    if filters.is_bound and not filters.is_valid():
        return _bad_filters(request, filters, admin_site)
    data = filters.cleaned_data if filters.is_bound else {}
    params = {k: request.GET.get(k, "") for k in FILTER_PARAMS} if data else {}
    qs = filtered_metrics(data)
    if request.method == "POST":
        return _post(request, qs, params, admin_site)
    context = {
        **admin_site.each_context(request),
        "title": _("审核队列"),
        "filters": filters,
        "params": params,
        "count": qs.count(),
        "waiting": Metric.objects.filter(status=MetricStatus.EXTRACTED).count(),
        "list_url": queue_url(params, view="list"),
        "one_url": queue_url(params),
    }
    if request.GET.get("view") == "list":
        paginator = Paginator(
            qs.select_related("article", "indicator", "region").defer("article__body"),
            LIST_PAGE_SIZE,
        )
        # a page that does not exist is a 400 naming ``p``, as on every paged page, but
        # in the admin's layout: the site's own 400 page (BadPageMiddleware) dropped the
        # reviewer out of the admin (a new-user pass)
        try:
            number = requested_page(request.GET.get("p"), param="p")
            page_beyond_last(number, paginator.num_pages, param="p")
        except BadPage as error:
            bad = {"name": error.param, "errors": error.messages, "view_list": True}
            return render(
                request,
                "admin/articles/metric/review_bad_param.html",
                {**context, **bad},
                status=400,
            )
        page = paginator.page(number)
        rows = list(page.object_list.with_evidence())
        return render(
            request,
            "admin/articles/metric/review_list.html",
            {**context, "page": page, "rows": rows, "view_list": True},
        )
    return _one(request, qs, params, context)


def _bad_filters(request: HttpRequest, filters: QueueFilterForm, admin_site) -> HttpResponse:
    """400 in the admin's layout naming the filters refused, with no list and no bulk
    action (GET or POST): a bad filter was dropped, and the queue then listed, and its
    bulk buttons approved or rejected, every waiting metric (a new-user pass)."""
    names = list(filters.errors)
    kept = {k: request.GET.get(k, "") for k in FILTER_PARAMS if k not in filters.errors}
    view = "list" if request.GET.get("view") == "list" else None
    context = {
        **admin_site.each_context(request),
        "title": _("审核队列"),
        "filters": filters,
        "count": None,
        "waiting": Metric.objects.filter(status=MetricStatus.EXTRACTED).count(),
        "list_url": queue_url(kept, view=view),
        "one_url": queue_url(kept),
        "view_list": bool(view),
        "name": pgettext("list separator", "、").join(names),
        "errors": [e for name in names for e in filters.errors[name]],
    }
    return render(request, "admin/articles/metric/review_bad_param.html", context, status=400)


def _one(request, qs, params, context) -> HttpResponse:
    metric = None
    wanted = request.GET.get("metric", "")
    if wanted.isdigit() and len(wanted) < 19:
        metric = Metric.objects.filter(pk=int(wanted)).first()
    if metric is None:
        metric = qs.first()
    if metric is not None:
        metric = Metric.objects.select_related(
            "article__region", "article__page__publication", "indicator", "region"
        ).get(pk=metric.pk)
        prev_id, next_id = neighbours(qs, metric)
        context.update(
            metric=metric,
            form=CorrectionForm.for_metric(metric),
            prev_url=queue_url(params, metric=prev_id) if prev_id else "",
            next_url=queue_url(params, metric=next_id) if next_id else "",
            **_around(metric, whole_body=bool(params.get("article"))),
            same_sentence=_same_sentence(metric),
            reviews=metric.reviews.select_related("reviewer"),
            post_url=queue_url(params, metric=metric.pk),
        )
    return render(request, "admin/articles/metric/review.html", context)


def _around(metric: Metric, whole_body: bool) -> dict:
    """The text before, at and after the evidence: the sentence, or the whole body."""
    body = metric.article.body
    start, end = (0, len(body)) if whole_body else (metric.sentence_start, metric.sentence_end)
    return {
        "whole_body": whole_body,
        "before": body[start : metric.evidence_start],
        "evidence": body[metric.evidence_start : metric.evidence_end],
        "after": body[metric.evidence_end : end],
    }


def _same_sentence(metric: Metric) -> QuerySet[Metric]:
    return (
        Metric.objects.filter(
            article_id=metric.article_id,
            sentence_start=metric.sentence_start,
            sentence_end=metric.sentence_end,
        )
        .exclude(pk=metric.pk)
        .select_related("indicator", "region", "article")
        .order_by("position", "pk")
    )


def _post(request: HttpRequest, qs: QuerySet[Metric], params: dict, admin_site) -> HttpResponse:
    action = request.POST.get("action", "")
    if action in ("bulk_approve", "bulk_reject"):
        return _bulk(request, qs, params, action.removeprefix("bulk_"), admin_site)
    wanted = request.POST.get("metric", "")
    metric = (
        Metric.objects.select_related("article", "indicator", "region")
        .filter(pk=int(wanted))
        .first()
        if wanted.isdigit() and len(wanted) < 19
        else None
    )
    if metric is None:
        messages.error(request, _("没有这条指标值。"))
        return HttpResponseRedirect(queue_url(params))
    next_id = neighbours(qs, metric)[1]
    note = request.POST.get("note", "")[:1000]
    if action == ReviewAction.CORRECT:
        form = CorrectionForm.for_metric(metric, data=request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}")
            return HttpResponseRedirect(queue_url(params, metric=metric.pk))
        decide(metric, request.user, action, form.corrections(), form.cleaned_data["note"])
    elif action in (ReviewAction.APPROVE, ReviewAction.REJECT):
        decide(metric, request.user, action, note=note)
    elif action != "skip":
        messages.error(request, _("未知操作。"))
        return HttpResponseRedirect(queue_url(params, metric=metric.pk))
    if next_id is None:  # wrap around to whatever is still waiting
        first = qs.exclude(pk=metric.pk).first()
        next_id = first.pk if first else None
    return HttpResponseRedirect(queue_url(params, metric=next_id))


def _bulk(request: HttpRequest, qs: QuerySet[Metric], params: dict, action: str, admin_site):
    count = qs.count()
    if request.POST.get("confirmed") != "yes":
        return render(
            request,
            "admin/articles/metric/review_confirm.html",
            {
                **admin_site.each_context(request),
                "title": _("确认批量操作"),
                "count": count,
                "action": action,
                "params": params,
                "post_url": queue_url(params),
                "back_url": queue_url(params, view="list"),
            },
        )
    done = decide_all(qs, request.user, action, request.POST.get("note", "")[:1000])
    if action == ReviewAction.APPROVE:
        text = ngettext("已确认 %(count)d 条指标值。", "已确认 %(count)d 条指标值。", done)
    else:
        text = ngettext("已驳回 %(count)d 条指标值。", "已驳回 %(count)d 条指标值。", done)
    messages.success(request, text % {"count": done})
    return HttpResponseRedirect(queue_url(params, view="list"))
