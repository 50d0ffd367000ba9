"""The review history of metrics: one row per decision (approve, reject, correct, add),
written by ``articles.review``, never edited."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .metric import Metric, MetricStatus


class ReviewAction(models.TextChoices):
    APPROVE = "approve", _("确认")
    REJECT = "reject", _("驳回")
    CORRECT = "correct", _("更正")
    ADD = "add", _("添加")


class MetricReview(models.Model):
    """One review decision on a metric: who, when, which action, what changed and a note.

    ``changes`` maps a field name to ``[old, new]`` as text (``status`` always among
    them when it moved), so the first review of a corrected metric keeps the values the
    machine extracted. Written by ``articles.review``; never edited.
    """

    metric = models.ForeignKey(
        "Metric",
        verbose_name=pgettext_lazy("verbose name", "指标值"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("verbose name", "审核人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(pgettext_lazy("verbose name", "审核时间"), auto_now_add=True)
    action = models.CharField(
        pgettext_lazy("verbose name", "操作"), max_length=8, choices=ReviewAction.choices
    )
    changes = models.JSONField(pgettext_lazy("verbose name", "改动"), default=dict, blank=True)
    note = models.TextField(pgettext_lazy("verbose name", "备注"), blank=True)

    class Meta:
        ordering = ["metric", "at", "pk"]
        verbose_name = pgettext_lazy("verbose name", "审核记录")
        verbose_name_plural = pgettext_lazy("verbose name plural", "审核记录")

    def __str__(self) -> str:
        return f"{self.metric_id} {self.action} {self.when()}"

    def when(self) -> str:
        """``at`` in the site's time zone (``TIME_ZONE``) with its offset:
        '2026-12-03 01:31 UTC+8'. The metric's change page and the review queue both show
        this (one showed UTC without a zone, the other local time: a new-user pass)."""
        local = timezone.localtime(self.at)
        offset = local.utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "−"
        hours, rest = divmod(abs(minutes), 60)
        zone = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"
        return f"{local:%Y-%m-%d %H:%M} {zone}"

    def change_items(self) -> list[tuple[str, str, str]]:
        """``changes`` for a reader: ``[(field label, old, new)]`` in the active language,
        a status by its label ('待审核 → 已确认' / 'Pending review → Approved'), other
        values as recorded."""
        statuses = dict(MetricStatus.choices)
        items = []
        for name, (old, new) in self.changes.items():
            try:
                label = str(Metric._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = name
            if name == "status":
                old, new = str(statuses.get(old, old)), str(statuses.get(new, new))
            items.append((label, old, new))
        return items
