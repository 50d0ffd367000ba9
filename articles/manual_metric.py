"""Staff add a metric by selecting its span in the article body (issue 11, point 4).

``admin:articles_metric_add_span`` (``metric/add-from-text/<article id>/``) shows the body
once; ``static/js/span-select.js`` turns a selection into the evidence text and its
offsets, so no offset is ever typed. Without JavaScript the evidence is typed (copied) and
its first occurrence in the body is used. The value must be one the selected text writes
(``numbers_in``: 51104, 5.11万 -> 51100, 二十 -> 20); any other value needs the explicit
override and a note. The metric gets status ``manual`` and a ``MetricReview`` ``add`` row.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .cache import data_changed
from .formatting import plain_decimal
from .ingest.numbers import apply_multiplier, parse_arabic, parse_chinese
from .models import Article, Metric, MetricReview, MetricStatus, ReviewAction
from .review import log_history
from .review_queue import CorrectionForm

_NUMBER_RE = re.compile(
    r"(?P<n>\d[\d,，]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(?P<m>万亿|万|亿)?"
)


def numbers_in(text: str) -> set[Decimal]:
    """Every number ``text`` writes, with 万/亿 applied and also without (so 5.11万 gives
    51100 and 5.11), as Decimals. Unparseable tokens are skipped."""
    found: set[Decimal] = set()
    for m in _NUMBER_RE.finditer(text):
        token = m.group("n")
        try:
            value = parse_chinese(token) if not token[0].isdigit() else parse_arabic(token)
        except (ValueError, InvalidOperation, KeyError, IndexError):
            continue
        found.add(value.normalize())
        if m.group("m"):
            multiplied = value
            for mult in ("万", "亿") if m.group("m") == "万亿" else (m.group("m"),):
                multiplied = apply_multiplier(multiplied, mult)
            found.add(multiplied.normalize())
    return found


class SpanMetricForm(CorrectionForm):
    """The correction fields plus the evidence (text and offsets, filled from the
    selection) and the override of the value check."""

    evidence = forms.CharField(label=pgettext_lazy("verbose name", "所选原文"), max_length=200)
    evidence_start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    evidence_end = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)
    override = forms.BooleanField(
        label=pgettext_lazy("verbose name", "数值不在所选原文中，仍然保存"), required=False
    )

    def __init__(self, *args, body: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body

    def clean(self):
        data = super().clean()
        text = data.get("evidence") or ""
        start, end = data.get("evidence_start"), data.get("evidence_end")
        if text and not (start is not None and end is not None and self.body[start:end] == text):
            start = self.body.find(text)
            end = start + len(text) if start >= 0 else None
        if not text or start is None or start < 0:
            self.add_error("evidence", _("所选文字不在正文中。"))
            return data
        data["evidence_start"], data["evidence_end"] = start, end
        value = data.get("value")
        if value is not None and value.normalize() not in numbers_in(text):
            if not data.get("override"):
                self.add_error(
                    "value",
                    _("数值 %(value)s 不在所选原文“%(text)s”中。")
                    % {"value": plain_decimal(value), "text": text},
                )
            elif not data.get("note"):
                self.add_error("note", _("数值与原文不符时须写备注。"))
        return data


def add_span_view(request: HttpRequest, admin_site, article_id: int) -> HttpResponse:
    """GET: the body and the form. POST: store the metric (status ``manual``) with its
    history row and move the data version on, then back to the article's change page."""
    if not request.user.has_perm("articles.add_metric"):
        raise PermissionDenied(
            _("手工添加指标值需要“添加指标值”权限：请管理员在“用户”中给你这一权限。")
        )
    article = get_object_or_404(Article.objects.select_related("region"), pk=article_id)
    form = SpanMetricForm(request.POST or None, body=article.body, prefix="fix")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            metric = Metric(
                article=article,
                position=article.metrics.count(),
                indicator=data["indicator"],
                label=(data["indicator"].name_zh if data["indicator"] else "")[:128],
                value=data["value"],
                unit=data["unit"],
                bound=data["bound"] or "",
                approx=bool(data["bound"]),
                region=data["region"],
                target=data["target"],
                evidence_start=data["evidence_start"],
                evidence_end=data["evidence_end"],
                status=MetricStatus.MANUAL,
            )
            metric.save()
            review = MetricReview.objects.create(
                metric=metric,
                reviewer=request.user,
                action=ReviewAction.ADD,
                changes={"value": ["", plain_decimal(metric.value)], "status": ["", "manual"]},
                note=data["note"],
            )
            log_history([(review, metric)])  # the admin History lists the addition
            data_changed()
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    context = {
        **admin_site.each_context(request),
        "title": _("从原文添加指标值"),
        "article": article,
        "form": form,
    }
    return render(request, "admin/articles/metric/add_span.html", context)
