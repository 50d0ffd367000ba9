"""Ingest runs: who ingested what, when, with counts and errors per page."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IngestRunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    DONE_WITH_ERRORS = "refused", _("完成（有拒收）")


class IngestRun(models.Model):
    """One ``manage.py ingest`` (or admin upload) over any number of pages.

    Counts are of pages (``pages_stored`` new, ``pages_updated``, ``pages_unchanged``,
    ``pages_refused``) and of articles (``articles_created``, ``articles_duplicate``:
    appearances of an article already stored). ``errors`` is a list of
    ``{"file": name, "reason": text}`` for the refused pages. Workers update a run with
    ``services.runs.record_page``, which locks the row, so concurrent workers never lose
    a count; the run is finished when every page is accounted for.
    """

    started_by = models.CharField(pgettext_lazy("verbose name", "发起人"), max_length=150)
    started_at = models.DateTimeField(pgettext_lazy("verbose name", "开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(
        pgettext_lazy("verbose name", "结束时间"), null=True, blank=True
    )
    status = models.CharField(
        pgettext_lazy("verbose name", "状态"),
        max_length=8,
        choices=IngestRunStatus.choices,
        default=IngestRunStatus.RUNNING,
        db_index=True,
    )
    queued = models.BooleanField(pgettext_lazy("verbose name", "经队列"), default=False)
    options = models.JSONField(pgettext_lazy("verbose name", "选项"), default=dict, blank=True)
    pages_total = models.PositiveIntegerField(pgettext_lazy("verbose name", "版面总数"), default=0)
    pages_stored = models.PositiveIntegerField(pgettext_lazy("verbose name", "新存版面"), default=0)
    pages_updated = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "更新版面"), default=0
    )
    pages_unchanged = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "未变版面"), default=0
    )
    pages_refused = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "拒收版面"), default=0
    )
    articles_created = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "新文章"), default=0
    )
    articles_duplicate = models.PositiveIntegerField(
        pgettext_lazy("verbose name", "重复文章"), default=0
    )
    errors = models.JSONField(pgettext_lazy("verbose name", "错误"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = pgettext_lazy("verbose name", "导入批次")
        verbose_name_plural = pgettext_lazy("verbose name plural", "导入批次")

    def __str__(self) -> str:
        # the site's time zone, as the admin shows the run's other times
        return f"#{self.pk} {self.started_by} {timezone.localtime(self.started_at):%Y-%m-%d %H:%M}"

    @property
    def pages_done(self) -> int:
        """Pages accounted for so far (stored, updated, unchanged or refused)."""
        return self.pages_stored + self.pages_updated + self.pages_unchanged + self.pages_refused

    @property
    def progress(self) -> int:
        """Percent of ``pages_total`` done (0..100; 100 for an empty run)."""
        if not self.pages_total:
            return 100
        return min(100, round(100 * self.pages_done / self.pages_total))
